"""Deterministic stand-ins for the boundaries: an embedder that needs no model."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

_TOK = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class HashEmbedder:
    """Bag-of-words hashed into a fixed number of dimensions, L2-normalised.

    Texts sharing words are close, so retrieval behaves plausibly; the same text always gives the
    same vector. ``calls`` and ``embedded`` count the work done, for the no-op reindex tests.
    """

    def __init__(self, dim: int = 64, max_tokens: int = 256) -> None:
        self.name = "hash-embedder"
        self.dim = dim
        self.max_tokens = max_tokens
        self.calls = 0
        self.embedded = 0
        self.fail_on: Callable[[Sequence[str]], bool] | None = None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_TOK.findall(t)) for t in texts]

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        if self.fail_on is not None and self.fail_on(texts):
            raise RuntimeError("embedder failure (test)")
        self.calls += 1
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in _TOK.findall(t.lower()):
                if not w.isalnum():
                    continue
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 63) else -1.0
            n = np.linalg.norm(out[i])
            if n == 0:
                out[i, 0] = 1.0
            else:
                out[i] /= n
        if progress:
            progress(len(texts))
        return out


def drop_collections(client: Any) -> None:
    """Delete every collection of an in-process Chroma client: EphemeralClient instances share
    one system, so what a test or module made must be cleared when it is done."""
    for col in client.list_collections():
        client.delete_collection(col if isinstance(col, str) else col.name)


def slow_embedding(embedder: Any, per_text_s: float = 0.05) -> Any:
    """Make ``embedder.embed`` take ``per_text_s`` a text, reporting progress as it goes, so a
    test can act while a reindex is still embedding; returns the original ``embed``."""
    plain = embedder.embed

    def slow(texts: Sequence[str], progress: Callable[[int], None] | None = None) -> Any:
        out = plain(texts)
        for _ in texts:
            time.sleep(per_text_s)
            if progress:
                progress(1)
        return out

    embedder.embed = slow
    return plain


def article_passage(aid: str, body: str, start: int, end: int, headline: str) -> Any:
    """A passage ``body[start:end]`` of a one-article corpus whose full text is ``body``."""
    from datetime import UTC, datetime

    from bot.qa.types import Passage

    return Passage(
        chunk_id=f"{aid}-0",
        article_id=aid,
        corpus="t",
        text=body[start:end],
        start=start,
        end=end,
        headline=headline,
        outlet="Test Wire",
        url=f"https://test.example/{aid}",
        published_at=datetime(2026, 3, 1, tzinfo=UTC),
        ai_generated=True,
        score=1.0,
        article_text=body,
    )
