"""Which side of a game a name plays for, asked who made a play for one side: "who scored spurs'
goal in the loss to west ham" asks for a Tottenham player, so "West Ham's Jarrod Bowen" names the
other side's; "Lautaro Martinez (Inter Milan)", asked of Newcastle's goal against Milan, is
Milan's; and in a scoreline ("Man United 2 McTominay 19' Chelsea 1 Palmer 45'") the side's name
stands before its scorers. Read once by ``Asked.read`` and applied in ``Asked.rate``
(``bot.qa.answer_kind``) for who-questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.keyword import tokenize

from .aliases import ALIASES, unexpand
from .shape import Span

OTHER_SIDE = 0.5  # a name the sentence marks as the other side's
OWN_SIDE = 1.3  # a name the sentence marks as the side's asked about

# a play in a game that someone makes for a side
_PLAY_Q = re.compile(
    r"\b(?:scor\w*|goals?|tries|try|tds?|touchdowns?|pens?|penalt(?:y|ies)|headers?|winner|"
    r"equali[sz]er|opener|assists?|set\s+up|caught|catch|kicked|brace|hat[\s-]?trick|homer\w*|"
    r"home\s+runs?|in\s+goal)\b",
    re.I,
)
_SIDE_WORDS = r"([a-z0-9][\w.&-]*(?:\s+[a-z0-9][\w.&-]*){0,2})"
# "spurs' goal", "inter miami's only goal", "the all blacks' try"
_OURS_POSSESSIVE = re.compile(
    _SIDE_WORDS + r"['’]s?\s+(?:[a-z0-9-]+\s+){0,2}?(?:goals?|tries|try|tds?|touchdowns?|pens?|"
    r"penalty|winner|equali[sz]er|opener|header|scorers?|keeper|goalkeeper)\b"
)
_OURS_FOR = re.compile(r"\bfor\s+(?:the\s+)?" + _SIDE_WORDS)
_THEIRS = re.compile(
    r"\b(?:vs\.?|v\.?|versus|against|over|to|beat|beating|past|at)\s+(?:the\s+)?" + _SIDE_WORDS
)
# a side's name ends before these ("west ham last night", "chelsea in the carabao cup")
_NOT_SIDE = frozenset(
    "the a an last this next that night week weekend game match final semi in on at of for vs v "
    "versus and or with when after before since yesterday today tonight tmrw tomorrow them him "
    "her us it his their its who what which lol lmao fr".split()
)
_LEAD_IN = frozenset("who whos who's who’s scored got get did smacked put set up caught".split())

_NAME = r"((?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*)"
# "West Ham's Jarrod Bowen", "Chelsea's young striker Cole Palmer"
_POSSESSIVE_BEFORE = re.compile(_NAME + r"['’]s?\s+(?:[a-z][\w-]*\s+){0,2}$")
# "Chelsea loanee Hakim Ziyech", "Bayern striker Harry Kane"
_ROLE_BEFORE = re.compile(
    _NAME + r"\s+(?:[a-z][\w-]*\s+)?(?:loanee|striker|forward|midfielder|defender|winger|"
    r"(?:goal)?keeper|captain|skipper|quarterback|QB|receiver|running\s+back|tight\s+end|"
    r"kicker|star|substitute|sub|player|debutant|teenager|veteran|full-?back|"
    r"cent(?:re|er)-?back|playmaker|wideout|linebacker|cornerback)\s+$"
)
# "Chelsea 1 Palmer 45'": a scoreline gives each side's scorers after its name and goals
_SCORELINE_BEFORE = re.compile(_NAME + r"\s+\d{1,2}\s+$")
# "Lautaro Martinez (Inter Milan)"
_BRACKET_AFTER = re.compile(r"\s*\(([A-Z][^()]{1,30})\)")


@dataclass(frozen=True)
class Sides:
    """The sides a who-question about a play names: its own (whose goal) and the other."""

    ours: frozenset[str] = frozenset()
    theirs: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.ours or self.theirs)


def _side_tokens(words: list[str]) -> frozenset[str]:
    if not words:
        return frozenset()
    typed = " ".join(words)
    full = ALIASES.get(typed) or ALIASES.get(words[-1]) or ""  # "spurs": Tottenham Hotspur
    return _words(f"{typed} {full}")


def _leading(words: str) -> frozenset[str]:
    """A side named after "for" or "vs": its words up to the first that names none."""
    kept: list[str] = []
    for w in words.split():
        if w in _NOT_SIDE:
            break
        kept.append(w)
    return _side_tokens(kept)


def _trailing(words: str) -> frozenset[str]:
    """A side named before "'s": its words back to the last that names none ("who scored")."""
    kept: list[str] = []
    for w in reversed(words.split()):
        if w in _NOT_SIDE or w in _LEAD_IN:
            break
        kept.insert(0, w)
    return _side_tokens(kept)


def sides_asked(question: str) -> Sides:
    """The sides a question about a play in a game names; empty when it asks of no play."""
    q = unexpand(question).lower()
    if not _PLAY_Q.search(q):
        return Sides()
    ours: set[str] = set()
    for m in _OURS_POSSESSIVE.finditer(q):
        ours |= _trailing(m.group(1))
    for m in _OURS_FOR.finditer(q):
        ours |= _leading(m.group(1))
    theirs: set[str] = set()
    for m in _THEIRS.finditer(q):
        theirs |= _leading(m.group(1))
    return Sides(frozenset(ours - theirs), frozenset(theirs - ours))


def marked_side(sentence: str, sp: Span) -> frozenset[str]:
    """The words of the side the sentence sets the name under, if it sets one."""
    before = sentence[max(0, sp.start - 50) : sp.start]
    for rx in (_POSSESSIVE_BEFORE, _ROLE_BEFORE, _SCORELINE_BEFORE):
        m = rx.search(before)
        if m:
            return _words(m.group(1))
    m = _BRACKET_AFTER.match(sentence[sp.end : sp.end + 40])
    return _words(m.group(1)) if m else frozenset()


def _words(name: str) -> frozenset[str]:
    """A side's stemmed words, without the mark ``tokenize`` leaves for a stop word."""
    return frozenset(t for t in tokenize(name) if t != "\u2205")


def side_weight(sentence: str, sp: Span, sides: Sides) -> float:
    """``OTHER_SIDE`` for a name set under the other side, ``OWN_SIDE`` under the side asked
    about; the side whose words make up more of the marker's ("Manchester United": the side
    typed "red devils", not "man city")."""
    marker = marked_side(sentence, sp)
    if not marker:
        return 1.0
    ours = len(marker & sides.ours) / len(marker)
    theirs = len(marker & sides.theirs) / len(marker)
    if theirs > ours:
        return OTHER_SIDE
    if ours > theirs:
        return OWN_SIDE
    return 1.0


def weigh(sentence: str, rated: list[tuple[Span, float]], sides: Sides) -> list[tuple[Span, float]]:
    """``rated`` with each name weighed by the side the sentence sets it under."""
    if not sides:
        return rated
    return [(sp, w * side_weight(sentence, sp, sides)) for sp, w in rated]
