"""Scoring chunks for a question: first-stage rankings (the whole question, each of its parts,
each outlet it names) from BM25, sentence BM25 and dense similarity plus outlet/date boosts; then
a second stage that scores the pooled candidates with a linear model over features that say how
well each chunk answers the question, any one part of it, and from which outlet and date."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from ingest.keyword import tokenize

from .arrays import CorpusArrays
from .query import QueryPlan
from .timeparse import TimeFilter

log = logging.getLogger(__name__)

FEATURES = (
    "kw_full", "sent_full", "dense_full", "kw_part", "sent_part", "dense_part",
    "rr_full", "rr_best", "outlet_named", "outlet_other", "date_same", "date_near", "time",
    "article_full", "article_part", "top_in_article", "units_top10",
    "top_in_article_part", "article_rank", "first_chunk", "kw_prf", "dense_prf", "rr_prf",
    "kw_names", "sent_names",
)  # fmt: skip
MODEL_PATH = Path(__file__).with_name("ltr_model.json")


@dataclass(frozen=True)
class RankModel:
    """The second stage: a logistic regression over the features and their pairwise products,
    fitted on the MultiHop-RAG dev split by ``benchmarks/fit_ltr.py`` (label: the chunk holds one
    of the question's evidence facts). Scores only order the candidates of one question."""

    weights: np.ndarray  # len(FEATURES) linear terms, then the upper-triangle products
    bias: float
    embedding_model: str | None = None  # the dense features came from this model

    def fits(self, embedding_models: set[str]) -> bool:
        """Whether corpora embedded with these models give the features it was fitted on (its
        dense features from another model are distributed differently)."""
        return self.embedding_model is None or embedding_models <= {self.embedding_model}

    @staticmethod
    def expand(f: np.ndarray) -> np.ndarray:
        iu, ju = np.triu_indices(f.shape[1])
        return np.hstack([f, f[:, iu] * f[:, ju]])

    def score(self, f: np.ndarray) -> np.ndarray:
        """Probability that each candidate holds evidence for the question."""
        z = self.expand(f) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RankModel | None:
        """The packaged model, or None (with a warning) when it is missing or was fitted on
        other features: retrieval then merges the first-stage rankings by a fixed rule."""
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            log.warning("no second-stage ranker (%s); using the first-stage merge", e)
            return None
        n = len(FEATURES)
        w = np.asarray(d.get("weights", []), dtype=np.float32)
        if tuple(d.get("features", ())) != FEATURES or len(w) != n + n * (n + 1) // 2:
            log.warning("%s was fitted on other features; using the first-stage merge", path)
            return None
        return cls(w, float(d["bias"]), d.get("embedding_model"))


_MODEL: RankModel | None = RankModel.load()


# how far after the question's time an article may be dated and still count as written when it
# was asked (time zones, a clock running late)
FUTURE_SLACK = timedelta(days=1)


@dataclass
class Params:
    """First-stage weights, tuned on the MultiHop-RAG dev split (benchmarks/eval_notes.md)."""

    w_kw: float = 1.0  # BM25, scaled to the best chunk's score
    w_sent: float = 0.5  # BM25 of the chunk's best sentence, scaled to the best one
    w_dense: float = 1.0  # cosine similarity
    outlet_part: float = 0.5  # chunk from an outlet the part names
    outlet_any: float = 0.25  # chunk from an outlet the question names
    date_same: float = 0.3  # published on a date the part names
    date_near: float = 0.1  # a day off
    out_of_range: float = 0.3  # published outside the asked range
    latest: float = 0.15  # "latest"/"recent": newest first, fading over a week
    undated: float = 0.05  # undated chunk when dates matter
    dense_parts: bool = True  # embed each part (one more encode per part)
    part_full_mix: float = 0.3  # a part's ranking also leans on the whole question's
    outlet_units: bool = True  # a ranking per named outlet
    filter_units: bool = True  # a ranking restricted to each part's outlets and dates
    n_pool: int = 50  # candidates per ranking
    prf_docs: int = 5  # feedback: the whole question's best chunks ...
    prf_terms: int = 12  # ... lend this many of their distinctive words to one more ranking
    per_article: int = 8  # chunks of one article in the top k (a fact often sits in the next one)
    ltr: RankModel | None = field(default_factory=lambda: _MODEL)
    # What the user asked for, over what the benchmark taught the model: log-odds added to the
    # model's log-probability, so they scale a candidate's odds (no evidence stays low).
    post_range: float = 8.0  # published outside the range asked for ("since Monday")
    post_undated: float = 2.0  # undated, when the question asks about dates or the latest
    post_date: float = 3.0  # published on a date the question names
    post_latest: float = 5.0  # "latest": the newest article, fading over a week
    post_outlet: float = 2.0  # from an outlet the question names
    # published over a day after the question was asked: in a live index there is no such
    # article (a wrong date aside); replaying questions at past times, it had not been written
    post_future: float = 8.0


@dataclass
class Unit:
    """One first-stage ranking: the whole question, one part of it, or one named outlet."""

    keywords: str
    vec: np.ndarray
    outlets: list[str]
    dates: tuple[date, ...]
    kind: str = "full"  # "full", "part", "outlet", "filter" or "prf"
    within: tuple[date, ...] = ()  # "filter": only chunks published within a day of these
    tokens: list[str] | None = None  # keyword tokens, when not read from ``keywords``


def _day_ts(d: date) -> float:
    return datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()


def date_gap(arr: CorpusArrays, dates: Sequence[date]) -> np.ndarray:
    """Days between each chunk's publication and the nearest named date (inf: undated)."""
    gap = np.full(len(arr.ids), np.inf)
    day = np.floor(arr.ts / 86400.0)
    for d in dates:
        gap = np.fmin(gap, np.abs(day - np.floor(_day_ts(d) / 86400.0)))
    return gap


def time_boost(arr: CorpusArrays, tf: TimeFilter, newest: datetime | None, p: Params) -> np.ndarray:
    """Ranges ("in November", "since Monday") and freshness ("latest"); undated chunks are never
    dropped, only ranked a little lower."""
    out = np.zeros(len(arr.ids), dtype=np.float32)
    ts = arr.ts
    undated = np.isnan(ts)
    with np.errstate(invalid="ignore"):
        if tf.start is not None:
            out -= np.where(undated, 0.5, ts < tf.start.timestamp()) * p.out_of_range
        if tf.end is not None:
            out -= np.where(undated, 0.5, ts >= tf.end.timestamp()) * p.out_of_range
    if tf.wants_latest and newest is not None and not tf.dates:
        age = np.maximum(0.0, (newest.timestamp() - np.nan_to_num(ts, nan=0.0)) / 86400.0)
        out += np.where(undated, 0.0, p.latest * np.exp(-age / 7.0)).astype(np.float32)
    return out


def _scaled(x: np.ndarray) -> np.ndarray:
    top = float(x.max()) if len(x) else 0.0
    return x / top if top > 0 else x


@dataclass
class Scored:
    """A unit's component scores for every chunk, and its combined first-stage score."""

    kw: np.ndarray
    sent: np.ndarray
    dense: np.ndarray
    score: np.ndarray


def score_unit(
    arr: CorpusArrays, u: Unit, plan: QueryPlan, base: np.ndarray, dense: np.ndarray, p: Params
) -> Scored:
    kw = _scaled(arr.kw.scores(u.keywords, u.tokens))
    sent = _scaled(arr.sentence_scores(u.keywords, u.tokens)) if p.w_sent else np.zeros_like(kw)
    s = p.w_kw * kw + p.w_sent * sent + p.w_dense * dense + base
    if u.outlets:
        s = s + p.outlet_part * arr.outlet_mask(u.outlets)
    if plan.outlets:
        s = s + p.outlet_any * arr.outlet_mask(plan.outlets)
    if u.dates:
        gap = date_gap(arr, u.dates)
        s = s + np.where(gap == 0, p.date_same, np.where(gap <= 1, p.date_near, 0.0))
        s = s + np.where(np.isinf(gap), p.undated, 0.0)
    if u.kind in ("outlet", "filter") and u.outlets:
        s = np.where(arr.outlet_mask(u.outlets), s, s - 1e3)
    if u.kind == "filter" and u.within:
        s = np.where(date_gap(arr, u.within) <= 1, s, s - 1e3)
    return Scored(kw, sent, dense, s.astype(np.float32))


def post_adjust(
    arr: CorpusArrays, plan: QueryPlan, newest: datetime | None, p: Params
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds for each chunk from the dates, range, freshness and outlets the question asks
    for, as (penalties, boosts). Undated chunks are never dropped, only ranked lower."""
    pen = np.zeros(len(arr.ids), dtype=np.float32)
    boost = np.zeros(len(arr.ids), dtype=np.float32)
    tf, ts = plan.time, arr.ts
    undated = np.isnan(ts)
    with np.errstate(invalid="ignore"):
        outside = np.zeros(len(arr.ids), dtype=bool)
        if tf.start is not None:
            outside |= ts < tf.start.timestamp()
        if tf.end is not None:
            outside |= ts >= tf.end.timestamp()
    pen -= p.post_range * outside
    if p.post_future and plan.now is not None:
        with np.errstate(invalid="ignore"):
            future = ts > (plan.now + FUTURE_SLACK).timestamp()
        pen -= p.post_future * future
    if tf.start is not None or tf.end is not None or tf.dates or tf.wants_latest:
        pen -= p.post_undated * undated
    if tf.dates:
        boost += p.post_date * (date_gap(arr, tf.dates) == 0)
    elif tf.wants_latest and newest is not None:
        age = np.maximum(0.0, (newest.timestamp() - np.nan_to_num(ts, nan=0.0)) / 86400.0)
        boost += np.where(undated, 0.0, p.post_latest * np.exp(-age / 7.0)).astype(np.float32)
    if plan.outlets:
        boost += p.post_outlet * arr.outlet_mask(plan.outlets)
    return pen, boost


def final_scores(model: RankModel, f: np.ndarray, pen: np.ndarray, boost: np.ndarray) -> np.ndarray:
    """The second stage's score of each candidate: the model's log-probability plus the
    question's own preferences (``post_adjust``), which scale its odds."""
    return np.log(np.maximum(model.score(f), 1e-12)) + pen + boost


def feedback_unit(arr: CorpusArrays, full: Scored, u: Unit, p: Params) -> Unit | None:
    """Pseudo-relevance feedback: one more ranking from the words that the whole question's best
    chunks share and the question lacks (the answer's name, mostly: "Which company ..." has its
    evidence in chunks that say "Valve"), and from their embeddings' centroid."""
    if not len(arr.ids) or p.prf_docs <= 0:
        return None
    k = min(p.prf_docs, len(arr.ids))
    top = np.argpartition(-full.score, k - 1)[:k]
    top = top[np.argsort(-full.score[top])]
    q_toks = set(tokenize(u.keywords))
    n_docs = max(1, len(arr.ids))
    weight: dict[str, float] = {}
    chunks = arr.texts
    for rank, i in enumerate(top):
        for t in set(tokenize(chunks[int(i)])):
            if t in q_toks or len(t) < 3 or t.isdigit():
                continue
            weight[t] = weight.get(t, 0.0) + 1.0 / (1.0 + 0.5 * rank)
    scored = []
    for t, w in weight.items():
        df = arr.kw.doc_freq(t)
        if df >= 2 and w >= 1.0:  # shared by at least two top chunks (or the first one twice)
            scored.append((w * float(np.log(n_docs / df)), t))
    terms = [t for _, t in sorted(scored, reverse=True)[: p.prf_terms]]
    vec = u.vec
    if arr.emb is not None:
        c = arr.emb[top[: min(3, k)]].mean(axis=0)
        vec = u.vec + c
        vec = (vec / (np.linalg.norm(vec) or 1.0)).astype(np.float32)
    if not terms:
        return Unit(u.keywords, vec, [], u.dates, "prf")
    return Unit(u.keywords, vec, [], u.dates, "prf", tokens=sorted(q_toks) + terms)


def _article_max(arr: CorpusArrays, x: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Per chunk of ``pool``, the best value of ``x`` among the chunks of its article."""
    best = np.full(len(arr.article_ids), -np.inf, dtype=np.float32)
    np.maximum.at(best, arr.article_of, x)
    return best[arr.article_of[pool]]


def features(
    arr: CorpusArrays,
    units: Sequence[Unit],
    scored: Sequence[Scored],
    plan: QueryPlan,
    base: np.ndarray,
    pool: np.ndarray,
    ranks: np.ndarray,
) -> np.ndarray:
    """The second stage's features for the chunks in ``pool`` (rows), in FEATURES order.

    ``ranks[u, j]`` is pool chunk j's rank in unit u's ranking (n_pool when not in it)."""
    full = scored[0]
    parts = [s for u, s in zip(units, scored, strict=True) if u.kind == "part"] or [full]
    n = len(pool)

    def part_max(attr: str) -> np.ndarray:
        return np.max([getattr(s, attr)[pool] for s in parts], axis=0)

    named = arr.outlet_mask(plan.outlets)[pool] if plan.outlets else np.zeros(n, dtype=bool)
    gap = date_gap(arr, plan.time.dates)[pool] if plan.time.dates else np.full(n, np.inf)
    top_full = float(full.score.max()) or 1.0
    full_art = _article_max(arr, full.score, pool)
    art_full = full_art / top_full
    only_full = len(parts) == 1 and parts[0] is full  # a question of one part
    art_part = (
        art_full
        if only_full
        else np.max(
            [_article_max(arr, s.score, pool) / (float(s.score.max()) or 1.0) for s in parts],
            axis=0,
        )
    )
    best_chunk = np.isclose(full.score[pool], full_art)
    part_best = np.max([s.score for s in parts], axis=0) if len(parts) > 1 else parts[0].score
    part_art = full_art if only_full else _article_max(arr, part_best, pool)
    best_chunk_part = np.isclose(part_best[pool], part_art)
    # Rank of the chunk's article among the pooled articles, by its best chunk for any part.
    arts = arr.article_of[pool]
    order = np.argsort(-art_part, kind="stable")
    art_rank: dict[int, int] = {}
    for j in order:
        art_rank.setdefault(int(arts[j]), len(art_rank))
    a_rank = np.array([art_rank[int(a)] for a in arts], dtype=np.float32)
    first = arr.first_chunk[pool]
    name_toks = tokenize(" ".join(plan.names)) if plan.names else []
    if name_toks:  # how much of the question's names the chunk (or one sentence of it) holds
        kw_names = _scaled(arr.kw.scores("", name_toks))[pool]
        sent_names = _scaled(arr.sentence_scores("", name_toks))[pool]
    else:
        kw_names = sent_names = np.zeros(n, dtype=np.float32)
    prf = [ui for ui, u in enumerate(units) if u.kind == "prf"]
    if prf:
        fb = scored[prf[0]]
        kw_prf, dense_prf, rr_prf = fb.kw[pool], fb.dense[pool], 1.0 / (1.0 + ranks[prf[0]])
    else:
        kw_prf, dense_prf, rr_prf = full.kw[pool], full.dense[pool], 1.0 / (1.0 + ranks[0])
    return np.column_stack(
        [
            full.kw[pool],
            full.sent[pool],
            full.dense[pool],
            part_max("kw"),
            part_max("sent"),
            part_max("dense"),
            1.0 / (1.0 + ranks[0]),
            1.0 / (1.0 + ranks.min(axis=0)),
            named,
            (~named) & bool(plan.outlets),
            gap == 0,
            (gap > 0) & (gap <= 1),
            base[pool],
            art_full,
            art_part,
            best_chunk,
            (ranks < 10).mean(axis=0),
            best_chunk_part,
            1.0 / (1.0 + a_rank),
            first,
            kw_prf,
            dense_prf,
            rr_prf,
            kw_names,
            sent_names,
        ]
    ).astype(np.float32)
