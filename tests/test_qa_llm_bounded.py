"""The LLM call is bounded: the real ChatOpenAI client (langchain-openai) against a fake
OpenAI-compatible server on 127.0.0.1 that answers, trickles forever, hangs, or fails.

What is checked: the answer (or the decision to keep the quoted one) comes within the deadline;
a timeout is never retried; connection errors, 429 and 5xx are, within the deadline; a request we
gave up on stops generating on the server; the output cap is sent; structured output a server
refuses falls back to the next method, and is not tried again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.qa.llm import BoundedLLM, json_closed, make_chat_model
from bot.qa.types import Passage
from ingest.settings import Settings

from .fake_llm_server import FakeLLMServer, Script

pytest.importorskip("langchain_openai")

TEXT = (
    "Transport unions in Halverton began a strike on Monday. About 4,800 drivers, mechanics and "
    "station staff walked off the job after talks on pay broke down."
)
PASSAGE = Passage(
    chunk_id="a:0",
    article_id="a",
    corpus="demo",
    text=TEXT,
    start=0,
    end=len(TEXT),
    headline="Halverton transit strike begins",
    outlet="Northwind Wire",
    url="https://example.org/a",
    published_at=None,
    ai_generated=True,
)
QUESTION = "Who went on strike in Halverton?"


def settings(tmp: Path, base_url: str, **kw: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp,
        "llm_base_url": base_url,
        "llm_deadline_s": 10.0,  # roomy: the machine may be busy; timing tests set their own
        "llm_timeout_s": 2.0,
        "llm_max_tokens": 60,
    }
    values.update(kw)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(Script()) as srv:
        yield srv


def model(tmp: Path, srv: FakeLLMServer, **kw: Any) -> BoundedLLM:
    return make_chat_model("openai:fake", settings(tmp, srv.base_url, **kw))


def wait_until_stopped(srv: FakeLLMServer, within_s: float) -> list[Any]:
    end = time.monotonic() + within_s
    while srv.generating() and time.monotonic() < end:
        time.sleep(0.05)
    return srv.generating()


def test_a_good_reply_is_verified_and_the_output_cap_is_sent(tmp_path, server) -> None:
    llm = model(tmp_path, server)
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "verified", out.detail
    assert out.answer is not None and out.answer.mode == "llm"
    assert out.answer.citations[0].quote.startswith("Transport unions in Halverton")
    body = server.requests[0].body
    assert body["stream"] is True
    # langchain-openai's name for the cap, and the one OpenAI-compatible servers read.
    assert body["max_completion_tokens"] == 60 and body["max_tokens"] == 60
    assert body["temperature"] == 0


def test_a_refused_structured_output_falls_back_and_is_not_tried_again(tmp_path, server) -> None:
    """llama-cpp-python's server answered json_schema with HTTP 500."""
    server.script.refuse_formats = ("json_schema",)
    llm = model(tmp_path, server)
    assert llm.methods == ("json_schema", "json_mode")
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "verified", out.detail
    assert out.method == "json_mode"
    assert [r.response_format for r in server.requests] == ["json_schema", "json_object"]
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "verified" and out.method == "json_mode"
    assert [r.response_format for r in server.requests][2:] == ["json_object"]


def test_when_every_structured_method_is_refused_the_prompt_path_answers(tmp_path, server) -> None:
    server.script.refuse_formats = ("json_schema", "json_object")
    out = model(tmp_path, server).compose(QUESTION, [PASSAGE])
    assert out.status == "verified" and out.method == "prompt", out.detail
    assert [r.response_format for r in server.requests] == ["json_schema", "json_object", None]


def test_a_hung_server_gives_up_at_the_deadline_once_and_the_request_ends(tmp_path, server) -> None:
    server.script.mode = "hang"
    llm = model(tmp_path, server, llm_deadline_s=2.0, llm_timeout_s=1.0)
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    took = time.monotonic() - t0
    assert out.status == "timeout" and out.answer is None and out.pieces == 0
    assert took < 2.6, took
    assert len(server.requests) == 1, "a timed-out request was retried"
    # The client's read timeout (1 s) closed the connection: the server saw it go.
    assert wait_until_stopped(server, 2.0) == []
    assert server.requests[0].why == "client gone"


