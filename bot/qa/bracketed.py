"""What a bracket says about the words right before it. A list that gives each item's figure in
brackets ("Freddie Freeman ($27 million), Mookie Betts ($25 million)") or a fantasy line that
labels its prices ("(DK: $6,800 | FD: $8,400)") answers "what's freddie freeman getting paid" and
"purdy's dk salary" with the figure the question's item or label carries, not with the other
figures of the sentence ("pay above $10 million a year")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import HOW_MANY, HOW_MUCH, WHO, Span

BRACKETED = 1.5  # what a figure in brackets after the item the question names counts for more
_OPEN = re.compile(r"\(([^()]{0,12})$")  # the bracket the span stands in, opened just before it
_LABEL = re.compile(r"(?:^|[|;,(]\s*)([A-Za-z][\w.+-]{0,11})\s*:\s*$")  # "DK: ", "| FD: "
# the name of the item right before it: capitalised words, no figure ("Freddie Freeman", not
# "cached 20 grams (0.7 ounce)" nor "receiving yards (1,964)")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*$")
_SIGNED = re.compile(r"[+\-\u2212]\d")  # "Collier (+3500)": odds, no item's figure


def of_named(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> bool:
    """Whether the figure ``sp`` stands first in a bracket that follows words the question
    names ("Freddie Freeman ($27 million)"), or after a label the question names ("(DK:
    $6,800 | FD: $8,400)" for "his dk salary")."""
    head = sentence[max(0, sp.start - 200) : sp.start]
    label = _LABEL.search(head)
    if label is not None and set(tokenize(label.group(1))) & q_toks:
        return True
    m = _OPEN.search(head)
    if m is None or m.group(1).strip() or _SIGNED.match(sp.text):  # the figure opens it
        return False
    before = _NAME_BEFORE.search(head[: m.start()])
    return before is not None and bool(set(tokenize(before.group(1))) & q_toks)


# "Terry McLaurin (vs. Dolphins)", "(@ Jets)", "(Bayern Munich)": a note on the name, not a
# clause that goes on ("Big Tech (and Big AI)")
_NOTE_AFTER = re.compile(r"\s*\(((?:vs?\.?\s|@|at\s|[A-Z])[^()]{0,40})\)")


def noted(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> bool:
    """Whether the name ``sp`` has a bracket right after it that gives a name the question gives
    ("Terry McLaurin (vs. Dolphins)" for "which receiver facing the dolphins")."""
    m = _NOTE_AFTER.match(sentence, sp.end)
    if m is None:
        return False
    named = re.findall(r"\b[A-Z][\w'’.-]+", m.group(1))
    return any(set(tokenize(w)) & q_toks for w in named)


# "the European Consumer Organisation (BEUC)": a body's short name in brackets after its name
_SHORT_NAME_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


def short_name_given(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> bool:
    """Whether the name ``sp`` has its short name in brackets right after it and the question
    gives that short name: "who at beuc said it": "the European Consumer Organisation (BEUC)"
    is the body the member names, not the answer."""
    m = _SHORT_NAME_AFTER.match(sentence, sp.end)
    if m is None or sum(c.isupper() for c in m.group(1)) < 2:
        return False
    if sentence.count(f"({m.group(1)})") > 1:
        return False  # "V Kohli (IND) ... RG Sharma (IND)": a side's or a country's tag
    toks = set(tokenize(m.group(1)))
    return bool(toks) and toks <= set(q_toks)


def weigh(
    shape: str, sentence: str, rated: list[tuple[Span, float]], q_toks: frozenset[str] | set[str]
) -> list[tuple[Span, float]]:
    """``rated`` with the figures a bracket gives to the question's item weighing more."""
    if shape == WHO:
        return [(sp, w * (BRACKETED if noted(sentence, sp, q_toks) else 1.0)) for sp, w in rated]
    if shape not in (HOW_MUCH, HOW_MANY):
        return rated
    return [(sp, w * (BRACKETED if of_named(sentence, sp, q_toks) else 1.0)) for sp, w in rated]
