"""``NewsBot``: the discord.py client, built from Settings, the index and the QA service.

Gateway URL: discord.py 2.7's plain ``Client`` never asks ``GET /gateway/bot``; it connects to
``DiscordWebSocket.DEFAULT_GATEWAY`` (``wss://gateway.discord.gg``), so moving ``Route.BASE``
alone moves only REST. We keep the plain (unsharded) client and, in ``setup_hook`` (after login,
before ``connect``), ask the configured server's ``/gateway/bot`` and set ``DEFAULT_GATEWAY`` from
it. That class attribute is the one hook every connect path reads: the first IDENTIFY, and the
fall-back after an INVALID_SESSION, where discord.py resets the URL to ``DEFAULT_GATEWAY`` (the
sharded client asks ``/gateway/bot`` itself but still falls back to ``DEFAULT_GATEWAY`` there,
and brings shard bookkeeping a single-process bot does not need). Like ``Route.BASE`` it is
process-wide, which is fine: one process runs one bot.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar, cast

import discord
import yarl
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot.qa.llm import LLMOutcome
from bot.qa.service import Draft
from bot.qa.types import Answer
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.settings import Settings

from .conversation import ThreadMemory
from .errors import NewsCommandTree
from .limits import AskLimiter

log = logging.getLogger(__name__)

COGS = ("bot.discord_app.cogs.ask", "bot.discord_app.cogs.admin")
REINDEX_WORKERS = 2  # reindexes of different guilds at once; the same guild's are refused
SHUTDOWN_GRACE_S = 5.0  # for answers being sent when SIGTERM comes; Docker waits 10 s
# Tasks discord.py starts for slash commands and for events (on_message...): drained on close.
HANDLER_TASKS = ("CommandTree-invoker", "discord.py: ")

T = TypeVar("T")


def guild_corpus(guild_id: int) -> str:
    """Each guild is its own tenant: its corpus is named after its id."""
    return f"g{guild_id}"


def use_api_base(api_base: str) -> None:
    """Point discord.py's REST routes (bot and webhook/interaction ones alike) at ``api_base``."""
    discord.http.Route.BASE = api_base.rstrip("/")


