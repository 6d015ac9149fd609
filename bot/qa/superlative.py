"""Asked for the cheapest, highest or longest of something ("inter miamis cheapest season tix in
2023 cost how much"), an amount its own words call that ("The cheapest season ticket in 2023 was
$485") counts more, and where some candidate names it, every other amount counts less ("cost
$3,600 in 2023", "its most expensive premium ticket costs $2,898"). Read by
``bot.qa.answer_kind`` for how-much and how-many questions; ``bot.qa.seen`` says whether a
candidate names the extreme."""

from __future__ import annotations

import re

from .shape import Span

SAME = 1.3  # what an amount its words call the extreme asked for counts for more
OTHER = 0.8  # ... and any other amount, where some candidate names the extreme asked
# each extreme, by the words for it; "most expensive" and "priciest" are one
_EXTREMES = {
    "cheap": r"cheapest|least\s+expensive|lowest[-\s]priced|lowest\s+price",
    "dear": r"priciest|most\s+expensive|highest[-\s]priced|highest\s+price",
    "low": r"lowest|smallest|fewest",
    "high": r"highest|biggest|largest|greatest",
    "long": r"longest|furthest|farthest",
    "short": r"shortest|nearest",
    "fast": r"fastest|quickest",
}
_PATTERNS = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in _EXTREMES.items()}
# a price's extreme says "low" or "high" too ("lowest price"): read the price's first
_ORDER = ("cheap", "dear", "low", "high", "long", "short", "fast")


def extremes(text: str) -> frozenset[str]:
    """The extremes ``text`` names ("cheapest": {"cheap"}), a price's before a plain one."""
    found: set[str] = set()
    for k in _ORDER:
        m = _PATTERNS[k].search(text)
        if m is not None and not (k in ("low", "high") and found & {"cheap", "dear"}):
            found.add(k)
    return frozenset(found)


def weigh(
    sentence: str, rated: list[tuple[Span, float]], wanted: frozenset[str]
) -> list[tuple[Span, float]]:
    """``rated`` with the amounts whose own words name the extreme asked for weighing ``SAME``
    times and the others ``OTHER`` times; called where some candidate names that extreme."""
    if not wanted:
        return rated
    return [
        (sp, w * (SAME if extremes(_own_words(sentence, sp, rated)) & wanted else OTHER))
        for sp, w in rated
    ]


BACK, AHEAD = 100, 40  # characters before and after an amount that may be its own words
_CLAUSE_END = re.compile(r"[,;:]\s|\.\s|\s[–—-]\s")  # where the words after an amount stop


def _own_words(sentence: str, sp: Span, rated: list[tuple[Span, float]]) -> str:
    """The words around the amount ``sp`` up to the amounts beside it ("The cheapest Barcelona
    season ticket, for example, can be had for $377"; not the "$324" before "while their most
    expensive premium ticket costs $2,898", nor the clause after the amount)."""
    start, end = max(0, sp.start - BACK), sp.end + AHEAD
    stop = _CLAUSE_END.search(sentence, sp.end)
    if stop is not None:  # "..., while their most expensive ...": the next clause's
        end = min(end, stop.start())
    for other, _ in rated:
        if other.end <= sp.start:
            start = max(start, other.end)
        elif other.start >= sp.end:
            end = min(end, other.start)
    return sentence[start:end]
