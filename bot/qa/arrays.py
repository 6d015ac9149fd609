"""Per-corpus arrays the ranker needs for every chunk at once (outlet, published time, article,
embedding), built once per manifest version so a question never loops over chunks in Python."""

from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass

import bm25s
import numpy as np

from ingest.chunking import sentence_spans
from ingest.index import Corpus
from ingest.keyword import KeywordIndex, tokenize

log = logging.getLogger(__name__)

# Above this many chunks the embedding matrix (384 floats a chunk) is not held in memory; dense
# candidates then come from Chroma's own nearest-neighbour search.
DENSE_MATRIX_MAX = 250_000


@dataclass
class CorpusArrays:
    version: int
    ids: list[str]  # aligned with the keyword index
    pos: dict[str, int]
    outlets: list[str]  # distinct outlets; ``outlet_of`` indexes into it (-1: unknown)
    outlet_of: np.ndarray
    ts: np.ndarray  # published time (s since epoch), NaN when unknown
    article_of: np.ndarray  # article number per chunk
    article_ids: list[str]
    first_chunk: np.ndarray  # the chunk opens its article
    texts: list[str]  # each chunk's own text (no header)
    emb: np.ndarray | None  # unit vectors, one row a chunk; None for very large corpora
    kw: KeywordIndex
    sent: bm25s.BM25  # BM25 over single sentences: which chunk holds the matching sentence
    sent_start: np.ndarray  # first sentence of each chunk (chunks' sentences are contiguous)

    def sentence_scores(self, query: str, tokens: list[str] | None = None) -> np.ndarray:
        """Per chunk, the BM25 score of its best-matching sentence."""
        toks = [
            t for t in (tokenize(query) if tokens is None else tokens) if t in self.sent.vocab_dict
        ]
        if not toks or not len(self.ids):
            return np.zeros(len(self.ids), dtype=np.float32)
        s = np.asarray(self.sent.get_scores(toks), dtype=np.float32)
        return np.maximum.reduceat(s, self.sent_start)

    def outlet_mask(self, names: list[str]) -> np.ndarray:
        idx = [self.outlets.index(o) for o in names if o in self.outlets]
        return np.isin(self.outlet_of, idx) if idx else np.zeros(len(self.ids), dtype=bool)


_cache: weakref.WeakKeyDictionary[Corpus, CorpusArrays] = weakref.WeakKeyDictionary()
_build_locks: weakref.WeakKeyDictionary[Corpus, threading.Lock] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
stats = {"builds": 0}  # arrays built since start (single flight: one per corpus version)


def _embeddings(corpus: Corpus, ids: list[str]) -> np.ndarray | None:
    if not ids or len(ids) > DENSE_MATRIX_MAX:
        return None
    col = corpus.collection()
    step = min(corpus.index.max_batch, 5000)
    out = np.zeros((len(ids), 0), dtype=np.float32)
    rows: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), step):
        got = col.get(ids=ids[i : i + step], include=["embeddings"])
        for cid, v in zip(got["ids"], got["embeddings"], strict=True):
            rows[cid] = np.asarray(v, dtype=np.float32)
    if len(rows) != len(ids):
        corpus.index.warn(
            f"{len(ids) - len(rows)} of {len(ids)} indexed chunks have no vector in the store; "
            "dense search misses them until the next reindex repairs it",
            corpus.name,
        )
        return None
    out = np.vstack([rows[c] for c in ids])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def corpus_arrays(corpus: Corpus) -> CorpusArrays:
    """The arrays for ``corpus``'s live manifest version (rebuilt after every reindex).

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
    version, chunks, arts = corpus.rows_at()
    kw = corpus.keyword_index()
    if kw.version != version or set(kw.ids) != set(chunks):
        # The keyword index lags the manifest (a crash between their writes, or a reindex that
        # finished meanwhile): rebuild both from one version. Chunks that still differ (a
        # reindex writing now) are left out until its version bump.
        kw = corpus.keyword.rebuild(corpus.db)
        version, chunks, arts = corpus.rows_at()
    ids = [i for i in kw.ids if i in chunks]
    outlets = sorted({a.outlet for a in arts.values() if a.outlet})
    o_index = {o: i for i, o in enumerate(outlets)}
    art_ids = sorted(arts)
    a_index = {a: i for i, a in enumerate(art_ids)}
    outlet_of = np.full(len(ids), -1, dtype=np.int32)
    ts = np.full(len(ids), np.nan, dtype=np.float64)
    article_of = np.zeros(len(ids), dtype=np.int32)
    first_chunk = np.zeros(len(ids), dtype=bool)
    for n, cid in enumerate(ids):
        a = arts[chunks[cid].article_id]
        first_chunk[n] = chunks[cid].n == 0
        if a.outlet:
            outlet_of[n] = o_index[a.outlet]
        if a.published_ts:
            ts[n] = float(a.published_ts)
        article_of[n] = a_index[a.id]
    sent_toks: list[list[str]] = []
    sent_start = np.zeros(len(ids), dtype=np.int64)
    for n, cid in enumerate(ids):
        sent_start[n] = len(sent_toks)
        text = chunks[cid].text
        spans = sentence_spans(text) or [(0, len(text), True)]
        sent_toks.extend(tokenize(text[a:b]) for a, b, _ in spans)
    sent = bm25s.BM25(k1=1.2, b=0.75)
    if sent_toks:
        sent.index(sent_toks, show_progress=False)
    arr = CorpusArrays(
        version=version,
        ids=ids,
        pos={c: n for n, c in enumerate(ids)},
        outlets=outlets,
        outlet_of=outlet_of,
        ts=ts,
        article_of=article_of,
        article_ids=art_ids,
        first_chunk=first_chunk,
        texts=[chunks[c].text for c in ids],
        emb=_embeddings(corpus, ids),
        kw=kw,
        sent=sent,
        sent_start=sent_start,
    )
    return arr
