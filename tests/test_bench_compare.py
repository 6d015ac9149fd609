"""``benchmarks/compare_runs.py``: two runs' replies compared question by question (what a change
to the answer path gained and lost), and leads counted stated right and stated wrong."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "compare_runs.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_runs", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _row(qid: str, lead: str, right: bool | None, answer: bool | None = True) -> dict[str, object]:
    return {
        "id": qid,
        "answer_in_reply": answer,
        "article_cited": True,
        "abstained": False,
        "lead_answer": right,
        "reply": f'{lead}\n[1] "a quote"',
    }


def _write(folder: Path, rows: list[dict[str, object]]) -> None:
    folder.mkdir()
    (folder / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def test_changed_measures_and_lead_counts(tmp_path: Path) -> None:
    cr = _module()
    before = [
        _row("q1", "Here is what 2 articles say:", False),
        _row("q2", "Dale Varn [1].", True),
        _row("q3", "Balvik [1].", False),
        _row("q4", "Tamsk [1].", None, answer=None),  # not covered: no lead measure
    ]
    after = [
        _row("q1", "Pell Ventures [1].", True),
        _row("q2", "Dale Varn [1].", True),
        _row("q3", "Orrin [1].", False, answer=False),
        _row("q4", "Tamsk [1].", None, answer=None),
    ]
    _write(tmp_path / "a", before)
    _write(tmp_path / "b", after)
    a = cr.read_rows(tmp_path / "a" / "dev.jsonl")
    b = cr.read_rows(tmp_path / "b" / "dev.jsonl")
    assert cr.changes(a, b) == [
        "q1 lead_answer: False -> True",
        "q3 answer_in_reply: True -> False",
    ]
    assert cr.lead_counts(a) == (1, 1)  # q1's lead was not stated
    assert cr.lead_counts(b) == (2, 1)
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "a"), str(tmp_path / "b"), "--leads"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "dev: leads right 1 -> 2, wrong stated 1 -> 1" in out
    assert "lead q3: Balvik [1]. -> Orrin [1]." in out
