"""Compare two runs of ``eval_sets.py`` reply by reply: the totals of each set, and every question
whose measures changed (answer in reply, right article, abstained, lead), so that a change to
the answer path is judged by what it gained and what it lost, not by a net figure.

    python benchmarks/compare_runs.py BEFORE AFTER [SET ...] [--leads]

With ``--leads`` it also lists the questions whose stated lead changed without a measure
changing, and counts the leads stated right and wrong in each run."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

MEASURES = ("answer_in_reply", "article_cited", "abstained", "lead_answer")
_STATED = re.compile(r"^.* \[1\]\.$")


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {r["id"]: r for r in rows}


def lead_of(row: dict[str, Any]) -> str:
    first = str(row.get("reply", "")).split("\n", 1)[0]
    return first if _STATED.match(first) else ""


def changes(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[str]:
    """One line per question in both runs whose measures differ."""
    out: list[str] = []
    for qid, a in before.items():
        b = after.get(qid)
        if b is None:
            continue
        moved = [f"{m}: {a.get(m)} -> {b.get(m)}" for m in MEASURES if a.get(m) != b.get(m)]
        if moved:
            out.append(f"{qid} " + ", ".join(moved))
    return out


def lead_counts(rows: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """Short-answer leads stated right, and stated wrong."""
    right = sum(1 for r in rows.values() if r.get("lead_answer"))
    wrong = sum(1 for r in rows.values() if r.get("lead_answer") is False and lead_of(r))
    return right, wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--leads", action="store_true")
    a = ap.parse_args()
    sets = a.sets or sorted(p.stem for p in a.after.glob("*.jsonl"))
    for name in sets:
        fb, fa = a.before / f"{name}.jsonl", a.after / f"{name}.jsonl"
        if not (fb.exists() and fa.exists()):
            print(f"{name}: not in both runs")
            continue
        before, after = read_rows(fb), read_rows(fa)
        rb, wb = lead_counts(before)
        ra, wa = lead_counts(after)
        print(f"{name}: leads right {rb} -> {ra}, wrong stated {wb} -> {wa}")
        for line in changes(before, after):
            print(f"    {line}")
        if a.leads:
            for qid, row in before.items():
                other = after.get(qid)
                if other is not None and lead_of(row) != lead_of(other):
                    print(f"    lead {qid}: {lead_of(row) or '-'} -> {lead_of(other) or '-'}")


if __name__ == "__main__":
    main()
