"""Per-corpus arrays the ranker needs for every chunk at once (outlet, published time, article,
embedding, keyword and sentence scores), one set per manifest version, over the corpus's read side
(ingest/readside.py): built from its segments as the reindex publishes them, so a question never
loops over chunks in Python and a new version costs about what it changed."""

from __future__ import annotations

import functools
import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.index import Corpus
from ingest.keyword import tokenize
from ingest.readside import ReadView

log = logging.getLogger(__name__)

# Up to this many chunks dense search is exact (a product over the read side's memory-mapped
# unit vectors, segment by segment); above it dense candidates come from Chroma's HNSW index,
# and the vectors of the candidates are read from the segments.
DENSE_EXACT_MAX = 200_000


class KeywordSide:
    """BM25 over the live chunks (scores as bm25s computes them), for ``rank.py``."""

    def __init__(self, view: ReadView) -> None:
        self.view = view
        self.ids = view.ids
        self.version = view.version
        self._cache: OrderedDict[tuple[str, tuple[str, ...]], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def has(self, token: str) -> bool:
        return self.view.doc_freq(token) > 0

    def doc_freq(self, token: str) -> int:
        """How many live chunks hold ``token`` (0 when none does)."""
        return self.view.doc_freq(token)

    def _scores(self, which: str, tokens: list[str]) -> np.ndarray:
        key = (which, tuple(tokens))
        with self._lock:
            got = self._cache.get(key)
        if got is None:
            got = self.view.bm25(tokens, which)
            got.setflags(write=False)  # shared between the calls of one question
            with self._lock:
                self._cache[key] = got
                while len(self._cache) > 12:  # about what one question asks
                    self._cache.popitem(last=False)
        return got

    def scores(self, query: str, tokens: list[str] | None = None) -> np.ndarray:
        """BM25 score of every chunk (aligned with ``ids``) for the query (or for ``tokens``,
        already tokenized)."""
        toks = tokenize(query) if tokens is None else tokens
        toks = [t for t in toks if self.view.doc_freq(t) > 0]
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self._scores("kw", toks)

    def sentence_scores(self, query: str, tokens: list[str] | None = None) -> np.ndarray:
        toks = tokenize(query) if tokens is None else tokens
        toks = [t for t in toks if self.view.doc_freq(t, "st") > 0]
        if not toks:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self._scores("st", toks)


class LazyTexts(Sequence[str]):
    """Chunk texts read from the manifest when asked for (the few a question looks at)."""

    def __init__(self, corpus: Corpus, ids: Sequence[str], generation: int) -> None:
        self.corpus = corpus
        self.ids = ids
        self.generation = generation
        self._got: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        with self._lock:
            got = self._got.get(i)
        if got is None:
            row = self.corpus.db.chunk_rows([self.ids[i]], self.generation).get(self.ids[i])
            got = row.text if row is not None else ""  # gone since: a later version's reindex
            with self._lock:
                self._got[i] = got
                while len(self._got) > 2048:
                    self._got.popitem(last=False)
        return got


class LazyVectors:
    """The live chunks' unit vectors, rows read from the segments on demand (large corpora)."""

    def __init__(self, view: ReadView) -> None:
        self.view = view
        self.shape = (view.n, view.dim)

    def __getitem__(self, rows: Any) -> np.ndarray:
        single = np.isscalar(rows)
        pos = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        out = self.view.vectors(pos)
        return out[0] if single else out

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = self.view.vectors()
        return out if dtype is None else out.astype(dtype)


class ExactVectors(LazyVectors):
    """Vectors for exact dense search: ``emb @ q`` is one product per segment over its
    memory-mapped unit vectors, so a new version reuses what the segments already hold."""

    def __matmul__(self, q: np.ndarray) -> np.ndarray:
        return self.view.similarities(q)


@dataclass
class CorpusArrays:
    version: int
    ids: Sequence[str]  # aligned with every array below
    outlets: list[str]  # distinct outlets; ``outlet_of`` indexes into it (-1: unknown)
    outlet_of: np.ndarray
    ts: np.ndarray  # published time (s since epoch), NaN when unknown
    article_of: np.ndarray  # article number per chunk
    article_ids: list[str]
    first_chunk: np.ndarray  # the chunk opens its article
    texts: Sequence[str]  # each chunk's own text (no header), read when needed
    emb: LazyVectors | None  # unit vectors: exact products, or rows read on demand
    kw: KeywordSide
    view: ReadView
    _collection: Any = None
    _masks: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict)
    _nearest: OrderedDict[bytes, np.ndarray] = field(default_factory=OrderedDict)

    @functools.cached_property
    def article_number(self) -> dict[str, int]:
        """Article id -> its number in ``article_ids`` (built once per version, when asked)."""
        return {aid: j for j, aid in enumerate(self.article_ids)}

    def collection(self, corpus: Corpus) -> Any:
        """The Chroma collection this version's chunks are in (fetched once per version)."""
        if self._collection is None:
            self._collection = corpus.collection()
        return self._collection

    def nearest(self, corpus: Corpus, vec: np.ndarray, k: int) -> np.ndarray:
        """Positions of the ``k`` chunks nearest ``vec`` by Chroma's HNSW index (the rankings
        of one question that share its vector ask once)."""
        return self.nearest_many(corpus, [vec], k)[0]

    def nearest_many(self, corpus: Corpus, vecs: Sequence[np.ndarray], k: int) -> list[np.ndarray]:
        """``nearest`` for several vectors, those not asked before in one query (the rankings of
        one question ask together: one call costs less than one per vector)."""
        keys = [np.asarray(v, dtype=np.float32).tobytes() + k.to_bytes(4, "little") for v in vecs]
        with self.kw._lock:
            got = [self._nearest.get(key) for key in keys]
        todo: dict[bytes, int] = {}  # one query per distinct vector
        for key, g, i in zip(keys, got, range(len(keys)), strict=True):
            if g is None:
                todo.setdefault(key, i)
        found: dict[bytes, np.ndarray] = {}
        if todo:
            res = self.collection(corpus).query(
                query_embeddings=[np.asarray(vecs[i]).tolist() for i in todo.values()],
                n_results=k,
                include=[],
            )
            lists = res["ids"]
            every = self.view.positions([i for ids in lists for i in ids])  # one pass for all
            ends = np.cumsum([len(ids) for ids in lists])
            for key, pos in zip(todo, np.split(every, ends[:-1]), strict=True):
                pos = pos[pos >= 0]
                pos.setflags(write=False)
                found[key] = pos
            with self.kw._lock:
                self._nearest.update(found)
                while len(self._nearest) > 64:
                    self._nearest.popitem(last=False)
        return [g if g is not None else found[key] for g, key in zip(got, keys, strict=True)]

    @property
    def exact_dense(self) -> bool:
        return isinstance(self.emb, ExactVectors)

    def sentence_scores(self, query: str, tokens: list[str] | None = None) -> np.ndarray:
        """Per chunk, the BM25 score of its best-matching sentence."""
        return self.kw.sentence_scores(query, tokens)

    def outlet_mask(self, names: list[str]) -> np.ndarray:
        key = tuple(sorted(set(names)))
        got = self._masks.get(key)
        if got is None:
            idx = [self.outlets.index(o) for o in key if o in self.outlets]
            table = np.zeros(len(self.outlets) + 1, dtype=bool)  # the last: no outlet (-1)
            table[idx] = True
            got = table[self.outlet_of]
            got.setflags(write=False)
            if len(self._masks) >= 16:
                self._masks.clear()
            self._masks[key] = got
        return got

    def position(self, chunk_id: str) -> int | None:
        return self.view.position(chunk_id)


