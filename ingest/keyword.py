"""The keyword (BM25) side of the index, kept in step with the manifest of each corpus.

It is derived data: rebuilt from the manifest's chunks after every reindex (a few thousand chunks
take well under a second) and persisted beside the corpus, tagged with the manifest version it was
built from. A reader that finds it stale (say, after a crash between the two writes) rebuilds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import tempfile
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
        """Write the index to a directory of its own, then point ``root`` (a symlink) at it in
        one atomic rename: readers see the old index or the new one, never a half-written one,
        and concurrent savers (threads, or the CLI beside the bot) never share a temporary
        directory."""
        root.parent.mkdir(parents=True, exist_ok=True)
        # One saver at a time per index, across threads and processes (flock is per open file).
        fd = os.open(root.with_name(root.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._save_locked(root)
        finally:
            os.close(fd)

    def _save_locked(self, root: Path) -> None:
        target = Path(tempfile.mkdtemp(prefix=f"{root.name}.v{self.version}-", dir=root.parent))
        if self.ids:
            self.retriever.save(str(target), show_progress=False)
        meta = {"version": self.version, "tokenizer": TOKENIZER, "ids": self.ids}
        (target / "meta.json").write_text(json.dumps(meta))
        link = root.with_name(f"{target.name}.link")
        os.symlink(target.name, link)
        if root.is_dir() and not root.is_symlink():  # written by an older release
            trash = Path(tempfile.mkdtemp(prefix=f"{root.name}.old-", dir=root.parent))
            with contextlib.suppress(OSError):
                root.rename(trash / "index")
            shutil.rmtree(trash, ignore_errors=True)
        os.replace(link, root)
        # Earlier versions (and what a killed saver left) go; a reader still loading one of
        # them fails and rebuilds.
        for p in root.parent.glob(f"{root.name}.v*"):
            if p.name != target.name:
                if p.is_symlink() or p.is_file():
                    p.unlink(missing_ok=True)
                else:
                    shutil.rmtree(p, ignore_errors=True)

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
        except Exception as exc:  # missing, half-deleted by a newer save, or damaged
            log.info("keyword index at %s not loadable (%s); it will be rebuilt", root, exc)
            return None


class KeywordStore:
    """Per-corpus keyword index with an in-memory cache keyed by manifest version. Built once
    per version: concurrent callers wait for the one build (single flight) and get its result."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cached: KeywordIndex | None = None
        self._lock = threading.Lock()
        self.builds = 0  # how many times the index was built from the manifest

    def drop(self) -> None:
        """Forget the in-memory index (it reloads from disk on the next use)."""
        self._cached = None

    def rebuild(self, db: CorpusDB) -> KeywordIndex:
        with self._lock:
            return self._rebuild(db)

    def _rebuild(self, db: CorpusDB) -> KeywordIndex:
        with db.snapshot():
            version = db.version
            chunks = db.chunks()
        idx = KeywordIndex.build(chunks, version)
        self.builds += 1
        try:
            idx.save(self.root)
        except OSError as exc:  # a read-only or full disk: the in-memory index still answers
            log.warning("could not save the keyword index at %s: %s", self.root, exc)
        self._cached = idx
        return idx

    def get(self, db: CorpusDB) -> KeywordIndex:
        cached = self._cached
        if cached is not None and cached.version == db.version:
            return cached
        with self._lock:
            version = db.version
            cached = self._cached
            if cached is not None and cached.version == version:
                return cached
            idx = KeywordIndex.load(self.root)
            if idx is None or idx.version != version:
                return self._rebuild(db)
            self._cached = idx
            return idx
