"""Who comes after whom. Asked who takes over, replaces someone or is the new (or interim) one
in a post ("who's taking over as binance ceo now that cz stepped down"), the answer is the name
an article puts in the post ("Richard Teng will take over", "was replaced by Giff Smith"), not the one leaving it ("Changpeng Zhao stepped down") nor whoever
else the sentence names."""

from __future__ import annotations

import re

from .shape import Span

SUCCESSOR = 1.3  # what a name put in the post counts for more
PREDECESSOR = 0.7  # what the name leaving it counts for

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
# before the name: whom someone replaces ("will replace Caroline Ellison"), or a former holder
_OUT_BEFORE = re.compile(
    r"(?:\b(?:replace|replaces|replacing|succeed|succeeds|succeeding|replaced|succeeded)|"
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
