"""Fuzzing every parser (plain text, Markdown, JSON/JSONL, HTML, RSS/Atom) with hypothesis.

The only outcomes allowed are articles or a ParseError: never another exception, a hang, or an
output out of proportion to the input (how an alias bomb shows itself). The run is bounded (a
fixed number of cases, about 1,000 in all, a few seconds) and derandomised so it is the same on
every machine; ``NEWSBOT_FUZZ_EXAMPLES`` raises the count for a longer soak.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import ParseError
from ingest.index import demo_articles_dir
from ingest.models import Article
from ingest.parsers.base import FIELD_CAPS, ParseContext, parse_bytes

pytestmark = pytest.mark.filterwarnings(
    "ignore:To avoid breaking existing software:DeprecationWarning"  # feedparser's, per entry
)

DATA = Path(__file__).parent / "data" / "parsers"
SCALE = float(os.environ.get("NEWSBOT_FUZZ_EXAMPLES", "1"))
CASES: Counter[str] = Counter()
MAX_SECONDS = 3.0  # per case: far above any honest input of this size


def fuzz_settings(n: int) -> settings:
    return settings(
        max_examples=max(1, int(n * SCALE)),
        deadline=None,  # timed below, with a bound that suits a loaded CI machine
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def seeds() -> list[tuple[str, bytes]]:
    found = [(p.suffix, p.read_bytes()) for p in sorted(demo_articles_dir().glob("*.txt"))[:4]]
    for p in sorted(DATA.glob("*")):
        if p.suffix in (".md", ".json", ".jsonl", ".html", ".xml", ".txt") and p.is_file():
            found.append((p.suffix, p.read_bytes()))
    return found


SEEDS = seeds()
FORMATS = ["text", "markdown", "json", "jsonl", "html", "feed", None]
# Fragments that parsers treat specially: markup, front matter, YAML, JSON and XML syntax.
TOKENS = [
    b"---\n", b"...\n", b"&a ", b"*a", b"!!python/object:os.system ", b"[", b"]", b"{", b"}",
    b'"', b"\\", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b">", b"</", b"<![CDATA[", b"]]>",
    b"<!ENTITY x 'xx'>", b"&x;", b"&#0;", b"<rss version='2.0'>", b"<feed>", b"<item>",
    b"<entry>", b"<script>", b"NaN", b"-1e15", b"1e400", b"\r", b"\n\n", b"\t", b"# ", b"```",
    b"Related Articles", b"This content is AI-generated", b"javascript:", b"http://127.0.0.1/",
    b"\xe2\x80\xae", b"\xf0\x9f\x92\xa5", b"[/x]", b"@everyone",
]  # fmt: skip


def check(data: bytes, fmt: str | None, name: str = "input") -> None:
    ctx = ParseContext(origin=f"fuzz/{name}")
    warnings: list[str] = []
    started = time.monotonic()
    try:
        arts = parse_bytes(data, ctx, fmt=fmt, name=name, warnings=warnings)
    except ParseError as exc:
        assert str(exc)  # a reason a person can read
        arts = []
    elapsed = time.monotonic() - started
    assert elapsed < MAX_SECONDS, f"{elapsed:.1f} s on {len(data)} bytes"
    budget = 4 * len(data) + 20_000  # output in proportion to the input
    total = 0
    for a in arts:
        assert isinstance(a, Article)
        assert isinstance(a.headline, str) and a.headline.strip()
        assert isinstance(a.body, str) and a.body.strip()
        assert len(a.headline) <= FIELD_CAPS["headline"]
        for field in ("outlet", "author"):
            value = getattr(a, field)
            assert value is None or len(value) <= FIELD_CAPS[field]
        assert a.url is None or a.url.lower().startswith(("http://", "https://"))
        total += len(a.text) + sum(map(len, a.related))
    assert total <= budget, f"{total:,} characters out of {len(data):,} bytes"
    CASES[fmt or "sniffed"] += 1


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    _suffix, data = draw(st.sampled_from(SEEDS))
    buf = bytearray(data[:6000])
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(buf)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if op == "insert":
            buf[pos:pos] = draw(st.sampled_from(TOKENS) | st.binary(max_size=8))
        elif op == "delete":
            del buf[pos : pos + draw(st.integers(1, 64))]
        elif op == "replace" and pos < len(buf):
            buf[pos] = draw(st.integers(0, 255))
        else:
            piece = bytes(buf[pos : pos + draw(st.integers(1, 16))])
            buf[pos:pos] = piece * draw(st.integers(1, 20))
    return bytes(buf)


@fuzz_settings(350)
@given(data=mutated(), fmt=st.sampled_from(FORMATS))
def test_mutated_real_inputs(data: bytes, fmt: str | None) -> None:
    check(data, fmt)


@fuzz_settings(150)
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_random_bytes(data: bytes, fmt: str | None) -> None:
    check(data, fmt)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(-(10**20), 10**20)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "headline",
                    "body",
                    "content",
                    "text",
                    "summary",
                    "outlet",
                    "source",
                    "url",
                    "link",
                    "published_at",
                    "date",
                    "timestamp",
                    "author",
                    "authors",
                    "ai_generated",
                    "articles",
                    "items",
                    "data",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@fuzz_settings(200)
@given(value=JSON_VALUES, lines=st.booleans())
def test_json_shaped_records(value: object, lines: bool) -> None:
    if lines:
        items = value if isinstance(value, list) else [value]
        data = "\n".join(json.dumps(v) for v in items).encode()
    else:
        data = json.dumps(value).encode()
    check(data, "jsonl" if lines else "json")


YAML_TEXT = st.text(
    alphabet=st.sampled_from(list("abc: -[]{}&*!|>'\"\n\t#%@`,?0123456789.~")), max_size=200
)


@fuzz_settings(150)
@given(front=YAML_TEXT, body=st.text(max_size=300))
def test_markdown_front_matter(front: str, body: str) -> None:
    check(f"---\ntitle: {front}\n---\n\n{body}\n".encode(), "markdown")


FIELD = st.text(max_size=60) | st.sampled_from(
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "http://",
        "NaN",
        "Tue, 99 Foo 99999 99:99:99 +9999",
    ]
)


def _x(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;")


@fuzz_settings(150)
@given(title=FIELD, link=FIELD, desc=st.text(max_size=500), date=FIELD, atom=st.booleans())
def test_feed_entries(title: str, link: str, desc: str, date: str, atom: bool) -> None:
    if atom:
        feed = (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>'
            f'<title>{_x(title)}</title><link href="{_x(link)}"/><updated>{_x(date)}</updated>'
            f"<content type='html'>{_x(desc)}</content></entry></feed>"
        )
    else:
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
            f"<title>{_x(title)}</title><link>{_x(link)}</link><pubDate>{_x(date)}</pubDate>"
            f"<description>{_x(desc)}</description></item></channel></rss>"
        )
    check(feed.encode("utf-8", "surrogatepass"), "feed")


def test_zz_report_cases() -> None:
    """How many cases ran (shown with ``-rP``); each parser was reached."""
    total = sum(CASES.values())
    print(f"fuzzed {total} cases: {dict(sorted(CASES.items()))}")
    if total:  # run on its own (-k), the counters are empty
        assert {"text", "markdown", "json", "jsonl", "html", "feed"} <= set(CASES)


@pytest.mark.parametrize("stray", [b"\x80", b"\x00"])
def test_a_feed_whose_declared_encoding_holds_a_stray_byte_is_refused_with_a_reason(
    stray: bytes,
) -> None:
    """Found by the mutation fuzzer: feedparser raised on the encoding name instead of flagging
    the feed, and the file's error was not a ParseError."""
    data = (
        b'<?xml version="1.0" encoding="' + stray + b'utf-8"?>\n'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        b"<entry><title>Ferry back</title><id>urn:x:1</id><updated>2026-11-02T00:00:00Z</updated>"
        b"<content>The Velm ferry runs again from Monday, the council said.</content></entry></feed>"
    )
    check(data, "feed")
    check(data, None)
