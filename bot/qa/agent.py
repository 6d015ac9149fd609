"""Who did what the question asks about: the name after "<the question's verb> by" ("Directed
by Atlee" for "who directed it")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import Span

AGENT = 1.3  # what a name after "<the question's verb> by" counts for more
# "directed by", "published last week by": the verb before "by", past words of when
_BY_BEFORE = re.compile(r"((?:[A-Za-z]+\s+){1,3})by\s*$")
_WHEN_FILLER = frozenset(
    "last this next week month year yesterday today recently earlier later also first "
    "originally jointly now once just".split()
)
_PARTICIPLE = re.compile(r"(?:ed|en|wn|won|made|held|hit|set|run|shot|paid)$", re.I)


def _agent_verb(words: str) -> str:
    """The word before "by" that says what was done, past the words of when."""
    out = words.split()
    while len(out) > 1 and out[-1].lower() in _WHEN_FILLER:
        out.pop()
    return out[-1] if out else ""


def done_by(sentence: str, sp: Span, q_toks: set[str] | frozenset[str], asked: set[str]) -> bool:
    """Whether ``sp`` follows "by" after the question's own verb, or one of its synonyms that is
    a verb ("won by"; not "a victory by Denver" for "who nailed the game winner")."""
    by = _BY_BEFORE.search(sentence[max(0, sp.start - 40) : sp.start])
    verb = _agent_verb(by.group(1)) if by else ""
    return bool(verb) and bool(
        set(tokenize(verb)) & (q_toks if not _PARTICIPLE.search(verb) else asked)
    )
