"""Fetching what strangers point at (issue 12 items 4, 5 and 6), against loopback servers only.

- DNS rebinding: name resolution is patched (the boundary) to answer a public address for the
  check and 127.0.0.1 afterwards; the fetch must connect to what was checked.
- A server that trickles a byte at a time must be given up on at the total deadline.
- Links found inside a feed are fetched public-only unless the host opts in; feed entry pages are
  capped per feed and fetched a few at a time, at most two at once per host.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ingest.errors import FetchError
from ingest.fetch import Fetcher
from ingest.parsers.base import ParseContext
from ingest.parsers.feeds import parse_feed_articles
from ingest.settings import Settings
from ingest.sources import ReadResult, SourceReader

SECRET = "secret internal token 7f3a"
PAGE = (
    "<html><head><title>Internal page</title></head><body><article><h1>Internal page</h1>"
    + "".join(
        f"<p>Paragraph {i} of the internal page: the {SECRET} sits here among ordinary "
        "words about ferries, harbours and the weather on the coast this week.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.requests.append(self.path)
            srv.hosts.append(self.headers.get("Host", ""))
            srv.active += 1
            srv.peak = max(srv.peak, srv.active)
        try:
            self._serve()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with srv.lock:
                srv.active -= 1

    def _serve(self) -> None:
        srv = self.server
        if self.path == "/trickle-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            while not srv.stopping.wait(0.1):
                self.wfile.write(b"x")
                self.wfile.flush()
            return
        if self.path == "/trickle-head":
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"y" * 500:
                if srv.stopping.wait(0.1):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            return
        if self.path.startswith("/feed.xml"):
            body = srv.feed
            ctype = "application/rss+xml"
        else:
            if srv.page_delay:
                srv.stopping.wait(srv.page_delay)
            body, ctype = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: list[str] = []
        self.hosts: list[str] = []
        self.active = 0
        self.peak = 0
        self.page_delay = 0.0
        self.feed = b""
        self.stopping = threading.Event()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    yield srv
    srv.stopping.set()
    srv.shutdown()
    srv.server_close()
    t.join(timeout=5)


def teaser_feed(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link}</link>"
        f"<description>Teaser {i}: the ferry story continues on the page.</description></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>'
        f"{items}</channel></rss>"
    ).encode()


class Resolver:
    """Patched name resolution: chosen answers for test names, the real resolver otherwise."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
        self.answers = {k: list(v) for k, v in answers.items()}
        self.calls: list[str] = []
        self._real = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", self)

    def __call__(self, host: Any, port: Any, *args: Any, **kw: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in self.answers:
            return self._real(host, port, *args, **kw)
        self.calls.append(name)
        queue = self.answers[name]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]  # the last answer sticks
        out = []
        for ip in answer.split(","):  # "a,b": one answer holding two addresses
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            out.append((family, socket.SOCK_STREAM, 6, "", (ip, int(port or 0))))
        return out


# --- 4. DNS rebinding ---------------------------------------------------------------------------


