"""The health endpoint (bot/health.py) and the Docker probe (docker/healthcheck.py)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.health import HealthServer
from ingest.settings import Settings

PROBE = Path(__file__).resolve().parents[1] / "docker" / "healthcheck.py"


async def _get(server: HealthServer, path: str = "/healthz") -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as s,
        s.get(f"http://127.0.0.1:{server.port}{path}") as r,
    ):
        return r.status, (await r.json() if r.content_type == "application/json" else {})


@pytest.fixture
async def server():
    srv = HealthServer("127.0.0.1", 0, check_timeout_s=0.3)
    await srv.start()
    yield srv
    await srv.stop()


async def test_no_checks_is_plain_liveness(server: HealthServer) -> None:
    assert server.port > 0
    status, body = await _get(server)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"] == {}


async def test_all_checks_pass(server: HealthServer) -> None:
    async def index_ok() -> bool:
        return await asyncio.to_thread(lambda: True)

    server.add_check("gateway", lambda: True)
    server.add_check("index", index_ok)
    status, body = await _get(server)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"] == {"gateway": "ok", "index": "ok"}
    assert "failed" not in body


async def test_failing_check_is_503_and_named(server: HealthServer) -> None:
    server.add_check("gateway", lambda: False)
    server.add_check("index", lambda: True)
    status, body = await _get(server)
    assert status == 503
    assert body["status"] == "unhealthy"
    assert body["failed"] == ["gateway"]
    assert body["checks"]["index"] == "ok"


async def test_raising_check_is_unhealthy_with_reason(server: HealthServer) -> None:
    def boom() -> bool:
        raise ConnectionError("chroma down")

    async def aboom() -> bool:
        raise RuntimeError("async boom")

    server.add_check("index", boom)
    server.add_check("other", aboom)
    status, body = await _get(server)
    assert status == 503
    assert sorted(body["failed"]) == ["index", "other"]
    assert body["checks"]["index"] == "ConnectionError: chroma down"
    assert "async boom" in body["checks"]["other"]


async def test_slow_check_times_out(server: HealthServer) -> None:
    async def slow() -> bool:
        await asyncio.sleep(5)
        return True

    server.add_check("gateway", lambda: True)
    server.add_check("index", slow)
    t0 = time.monotonic()
    status, body = await _get(server)
    assert time.monotonic() - t0 < 2  # answered at the timeout, not after the slow check
    assert status == 503
    assert body["failed"] == ["index"]
    assert "timed out" in body["checks"]["index"]


async def test_slow_thread_check_times_out(server: HealthServer) -> None:
    def blocking_heartbeat() -> bool:
        time.sleep(1.0)
        return True

    server.add_check("index", lambda: asyncio.to_thread(blocking_heartbeat))
    status, body = await _get(server)
    assert status == 503
    assert body["failed"] == ["index"]


async def test_recovers_when_check_passes_again(server: HealthServer) -> None:
    state = {"ok": False}
    server.add_check("gateway", lambda: state["ok"])
    assert (await _get(server))[0] == 503
    state["ok"] = True
    assert (await _get(server))[0] == 200


async def test_unknown_path_is_404(server: HealthServer) -> None:
    status, _ = await _get(server, "/nope")
    assert status == 404


async def test_stop_closes_the_port() -> None:
    srv = HealthServer("127.0.0.1", 0)
    await srv.start()
    port = srv.port
    await srv.stop()
    await srv.stop()  # idempotent
    with pytest.raises(aiohttp.ClientConnectionError):
        async with aiohttp.ClientSession() as s:
            await s.get(f"http://127.0.0.1:{port}/healthz")


async def test_context_manager_and_busy_port() -> None:
    async with HealthServer("127.0.0.1", 0) as srv:
        clash = HealthServer("127.0.0.1", srv.port)
        with pytest.raises(OSError):
            await clash.start()
        assert (await _get(srv))[0] == 200


def test_from_settings_off_by_default(tmp_path: Path) -> None:
    s = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert HealthServer.from_settings(s) is None
    s8080 = Settings(_env_file=None, data_dir=tmp_path, health_port=8080)  # type: ignore[call-arg]
    srv = HealthServer.from_settings(s8080)
    assert srv is not None and srv.port == 8080 and srv.host == "0.0.0.0"


# --- the probe the Docker image's HEALTHCHECK runs ----------------------------------------------


def _probe(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )


async def test_probe_exit_codes(server: HealthServer) -> None:
    state = {"ok": True}
    server.add_check("gateway", lambda: state["ok"])
    url = f"http://127.0.0.1:{server.port}/healthz"
    ok = await asyncio.to_thread(_probe, url)
    assert ok.returncode == 0, ok.stdout
    assert json.loads(ok.stdout)["status"] == "ok"
    state["ok"] = False
    bad = await asyncio.to_thread(_probe, url)
    assert bad.returncode == 1
    assert "gateway" in bad.stdout


async def test_probe_reads_port_from_env(server: HealthServer) -> None:
    env = {"NEWSBOT_HEALTH_PORT": str(server.port), "PATH": "/usr/bin:/bin"}
    res = await asyncio.to_thread(_probe, env=env)
    assert res.returncode == 0, res.stdout


def test_probe_nothing_listening_and_disabled() -> None:
    down = _probe("http://127.0.0.1:9/healthz")  # discard port: refused
    assert down.returncode == 1
    assert "unhealthy" in down.stdout
    off = _probe(env={"NEWSBOT_HEALTH_PORT": "0", "PATH": "/usr/bin:/bin"})
    assert off.returncode == 0
    assert "off" in off.stdout


def test_probe_is_stdlib_only() -> None:
    text = PROBE.read_text()
    for mod in ("aiohttp", "requests", "httpx", "bot.", "ingest."):
        assert f"import {mod}" not in text and f"from {mod}" not in text
