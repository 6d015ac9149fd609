#!/usr/bin/env python3
"""Serve the test suite's fake Discord (tests/discord/fake_discord.py) to a bot in a container.

Binds 0.0.0.0 on a fixed port (the container reaches the host as ``host.docker.internal``, see
docker/compose.ci.yml; the fake advertises its gateway on the host name the client used), prints
one line when listening and ``IDENTIFIED`` once the bot has connected to the gateway and
identified, then serves until SIGTERM/SIGINT. Used by .ci/docker-smoke; run from the repository
root with the project's venv:

    .venv/bin/python docker/ci_fake_discord.py --port 8766
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.discord.fake_discord import API, FakeDiscord


async def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="fake Discord for the Docker smoke test")
    ap.add_argument("--host", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=8766)
    args = ap.parse_args(argv)
    fake = await FakeDiscord().start(args.host, args.port)
    print(f"fake Discord on {args.host}:{fake.port} (API path {API})", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    async def announce() -> None:
        await fake.identified.wait()
        print("IDENTIFIED", flush=True)

    task = asyncio.create_task(announce())
    await stop.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
