from __future__ import annotations

import shutil
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from ingest.index import NewsIndex
from ingest.settings import Settings

from .fakes import HashEmbedder, drop_collections

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpx and aiohttp honour proxy variables; loopback test traffic must go nowhere else.
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # _env_file=None: a developer's own .env must not leak into the tests.
    return Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def chroma_client():
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    yield client
    drop_collections(client)


@pytest.fixture
def index(settings: Settings, embedder: HashEmbedder, chroma_client) -> NewsIndex:
    return NewsIndex(settings, embedder=embedder, client=chroma_client)


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled demo articles."""
    dst = tmp_path / "articles"
    shutil.copytree(REPO / "ingest" / "demo_articles", dst)
    return dst


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not present (../shared is not checked out here)")
    return p
