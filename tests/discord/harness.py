"""Start the real NewsBot against the fake Discord, with a real index on the hash embedder."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
from discord.gateway import DiscordWebSocket

from bot.discord_app.client import NewsBot, guild_corpus
from bot.qa.service import QAService
from ingest.index import NewsIndex, demo_articles_dir
from ingest.settings import Settings

from ..fakes import HashEmbedder
from .fake_discord import GUILD_A, FakeDiscord

TOKEN = "fake-token-0123456789"


class RecordingQA:
    """The real QAService, with a record of every call (to check what the bot passed in)."""

    def __init__(self, inner: QAService, delay_s: float = 0.0) -> None:
        self.inner = inner
        self.delay_s = delay_s
        self.calls: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def answer(self, question: str, corpora: list[str], **kw: Any) -> Any:
        with self._lock:
            self.calls.append({"question": question, "corpora": list(corpora), **kw})
        if self.delay_s:
            time.sleep(self.delay_s)  # a slow model: runs in the worker thread, like the real one
        return self.inner.answer(question, corpora, **kw)

    def draft(self, question: str, corpora: list[str], **kw: Any) -> Any:
        with self._lock:
            self.calls.append({"question": question, "corpora": list(corpora), **kw})
        if self.delay_s:
            time.sleep(self.delay_s)
        return self.inner.draft(question, corpora, **kw)

    def refine(self, draft: Any, **kw: Any) -> Any:
        return self.inner.refine(draft, **kw)


@dataclass
class Env:
    fake: FakeDiscord
    bot: NewsBot
    index: NewsIndex
    settings: Settings
    qa: RecordingQA
    tmp: Path
    extras: dict[str, Any] = field(default_factory=dict)

    def cog(self, name: str) -> Any:
        return self.bot.get_cog(name)


def make_settings(tmp: Path, fake: FakeDiscord, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp / "data",
        "discord_token": TOKEN,
        "discord_api_base": fake.api_base,
        "dev_guild_id": GUILD_A,
        "ask_cooldown_s": 0,
        "guild_max_concurrent_asks": 20,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def index_demo(index: NewsIndex, guild_id: int = GUILD_A) -> None:
    c = index.corpus(guild_corpus(guild_id))
    c.add_sources([str(demo_articles_dir())])
    c.reindex()


@contextlib.asynccontextmanager
async def running_bot(
    tmp: Path,
    chroma_client: Any,
    *,
    demo: bool = True,
    qa_delay_s: float = 0.0,
    chat_model: Any = None,
    **overrides: Any,
) -> AsyncIterator[Env]:
    """``chat_model``: a chat model, or a function of the settings that makes one."""
    old_base, old_gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    fake = await FakeDiscord().start()
    settings = make_settings(tmp, fake, **overrides)
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    if demo:
        index_demo(index)
    if callable(chat_model) and not hasattr(chat_model, "invoke"):
        chat_model = chat_model(settings)
    qa = RecordingQA(QAService(index, settings, chat_model=chat_model), delay_s=qa_delay_s)
    bot = NewsBot(settings, index, qa, allow_private_urls=True, guild_ready_timeout=0.05)
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        deadline = time.monotonic() + 10
        while not bot.is_ready():
            if task.done():
                task.result()  # raises what stopped the bot
                raise AssertionError("the bot stopped before it was ready")
            if time.monotonic() > deadline:
                raise AssertionError("the bot did not become ready within 10 s")
            await asyncio.sleep(0.02)
        yield Env(fake, bot, index, settings, qa, tmp)
    finally:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        await fake.stop()
        discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway
