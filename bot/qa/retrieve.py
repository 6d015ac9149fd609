"""Hybrid retrieval: dense (Chroma) + keyword (BM25) candidates, fused by weighted reciprocal
rank, steered by the outlets and dates the question names, then diversified."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from ingest.index import Corpus

from .outlets import match_outlets
from .timeparse import TimeFilter, parse_time
from .types import Passage

RRF_K = 60
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
N_CANDIDATES = 100
N_PER_OUTLET = 20
_WORDS = re.compile(r"\w+")


@dataclass
class Query:
    text: str
    outlets: list[str] = field(default_factory=list)
    time: TimeFilter = field(default_factory=TimeFilter)


@dataclass
class Retrieval:
    query: Query
    passages: list[Passage]
    newest: datetime | None = None  # newest article across the searched corpora
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class _Cand:
    passage: Passage
    score: float = 0.0


def _corpus_outlets(corpus: Corpus) -> set[str]:
    _, arts = corpus.rows()
    return {a.outlet for a in arts.values() if a.outlet}


def _passage(corpus: Corpus, chunk_id: str) -> Passage | None:
    chunks, arts = corpus.rows()
    ch = chunks.get(chunk_id)
    if ch is None:  # not (or no longer) listed in the manifest: never cite it
        return None
    a = arts[ch.article_id]
    return Passage(
        chunk_id=ch.id,
        article_id=a.id,
        corpus=corpus.name,
        text=ch.text,
        start=ch.start,
        end=ch.end,
        headline=a.headline,
        outlet=a.outlet,
        url=a.url,
        published_at=a.published_at,
        ai_generated=a.ai_generated,
    )


def _date_factor(p: Passage, tf: TimeFilter, now: datetime, newest: datetime | None) -> float:
    if not tf.active and not tf.wants_latest:
        return 1.0
    if p.published_at is None:
        return 0.85  # never dropped, only ranked lower
    f = 1.0
    if tf.dates:
        gap = min(abs((p.published_at.date() - d).days) for d in tf.dates)
        f *= 1.5 if gap == 0 else (1.2 if gap <= 1 else 1.0)
    if tf.start and p.published_at < tf.start:
        f *= 0.5
    if tf.end and p.published_at >= tf.end:
        f *= 0.5
    if tf.wants_latest and newest is not None:
        age_days = max(0.0, (newest - p.published_at).total_seconds() / 86400)
        f *= 1.0 + 0.5 * math.exp(-age_days / 7)
    return f


def retrieve(
    question: str,
    corpora: Sequence[Corpus],
    query_vec: np.ndarray,
    *,
    now: datetime,
    k: int = 10,
    outlet: str | None = None,
    since: datetime | None = None,
) -> Retrieval:
    t0 = time.perf_counter()
    tf = parse_time(question, now)
    if since is not None:
        tf.start = since
    all_outlets = set().union(*(_corpus_outlets(c) for c in corpora)) if corpora else set()
    named = match_outlets(question, all_outlets)
    if outlet:
        named = [o for o in match_outlets(outlet, all_outlets) if o not in named] + named
    query = Query(text=question, outlets=named, time=tf)
    newest_ts = [c.db.newest_published_ts() for c in corpora]
    newest = max((datetime.fromtimestamp(t, UTC) for t in newest_ts if t is not None), default=None)

    cands: dict[tuple[str, str], _Cand] = {}

    def add(corpus: Corpus, ids: Sequence[str], weight: float) -> None:
        for rank, cid in enumerate(ids):
            key = (corpus.name, cid)
            cand = cands.get(key)
            if cand is None:
                p = _passage(corpus, cid)
                if p is None:
                    continue
                cand = cands[key] = _Cand(p)
            cand.score += weight / (RRF_K + rank + 1)

    timings: dict[str, float] = {}
    for corpus in corpora:
        chunks, _ = corpus.rows()
        if not chunks:
            continue
        col = corpus.collection()
        n = min(N_CANDIDATES, len(chunks))
        td = time.perf_counter()
        res = col.query(query_embeddings=[query_vec.tolist()], n_results=n, include=["distances"])
        dense_ids = res["ids"][0]
        dense_sims = {i: 1.0 - d for i, d in zip(dense_ids, res["distances"][0], strict=True)}
        add(corpus, dense_ids, DENSE_WEIGHT)
        timings["dense"] = timings.get("dense", 0.0) + (time.perf_counter() - td) * 1000

        tk = time.perf_counter()
        kw = corpus.keyword_index()
        scores = kw.scores(question)
        top = np.argsort(-scores)[:n]
        kw_ids = [kw.ids[i] for i in top if scores[i] > 0]
        kw_scores = {kw.ids[i]: float(scores[i]) for i in top}
        add(corpus, kw_ids, KEYWORD_WEIGHT)
        timings["keyword"] = timings.get("keyword", 0.0) + (time.perf_counter() - tk) * 1000

        # Each named outlet gets its own candidates, so one outlet's evidence cannot crowd out
        # another's.
        for o in named:
            res_o = col.query(
                query_embeddings=[query_vec.tolist()],
                n_results=min(N_PER_OUTLET, n),
                where={"outlet": o},
                include=["distances"],
            )
            ids_o = res_o["ids"][0]
            dense_sims.update(
                {i: 1.0 - d for i, d in zip(ids_o, res_o["distances"][0], strict=True)}
            )
            add(corpus, ids_o, DENSE_WEIGHT)
            mask = _outlet_array(corpus, kw.ids, kw.version) == o
            masked = np.where(mask, scores, 0.0)
            top_o = np.argsort(-masked)[:N_PER_OUTLET]
            add(corpus, [kw.ids[i] for i in top_o if masked[i] > 0], KEYWORD_WEIGHT)
            kw_scores.update({kw.ids[i]: float(scores[i]) for i in top_o})

        for (cname, cid), cand in cands.items():
            if cname == corpus.name:
                cand.passage.dense = dense_sims.get(cid, cand.passage.dense)
                cand.passage.keyword = kw_scores.get(cid, cand.passage.keyword)

    ranked = []
    for cand in cands.values():
        p = cand.passage
        f = _date_factor(p, tf, now, newest)
        if named and p.outlet in named:
            f *= 1.5
        p.score = cand.score * f
        ranked.append(p)
    ranked.sort(key=lambda p: -p.score)
    passages = diversify(ranked, k, named)
    timings["retrieve_total"] = (time.perf_counter() - t0) * 1000
    return Retrieval(query=query, passages=passages, newest=newest, timings_ms=timings)


_OUTLETS: dict[tuple[str, int], np.ndarray] = {}


def _outlet_array(corpus: Corpus, ids: Sequence[str], version: int) -> np.ndarray:
    """Outlet of each keyword-index chunk, built once per manifest version (not per query)."""
    key = (corpus.name, version)
    arr = _OUTLETS.get(key)
    if arr is None or len(arr) != len(ids):
        arr = np.array([_outlet_of(corpus, i) or "" for i in ids], dtype=object)
        for k in [k for k in _OUTLETS if k[0] == corpus.name]:
            del _OUTLETS[k]
        _OUTLETS[key] = arr
    return arr


def _outlet_of(corpus: Corpus, chunk_id: str) -> str | None:
    chunks, arts = corpus.rows()
    ch = chunks.get(chunk_id)
    return arts[ch.article_id].outlet if ch else None


def _shingles(text: str) -> set[str]:
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def diversify(ranked: list[Passage], k: int, named: Sequence[str]) -> list[Passage]:
    """Top k without near-duplicates (wire copies), each named outlet represented early."""
    picked: list[Passage] = []
    sh: list[set[str]] = []
    pool = list(ranked)
    # First, the best passage of each named outlet (in the question's order).
    for o in named:
        for p in pool:
            if p.outlet == o:
                picked.append(p)
                sh.append(_shingles(p.text))
                pool.remove(p)
                break
    picked.sort(key=lambda p: -p.score)
    for p in pool:
        if len(picked) >= k:
            break
        s = _shingles(p.text)
        if any(len(s & t) / max(1, min(len(s), len(t))) > 0.8 for t in sh):
            continue
        picked.append(p)
        sh.append(s)
    return picked[:k]
