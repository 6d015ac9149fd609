"""A year the question names, against the years a sentence names.

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
