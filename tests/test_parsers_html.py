"""Web pages through trafilatura: main text without boilerplate, metadata, no network."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parsers.base import ParseContext, parse_bytes
from ingest.parsers.html import html_to_paragraphs, parse_html

DATA = Path(__file__).parent / "data" / "parsers"

BOILERPLATE = [
    "Local News Desk",
    "Subscribe for unlimited reading",
    "Advertisement",
    "Dalgren Outdoor Gear",
    "We use cookies",
    "Most read",
    "Vell rowers take regional title",
    "All rights reserved",
    "Contact the newsroom",
    "By Ines Dalgaard",
]


def ctx(**kw) -> ParseContext:
    kw.setdefault("default_ai_generated", False)
    return ParseContext(origin="https://coastline-courier.example/some/page", **kw)


def page(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_news_page_metadata(no_network):
    a = parse_html(page("news_page.html"), ctx())
    assert a.headline == "Vell harbour board approves overnight ferry to Marrow Island"
    assert a.outlet == "Coastline Courier"
    assert a.url == "https://coastline-courier.example/local/vell-overnight-ferry-approved"
    assert a.author == "Ines Dalgaard"
    assert a.summary == (
        "The harbour board voted 6-1 to run a night crossing to Marrow Island from April."
    )
    # The page's article:published_time keeps the clock time trafilatura's day-only date drops.
    assert a.published_at == datetime(2026, 2, 18, 6, 45, tzinfo=UTC)
    assert a.origin == "https://coastline-courier.example/some/page"


def test_news_page_body_is_the_article_without_boilerplate(no_network):
    a = parse_html(page("news_page.html"), ctx())
    lines = a.body.split("\n")
    assert lines[0].startswith("The Vell harbour board on Tuesday approved a year-long trial")
    assert (
        "Under the plan, the ferry Selka will leave Vell at 23:30 each night and return from "
        "Marrow at 05:15" in a.body
    )
    assert lines[-1] == (
        "Tickets for the first sailings go on sale on March 20, and the service is due to start "
        "on April 3."
    )
    assert len(lines) == 5  # one paragraph a line
    # Headline and dek are carried apart, not repeated at the top of the body.
    assert a.headline not in a.body
    assert a.summary not in a.body
    for junk in BOILERPLATE:
        assert junk not in a.body, junk


def test_disclaimer_marks_ai_generated_and_teasers_stay_out(no_network):
    a = parse_html(page("news_page.html"), ctx(default_ai_generated=False))
    assert a.ai_generated is True
    assert "AI-generated" not in a.body
    assert "third processing line" not in a.text
    assert "north quay run three months late" not in a.text


def test_page_without_canonical_or_site_name_uses_the_context(no_network):
    a = parse_html(
        page("library_page.html"),
        ctx(url="https://northgate-post.example/regional/library", outlet="Northgate Post"),
    )
    assert a.headline == "Northgate library extends weekend opening hours"
    assert a.url == "https://northgate-post.example/regional/library"
    assert a.outlet == "Northgate Post"
    assert a.published_at is None
    assert a.ai_generated is False
    assert "Head librarian Maren Solberg said the extra hours" in a.body
    assert "Jobs board" not in a.body
    assert "Tips: send us a message" not in a.body


def test_outlet_falls_back_to_the_host_name():
    a = parse_html(page("library_page.html"), ctx(url="https://www.northgate-post.example/x"))
    assert a.outlet == "northgate-post.example"


def test_json_ld_date_in_a_graph_and_site_name():
    a = parse_html(page("jsonld_only.html"), ctx())
    assert a.published_at == datetime(2026, 5, 6, 14, 20, tzinfo=UTC)
    assert a.outlet == "Fenwick Daily"
    assert a.body.startswith("A plant that turns used bottles into building insulation")


def test_day_only_date_is_midnight_utc():
    html = (
        "<html><head><title>Night market moves</title>"
        "<meta name='date' content='2026-07-09'></head><body><article>"
        "<p>The Saturday night market will move to the old tram depot next month.</p>"
        "<p>Traders said the new site has more shelter from the wind.</p>"
        "</article></body></html>"
    )
    a = parse_html(html.encode(), ctx())
    assert a.published_at == datetime(2026, 7, 9, tzinfo=UTC)


def test_windows_1252_page_is_decoded():
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\u00e9 reopens</title></head>"
        "<body><article><p>The caf\u00e9 on M\u00f8lle Street reopens on Monday after "
        "\u2018long\u2019 repairs, its owner said.</p><p>The menu is unchanged.</p></article>"
        "</body></html>"
    )
    a = parse_html(html.encode("cp1252"), ctx())
    assert "The caf\u00e9 on M\u00f8lle Street reopens on Monday after \u2018long\u2019" in a.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"<html><head><title>x</title></head><body></body></html>",
            "no article text found in the page",
            id="empty-body",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "not an HTML page (could not parse the markup)",
            id="binary",
        ),
    ],
)
def test_page_without_article_text_is_a_parse_error(data, message):
    with pytest.raises(ParseError) as exc:
        parse_html(data, ctx())
    assert str(exc.value) == message


def test_nav_only_page_is_not_an_article():
    # trafilatura itself returns the nav link text ("Home") as the page's "main text".
    with pytest.raises(ParseError) as exc:
        parse_html(page("nav_only.html"), ctx())
    assert str(exc.value) == "no article text found in the page"


def test_empty_input_is_a_parse_error():
    with pytest.raises(ParseError, match="empty"):
        parse_html(b"  \n", ctx())


def test_dispatch_by_extension_and_by_sniffing(no_network):
    [a] = parse_bytes(page("news_page.html"), ctx(), name="saved/story.html")
    [b] = parse_bytes(
        page("news_page.html"), ParseContext(origin="saved/story", default_ai_generated=False)
    )
    assert (
        a.headline == b.headline == "Vell harbour board approves overnight ferry to Marrow Island"
    )
    assert a.body == b.body


def test_html_fragment_to_paragraphs():
    fragment = (
        "<p>First <b>bold</b> and <a href='/x'>linked</a> words.</p>"
        "<p>Line one<br>line two</p><ul><li>Item A</li><li>Item B</li></ul>"
        "<figure><img src='x.jpg'><figcaption>A caption</figcaption></figure>"
        "<script>var x = 1;</script><blockquote>A quote.</blockquote>Trailing text"
    )
    assert html_to_paragraphs(fragment) == [
        "First bold and linked words.",
        "Line one",
        "line two",
        "Item A",
        "Item B",
        "A quote.",
        "Trailing text",
    ]
    assert html_to_paragraphs("Plain text\n\nsecond  para") == ["Plain text", "second para"]
    assert html_to_paragraphs("") == []
