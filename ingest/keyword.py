"""The keyword (BM25) side of the index, kept in step with the manifest of each corpus.

It is derived data: rebuilt from the manifest's chunks after every reindex (a few thousand chunks
take well under a second) and persisted beside the corpus, tagged with the manifest version it was
built from. A reader that finds it stale (say, after a crash between the two writes) rebuilds it.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from .corpusdb import ChunkRow, CorpusDB

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Short English stop list: function words only; names, numbers and dates carry the signal in news.
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his how i if in into is it
    its of on or our she so than that the their them then there these they this to was we were
    what when where which who whom why will with would you your did does do about after before
    over under""".split()
)


try:  # Snowball stemming ("prosecutors" finds "prosecution"); plain words without PyStemmer.
    import Stemmer

    _stem = Stemmer.Stemmer("english").stemWord
    TOKENIZER = "snowball-en-1"
except ImportError:  # pragma: no cover - PyStemmer is a declared dependency
    _stem = None
    TOKENIZER = "plain-1"


@functools.lru_cache(maxsize=200_000)
def _norm_token(t: str) -> str:
    return _stem(t) if _stem is not None else t


def tokenize(text: str) -> list[str]:
    toks = [_norm_token(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]
    # bm25s cannot index an empty document; a lone placeholder keeps ids aligned.
    return toks or ["\u2205"]


@dataclass
class KeywordHits:
    ids: list[str]
    scores: list[float]


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25, ids: list[str], version: int) -> None:
        self.retriever = retriever
        self.ids = ids
        self.version = version

    @classmethod
    def build(cls, chunks: list[ChunkRow], version: int) -> KeywordIndex:
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        if chunks:
            retriever.index([tokenize(c.indexed_text) for c in chunks], show_progress=False)
        return cls(retriever, [c.id for c in chunks], version)

    def scores(self, query: str, tokens: list[str] | None = None) -> np.ndarray:
        """BM25 score of every chunk (aligned with ``ids``) for the query (or for ``tokens``,
        already tokenized)."""
        toks = tokenize(query) if tokens is None else tokens
        toks = [t for t in toks if t in self.retriever.vocab_dict] if self.ids else []
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(toks), dtype=np.float32)

    def doc_freq(self, token: str) -> int:
        """How many chunks hold ``token`` (0 when none does)."""
        tid = self.retriever.vocab_dict.get(token) if self.ids else None
        if tid is None:
            return 0
        indptr = self.retriever.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def search(self, query: str, k: int) -> KeywordHits:
        if not self.ids:
            return KeywordHits([], [])
        scores = self.scores(query)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return KeywordHits(
            [self.ids[i] for i in top if scores[i] > 0],
            [float(scores[i]) for i in top if scores[i] > 0],
        )

    def save(self, root: Path) -> None:
        tmp = root.with_name(root.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.ids:
            self.retriever.save(str(tmp), show_progress=False)
        meta = {"version": self.version, "tokenizer": TOKENIZER, "ids": self.ids}
        (tmp / "meta.json").write_text(json.dumps(meta))
        old = root.with_name(root.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if root.exists():
            root.rename(old)
        tmp.rename(root)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, root: Path) -> KeywordIndex | None:
        try:
            meta = json.loads((root / "meta.json").read_text())
            if meta.get("tokenizer") != TOKENIZER:
                log.info("keyword index at %s was built by another tokenizer; rebuilding", root)
                return None
            ids = meta["ids"]
            retriever = bm25s.BM25.load(str(root), show_progress=False) if ids else bm25s.BM25()
            return cls(retriever, ids, int(meta["version"]))
        except (OSError, ValueError, KeyError) as exc:
            log.info("keyword index at %s not loadable (%s); it will be rebuilt", root, exc)
            return None


class KeywordStore:
    """Per-corpus keyword index with an in-memory cache keyed by manifest version."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cached: KeywordIndex | None = None
        self._lock = threading.Lock()

    def rebuild(self, db: CorpusDB) -> KeywordIndex:
        idx = KeywordIndex.build(db.chunks(), db.version)
        idx.save(self.root)
        with self._lock:
            self._cached = idx
        return idx

    def get(self, db: CorpusDB) -> KeywordIndex:
        version = db.version
        with self._lock:
            if self._cached is not None and self._cached.version == version:
                return self._cached
        idx = KeywordIndex.load(self.root)
        if idx is None or idx.version != version:
            return self.rebuild(db)
        with self._lock:
            self._cached = idx
        return idx
