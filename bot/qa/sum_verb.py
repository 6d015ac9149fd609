"""The amount the question's verb takes, said of whom the question asks about: asked "how much
has dig security raised", "Dig has raised only around $45 million" (not "Talon has raised around
$143 million"); asked "how much did star entertainment raise", "after it raised $565 million"
(not "an all-time low of 60¢")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import Span
from .synonyms import base_form

VERB_OBJECT = 1.3  # what an amount the question's verb takes, from its doer, counts for more

# "how much did star entertainment raise", "how many yards has he thrown for": the words after
# the auxiliary, where the question's verb stands
_AFTER_AUX = re.compile(
    r"\bhow\s+(?:much|many)\b.*?\b(?:did|does|do|has|have|had|will|would|is|was|are|were)\s+(.+)",
    re.I,
)

# what may stand between a doer and its verb: "Dig has raised", "it agreed to pay"
_AUX = (
    r"(?:has|have|had|was|were|is|are|will|would|could|can|may|might|also|only|reportedly|"
    r"already|just|then|now|later|eventually|ultimately|agreed\s+to|plans\s+to|expects\s+to|"
    r"wants\s+to|hopes\s+to|is\s+set\s+to|is\s+expected\s+to|to)"
)
# what may stand between the verb and the amount: "raised only around $45 million"
# ("scored a relatively modest 33 goals", "dropped a stunning 15%")
_HEDGE = (
    r"(?:only|about|around|roughly|nearly|almost|some|just|over|under|more\s+than|less\s+than|"
    r"another|a\s+further|an?\s+additional|a\s+total\s+of|up\s+to|as\s+much\s+as|at\s+least|"
    r"for|in|approximately|close\s+to|an?(?:\s+[a-z][a-z-]*){1,2})"
)
_DOER_VERB = re.compile(
    rf"([\w'’.&-]+)\s+(?:{_AUX}\s+){{0,3}}([a-z][\w-]*)\s+(?:{_HEDGE}\s+){{0,3}}$", re.I
)
_PRONOUN = frozenset("it they he she we".split())
# a verb's form: not "revenue $9.3 billion"
_VERB_FORM = re.compile(r"(?:ed|es|s|ing|en|wn|paid|made|spent|sold|brought|won|took|cost)$", re.I)
_MODAL_BEFORE = re.compile(rf"\b(?:to|will|would|could|can|may|might)\s+(?:{_HEDGE}\s+)?$", re.I)


# what a thing costs is said of it at every price it had (sale, full, past): its verb picks none
_STATE = frozenset({"cost"})


def amount_verbs(question: str) -> frozenset[str]:
    """The stems of the words after a how-much question's auxiliary ("raise", "pay"), one of
    which is the verb whose amount is asked."""
    m = _AFTER_AUX.search(question)
    if m is None:
        return frozenset()
    return frozenset(base_form(t) for t in tokenize(m.group(1)) if t != "\u2205") - _STATE


def verb_object(
    sentence: str, sp: Span, verbs: frozenset[str], q_toks: set[str] | frozenset[str]
) -> bool:
    """Whether ``sp`` is what one of the question's ``verbs`` took, with the question's own
    doer (or a pronoun for it) before the verb: "Dig has raised only around $45 million"."""
    if not verbs:
        return False
    before = sentence[max(0, sp.start - 90) : sp.start]
    m = _DOER_VERB.search(before)
    if m is None:
        return False
    verb = m.group(2)
    toks = tokenize(verb)
    if len(toks) != 1 or base_form(toks[0]) not in verbs:
        return False
    head = before[: m.start(2)]
    if not (_VERB_FORM.search(verb) or _MODAL_BEFORE.search(head)):
        return False
    doer = m.group(1)
    if doer.lower() in _PRONOUN:
        return _pronoun_for(head[: m.start(1)], q_toks)
    return bool(set(tokenize(doer)) & q_toks)


_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]+")


def _pronoun_for(before: str, q_toks: set[str] | frozenset[str]) -> bool:
    """Whether a pronoun after ``before`` may stand for the question's doer: the sentence names
    the question's own name before it, or no name at all ("Considering how many Haaland scores,
    he could score six goals" is not Juve's tally)."""
    names = [toks for w in _CAPITALISED.findall(before) if (toks := set(tokenize(w)) - {"\u2205"})]
    return not names or any(toks & q_toks for toks in names)
