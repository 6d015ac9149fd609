"""The words a lead states for the answer pinned in the first quote."""

from __future__ import annotations

import re

from .extent import Bounded, of_whole
from .name_words import ABBREVIATED
from .shape import HOW_MANY, HOW_MUCH, WHERE, WHO

# The question asks for more than one ("which teams are on bye", "who were the two", "which
# countries"): a name listed with others of its kind is stated with them.
_MANY_Q = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:teams|countries|nations|players|companies|firms|"
    r"clubs|sides|states|cities|banks|groups|brands|members|people|candidates|nominees|villains|"
    r"characters|actors|artists|bands|schools|universities|investors|backers|rivals|opponents)\b"
    r"|\bwho\s+(?:are|were|r)\b|\b(?:both|the\s+(?:two|three|four))\b",
    re.I,
)
_NAME = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.&-]*){0,3}"
_AFTER = re.compile(rf"(?:,\s+(?:and\s+)?|\s+and\s+|\s+&\s+)({_NAME})")
_BEFORE = re.compile(rf"({_NAME})(?:,\s+|\s+and\s+|,\s+and\s+|\s+&\s+)$")


_OPENERS = frozenset(
    "Meanwhile However Also But And Then Still Yet So In On At The This That Instead Later "
    "Earlier Now Today Yesterday Last Next First Finally Plus Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September "
    "October November December".split()
)  # and days and months, which are no one listed with a name


def _a_name(m: re.Match[str] | None) -> bool:
    return m is not None and m.group(1).split()[0] not in _OPENERS


def listed(quote: str, a: int, b: int) -> tuple[int, int]:
    """The span ``a:b`` of ``quote`` widened to the names listed with it ("Cardinals and
    Commanders", "France, Germany, Italy, and Spain")."""
    a0, b0 = a, b
    while _a_name(m := _AFTER.match(quote, b)):
        b = m.end()  # type: ignore[union-attr]
    while _a_name(m := _BEFORE.search(quote[max(0, a - 60) : a])):
        a -= len(m.group())  # type: ignore[union-attr]
    # a list ends on "and" ("A, B and C"); "John Smith, CEO" is a name and its title
    return (a, b) if re.search(r"\s(?:and|&)\s", quote[a:b]) else (a0, b0)


def stated(quote: str, at: int, answer: Bounded, shape: str, question: str = "") -> str:
    """The answer's words in ``quote`` (which starts at offset ``at`` of the article), a count
    or a share with the whole it is out of ("21 of the initial 30", "12% of children"), and a
    name with the others listed with it when the question asks for more than one. The whole
    is read only here, not when the answer is rated, so that its words still count as the
    answer's context there ("17 percent of the club": "club" is what the question asks of)."""
    a, b = answer.start - at, answer.end - at
    if shape in (HOW_MANY, HOW_MUCH) and 0 <= a < b <= len(quote):
        a, b = of_whole(quote, a, b)
    if shape in (WHO, WHERE) and _MANY_Q.search(question) and 0 <= a < b <= len(quote):
        a, b = listed(quote, a, b)
    text = quote[a:b].strip().rstrip(",;:")
    last = text.split()[-1] if text.split() else ""
    if (
        shape in (WHO, WHERE)
        and last.endswith(".")
        and "." not in last[:-1]
        and not ABBREVIATED.search(last[:-1])
    ):
        text = text[:-1]  # "New York, Los Angeles and Miami.": the sentence's full stop
    return text
