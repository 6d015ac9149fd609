"""Hybrid retrieval: keyword (BM25) and dense scores for every chunk, steered by the outlets and
dates the question names, per part of a multi-part question, then merged so that each part has
its evidence in the top k, without near-duplicates crowding it out."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from ingest.index import Corpus

from .aliases import expansions
from .arrays import CorpusArrays, ExactVectors, corpus_arrays
from .query import (
    Part,
    QueryPlan,
    clipped_name,
    initials_named,
    lower_initials_named,
    plan_query,
    unseen_names,
    written_otherwise,
)
from .rank import (
    FUTURE_SLACK,
    Params,
    Scored,
    Unit,
    features,
    feedback_unit,
    final_scores,
    post_adjust,
    score_unit,
    time_boost,
)
from .timeparse import TimeFilter
from .types import Passage

log = logging.getLogger(__name__)
_WORDS = re.compile(r"\w+")
Embed = Callable[[Sequence[str]], np.ndarray]


PARAMS = Params()
FALLBACK_POST_SCALE = 0.05  # the log-odds constraints, scaled for the first-stage merge
# A follow-up ("whats the final score tho") is about what the reply before it cited: the article
# it cited first gains this much (log-odds), the others it cited half of it.
FOLLOW_BOOST = 1.0


@dataclass
class Query:
    text: str
    outlets: list[str] = field(default_factory=list)
    time: TimeFilter = field(default_factory=TimeFilter)
    unknown_outlets: list[str] = field(default_factory=list)  # named as sources, not indexed
    unseen: list[str] = field(default_factory=list)  # capitalised words no chunk contains
    plan: QueryPlan | None = None


@dataclass
class Retrieval:
    query: Query
    passages: list[Passage]
    newest: datetime | None = None  # newest article across the searched corpora
    # Passage scores are log-probabilities of holding evidence (the second-stage model ran);
    # otherwise they are first-stage merge scores, comparable only within one retrieval.
    log_odds: bool = False
    query_vec: np.ndarray | None = None  # the question's embedding (unit length)
    # How many chunks hold a (stemmed) token, across the searched corpora; and how many chunks
    # there are: how rare a question's word is in what is indexed.
    doc_freq: Callable[[str], int] | None = None
    n_chunks: int = 0
    timings_ms: dict[str, float] = field(default_factory=dict)


def _passage(corpus: Corpus, arr: CorpusArrays, chunk_id: str) -> Passage | None:
    g = arr.view.generation
    ch = corpus.db.chunk_rows([chunk_id], g).get(chunk_id)
    a = corpus.db.article_row(ch.article_id, g) if ch is not None else None
    if ch is None or a is None:  # not (or no longer) listed in the manifest: never cite it
        return None
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
        article_text=a.text,
    )


ANN_K = 400  # dense candidates from the approximate index, per ranking
_ASK = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="ann")
PREFETCH_UNITS = 5  # rankings whose keyword scores are computed meanwhile (the cache holds 12)
KW_K = 200  # and the best keyword and sentence matches, whose similarity is computed exactly


def _dense_approx(corpus: Corpus, arr: CorpusArrays, u: Unit) -> np.ndarray:
    """Cosine similarity of every chunk when the corpus is too large for an exact product:
    Chroma's HNSW index names the nearest chunks; their similarity, and that of the chunks the
    keywords rank best, is computed exactly from the stored vectors; every other chunk gets the
    lowest similarity among the nearest (none of them is closer than that, as far as the index
    can tell), so the ranker sees dense scores for the whole top of each ranking."""
    n = len(arr.ids)
    parts = [arr.nearest(corpus, u.vec, min(ANN_K, n))]
    for s in (arr.kw.scores(u.keywords, u.tokens), arr.sentence_scores(u.keywords, u.tokens)):
        m = min(KW_K, n)
        top = np.argpartition(-s, m - 1)[:m]
        parts.append(top[s[top] > 0])
    cand = np.unique(np.concatenate(parts))
    if not len(cand):
        return np.zeros(n, dtype=np.float32)
    sims = (arr.emb[cand] @ u.vec).astype(np.float32)  # type: ignore[index]
    ann = np.isin(cand, parts[0])
    dense = np.full(n, float(sims[ann].min()) if ann.any() else 0.0, dtype=np.float32)
    dense[cand] = sims
    return dense


def _shingles(text: str) -> set[str]:
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _near_dup(a: set[str], b: set[str]) -> bool:
    return len(a & b) / max(1, min(len(a), len(b))) > 0.8


def retrieve(
    question: str,
    corpora: Sequence[Corpus],
    query_vec: np.ndarray,
    *,
    now: datetime,
    k: int = 10,
    outlet: str | None = None,
    since: datetime | None = None,
    embed: Embed | None = None,
    params: Params | None = None,
    unknown: Sequence[str] = (),
    follow: Sequence[str] = (),
) -> Retrieval:
    """The ``k`` best passages for ``question``. ``unknown``: lowercase words of the question that
    are neither English nor in any corpus (``bot.qa.spelling.unknown_words``): names no article
    mentions, like the capitalised ones found here. ``follow``: the links the reply before a
    follow-up cited, first cited first; their articles gain ``FOLLOW_BOOST``."""
    p = params or PARAMS
    if p.ltr is not None:
        models = {c.index.settings.embedding_model for c in corpora}
        if not p.ltr.fits(models):
            _warn_once(
                f"the second-stage ranker was fitted on {p.ltr.embedding_model} features, not "
                f"{', '.join(sorted(models))}; using the first-stage merge (refit it with "
                "benchmarks/fit_ltr.py for this model)"
            )
            p = dataclasses.replace(p, ltr=None)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    arrs = [(c, corpus_arrays(c)) for c in corpora]
    all_outlets = sorted({o for _, a in arrs for o in a.outlets})
    plan = plan_query(question, all_outlets, now)
    if outlet:
        extra = plan_query(outlet, all_outlets, now).outlets or [outlet]
        plan.outlets = [o for o in extra if o not in plan.outlets] + plan.outlets
    if since is not None:
        plan.time.start = since
    asked_by = (now + FUTURE_SLACK).timestamp()  # an article dated later was not yet written
    newest_ts = [c.db.newest_published_ts(before=asked_by) for c in corpora]
    newest = max((datetime.fromtimestamp(t, UTC) for t in newest_ts if t is not None), default=None)
    qv = np.asarray(query_vec, dtype=np.float32)
    units = _units(plan, qv, corpora, arrs, embed, p, timings)
    if outlet:
        for u in units:
            u.outlets = plan.outlets[:1] + [o for o in u.outlets if o != plan.outlets[0]]
    tr = time.perf_counter()
    cands: list[tuple[float, int, int]] = []
    for ci, (corpus, arr) in enumerate(arrs):
        if arr.ids:
            ranked = _rank_corpus(corpus, arr, units, plan, newest, p)
            if follow and FOLLOW_BOOST:
                gain = _followed(corpus, arr, follow)
                scale = 1.0 if p.ltr else FALLBACK_POST_SCALE
                ranked = [(s + scale * gain.get(int(arr.article_of[i]), 0.0), i) for s, i in ranked]
            cands.extend((s, ci, i) for s, i in ranked)
    cands.sort(key=lambda x: -x[0])
    timings["rank"] = (time.perf_counter() - tr) * 1000
    picked = _select(cands, arrs, k, p)
    passages: list[Passage] = []
    for score, ci, i in picked:
        corpus, arr = arrs[ci]
        pa = _passage(corpus, arr, arr.ids[i])
        if pa is None:
            continue
        pa.score = score
        if arr.emb is not None:
            pa.dense = float(arr.emb[i] @ qv)
        passages.append(pa)
    timings["retrieve_total"] = (time.perf_counter() - t0) * 1000

    def known(t: str) -> bool:
        return any(a.kw.has(t) for _, a in arrs)

    unseen = unseen_names(question, all_outlets, known)
    # "DTR", "OVP": initials of a name or an outlet the passages found spell out in full
    named = [t for pa in passages for t in (pa.text, pa.headline, pa.outlet or "")]
    unseen = [n for n in unseen if not initials_named(n, named)]
    # a word of a full name we added for a nickname ("Olympique" of "Olympique de Marseille" for
    # "OM") that the corpus lacks, where it holds the name's other words: written another way
    unseen = [n for n in unseen if not written_otherwise(n, expansions(question), known)]
    unseen += [
        w
        for w in unknown
        if w not in (n.lower() for n in unseen)
        and not clipped_name(w, named)  # "bama"
        and not lower_initials_named(w, named)  # "boq": the Bank of Queensland
    ]
    query = Query(question, plan.outlets, plan.time, plan.unknown, unseen, plan)
    return Retrieval(
        query=query,
        passages=passages,
        newest=newest,
        timings_ms=timings,
        log_odds=bool(p.ltr),
        query_vec=qv,
        doc_freq=lambda t: sum(a.kw.doc_freq(t) for _, a in arrs),
        n_chunks=sum(len(a.ids) for _, a in arrs),
    )


def _followed(corpus: Corpus, arr: CorpusArrays, urls: Sequence[str]) -> dict[int, float]:
    """Article number -> its gain as one the reply before cited (``FOLLOW_BOOST`` for the
    first cited, half for the others)."""
    ids = corpus.db.article_ids_by_url(urls, arr.view.generation)
    if not ids:
        return {}
    at = arr.article_number
    gain: dict[int, float] = {}
    for n, u in enumerate(dict.fromkeys(urls)):
        j = at.get(ids.get(u, ""))
        if j is not None and j not in gain:
            gain[j] = FOLLOW_BOOST if n == 0 else FOLLOW_BOOST / 2
    return gain


def _units(
    plan: QueryPlan,
    qv: np.ndarray,
    corpora: Sequence[Corpus],
    arrs: list[tuple[Corpus, CorpusArrays]],
    embed: Embed | None,
    p: Params,
    timings: dict[str, float],
) -> list[Unit]:
    """The first-stage rankings: the whole question, each of its parts (with the outlets and
    dates named in it), and each outlet it names when it names several."""
    units = [Unit(plan.keywords, qv, [], plan.time.dates)]
    parts: list[Part] = plan.parts if len(plan.parts) > 1 else []
    one_outlet = plan.outlets if len(plan.outlets) == 1 else []
    if parts:
        vecs = [qv] * len(parts)
        if p.dense_parts and any(a.emb is not None for _, a in arrs):
            te = time.perf_counter()
            emb_fn = embed or corpora[0].index.embedder.embed
            vecs = list(np.asarray(emb_fn([pt.text for pt in parts]), dtype=np.float32))
            timings["embed_parts"] = (time.perf_counter() - te) * 1000
        for pt, v in zip(parts, vecs, strict=True):
            units.append(Unit(pt.keywords, v, pt.outlets or one_outlet, pt.dates, "part"))
    if p.outlet_units and len(plan.outlets) > 1:
        for o in plan.outlets:
            units.append(Unit(plan.keywords, qv, [o], plan.time.dates, "outlet"))
    if p.filter_units:
        # "the TechCrunch report published on October 7": an outlet and a date pin the article
        # down; a ranking restricted to them finds it even when its words match others better.
        seen: set[tuple[tuple[str, ...], object]] = set()
        for pt, u in zip(parts or plan.parts, units[1:] if parts else units, strict=False):
            outs = pt.outlets or one_outlet
            for d in pt.dates or (None,):
                key = (tuple(outs), d)
                if (
                    (outs or d)
                    and key not in seen
                    and (d or not p.outlet_units or len(plan.outlets) < 2)
                ):
                    seen.add(key)
                    within = (d,) if d else ()
                    units.append(Unit(pt.keywords, u.vec, list(outs), within, "filter", within))
    return units


FeatureHook = Callable[[CorpusArrays, np.ndarray, np.ndarray, np.ndarray, list[str]], None]
_feature_hook: FeatureHook | None = None  # benchmarks/fit_ltr.py records features here


def _rank_corpus(
    corpus: Corpus,
    arr: CorpusArrays,
    units: list[Unit],
    plan: QueryPlan,
    newest: datetime | None,
    p: Params,
) -> list[tuple[float, int]]:
    """(score, chunk index) for the pooled candidates of one corpus."""
    base = time_boost(arr, plan.time, newest, p)
    scored: list[Scored] = []

    def run(u: Unit) -> None:
        # Exact while cheap; in a large corpus the approximate index supplies the candidates.
        emb = arr.emb
        dense = emb @ u.vec if isinstance(emb, ExactVectors) else _dense_approx(corpus, arr, u)
        sc = score_unit(arr, u, plan, base, dense, p)
        if u.kind != "full" and p.part_full_mix:
            sc.score = sc.score + p.part_full_mix * scored[0].score
        scored.append(sc)

    if not isinstance(arr.emb, ExactVectors) and len(arr.ids):
        # The index is asked once for all the rankings, on another thread while the keyword
        # scores are computed here (both release the interpreter for most of their time).
        k = min(ANN_K, len(arr.ids))
        asked = _ASK.submit(arr.nearest_many, corpus, [u.vec for u in units], k)
        for u in units[:PREFETCH_UNITS]:
            arr.kw.scores(u.keywords, u.tokens)
            arr.sentence_scores(u.keywords, u.tokens)
        asked.result()
    for u in units:
        run(u)
    if (fb := feedback_unit(arr, scored[0], units[0], p)) is not None:
        units = [*units, fb]
        run(fb)
    n = min(p.n_pool, len(arr.ids))
    tops = [np.argpartition(-s.score, n - 1)[:n] for s in scored]
    pool = np.unique(np.concatenate(tops))
    ranks = np.full((len(units), len(pool)), float(n), dtype=np.float32)
    for ui, s in enumerate(scored):
        order = tops[ui][np.argsort(-s.score[tops[ui]])]
        where = np.searchsorted(pool, order)
        ranks[ui, where] = np.arange(len(order), dtype=np.float32)
    if p.ltr or _feature_hook is not None:
        f = features(arr, units, scored, plan, base, pool, ranks)
        if _feature_hook is not None:
            _feature_hook(arr, pool, f, ranks, [u.kind for u in units])
    if p.ltr:
        pen, boost = post_adjust(arr, plan, newest, p)
        final = final_scores(p.ltr, f, pen[pool], boost[pool])
    else:  # each chunk's best standing in the rankings it made, relative to their tops
        rel = [
            s.score[pool] / (float(s.score[tops[ui]].max()) or 1.0) for ui, s in enumerate(scored)
        ]
        final = np.max(np.where(ranks < n, np.asarray(rel), -np.inf), axis=0)
        final = final + 0.01 * rel[0]  # every ranking's top scores 1: the whole question's first
        # The question's constraints, on this merge's scale (a ranking's best scores about 1).
        pen, boost = post_adjust(arr, plan, newest, p)
        final = final + FALLBACK_POST_SCALE * (pen + boost)[pool]
    return [(float(x), int(i)) for x, i in zip(final, pool, strict=True)]


_warned: set[str] = set()


def _warn_once(msg: str) -> None:
    if msg not in _warned:
        _warned.add(msg)
        log.warning(msg)


def _select(
    cands: list[tuple[float, int, int]],
    arrs: list[tuple[Corpus, CorpusArrays]],
    k: int,
    p: Params,
) -> list[tuple[float, int, int]]:
    """The best k, at most ``per_article`` chunks of one article and no near-duplicate text
    (the same wire copy under two outlets)."""
    picked: list[tuple[float, int, int]] = []
    per_article: dict[tuple[int, int], int] = {}
    shingles: list[set[str]] = []
    for s, ci, i in cands:
        if len(picked) >= k:
            break
        arr = arrs[ci][1]
        art = (ci, int(arr.article_of[i]))
        if per_article.get(art, 0) >= p.per_article:
            continue
        sh = _shingles(arr.texts[i])
        if any(_near_dup(sh, t) for t in shingles):
            continue
        per_article[art] = per_article.get(art, 0) + 1
        shingles.append(sh)
        picked.append((s, ci, i))
    return picked
