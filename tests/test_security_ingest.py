"""Hostile files at ingest: each test reproduces an attack on the parsers (issue 12 items 1 and 8,
issue 11 item 2) and checks it ends as a reported error or a safe article, never as a crash,
a runaway allocation or a stored ``javascript:`` link."""

from __future__ import annotations

import contextlib
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.index import NewsIndex
from ingest.parsers.base import FIELD_CAPS, ParseContext, parse_bytes, parse_datetime
from ingest.parsers.jsonexport import parse_json
from ingest.settings import Settings
from ingest.sources import ReadResult, SourceReader

from .fakes import HashEmbedder

BODY = "The harbour authority said the ferry would resume on Monday after repairs."


def alias_bomb(levels: int) -> bytes:
    """The probe's shape: ``title:`` an alias nesting ``levels`` levels of 10 aliases each."""
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    lines += [f"title: *a{levels}", "---", "", BODY]
    return "\n".join(lines).encode()


# --- 1. YAML alias bomb -----------------------------------------------------------------------


@pytest.mark.parametrize("levels", [6, 9])
def test_a_yaml_alias_bomb_in_front_matter_is_refused_fast_and_small(levels: int) -> None:
    data = alias_bomb(levels)
    assert len(data) < 700  # a few hundred bytes, well under any size cap
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ParseError, match="aliases"):
            parse_bytes(data, ParseContext(origin="upload/bomb.md"), name="bomb.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 1.0
    assert peak < 5_000_000  # expanded, 6 levels alone were a 7.2 MB headline


def test_a_yaml_alias_bomb_is_reported_by_the_reader_and_the_rest_indexed(tmp_path: Path) -> None:
    (tmp_path / "bomb.md").write_bytes(alias_bomb(9))
    (tmp_path / "good.md").write_text(f"---\ntitle: Ferry resumes\n---\n\n{BODY}\n")
    result = ReadResult()
    SourceReader().read(str(tmp_path), "dir", result)
    assert [a.headline for a, _ in result.articles] == ["Ferry resumes"]
    (err,) = result.errors
    assert err.origin == str(tmp_path / "bomb.md") and "aliases" in err.reason


def test_plain_anchors_without_aliases_still_read() -> None:
    md = b"---\ntitle: &t Ferry resumes\noutlet: Harbour Post\n---\n\n" + BODY.encode()
    (a,) = parse_bytes(md, ParseContext(origin="x.md"), name="x.md")
    assert a.headline == "Ferry resumes" and a.outlet == "Harbour Post"


def test_deeply_nested_front_matter_is_a_parse_error() -> None:
    md = b"---\ntitle: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n\n" + BODY.encode()
    with pytest.raises(ParseError, match="front matter"):
        parse_bytes(md, ParseContext(origin="x.md"), name="x.md")


@pytest.mark.parametrize(
    "fmt,data",
    [
        (
            "markdown",
            b"---\ntitle: " + b"Long " * 2_000 + b"\nauthor: " + b"A" * 9000 + b"\n---\n\n",
        ),
        ("json", json.dumps({"title": "Long " * 20_000, "author": "A" * 9000}).encode()[:-1]),
    ],
)
def test_every_metadata_field_is_capped_after_parsing(fmt: str, data: bytes) -> None:
    if fmt == "markdown":
        data += BODY.encode()
    else:
        data += b', "body": ' + json.dumps(BODY).encode() + b"}"
    (a,) = parse_bytes(data, ParseContext(origin="x"), fmt=fmt)
    assert len(a.headline) <= FIELD_CAPS["headline"] and a.headline.endswith("…")
    assert a.author is not None and len(a.author) <= FIELD_CAPS["author"]
    assert a.body == BODY


# --- 8. links that are not web links, bodies that are not text ----------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "http://",
        "http://exa mple.org/x",
    ],
)
def test_non_web_urls_are_dropped_at_ingest(url: str, tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Post</title>
    <item><title>Ferry resumes</title><link>{url}</link>
    <description>{BODY * 8}</description></item></channel></rss>""".encode()
    (from_feed,) = parse_bytes(feed, ParseContext(origin="f.xml"), fmt="feed")
    rec = {"title": "Ferry resumes", "body": BODY, "url": url}
    (from_json,) = parse_json(json.dumps(rec), ParseContext(origin="x.json"))
    (tmp_path / "a.txt").write_text(f"Ferry resumes\nDek.\n{BODY}\n")
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": url}))
    result = ReadResult()
    SourceReader().read(str(tmp_path), "dir", result)
    ((from_sidecar, _),) = result.articles
    assert from_feed.url is None and from_json.url is None and from_sidecar.url is None


def test_web_urls_are_kept() -> None:
    rec = {"title": "Ferry resumes", "body": BODY, "url": "https://harbour.example/ferry?id=1"}
    (a,) = parse_json(json.dumps(rec), ParseContext(origin="x.json"))
    assert a.url == "https://harbour.example/ferry?id=1"


@pytest.mark.parametrize(
    "record,reason",
    [
        ({"title": "Ferry resumes", "body": 12345}, "body is a number"),
        ({"title": "Ferry resumes", "body": ["a", "list", "of", "words"]}, "body is a list"),
        ({"title": "Ferry resumes", "body": {"text": BODY}}, "body is an object"),
        ({"title": 42, "body": BODY}, "headline is a number"),
        ({"title": ["Ferry", "resumes"], "body": BODY}, "headline is a list"),
        ({"title": "Ferry resumes", "body": True}, "body is a boolean"),
    ],
)
def test_json_records_whose_text_is_not_text_are_refused(record: dict, reason: str) -> None:
    errors: list[str] = []
    good = {"title": "Bridge reopens", "body": BODY}
    arts = parse_json(json.dumps([record, good]), ParseContext(origin="x.json"), errors=errors)
    assert [a.headline for a in arts] == ["Bridge reopens"]
    assert errors == [f"item 0: the {reason}, not text"]


# --- issue 11, item 2: one bad record or file never aborts the rest ------------------------------


@pytest.mark.parametrize(
    "published",
    ["NaN", "Infinity", "-Infinity", "-1e15", "1e300", "99999999999999999999", "-1"],
)
def test_impossible_dates_are_unknown_not_a_crash(published: str) -> None:
    text = '[{"title": "Ferry resumes", "body": "' + BODY + '", "published_at": ' + published + "}]"
    (a,) = parse_json(text, ParseContext(origin="x.json"))
    if published == "-1":
        assert a.published_at is not None and a.published_at.year == 1969
    else:
        assert a.published_at is None


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1e15, 1e19, True, [2026], {"y": 1}])
def test_parse_datetime_never_raises(value: object) -> None:
    assert parse_datetime(value) is None


def test_deeply_nested_json_is_reported_not_raised() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ParseError, match="nested too deeply"):
        parse_bytes(deep.encode(), ParseContext(origin="deep.json"), fmt="json")
    errors: list[str] = []
    lines = "\n".join([deep, json.dumps({"title": "Ferry resumes", "body": BODY})])
    arts = parse_json(lines, ParseContext(origin="x.jsonl"), lines=True, errors=errors)
    assert [a.headline for a in arts] == ["Ferry resumes"]
    assert errors == ["line 1: malformed JSON: nested too deeply"]


def test_bad_records_and_files_are_reported_by_reindex_with_their_origin(
    tmp_path: Path, chroma_client
) -> None:
    """The probe: a NaN date, a -1e15 date and a deep file beside good articles. Before, every
    reindex of the corpus failed with a traceback and the good article was never indexed."""
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "export.jsonl").write_text(
        f'{{"title": "NaN date", "body": "{BODY}", "published_at": NaN}}\n'
        f'{{"title": "Far past", "body": "{BODY}", "published_at": -1e15}}\n'
        f'{{"title": "Bridge reopens", "body": "{BODY}", "published_at": 1790000000}}\n'
    )
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (folder / "deep-record.json").write_text(
        f'[{{"title": "Deep", "body": "{BODY}", "author": {"[" * 900 + "]" * 900}}}]'
    )
    (folder / "good.txt").write_text(f"Ferry resumes\nDek.\n{BODY}\n")
    c = index.corpus("hostile")
    c.add_sources([str(folder)])
    s = c.reindex()
    assert s.read_anything
    by_origin = {Path(e["origin"]).name: e["reason"] for e in s.errors}
    assert "nested too deeply" in by_origin["deep.json"]
    assert s.articles >= 4  # the three export records with a usable date or none, and good.txt
    headlines = {a.headline for a in c.db.articles().values()}
    assert {"Ferry resumes", "Bridge reopens", "NaN date", "Far past"} <= headlines
    # ... and the next reindex is just as clean.
    again = c.reindex()
    assert again.unchanged == s.articles and again.added == 0


# --- slow inputs: every parser is linear in its input ---------------------------------------------

ADVERSARIAL_LINES = {
    "emphasis": "*a " * 35_000,
    "underscores": "_a " * 35_000,
    "strong": "**a " * 26_000,
    "strike": "~~a " * 26_000,
    "brackets": "[" * 100_000 + "a",
    "links": "[a](" * 26_000,
    "images": "![a](" * 21_000,
    "autolinks": "<http://" * 13_000,
    "heading spaces": "# a" + " \t" * 50_000 + "x",
    "backtick run": "a " + "`" * 100_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL_LINES))
def test_markdown_markup_cannot_make_parsing_quadratic(name: str) -> None:
    """A 60 KB line of '*a ' took 34 s (each '*' rescanned the rest of the line): a 2 MB
    upload would have held the reindex for hours (this test's 100 KB, about 100 s). Now a
    pass over the line, milliseconds."""
    data = ("# Title\n\n" + ADVERSARIAL_LINES[name] + "\n").encode()
    assert len(data) >= 100_000
    started = time.monotonic()
    with contextlib.suppress(ParseError):
        parse_bytes(data, ParseContext(origin="x.md"), fmt="markdown")
    assert time.monotonic() - started < 1.0


def test_feed_author_and_teaser_cannot_make_parsing_quadratic() -> None:
    author = "a@" * 50_000  # "\S+@\S+" backtracked over every "@": about 30 s
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        f"<title>Ferry resumes</title><author>{author}</author>"
        f"<description>{'teaser ' + ' ' * 1000}</description>"
        f"<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>{BODY}"
        "</content:encoded></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    (a,) = parse_bytes(feed, ParseContext(origin="f.xml"), fmt="feed")
    assert time.monotonic() - started < 1.0
    assert a.author is not None and len(a.author) <= FIELD_CAPS["author"]


def test_oversize_front_matter_is_refused_before_yaml_reads_it() -> None:
    md = ("---\n" + "key: value\n" * 20_000 + "---\n\n" + BODY).encode()
    started = time.monotonic()
    with pytest.raises(ParseError, match="over 64,000 characters"):
        parse_bytes(md, ParseContext(origin="x.md"), fmt="markdown")
    assert time.monotonic() - started < 0.5
