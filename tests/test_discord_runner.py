"""Starting and stopping: missing or rejected token, intents not enabled, SIGTERM, command sync."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys

from bot.discord_app.runner import (
    EXIT_CONFIG,
    EXIT_INTENT,
    EXIT_OK,
    EXIT_REJECTED,
    RedactToken,
    serve,
    sync_commands,
    sync_commands_async,
)
from ingest.index import NewsIndex
from ingest.settings import Settings

from .discord.fake_discord import APP_ID, GUILD_B, FakeDiscord
from .discord.harness import TOKEN, make_settings
from .fakes import HashEmbedder

COMMANDS = {"ask", "reindex", "status", "sources"}


def test_missing_token_exits_2_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    env["NEWSBOT_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=tmp_path,  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == EXIT_CONFIG, proc.stderr
    assert "NEWSBOT_DISCORD_TOKEN" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_sync_commands_without_token(tmp_path, capsys):
    settings = Settings(_env_file=None, data_dir=tmp_path, discord_token="  ")  # type: ignore[call-arg]
    assert sync_commands(settings) == EXIT_CONFIG
    assert "NEWSBOT_DISCORD_TOKEN" in capsys.readouterr().err


async def _serve_against(fake: FakeDiscord, tmp_path, chroma_client, **kw):
    settings = make_settings(tmp_path, fake, **kw.pop("settings", {}))
    index = NewsIndex(settings, embedder=HashEmbedder(), client=chroma_client)
    return await serve(settings, TOKEN, index=index, qa=None, guild_ready_timeout=0.05, **kw)


async def test_rejected_token_exits_non_zero_and_never_logs_the_token(
    tmp_path, chroma_client, capsys, caplog
):
    fake = await FakeDiscord().start()
    fake.reject_token = True
    try:
        with caplog.at_level(logging.DEBUG):
            code = await _serve_against(fake, tmp_path, chroma_client, install_signals=False)
    finally:
        await fake.stop()
    assert code == EXIT_REJECTED
    err = capsys.readouterr().err
    assert "rejected the bot token" in err and "Traceback" not in err
    assert TOKEN not in caplog.text and TOKEN not in err
    # The bot did send it, as discord.py does: only in the Authorization header.
    assert fake.calls[0].headers["Authorization"] == f"Bot {TOKEN}"


async def test_message_content_intent_not_enabled_in_the_portal(tmp_path, chroma_client, capsys):
    fake = await FakeDiscord().start()
    fake.privileged_intents = False
    try:
        code = await asyncio.wait_for(
            _serve_against(
                fake,
                tmp_path,
                chroma_client,
                install_signals=False,
                settings={"message_content_intent": True},
            ),
            20,
        )
    finally:
        await fake.stop()
    assert code == EXIT_INTENT
    assert "Privileged Gateway Intents" in capsys.readouterr().err


async def test_sigterm_shuts_down_cleanly(tmp_path, chroma_client, caplog):
    fake = await FakeDiscord().start()
    try:
        with caplog.at_level(logging.DEBUG):
            task = asyncio.create_task(_serve_against(fake, tmp_path, chroma_client))
            await asyncio.wait_for(fake.identified.wait(), 10)
            os.kill(os.getpid(), signal.SIGTERM)
            code = await asyncio.wait_for(task, 10)
    finally:
        await fake.stop()
    assert code == EXIT_OK
    assert "shutting down" in caplog.text
    assert TOKEN not in caplog.text


async def test_sync_commands_globally_or_to_one_guild(tmp_path):
    fake = await FakeDiscord().start()
    try:
        settings = make_settings(tmp_path, fake)
        names = await sync_commands_async(settings, TOKEN)
        assert set(names) == COMMANDS
        put = fake.find("PUT", rf"^/applications/{APP_ID}/commands$")
        assert {c["name"] for c in put[0].json} == COMMANDS
        assert fake.identify is None
        # The dev-guild setting does not turn an explicit global sync into a guild one.
        assert not fake.find("PUT", r"/guilds/")
        names = await sync_commands_async(settings, TOKEN, guild_id=GUILD_B)
        assert set(names) == COMMANDS
        assert fake.find("PUT", rf"^/applications/{APP_ID}/guilds/{GUILD_B}/commands$")
    finally:
        await fake.stop()


def test_token_redaction_filter():
    f = RedactToken("s3cret")
    rec = logging.LogRecord("x", logging.INFO, __file__, 1, "token is %s", ("s3cret",), None)
    f.filter(rec)
    assert rec.getMessage() == "token is [token]"
    try:
        raise RuntimeError("bad s3cret")
    except RuntimeError:
        rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    f.filter(rec)
    assert "s3cret" not in rec.exc_text and "[token]" in rec.exc_text
