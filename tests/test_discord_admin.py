"""Admin commands against the fake Discord: permissions, tenancy, progress, sources, status."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import timedelta
from pathlib import Path

from bot.discord_app.client import guild_corpus

from .discord.fake_discord import (
    ADMIN_B_ID,
    ADMIN_ID,
    APP_ID,
    CHANNEL_A,
    EDITOR_ID,
    EPHEMERAL,
    GUILD_A,
    GUILD_B,
    MEMBER_ID,
    Call,
    FakeDiscord,
    Injected,
)
from .discord.harness import Env, running_bot
from .fakes import slow_embedding

DATA = Path(__file__).parent / "data"


def callback(fake: FakeDiscord, inter: Injected) -> Call | None:
    found = [c for c in fake.interaction_calls(inter) if c.path.endswith("/callback")]
    return found[0] if found else None


async def final_text(fake: FakeDiscord, inter: Injected, marker: str, timeout: float = 15) -> str:
    """The content of the edit (or follow-up) holding ``marker``."""

    def done(_: list[Call]) -> str | None:
        for c in fake.interaction_calls(inter):
            if c.status < 300 and c.method in ("PATCH", "POST") and marker in (c.content or ""):
                return c.content
        return None

    return await fake.wait_for(done, timeout)


async def refused(fake: FakeDiscord, inter: Injected) -> str:
    cb = await fake.wait_for(lambda _: callback(fake, inter))
    assert cb.json["type"] == 4, cb.json
    assert cb.flags & EPHEMERAL
    return cb.content or ""


def add_b_article(env: Env, tmp: Path) -> None:
    src = tmp / "b-src"
    src.mkdir()
    (src / "b.txt").write_text(
        "Guild B's own story about the Lunvik fishing quota\n"
        "The Lunvik fishing quota was cut by a fifth on Monday, the ministry said.\n"
    )
    c = env.index.corpus(guild_corpus(GUILD_B))
    c.add_sources([str(src)])
    c.reindex()


def b_state(env: Env) -> tuple:
    c = env.index.corpus(guild_corpus(GUILD_B))
    st = c.status()
    return st["articles"], st["chunks"], st["last_reindex"]["finished_at"], c.collection().count()


async def test_member_refused_admin_reindexes_and_guild_b_is_untouched(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        add_b_article(env, tmp_path)
        before_b = b_state(env)
        last_a = env.index.corpus(guild_corpus(GUILD_A)).status()["last_reindex"]["finished_at"]
        # Commands are hidden from members by default permissions (Manage Server = 32)...
        synced = {c["name"]: c for c in fake.commands[GUILD_A]}
        assert synced["reindex"]["default_member_permissions"] in (32, "32")
        assert synced["sources"]["default_member_permissions"] in (32, "32")
        assert synced["status"]["default_member_permissions"] in (32, "32")
        assert synced["ask"].get("default_member_permissions") is None
        # ...and refused at run time, privately, when a server overrides that.
        text = await refused(fake, await fake.interaction("reindex", {}, user=MEMBER_ID))
        assert "Manage Server" in text
        assert (
            env.index.corpus(guild_corpus(GUILD_A)).status()["last_reindex"]["finished_at"]
            == last_a
        )
        # The admin's full reindex runs and reports its summary.
        inter = await fake.interaction("reindex", {"full": True}, user=ADMIN_ID)
        text = await final_text(fake, inter, "finished")
        cb = callback(fake, inter)
        assert cb.json == {"type": 5} and cb.t - inter.t < 3
        assert "(full rebuild)" in text
        assert "0 added, 0 updated, 0 removed, 14 unchanged, 0 skipped, 0 errors" in text
        assert "Now 14 articles" in text
        assert b_state(env) == before_b
        fake.assert_no_pings()


async def test_admin_role_status_and_sources_list(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client, admin_role="News Editors") as env:
        fake = env.fake
        inter = await fake.interaction("status", {}, user=EDITOR_ID)
        text = await final_text(fake, inter, "Index status")
        cb = callback(fake, inter)
        assert cb.json["type"] == 5 and cb.flags & EPHEMERAL
        assert "Articles: 14" in text and "Last reindex:" in text and "Model:" in text
        assert "News Editors" in await refused(
            fake, await fake.interaction("status", {}, user=MEMBER_ID)
        )
        inter = await fake.interaction("sources", {}, sub="list", user=EDITOR_ID)
        text = await final_text(fake, inter, "sources (1)")
        assert "demo_articles" in text and "(dir" in text
        # Guild B's admin sees only guild B's (empty) list.
        inter = await fake.interaction("sources", {}, sub="list", user=ADMIN_B_ID, guild=GUILD_B)
        assert "no sources yet" in await final_text(fake, inter, "sources")
        fake.assert_no_pings()


async def test_upload_list_remove(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client, max_attachment_bytes=5000) as env:
        fake = env.fake
        body = (DATA / "parsers" / "front_matter.md").read_bytes()
        assert len(body) < 5000
        inter = await fake.interaction(
            "sources", {}, sub="upload", attachment=("My Notes.md", body)
        )
        text = await final_text(fake, inter, "finished")
        assert "Uploaded My_Notes.md" in text and "1 added" in text and "Now 15 articles" in text
        saved = env.settings.data_dir / "uploads" / guild_corpus(GUILD_A) / "My_Notes.md"
        assert saved.read_bytes() == body
        listing = await final_text(
            fake, await fake.interaction("sources", {}, sub="list"), "sources (2)"
        )
        assert "upload:My_Notes.md" in listing and str(saved) not in listing
        inter = await fake.interaction("sources", {"source": "upload:My_Notes.md"}, sub="remove")
        text = await final_text(fake, inter, "finished")
        assert "Removed upload:My_Notes.md" in text and "1 removed" in text
        assert not saved.exists()
        # Refusals: the wrong kind of file, too big a file, a source that is not ours.
        too_big = await fake.interaction(
            "sources", {}, sub="upload", attachment=("big.txt", b"x" * 6000)
        )
        assert "limit is 5,000 bytes" in await refused(fake, too_big)
        exe = await fake.interaction("sources", {}, sub="upload", attachment=("tool.exe", b"MZ"))
        assert ".jsonl" in await refused(fake, exe)
        other = await fake.interaction("sources", {"source": "/etc/passwd"}, sub="remove")
        assert "not one of this server's sources" in await final_text(fake, other, "not one of")
        fake.assert_no_pings()


async def test_sources_add_fetches_and_indexes_a_page(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        fake.pages["library.html"] = (
            "text/html; charset=utf-8",
            (DATA / "parsers" / "library_page.html").read_text(),
        )
        url = f"{fake.base_url}/web/library.html"
        inter = await fake.interaction("sources", {"url_or_feed": url}, sub="add")
        text = await final_text(fake, inter, "finished")
        assert f"Added {url}" in text and "1 added" in text and "Now 15 articles" in text
        assert callback(fake, inter).flags & EPHEMERAL
        bad = await fake.interaction("sources", {"url_or_feed": "/etc/passwd"}, sub="add")
        assert "http" in await refused(fake, bad)
        fake.assert_no_pings()


async def test_reindex_progress_is_throttled_while_questions_are_answered(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        cog = env.cog("Admin")
        cog.progress_every_s = 0.3
        # A slow embedder reporting progress per chunk: the full reindex takes ~1.5 s.
        slow_embedding(env.index.embedder)
        inter = await fake.interaction("reindex", {"full": True})
        await fake.wait_for(lambda _: cog.running)
        # While it embeds: another reindex is refused, a question is acknowledged and answered
        # from the live index.
        busy = await fake.interaction("reindex", {})
        assert "running" in await refused(fake, busy)
        ask = await fake.interaction(
            "ask", {"question": "Who is mediating the Halverton transit strike?"}
        )
        await fake.wait_for(lambda _: callback(fake, ask))
        assert callback(fake, ask).t - ask.t < 3
        await final_text(fake, ask, "Hollis Brandt")
        assert cog.running, "the question should have been answered during the reindex"
        text = await final_text(fake, inter, "finished", timeout=30)
        assert "(full rebuild)" in text and "14 unchanged" in text
        progress = [
            c
            for c in fake.interaction_calls(inter)
            if c.method == "PATCH" and "running" in (c.content or "")
        ]
        assert len(progress) >= 2, [c.content for c in progress]
        assert any("embedding chunks" in c.content for c in progress)
        gaps = [b.t - a.t for a, b in itertools.pairwise(progress)]
        assert all(g >= 0.25 for g in gaps), gaps
        assert len({c.content for c in progress}) == len(progress), "repeated identical edits"
        fake.assert_no_pings()


async def test_a_reindex_outliving_the_token_reports_in_the_channel(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        env.cog("Admin").token_lifetime = timedelta(seconds=0)
        await fake.interaction("reindex", {})
        post = await fake.wait_for(
            lambda _: [
                c
                for c in fake.bot_messages()
                if c.path == f"/channels/{CHANNEL_A}/messages" and "has ended" in c.content
            ]
        )
        assert "alice-admin" in post[0].content and "14 unchanged" in post[0].content
        fake.assert_no_pings()


async def test_a_reindex_running_elsewhere_is_a_private_message(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        with env.index.corpus(guild_corpus(GUILD_A))._lock():  # e.g. `newsbot reindex` on the host
            inter = await fake.interaction("reindex", {})
            followup = await fake.wait_for(
                lambda _: [
                    c
                    for c in fake.interaction_calls(inter)
                    if c.method == "POST" and c.path.startswith(f"/webhooks/{APP_ID}/")
                ]
            )
        assert "already running" in followup[0].content and followup[0].flags & EPHEMERAL
        assert any(c.method == "DELETE" for c in fake.interaction_calls(inter))


async def test_scheduled_feed_refresh_touches_only_corpora_with_web_sources(
    tmp_path, chroma_client
):
    async with running_bot(tmp_path, chroma_client, feed_refresh_minutes=60) as env:
        fake = env.fake
        cog = env.cog("Admin")
        assert cog._refresh is not None and cog._refresh.is_running()
        fake.pages["library.html"] = (
            "text/html",
            (DATA / "parsers" / "library_page.html").read_text(),
        )
        add_b_article(env, tmp_path)
        a = env.index.corpus(guild_corpus(GUILD_A))
        a.add_sources([f"{fake.base_url}/web/library.html"])
        before_b = b_state(env)
        await cog.refresh_feeds_once()
        assert a.status()["articles"] == 15
        assert b_state(env) == before_b
        await asyncio.sleep(0)


async def test_shutdown_mid_reindex_leaves_the_previous_index_answering(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        cog = env.cog("Admin")
        corpus = env.index.corpus(guild_corpus(GUILD_A))
        generation = corpus.db.generation
        emb = env.index.embedder
        plain = slow_embedding(emb)
        await fake.interaction("reindex", {"full": True})
        await fake.wait_for(lambda _: cog.running)
        await asyncio.sleep(0.3)
        await env.bot.close()  # what SIGTERM does
        deadline = time.monotonic() + 5
        while cog.running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert not cog.running, "the reindex did not stop"
        assert corpus.db.generation == generation
        assert corpus.status()["articles"] == 14
        emb.embed = plain  # type: ignore[method-assign]
        ans = env.qa.inner.answer("Who is mediating the Halverton transit strike?", [corpus.name])
        assert "Hollis Brandt" in ans.text
