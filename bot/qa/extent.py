"""How far an amount's words reach: the rate it is counted by ("$20 per month", "90 tonnes a
day") and the bound before it ("up to $200", "nearly 5%"). Read by ``bot.qa.shape`` for the
amounts it finds."""

from __future__ import annotations

import re

# "$20 per month", "$2 a share": what an amount is counted by belongs with it
_RATE = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(?:month|year|week|day|night|hour|share|person|head|ticket|"
    r"game|episode|season|annum|barrel|ounce|gallon|seat|user|unit)\b|\s+(?:apiece|annually|a\s+pop)"
    r"\b|\s?/\s?(?:mo|month|yr|year|wk|week|hr|hour|night)\b",
    re.I,
)
# "up to $200", "nearly $5 million": how far the figure holds
_BOUND = re.compile(
    r"\b(?:up\s+to|as\s+much\s+as|as\s+little\s+as|starting\s+at|nearly|almost|about|around|"
    r"roughly|approximately|more\s+than|less\s+than|at\s+least|over|under)\s+$",
    re.I,
)


def widen(sentence: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` of an amount in ``sentence``, widened over its bound and its rate."""
    rate = _RATE.match(sentence, end)
    end = rate.end() if rate else end
    bound = _BOUND.search(sentence[max(0, start - 20) : start])
    if bound and re.search(r"\d", sentence[start:end]):
        start -= len(bound.group())
    return start, end
