"""A throwaway HTTP server on 127.0.0.1 for fetch and feed tests (no internet involved).

Use it as a context manager, usually from a fixture::

    with LocalHTTPServer({"/a": (200, "text/html", b"<p>hi</p>")}) as srv:
        fetcher.get(srv.url("/a"))

A route is ``(status, content type, body)``, optionally followed by a delay in seconds before the
response starts and a dict of extra headers. ``streamed`` routes send ``size`` bytes in chunks
with no Content-Length, so only counting what arrives can catch them. ``refused_url`` is an
address on which nothing listens.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = tuple[Any, ...]  # (status, content_type, body[, delay_s[, headers]])

_CHUNK = 16 * 1024


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        srv = self.server
        path = self.path
        srv.requests.append(path)
        try:
            if path in srv.streamed:
                self._stream(srv.streamed[path])
                return
            route = srv.routes.get(path)
            if route is None:
                route = (404, "text/plain; charset=utf-8", b"not found")
            status, content_type, body, *rest = route
            delay = float(rest[0]) if rest else 0.0
            headers: dict[str, str] = dict(rest[1]) if len(rest) > 1 else {}
            if delay and srv.stopping.wait(delay):
                return
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or size cap under test)

    def _stream(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Connection", "close")  # body ends when the connection does
        self.end_headers()
        self.close_connection = True
        sent = 0
        while sent < size and not self.server.stopping.is_set():
            n = min(_CHUNK, size - sent)
            self.wfile.write(b"x" * n)
            self.wfile.flush()
            sent += n


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route], streamed: dict[str, int]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.streamed = streamed
        self.requests: list[str] = []
        self.stopping = threading.Event()


def refused_port() -> int:
    """A loopback port nothing listens on: bound to learn a free number, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalHTTPServer:
    def __init__(
        self, routes: dict[str, Route] | None = None, streamed: dict[str, int] | None = None
    ) -> None:
        self._server = _Server(dict(routes or {}), dict(streamed or {}))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def routes(self) -> dict[str, Route]:
        """Live: routes added after start are served."""
        return self._server.routes

    @property
    def requests(self) -> list[str]:
        """Paths requested so far, in order."""
        return self._server.requests

    def url(self, path: str) -> str:
        return self.base + path

    @staticmethod
    def refused_url(path: str = "/") -> str:
        return f"http://127.0.0.1:{refused_port()}{path}"

    def __enter__(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stopping.set()  # cut delayed and streaming responses short
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
