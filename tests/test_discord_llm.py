"""A member never waits on the model: the real discord.py client against the fake Discord, the
real ChatOpenAI client against a fake OpenAI-compatible server that answers, hangs, trickles
forever, or makes things up.

The quoted answer is posted within a few seconds, marked as waiting for the model; then, within
the deadline, the same message is edited into the model's verified answer, or the mark says why
the quoted answer stays. A request we gave up on stops generating on the server.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator

import pytest

from bot.discord_app.cogs.ask import LLM_KEPT
from bot.qa.llm import make_chat_model
from bot.qa.types import CAVEAT
from ingest.index import demo_articles_dir
from ingest.settings import Settings

from .discord.fake_discord import CHANNEL_A, MEMBER_ID, Call, FakeDiscord, Injected
from .discord.harness import running_bot
from .fake_llm_server import FakeLLMServer, Script

pytest.importorskip("langchain_openai")

QUESTION = "Who is mediating the Halverton transit strike?"
DEADLINE_S = 6.0
FIRST_ANSWER_S = 5.0  # the target: the quoted answer within 5 s


def chat(settings: Settings) -> object:
    return make_chat_model("openai:fake", settings)


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer(Script()) as srv:
        yield srv


def bot_options(srv: FakeLLMServer, **kw: object) -> dict[str, object]:
    return {
        "chat_model": chat,
        "llm_base_url": srv.base_url,
        "llm_deadline_s": DEADLINE_S,
        "llm_timeout_s": 2.0,
        **kw,
    }


def original_edits(fake: FakeDiscord, inter: Injected) -> list[Call]:
    return [
        c
        for c in fake.interaction_calls(inter)
        if c.status < 300 and c.method == "PATCH" and c.path.endswith("/messages/@original")
    ]


async def wait_edits(fake: FakeDiscord, inter: Injected, n: int, timeout: float) -> list[Call]:
    def got(_: list[Call]) -> list[Call] | None:
        edits = original_edits(fake, inter)
        return edits if len(edits) >= n else None

    return await fake.wait_for(got, timeout)


def demo_texts() -> str:
    texts = (p.read_text() for p in sorted(demo_articles_dir().glob("*.txt")))
    return "\n".join(" ".join(t.split()) for t in texts)


def status_line(content: str) -> str:
    first = content.splitlines()[0]
    return first[3:] if first.startswith("-# ") else ""


async def test_ask_with_a_hung_model_shows_the_quotes_at_once_then_says_it_kept_them(
    tmp_path, chroma_client, server
):
    server.script.mode = "hang"
    async with running_bot(tmp_path, chroma_client, **bot_options(server)) as env:
        fake = env.fake
        inter = await fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        first, *_ = await wait_edits(fake, inter, 1, FIRST_ANSWER_S)
        assert first.t - inter.t <= FIRST_ANSWER_S
        assert "Hollis Brandt" in first.content
        assert status_line(first.content).startswith("⏳")
        assert first.content.splitlines()[-1] == CAVEAT

        edits = await wait_edits(fake, inter, 2, DEADLINE_S + 3)
        final = edits[1]
        print(f"hung model: quoted answer after {first.t - inter.t:.2f} s, final after "
              f"{final.t - inter.t:.2f} s (deadline {DEADLINE_S} s)")  # fmt: skip
        assert final.t - inter.t <= DEADLINE_S + 1.0, final.t - inter.t
        assert status_line(final.content) == LLM_KEPT["timeout"]
        assert "Hollis Brandt" in final.content and final.content.splitlines()[-1] == CAVEAT
        assert len(server.requests) == 1, "a timed-out request was retried"
        fake.assert_no_pings()
    # The client's read timeout (2 s) closed the connection: the server saw it go.
    end = time.monotonic() + 3
    while server.generating() and time.monotonic() < end:
        await asyncio.sleep(0.05)
    assert server.generating() == []


async def test_ask_with_a_model_that_checks_out_is_edited_into_its_answer(
    tmp_path, chroma_client, server
):
    server.script.mode = "parrot"
    async with running_bot(tmp_path, chroma_client, **bot_options(server)) as env:
        fake = env.fake
        inter = await fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        edits = await wait_edits(fake, inter, 2, DEADLINE_S + 3)
        final = edits[1].content
        assert not final.startswith("-# "), final
        assert final.splitlines()[-1] == CAVEAT
        # The parrot quotes the first sentence of excerpt 1: it is in a demo article, verbatim.
        shown = final.split('[1] "', 1)[1].split('"', 1)[0]
        assert len(shown) > 20 and " ".join(shown.rstrip("…").split()) in demo_texts()
        assert edits[1].t - inter.t <= DEADLINE_S
        # json_schema, as asked; one request (the fake server takes any format).
        assert [r.response_format for r in server.requests] == ["json_schema"]
        fake.assert_no_pings()


async def test_ask_with_a_model_that_makes_things_up_keeps_the_quotes(
    tmp_path, chroma_client, server
):
    server.script.mode = "reply"
    server.script.content = json.dumps(
        {
            "answer": "The strike is mediated by the mayor of Phnom Penh [1].",
            "claims": [{"n": 1, "quote": "the mayor of Phnom Penh will mediate the strike"}],
        }
    )
    async with running_bot(tmp_path, chroma_client, **bot_options(server)) as env:
        inter = await env.fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        edits = await wait_edits(env.fake, inter, 2, DEADLINE_S + 3)
        final = edits[1].content
        assert status_line(final) == LLM_KEPT["unverified"]
        assert "Phnom Penh" not in final and "Hollis Brandt" in final


async def test_a_mention_with_a_model_that_never_stops_is_answered_and_the_request_ends(
    tmp_path, chroma_client, server
):
    server.script.mode = "trickle"
    server.script.token_s = 0.05
    opts = bot_options(server, llm_max_tokens=100_000)
    async with running_bot(tmp_path, chroma_client, **opts) as env:
        fake = env.fake
        t0 = time.monotonic()
        msg = await fake.message(QUESTION, mention_bot=True, channel=CHANNEL_A)
        thread_id = int(msg["id"])

        def posts(_: list[Call]) -> list[Call] | None:
            found = fake.find("POST", rf"^/channels/{thread_id}/messages$")
            return found or None

        (post,) = await fake.wait_for(posts, FIRST_ANSWER_S + 1)
        assert post.t - t0 <= FIRST_ANSWER_S
        assert status_line(post.content).startswith("⏳") and "Hollis Brandt" in post.content

        def edits(_: list[Call]) -> list[Call] | None:
            return fake.find("PATCH", rf"^/channels/{thread_id}/messages/\d+$") or None

        (edit,) = await fake.wait_for(edits, DEADLINE_S + 3)
        print(f"never-stopping model (mention): quoted answer after {post.t - t0:.2f} s, final "
              f"after {edit.t - t0:.2f} s (deadline {DEADLINE_S} s)")  # fmt: skip
        assert edit.t - t0 <= DEADLINE_S + 1.0
        assert status_line(edit.content) == LLM_KEPT["timeout"]
        gave_up = time.monotonic()
        # The stream was closed at the deadline: nothing is still generating a second later.
        while server.generating() and time.monotonic() < gave_up + 1.0:
            await asyncio.sleep(0.05)
        assert server.generating() == []
        req = server.requests[0]
        assert req.stopped is not None
        print(f"never-stopping model: the server stopped {req.stopped - gave_up:+.2f} s after "
              "the bot gave up")  # fmt: skip
        assert len(server.requests) == 1
        fake.assert_no_pings()


async def test_ask_with_a_model_server_that_is_down_says_so(tmp_path, chroma_client):
    with FakeLLMServer() as srv:
        url = srv.base_url  # closed on exit: nothing listens there any more
    opts = {"chat_model": chat, "llm_base_url": url, "llm_deadline_s": 3.0}
    async with running_bot(tmp_path, chroma_client, **opts) as env:
        inter = await env.fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
        edits = await wait_edits(env.fake, inter, 2, 3.0 + 3)
        assert edits[0].t - inter.t <= FIRST_ANSWER_S
        assert status_line(edits[1].content) == LLM_KEPT["error"]
        assert "Hollis Brandt" in edits[1].content
