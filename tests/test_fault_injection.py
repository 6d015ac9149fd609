"""A small run of benchmarks/fault_injection.py: reindexes (incremental and full) killed with
SIGKILL at random points on the demo corpus plus edits; the next reindex must converge (manifest
equals the store, no leftover generations, same articles and answers as a fresh build). The full
20-round figure: ``python benchmarks/fault_injection.py --rounds 20``."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from .conftest import REPO


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fault_injection", REPO / "benchmarks" / "fault_injection.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_killed_reindexes_converge() -> None:
    res = _script().run(rounds=2, seed=11, keep=False)
    assert res["rounds"] == 2
    assert res["converged"] == 2, [r["problems"] for r in res["results"]]
    assert {r["mode"] for r in res["results"]} == {"incremental", "full"}
