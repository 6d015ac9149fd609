"""/ask through the real discord.py client and a fake Discord: what the bot sends, and when."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from bot.discord_app.client import guild_corpus
from bot.discord_app.errors import APOLOGY
from bot.qa.types import CAVEAT

from .discord.fake_discord import (
    API,
    APP_ID,
    EDITOR_ID,
    EPHEMERAL,
    GUILD_A,
    GUILD_B,
    MEMBER_ID,
    Call,
    FakeDiscord,
    Injected,
)
from .discord.harness import running_bot

QUESTION = "Who is mediating the Halverton transit strike?"


def answer_messages(fake: FakeDiscord, inter: Injected) -> list[Call]:
    """The answer as the member sees it: the edited deferral, then any follow-ups."""
    return [
        c
        for c in fake.interaction_calls(inter)
        if c.status < 300
        and (
            (c.method == "PATCH" and c.path.endswith("/messages/@original"))
            or (c.method == "POST" and c.path.startswith("/webhooks/"))
        )
    ]


async def wait_answer(fake: FakeDiscord, inter: Injected, timeout: float = 15) -> list[Call]:
    """Wait until the answer is complete: the caveat closes the last message."""

    def done(_: list[Call]) -> list[Call] | None:
        msgs = answer_messages(fake, inter)
        if msgs and (msgs[-1].content or "").endswith((CAVEAT, "don't cover this.")):
            return msgs
        return None

    return await fake.wait_for(done, timeout)


def callback(fake: FakeDiscord, inter: Injected) -> Call:
    found = [c for c in fake.interaction_calls(inter) if c.path.endswith("/callback")]
    assert len(found) == 1, found
    return found[0]


async def test_ask_defers_at_once_then_answers_with_citations_and_caveat(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        # Start-up: REST and gateway both went to the fake; commands synced to the dev guild only.
        assert fake.find("GET", "^/gateway/bot$")
        assert fake.find("PUT", rf"^/applications/{APP_ID}/guilds/{GUILD_A}/commands$")
        assert not fake.find("PUT", rf"^/applications/{APP_ID}/commands$")
        assert not fake.intents & (1 << 15), "Message Content intent asked for without the setting"

        inter = await fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        msgs = await wait_answer(fake, inter)
        cb = callback(fake, inter)
        assert cb.json == {"type": 5}
        assert cb.t - inter.t < 3.0
        assert cb.t < msgs[0].t
        text = "\n".join(m.content or "" for m in msgs)
        assert "Hollis Brandt" in text
        assert '[1] "' in text
        assert "](<https://" in text and ") - " in text  # [Headline](<url>) - Outlet, date
        assert msgs[-1].content.splitlines()[-1] == CAVEAT
        fake.assert_no_pings()
        call = env.qa.calls[0]
        assert call["question"] == QUESTION
        assert call["corpora"] == [guild_corpus(GUILD_A)]
        assert call["history"] == [] and call["since"] is None and call["outlet"] is None


async def test_since_and_outlet_reach_the_core_and_the_shared_corpus_is_searched(
    tmp_path, chroma_client
):
    async with running_bot(tmp_path, chroma_client, shared_corpus="default") as env:
        inter = await env.fake.interaction(
            "ask",
            {"question": QUESTION, "since": "2026-11-10", "outlet": "Northwind Wire"},
        )
        await wait_answer(env.fake, inter)
        call = env.qa.calls[0]
        assert call["since"] == datetime(2026, 11, 10, tzinfo=UTC)
        assert call["outlet"] == "Northwind Wire"
        assert call["corpora"] == [guild_corpus(GUILD_A), "default"]


async def test_an_article_saying_everyone_pings_nobody(tmp_path, chroma_client):
    articles = tmp_path / "b-articles"
    articles.mkdir()
    (articles / "rally.txt").write_text(
        "Rally organisers send @everyone alert about Quillon harbour protest\n"
        "Organisers of the Quillon harbour protest posted a message to @everyone and @here, "
        "tagging <@&940000000000000001> and <@930000000000000002>, urging supporters to gather "
        "at the Quillon harbour gates on Saturday morning.\n"
    )
    async with running_bot(tmp_path, chroma_client) as env:
        corpus = env.index.corpus(guild_corpus(GUILD_B))
        corpus.add_sources([str(articles)])
        corpus.reindex()
        inter = await env.fake.interaction(
            "ask",
            {"question": "What did the Quillon harbour protest organisers post?"},
            guild=GUILD_B,
        )
        msgs = await wait_answer(env.fake, inter)
        text = "\n".join(m.content or "" for m in msgs)
        assert "everyone" in text  # the quote is there...
        assert "@everyone" not in text and "@here" not in text  # ...but cannot ping
        assert "<@&940000000000000001>" not in text and "<@930000000000000002>" not in text
        env.fake.assert_no_pings()
        # Guild B searches only its own corpus.
        assert env.qa.calls[0]["corpora"] == [guild_corpus(GUILD_B)]


async def test_ten_concurrent_asks_are_all_deferred_in_time(tmp_path, chroma_client):
    # A slow model (1 s a question): acknowledgement must not wait for it.
    async with running_bot(tmp_path, chroma_client, qa_delay_s=1.0) as env:
        inters = await asyncio.gather(
            *(env.fake.interaction("ask", {"question": QUESTION}) for _ in range(10))
        )
        await asyncio.gather(*(wait_answer(env.fake, i, timeout=30) for i in inters))
        for inter in inters:
            cb = callback(env.fake, inter)
            assert cb.json["type"] == 5
            assert cb.t - inter.t < 3.0, cb.t - inter.t
        assert len(env.qa.calls) == 10


async def test_a_429_is_retried_and_the_answer_still_arrives(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        env.fake.fail_once("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
        inter = await env.fake.interaction("ask", {"question": QUESTION})
        msgs = await wait_answer(env.fake, inter)
        patches = [c for c in env.fake.interaction_calls(inter) if c.method == "PATCH"]
        assert [c.status for c in patches] == [429, 200]
        assert patches[1].t - patches[0].t >= 0.15  # waited retry_after (0.2 s)
        assert patches[0].json == patches[1].json
        assert msgs[-1].content.endswith(CAVEAT)


async def test_cooldown_and_bad_options_answer_privately(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client, ask_cooldown_s=30) as env:
        first = await env.fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        await wait_answer(env.fake, first)
        again = await env.fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        cb = await env.fake.wait_for(
            lambda _: [c for c in env.fake.interaction_calls(again) if c.path.endswith("/callback")]
        )
        assert cb[0].json["type"] == 4
        assert cb[0].flags & EPHEMERAL
        assert "try again in" in cb[0].content and " s." in cb[0].content
        # A since: it cannot read is refused privately, before any deferral.
        bad = await env.fake.interaction(
            "ask", {"question": QUESTION, "since": "whenever"}, user=EDITOR_ID
        )
        cb = await env.fake.wait_for(
            lambda _: [c for c in env.fake.interaction_calls(bad) if c.path.endswith("/callback")]
        )
        assert cb[0].json["type"] == 4 and cb[0].flags & EPHEMERAL
        assert "2026-11-01" in cb[0].content
        # So is something that is not a question, and it costs no cooldown.
        for q in ("?? !!", "x" * 600):
            odd = await env.fake.interaction("ask", {"question": q}, user=EDITOR_ID)
            cb = await env.fake.wait_for(
                lambda _, odd=odd: [
                    c for c in env.fake.interaction_calls(odd) if c.path.endswith("/callback")
                ]
            )
            assert cb[0].json["type"] == 4 and cb[0].flags & EPHEMERAL
            assert "question" in cb[0].content.lower()
        assert len(env.qa.calls) == 1


async def test_user_errors_after_deferral_replace_the_placeholder_privately(
    tmp_path, chroma_client
):
    async with running_bot(tmp_path, chroma_client) as env:
        # Guild B has nothing indexed: NothingIndexed, a user-facing error, after the deferral.
        inter = await env.fake.interaction("ask", {"question": QUESTION}, guild=GUILD_B)
        followup = await env.fake.wait_for(
            lambda _: [
                c
                for c in env.fake.interaction_calls(inter)
                if c.method == "POST" and c.path.startswith("/webhooks/")
            ]
        )
        calls = env.fake.interaction_calls(inter)
        assert calls[0].json == {"type": 5}
        assert any(c.method == "DELETE" and c.path.endswith("/@original") for c in calls)
        assert followup[0].flags & EPHEMERAL
        assert "Nothing is indexed yet" in followup[0].content
        env.fake.assert_no_pings([c for c in calls if c.content is not None])


async def test_unexpected_errors_are_logged_and_answered_with_an_apology(
    tmp_path, chroma_client, caplog
):
    async with running_bot(tmp_path, chroma_client) as env:

        def broken(*_a, **_k):
            raise RuntimeError("model exploded")

        env.qa.inner.draft = broken  # type: ignore[method-assign]
        with caplog.at_level(logging.ERROR):
            inter = await env.fake.interaction("ask", {"question": QUESTION})
            followup = await env.fake.wait_for(
                lambda _: [
                    c
                    for c in env.fake.interaction_calls(inter)
                    if c.method == "POST" and c.path.startswith("/webhooks/")
                ]
            )
        assert followup[0].content == APOLOGY and followup[0].flags & EPHEMERAL
        logged = [r for r in caplog.records if "command /ask failed" in r.getMessage()]
        assert logged and logged[0].exc_info and "model exploded" in str(logged[0].exc_info[1])


def test_fake_paths_have_no_api_prefix():
    # The recorded paths are relative to the API base (what Route paths look like).
    assert API == "/api/v10"
