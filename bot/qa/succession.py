"""Who comes after whom. Asked who takes over, replaces someone or is the new (or interim) one
in a post ("who's taking over as binance ceo now that cz stepped down"), the answer is the name
an article puts in the post ("Richard Teng will take over", "was replaced by Giff Smith"), not the one leaving it ("Changpeng Zhao stepped down") nor whoever
else the sentence names."""

from __future__ import annotations

import re

from .aliases import expand
from .shape import Span
from .synonyms import words

SUCCESSOR = 1.3  # what a name put in the post counts for more
PREDECESSOR = 0.7  # what the name leaving it counts for
# what the names count for in a sentence about someone else's post: one that says who was
# replaced, and names another than the question does ("persuade Amodei to replace Altman",
# asked who replaced Murati)
OTHER_POST = 0.7

_LEAVING = (
    r"(?:gone|out|left|leaving|leaves|quit|quits|stepped\s+down|steps?\s+down|stepping\s+down|"
    r"fired|canned|sacked|axed|booted|pushed\s+out|ousted|retired|retiring|resigned|departed|hurt|"
    r"injured)"
)
_SUCCESSION_Q = re.compile(
    r"\b(?:tak(?:e|es|ing)\s+over|took\s+over|replac\w*|succeed\w*|successor|in\s+place\s+of|"
    r"(?:the\s+)?(?:new|interim|acting)\s+(?:[\w-]+\s+){0,2}?(?:ceo|coach|manager|gm|boss|"
    r"chair(?:man|woman)?|president|head|director|cfo|qb|quarterback|skipper|captain|owner|"
    r"chief|leader|editor)\b|now\s+that\b[^?]{0,60}?\b" + _LEAVING + r"|after\b[^?]{0,40}?\b"
    r"(?:left|quit|stepped\s+down|fired|canned|sacked|ousted|resigned|retired|departed))",
    re.I,
)
# after the name: what puts it in the post ("Richard Teng will take over", "Ada Quill has been
# named interim CEO"); a title alone ("interim CEO Emmett Shear") is weighed as any title is
_IN_AFTER = re.compile(
    r"^(?:['’]s\s+appointment|,?\s+(?:who\s+)?(?:will\s+|is\s+set\s+to\s+|is\s+to\s+|would\s+)?"
    r"(?:replace[sd]?|succeed(?:s|ed)?|take[sn]?\s+over|took\s+over|taking\s+over|steps?\s+in|"
    r"stepped\s+in|(?:has\s+been\s+|was\s+|is\s+)?(?:named|appointed|promoted|hired|tapped|"
    r"installed|confirmed)\b))",
    re.I,
)
# before the name: "replaced by", "named", "successor"
_IN_BEFORE = re.compile(
    r"(?:\b(?:replaced|succeeded)\s+by|\b(?:named|appointed|promoted|hired|tapped|installed)\s+"
    r"(?:[\w-]+\s+){0,3}?|\bsuccessor,?|"
    r"\bin\s+favou?r\s+of)\s*$",
    re.I,
)
# after the name: what takes it out of the post ("Changpeng Zhao stepped down")
_OUT_AFTER = re.compile(
    r"^(?:['’]s\s+(?:departure|exit|ouster|firing|sacking|resignation|retirement)|,?\s+(?:who\s+)?"
    r"(?:has\s+|had\s+)?(?:stepped\s+down|steps\s+down|resign\w*|left|leaves|quit|retir\w+|"
    r"(?:was|were|has\s+been|had\s+been)\s+(?:fired|ousted|sacked|dismissed|pushed\s+out|removed|"
    r"axed)))",
    re.I,
)
# the verb of replacing someone, in any form
_REPLACING = r"replace[sd]?|replacing|succeed(?:s|ed|ing)?"
# before the name: whom someone replaces ("will replace Caroline Ellison"), or a former holder
_OUT_BEFORE = re.compile(
    # "will replace interim CEO Ada Quill": a title may stand between
    rf"(?:\b(?:{_REPLACING})"
    r"(?:\s+(?!as\b|by\b)(?:[a-z][\w-]*|[A-Z]{2,5})){0,3}|"
    r"\b(?:former|outgoing|ousted|departing|sacked|fired)\s+(?:[\w-]+\s+){0,2}?)\s*$",
    re.I,
)


def succession_asked(question: str) -> bool:
    """Whether the question asks who comes into a post."""
    return _SUCCESSION_Q.search(question) is not None


def succession_weight(sentence: str, sp: Span) -> float:
    """How much more (or less) the name ``sp`` counts, asked who comes into a post."""
    after = sentence[sp.end : sp.end + 50]
    before = sentence[max(0, sp.start - 50) : sp.start]
    if _OUT_AFTER.match(after) or (_OUT_BEFORE.search(before) and not _IN_BEFORE.search(before)):
        return PREDECESSOR
    if _IN_AFTER.match(after) or _IN_BEFORE.search(before):
        return SUCCESSOR
    return 1.0


# whom the question says the newcomer follows: "replaced murati as ceo", "taking over from
# foster", "to replace sama (Sam Altman)", "now that raibert stepped down", "after maddon got canned"
_OUT_Q = re.compile(
    r"\b(?:replac\w*|succeed\w*|over\s+from|in\s+place\s+of)\s+"
    r"([\w'’.-]+(?:\s+[\w'’.-]+){0,2}?(?:\s*\([^)]*\))?)"
    r"(?=\s+(?:as|at|in|for|who|during|this|next|now|after|on)\b|\s*[,?.!]|\s*$)"
    r"|\b(?:now\s+that|after)\s+((?:[\w'’.-]+\s+){1,3}?(?:\([^)]*\)\s+)?)(?:(?:is|was|has|had|got|"
    r"has\s+been|was\s+just)\s+)?" + _LEAVING + r"\b",
    re.I,
)
# whom a sentence says someone replaces or follows: "to replace Altman", "taking over from Foster"
_OUT_NAMED = re.compile(
    rf"\b(?:{_REPLACING}|(?:takes?|took|taking|taken)\s+over\s+from|"
    r"in\s+place\s+of)\s+(?:(?:the|its|his|her|their)\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})"
)
_NOT_OUT = frozenset(words("the a an him her them his their this that as coach ceo boss"))


def replaced_asked(question: str) -> frozenset[str]:
    """The words of whom the question says the newcomer follows ("murati"), or none."""
    m = _OUT_Q.search(expand(question)[0])  # "replace sama": "replace sama (Sam Altman)"
    if m is None:
        return frozenset()
    return frozenset(words(m.group(1) or m.group(2) or "")) - _NOT_OUT


def other_post(sentence: str, replaced: frozenset[str]) -> bool:
    """Whether the sentence says someone replaces or follows another than ``replaced``."""
    named = [set(words(m.group(1))) for m in _OUT_NAMED.finditer(sentence)]
    return bool(replaced and named) and not any(n & replaced for n in named)
