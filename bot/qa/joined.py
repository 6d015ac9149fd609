"""Two names joined by "and" that are one name: a firm named for two places ("Bendigo and
Adelaide Bank") and a country named for two islands ("Trinidad and Tobago"); and any two joined
by an ampersand ("Procter & Gamble"). Read by
``bot.qa.shape.answer_spans`` for who-questions, so that the lead states the whole name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .regions import CITY, NATION, REGION

if TYPE_CHECKING:
    from .shape import Span

_ONE_COUNTRY = frozenset(
    (
        "Trinidad and Tobago",
        "Bosnia and Herzegovina",
        "Antigua and Barbuda",
        "Saint Kitts and Nevis",
        "St Kitts and Nevis",
        "Sao Tome and Principe",
        "Turks and Caicos",
    )
)
# the second name is a place and the kind of firm: "Adelaide Bank", "Queensland Insurance"
_FIRM_END = re.compile(
    rf"^(?:{CITY}|{REGION}|{NATION}) (?:Bank|Group|Holdings|Insurance|Partners|Industries|"
    r"Building Society)$"
)


def joined(sentence: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with "X and Y" made one where it is one name (see the module's docstring)."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        gap = sentence[prev.end : sp.start] if prev is not None else ""
        if prev is not None and gap.strip() == "&" and len(gap) <= 3:
            # "Procter & Gamble", "the Nashville Convention & Visitors Corp.": an ampersand
            # joins the parts of one name (a firm's, a partnership's)
            out[-1] = type(sp)(prev.start, sp.end, sentence[prev.start : sp.end])
            continue
        if (
            prev is not None
            and gap == " and "
            and len(prev.text.split()) == 1
            and (f"{prev.text} and {sp.text}" in _ONE_COUNTRY or _FIRM_END.match(sp.text))
        ):
            out[-1] = type(sp)(prev.start, sp.end, sentence[prev.start : sp.end])
            continue
        out.append(sp)
    return out
