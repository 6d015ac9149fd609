"""The Discord layer's pure parts: rendering and splitting, `since:`, limits, thread memory."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from bot.discord_app.cogs.admin import check_public_url, safe_filename
from bot.discord_app.conversation import ThreadMemory
from bot.discord_app.limits import AskLimiter, Busy
from bot.discord_app.render import (
    MESSAGE_LIMIT,
    dlen,
    escape_quote,
    pack,
    render_answer,
    render_sources,
    render_status,
    render_summary,
    safe_url,
    split_text,
    thread_name,
)
from bot.discord_app.since import parse_since
from bot.qa.types import CAVEAT, Answer, Citation
from ingest.errors import UserFacingError

WHEN = datetime(2026, 11, 12, 8, 30, tzinfo=UTC)


def cit(n: int, quote: str, **kw) -> Citation:
    base = dict(
        n=n,
        article_id=f"a{n}",
        corpus="g1",
        headline=f"Headline number {n}",
        outlet="Northwind Wire",
        published_at=WHEN,
        url=f"https://news.example/story-{n}",
        quote=quote,
        start=0,
        end=len(quote),
        ai_generated=True,
    )
    base.update(kw)
    return Citation(**base)


def sentence_quote(n: int, length: int = 600) -> str:
    words = []
    i = 0
    while len(" ".join(words)) < length - 40:
        words.append(f"Sentence {i} of quote {n} says the talks went on late into the night.")
        i += 1
    return " ".join(words)[:length].rstrip() + "."


def assert_fits(msgs: list[str]) -> None:
    assert msgs, "no messages"
    for m in msgs:
        assert 0 < dlen(m) <= MESSAGE_LIMIT, dlen(m)


def test_four_long_quotes_split_between_excerpts_and_end_with_the_caveat():
    ans = Answer(
        question="q",
        lead="Here is what 4 articles from Northwind Wire say:",
        citations=[cit(i, sentence_quote(i)) for i in range(1, 5)],
        caveat=CAVEAT,
        notice="Newest indexed article: Nov 12, 2026 (1 day old).",
    )
    msgs = render_answer(ans)
    assert_fits(msgs)
    assert len(msgs) >= 2
    assert msgs[-1].splitlines()[-1] == CAVEAT
    joined = "\n\n".join(msgs)
    assert joined.count(CAVEAT) == 1
    # Each excerpt stays whole in one message, numbered in order, with its citation line.
    for i in range(1, 5):
        holders = [m for m in msgs if f'[{i}] "' in m]
        assert len(holders) == 1
        block = holders[0][holders[0].index(f'[{i}] "') :]
        assert (
            f"[Headline number {i}](<https://news.example/story-{i}>) - Northwind Wire, Nov 12, 2026"
            in block
        )
    assert [int(x) for x in re.findall(r"^\[(\d)\] \"", joined, re.M)] == [1, 2, 3, 4]
    assert msgs[0].startswith("Here is what 4 articles")
    assert "Newest indexed article" in msgs[-1]


def test_caveat_is_last_even_when_the_last_message_is_full():
    # A lead and a quote that together nearly fill one message: the caveat cannot join them.
    ans = Answer(
        question="q",
        lead="Lead.",
        citations=[cit(1, "x" * 900 + "."), cit(2, "y" * 950 + ".")],
        caveat=CAVEAT,
    )
    msgs = render_answer(ans)
    assert_fits(msgs)
    assert msgs[-1].splitlines()[-1] == CAVEAT
    assert msgs[-1] != CAVEAT, "the caveat should keep company with the last excerpt"


def test_a_very_long_llm_lead_splits_at_sentences():
    sentences = [
        f"Sentence {i} is about the ceasefire and what each side said." for i in range(120)
    ]
    lead = " ".join(sentences)
    assert len(lead) > 4000
    ans = Answer(question="q", lead=lead, mode="llm", caveat=CAVEAT)
    msgs = render_answer(ans)
    assert_fits(msgs)
    for m in msgs[:-1]:
        assert m.endswith("."), m[-40:]
    assert " ".join(" ".join(msgs).split()).startswith(" ".join(lead.split())[:200])
    assert msgs[-1].endswith(CAVEAT)


def test_split_prefers_paragraphs_then_cuts_a_giant_word():
    text = "a" * 1500 + "\n\n" + "b" * 1500
    assert split_text(text, 2000) == ["a" * 1500, "b" * 1500]
    pieces = split_text("z" * 4500, 2000)
    assert [len(p) for p in pieces] == [2000, 2000, 500]
    # Astral-plane emoji count two towards Discord's limit.
    emoji = "😀" * 1500
    assert all(dlen(p) <= 2000 for p in split_text(emoji, 2000))


def test_pack_footer_alone_when_nothing_else_fits():
    msgs = pack(["q" * 1990], 2000, footer="the footer")
    assert msgs == ["q" * 1990, "the footer"]


def test_quotes_cannot_ping_format_or_unfurl():
    quote = (
        "Organisers wrote @everyone and @here, pinged <@123456789012345678> and <@&223456789012345678>,\n"
        "said **bold** things, `code`, ||spoilers|| and [click](https://evil.example) "
        "see https://example.org/path_(x)."
    )
    out = escape_quote(quote)
    assert "@everyone" not in out and "@here" not in out
    assert "@\u200beveryone" in out
    assert "<@123456789012345678>" not in out and "<@&223456789012345678>" not in out
    assert "**bold**" not in out and "\\*\\*bold\\*\\*" in out
    assert "\\`code\\`" in out and "\\|\\|spoilers" in out
    assert "\\[click](<https://evil.example>)" in out  # no masked link, no unfurl
    assert "<https://example.org/path_(x)>." in out
    assert "\n" not in out


def test_odd_citations_render_safely():
    ans = Answer(
        question="q",
        lead="@everyone look",
        citations=[
            cit(1, "plain", headline="Brackets [in] the *headline*", url="https://x.example/a b>c"),
            cit(2, "no link", url="javascript:alert(1)", outlet=None, published_at=None),
            cit(3, "empty url", url="", headline=""),
        ],
        caveat=None,
    )
    msgs = render_answer(ans)
    assert_fits(msgs)
    text = "\n".join(msgs)
    assert "@\u200beveryone look" in text
    assert "[Brackets (in) the \\*headline\\*](<https://x.example/a%20b%3Ec>)" in text
    assert "javascript:" not in text
    assert "Headline number 2 - outlet unknown, date unknown" in text
    assert "Untitled article - Northwind Wire" in text


def test_abstention_has_no_excerpts_and_no_caveat():
    ans = Answer(question="q", lead="The indexed articles don't cover this.", abstained=True)
    assert render_answer(ans) == ["The indexed articles don't cover this."]


def test_safe_url_and_thread_name():
    assert safe_url("ftp://x") is None and safe_url(None) is None and safe_url("nope") is None
    assert safe_url("https://a.example/x?y=1#z") == "https://a.example/x?y=1#z"
    name = thread_name("<@1234> @everyone what is " + "very " * 40 + "long?")
    assert len(name) <= 90 and "@everyone" not in name and "<@1234>" not in name


def test_summary_lists_errors_with_sources_and_caps_them():
    summary = {
        "corpus": "g1",
        "full": True,
        "added": 3,
        "updated": 1,
        "removed": 2,
        "unchanged": 10,
        "skipped": 1,
        "errors": [
            {"source": "/data/uploads/g1/", "origin": f"/data/uploads/g1/f{i}.txt", "reason": "bad"}
            for i in range(40)
        ],
        "articles": 12,
        "chunks": 80,
        "seconds": 3.25,
    }
    label = lambda s: s.replace("/data/uploads/g1/", "upload:")  # noqa: E731
    msgs = render_summary(summary, label=label)
    assert_fits(msgs)
    text = "\n".join(msgs)
    assert (
        "(full rebuild) in 3.2 s: 3 added, 1 updated, 2 removed, 10 unchanged, 1 skipped, 40 errors"
        in text
    )
    assert "- `upload:f0.txt`: bad" in text and "...and 15 more." in text
    assert "/data/uploads" not in text


def test_status_and_sources_render():
    st = {
        "corpus": "g1",
        "articles": 14,
        "chunks": 70,
        "sources": 1,
        "newest_article": "2026-11-14T09:00:00+00:00",
        "last_reindex": None,
        "model": "hash",
        "store": "embedded /secret/host/path",
    }
    text = render_status(st, {"corpus": "default", "articles": 3, "newest_article": None})
    assert "Articles: 14 (70 chunks) from 1 source" in text and "Nov 14, 2026" in text
    assert (
        "Last reindex: never" in text
        and "/secret" not in text
        and "shared corpus `default`" in text
    )
    rows = [
        SimpleNamespace(
            spec=f"https://feeds.example/{i}", kind="url", outlet=None, added_at="2026-11-01T00:00"
        )
        for i in range(200)
    ]
    msgs = render_sources(rows)
    assert_fits(msgs)
    assert len(msgs) > 1
    assert render_sources([])[0].startswith("This server has no sources yet")


NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", datetime(2026, 11, 1, tzinfo=UTC)),
        ("Nov 1", datetime(2026, 11, 1, tzinfo=UTC)),
        # a member's yesterday began up to 14 hours before UTC's (UTC+14)
        ("yesterday", datetime(2026, 11, 18, 10, tzinfo=UTC)),
        ("last week", datetime(2026, 11, 9, tzinfo=UTC)),
        ("3 days", datetime(2026, 11, 17, 12, tzinfo=UTC)),
        ("past 2 weeks", datetime(2026, 11, 6, 12, tzinfo=UTC)),
        ("this month", datetime(2026, 11, 1, tzinfo=UTC)),
    ],
)
def test_parse_since(text, expected):
    assert parse_since(text, NOW) == expected


def test_parse_since_refuses_nonsense():
    with pytest.raises(UserFacingError, match="2026-11-01"):
        parse_since("whenever", NOW)


def test_limiter_cooldown_concurrency_and_refund():
    t = [100.0]
    lim = AskLimiter(cooldown_s=10, guild_max_concurrent=2, clock=lambda: t[0])
    s1 = lim.acquire(1, 7)
    with pytest.raises(Busy, match=r"try again in 10 s"):
        lim.acquire(1, 7)
    t[0] += 4
    with pytest.raises(Busy, match=r"try again in 6 s"):
        lim.acquire(1, 7)
    s2 = lim.acquire(2, 7)
    with pytest.raises(Busy, match="answering 2 questions"):
        lim.acquire(3, 7)
    lim.acquire(3, 8).release()  # another guild is not affected
    s1.release()
    with lim.acquire(4, 7):
        pass
    s2.release()
    assert lim.active(7) == 0
    # A question refused as malformed gives its cooldown back.
    with pytest.raises(UserFacingError), lim.acquire(5, 7):
        raise UserFacingError("bad question")
    lim.acquire(5, 7).release()


def test_thread_memory_is_bounded():
    mem = ThreadMemory(max_threads=2, max_turns=2)
    mem.start(1)
    for i in range(3):
        mem.add(1, f"q{i}", f"a{i}")
    assert mem.history(1) == [("q1", "a1"), ("q2", "a2")]
    mem.start(2)
    mem.start(3)
    assert not mem.knows(1) and mem.knows(2) and mem.knows(3)
    assert mem.hint_once(2) and not mem.hint_once(2)


async def test_private_addresses_are_refused():
    for url in (
        "http://127.0.0.1:8000/x",
        "http://localhost/feed",
        "http://10.1.2.3/",
        "http://[::1]/",
    ):
        with pytest.raises(UserFacingError, match="private or local"):
            await check_public_url(url)
    with pytest.raises(UserFacingError, match="http"):
        await check_public_url("ftp://example.org/x")


def test_safe_filename():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("My Notes (1).MD") == "My_Notes_1_.md"
    assert safe_filename("...") == "upload"


# --- hostile text (issue 12, items 2 and 8) -----------------------------------------------------

_LIVE_LINK = re.compile(r"\]\(|(?<![<\w])https?://")  # a masked link, or a URL not in <...>


@pytest.mark.parametrize(
    "lead",
    [
        "[Verify your vote here](https://evil.example/login)",
        "Verify your vote at https://evil.example/login today.",
        "Verify at <https://evil.example/login>.",
        "Join discord.gg/evil for results.",
        "[click](<https://evil.example/login>)",
    ],
)
def test_a_model_lead_carries_no_link_of_any_kind(lead: str) -> None:
    """The probe: a model's masked link came out of render_answer live."""
    (msg,) = render_answer(Answer(question="q", lead=lead, mode="llm", citations=[cit(1, "x")]))
    first = msg.split("\n\n")[0]
    assert "evil" not in first
    assert not _LIVE_LINK.search(first)


