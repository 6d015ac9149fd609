"""Server admins' commands: ``/reindex``, ``/sources add|list|remove|upload``, ``/status``.

Each guild only ever sees and touches its own corpus (``g<guild id>``). Admin commands are hidden
from members by their default permissions (Manage Server) and also checked at run time (Manage
Server, or the role named by ``NEWSBOT_ADMIN_ROLE``), since a server can override the defaults.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import re
import socket
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import discord
from discord import app_commands
from discord.ext import commands, tasks

from ingest.errors import ReindexRunning, UserFacingError
from ingest.index import Corpus, ReindexSummary
from ingest.sources import is_url

from ..client import guild_corpus
from ..errors import NO_MENTIONS, PUBLIC_DEFER
from ..render import render_progress, render_sources, render_status, render_summary

if TYPE_CHECKING:
    from ..client import NewsBot

log = logging.getLogger(__name__)

UPLOAD_EXTS = (".txt", ".md", ".html", ".json", ".jsonl")
# Interaction tokens live 15 minutes; stop using one a little before that.
TOKEN_LIFETIME = timedelta(minutes=15) - timedelta(seconds=45)
UPLOAD_LABEL = "upload:"


class NotAdmin(app_commands.CheckFailure):
    """Refused at run time: the member lacks Manage Server and the admin role."""


class ReindexCancelled(Exception):
    """Raised inside a reindex's progress callback when the bot shuts down."""


def is_admin(interaction: discord.Interaction, admin_role: str | None) -> bool:
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    user = interaction.user
    if admin_role and isinstance(user, discord.Member):
        return any(r.name == admin_role for r in user.roles)
    return False


def admin_only() -> Callable[[Any], Any]:
    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise NotAdmin("This command only works in a server.")
        role = getattr(interaction.client, "settings", None)
        role_name = role.admin_role if role is not None else None
        if is_admin(interaction, role_name):
            return True
        need = "the Manage Server permission" + (f" or the {role_name} role" if role_name else "")
        raise NotAdmin(f"Only server admins can do that: it needs {need}.")

    return app_commands.check(predicate)


def safe_filename(name: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).lstrip("._-")
    stem, ext = os.path.splitext(base)
    return (stem[:80] or "upload") + ext.lower()


