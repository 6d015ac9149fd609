"""The bot under load and at its edges: a failed reindex start never wedges a guild, reindexes
and questions have their own threads, the health check never blocks the event loop, a stop mid
answer logs no traceback, and open corpora are bounded and closed."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import socket
import threading
import time
import weakref
from pathlib import Path

from bot.discord_app.client import NewsBot, guild_corpus
from bot.discord_app.runner import EXIT_OK, add_health_checks, serve
from bot.health import HealthServer
from bot.qa.service import QAService
from ingest.index import NewsIndex
from ingest.settings import Settings

from .discord.fake_discord import ADMIN_B_ID, GUILD_A, GUILD_B, MEMBER_ID, FakeDiscord, Injected
from .discord.harness import TOKEN, RecordingQA, index_demo, make_settings, running_bot
from .fakes import HashEmbedder, slow_embedding

QUESTION = "Who is mediating the Halverton transit strike?"


async def _text_with(fake: FakeDiscord, inter: Injected, marker: str, timeout: float = 15) -> str:
    def done(_: object) -> str | None:
        for c in fake.interaction_calls(inter):
            if c.status < 300 and marker in (c.content or ""):
                return c.content
        return None

    return str(await fake.wait_for(done, timeout))


# --- item 7: never wedged, never starved, never blocking the loop ----------------------------------


async def test_a_reindex_that_cannot_open_its_corpus_leaves_the_guild_free(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        cog = env.cog("Admin")
        db = env.settings.corpora_dir / guild_corpus(GUILD_B) / "corpus.db"
        db.parent.mkdir(parents=True)
        db.write_bytes(b"")  # a damaged (empty) manifest: opening the corpus raises
        inter = await env.fake.interaction("reindex", {}, user=ADMIN_B_ID, guild=GUILD_B)
        text = await _text_with(env.fake, inter, "damaged")
        assert "newsbot recover" in text or "move it aside" in text
        assert GUILD_B not in cog.running
        db.unlink()
        again = await env.fake.interaction("reindex", {}, user=ADMIN_B_ID, guild=GUILD_B)
        text = await _text_with(env.fake, again, "finished")
        assert "is running" not in text


async def test_questions_and_reindexes_do_not_wait_behind_the_shared_thread_pool(
    tmp_path, chroma_client
):
    async with running_bot(tmp_path, chroma_client) as env:
        release = threading.Event()
        loop = asyncio.get_running_loop()
        # Everything else in the process that uses the default pool is stuck.
        stuck = [loop.run_in_executor(None, release.wait, 30) for _ in range(40)]
        try:
            ans = await asyncio.wait_for(env.bot.ask(QUESTION, GUILD_A), 10)
            assert "Brandt" in ans.text
            # and a reindex too runs on its own threads
            corpus = env.index.corpus(guild_corpus(GUILD_A))
            s = await asyncio.wait_for(env.bot.run_reindex(corpus.reindex), 20)
            assert s.unchanged == 14
        finally:
            release.set()
            await asyncio.gather(*stuck)


async def test_index_health_check_never_blocks_the_event_loop(tmp_path: Path) -> None:
    # A "Chroma server" that accepts connections and never answers.
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(64)
    port = hole.getsockname()[1]
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "d",
        chroma_mode="server",
        chroma_host="127.0.0.1",
        chroma_port=port,
    )
    index = NewsIndex(settings, embedder=HashEmbedder())
    bot = NewsBot(settings, index, qa=None)
    health = HealthServer("127.0.0.1", 0, check_timeout_s=0.5)
    pool = add_health_checks(health, bot, index)
    threading.Timer(3, hole.close).start()  # let the stuck client go in the end
    gaps: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        last = time.monotonic()
        while not stop.is_set():
            await asyncio.sleep(0.02)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    try:
        ok, checks = await health.run_checks()
        assert not ok and "timed out" in checks["index"]
        assert checks["gateway"] == "failed"  # not connected: a flag, read on the loop
    finally:
        stop.set()
        await tick
        pool.shutdown(wait=False, cancel_futures=True)
        await bot.close()
    assert max(gaps) < 0.4, f"the event loop stalled for {max(gaps):.1f}s"


# --- item 8: a clean stop --------------------------------------------------------------------------


async def test_stop_while_answering_and_reindexing_logs_no_traceback(
    tmp_path, chroma_client, caplog
):
    with caplog.at_level(logging.DEBUG):
        async with running_bot(tmp_path, chroma_client, qa_delay_s=1.0) as env:
            fake = env.fake
            slow_embedding(env.index.embedder)
            await fake.interaction("reindex", {"full": True})
            inter = await fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
            await fake.wait_for(lambda _: env.qa.calls and env.cog("Admin").running)
            await env.bot.close()  # what SIGTERM does, mid answer and mid reindex
            # the answer being worked on was still delivered, before the session closed
            delivered = "Brandt" in await _text_with(fake, inter, "Brandt", timeout=1)
            await asyncio.sleep(1.5)  # whatever was left running has ended by now
    assert delivered
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert bad == [], [r.getMessage() for r in bad]
    assert "Session is closed" not in caplog.text and "Traceback" not in caplog.text


# --- item 10: bounded, and closed ------------------------------------------------------------------


def test_open_corpora_are_bounded_least_recently_used_first(
    settings, chroma_client, demo_copy: Path
) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client, max_open_corpora=2)
    for name in ("a", "b"):
        c = index.corpus(name)
        c.add_sources([str(demo_copy)])
        c.reindex()
        c.keyword_index()
    a_ref = weakref.ref(index.corpus("a"))  # "a" is now the most recently used
    index.corpus("c")
    assert index.open_corpora() == ["a", "c"]  # "b" went first
    index.corpus("b")
    assert index.open_corpora() == ["c", "b"]
    gc.collect()
    assert a_ref() is None, "an evicted corpus (connections, caches) was never freed"
    assert index.corpus("a").db.counts()[0] == 14  # reopens on use


def test_close_releases_every_connection(settings, chroma_client, demo_copy: Path) -> None:
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    corpora = [index.corpus(n) for n in ("x", "y")]
    corpora[0].add_sources([str(demo_copy)])
    corpora[0].reindex()
    assert all(c.db.open_connections() >= 1 for c in corpora)
    index.close()
    assert [c.db.open_connections() for c in corpora] == [0, 0]
    assert index.open_corpora() == []
    # the test's client was given, not made: it stays usable
    assert chroma_client.heartbeat()


async def test_sigterm_mid_answer_logs_no_traceback(tmp_path, chroma_client, caplog):
    fake = await FakeDiscord().start()
    settings = make_settings(tmp_path, fake)
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    index_demo(index)
    qa = RecordingQA(QAService(index, settings), delay_s=1.0)
    try:
        with caplog.at_level(logging.DEBUG):
            task = asyncio.create_task(
                serve(settings, TOKEN, index=index, qa=qa, guild_ready_timeout=0.05)
            )
            await asyncio.wait_for(fake.identified.wait(), 10)
            await asyncio.sleep(0.3)
            inter = await fake.interaction("ask", {"question": QUESTION}, user=MEMBER_ID)
            await fake.wait_for(lambda _: qa.calls)
            os.kill(os.getpid(), signal.SIGTERM)
            assert await asyncio.wait_for(task, 15) == EXIT_OK
            await asyncio.sleep(1.5)  # anything left running has failed or ended by now
    finally:
        await fake.stop()
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert bad == [], [r.getMessage() for r in bad]
    assert "Brandt" in await _text_with(fake, inter, "Brandt", timeout=1)


# --- item 9: shown in /status --------------------------------------------------------------------


async def test_status_shows_chunks_without_vectors(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        corpus = env.index.corpus(guild_corpus(GUILD_A))
        corpus.collection().delete(ids=sorted(corpus.db.chunk_ids())[:3])
        inter = await env.fake.interaction("status", {})
        text = await _text_with(env.fake, inter, "Index status")
        assert "Warning: 3 of 28 indexed chunks have no vector" in text
        await env.bot.run_reindex(corpus.reindex)
        again = await env.fake.interaction("status", {})
        text = await _text_with(env.fake, again, "Index status")
        assert "have no vector" not in text
