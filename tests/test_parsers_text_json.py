"""The plain-text and JSON/JSONL parsers, and bad input reported per file while the rest indexes."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.index import NewsIndex
from ingest.models import Article, canonical_url
from ingest.parsers.base import ParseContext, parse_bytes
from ingest.parsers.jsonexport import parse_json
from ingest.parsers.plaintext import parse_plaintext
from ingest.settings import Settings
from ingest.sources import ReadResult, SourceReader

from .conftest import DATA, shared_path
from .fakes import HashEmbedder

FIX = DATA / "ingest"
DISCLAIMER_START = "This content is AI-generated"


def _sample() -> Path:
    return shared_path("samples", "thailand-cambodia-talks.txt")


def _sample_lines() -> list[str]:
    return [ln.strip() for ln in _sample().read_text(encoding="utf-8").split("\n") if ln.strip()]


# --- plain text ---------------------------------------------------------------------------------


def test_plaintext_sample_structure() -> None:
    lines = _sample_lines()
    disclaimer = next(i for i, ln in enumerate(lines) if ln.startswith(DISCLAIMER_START))
    related_at = lines.index("Related Articles")
    # default_ai_generated=False: only the disclaimer can make the article AI-generated.
    art = parse_plaintext(
        _sample().read_text(encoding="utf-8"),
        ParseContext(origin="sample.txt", default_ai_generated=False),
    )
    assert art.headline == lines[0]
    assert art.headline.startswith("Thailand and Cambodia Agree to Talks")
    assert art.summary == lines[1]
    assert art.body.split("\n") == lines[2:disclaimer]
    assert len(art.body.split("\n")) == 6
    assert art.ai_generated is True
    assert DISCLAIMER_START not in art.body and DISCLAIMER_START not in art.text
    assert "Related Articles" not in art.text
    assert art.related == lines[related_at + 1 :]
    assert len(art.related) == 4
    assert any("steel" in t for t in art.related)
    for teaser in art.related:
        assert teaser not in art.text
    assert "steel" not in art.text.lower()
    # No date, outlet, author or URL in the text itself: they stay unknown.
    assert art.outlet is None and art.url is None and art.published_at is None
    assert art.author is None
    assert art.id.startswith("p") and len(art.content_hash) == 64


def test_plaintext_without_disclaimer_follows_the_default() -> None:
    lines = _sample_lines()
    text = "\n".join(ln for ln in lines if not ln.startswith(DISCLAIMER_START))
    assert (
        parse_plaintext(text, ParseContext(origin="x", default_ai_generated=False)).ai_generated
        is False
    )
    assert (
        parse_plaintext(text, ParseContext(origin="x", default_ai_generated=True)).ai_generated
        is True
    )
    # A per-source override beats the default for articles without the disclaimer.
    ctx = ParseContext(origin="x", default_ai_generated=True, ai_generated=False)
    assert parse_plaintext(text, ctx).ai_generated is False


def test_plaintext_tolerates_crlf_and_blank_lines() -> None:
    raw = "Headline here\r\n\r\nThe dek.\r\n\r\nPara one.\r\nPara two.\r\n"
    (art,) = parse_bytes(raw.encode(), ParseContext(origin="a.txt"), name="a.txt")
    assert (art.headline, art.summary, art.body) == (
        "Headline here",
        "The dek.",
        "Para one.\nPara two.",
    )


def test_plaintext_refuses_a_wall_of_text() -> None:
    with pytest.raises(ParseError, match="headline"):
        parse_plaintext("word " * 100 + "\nsecond line", ParseContext(origin="x"))


def test_sidecar_metadata_through_source_reader(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(_sample(), src / "talks.txt")
    (src / "talks.meta.json").write_text(
        json.dumps(
            {
                "outlet": "Mekong Monitor",
                "url": "https://mekong-monitor.example/asia/thai-cambodia-talks",
                "published_at": "2025-12-22T10:30:00+07:00",
                "author": "Dara Sok",
            }
        ),
        encoding="utf-8",
    )
    result = ReadResult()
    SourceReader(default_ai_generated=False).read(str(src), "dir", result)
    assert result.errors == []
    (art, spec), *rest = result.articles
    assert rest == [], "the sidecar is metadata, not an article of its own"
    assert spec == str(src)
    assert art.origin == str(src / "talks.txt")
    assert art.outlet == "Mekong Monitor"
    assert art.url == "https://mekong-monitor.example/asia/thai-cambodia-talks"
    assert art.author == "Dara Sok"
    assert art.published_at == datetime(2025, 12, 22, 3, 30, tzinfo=UTC)
    assert art.published_at.utcoffset() is not None
    assert art.ai_generated is True
    assert art.id.startswith("u"), "an article with a URL gets its id from the URL"
    assert len(art.related) == 4


def test_broken_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nDek.\nBody text here.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    result = ReadResult()
    SourceReader().read(str(tmp_path), "dir", result)
    assert result.articles == []
    (issue,) = result.errors
    assert issue.origin == str(tmp_path / "a.txt") and "a.meta.json" in issue.reason


# --- JSON / JSONL -------------------------------------------------------------------------------


def test_json_array() -> None:
    ctx = ParseContext(origin=str(FIX / "export_array.json"), default_ai_generated=True)
    errors: list[str] = []
    arts = parse_json((FIX / "export_array.json").read_text(encoding="utf-8"), ctx, errors=errors)
    assert errors == []
    assert [a.headline for a in arts] == [
        "Ferry operators add winter sailings between Port Amsel and the Lirra islands",
        "Amsel council delays vote on harbour parking fees",
        "Lirra islanders petition for a permanent night ferry",
    ]
    ferry, council, petition = arts
    assert ferry.summary.startswith("Two extra crossings a day")
    assert ferry.body.count("\n") == 2
    assert ferry.outlet == "Coastline Courier" and ferry.author == "Pell Oduya"
    assert ferry.published_at == datetime(2026, 11, 3, 7, 15, tzinfo=UTC)
    # The id comes from the canonical URL: tracking parameters do not make a new article.
    assert ferry.id == ferry.make_id()
    assert canonical_url(ferry.url or "").endswith("lirra-winter-sailings")
    assert council.published_at == datetime(2026, 11, 4, tzinfo=UTC)
    assert council.ai_generated is False, "an explicit flag beats the default"
    assert council.summary == ""
    # A body in the published format: disclaimer and teasers are taken out.
    assert petition.ai_generated is True
    assert petition.related == ["Amsel council delays vote on harbour parking fees."]
    assert DISCLAIMER_START not in petition.text and "Related" not in petition.text
    assert petition.published_at == datetime(2026, 11, 5, 7, tzinfo=UTC)  # epoch milliseconds
    assert len({a.id for a in arts}) == 3


def test_invisible_characters_are_taken_out_of_the_indexed_text() -> None:
    """A zero-width space or soft hyphen inside a word splits it for every reader of the text:
    the answer path would see "Angeles-based" and no "Los"."""
    ctx = ParseContext(origin="export.json", default_ai_generated=True)
    rec = {
        "title": "Harbour\u00adside studio opens",
        "body": "The \u200b\u200bLos Angeles-based studio hired 40 people.\ufeff Emoji stay: \U0001f469\u200d\U0001f4bb.",
        "url": "https://example.org/studio",
    }
    (art,) = parse_json(json.dumps([rec]), ctx)
    assert art.headline == "Harbourside studio opens"
    assert "The Los Angeles-based studio hired 40 people." in art.body
    assert "\u200d" in art.body, "a zero-width joiner inside an emoji is kept"
    assert not any(ch in art.text for ch in "\u200b\ufeff\u00ad\u2060")
    # an article read back from the index keeps its text as stored: its chunks' offsets point in
    stored = Article(headline="Studio", body="The \u200bLos Angeles studio", origin="x")
    assert stored.body == "The \u200bLos Angeles studio"


def test_json_object_wrapping_a_list_with_alternate_field_names() -> None:
    ctx = ParseContext(origin="wrapped.json")
    arts = parse_json((FIX / "export_wrapped.json").read_text(encoding="utf-8"), ctx)
    assert len(arts) == 2, "the wrapper's own fields are not an article"
    apples, cider = arts
    assert apples.headline.startswith("Orchard growers in the Vessel valley")
    assert apples.summary == "A late frost in April cut yields by about a third."
    assert apples.body.startswith("Growers in the Vessel valley picked")
    assert apples.outlet == "Valley Ledger"  # {"name": ...}
    assert apples.url == "https://valleyledger.example/farming/apple-harvest-smallest-in-decade"
    assert apples.published_at == datetime(2026, 11, 9, 6, 30, tzinfo=UTC)  # RFC 2822
    assert apples.author == "Ines Varga, Tomas Reel"
    assert cider.body.startswith("Three cider producers")  # "text"
    assert cider.outlet == "Valley Ledger"  # "publisher"
    assert cider.url == "https://valleyledger.example/business/cider-makers-import-fruit"
    assert cider.published_at == datetime(2026, 11, 10, 8, tzinfo=timezone(timedelta(hours=1)))


def test_json_stringified_missing_author_is_unknown() -> None:
    raw = json.dumps(
        [
            {"title": "A", "body": "Text one.", "author": "None"},
            {"title": "B", "body": "Text two.", "author": ["Ana Ruiz", None, "null"]},
        ]
    )
    a, b = parse_json(raw, ParseContext(origin="x.json"))
    assert a.author is None
    assert b.author == "Ana Ruiz"


def test_json_single_object_is_one_article() -> None:
    raw = json.dumps(
        {"title": "Solo", "content": "Just the one story.", "link": "https://e.example/s"}
    )
    (art,) = parse_json(raw, ParseContext(origin="solo.json"))
    assert (art.headline, art.body, art.url) == (
        "Solo",
        "Just the one story.",
        "https://e.example/s",
    )


def test_jsonl_bad_line_reported_rest_kept() -> None:
    errors: list[str] = []
    arts = parse_json(
        (FIX / "export.jsonl").read_text(encoding="utf-8"),
        ParseContext(origin="export.jsonl"),
        lines=True,
        errors=errors,
    )
    assert [a.headline for a in arts] == [
        "Rail union calls off Friday walkout",
        "Commuters welcome the reprieve",
        "Pay offer details published",
    ]
    assert len(errors) == 1 and errors[0].startswith("line 3:") and "malformed JSON" in errors[0]
    assert arts[1].outlet == "Coastline Courier" and (arts[1].url or "").endswith(
        "commuters-relieved"
    )
    assert arts[1].published_at == datetime(2026, 11, 7, tzinfo=UTC)


def test_jsonl_bad_line_through_source_reader(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    shutil.copy(FIX / "export.jsonl", path)
    result = ReadResult()
    SourceReader().read(str(path), "file", result)
    assert len(result.articles) == 3
    (issue,) = result.errors
    assert issue.origin == str(path) and issue.reason.startswith("line 3:")
    assert str(path) not in result.failed_origins, "a partly readable file is not a failed one"


def test_json_missing_body_is_an_error() -> None:
    raw = json.dumps(
        [
            {"title": "No body here", "url": "https://e.example/1"},
            {"title": "Has one", "body": "Some text.", "url": "https://e.example/2"},
        ]
    )
    errors: list[str] = []
    (art,) = parse_json(raw, ParseContext(origin="x.json"), errors=errors)
    assert art.headline == "Has one"
    assert errors == ["item 0: no body/content/text field"]
    # Without an errors list a bad record fails the whole input, saying which one.
    with pytest.raises(ParseError, match="item 0: no body"):
        parse_json(raw, ParseContext(origin="x.json"))
    # Nothing usable at all: an error that carries the first reason.
    with pytest.raises(ParseError, match=r"no usable article.*no body"):
        parse_json(json.dumps([{"title": "x"}]), ParseContext(origin="x.json"), errors=[])
    with pytest.raises(ParseError, match="no title/headline"):
        parse_json(json.dumps([{"body": "x"}]), ParseContext(origin="x.json"))


def test_json_of_the_wrong_shape() -> None:
    with pytest.raises(ParseError, match="expected a JSON array"):
        parse_json("42", ParseContext(origin="x.json"))
    with pytest.raises(ParseError, match="expected an object"):
        parse_json('["just a string"]', ParseContext(origin="x.json"))
    with pytest.raises(ParseError, match=r"malformed JSON.*line 1"):
        parse_json('[{"title": "x", ', ParseContext(origin="x.json"))


# --- bad input through the reader and the reindex -----------------------------------------------

GOOD_TEXT = (
    "Library in Seltz extends opening hours for exam season\n"
    "The central library will stay open until midnight from May 2 to June 14.\n"
    "Seltz Central Library will open until midnight on weekdays during the exam period, the city said.\n"
    "The change follows a student petition that gathered 2,400 signatures.\n"
)


def _bad_inputs(folder: Path, cap: int) -> dict[str, str]:
    """Write one good file and one of each kind of bad file; return name -> expected reason."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    shutil.copy(FIX / "export_array.json", folder / "good.json")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes(
        "Caf\u00e9 owners protest\nThe dek.\nBody.\n".encode("latin-1")
    )
    (folder / "empty.txt").write_bytes(b"  \n\n")
    (folder / "huge.txt").write_text(
        "Huge\nDek.\n" + "A sentence. " * (cap // 10), encoding="utf-8"
    )
    (folder / "broken.json").write_text('[{"headline": "Cut", "body": "off', encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return {
        "binary.txt": "binary",
        "latin1.txt": "not valid UTF-8 (byte 0xe9",
        "empty.txt": "empty",
        "huge.txt": "cap",
        "broken.json": "malformed JSON",
    }


def test_bad_files_reported_by_source_reader(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    expected = _bad_inputs(folder, cap=4000)
    result = ReadResult()
    SourceReader(max_file_bytes=4000).read(str(folder), "dir", result)
    got = {Path(e.origin).name: e for e in result.errors}
    assert set(got) == set(expected)
    for name, reason in expected.items():
        assert got[name].source == str(folder)
        assert reason in got[name].reason, (name, got[name].reason)
    assert {Path(o).name for o in result.failed_origins} == set(expected)
    assert sorted(a.headline for a, _ in result.articles)[0].startswith("Amsel council")
    assert len(result.articles) == 4  # good.txt + the three of good.json
    assert [Path(s.origin).name for s in result.skipped] == ["notes.pdf"]
    assert "unsupported file type '.pdf'" in result.skipped[0].reason


def test_bad_files_reported_by_reindex_while_good_ones_index(tmp_path: Path, chroma_client) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", max_file_bytes=4000)  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    folder = tmp_path / "mixed"
    expected = _bad_inputs(folder, cap=4000)
    c = index.corpus("bad-input")
    c.add_sources([str(folder)])
    s = c.reindex()
    assert s.added == 4 and s.articles == 4
    assert s.read_anything is True
    assert s.skipped == 1
    by_name = {Path(e["origin"]).name: e for e in s.errors}
    assert set(by_name) == set(expected)
    for name, reason in expected.items():
        e = by_name[name]
        assert e["source"] == str(folder) and e["origin"] == str(folder / name)
        assert reason in e["reason"]
    # The summary is what the CLI prints as JSON: it must serialise as is.
    assert json.loads(json.dumps(s.as_dict()))["errors"] == s.errors
    assert c.collection().count() == s.chunks > 0


def test_nothing_readable_is_flagged(tmp_path: Path, chroma_client) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    bad = tmp_path / "only-bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    c = index.corpus("nothing")
    c.add_sources([str(bad)])
    s = c.reindex()
    assert s.read_anything is False
    assert s.articles == 0 and len(s.errors) == 1 and "binary" in s.errors[0]["reason"]


def test_missing_source_path_is_an_error(tmp_path: Path) -> None:
    result = ReadResult()
    SourceReader().read(str(tmp_path / "gone"), "dir", result)
    (issue,) = result.errors
    assert issue.reason == "not found" and str(tmp_path / "gone") in result.failed_sources
    result = ReadResult()
    SourceReader().read(str(tmp_path / "*.nothing"), "glob", result)
    assert result.errors[0].reason == "no files match"


def test_jsonl_bad_line_reported_by_reindex_rest_indexed(tmp_path: Path, chroma_client) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(FIX / "export.jsonl", folder / "wire.jsonl")
    shutil.copy(FIX / "export_wrapped.json", folder / "ledger.json")
    c = index.corpus("jsonl")
    c.add_sources([str(folder)])
    s = c.reindex()
    assert (s.added, s.articles) == (5, 5) and s.read_anything is True
    (err,) = s.errors
    assert err["origin"] == str(folder / "wire.jsonl")
    assert err["reason"].startswith("line 3: malformed JSON")
    outlets = {r.outlet for r in c.db.articles().values()}
    assert outlets == {"Coastline Courier", "Valley Ledger"}
    # The next run reports the bad line again but changes nothing.
    s = c.reindex()
    assert s.unchanged == 5 and s.embedded_chunks == 0 and len(s.errors) == 1
