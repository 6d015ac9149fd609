"""The date a when-answer is stated by: the day ("December 15") where the best sentence gives the
month alone ("In December"), from a sentence about the same thing, which then leads instead."""

from __future__ import annotations

import re

from .candidates import Sent
from .timeparse import MONTHS

# "in December", "by mid-October", "early March": a month with no day
_MONTH_ALONE = re.compile(
    r"^(?:(?:in|by|during|from|until|since)\s+)?(?:early\s+|late\s+|mid-?\s*)?([A-Za-z]{3,9})\.?$",
    re.I,
)
# "December 15", "Dec. 15th", "15 December"
_DAY = re.compile(
    r"\b([A-Za-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\b"
)
SAME_TOPIC = 0.2  # how far below the best sentence's meaning score the dated one may be


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def day_in_full(first: Sent, cands: list[Sent]) -> Sent | None:
    """When the answer is a month alone, the best candidate (by score) whose answer names a day
    of that month and whose meaning is close to the best sentence's: "Yellowjackets (December
    15)" for "In December, ... Yellowjackets will become available on Netflix". The sentence
    takes the answer's score and leads."""
    m = _MONTH_ALONE.match(first.spans[0].text.strip())
    month = _month(m.group(1)) if m else None
    if month is None or first.dense <= 0:
        return None
    best: tuple[Sent, int] | None = None
    for c in cands:
        if c is first or c.dense < first.dense - SAME_TOPIC:
            continue
        for i, sp in enumerate(c.spans):
            d = _DAY.search(sp.text)
            if d and _month(d.group(1) or d.group(2)) == month:
                if best is None or c.score > best[0].score:
                    best = (c, i)
                break
    if best is None:
        return None
    c, i = best
    c.spans.insert(0, c.spans.pop(i))
    c.shape = max(c.shape, first.shape)
    c.score = max(c.score, first.score)
    return c
