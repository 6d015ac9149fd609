"""Fetcher against a local server: success, HTTP errors, timeouts, size caps, refused connections."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ingest.errors import FetchError
from ingest.fetch import Fetcher

from .httpserver import LocalHTTPServer

PAGE = b"<html><body><p>The ferry timetable changes on Monday.</p></body></html>"
CAP = 1_000


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    routes = {
        "/page": (200, "text/html; charset=utf-8", PAGE),
        "/moved": (301, "text/plain", b"", 0, {"Location": "/page"}),
        "/missing-story": (404, "text/plain", b"no such story"),
        "/broken": (503, "text/plain", b"try later"),
        "/slow": (200, "text/html", PAGE, 2.0),
        "/declared-big": (200, "text/html", b"y" * (CAP + 500)),
        "/just-under": (200, "text/plain", b"z" * CAP),
    }
    with LocalHTTPServer(routes, streamed={"/stream-big": CAP * 50}) as srv:
        yield srv


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(timeout_s=0.3, max_bytes=CAP) as f:
        yield f


def test_success_returns_final_url_body_and_content_type(server, fetcher):
    final_url, body, content_type = fetcher.get(server.url("/page"))
    assert final_url == server.url("/page")
    assert body == PAGE
    assert content_type == "text/html; charset=utf-8"


def test_redirect_is_followed_and_final_url_reported(server, fetcher):
    final_url, body, _ = fetcher.get(server.url("/moved"))
    assert final_url == server.url("/page")
    assert body == PAGE
    assert server.requests == ["/moved", "/page"]


def test_body_exactly_at_the_cap_is_accepted(server, fetcher):
    _, body, _ = fetcher.get(server.url("/just-under"))
    assert len(body) == CAP


def test_404_is_a_fetch_error_naming_the_status(server, fetcher):
    url = server.url("/missing-story")
    with pytest.raises(FetchError) as exc:
        fetcher.get(url)
    assert "404" in str(exc.value)
    assert url in str(exc.value)


def test_server_error_is_a_fetch_error(server, fetcher):
    with pytest.raises(FetchError, match="503"):
        fetcher.get(server.url("/broken"))


def test_slow_server_times_out(server, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetcher.get(server.url("/slow"))
    assert time.monotonic() - started < 1.5  # gave up at the timeout, not after the delay


def test_declared_oversize_body_is_refused_by_content_length(server, fetcher):
    with pytest.raises(FetchError) as exc:
        fetcher.get(server.url("/declared-big"))
    msg = str(exc.value)
    assert "1,500 bytes" in msg
    assert "1,000-byte cap" in msg


def test_streamed_oversize_body_is_cut_off_at_the_cap(server, fetcher):
    with pytest.raises(FetchError) as exc:
        fetcher.get(server.url("/stream-big"))
    assert "over the 1,000-byte cap" in str(exc.value)


def test_connection_refused_is_a_fetch_error(fetcher):
    url = LocalHTTPServer.refused_url("/story")
    with pytest.raises(FetchError) as exc:
        fetcher.get(url)
    assert "could not fetch" in str(exc.value)
    assert url in str(exc.value)


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/feed.xml", "file:///etc/hostname", "127.0.0.1/page", ""]
)
def test_non_http_url_is_refused_without_a_request(fetcher, url):
    with pytest.raises(FetchError, match=r"not an http\(s\) URL"):
        fetcher.get(url)


def test_public_only_refuses_loopback_before_any_request(server):
    with (
        Fetcher(timeout_s=2, public_only=True) as f,
        pytest.raises(FetchError, match="private or local address"),
    ):
        f.get(server.url("/page"))
    assert "/page" not in server.requests


def test_ensure_public_rejects_loopback_v6_and_link_local_metadata():
    from ingest.fetch import ensure_public

    with pytest.raises(FetchError, match="private or local"):
        ensure_public("http://127.0.0.1:9/x")
    with pytest.raises(FetchError, match="private or local"):
        ensure_public("http://[::1]/x")
    with pytest.raises(FetchError, match="private or local"):
        ensure_public("http://169.254.169.254/latest/meta-data")
    ensure_public("http://93.184.216.34/")  # a public literal address resolves without DNS
