"""A feed corpus keeps what it has read: entries that roll off the feed stay (unless older than
NEWSBOT_RETENTION_DAYS), and an entry whose page fails to fetch keeps the full text indexed
earlier. Feeds and pages come from a local HTTP server; real embedded Chroma."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from ingest.index import Corpus, NewsIndex
from ingest.settings import Settings

from .fakes import HashEmbedder
from .httpserver import LocalHTTPServer

NOW = datetime.now(UTC)


def _body(topic: str) -> str:
    return " ".join(
        f"<p>The {topic} story continues with detail number {i}, reported in full by the desk.</p>"
        for i in range(12)
    )


def _item(srv: LocalHTTPServer, slug: str, days_ago: float, *, teaser: bool = False) -> str:
    when = format_datetime(NOW - timedelta(days=days_ago))
    text = (
        f"<description>A short teaser about {slug}.</description>"
        if teaser
        else f"<content:encoded><![CDATA[{_body(slug)}]]></content:encoded>"
    )
    return (
        f"<item><title>The {slug} story</title><link>{srv.url('/' + slug)}</link>"
        f"<pubDate>{when}</pubDate>{text}</item>"
    )


def _feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Local Wire</title><link>http://local.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _page(slug: str) -> bytes:
    paras = "".join(
        f"<p>The full {slug} page explains point {i} at length, with names and figures.</p>"
        for i in range(10)
    )
    return (
        f"<html><head><title>The {slug} story</title></head><body><article>"
        f"<h1>The {slug} story</h1>{paras}</article></body></html>"
    ).encode()


@pytest.fixture
def srv() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as s:
        yield s


def _corpus(tmp_path, chroma_client, srv: LocalHTTPServer, **kw) -> Corpus:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path / "data", allow_private_addresses=True, **kw
    )
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    c = index.corpus("wire")
    c.add_sources([srv.url("/feed.xml")])
    return c


def _headlines(c: Corpus) -> set[str]:
    return {a.headline for a in c.db.articles().values()}


def _consistent(c: Corpus) -> None:
    assert set(c.collection().get(include=[])["ids"]) == c.db.chunk_ids()


def test_entries_that_roll_off_the_feed_are_kept(tmp_path, chroma_client, srv) -> None:
    c = _corpus(tmp_path, chroma_client, srv)
    srv.routes["/feed.xml"] = (200, "application/rss+xml", _feed(_item(srv, "alpha", 2)))
    assert c.reindex().added == 1
    srv.routes["/feed.xml"] = (200, "application/rss+xml", _feed(_item(srv, "beta", 1)))
    s = c.reindex()
    assert (s.added, s.removed) == (1, 0)
    assert _headlines(c) == {"The alpha story", "The beta story"}
    c.reindex(full=True)
    assert _headlines(c) == {"The alpha story", "The beta story"}
    _consistent(c)
    # removing the source is what removes them
    assert c.remove_source(srv.url("/feed.xml"))
    assert c.reindex().removed == 2
    assert _headlines(c) == set()


def test_retention_days_removes_old_entries_that_left_the_feed(
    tmp_path, chroma_client, srv
) -> None:
    c = _corpus(tmp_path, chroma_client, srv, retention_days=30)
    srv.routes["/feed.xml"] = (
        200,
        "application/rss+xml",
        _feed(_item(srv, "old", 90), _item(srv, "recent", 3), _item(srv, "kept", 60)),
    )
    assert c.reindex().added == 3
    # still in the feed: kept whatever its age
    srv.routes["/feed.xml"] = (
        200,
        "application/rss+xml",
        _feed(_item(srv, "kept", 60), _item(srv, "new", 0)),
    )
    s = c.reindex()
    assert (s.added, s.removed) == (1, 1)
    assert _headlines(c) == {"The recent story", "The kept story", "The new story"}
    _consistent(c)


def test_a_failed_page_fetch_keeps_the_full_text_indexed_earlier(
    tmp_path, chroma_client, srv
) -> None:
    c = _corpus(tmp_path, chroma_client, srv)
    srv.routes["/feed.xml"] = (
        200,
        "application/rss+xml",
        _feed(_item(srv, "gamma", 1, teaser=True)),
    )
    srv.routes["/gamma"] = (200, "text/html; charset=utf-8", _page("gamma"))
    assert c.reindex().added == 1
    (before,) = c.db.articles().values()
    assert "explains point 9" in before.text
    del srv.routes["/gamma"]  # the page is gone (404) this time
    s = c.reindex()
    assert (s.updated, s.removed, s.unchanged_degraded) == (0, 0, 1)
    assert any("page fetch failed" in e["reason"] for e in s.errors)
    (after,) = c.db.articles().values()
    assert (after.content_hash, after.text) == (before.content_hash, before.text)
    c.reindex(full=True)
    (after,) = c.db.articles().values()
    assert "explains point 9" in after.text
    _consistent(c)
