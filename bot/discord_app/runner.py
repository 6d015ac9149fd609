"""Start and stop the bot: what ``newsbot run`` and ``newsbot sync-commands`` call.

Failures a self-hoster can fix end with one clear line on stderr and a non-zero exit code, never a
traceback: 2 no token, 1 token rejected, 3 Discord (or the index) unreachable, 4 the Message
Content intent is on here but not in the developer portal. No log line ever holds the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import discord

from bot.health import HealthServer
from ingest.errors import UserFacingError
from ingest.index import NewsIndex
from ingest.settings import Settings

from .client import NewsBot

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_CONFIG = 2
EXIT_UNREACHABLE = 3
EXIT_INTENT = 4

MISSING_TOKEN = (
    "error: no Discord bot token. Set NEWSBOT_DISCORD_TOKEN in the environment or in .env "
    "(Discord developer portal > your application > Bot > Reset Token)."
)
REJECTED_TOKEN = (
    "error: Discord rejected the bot token (NEWSBOT_DISCORD_TOKEN). Copy a fresh one from the "
    "developer portal (your application > Bot > Reset Token)."
)
INTENT_NOT_ENABLED = (
    "error: NEWSBOT_MESSAGE_CONTENT_INTENT is on but the Message Content intent is not enabled "
    "for this bot. Enable it in the developer portal (your application > Bot > Privileged "
    "Gateway Intents) or set NEWSBOT_MESSAGE_CONTENT_INTENT=false (members then mention the bot "
    "for follow-ups)."
)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def token_of(settings: Settings) -> str:
    return settings.discord_token.get_secret_value().strip() if settings.discord_token else ""


class RedactToken(logging.Filter):
    """Replaces the token in a log record's message and traceback (belt and braces: neither
    discord.py nor we log it, but an exception text might one day carry it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        msg = record.getMessage()
        if self.token in msg:
            record.msg, record.args = msg.replace(self.token, "[token]"), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "[token]")
        return True


def install_token_redaction(token: str) -> None:
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in root.handlers:
        if not any(isinstance(f, RedactToken) for f in handler.filters):
            handler.addFilter(RedactToken(token))


async def serve(
    settings: Settings,
    token: str,
    *,
    index: NewsIndex,
    qa: Any,
    install_signals: bool = True,
    stop: asyncio.Event | None = None,
    **bot_options: Any,
) -> int:
    """Run the bot until it is closed, ``stop`` is set, or SIGTERM/SIGINT; the exit code."""
    bot = NewsBot(settings, index, qa, **bot_options)
    health = HealthServer.from_settings(settings)
    health_pool: ThreadPoolExecutor | None = None
    if health is not None:
        health_pool = add_health_checks(health, bot, index)
        try:
            await health.start()
        except OSError as exc:
            _say(f"error: cannot open the health endpoint on port {settings.health_port}: {exc}")
            return EXIT_CONFIG
    loop = asyncio.get_running_loop()
    stop = stop or asyncio.Event()
    signals: list[signal.Signals] = []
    if install_signals:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, stop.set)
                signals.append(sig)
    try:
        async with bot:
            runner = asyncio.create_task(bot.start(token))
            waiter = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if waiter in done:
                log.info("shutting down")
                await bot.close()
            else:
                waiter.cancel()
            await runner
    except discord.LoginFailure:
        _say(REJECTED_TOKEN)
        return EXIT_REJECTED
    except discord.PrivilegedIntentsRequired:
        _say(INTENT_NOT_ENABLED)
        return EXIT_INTENT
    except (discord.GatewayNotFound, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        _say(f"error: cannot reach Discord at {settings.discord_api_base}: {exc}")
        return EXIT_UNREACHABLE
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        if health is not None:
            await health.stop()
        if health_pool is not None:
            health_pool.shutdown(wait=False, cancel_futures=True)
    return EXIT_OK


def add_health_checks(health: HealthServer, bot: NewsBot, index: NewsIndex) -> ThreadPoolExecutor:
    """The bot's checks: the gateway (a flag, on the loop) and the store's heartbeat, which runs
    entirely on a thread of its own: opening the client or a slow heartbeat never blocks the
    event loop, and busy question or reindex threads never delay the probe. Returns that
    thread's pool, for the caller to shut down."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-health")

    def index_ok() -> Awaitable[bool]:
        return asyncio.get_running_loop().run_in_executor(pool, index.heartbeat)

    health.add_check("gateway", lambda: bot.is_ready() and not bot.is_closed())
    health.add_check("index", index_ok)
    return pool


def _warm_up(index: NewsIndex) -> threading.Thread:
    """Load the model and open the store before going online: the first question is then as
    quick as the rest, and a broken store or model stops start-up with a clear line. Then check
    every corpus's manifest against the store (mismatches are logged at WARNING), and start
    building the question spellers in the background (the thread is returned)."""
    from bot.qa.spelling import warm_spellers

    _ = index.client
    _ = index.embedder
    index.check_corpora()
    spellers = threading.Thread(target=warm_spellers, args=(index,), name="spellers", daemon=True)
    spellers.start()
    return spellers


def run_bot(settings: Settings) -> int:
    """``newsbot run``: the exit code."""
    token = token_of(settings)
    if not token:
        _say(MISSING_TOKEN)
        return EXIT_CONFIG
    install_token_redaction(token)
    from bot.qa.llm import make_chat_model
    from bot.qa.sentvecs import SentenceFiller
    from bot.qa.service import QAService

    # Guild admins add URLs from Discord: the bot never fetches from the host's own network.
    index = NewsIndex(settings, public_only_fetch=True)
    try:
        chat = make_chat_model(settings.llm, settings) if settings.llm else None
        _warm_up(index)
    except UserFacingError as exc:
        _say(f"error: {exc}")
        return EXIT_CONFIG
    except Exception as exc:  # the store or the model: say which, then stop
        _say(f"error: cannot open the index ({type(exc).__name__}: {exc})")
        return EXIT_UNREACHABLE
    qa = QAService(index, settings, chat_model=chat)
    filler = SentenceFiller(index).start() if settings.sentence_vectors else None
    try:
        return asyncio.run(serve(settings, token, index=index, qa=qa))
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        if filler is not None:
            filler.close()
        index.close()


async def sync_commands_async(
    settings: Settings, token: str, guild_id: int | None = None
) -> list[str]:
    """Register the slash commands with Discord; the names synced."""
    # Only a login (REST), no gateway: dev-guild sync and feed refresh are switched off here.
    quiet = settings.model_copy(update={"dev_guild_id": None, "feed_refresh_minutes": 0})
    bot = NewsBot(quiet, NewsIndex(quiet), qa=None)
    async with bot:
        await bot.login(token)
        if guild_id:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
    return [c.name for c in synced]


def sync_commands(settings: Settings, guild_id: int | None = None) -> int:
    """``newsbot sync-commands``: globally (may take up to an hour to show) or to one guild."""
    token = token_of(settings)
    if not token:
        _say(MISSING_TOKEN)
        return EXIT_CONFIG
    install_token_redaction(token)
    try:
        names = asyncio.run(sync_commands_async(settings, token, guild_id))
    except discord.LoginFailure:
        _say(REJECTED_TOKEN)
        return EXIT_REJECTED
    except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        _say(f"error: cannot sync commands with {settings.discord_api_base}: {exc}")
        return EXIT_UNREACHABLE
    where = f"guild {guild_id}" if guild_id else "globally (allow up to an hour to appear)"
    _say(f"synced {len(names)} commands {where}: {', '.join('/' + n for n in names)}")
    return EXIT_OK
