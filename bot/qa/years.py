"""A year the question names, against the years a sentence names; and a month, against the
months named around an answer (``month_fit``).

"inter miami's cheapest season tix in 2023": a sentence about 2024's prices states an amount of
the right shape for the wrong year. A sentence that names only other years weighs ``OTHER_YEAR``
of its answer shape; one that names the asked year, or no year at all, keeps its weight."""

from __future__ import annotations

import re

OTHER_YEAR = 0.6
_YEAR = re.compile(r"(?<![\d$£€.,-])((?:19|20)\d{2})(?![\d%])")


def years(text: str) -> frozenset[str]:
    """The years ``text`` names ("in 2023", "2019's final"), not figures ("$2023", "2023.5")."""
    return frozenset(_YEAR.findall(text))


def year_fit(asked: frozenset[str], sentence: str) -> float:
    """``OTHER_YEAR`` when the question names a year and the sentence names years, none of them
    one the question names; 1.0 otherwise."""
    if not asked:
        return 1.0
    said = years(sentence)
    return OTHER_YEAR if said and not (said & asked) else 1.0


# A month the question names ("how many subs did she have back in april"), against the months
# named around an answer: "she had 300 subscribers in April", not "on Sunday, December 17 ...
# around 12,000 subscribers". "may" and "march" are months only beside a day or "in".
MONTH_MATCH = 1.2
OTHER_MONTH = 0.8
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b\.?", re.I)
_LOOSE = frozenset({"may", "march"})  # also a verb
_MONTH_BEFORE = re.compile(r"\b(?:in|of|since|until|by|last|this|next)\s+$", re.I)


def _months(text: str, capitalised: bool) -> set[int]:
    out = set()
    for m in _MONTH_WORD.finditer(text):
        word = m.group(1)
        if capitalised and not word[0].isupper():
            continue
        if (
            word.lower() in _LOOSE
            and not re.match(r"\s*\d", text[m.end() :])
            and not _MONTH_BEFORE.search(text[: m.start()])
        ):
            continue
        out.add(_MONTHS[word.lower()])
    return out


def asked_months(question: str) -> frozenset[int]:
    """The months ``question`` names ("back in april", "oct 7"), as numbers."""
    return frozenset(_months(question, capitalised=False))


def month_fit(asked: frozenset[int], window: str) -> float:
    """``MONTH_MATCH`` when the words around an answer name a month the question names,
    ``OTHER_MONTH`` when they name only others, 1.0 when they name none (or none is asked)."""
    if not asked:
        return 1.0
    said = _months(window, capitalised=True)
    if not said:
        return 1.0
    return MONTH_MATCH if said & asked else OTHER_MONTH
