"""A vote's tally: in "the chamber voted 296 against three" or "confirmed 68-31", the first figure
counts the votes for and the second the votes against. Asked how many voted yes, the first is the
answer; asked how many voted no, the second."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import Span

FIT = 1.3  # the side of the tally the question asks for
OTHER = 0.6  # the other side

_FOR_Q = re.compile(
    r"\bvot(?:e|ed|es|ing)\s+(?:yes|yea|aye|for(?!\s+(?:the|a|an|him|her|them|it)\b)|"
    r"in\s+fav(?:ou)?r)\b|\b(?:yes|yea|aye)\s+votes?\b|\bin\s+fav(?:ou)?r\b|\bsupported\s+it\b",
    re.I,
)
_AGAINST_Q = re.compile(
    r"\bvot(?:e|ed|es|ing)\s+(?:no|nay|against)\b|\b(?:no|nay)\s+votes?\b|\bopposed\b", re.I
)
_FIGURE = (
    r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|zero|none"
)
_TALLY = re.compile(
    rf"(?<![\w.,-])({_FIGURE})(?:\s*[-–]\s*|\s+(?:to|against|votes?\s+to)\s+)({_FIGURE})(?![\w,.]\d)",
    re.I,
)
_VOTED = re.compile(r"\b(?:vot(?:e|ed|es|ing)|ballots?|tally)\b", re.I)


def side_asked(question: str) -> str:
    """Which side of a vote the question counts: "for", "against", or "" (neither)."""
    if _AGAINST_Q.search(question):
        return "against"
    return "for" if _FOR_Q.search(question) else ""


def weight(sentence: str, sp: Span, side: str) -> float:
    """``FIT`` when the span is the side of a tally in a sentence about a vote that the question
    counts, ``OTHER`` when it is the other side, else 1."""
    if not side or not _VOTED.search(sentence):
        return 1.0
    for m in _TALLY.finditer(sentence):
        for group, own in ((1, "for"), (2, "against")):
            if m.start(group) <= sp.start < m.end(group):
                return FIT if own == side else OTHER
    return 1.0


# "194 for Jordan", "210 votes for Jeffries": whose votes a count is
_FOR_NAME = re.compile(r"\s+(?:votes?\s+)?for\s+((?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)")


def votes_for(sentence: str, sp: Span) -> bool:
    """The count is of votes for someone: "Friday's vote was 194 for Jordan"."""
    return bool(_VOTED.search(sentence) and _FOR_NAME.match(sentence, sp.end))


def whose_votes(sentence: str, sp: Span, q_toks: set[str]) -> float:
    """Asked how many votes someone got: ``FIT`` for a count of votes for a name the question
    gives, ``OTHER`` for one for a name it does not, else 1."""
    m = _FOR_NAME.match(sentence, sp.end)
    if m is None:
        return 1.0
    return FIT if set(tokenize(m.group(1))) & q_toks else OTHER


def weigh(
    sentence: str, rated: list[tuple[Span, float]], side: str, q_toks: set[str]
) -> list[tuple[Span, float]]:
    """``rated`` with the side of a tally asked (``weight``) and, asked how many votes someone
    got, the count for them (``whose_votes``)."""
    votes = "vote" in q_toks
    return [
        (sp, w * weight(sentence, sp, side) * (whose_votes(sentence, sp, q_toks) if votes else 1.0))
        for sp, w in rated
    ]
