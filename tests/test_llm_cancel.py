"""Giving up on the model closes its connection at once, not at the server's next piece.

A slow local model server (llama.cpp, Ollama, vLLM) may send a piece every few seconds, or
nothing for a long while as it reads the prompt. When the answer's deadline passes, the
connection of the request we gave up on is cut then, so the server stops generating for it; the
HTTP client the model shares with other requests keeps working for them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from bot.qa.llm import BoundedLLM, LLMOutcome

from .fake_llm_server import FakeLLMServer, Request, Script
from .test_qa_llm_bounded import PASSAGE, QUESTION, model

pytest.importorskip("langchain_openai")

PIECE_S = 4.0  # the slow server's pause between pieces: far longer than the deadline
DEADLINE_S = 1.0
CUT_WITHIN_S = 1.5  # the server sees the client go within this of the deadline


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(Script(token_s=PIECE_S)) as srv:
        yield srv


def slow_model(tmp_path, srv: FakeLLMServer) -> BoundedLLM:
    # A read timeout longer than the wait for a piece: only the deadline ends the request.
    return model(tmp_path, srv, llm_deadline_s=30.0, llm_timeout_s=30.0, llm_max_tokens=10_000)


def wait_stopped(req: Request, within_s: float) -> float | None:
    end = time.monotonic() + within_s
    while req.stopped is None and time.monotonic() < end:
        time.sleep(0.02)
    return req.stopped


def llm_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "newsbot-llm" and t.is_alive()}


@pytest.mark.parametrize("mode", ["trickle", "hang"])
def test_the_connection_is_cut_at_the_deadline_not_at_the_next_piece(
    tmp_path, server, mode
) -> None:
    """trickle: a piece came, the next is 4 s away; hang: the server still reads the prompt."""
    server.script.mode = mode
    llm = slow_model(tmp_path, server)
    before = llm_threads()
    deadline = time.monotonic() + DEADLINE_S
    out = llm.compose(QUESTION, [PASSAGE], deadline=deadline)
    returned = time.monotonic()
    assert out.status == "timeout", out.detail
    assert returned - deadline < 0.5, returned - deadline
    assert len(server.requests) == 1
    req = server.requests[0]
    stopped = wait_stopped(req, CUT_WITHIN_S + 0.5)
    seen = "not yet" if stopped is None else f"{stopped - deadline:.2f} s after the deadline"
    print(f"{mode}: the server saw the client go: {seen}")
    assert stopped is not None, "the server is still generating for an abandoned request"
    assert stopped - deadline < CUT_WITHIN_S, stopped - deadline
    assert req.why == "client gone"
    # The worker thread ends with its request, not at the next piece or the read timeout.
    end = time.monotonic() + 1.0
    while llm_threads() - before and time.monotonic() < end:
        time.sleep(0.02)
    assert llm_threads() - before == set()


def test_cutting_one_request_leaves_the_shared_client_working_for_others(tmp_path, server) -> None:
    """Two questions at once through one model (one HTTP client): the slow one is cut at its
    deadline while the other is still streaming its reply, which arrives whole."""
    server.script.modes = {"SLOW": "trickle"}
    server.script.mode = "parrot"
    server.script.reply_token_s = 0.06  # the good reply takes about 1.5 s to stream
    llm = slow_model(tmp_path, server)
    llm.methods = ()  # the prompt path
    slow: list[LLMOutcome] = []
    deadline = time.monotonic() + DEADLINE_S
    t = threading.Thread(
        target=lambda: slow.append(llm.compose(f"SLOW {QUESTION}", [PASSAGE], deadline=deadline))
    )
    t.start()
    time.sleep(0.4)
    good = llm.compose(QUESTION, [PASSAGE], deadline=time.monotonic() + 20)
    t.join(5)
    assert slow and slow[0].status == "timeout", slow
    assert good.status == "verified", good.detail
    by_mode = {"SLOW" in str(r.body["messages"]): r for r in server.requests}
    assert len(server.requests) == 2
    cut, whole = by_mode[True], by_mode[False]
    # It was still streaming when the other was cut (we close it ourselves once its JSON is whole;
    # the server's thread notes the close a moment after our reply returns, later on a busy CPU).
    whole_stopped = wait_stopped(whole, 2.0)
    assert whole_stopped is not None and whole_stopped > deadline + 0.2
    assert cut.why == "client gone" and cut.stopped is not None
    assert cut.stopped - deadline < CUT_WITHIN_S
    # ...and the client still answers afterwards.
    again = llm.compose(QUESTION, [PASSAGE], deadline=time.monotonic() + 20)
    assert again.status == "verified", again.detail