_cache: weakref.WeakKeyDictionary[Corpus, CorpusArrays] = weakref.WeakKeyDictionary()
_build_locks: weakref.WeakKeyDictionary[Corpus, threading.Lock] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
stats = {"builds": 0}  # arrays built since start (single flight: one per corpus version)


def corpus_arrays(corpus: Corpus) -> CorpusArrays:
    """The arrays for ``corpus``'s live manifest version.

    Single flight: one thread builds a version while the others wait for it, then all share the
    result, swapped in whole. A reader that finds no arrays for the current version waits; one
    that has them never does."""
    version = corpus.db.version
    with _lock:
        cached = _cache.get(corpus)
        if cached is not None and cached.version == version:
            return cached
        build_lock = _build_locks.setdefault(corpus, threading.Lock())
    with build_lock:
        version = corpus.db.version
        with _lock:
            cached = _cache.get(corpus)
        if cached is not None and cached.version == version:
            return cached
        arr = _build(corpus)
        with _lock:
            _cache[corpus] = arr
            stats["builds"] += 1
        return arr


def _build(corpus: Corpus) -> CorpusArrays:
    view = corpus.read_view()
    f = view.facts()
    outlets = sorted(f.outlet_names)
    o_index = {o: i for i, o in enumerate(outlets)}
    # Outlet numbers in first-seen order -> sorted order (the last entry: no outlet).
    to_sorted = np.asarray([o_index[o] for o in f.outlet_names] + [-1], dtype=np.int32)
    art_outlet = to_sorted[f.art_outlet]
    article_of = f.art_of
    ids = view.ids
    emb: LazyVectors | None = None
    if view.n and view.n <= DENSE_EXACT_MAX:
        emb = ExactVectors(view)
    elif view.n:
        emb = LazyVectors(view)
    return CorpusArrays(
        version=view.version,
        ids=ids,
        outlets=outlets,
        outlet_of=art_outlet[article_of] if len(ids) else np.zeros(0, dtype=np.int32),
        ts=f.art_ts[article_of] if len(ids) else np.zeros(0, dtype=np.float64),
        article_of=article_of,
        article_ids=f.art_ids,
        first_chunk=f.first,
        texts=LazyTexts(corpus, ids, view.generation),
        emb=emb,
        kw=KeywordSide(view),
        view=view,
    )