def test_a_model_lead_keeps_bold_and_loses_other_markdown() -> None:
    lead = (
        "**Yes**: the vote goes ahead. # Big _italic_ `code` ~~gone~~ ||spoiler|| > quote @everyone"
    )
    (msg,) = render_answer(Answer(question="q", lead=lead, mode="llm"))
    assert msg.startswith("**Yes**: the vote goes ahead.")
    for raw in ("_italic_", "`code`", "~~gone~~", "||spoiler||"):
        assert raw not in msg
    assert "\\_italic\\_" in msg and "\\`code\\`" in msg
    assert "@everyone" not in msg  # shown defused, not as a ping


def test_a_bare_url_in_a_headline_or_outlet_is_wrapped() -> None:
    c = cit(
        1,
        "The vote goes ahead.",
        headline="Results at https://evil.example/results now",
        outlet="http://outlet.example",
    )
    (msg,) = render_answer(Answer(question="q", lead="Lead.", mode="extractive", citations=[c]))
    assert "<https://evil.example/results>" in msg
    assert "<http://outlet.example>" in msg
    assert not re.search(r"(?<![<\w])https?://(?!news\.example)", msg)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://x.example/a"],
)
def test_a_citation_link_that_is_not_http_is_not_rendered(url: str) -> None:
    (msg,) = render_answer(Answer(question="q", lead="Lead.", citations=[cit(1, "q", url=url)]))
    assert url not in msg and "](" not in msg


def test_excerpts_of_one_article_share_one_source_line_and_trims_show() -> None:
    same = {
        "article_id": "a1",
        "headline": "Headline number 1",
        "url": "https://news.example/story-1",
    }
    ans = Answer(
        question="q",
        lead="On Wednesday [1].",
        citations=[
            cit(1, "The talks will be on Wednesday.", **same),
            cit(2, "He told reporters so", cut_end=True, **same),
            cit(3, "Another outlet agreed."),
        ],
    )
    text = "\n".join(render_answer(ans))
    assert text.count("Headline number 1") == 1
    assert text.count("Headline number 3") == 1
    assert '[2] "He told reporters so…"' in text
    assert text.index("[2]") < text.index("Headline number 1") < text.index("[3]")
