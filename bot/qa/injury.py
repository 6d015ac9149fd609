"""An injury. Asked "whats wrong with casemiro again", "what injury is goedert coming back from"
or "whats kw3's injury", the answer is the injury a sentence names ("a new hamstring issue", "a
fractured forearm", "Kenneth Walker III (oblique)", "a low ankle sprain"), not a name, a date or
the whole sentence. The question reading (``injury_asked``) and the spans of a sentence that name
an injury."""

from __future__ import annotations

import re

INJURY = "injury"  # the answer shape (``bot.qa.shape``)

# a body part that names an injury on its own ("(oblique)", "his hamstring")
_BARE = (
    r"hamstrings?|groin|oblique|ankles?|knees?|thumb|forearm|wrist|shoulder|elbow|achilles|"
    r"acl|mcl|pcl|meniscus|calf|quad|quadriceps|ribs?|collarbone|clavicle|pectoral|pec"
)
# and the others, which name one only with a word for the hurt before or after them ("a broken
# hand", "a back injury"; not "came back" or "head coach"); ``bot.qa.stand_in`` reads an injury
# report's "(ankle)" with the same list
BODY = (
    _BARE
    + r"|tibia|fibula|hip|foot|toe|hand|finger|back|neck|head|shin|heel|biceps|triceps|jaw|eye"
)
_HURT_BEFORE = (
    r"torn|tore|broken|broke|fractured|sprained|strained|bruised|dislocated|separated|"
    r"hyperextended|sore|injured|twisted|rolled|high|low|left|right|mild|minor|significant|"
    r"severe|serious|new|lingering|nagging|ruptured"
)
_HURT_AFTER = (
    r"injury|injuries|sprain|strain|fracture|tear|contusion|bruise|soreness|tightness|issue|"
    r"issues|problem|problems|surgery|break|dislocation|pull|spasms"
)
_INJURY_RX = re.compile(
    rf"\b(?:(?:{_HURT_BEFORE})[\s-]+){{0,2}}(?:{BODY})(?:\s+and\s+(?:{BODY}))?"
    rf"(?:[\s-]+(?:{_HURT_AFTER}))?\b"
    r"|\b(?:concussion|turf\s+toe|plantar\s+fasciitis)\b",
    re.I,
)
_HURT_BEFORE_RX = re.compile(rf"^(?:{_HURT_BEFORE})\b", re.I)
_HURT_AFTER_RX = re.compile(rf"\b(?:{_HURT_AFTER})$", re.I)
_BARE_RX = re.compile(rf"^(?:{_BARE})$", re.I)

_INJURY_Q = re.compile(
    # "whats wrong with casemiro", "what's up with kupp's ankle"
    r"\bwhat(?:['’]?s|\s+is|\s+was)?\s+(?:wrong|up)\s+with\b"
    # "what injury is he coming back from", "which injury", "what kind of injury"
    r"|\b(?:what|which|wat)\s+(?:kind\s+of\s+|type\s+of\s+)?injur(?:y|ies)\b"
    # "whats kw3's injury", "what's his injury"
    r"|\b(?:what|wat)(?:['’]?s|\s+is|\s+was)\s+(?:[\w'’.-]+\s+){1,3}injur(?:y|ies)\b"
    # "is he hurt", "is kirk injured"
    r"|\bis\s+(?:he|she|[a-z]+)\s+(?:hurt|injured)\b"
    # "what did he hurt", "what has he torn"
    r"|\bwhat\s+(?:did|has|had)\s+[\w'’.-]+\s+(?:hurt|injure|tear|break|strain|sprain|tweak)\b",
    re.I,
)


_HOW_BAD_Q = re.compile(r"\bhow\s+bad\b", re.I)
_BODY_Q = re.compile(rf"\b(?:{BODY}|injur(?:y|ies|ed)|hurt)\b", re.I)


def injury_asked(question: str) -> bool:
    """Whether the question asks what someone's injury is (or how bad it is: "whats the latest on
    cooper kupp's ankle, how bad is it")."""
    if _INJURY_Q.search(question):
        return True
    return bool(_HOW_BAD_Q.search(question) and _BODY_Q.search(question))


def injury_spans(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` names an injury: a body part with a word for the hurt before or after
    it ("fractured forearm", "groin injury"), a part that names one alone ("(oblique)",
    "hamstring"), or a concussion. "Came back" and "head coach" name none."""
    out = []
    for m in _INJURY_RX.finditer(sentence):
        words = m.group().split()
        hurt = bool(_HURT_BEFORE_RX.match(m.group()) or _HURT_AFTER_RX.search(m.group()))
        if hurt or len(words) > 1 or _BARE_RX.match(m.group()) or "concussion" in m.group().lower():
            out.append(m.span())
    return out
