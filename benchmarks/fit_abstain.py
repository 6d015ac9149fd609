"""Fit the abstention model (bot/qa/abstain_model.json) on the dev splits only: the member-style
questions (benchmarks/questions, `expect_abstain` as the label) and a sample of MultiHop-RAG's
dev questions (null_query as the label), each run through the bot's own question path.

    python benchmarks/fit_abstain.py ../shared/eval/multihop-rag [--mh 1200] [--rows F] [--write]

``--rows F`` keeps the collected signals in F and reuses them on the next run (to try settings
without running every question again; delete F after the answer path changes).

It prints 5-fold cross-validated abstention rates per set at a few thresholds, then (with
--write) fits on everything and writes the model with the threshold chosen: the highest recall
on the member set's not-covered questions (on a tie, the one that wrongly abstains least) that
wrongly abstains on at most 5% of its answerable ones and on at most 1% of MultiHop-RAG's
answerable ones, while abstaining on at least 93% of MultiHop-RAG's null questions (the
benchmark guard is 90% on test; see MH_NULL_RECALL).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.qa.abstain import FEATURES, MODEL_PATH, feature_vector, signals
from bot.qa.evalq import Sources, index_corpus, load_records
from bot.qa.evaluate import EVAL_CORPUS, EVAL_NOW, ensure_corpus, split_of
from bot.qa.service import QAService
from ingest.index import NewsIndex
from ingest.settings import Settings

MEMBER_WEIGHT = 3.0  # few member questions, and they are what the bot is for
# MultiHop-RAG null questions abstained on in 5-fold dev. The guard is 90% on test; at 92% the
# threshold chosen on 2026-11-30 (0.35) abstained on 87.0% of test's 46, so keep more margin.
MH_NULL_RECALL = 0.93


def collect(qa: QAService, root: Path, samples: Path, n_mh: int) -> list[dict]:
    rows: list[dict] = []
    src = Sources(root, samples)
    recs = [r for r in load_records(Path("benchmarks/questions")) if r.split == "dev"]
    recs = [r for r in recs if src.available(r.corpus)]
    names = {c: index_corpus(qa, c, src, lambda *_: None) for c in {r.corpus for r in recs}}
    for r in recs:
        cs = [names[r.corpus]]
        q = qa.spell(r.question, cs)
        hist = qa.spell(r.history[-1], cs) if r.history else ""
        ret = qa.retrieve(f"{hist} {q}" if hist else q, cs, now=r.now)
        rows.append({"set": "member", "label": int(r.expect_abstain), **signals(q, ret, hist)})
    ensure_corpus(qa, root, lambda *_: None)
    qs = json.loads((root / "MultiHopRAG.json").read_text(encoding="utf-8"))
    idx = [i for i in range(len(qs)) if split_of(i) == "dev"]
    random.Random(1).shuffle(idx)
    for i in idx[:n_mh]:
        ret = qa.retrieve(qs[i]["query"], [EVAL_CORPUS], now=EVAL_NOW)
        label = int(qs[i]["question_type"] == "null_query")
        rows.append({"set": "mh", "label": label, **signals(qs[i]["query"], ret)})
    return rows


def rates(p: np.ndarray, y: np.ndarray, st: np.ndarray, th: float) -> dict[str, float]:
    a = p > th
    out = {}
    for s in ("member", "mh"):
        pos, neg = (st == s) & (y == 1), (st == s) & (y == 0)
        out[f"{s}_recall"] = float(a[pos].mean()) if pos.any() else 0.0
        out[f"{s}_wrong"] = float(a[neg].mean()) if neg.any() else 0.0
    return out


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--samples", type=Path, default=Path("../shared/samples"))
    ap.add_argument("--mh", type=int, default=1200)
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--rows", type=Path, help="keep the collected signals here, and reuse them")
    args = ap.parse_args()
    settings = Settings()
    if args.rows and args.rows.is_file():
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        qa = QAService(NewsIndex(settings), settings)
        rows = collect(qa, args.root, args.samples, args.mh)
        if args.rows:
            args.rows.write_text(json.dumps(rows), encoding="utf-8")
    X = np.array([feature_vector(r) for r in rows])
    y = np.array([r["label"] for r in rows])
    st = np.array([r["set"] for r in rows])
    w = np.where(st == "member", MEMBER_WEIGHT, 1.0)
    pred = np.zeros(len(y))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X, y * 2 + (st == "mh")):
        m = LogisticRegression(C=args.C, max_iter=5000).fit(X[tr], y[tr], sample_weight=w[tr])
        pred[te] = m.predict_proba(X[te])[:, 1]
    best = None
    for th in np.arange(0.2, 0.71, 0.05):
        r = rates(pred, y, st, float(th))
        print(
            f"threshold {th:.2f} (5-fold on dev): {json.dumps({k: round(v, 3) for k, v in r.items()})}"
        )
        if (
            r["member_wrong"] <= 0.05
            and r["mh_wrong"] <= 0.01
            and r["mh_recall"] >= MH_NULL_RECALL
            and (
                best is None
                or r["member_recall"] > best[1]
                or (r["member_recall"] == best[1] and r["member_wrong"] < best[2])
            )
        ):
            best = (float(th), r["member_recall"], r["member_wrong"])
    th = best[0] if best else 0.5
    m = LogisticRegression(C=args.C, max_iter=5000).fit(X, y, sample_weight=w)
    model = {
        "features": list(FEATURES),
        "weights": [round(float(v), 5) for v in m.coef_[0]],
        "bias": round(float(m.intercept_[0]), 5),
        "threshold": round(th, 3),
        "fitted_on": f"member-style dev ({int((st == 'member').sum())}) + MultiHop-RAG dev "
        f"sample ({int((st == 'mh').sum())})",
        "embedding_model": settings.embedding_model,
    }
    print(json.dumps(model, indent=1))
    if args.write:
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
