"""The Chroma side of the index: the client (embedded or server) and per-corpus collections."""

from __future__ import annotations

import logging
import re
from typing import Any

from .errors import InvalidCorpusName, UserFacingError
from .settings import Settings

log = logging.getLogger(__name__)

_CORPUS_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")


def check_corpus_name(name: str) -> str:
    if not _CORPUS_RE.match(name):
        raise InvalidCorpusName(
            f"invalid corpus name {name!r}: use 1-48 lower-case letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return name


def collection_name(corpus: str, generation: int) -> str:
    return f"nb-{corpus}-g{generation}"


_GENERATION_RE = re.compile(r"-g([0-9]+)$")


def generation_of(corpus: str, name: str) -> int | None:
    """The generation when ``name`` is one of ``corpus``'s collections, else None.

    Exact: ``nb-news-global-g1`` belongs to ``news-global``, never to ``news``.
    """
    prefix = f"nb-{corpus}"
    if not name.startswith(prefix):
        return None
    m = _GENERATION_RE.fullmatch(name[len(prefix) :])
    return int(m.group(1)) if m else None


def make_client(settings: Settings) -> Any:
    """A Chroma client for the configured mode. Server mode fails fast when the server is down.

    Chroma is imported here, not with the module: it takes about 0.3 s, and a process that
    answers from the read side's segments never needs it."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "server":
        headers = {}
        if settings.chroma_token is not None:
            headers["Authorization"] = f"Bearer {settings.chroma_token.get_secret_value()}"
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host,
                port=settings.chroma_port,
                ssl=settings.chroma_ssl,
                headers=headers,
                tenant=settings.chroma_tenant,
                database=settings.chroma_database,
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            scheme = "https" if settings.chroma_ssl else "http"
            raise ConnectionError(
                f"cannot reach the Chroma server at {scheme}://{settings.chroma_host}:"
                f"{settings.chroma_port}: {exc}"
            ) from exc
        return client
    import importlib.util

    if importlib.util.find_spec("chromadb.is_thin_client") is not None:
        raise UserFacingError(
            "this install has only the Chroma HTTP client (chromadb-client): set "
            "NEWSBOT_CHROMA_MODE=server, or install the full chromadb package (Docker: build with "
            "--build-arg CHROMA_PACKAGE=chromadb --build-arg CHROMA_MODE=embedded)"
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def get_or_create_collection(client: Any, name: str, model: str) -> Any:
    # Cosine space with unit vectors; we pass embeddings ourselves, so Chroma's default
    # embedding function must never run (it would download a model).
    return client.get_or_create_collection(
        name=name,
        embedding_function=None,
        metadata={"hnsw:space": "cosine", "embedding_model": model},
    )


def delete_collection(client: Any, name: str) -> str | None:
    """Delete a collection if it exists. Returns None when it is gone (or never was), else a
    one-line description of the failure, already logged at WARNING: a collection that cannot be
    deleted keeps its vectors (disk) and may come back as a leftover."""
    try:
        if name not in list_collection_names(client):
            return None
        client.delete_collection(name)
    except Exception as exc:
        try:
            gone = name not in list_collection_names(client)
        except Exception:
            gone = False
        if gone:  # deleted by someone else meanwhile: nothing to report
            return None
        msg = f"could not delete collection {name}: {type(exc).__name__}: {exc}"
        log.warning(msg)
        return msg
    return None


def list_collection_names(client: Any) -> list[str]:
    cols = client.list_collections()
    return [c if isinstance(c, str) else c.name for c in cols]