def test_dns_rebinding_cannot_turn_a_checked_public_name_into_loopback(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe: the check saw a public address, the connection went to 127.0.0.1 and the
    loopback page came back. Now the connection goes to the address that was checked."""
    dns = Resolver(monkeypatch, {"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    with (
        Fetcher(timeout_s=0.5, deadline_s=2, public_only=True) as f,
        pytest.raises(FetchError) as exc,
    ):
        f.get(server.url("/page", host="rebind.test"))
    assert SECRET not in str(exc.value)
    assert server.requests == []  # the loopback server was never reached
    assert dns.calls == ["rebind.test"]  # resolved once: checked and connected alike


def test_a_name_that_resolves_to_loopback_is_refused_before_connecting(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    Resolver(
        monkeypatch, {"intranet.test": ["127.0.0.1"], "mixed.test": ["93.184.216.34,127.0.0.1"]}
    )
    with Fetcher(timeout_s=1, public_only=True) as f:
        for name in ("intranet.test", "mixed.test"):
            with pytest.raises(FetchError, match="private or local address"):
                f.get(server.url("/page", host=name))
    assert server.requests == []


def test_the_pinned_connection_keeps_the_name_in_the_host_header(
    server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    dns = Resolver(monkeypatch, {"news.test": ["127.0.0.1"]})
    with Fetcher(timeout_s=1) as f:  # the host's own URL: private addresses allowed
        final, body, _ = f.get(server.url("/page", host="news.test"))
    assert body == PAGE and final == server.url("/page", host="news.test")
    assert server.hosts == [f"news.test:{server.port}"]
    assert dns.calls == ["news.test"]


# --- 5. deadline, page cap, concurrency ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-head"])
def test_a_trickling_server_is_given_up_on_at_the_total_deadline(server: _Server, path: str):
    """The probe: 1 byte a second kept a 2 s-timeout fetch alive past 25 s."""
    started = time.monotonic()
    with (
        Fetcher(timeout_s=1.0, deadline_s=1.5) as f,
        pytest.raises(FetchError, match=r"gave up .* after 1\.5 s"),
    ):
        f.get(server.url(path))
    assert time.monotonic() - started < 2.5


def test_the_deadline_comes_from_the_settings() -> None:
    s = Settings(_env_file=None, fetch_deadline_s=7, allow_private_addresses=True)  # type: ignore[call-arg]
    with Fetcher.from_settings(s) as f:
        assert f.deadline_s == 7
    assert (
        SourceReader.from_settings(Settings(_env_file=None, feed_max_pages=3), None).max_feed_pages
        == 3
    )  # type: ignore[call-arg]


def test_feed_pages_are_capped_per_feed(server: _Server) -> None:
    links = [server.url(f"/story/{i}") for i in range(10)]
    warnings: list[str] = []
    with Fetcher(timeout_s=2, allow_private_links=True) as f:
        ctx = ParseContext(origin="feed.xml", fetch=f.get_link, max_pages=3, unfetched=set())
        arts = parse_feed_articles(teaser_feed(links), ctx, warnings)
    assert len(arts) == 10
    assert ctx.unfetched == set(links[3:])  # the reindex keeps their earlier, fuller text
    assert sorted(server.requests) == [f"/story/{i}" for i in range(3)]
    assert sum(SECRET in a.body for a in arts) == 3
    over = [w for w in warnings if "over the 3-page limit" in w]
    assert len(over) == 7 and all("indexed the feed summary only" in w for w in over)


def test_feed_pages_are_fetched_concurrently_at_most_two_per_host(server: _Server) -> None:
    server.page_delay = 0.4
    links = [server.url(f"/story/{i}") for i in range(6)]
    with Fetcher(timeout_s=3, allow_private_links=True) as f:
        ctx = ParseContext(origin="feed.xml", fetch=f.get_link, max_pages=50, fetch_workers=4)
        started = time.monotonic()
        arts = parse_feed_articles(teaser_feed(links), ctx)
        elapsed = time.monotonic() - started
    assert all(SECRET in a.body for a in arts) and len(arts) == 6
    assert server.peak == 2  # polite: never more than two at once to one host
    assert elapsed < 6 * 0.4 * 0.75  # and not one by one (2.4 s)


# --- 6. links inside feeds ----------------------------------------------------------------------


def test_links_inside_a_host_feed_do_not_reach_internal_addresses(
    server: _Server, tmp_path: Path
) -> None:
    """The probe: `newsbot ingest feed.xml` followed an entry link to 127.0.0.1 and quoted its
    secret. The feed file is the host's; the link in it is the feed author's."""
    feed = tmp_path / "feed.xml"
    feed.write_bytes(teaser_feed([server.url("/page/77")]))
    result = ReadResult()
    with Fetcher(timeout_s=2) as f:  # the CLI's fetcher: not public-only
        SourceReader(fetcher=f).read(str(feed), "file", result)
    ((art, _),) = result.articles
    assert SECRET not in art.body and art.body.startswith("Teaser 0")
    assert server.requests == []
    assert any("private or local address" in e.reason for e in result.errors)


def test_links_inside_a_host_typed_feed_url_are_public_only_too(server: _Server) -> None:
    server.feed = teaser_feed([server.url("/page/77")])
    result = ReadResult()
    with Fetcher(timeout_s=2) as f:
        # The host typed this URL: it may be private. The link inside it may not.
        SourceReader(fetcher=f).read(server.url("/feed.xml"), "url", result)
    ((art, _),) = result.articles
    assert SECRET not in art.body
    assert server.requests == ["/feed.xml"]


def test_the_host_can_opt_in_to_private_links(server: _Server, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(teaser_feed([server.url("/page/77")]))
    settings = Settings(_env_file=None, allow_private_addresses=True)  # type: ignore[call-arg]
    result = ReadResult()
    with Fetcher.from_settings(settings) as f:
        SourceReader.from_settings(settings, f).read(str(feed), "file", result)
    ((art, _),) = result.articles
    assert SECRET in art.body and server.requests == ["/page/77"]


def test_the_bot_fetcher_ignores_the_opt_in(server: _Server) -> None:
    settings = Settings(_env_file=None, allow_private_addresses=True)  # type: ignore[call-arg]
    with Fetcher.from_settings(settings, public_only=True) as f:
        for get in (f.get, f.get_link):
            with pytest.raises(FetchError, match="private or local address"):
                get(server.url("/page/77"))
    assert server.requests == []


def test_a_refused_entry_page_is_noted_as_unfetched(server: _Server) -> None:
    link = server.url("/page/77")
    with Fetcher(timeout_s=2) as f:
        ctx = ParseContext(origin="feed.xml", fetch=f.get_link, unfetched=set())
        (art,) = parse_feed_articles(teaser_feed([link]), ctx)
    assert ctx.unfetched == {link} and SECRET not in art.body


def test_addresses_that_only_look_public_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.fetch import ensure_public

    Resolver(
        monkeypatch,
        {
            "mapped.test": ["::ffff:127.0.0.1"],  # IPv4-mapped loopback
            "cgnat.test": ["100.64.0.1"],  # carrier-grade NAT: the host's provider network
            "zero.test": ["0.0.0.0"],
            "scoped.test": ["fe80::1%1"],  # link-local with a scope
        },
    )
    for name in ("mapped.test", "cgnat.test", "zero.test", "scoped.test"):
        with pytest.raises(FetchError, match="private or local address"):
            ensure_public(f"http://{name}/x")
