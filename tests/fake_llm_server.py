"""A fake OpenAI-compatible chat server on 127.0.0.1: the model end of the LLM path, scripted.

It speaks ``POST /v1/chat/completions`` (streamed as server-sent events, or whole) the way
llama.cpp's and vLLM's servers do, and behaves as told by ``mode``:

- ``"parrot"``: answers with the first sentence of excerpt 1, quoted and cited (a reply that
  passes verification);
- ``"reply"``: sends ``content`` as given (a wrong or fabricated reply);
- ``"trickle"``: a model that never stops: a token every ``token_s`` seconds, until the client
  goes away;
- ``"hang"``: accepts the request and sends nothing, until the client goes away;
- ``"status"``: answers HTTP ``status`` (429, 500, 503...).

``modes`` overrides ``mode`` for a request whose question holds one of its keys, so that one
server can answer one request and trickle another at once.

``refuse_formats`` lists the ``response_format`` types answered with HTTP 500 (as
llama-cpp-python's server did for ``json_schema``). ``fail_first`` answers the first N requests
with ``status`` before behaving as ``mode``.

Each request is recorded with when it started and when it stopped generating, and why
(``"done"``, or ``"client gone"`` when the client closed the connection): the test of whether an
abandoned request stops generating reads these.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    body: dict[str, Any]
    started: float
    stopped: float | None = None
    why: str = ""
    tokens: int = 0

    @property
    def response_format(self) -> str | None:
        rf = self.body.get("response_format")
        return rf.get("type") if isinstance(rf, dict) else None


@dataclass
class Script:
    mode: str = "parrot"
    content: str = ""
    token_s: float = 0.2
    reply_token_s: float = 0.0  # pause between the pieces of a "parrot" or "reply" reply
    status: int = 500
    refuse_formats: tuple[str, ...] = ()
    fail_first: int = 0
    modes: dict[str, str] = field(default_factory=dict)  # words in the question -> mode
    requests: list[Request] = field(default_factory=list)


def _question(body: dict[str, Any]) -> str:
    return str(
        next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
    )


def parrot_reply(body: dict[str, Any]) -> str:
    """The first sentence of excerpt 1, as the answer and as its quote."""
    m = re.search(r"<excerpt n=1 [^>]*>\n(.*?)\n</excerpt>", _question(body), re.S)
    text = m.group(1) if m else ""
    sentence = re.split(r"(?<=[.!?])\s+", text.strip())[0] if text.strip() else ""
    body, end = (
        (sentence[:-1], sentence[-1]) if sentence[-1:] in (".", "!", "?") else (sentence, ".")
    )
    return json.dumps({"answer": f"{body} [1]{end}", "claims": [{"n": 1, "quote": sentence}]})


class _Handler(BaseHTTPRequestHandler):
    server: FakeLLMServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        script = self.server.script
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        req = Request(body, time.monotonic())
        with self.server.lock:
            script.requests.append(req)
            n = len(script.requests)
        try:
            self._serve(script, req, n)
        except (BrokenPipeError, ConnectionResetError):
            req.why = req.why or "client gone"
        finally:
            if req.stopped is None:
                req.stopped = time.monotonic()
            self.close_connection = True

    def _serve(self, script: Script, req: Request, n: int) -> None:
        user = _question(req.body)
        mode = next((m for key, m in script.modes.items() if key in user), script.mode)
        if n <= script.fail_first or mode == "status":
            self._json(script.status, {"error": {"message": f"scripted {script.status}"}})
            req.why = f"status {script.status}"
            return
        if req.response_format in script.refuse_formats:
            self._json(500, {"error": {"message": "unsupported response_format (scripted)"}})
            req.why = "refused format"
            return
        if mode == "hang":
            while not self._client_gone(0.05):
                if self.server.stopping.is_set():
                    return
            req.why = "client gone"
            return
        stream = bool(req.body.get("stream"))
        if mode == "trickle":
            if not stream:  # a non-streamed request cannot be seen to be dropped
                while not self._client_gone(0.05) and not self.server.stopping.is_set():
                    pass
                req.why = "client gone"
                return
            self._start_stream()
            i = 0
            while not self.server.stopping.is_set():
                self._event(req, f"word{i} " if i else '{"answer": "word ')
                i += 1
                if self._client_gone(script.token_s):
                    req.why = "client gone"
                    return
            return
        content = parrot_reply(req.body) if mode == "parrot" else script.content
        if not stream:
            self._json(200, _completion(content))
            req.why = "done"
            return
        self._start_stream()
        for piece in re.findall(r"\S+\s*|\s+", content):
            self._event(req, piece)
            if script.reply_token_s and self._client_gone(script.reply_token_s):
                req.why = "client gone"
                return
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        req.why = "done"

    def _client_gone(self, wait_s: float) -> bool:
        """Whether the client closed its end, waiting up to ``wait_s`` to see."""
        sock = self.connection
        readable, _, _ = select.select([sock], [], [], wait_s)
        if not readable:
            return False
        try:
            return sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _json(self, status: int, obj: dict[str, Any]) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def _event(self, req: Request, piece: str) -> None:
        chunk = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "fake",
            "choices": [
                {
                    "index": 0,
                    "delta": {"role": "assistant", "content": piece},
                    "finish_reason": None,
                }
            ],
        }
        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.flush()
        req.tokens += 1


def _completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class FakeLLMServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script or Script()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    @property
    def requests(self) -> list[Request]:
        return self.script.requests

    def generating(self) -> list[Request]:
        """Requests the server is still working on."""
        return [r for r in self.script.requests if r.stopped is None]

    def __enter__(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