class NewsBot(commands.Bot):
    def __init__(
        self,
        settings: Settings,
        index: NewsIndex,
        qa: Any,
        *,
        allow_private_urls: bool = False,
        **options: Any,
    ) -> None:
        intents = discord.Intents.default()
        # Privileged: must also be switched on in the developer portal (Bot > Message Content
        # Intent), or Discord closes the gateway with 4014. Without it messages that mention
        # the bot still carry their text.
        intents.message_content = settings.message_content_intent
        intents.typing = False
        intents.dm_typing = False
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        # A news bot never joins voice: skip discord.py's start-up warnings about voice libraries.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            # Prefix commands are not used (on_message below never processes them); commands.Bot
            # still wants a prefix.
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            tree_cls=NewsCommandTree,
            **options,
        )
        self.settings = settings
        self.index = index
        self.qa = qa
        # Tests point /sources add at a local server; in production only public addresses.
        self.allow_private_urls = allow_private_urls
        self.limiter = AskLimiter(settings.ask_cooldown_s, settings.guild_max_concurrent_asks)
        self.threads = ThreadMemory()
        # Set on close; long work in threads (a reindex) checks it and stops early.
        self.stopping = threading.Event()
        # Each kind of blocking work has its own threads: a long reindex (or several) never
        # holds up questions, and neither holds up the health check (bot/discord_app/runner.py).
        self.ask_executor = ThreadPoolExecutor(
            max_workers=max(4, settings.guild_max_concurrent_asks),
            thread_name_prefix="newsbot-ask",
        )
        self.reindex_executor = ThreadPoolExecutor(
            max_workers=REINDEX_WORKERS, thread_name_prefix="newsbot-reindex"
        )
        self.llm_executor = ThreadPoolExecutor(
            max_workers=max(4, settings.guild_max_concurrent_asks),
            thread_name_prefix="newsbot-llm-wait",
        )
        self.shutdown_grace_s = SHUTDOWN_GRACE_S
        use_api_base(settings.discord_api_base)

    # --- tenancy -------------------------------------------------------------------------------
    def corpora_for(self, guild_id: int | None) -> list[str]:
        shared = self.settings.shared_corpus
        if guild_id is None:
            if not shared:
                raise UserFacingError("Ask me in a server: each server has its own articles.")
            return [shared]
        names = [guild_corpus(guild_id)]
        if shared and shared not in names:
            names.append(shared)
        return names

    async def ask(
        self,
        question: str,
        guild_id: int | None,
        *,
        history: Sequence[tuple[str, str]] = (),
        outlet: str | None = None,
        since: datetime | None = None,
    ) -> Answer:
        """Answer from the guild's corpus (and the shared one) off the event loop."""
        got = await self._off_loop(self.qa.answer, question, guild_id, history, outlet, since)
        return cast(Answer, got)

    async def draft(
        self,
        question: str,
        guild_id: int | None,
        *,
        history: Sequence[tuple[str, str]] = (),
        outlet: str | None = None,
        since: datetime | None = None,
    ) -> Draft:
        """The quoted answer, at once, and what the model step needs (off the event loop)."""
        got = await self._off_loop(self.qa.draft, question, guild_id, history, outlet, since)
        return cast(Draft, got)

    async def _off_loop(
        self,
        fn: Callable[..., Any],
        question: str,
        guild_id: int | None,
        history: Sequence[tuple[str, str]],
        outlet: str | None,
        since: datetime | None,
    ) -> Any:
        """``fn`` (``QAService.answer`` or ``draft``) on the guild's corpora, in the ask pool."""
        call = functools.partial(
            fn,
            question,
            self.corpora_for(guild_id),
            history=list(history),
            outlet=outlet or None,
            since=since,
        )
        return await asyncio.get_running_loop().run_in_executor(self.ask_executor, call)

    async def refine(self, draft: Draft) -> LLMOutcome:
        """The model's verified answer to a draft, or why there is none, within the deadline.
        On threads of its own: a slow model never holds up other members' quoted answers."""
        call = functools.partial(self.qa.refine, draft)
        return cast(
            LLMOutcome, await asyncio.get_running_loop().run_in_executor(self.llm_executor, call)
        )

    async def run_reindex(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run a reindex (or a feed refresh) on the reindex threads, off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.reindex_executor, functools.partial(fn, *args, **kwargs)
        )

    # --- lifecycle -----------------------------------------------------------------------------
    async def setup_hook(self) -> None:
        await self._use_configured_gateway()
        for ext in COGS:
            await self.load_extension(ext)
        gid = self.settings.dev_guild_id
        if gid:
            # Guild commands update at once; global ones only via `newsbot sync-commands`.
            guild = discord.Object(id=gid)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), gid)

    async def _use_configured_gateway(self) -> None:
        _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        log.info("gateway %s (from %s/gateway/bot)", url, discord.http.Route.BASE)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: the ask cog's listener handles mentions and thread follow-ups.
        return

    async def on_ready(self) -> None:
        log.info(
            "connected as %s (id %s) to %d guilds",
            self.user,
            getattr(self.user, "id", "?"),
            len(self.guilds),
        )

    async def close(self) -> None:
        """Stop cleanly: running reindexes are told to stop, commands and messages being handled
        get a short grace to finish (their replies need the HTTP session), then whatever is left
        is cancelled quietly before the session and the gateway close. No traceback."""
        first = not self.stopping.is_set()
        self.stopping.set()
        if first:
            await self._drain(self.shutdown_grace_s)
        await super().close()
        if first:
            self.ask_executor.shutdown(wait=False, cancel_futures=True)
            self.reindex_executor.shutdown(wait=False, cancel_futures=True)
            self.llm_executor.shutdown(wait=False, cancel_futures=True)

    async def _drain(self, grace_s: float) -> None:
        me = asyncio.current_task()
        busy: list[asyncio.Task[Any]] = [
            t
            for t in asyncio.all_tasks()
            if t is not me and not t.done() and t.get_name().startswith(HANDLER_TASKS)
        ]
        if not busy:
            return
        log.info("shutting down: waiting up to %.0fs for %d commands", grace_s, len(busy))
        await asyncio.wait(busy, timeout=grace_s)
        # What is still running, or started meanwhile, is cancelled: quietly, unlike a reply
        # attempted after the HTTP session has closed.
        left = [
            t
            for t in asyncio.all_tasks()
            if t is not me and not t.done() and t.get_name().startswith(HANDLER_TASKS)
        ]
        for t in left:
            t.cancel()
        if left:
            await asyncio.wait(left, timeout=1)