def test_a_model_that_never_stops_is_cut_off_at_the_deadline_on_the_server_too(
    tmp_path, server
) -> None:
    server.script.mode = "trickle"
    server.script.token_s = 0.05
    llm = model(tmp_path, server, llm_deadline_s=2.0, llm_max_tokens=10_000)
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    gave_up = time.monotonic()
    assert out.status == "timeout" and out.pieces > 10
    assert gave_up - t0 < 2.6
    assert wait_until_stopped(server, 1.0) == [], "still generating 1 s after we gave up"
    req = server.requests[0]
    assert req.why == "client gone" and req.stopped is not None
    assert req.stopped - gave_up < 1.0
    assert len(server.requests) == 1


def test_the_reply_is_cut_at_the_output_cap_even_if_the_server_ignores_it(tmp_path, server) -> None:
    server.script.mode = "trickle"
    server.script.token_s = 0.01
    llm = model(tmp_path, server, llm_deadline_s=20.0, llm_max_tokens=30)
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "unverified"
    assert time.monotonic() - t0 < 5
    assert wait_until_stopped(server, 1.0) == []
    assert server.requests[0].tokens < 60


@pytest.mark.parametrize("status", [429, 502, 503])
def test_rate_limits_and_server_errors_are_retried_within_the_deadline(
    tmp_path, server, status
) -> None:
    server.script.status = status
    server.script.fail_first = 2
    llm = model(tmp_path, server, llm_deadline_s=8.0)
    llm.methods = ()  # the prompt path: every request the same
    llm.backoff_s = 0.1
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "verified", out.detail
    assert len(server.requests) == 3


def test_a_server_that_keeps_failing_is_given_up_on_before_the_deadline(tmp_path, server) -> None:
    server.script.mode = "status"
    server.script.status = 503
    llm = model(tmp_path, server, llm_deadline_s=3.0)
    llm.backoff_s = 0.2
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.answer is None and out.status == "error"
    assert time.monotonic() - t0 < 3.2
    assert 2 <= len(server.requests) <= 8


def test_a_server_that_is_not_there_is_retried_then_given_up_on(tmp_path) -> None:
    with FakeLLMServer() as srv:
        url = srv.base_url  # closed on exit: nothing listens there any more
    llm = make_chat_model("openai:fake", settings(tmp_path, url, llm_deadline_s=2.5))
    llm.backoff_s = 0.1
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.answer is None and out.status == "error"
    assert "connection" in out.detail
    assert time.monotonic() - t0 < 3.0


def test_a_fabricated_quote_is_not_an_answer(tmp_path, server) -> None:
    server.script.mode = "reply"
    server.script.content = json.dumps(
        {
            "answer": "The drivers met in Phnom Penh [1].",
            "claims": [{"n": 1, "quote": "the drivers met in Phnom Penh on Tuesday"}],
        }
    )
    out = model(tmp_path, server).compose(QUESTION, [PASSAGE])
    assert out.status == "unverified" and out.answer is None


def test_the_stream_stops_once_the_json_object_is_complete(tmp_path, server) -> None:
    server.script.mode = "reply"
    server.script.reply_token_s = 0.01
    good = {
        "answer": "About 4,800 drivers walked off the job [1].",
        "claims": [
            {"n": 1, "quote": "About 4,800 drivers, mechanics and station staff walked off the job"}
        ],
    }
    server.script.content = json.dumps(good) + " and then the model rambles on" * 240
    llm = model(tmp_path, server, llm_max_tokens=1000, llm_deadline_s=20.0)
    llm.methods = ()
    t0 = time.monotonic()
    out = llm.compose(QUESTION, [PASSAGE])
    assert out.status == "verified", out.detail
    assert time.monotonic() - t0 < 6.0  # the ramble alone takes 14 s to send
    assert wait_until_stopped(server, 1.0) == []
    assert server.requests[0].why == "client gone"


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ('{"answer": "x", "claims": []}', True),
        ('Sure! {"answer": "a } in a string", "claims": [', False),
        ('{"answer": "escaped \\" quote }", "claims": []} trailing', True),
        ("no json here", False),
        ('{"a": {"b": 1}', False),
    ],
)
def test_json_closed(text: str, closed: bool) -> None:
    assert json_closed(text) is closed


@pytest.mark.parametrize(
    ("how", "formats"),
    [("prompt", [None]), ("json_mode", ["json_object"]), ("auto", ["json_schema"])],
)
def test_the_structured_setting_chooses_how_the_json_is_asked_for(
    tmp_path, server, how, formats
) -> None:
    out = model(tmp_path, server, llm_structured=how).compose(QUESTION, [PASSAGE])
    assert out.status == "verified", out.detail
    assert [r.response_format for r in server.requests] == formats
