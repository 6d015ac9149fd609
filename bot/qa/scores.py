"""Whether a score is a game's result: not a season's record ("the Panthers (1-8)") or the
score at some point of the game ("18-17 just before the break"). Read by
``bot.qa.answer_kind``."""

from __future__ import annotations

import re

from .shape import RECORD_AROUND, Span

# words around a score that say it is the result, or only the score at some point of the game
_FINAL = re.compile(
    r"\b(?:final(?:\s+score)?|full[\s-]?time|ft|ended|finished|stayed|won|beat|beating|"
    r"victory|win|defeat|lost|loss|triumph|thrashed|edged)\b",
    re.I,
)
_INTERIM = re.compile(
    r"\b(?:half[\s-]?time|at\s+the\s+break|before\s+the\s+break|narrow(?:ed|s)?\s+the\s+gap|"
    r"(?:first|second|third|fourth)\s+quarter|end\s+of\s+the\s+(?:first|second|third)|"
    r"led|leading|trail(?:ed|ing)|mins?\b|minutes?\s+in|inning|\d{1,2}'|q[1-3]\b)",
    re.I,
)


def result_weight(sentence: str, sp: Span, base: float) -> float:
    """``base``, the score's rating so far, weighed by the words around it."""
    before, after = sentence[max(0, sp.start - 16) : sp.start], sentence[sp.end : sp.end + 24]
    if RECORD_AROUND[0].search(before) or RECORD_AROUND[1].match(after):
        return 0.4  # "the Panthers (1-8)": a season's record, not the game's result
    near_score = sentence[max(0, sp.start - 50) : sp.end + 50]
    if _INTERIM.search(near_score):
        return base * 0.7  # "narrowed the gap to 18-17 just before the break": not the result
    if _FINAL.search(near_score):
        return base * 1.2  # "took the score to 28-24 and that's how it stayed"
    return base
