"""When to say "the articles don't cover this" instead of quoting weak matches.

Signals from retrieval, calibrated on the benchmark's dev split (null queries vs the rest): how
similar the best passage is to the question, and how much of the question's distinctive vocabulary
the top passages contain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.keyword import tokenize

from .retrieve import Retrieval
from .types import NOT_COVERED, Passage


@dataclass
class Decision:
    abstain: bool
    message: str | None = None
    signals: dict[str, float] | None = None


def coverage(question: str, passages: Sequence[Passage]) -> float:
    """Share of the question's terms (longer words weigh more) found in the passages."""
    terms = set(tokenize(question))
    if not terms:
        return 0.0
    text = set()
    for p in passages:
        text |= set(tokenize(p.text + " " + p.header))
    w = {t: math.log(2 + len(t)) for t in terms}
    return sum(w[t] for t in terms if t in text) / sum(w.values())


@dataclass
class AbstainPolicy:
    min_dense: float = 0.30
    min_coverage: float = 0.45

    def decide(self, question: str, r: Retrieval) -> Decision:
        if not r.passages:
            return Decision(True, NOT_COVERED)
        top = r.passages[:4]
        dense = max((p.dense or 0.0) for p in top)
        cov = coverage(question, top)
        signals = {"dense": dense, "coverage": cov}
        if dense < self.min_dense and cov < self.min_coverage:
            nearest = r.passages[0]
            return Decision(
                True,
                f"{NOT_COVERED} The nearest coverage is “{nearest.headline}”"
                + (f" ({nearest.outlet})." if nearest.outlet else "."),
                signals,
            )
        return Decision(False, None, signals)
