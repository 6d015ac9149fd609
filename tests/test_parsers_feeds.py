"""RSS and Atom feeds: entries to articles, and summary-only entries' pages fetched locally."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.fetch import Fetcher
from ingest.parsers.base import ParseContext, parse_bytes, sniff_format
from ingest.parsers.feeds import parse_feed_articles

from .httpserver import LocalHTTPServer

DATA = Path(__file__).parent / "data" / "parsers"
BARRIER = "Northgate council approves & funds new flood barrier"
LIBRARY = "Northgate library extends weekend opening hours"
LIBRARY_PATH = "/regional/library-weekend-hours"
FEED_SUMMARY = "The central library will open on Sundays from April, the council said."


def rss(host: str = "northgate-post.example") -> bytes:
    return (DATA / "rss_feed.xml").read_bytes().replace(b"{HOST}", host.encode())


def ctx(**kw) -> ParseContext:
    kw.setdefault("default_ai_generated", False)
    kw.setdefault("origin", "feeds/northgate.xml")
    return ParseContext(**kw)


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as srv:
        srv.routes[LIBRARY_PATH] = (
            200,
            "text/html; charset=utf-8",
            (DATA / "library_page.html").read_bytes(),
        )
        srv.routes["/feed.xml"] = (200, "application/rss+xml", rss(srv.host))
        yield srv


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(timeout_s=2.0, max_bytes=200_000) as f:
        yield f


def test_rss_full_content_entry():
    warnings: list[str] = []
    articles = parse_feed_articles(rss(), ctx(), warnings)
    assert [a.headline for a in articles] == [BARRIER, LIBRARY]
    a = articles[0]
    assert a.outlet == "Northgate Post – Regional"
    assert a.url == "http://northgate-post.example/regional/northgate-flood-barrier?utm_source=rss"
    assert a.author == "Lisbet Carrow"
    assert a.published_at == datetime(2026, 3, 11, 15, 5, tzinfo=UTC)
    assert (
        a.summary == "Councillors backed the 14-million-crown barrier after last winter's floods."
    )
    assert a.body.startswith("Northgate's city council voted on Wednesday to build a movable")
    assert a.body.split("\n")[1] == (
        "The barrier will cost 14 million crowns, with the regional government paying 60 percent. "
        "Construction is due to begin in September and last about two years."
    )
    assert "the largest public works contract the city had signed" in a.body  # <em> removed
    assert "artist's drawing" not in a.body  # figure captions are not article text
    assert a.ai_generated is True  # disclaimer in the content, default is False
    assert "AI-generated" not in a.body
    assert a.related == [
        "Asker river levels to be monitored by new sensor network.",
        "Insurers raise premiums in Northgate's lower town.",
    ]
    assert "sensor network" not in a.text
    assert a.origin == "feeds/northgate.xml"


def test_rss_summary_only_entry_without_fetch_keeps_the_summary():
    warnings: list[str] = []
    b = parse_feed_articles(rss(), ctx(), warnings)[1]
    assert b.body == FEED_SUMMARY
    assert b.summary == ""
    assert b.author == "Sunniva Holt"  # from "desk@... (Sunniva Holt)"
    assert b.published_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert b.ai_generated is False
    assert warnings == ["skipped entry http://northgate-post.example/regional/untitled: no title"]


def test_context_outlet_wins_over_the_feed_title():
    articles = parse_feed_articles(rss(), ctx(outlet="The Northgate Post"))
    assert {a.outlet for a in articles} == {"The Northgate Post"}


def test_summary_only_entry_page_is_fetched_and_its_text_indexed(server, fetcher):
    warnings: list[str] = []
    articles = parse_feed_articles(rss(server.host), ctx(fetch=fetcher.get), warnings)
    assert server.requests == [LIBRARY_PATH]  # the full-content entry is not fetched
    b = articles[1]
    assert b.headline == LIBRARY
    assert "Head librarian Maren Solberg said the extra hours would be staffed" in b.body
    assert b.body.startswith("The central library in Northgate will open from 11:00 to 16:00")
    assert "Jobs board" not in b.body and "Front page" not in b.body
    assert "Tips: send us a message" not in b.body
    assert b.summary == "Sunday opening starts in April after a petition signed by 2,400 residents."
    # The page says none of these: the feed entry's values fill them.
    assert b.url == server.url(LIBRARY_PATH)
    assert b.outlet == "Northgate Post – Regional"
    assert b.author == "Sunniva Holt"
    assert b.published_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert b.ai_generated is False
    assert b.origin == "feeds/northgate.xml"
    assert warnings == [f"skipped entry {server.url('/regional/untitled')}: no title"]


def test_page_metadata_wins_where_the_page_has_it(server, fetcher):
    server.routes[LIBRARY_PATH] = (200, "text/html", (DATA / "news_page.html").read_bytes())
    b = parse_feed_articles(rss(server.host), ctx(fetch=fetcher.get))[1]
    assert b.headline == LIBRARY  # the feed's title for its own entry
    assert b.url == "https://coastline-courier.example/local/vell-overnight-ferry-approved"
    assert b.published_at == datetime(2026, 2, 18, 6, 45, tzinfo=UTC)
    assert b.author == "Ines Dalgaard"
    assert b.outlet == "Coastline Courier"
    assert b.ai_generated is True  # the page's disclaimer
    assert "ferry Selka" in b.body


def test_failed_fetch_keeps_the_summary_with_a_warning(server, fetcher):
    del server.routes[LIBRARY_PATH]
    warnings: list[str] = []
    b = parse_feed_articles(rss(server.host), ctx(fetch=fetcher.get), warnings)[1]
    assert b.body == FEED_SUMMARY
    assert b.url == server.url(LIBRARY_PATH)
    assert warnings[0] == (
        f"entry '{LIBRARY}': page fetch failed (HTTP 404 Not Found from "
        f"{server.url(LIBRARY_PATH)}); indexed the feed summary only"
    )


def test_refused_connection_keeps_the_summary_with_a_warning(fetcher):
    refused = LocalHTTPServer.refused_url().removeprefix("http://").rstrip("/")
    warnings: list[str] = []
    b = parse_feed_articles(rss(refused), ctx(fetch=fetcher.get), warnings)[1]
    assert b.body == FEED_SUMMARY
    assert warnings[0].startswith(f"entry '{LIBRARY}': page fetch failed (could not fetch ")
    assert warnings[0].endswith("indexed the feed summary only")


def test_page_that_is_not_html_keeps_the_summary(server, fetcher):
    server.routes[LIBRARY_PATH] = (200, "application/pdf", b"%PDF-1.7 not a page")
    warnings: list[str] = []
    b = parse_feed_articles(rss(server.host), ctx(fetch=fetcher.get), warnings)[1]
    assert b.body == FEED_SUMMARY
    assert "page fetch failed (not an HTML page (application/pdf))" in warnings[0]


def test_page_without_article_text_keeps_the_summary(server, fetcher):
    server.routes[LIBRARY_PATH] = (200, "text/html", (DATA / "nav_only.html").read_bytes())
    warnings: list[str] = []
    b = parse_feed_articles(rss(server.host), ctx(fetch=fetcher.get), warnings)[1]
    assert b.body == FEED_SUMMARY
    assert "page fetch failed (no article text found in the page)" in warnings[0]


def test_feed_fetched_then_parsed_end_to_end(server, fetcher):
    final_url, data, content_type = fetcher.get(server.url("/feed.xml"))
    assert sniff_format(final_url, data, content_type) == "feed"
    warnings: list[str] = []
    articles = parse_bytes(
        data, ctx(origin=final_url, fetch=fetcher.get), name=final_url, warnings=warnings
    )
    assert [a.headline for a in articles] == [BARRIER, LIBRARY]
    assert "Maren Solberg" in articles[1].body
    assert len(warnings) == 1


def test_atom_feed():
    [a, b] = parse_feed_articles((DATA / "atom_feed.xml").read_bytes(), ctx())
    assert a.headline == "Kessel Observatory spots second comet in a month"  # html title
    assert a.outlet == "Meridian Science Wire"
    assert a.url == "https://meridian-wire.example/space/kessel-second-comet"
    assert a.author == "Dr. Petra Lind"
    assert a.published_at == datetime(2026, 4, 1, 19, 15, tzinfo=UTC)  # published, not updated
    assert a.summary == "A faint comet was found in images taken on Monday night."
    assert a.body.split("\n")[1].startswith("The object, catalogued as C/2026 G2, was found")
    assert len(a.body.split("\n")) == 3
    assert b.headline == "Seed vault in Orlund adds 3,000 grain samples"
    assert b.published_at == datetime(2026, 3, 30, 12, 0, tzinfo=UTC)  # only <updated>
    assert b.author is None
    assert b.body.split("\n") == [
        "The Orlund seed vault received 3,000 new grain samples from farming cooperatives in "
        "the south, its operators said.",
        "The deposit brings the collection to just over 41,000 samples, most of them barley "
        "and rye varieties grown in the region for centuries.",
    ]


def test_relative_links_resolve_against_a_feed_url():
    data = (
        b'<rss version="2.0"><channel><title>Desk</title><item><title>Bins collected late</title>'
        b"<link>/city/bins-late</link><description>Collections ran a day late.</description>"
        b"</item></channel></rss>"
    )
    [a] = parse_feed_articles(data, ctx(origin="https://desk.example/feeds/city.rss"))
    assert a.url == "https://desk.example/city/bins-late"


def test_malformed_feed_is_a_parse_error():
    with pytest.raises(ParseError, match=r"^malformed feed: "):
        parse_feed_articles((DATA / "malformed_feed.xml").read_bytes(), ctx())


def test_feed_without_entries_is_a_parse_error():
    with pytest.raises(ParseError, match=r"^the feed has no entries$"):
        parse_feed_articles((DATA / "empty_feed.xml").read_bytes(), ctx())


def test_html_page_is_not_a_feed():
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        parse_feed_articles((DATA / "nav_only.html").read_bytes(), ctx())


def test_empty_input_is_a_parse_error():
    with pytest.raises(ParseError, match="empty"):
        parse_feed_articles(b"\n", ctx())


def test_feed_whose_entries_are_all_unusable_is_a_parse_error():
    data = (
        b'<rss version="2.0"><channel><title>Desk</title>'
        b"<item><link>https://desk.example/a</link><description>No title.</description></item>"
        b"<item><title>No text</title><link>https://desk.example/b</link></item>"
        b"</channel></rss>"
    )
    warnings: list[str] = []
    with pytest.raises(ParseError, match=r"^no usable entry in the feed \(skipped entry "):
        parse_feed_articles(data, ctx(), warnings)
    assert warnings == [
        "skipped entry https://desk.example/a: no title",
        "skipped entry 'No text': no text (neither content nor summary)",
    ]


def test_dispatch_by_extension_and_by_sniffing():
    [a, _] = parse_bytes(rss(), ctx(origin="feeds/northgate.rss"))
    [b, _] = parse_bytes(rss(), ctx(origin="feeds/northgate"))
    assert a.headline == b.headline == BARRIER


def test_failed_fetch_without_a_warnings_list_still_indexes_the_summary(fetcher):
    refused = LocalHTTPServer.refused_url().removeprefix("http://").rstrip("/")
    articles = parse_feed_articles(rss(refused), ctx(fetch=fetcher.get))
    assert [a.body for a in articles][1] == FEED_SUMMARY