async def check_public_url(url: str) -> None:
    """Refuse URLs that point inside the host's network (loopback, private, link-local...).

    A guild admin must not make the bot fetch, index and quote back internal services. This is
    checked when the source is added; redirects and DNS changes are the fetcher's to guard.
    """
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise UserFacingError("Give a web address starting with http:// or https://.")
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = await asyncio.to_thread(socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UserFacingError(f"I couldn't find the host {host}.") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise UserFacingError(
                f"{host} points at a private or local address; only public web addresses can "
                "be added from Discord."
            )


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


class Admin(commands.Cog):
    sources = app_commands.Group(
        name="sources",
        description="Manage the news sources this server's answers come from (admins).",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.running: dict[int, str] = {}  # guild id -> what is running
        self.progress_every_s = 2.0  # Discord rate-limits edits; about one every 2 s reads well
        self.token_lifetime = TOKEN_LIFETIME
        self._refresh: tasks.Loop[Any] | None = None
        minutes = bot.settings.feed_refresh_minutes
        if minutes > 0:
            self._refresh = tasks.loop(minutes=minutes)(self._refresh_feeds)
            self._refresh.before_loop(self._wait_ready)

    async def cog_load(self) -> None:
        if self._refresh is not None:
            self._refresh.start()

    async def cog_unload(self) -> None:
        if self._refresh is not None:
            self._refresh.cancel()

    # --- helpers -------------------------------------------------------------------------------
    def corpus(self, guild_id: int) -> Corpus:
        """Opens the manifest when it is not open yet: call it off the event loop."""
        return self.bot.index.corpus(guild_corpus(guild_id))

    async def _open(self, guild_id: int) -> Corpus:
        return await asyncio.to_thread(self.corpus, guild_id)

    async def _call(self, guild_id: int, method: str, *args: Any) -> Any:
        """``self.corpus(guild_id).<method>(*args)``, all of it off the event loop."""
        return await asyncio.to_thread(lambda: getattr(self.corpus(guild_id), method)(*args))

    def uploads_dir(self, guild_id: int) -> Path:
        return (self.bot.settings.data_dir / "uploads" / guild_corpus(guild_id)).resolve()

    def labeller(self, guild_id: int) -> Callable[[str], str]:
        """Sources as admins see them: uploads by file name, never by host path."""
        root = str(self.uploads_dir(guild_id)) + os.sep

        def label(spec: str) -> str:
            return UPLOAD_LABEL + spec[len(root) :] if spec.startswith(root) else spec

        return label

    async def _find_source(self, guild_id: int, given: str) -> str | None:
        rows = await self._call(guild_id, "sources")
        label = self.labeller(guild_id)
        for r in rows:
            if given in (r.spec, label(r.spec)):
                return r.spec
        # Autocomplete values are capped at 100 characters: accept a unique long prefix.
        if len(given) >= 90:
            hits = [r.spec for r in rows if label(r.spec).startswith(given)]
            if len(hits) == 1:
                return hits[0]
        return None

    def _check_idle(self, guild_id: int) -> None:
        if guild_id in self.running:
            raise UserFacingError(
                f"A {self.running[guild_id]} of this server's articles is running; try again "
                "when it has finished."
            )

    async def _respond(
        self, interaction: discord.Interaction, msgs: list[str], *, ephemeral: bool
    ) -> None:
        await interaction.edit_original_response(content=msgs[0], allowed_mentions=NO_MENTIONS)
        interaction.extras.pop(PUBLIC_DEFER, None)
        for text in msgs[1:]:
            await interaction.followup.send(
                text, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS, wait=True
            )

    def _stop_check(self, *_: Any) -> None:
        if self.bot.stopping.is_set():
            raise ReindexCancelled("the bot is shutting down")

    async def _reindex_and_report(
        self,
        interaction: discord.Interaction,
        *,
        full: bool = False,
        title: str = "Reindex",
        ephemeral: bool = False,
    ) -> None:
        """Run the reindex in a worker thread (questions keep being answered from the live
        index), edit the deferred reply with its progress, then report the summary."""
        gid = interaction.guild_id
        assert gid is not None
        self._check_idle(gid)
        deadline = interaction.created_at + self.token_lifetime
        latest: list[tuple[str, int, int]] = []

        def progress(phase: str, done: int, total: int) -> None:  # runs in the worker thread
            self._stop_check()
            latest[:] = [(phase, done, total)]

        # Marked running inside the try: whatever fails (opening a damaged manifest...), the
        # guild is never left marked busy until a restart.
        try:
            self.running[gid] = "reindex"
            corpus = await self._open(gid)
            job = asyncio.ensure_future(
                self.bot.run_reindex(corpus.reindex, full=full, progress=progress)
            )
            shown: tuple[str, int, int] | None = None
            while True:
                done, _ = await asyncio.wait({job}, timeout=self.progress_every_s)
                if done:
                    break
                now = latest[0] if latest else None
                if now is not None and now != shown and discord.utils.utcnow() < deadline:
                    shown = now
                    try:
                        await interaction.edit_original_response(
                            content=render_progress(f"{title} running", *now),
                            allowed_mentions=NO_MENTIONS,
                        )
                    except discord.HTTPException as exc:
                        log.warning("progress edit failed (guild %s): %s", gid, exc)
            try:
                summary: ReindexSummary = job.result()
            except ReindexCancelled:
                log.info("reindex of %s stopped: the bot is shutting down", corpus.name)
                return
        finally:
            self.running.pop(gid, None)
        if self.bot.stopping.is_set():
            log.info("reindex of %s finished as the bot shuts down", summary.corpus)
            return
        log.info(
            "reindex of %s: %d added, %d updated, %d removed, %d errors in %.1fs",
            summary.corpus,
            summary.added,
            summary.updated,
            summary.removed,
            len(summary.errors),
            summary.seconds,
        )
        msgs = render_summary(summary, title=f"{title} finished", label=self.labeller(gid))
        await self._report(interaction, msgs, deadline, ephemeral=ephemeral)

    async def _report(
        self,
        interaction: discord.Interaction,
        msgs: list[str],
        deadline: datetime,
        *,
        ephemeral: bool,
    ) -> None:
        if discord.utils.utcnow() < deadline:
            try:
                await self._respond(interaction, msgs, ephemeral=ephemeral)
                return
            except discord.NotFound:
                log.info("interaction %s expired; reporting in the channel", interaction.id)
        # The 15-minute token is spent: post the result in the channel instead.
        channel = interaction.channel
        if channel is None or not hasattr(channel, "send"):
            log.warning("no channel to report reindex result for interaction %s", interaction.id)
            return
        who = interaction.user.display_name if interaction.user else "an admin"
        intro = f"The reindex {discord.utils.escape_mentions(who)} started has ended:"
        for i, text in enumerate(msgs):
            await channel.send(f"{intro}\n{text}" if i == 0 else text, allowed_mentions=NO_MENTIONS)

    # --- commands ------------------------------------------------------------------------------
    @app_commands.command(name="reindex")
    @app_commands.describe(full="Rebuild everything from scratch instead of only what changed")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @admin_only()
    async def reindex(self, interaction: discord.Interaction, full: bool = False) -> None:
        """Sync this server's articles with its sources; shows progress (admins)."""
        assert interaction.guild_id is not None
        self._check_idle(interaction.guild_id)
        await interaction.response.defer(thinking=True)
        interaction.extras[PUBLIC_DEFER] = True
        await self._reindex_and_report(interaction, full=full)

    @app_commands.command(name="status")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @admin_only()
    async def status(self, interaction: discord.Interaction) -> None:
        """Show what this server's index holds: articles, sources, freshness, last reindex (admins)."""
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        st = await self._call(interaction.guild_id, "status")
        shared = None
        name = self.bot.settings.shared_corpus
        if name and name in await asyncio.to_thread(self.bot.index.corpus_names):
            shared = await asyncio.to_thread(lambda: self.bot.index.corpus(name).status())
        text = render_status(st, shared)
        v = st.get("vectors") or {}
        if v.get("orphans"):
            text += f"\nVectors: {v['orphans']} not listed in the manifest (tidied by a reindex)."
        for w in st.get("warnings") or []:
            text += f"\nWarning: {w}"
        if interaction.guild_id in self.running:
            text += f"\nA {self.running[interaction.guild_id]} is running now."
        await self._respond(interaction, [text], ephemeral=True)

    @sources.command(name="add")
    @app_commands.describe(url_or_feed="An article page or an RSS/Atom feed (http or https)")
    @admin_only()
    async def sources_add(self, interaction: discord.Interaction, url_or_feed: str) -> None:
        """Add a news page or feed to this server's sources and index it (admins)."""
        gid = interaction.guild_id
        assert gid is not None
        spec = url_or_feed.strip()
        if not is_url(spec):
            raise UserFacingError(
                "Give a web address starting with http:// or https://; to add a file, use "
                "/sources upload."
            )
        self._check_idle(gid)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not self.bot.allow_private_urls:
            await check_public_url(spec)
        await self._call(gid, "add_sources", [spec])
        await self._reindex_and_report(interaction, title=f"Added {spec}. Reindex", ephemeral=True)

    @sources.command(name="list")
    @admin_only()
    async def sources_list(self, interaction: discord.Interaction) -> None:
        """List this server's sources (admins)."""
        gid = interaction.guild_id
        assert gid is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows = await self._call(gid, "sources")
        await self._respond(
            interaction, render_sources(rows, label=self.labeller(gid)), ephemeral=True
        )

    @sources.command(name="remove")
    @app_commands.describe(source="The source as /sources list shows it")
    @admin_only()
    async def sources_remove(self, interaction: discord.Interaction, source: str) -> None:
        """Remove one of this server's sources and drop its articles (admins)."""
        gid = interaction.guild_id
        assert gid is not None
        self._check_idle(gid)
        await interaction.response.defer(ephemeral=True, thinking=True)
        spec = await self._find_source(gid, source.strip())
        if spec is None or not await self._call(gid, "remove_source", spec):
            raise UserFacingError(
                f"{discord.utils.escape_mentions(source[:200])} is not one of this server's "
                "sources; see /sources list."
            )
        path = Path(spec)
        if path.is_absolute() and path.parent == self.uploads_dir(gid):
            await asyncio.to_thread(path.unlink, missing_ok=True)
        label = self.labeller(gid)(spec)
        await self._reindex_and_report(
            interaction, title=f"Removed {label}. Reindex", ephemeral=True
        )

    @sources_remove.autocomplete("source")
    async def _source_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        gid = interaction.guild_id
        if gid is None or not is_admin(interaction, self.bot.settings.admin_role):
            return []
        rows = await self._call(gid, "sources")
        label = self.labeller(gid)
        names = [label(r.spec) for r in rows]
        cur = current.lower()
        return [
            app_commands.Choice(name=n[:100], value=n[:100]) for n in names if cur in n.lower()
        ][:25]

    @sources.command(name="upload")
    @app_commands.describe(file="A .txt, .md, .html, .json or .jsonl file of articles")
    @admin_only()
    async def sources_upload(
        self, interaction: discord.Interaction, file: discord.Attachment
    ) -> None:
        """Add an article file to this server's sources and index it (admins)."""
        gid = interaction.guild_id
        assert gid is not None
        name = safe_filename(file.filename)
        if not name.endswith(UPLOAD_EXTS):
            raise UserFacingError(
                f"I can index {', '.join(UPLOAD_EXTS)} files; {file.filename[:100]} is not one."
            )
        cap = self.bot.settings.max_attachment_bytes
        if file.size > cap:
            raise UserFacingError(f"{name} is {file.size:,} bytes; the limit is {cap:,} bytes.")
        self._check_idle(gid)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        if len(data) > cap:
            raise UserFacingError(f"{name} is {len(data):,} bytes; the limit is {cap:,} bytes.")
        dest = self.uploads_dir(gid) / name
        await asyncio.to_thread(_write_file, dest, data)
        await self._call(gid, "add_sources", [str(dest)])
        await self._reindex_and_report(
            interaction, title=f"Uploaded {name}. Reindex", ephemeral=True
        )

    # --- scheduled feed refresh ----------------------------------------------------------------
    async def _wait_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def _refresh_feeds(self) -> None:
        assert self._refresh is not None
        if self._refresh.current_loop == 0:
            return  # not at start-up: the first refresh comes one interval later
        await self.refresh_feeds_once()

    async def refresh_feeds_once(self) -> None:
        """Incrementally reindex every guild corpus that has web sources, one at a time."""
        names = set(await asyncio.to_thread(self.bot.index.corpus_names))
        for guild in list(self.bot.guilds):
            if guild_corpus(guild.id) not in names or guild.id in self.running:
                continue
            if self.bot.stopping.is_set():
                return
            self.running[guild.id] = "scheduled feed refresh"
            try:
                corpus = await self._open(guild.id)
                rows = await asyncio.to_thread(corpus.sources)
                if not any(r.kind == "url" for r in rows):
                    continue
                s = await self.bot.run_reindex(corpus.reindex, progress=self._stop_check)
                log.info(
                    "feed refresh of %s: %d added, %d updated, %d removed, %d errors",
                    s.corpus,
                    s.added,
                    s.updated,
                    s.removed,
                    len(s.errors),
                )
            except ReindexRunning:
                log.info("feed refresh of %s skipped: a reindex is running", guild_corpus(guild.id))
            except ReindexCancelled:
                return
            except UserFacingError as exc:  # a damaged manifest...: one line, no traceback
                log.warning("feed refresh of %s failed: %s", guild_corpus(guild.id), exc)
            except Exception:
                log.exception("feed refresh of %s failed", guild_corpus(guild.id))
            finally:
                self.running.pop(guild.id, None)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Admin(bot))
