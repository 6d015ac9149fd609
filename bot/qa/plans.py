"""What a sentence plans: the words that set a date or a place still to come ("will", "is set
for", "lands on"), for questions that ask about a plan ("when will they vote", "when's he getting
sentenced"). Read by ``bot.qa.answer_kind``."""

from __future__ import annotations

import re

from .shape import Span

FUTURE = re.compile(
    r"\b(?:will|would|to\s+be\s+held|set\s+to|scheduled|plans?\s+to|next|upcoming|"
    r"due\s+to|is\s+to|are\s+to|expected\s+to|set\s+for|slated|"
    # a date the calendar sets, in the present: "Black Friday lands on November 24"
    r"lands\s+on|falls\s+on|takes\s+place|kicks\s+off|begins|starts)\b",
    re.I,
)


def planned(sentence: str, sp: Span) -> float:
    """How well a span answers "when will ...": 1.2 for one a plan sets ("expected to be
    published before December 31"), 1.0 for another in a sentence that states a plan ("the six
    months to September 2023" before it), 0.8 in a sentence that states none (a date gone by)."""
    if not FUTURE.search(sentence):
        return 0.8
    a = max(0, sp.start - 80)
    # a capital inside the sentence makes the word part of a name ("UPS Next Day Air")
    marks = [m for m in FUTURE.finditer(sentence, a, sp.start) if not m.group()[0].isupper()]
    return 1.2 if marks else 1.0
