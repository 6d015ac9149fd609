"""A title in quotation marks is one answer: asked what a book is called, "Deep Sea: 10 Things
You Should Know" is its name, not "Deep Sea" and "Things You Should Know" apart."""

from __future__ import annotations

import re

from .shape import Span

# a short run in quotation marks that opens with a capital and ends without a sentence's stop
_QUOTED = re.compile(r"[\"“‘]([A-Z0-9][^\"“”‘’\n]{1,78}[^\"“”‘’\n.,!?;])[\"”’]")
_SMALL = frozenset(
    "a an and as at but by for from in into is it of on or the to vs with you your my our "
    "we i".split()
)
MAX_WORDS = 10


def _title_like(text: str) -> bool:
    """Most words capitalised (small words aside), and not many: a name, not a quoted remark."""
    words = re.findall(r"[\w'’-]+", text)
    if not 1 <= len(words) <= MAX_WORDS:
        return False
    big = [w for w in words if w.lower() not in _SMALL or w == words[0]]
    return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)


def with_quoted_titles(sentence: str, found: list[Span]) -> list[Span]:
    """``found`` with the spans inside a quoted title replaced by the whole title, which comes
    where the first of them was."""
    out = list(found)
    for m in _QUOTED.finditer(sentence):
        a, b = m.span(1)
        inside = [sp for sp in out if a <= sp.start and sp.end <= b]
        whole = len(inside) == 1 and (inside[0].start, inside[0].end) == (a, b)
        if not inside or whole or not _title_like(m.group(1)):
            continue
        at = out.index(inside[0])
        out = [sp for sp in out if sp not in inside]
        out.insert(at, Span(a, b, m.group(1)))
    return _with_quoted_terms(sentence, out)


# a word or a few in quotation marks, in any case: “stroke handicap”, ‘brutiful’
_TERM = re.compile(r"(?:^|(?<=[\s(]))[\"“‘]([\w][\w'’ -]{0,38}[\w])[.,!?]?[\"”’](?!\w)")
TERM_WORDS = 3


def _with_quoted_terms(sentence: str, found: list[Span]) -> list[Span]:
    """Asked what a thing is called, a short term in quotation marks is a name for it
    ("there's also “stroke handicap” betting"), whatever its case; after the names found."""
    out = list(found)
    for m in _TERM.finditer(sentence):
        a, b = m.span(1)
        if len(m.group(1).split()) > TERM_WORDS or any(sp.start < b and a < sp.end for sp in out):
            continue
        out.append(Span(a, b, m.group(1)))
    return out
