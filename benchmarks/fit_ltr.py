"""Fit the second-stage ranker (``bot/qa/ltr_model.json``) on dev questions only: the MultiHop-RAG
dev split and the member-style dev questions (benchmarks/questions).

    python benchmarks/fit_ltr.py ../shared/eval/multihop-rag [--samples ../shared/samples]
        [--limit N] [--cache F] [--l2 X] [--member-weight W] [--write]

It runs every MultiHop-RAG dev question (index not a multiple of 5; the test split is never read)
and every member-style dev question (with its ``now`` and, for a follow-up, the earlier turn's
words, as the bot searches) through the bot's own first stage, and records the features of each
pooled candidate chunk with its label: for MultiHop-RAG, the chunk holds one of the question's
evidence facts; for a member question, the chunk is from an expected article and holds one of its
key phrases (any chunk of an expected article when none does). It fits a logistic regression on
half of the questions and scores the other half (and the reverse), then fits on all of dev.
MultiHop-RAG halves are scored with the bot's own selection (per-article cap, near-duplicate
removal); member halves by whether an expected article is among the top 4 articles.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.qa import retrieve as R
from bot.qa.evalq import Sources, expected_ids, index_corpus, load_records, norm
from bot.qa.evaluate import (
    EVAL_CORPUS,
    EVAL_NOW,
    ensure_corpus,
    retrieval_metrics,
    split_of,
    squash,
)
from bot.qa.rank import FEATURES, MODEL_PATH, Params, RankModel, final_scores
from bot.qa.service import QAService
from ingest.index import NewsIndex
from ingest.settings import Settings


def collect(qa: QAService, root: Path, limit: int | None) -> list[dict]:
    questions = json.loads((root / "MultiHopRAG.json").read_text(encoding="utf-8"))
    dev = [q for i, q in enumerate(questions) if split_of(i) == "dev" and q["evidence_list"]]
    if limit:
        dev = dev[:limit]
    rows: list[dict] = []
    got: list[tuple] = []

    def hook(arr, pool, f, ranks, kinds):  # type: ignore[no-untyped-def]
        got.append((arr, pool.copy(), f.copy(), ranks.copy(), kinds))

    R._feature_hook = hook
    saved, R.PARAMS = R.PARAMS, Params(ltr=None)  # the baseline: the first-stage merge
    t0 = time.time()
    try:
        for n, q in enumerate(dev):
            got.clear()
            res = qa.retrieve(q["query"], [EVAL_CORPUS], now=EVAL_NOW)
            ((arr, pool, f, ranks, kinds),) = got
            facts = [squash(e["fact"]) for e in q["evidence_list"]]
            texts = [squash(qa.index.corpus(EVAL_CORPUS).rows()[0][arr.ids[i]].text) for i in pool]
            y = np.array([any(fa in t for fa in facts) for t in texts], dtype=np.float32)
            base = retrieval_metrics(
                [e["fact"] for e in q["evidence_list"]], [p.text for p in res.passages]
            )
            rows.append(
                {"q": q, "pool": pool, "f": f, "y": y, "base": base, "ranks": ranks, "kinds": kinds}
            )
            if n % 200 == 0:
                print(f"  {n}/{len(dev)} questions ({time.time() - t0:.0f} s)", file=sys.stderr)
    finally:
        R._feature_hook = None
        R.PARAMS = saved
    return rows


def collect_members(qa: QAService, root: Path, samples: Path | None) -> list[dict]:
    """Rows for the member-style dev questions, labelled from their expected articles."""
    src = Sources(root, samples)
    recs = [r for r in load_records(Path("benchmarks/questions")) if r.split == "dev"]
    recs = [r for r in recs if src.available(r.corpus) and not r.expect_abstain]
    names = {c: index_corpus(qa, c, src, lambda *_: None) for c in {r.corpus for r in recs}}
    rows: list[dict] = []
    got: list[tuple] = []

    def hook(arr, pool, f, ranks, kinds):  # type: ignore[no-untyped-def]
        got.append((arr, pool.copy(), f.copy(), ranks.copy(), kinds))

    R._feature_hook = hook
    saved, R.PARAMS = R.PARAMS, Params(ltr=None)
    try:
        for rec in recs:
            name = names[rec.corpus]
            want = expected_ids(qa, name, rec.expect_articles)
            fixed = qa.spell(rec.question, [name])
            search_q = " ".join([*(qa.spell(h, [name]) for h in rec.history[-1:]), fixed])
            got.clear()
            qa.retrieve(search_q, [name], now=rec.now)
            if len(got) != 1 or not want:
                continue
            arr, pool, f, ranks, kinds = got[0]
            chunks = qa.index.corpus(name).rows()[0]
            rows_c = [chunks[arr.ids[i]] for i in pool]
            keys = [norm(k) for k in rec.must_quote]
            arts = np.array([c.article_id in want for c in rows_c])
            has_key = np.array([any(k in norm(c.text) for k in keys) for c in rows_c])
            y = (arts & has_key) if (arts & has_key).any() else arts
            aid = [c.article_id for c in rows_c]
            rows.append(
                {"member": True, "pool": pool, "f": f, "y": y.astype(np.float32), "aid": aid,
                 "want": want, "ranks": ranks, "kinds": kinds}
            )  # fmt: skip
    finally:
        R._feature_hook = None
        R.PARAMS = saved
    return rows


def member_hits(rows: list[dict], w: np.ndarray | None) -> float:
    """Share of member questions with an expected article among the top 4 articles."""
    if not rows:
        return float("nan")
    model = RankModel(w[:-1], float(w[-1])) if w is not None else None
    hits = 0
    for r in rows:
        if model is None:  # the first stage's own order: the mean of its rank features
            s = -r["ranks"].min(0)
        else:
            s = final_scores(model, r["f"], np.zeros(len(r["f"])), np.zeros(len(r["f"])))
        top: list[str] = []
        for i in np.argsort(-s):
            if r["aid"][i] not in top:
                top.append(r["aid"][i])
            if len(top) == 4:
                break
        hits += any(a in r["want"] for a in top)
    return hits / len(rows)


def fit(rows: list[dict], l2: float, member_weight: float = 1.0) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method; weights for raw features, bias last.
    A member question's candidates count ``member_weight`` times (there are few of them, and
    they are what the bot is for)."""
    X = RankModel.expand(np.vstack([r["f"] for r in rows]).astype(np.float64))
    y = np.concatenate([r["y"] for r in rows]).astype(np.float64)
    sw = np.concatenate(
        [np.full(len(r["y"]), member_weight if r.get("member") else 1.0) for r in rows]
    )
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(Z @ w)))
        g = Z.T @ (sw * (p - y)) + reg * w
        H = (Z * (sw * p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    raw = w[:-1] / sd
    bias = w[-1] - float((mu / sd) @ w[:-1])
    return np.concatenate([raw, [bias]])


def approx_post(f: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """``rank.post_adjust`` read back from the recorded features (ranges, named dates and named
    outlets; exact for this benchmark, whose articles are all dated)."""
    col = {name: i for i, name in enumerate(FEATURES)}
    outside = f[:, col["time"]] < -0.01
    pen = -p.post_range * outside
    boost = p.post_date * f[:, col["date_same"]] + p.post_outlet * f[:, col["outlet_named"]]
    return pen, boost


def score(
    rows: list[dict], arrs: list, w: np.ndarray | None, per_article: int, **post: float
) -> dict[str, float]:
    corpus, arr = arrs[0]
    chunks = corpus.rows()[0]
    p = Params(ltr=None, per_article=per_article, **post)
    model = RankModel(w[:-1], float(w[-1])) if w is not None else None
    ms: dict[str, list[float]] = {"hits4": [], "hits10": [], "mrr10": [], "fact_recall10": []}
    for r in rows:
        if w is None:  # the heuristic merge, as ``retrieve`` does without weights
            for k, v in r["base"].items():
                ms[k].append(v)
            continue
        assert model is not None
        s = final_scores(model, r["f"], *approx_post(r["f"], p))
        cands = sorted(
            ((float(x), 0, int(i)) for x, i in zip(s, r["pool"], strict=True)), key=lambda c: -c[0]
        )
        picked = R._select(cands, arrs, 10, p)
        texts = [chunks[arr.ids[i]].text for _, _, i in picked]
        m = retrieval_metrics([e["fact"] for e in r["q"]["evidence_list"]], texts)
        for k, v in m.items():
            ms[k].append(v)
    return {k: float(np.mean(v)) for k, v in ms.items() if v}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--samples", type=Path, default=Path("../shared/samples"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", default="/tmp/ltr_rows.pkl")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--member-weight", type=float, default=3.0)
    ap.add_argument("--per-article", type=int, default=Params().per_article)
    ap.add_argument("--write", action="store_true", help=f"write the weights to {MODEL_PATH}")
    a = ap.parse_args()
    settings = Settings()
    qa = QAService(NewsIndex(settings), settings)
    ensure_corpus(qa, Path(a.root), lambda *_: None)
    cache = Path(a.cache)
    if cache.exists():
        rows = pickle.loads(cache.read_bytes())
    else:
        rows = collect(qa, Path(a.root), a.limit)
        cache.write_bytes(pickle.dumps(rows))
    samples = a.samples if a.samples.is_dir() else None
    members = collect_members(qa, Path(a.root), samples)
    print(f"{len(rows)} MultiHop-RAG dev questions, {len(members)} member-style dev questions")
    corpus = qa.index.corpus(EVAL_CORPUS)
    arrs = [(corpus, R.corpus_arrays(corpus))]
    current = RankModel.load()
    cur_w = np.concatenate([current.weights, [current.bias]]) if current is not None else None
    print(
        "current model on all dev:",
        {k: round(v, 3) for k, v in score(rows, arrs, cur_w, a.per_article).items()},
        f"member top-4 articles {member_hits(members, cur_w):.3f}",
    )
    half = [rows[0::2], rows[1::2]]
    mhalf = [members[0::2], members[1::2]]
    for i in (0, 1):
        w = fit(half[i] + mhalf[i], a.l2, a.member_weight)
        print(
            f"fit on half {i} ({len(half[i])} + {len(mhalf[i])} q), scored on the other:",
            {k: round(v, 3) for k, v in score(half[1 - i], arrs, w, a.per_article).items()},
            f"member top-4 articles {member_hits(mhalf[1 - i], w):.3f}",
            f"(current model: {member_hits(mhalf[1 - i], cur_w):.3f})",
        )
    w = fit(rows + members, a.l2, a.member_weight)
    print(
        "fit on all dev, scored on all dev:",
        {k: round(v, 3) for k, v in score(rows, arrs, w, a.per_article).items()},
        f"member top-4 articles {member_hits(members, w):.3f}",
    )
    if a.write:
        model = {
            "fitted_on": f"MultiHop-RAG dev split, {len(rows)} questions with evidence; "
            f"member-style dev questions, {len(members)} answerable (weight {a.member_weight})",
            "label": "the chunk holds one of the question's evidence facts (MultiHop-RAG); the "
            "chunk is from an expected article and holds a key phrase (member-style)",
            "l2": a.l2,
            "features": list(FEATURES),
            "weights": [round(float(x), 6) for x in w[:-1]],
            "bias": round(float(w[-1]), 6),
            "embedding_model": qa.index.settings.embedding_model,
        }
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
