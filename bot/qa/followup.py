"""A follow-up that names only another thing ("and wells fargo?", "what about the pinstripe
bowl?") asks the turn before's question of it: the answer has the same shape."""

from __future__ import annotations

import re

from .question_kind import question_shape
from .shape import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO

_ELLIPSIS = re.compile(r"^\s*(?:and|what\s+about|how\s+about|same\s+for|what\s+of)\b", re.I)
_OWN_CUE = re.compile(r"\b(?:who|whom|whose|what|whats|when|where|which|why|how)\b", re.I)
_CUES = {WHO: "who", WHERE: "where", WHEN: "when", HOW_MUCH: "how much", HOW_MANY: "how many"}


def carried_over(question: str, previous: str) -> str:
    """``question`` with the cue of ``previous`` ("how much") before it, when it is such a
    follow-up and the turn before asked for a name, a place, a time, an amount or a count;
    otherwise ``question`` as it is."""
    m = _ELLIPSIS.match(question)
    if m is None or _OWN_CUE.search(question[m.end() :]):
        return question
    cue = _CUES.get(question_shape(previous))
    return f"{cue}: {question}" if cue else question


_LEAD = re.compile(r"^(.+?) \[\d+\](?:\s*\[\d+\])*\.$")


def stated(reply: str) -> str:
    """The short answer a reply's lead stated ("12 percent [1]." -> "12 percent"), or ""."""
    m = _LEAD.match(reply.split("\n", 1)[0].strip())
    return m.group(1) if m else ""


def already_given(question: str, previous: str, reply: str) -> str:
    """The answer the turn before stated, when this question asks for one of the same kind:
    asked again for a name, a sum or a count ("and who was the ref out on the pitch?" after
    "who was the var official"), the thread wants another than the one it was given."""
    carried = carried_over(question, previous)
    shape = question_shape(carried)
    same = shape in _CUES and shape == question_shape(previous)
    return stated(reply) if carried != question or same else ""


def same_answer(a: str, b: str) -> bool:
    """One answer's text holds the other's, word for word ("bhavik patel", "dr. bhavik patel")."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "
