"""When to say "the articles don't cover this" instead of quoting weak matches.

Signals, in order of strength (calibrated on the MultiHop-RAG dev split, null queries vs the rest;
see benchmarks/eval_notes.md):
1. The question names as its source a well-known outlet that is not indexed ("a Bloomberg
   article ..."): nothing indexed can say what that outlet reported.
2. It names someone or something that no indexed chunk mentions at all ("Sygic").
3. The best passages are far from the question (dense similarity) and share little of its
   vocabulary.
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
    text: set[str] = set()
    for p in passages:
        text |= set(tokenize(p.text + " " + p.header))
    w = {t: math.log(2 + len(t)) for t in terms}
    return sum(w[t] for t in terms if t in text) / sum(w.values())


def _names(xs: Sequence[str]) -> str:
    return xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + " or " + xs[-1]


def _nearest(r: Retrieval) -> str:
    if not r.passages:
        return ""
    p = r.passages[0]
    return f" The nearest coverage is “{p.headline}”" + (f" ({p.outlet})." if p.outlet else ".")


@dataclass
class AbstainPolicy:
    min_dense: float = 0.38  # below this, abstain unless the passages cover the question well
    min_coverage: float = 0.60

    def decide(self, question: str, r: Retrieval) -> Decision:
        if not r.passages:
            return Decision(True, NOT_COVERED)
        top = r.passages[:4]
        dense = max((p.dense or 0.0) for p in top)
        cov = coverage(r.query.plan.keywords if r.query.plan else question, top)
        signals = {
            "dense": dense,
            "coverage": cov,
            "unknown_outlets": float(len(r.query.unknown_outlets)),
            "unseen": float(len(r.query.unseen)),
        }
        if r.query.unknown_outlets:
            names = _names(r.query.unknown_outlets)
            msg = f"No articles from {names} are indexed, so I can't say what {names} reported."
            return Decision(True, f"{NOT_COVERED} {msg}", signals)
        if r.query.unseen:
            names = _names([f"“{n}”" for n in r.query.unseen])
            msg = f"{NOT_COVERED} No indexed article mentions {names}."
            return Decision(True, msg + _nearest(r), signals)
        if dense < self.min_dense and cov < self.min_coverage:
            return Decision(True, NOT_COVERED + _nearest(r), signals)
        return Decision(False, None, signals)
