"""A place or time inside a quoted title names no place or time of the news: "The Listeners: A
History of Wiretapping in the United States" is a book, not where its author teaches."""

from __future__ import annotations

import re

from .shape import Span

IN_TITLE = 0.5  # what a place or time inside a quoted title counts
_QUOTED = re.compile(r"[“\"]([^”\"]{3,120})[”\"]")
_CALLED = re.compile(r"\b(?:called|named|dubbed|known\s+as)\s*$", re.I)
_SMALL = frozenset("a an the of in on at to for from and or by with vs".split())


def in_title(sentence: str, sp: Span) -> bool:
    """The span stands inside quotation marks around a title: its longer words capitalised, as a
        book, film or song is named (quoted speech is written in sentence case), and not as what a place
    is called."""
    for m in _QUOTED.finditer(sentence):
        if m.start(1) <= sp.start and sp.end <= m.end(1):
            if _CALLED.search(sentence[max(0, m.start() - 20) : m.start()]):
                return False  # "an area called “House in Deep Shadows”": a place's name
            words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", m.group(1)) if w not in _SMALL]
            return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    return False
