"""Whose figure it is: in "Cummins went to Sunrisers Hyderabad for Rs 20.50 Cr but the record
lasted 30 minutes as Kolkata broke the bank for Mitchell Starc, paying Rs 24.75 Cr", the second
sum is Starc's. Asked what Cummins cost, a figure that a later clause gives to another person,
after the one the question names, is someone else's."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .person import personlike
from .shape import Span

OTHERS = 0.75  # a figure a later clause gives to a person the question does not name
# where a sentence turns to someone else: "..., but", "; ", "while", "as", "whereas"
_NAME = re.compile(r"[A-Z][\w'’.-]*[a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*[a-z][\w'’.-]*)*")
_TURN = re.compile(r";\s|,\s+(?:but|while|whereas|as|and)\s|\s(?:but|while|whereas)\s", re.I)


def others_figure(
    sentence: str, sp: Span, q_toks: set[str], surnames: frozenset[str] = frozenset()
) -> bool:
    """The span follows a person's name the question does not give, which follows, across a
    turn of the sentence, a name the question gives, with no name between it and the span. A
    name of one word that opens the sentence is one only if the candidates give it as someone's
    last name (``surnames``): "Cummins", not "Import forward Gary Clark"."""
    names = [n for n in _NAME.finditer(sentence[: sp.start])]
    if len(names) < 2:
        return False
    last = names[-1]
    own = set(tokenize(last.group()))
    if own & q_toks or len(last.group().split()) < 2 or not personlike(last.group()):
        return False
    return any(
        set(tokenize(n.group())) & q_toks
        and (n.start() > 0 or " " in n.group() or n.group().lower() in surnames)
        and _TURN.search(sentence[n.end() : last.start()])
        for n in names[:-1]
    )
