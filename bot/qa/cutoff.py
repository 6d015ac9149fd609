"""Cutting an abandoned LLM request's connection (used by ``bot.qa.llm.BoundedLLM``).

The worker thread that streams a reply may be blocked reading from the server for as long as the
client's read timeout. Closing the stream from the waiting thread would not wake it, and closing
the model's HTTP client would end every other request on it too. Instead, the httpx client the
model uses (openai's, or ollama's) gets two hooks that note, for a request made inside an
attempt, the socket of its connection; past the deadline the waiting thread shuts that one socket
down: the worker's read returns at once, and the server sees the client go.
"""

from __future__ import annotations

import contextlib
import contextvars
import socket
import threading
from collections.abc import Callable
from typing import Any


class Cutoff:
    """The connection of one attempt's request, which another thread may cut.

    The socket is shut down under the lock, and ``release`` (at the response's close, before its
    connection goes back to the pool) takes the lock: a connection that may already serve another
    request is never cut.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._cut = False
        self._done = False

    def attach(self, stream: Any) -> None:
        """Note the connection's network stream (httpcore's), once it is known."""
        sock = _socket_of(stream)
        if sock is None:
            return
        with self._lock:
            if self._done:
                return
            self._sock = sock
            if self._cut:
                _shutdown(sock)  # given up on before the connection was known

    def release(self) -> None:
        """The response is closed: its connection may now serve another request, never cut."""
        with self._lock:
            self._done = True
            self._sock = None

    def cut(self) -> bool:
        """Shut the connection down now (or as soon as it is known); whether one was open."""
        with self._lock:
            self._cut = True
            if self._done or self._sock is None:
                return False
            _shutdown(self._sock)
            return True


CURRENT: contextvars.ContextVar[Cutoff | None] = contextvars.ContextVar(
    "newsbot_llm_cutoff", default=None
)


def _socket_of(stream: Any) -> socket.socket | None:
    get = getattr(stream, "get_extra_info", None)
    if get is None:
        return None
    try:
        ssl_object = get("ssl_object")
        if ssl_object is not None and ssl_object.selected_alpn_protocol() == "h2":
            return None  # HTTP/2 carries other requests on the same connection: never cut
        sock = get("socket")
    except Exception:
        return None
    return sock if isinstance(sock, socket.socket) else None


def _shutdown(sock: socket.socket) -> None:
    # The plain socket's shutdown, also under TLS: it wakes a read blocked in another thread and
    # sends the server a FIN; closing the file is left to the thread that owns the connection.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _on_request(request: Any) -> None:
    """httpx request hook: inside an attempt, trace the request to learn its connection."""
    cutoff = CURRENT.get()
    extensions = getattr(request, "extensions", None)
    if cutoff is None or not isinstance(extensions, dict):
        return
    inner: Callable[[str, dict[str, Any]], Any] | None = extensions.get("trace")

    def trace(name: str, info: dict[str, Any]) -> Any:
        if name.endswith(("connect_tcp.complete", "start_tls.complete")):
            cutoff.attach(info.get("return_value"))  # a new connection, before the request
        elif name.endswith("response_closed.started"):
            cutoff.release()  # before the connection goes back to the pool
        return inner(name, info) if inner is not None else None

    extensions["trace"] = trace


def _on_response(response: Any) -> None:
    """httpx response hook: inside an attempt, note the connection (also a reused one)."""
    cutoff = CURRENT.get()
    if cutoff is None:
        return
    if getattr(response, "http_version", "") == "HTTP/2":
        cutoff.release()
        return
    cutoff.attach(getattr(response, "extensions", {}).get("network_stream"))


_HOOKS_LOCK = threading.Lock()


def watch_connections(model: Any) -> bool:
    """Install the hooks on the sync httpx client(s) of ``model``; whether there was one.

    ChatOpenAI keeps its openai client in ``root_client``, ChatOllama its ollama client in
    ``_client``; both keep the httpx client in their ``_client``. The hooks do nothing outside an
    attempt, so a client shared with other code is not changed for it.
    """
    found = False
    for attr in ("root_client", "_client"):
        http = getattr(getattr(model, attr, None), "_client", None)
        hooks = getattr(http, "event_hooks", None)
        if not isinstance(hooks, dict) or type(http).__name__.startswith("Async"):
            continue
        with _HOOKS_LOCK:
            for kind, hook in (("request", _on_request), ("response", _on_response)):
                listed = hooks.get(kind)
                if isinstance(listed, list) and hook not in listed:
                    listed.append(hook)
        found = True
    return found
