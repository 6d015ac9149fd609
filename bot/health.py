"""A tiny HTTP health endpoint for Docker's ``HEALTHCHECK`` and other orchestrators.

``GET /healthz`` runs every registered check (concurrently, each under a timeout) and answers
``200 {"status": "ok", ...}`` when all pass, or ``503 {"status": "unhealthy", "failed": [...]}``
naming the checks that failed, raised or timed out. With no checks registered it is a plain
liveness probe.

A check is a callable taking no arguments and returning a bool, or an awaitable of one. Sync checks
run on the event loop, so they must be cheap and non-blocking (``bot.is_ready()``); anything that
does I/O (a Chroma heartbeat) should be ``async`` and use ``asyncio.to_thread``::

    health = HealthServer.from_settings(settings)      # None when NEWSBOT_HEALTH_PORT=0
    if health:
        health.add_check("gateway", lambda: bot.is_ready() and not bot.is_closed())
        health.add_check("index", lambda: asyncio.to_thread(index_heartbeat))
        await health.start()
        ...
        await health.stop()

The server is off by default (``health_port = 0``); the Docker image sets
``NEWSBOT_HEALTH_PORT=8080``. It logs no access lines (a probe every 30 s would drown the log),
only state changes, and its answers hold check names and short reasons, never settings.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from ingest.settings import Settings

log = logging.getLogger(__name__)

Check = Callable[[], "bool | Awaitable[bool]"]

PATH = "/healthz"
DEFAULT_TIMEOUT_S = 3.0  # under Docker's own probe timeout (5 s in the image)
_REASON_MAX = 200


class HealthServer:
    """Serve ``GET /healthz`` on ``host:port``. Port 0 binds a free port (see :attr:`port`)."""

    def __init__(self, host: str, port: int, *, check_timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.host = host
        self.port = port
        self.check_timeout_s = check_timeout_s
        self._checks: dict[str, Check] = {}
        self._runner: web.AppRunner | None = None
        self._started = time.monotonic()
        self._last_ok: bool | None = None

    @classmethod
    def from_settings(cls, settings: Settings, host: str = "0.0.0.0") -> HealthServer | None:
        """The server the settings ask for, or None when ``NEWSBOT_HEALTH_PORT`` is 0 (off)."""
        if not settings.health_port:
            return None
        return cls(host, settings.health_port)

    def add_check(self, name: str, fn: Check) -> None:
        """Register (or replace) a named check; it must return True when healthy."""
        self._checks[name] = fn

    async def _run_one(self, name: str, fn: Check) -> tuple[bool, str]:
        try:
            result = fn()
            if inspect.isawaitable(result):
                result = await asyncio.wait_for(result, timeout=self.check_timeout_s)
        except TimeoutError:
            return False, f"timed out after {self.check_timeout_s:g}s"
        except Exception as exc:
            return False, f"{type(exc).__name__}: {exc}"[:_REASON_MAX]
        return (True, "ok") if result else (False, "failed")

    async def run_checks(self) -> tuple[bool, dict[str, str]]:
        """All checks, concurrently: (all passed, {name: "ok" or the reason it failed})."""
        names = list(self._checks)
        results = await asyncio.gather(*(self._run_one(n, self._checks[n]) for n in names))
        ok = all(passed for passed, _ in results)
        return ok, {n: reason for n, (_, reason) in zip(names, results, strict=True)}

    async def _healthz(self, request: web.Request) -> web.Response:
        ok, checks = await self.run_checks()
        body: dict[str, Any] = {
            "status": "ok" if ok else "unhealthy",
            "checks": checks,
            "uptime_s": round(time.monotonic() - self._started, 1),
        }
        if not ok:
            body["failed"] = [n for n, reason in checks.items() if reason != "ok"]
        if ok != self._last_ok:  # log transitions only
            if ok:
                log.info("health: ok")
            else:
                log.warning(
                    "health: unhealthy (%s)",
                    ", ".join(f"{n}: {checks[n]}" for n in body["failed"]),
                )
            self._last_ok = ok
        return web.json_response(body, status=200 if ok else 503)

    async def start(self) -> None:
        if self._runner is not None:
            return
        app = web.Application()
        app.router.add_get(PATH, self._healthz)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = int(server.sockets[0].getsockname()[1])
        self._started = time.monotonic()
        log.info("health endpoint on http://%s:%d%s", self.host, self.port, PATH)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> HealthServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
