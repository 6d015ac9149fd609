"""Run several member-style question sets in one process and keep each question's reply, so that
two versions of the code can be compared reply by reply (``compare_runs.py``).

    python benchmarks/eval_sets.py OUT [SET ...]

SET is ``dev`` or ``test`` (the split of ``benchmarks/questions``) or the name of a held-out file
(``fresh50`` for ``benchmarks/heldout/fresh50.jsonl``); with none given, dev and every held-out
set. Writes ``OUT/SET.jsonl`` (one ``newsbot eval questions --details`` row per question) and
``OUT/totals.json`` (merged with the totals of sets run into OUT before), and prints one line per set: answers / right articles / not covered
abstained / wrongly abstained / right leads, and p50 / p95 ms. Loading the model and the
per-version caches once makes a run of dev and the held-out sets a few minutes on two cores."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cli_common import load_settings  # noqa: E402
from bot.qa.evalq import Result, Sources, load_records, result_row, run_questions  # noqa: E402
from bot.qa.service import QAService  # noqa: E402
from ingest.index import NewsIndex  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "questions"
HELD_OUT = ROOT / "benchmarks" / "heldout"


def totals(results: list[Result]) -> list[int]:
    """answers, right articles, not covered abstained, wrongly abstained, right leads."""
    ans = [r for r in results if not r.record.expect_abstain]
    nc = [r for r in results if r.record.expect_abstain]
    return [
        sum(bool(r.answer_in_reply) for r in ans),
        sum(bool(r.article_cited) for r in ans),
        sum(r.answer.abstained for r in nc),
        sum(r.answer.abstained for r in ans),
        sum(bool(r.lead_answer) for r in ans),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--multihop", type=Path, default=ROOT.parent / "shared/eval/multihop-rag")
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared/samples")
    a = ap.parse_args()
    sets = a.sets or ["dev", *sorted(p.stem for p in HELD_OUT.glob("*.jsonl"))]
    unknown = [
        n for n in sets if n not in ("dev", "test") and not (HELD_OUT / f"{n}.jsonl").is_file()
    ]
    if unknown:
        ap.error(f"no such set: {', '.join(unknown)} (dev, test, or a file in {HELD_OUT})")
    a.out.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    qa = QAService(NewsIndex(settings), settings)
    src = Sources(a.multihop, a.samples)
    # a later run of a few sets into the same OUT keeps the totals of the others
    tot_file = a.out / "totals.json"
    got: dict[str, list[float]] = (
        json.loads(tot_file.read_text(encoding="utf-8")) if tot_file.exists() else {}
    )
    for name in sets:
        if name in ("dev", "test"):
            recs = [r for r in load_records(QUESTIONS) if r.split == name]
        else:
            recs = load_records(HELD_OUT / f"{name}.jsonl")
        res, results = run_questions(qa, recs, src)
        with open(a.out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps(result_row(r)) + "\n")
        got[name] = [*totals(results), res["p50_ms"], res["p95_ms"]]
        t = got[name]
        print(f"{name} {t[0]}/{t[1]}/{t[2]}/{t[3]}/{t[4]}  p50/p95 {t[5]}/{t[6]} ms", flush=True)
    tot_file.write_text(json.dumps(got), encoding="utf-8")


if __name__ == "__main__":
    main()
