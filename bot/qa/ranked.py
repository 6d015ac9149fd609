"""Who stands at a place in a ranked list: "whos the #2 te in the week 14 rankings", "in the cbs
mock who do the giants grab at 2", "who goes first overall", "who's top of the te rankings",
"who's dead last in the power rankings". The answer is the name a sentence sets at that place:
after its number ("Pick 2 Drake Maye", a list's line "2 T.J. Hockenson, Vikings @ Raiders"), or,
for the top, a name the sentence says heads the list ("Travis Kelce tops our rankings"). A name
set at another place counts less. Read once by ``Asked.read`` (``rank_asked``) and applied in
``Asked.rate`` (``rank_weight``) of ``bot.qa.answer_kind`` for who-questions. (The other way
round, the place of an entry the question names, is ``bot.qa.position``'s.)"""

from __future__ import annotations

import re

from .shape import Span

RANKED = 1.6  # a name set at the place asked for
OTHER_RANK = 0.6  # a name set at another place of the list
LAST = -1  # the place of "who's dead last"

_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_PLACE = r"(\d{1,2}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
# a list is what the question is about: rankings, a mock draft, projections, a board
_LIST_Q = re.compile(
    r"\b(?:rank\w*|rankigns|mock|draft|projections?|board|standings|power\s+rankings)\b", re.I
)
# the place said outright: "#2", "first overall", "the 3rd overall pick"
_PLACE_Q = re.compile(rf"#\s?(\d{{1,2}})\b|\b{_PLACE}(?:st|nd|rd|th)?\s+overall\b", re.I)
# the place, where the question is about a list: "at 2", "pick 2", "no. 2", "ranked second"
# (not "the pick 6" of a game: an interception run back)
_LIST_PLACE_Q = re.compile(
    rf"\b(?:at|with)\s+(?:no\.?\s?|pick\s+)?(\d{{1,2}})\b|\bno\.?\s?(\d{{1,2}})\b|"
    rf"\bpick\s+(?:no\.?\s?|#)?(\d{{1,2}})\b|\b{_PLACE}(?:st|nd|rd|th)?\s+pick\b|"
    rf"\bnumber\s+{_PLACE}\b|\branked\s+{_PLACE}\b",
    re.I,
)
_TOP_Q = re.compile(
    r"\b(?:top\s+of|tops|atop|top\s+(?:ppr\s+|dfs\s+|fantasy\s+|ranked\s+)?(?:wr|rb|te|qb|play|"
    r"pick|option|spot|player|team|guy|choice))\b",
    re.I,
)
_FANTASY_TOP_Q = re.compile(r"\btop\s+(?:ppr|dfs|fantasy|ranked)\b", re.I)
_LAST_Q = re.compile(r"\b(?:dead\s+last|last\s+place|bottom\s+of|rock\s+bottom)\b", re.I)

# the number a list sets before a name: "Pick 2 Drake Maye", "No. 3 Ohio State", "#2 Kelce",
# a line's "2 T.J. Hockenson" or "1. Philadelphia Eagles"
_NUMBER_BEFORE = re.compile(r"(?:\b(?:Pick|No\.|Number)\s*|#\s?)(\d{1,3})\s*(?:[-–—:]\s*)?$")
_LINE_NUMBER = re.compile(r"^\W*(\d{1,3})(?:\.{1,2}|\))?\s*$")  # "1. Philadelphia Eagles 8-1"
# after a name, that it heads the list: "Travis Kelce (vs. Bills) tops our rankings"
_HEADS_AFTER = re.compile(
    r"^[^.;]{0,100}?\b(?:tops|topped|heads|headed|atop|(?:the\s+)?top\s+spot|No\.\s?1\b|"
    r"number\s+one|first\s+overall|leads\s+the\s+(?:way|list|pack|rankings))",
    re.I,
)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
_LAST_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:(?:at|in|to)\s+the\s+bottom|dead\s+last|last\s+place|bring\w*\s+up\s+the\s+"
    r"rear)",
    re.I,
)


def _place(word: str) -> int:
    return int(word) if word.isdigit() else _ORDINAL.get(word.lower(), 0)


def rank_asked(question: str) -> int:
    """The place in a ranked list a who-question asks for (1 for the top, ``LAST`` for the
    bottom), or 0 where it asks for none."""
    m = _PLACE_Q.search(question)
    if m:
        return _place(next(g for g in m.groups() if g))
    if _FANTASY_TOP_Q.search(question):
        return 1  # "the top ppr wr": a ranking's top
    if not _LIST_Q.search(question):
        return 0
    m = _LIST_PLACE_Q.search(question)
    if m:
        return _place(next(g for g in m.groups() if g))
    if _LAST_Q.search(question):
        return LAST
    return 1 if _TOP_Q.search(question) else 0


def rank_weight(sentence: str, sp: Span, place: int) -> float:
    """``RANKED`` for a name the sentence sets at ``place`` of a list, ``OTHER_RANK`` for one it
    sets at another place, else 1."""
    number = _NUMBER_BEFORE.search(sentence[max(0, sp.start - 30) : sp.start])
    number = number or _LINE_NUMBER.match(sentence[: sp.start])
    if number:
        return RANKED if int(number.group(1)) == place else OTHER_RANK
    # past what stands in brackets: "Travis Kelce (vs. Bills in Week 14) tops our rankings"
    after = re.sub(r"\([^)]*\)", "", sentence[sp.end : sp.end + 160])
    heads = _HEADS_AFTER.match(after)
    if heads and not _FULL_NAME.search(heads.group()):  # not "Kelce, but Sam LaPorta tops"
        return RANKED if place == 1 else OTHER_RANK
    if place == LAST and _LAST_AFTER.match(after):
        return RANKED
    return 1.0
