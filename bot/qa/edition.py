"""Which edition of a recurring event a question names ("super bowl lviii", "the 2024 masters",
"season 3"): a sentence says how that edition turned out only if it names the same edition, so
"the 2017 Eagles won a Super Bowl" does not answer who won Super Bowl LVIII."""

from __future__ import annotations

import re

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# an event word and the edition after it: "bowl lviii", "season 3", "cup 2023"
_AFTER = re.compile(
    r"\b(?:bowl|cup|season|series|edition|games|open|prix|championships?|final)\s+"
    r"([ivxlc]{2,7}|\d{1,4})\b"
)


def _roman(s: str) -> int | None:
    if not re.fullmatch(r"[ivxlc]+", s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v")):
        while n >= v:
            out, n = out + r, n - v
    return out + ("iv" if n == 4 else "i" * n)


def editions(question: str) -> set[str]:
    """The forms the edition the question names is written in ("lviii" and "58"), or none."""
    out: set[str] = set()
    for m in _AFTER.finditer(question.lower()):
        e = m.group(1)
        out.add(e)
        if (n := _roman(e)) is not None:
            out.add(str(n))  # "lviii": also "58"
        elif int(e) < 200:
            out.add(_to_roman(int(e)))  # "58": also "lviii"; not a year's "mmxxiii"
    return out


def names_edition(sentence: str, forms: set[str]) -> bool:
    """Whether the sentence names the edition in one of its forms."""
    return not forms or not forms.isdisjoint(re.findall(r"[a-z0-9]+", sentence.lower()))
