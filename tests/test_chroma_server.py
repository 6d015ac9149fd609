"""Server mode: the same reindex against a real ``chroma run`` server on a free loopback port,
and a clear, fast error when the configured server is unreachable."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.index import NewsIndex
from ingest.settings import Settings
from ingest.store import collection_name, list_collection_names, make_client

from .fakes import HashEmbedder
from .test_reindex import N_DEMO, _assert_consistent, _ingest, _manifest_ids, _query_ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chroma_cli() -> str | None:
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.is_file() else shutil.which("chroma")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    cli = _chroma_cli()
    if cli is None:
        pytest.skip("the chroma CLI (from the chromadb package) is not installed")
    port = _free_port()
    log = tmp_path / "chroma-server.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [
                cli,
                "run",
                "--path",
                str(tmp_path / "server"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run did not answer in 30 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def test_server_mode_against_real_chroma(
    chroma_server: int, tmp_path: Path, demo_copy: Path
) -> None:
    port = chroma_server
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        chroma_mode="server",
        chroma_host="127.0.0.1",
        chroma_port=port,
    )
    index = NewsIndex(settings, embedder=HashEmbedder())
    c = _ingest(index, "srv", demo_copy)
    articles, chunks = c.db.counts()
    assert articles == N_DEMO and c.collection().count() == chunks
    hit = _query_ids(index, c, "transit strike in Halverton")
    assert hit and set(hit) <= _manifest_ids(c)
    st = c.status()
    assert st["store"] == f"server 127.0.0.1:{port}" and st["articles"] == N_DEMO
    # The vectors really live in the server, not in an embedded store under the data dir.
    assert not settings.chroma_dir.exists()
    probe = make_client(settings)
    assert probe.get_collection(collection_name("srv", 1)).count() == chunks
    assert c.reindex().embedded_chunks == 0
    s = c.reindex(full=True)
    assert s.articles == N_DEMO and c.db.generation == 2
    names = [n for n in list_collection_names(probe) if n.startswith("nb-srv-")]
    assert names == [collection_name("srv", 2)]
    _assert_consistent(c)


def test_unreachable_server_is_a_clear_connection_error(tmp_path: Path) -> None:
    port = _free_port()  # nothing listens here
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        chroma_mode="server",
        chroma_host="127.0.0.1",
        chroma_port=port,
    )
    t0 = time.monotonic()
    with pytest.raises(
        ConnectionError,
        match=re.escape(f"cannot reach the Chroma server at http://127.0.0.1:{port}"),
    ):
        make_client(settings)
    with pytest.raises(ConnectionError, match="cannot reach the Chroma server"):
        NewsIndex(settings, embedder=HashEmbedder()).corpus("x").reindex()
    assert time.monotonic() - t0 < 20, "an unreachable server must fail fast"
