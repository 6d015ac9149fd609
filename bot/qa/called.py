"""What a thing is called: asked "what's jada pinkett smith's new memoir called" or "what's the
name of the podcast the kelce brothers do", the question's noun for the thing ("memoir",
"podcast") is what the answer names, and a sentence that sets a name right after that noun
("her new memoir, Worthy") or right before it ("his New Heights podcast") gives its name. Read by
``bot.qa.answer_kind`` for name questions (``NAME_Q``)."""

from __future__ import annotations

import re

from .shape import Span
from .synonyms import synonyms, words

NAMED_AS = 1.3  # what a name set beside the question's noun for the thing counts for

# "the killer called", "sanctuary's walking robot called": the noun right before "called"
_BEFORE_CALLED = re.compile(r"\b([a-z][a-z-]{2,})\s+(?:called|named|titled|dubbed)\b", re.I)
# "the name of the podcast the kelce brothers do", "what's discord calling the new dark theme
# for oled phones": the last word of the noun phrase after "name of" or "calling"
_AFTER_NAME_OF = re.compile(
    r"\b(?:name\s+of|calling)\s+(?:(?:the|a|an|his|her|its|their|this|that)\s+)?"
    r"((?:[\w'’/-]+\s+){0,4}?[\w/-]+?)(?=\s+(?:the|a|an|he|she|they|it|who|that|which|in|on|for|"
    r"at|from|with|by|to|of|is|are|was|were|does|do|did|has|have)\b|\s*[?,.!]|\s*$)",
    re.I,
)
_NOT_THING = frozenset(words("it this that thing one what stuff"))


def thing_asked(question: str) -> frozenset[str]:
    """The stem of the question's noun for the thing whose name it asks, with its one-word
    synonyms ("movie": "film"), or none ("whats it called")."""
    m = _BEFORE_CALLED.search(question)
    text = m.group(1) if m else ""
    if not text:
        m = _AFTER_NAME_OF.search(question)
        last = re.split(r"[\s/]+", m.group(1)) if m else [""]
        # "its new jet powered drone interceptor thing": the noun before "thing"
        text = last[-2] if len(last) > 1 and last[-1].lower() in ("thing", "things") else last[-1]
    stem = words(text)
    if len(stem) != 1 or stem[0] in _NOT_THING:
        return frozenset()
    return frozenset(stem) | {ph[0] for ph in synonyms(stem[0]) if len(ph) == 1}


# "her new memoir, Worthy", "Sanctuary’s newest and first bipedal robot, Phoenix", "the app
# called Threads": the noun (after a few words that describe it), then the name it goes by
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our)|['’]s?)\s+(?:[a-z][a-z-]*\s+){0,4}?"
    r"([a-z][a-z-]{2,}),?\s+(?:(?:titled|called|named|dubbed)\s+)?$"
)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]{2,})\b")  # "his New Heights podcast"


def named_thing(sentence: str, sp: Span, thing: frozenset[str]) -> bool:
    """Whether the name ``sp`` is what the sentence calls the thing asked about (``thing``,
    ``thing_asked``): set right after its noun or right before it."""
    if not thing:
        return False
    m = _NOUN_BEFORE.search(sentence[max(0, sp.start - 60) : sp.start])
    if m is None or not thing & set(words(m.group(1))):
        m = _NOUN_AFTER.match(sentence, sp.end)
    return m is not None and bool(thing & set(words(m.group(1))))
