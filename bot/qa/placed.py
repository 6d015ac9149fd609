"""Places a sentence names by what they are to someone or something: where a company is based
or a person was born ("the Copenhagen-based company", "Tel Aviv-based Check Point"), and where
a person in the news lives ("Sherri Geerts, 81, of Sunnyvale, California"). Read by
``bot.qa.shape`` for where-questions; offsets are in the sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CAP = r"[A-Z][\w'’.&-]*"
# "the Copenhagen-based company", "the Calgary-born singer": where it is based or was born
_BASED_RX = re.compile(
    # not a sentence's first word ("Evidence-based policy")
    # "Portland, Maine-based": the town with its state
    # nor what something is built on ("AI-based solutions", "Web-based")
    rf"(?<=[\s(“\"‘'])(?!(?:The|A|An|This|That|Its|Their)\s|(?:AI|ML|LLM|GPU|IT|Web|Cloud)-)"
    rf"(?:{_CAP}(?:\s+{_CAP})?,\s+)?"
    rf"{_CAP}(?:\s+{_CAP}){{0,2}}"
    r"(?=-(?:based|born|raised|headquartered)\b)"
)
# "Sherri Geerts, 81, of Sunnyvale, California": where a person in the news lives
_HOMETOWN_RX = re.compile(
    rf"(?<=,\s)\d{{1,3}},\s+of\s+(?:{_CAP}(?:\s+{_CAP}){{0,2}})(?:,\s+{_CAP}(?:\s+{_CAP})?)?"
)


def based_places(sentence: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Where something is based or someone was born. "Like many companies in Israel, Tel
    Aviv-based Check Point": the town alone, where the place before the comma is one already
    ``found`` ("in Israel"), not "Israel, Tel Aviv" as a town with its state."""
    out = []
    for m in _BASED_RX.finditer(sentence):
        a, b = m.span()
        comma = m.group().find(", ")
        if comma >= 0 and any(s < a + comma and a < e for s, e in found):
            a += comma + 2
        out.append((a, b, sentence[a:b]))
    return out


def hometowns(sentence: str) -> list[tuple[int, int, str]]:
    """ "..., 81, of Sunnyvale, California": the place after the age."""
    ats = [(m, m.group(0).index(" of ") + 4) for m in _HOMETOWN_RX.finditer(sentence)]
    return [(m.start() + at, m.end(), m.group(0)[at:]) for m, at in ats]


# "an Oslo court", "a Seattle federal court", "a Louisiana woman", "a Munich startup", "Porto
# Alegre councilman Ramiro Rosário", "their Saint-Galmier hotel": a place named before who or what
# is there
_LOCAL_RX = re.compile(
    r"(?:(?<=\b[Aa]\s)|(?<=\b[Aa]n\s)|(?<=\b[Tt]he\s)|(?<=\b[Tt]heir\s)|(?<=\b[Hh]is\s)|"
    r"(?<=\b[Hh]er\s)|(?<=\b[Ii]ts\s)|(?<=\bplush\s)|(?<=\blocal\s)|(?<=,\s)|^)"
    r"(?!(?:The|A|An|This|That|Their|His|Her|Its|Black|White|Muslim|Jewish|Hindu|Sikh|Democrat|Labour|Tory|GOP|Conservative|Liberal|"
    r"Green|Independent|Young|Old|New|Former|Local|Senior|Junior|First|Last|Federal|State|"
    r"Supreme|High|District|City|County|Royal|Catholic|Christian)\b)"
    r"(?![A-Z][a-z]+(?:an|ish|ese|ic|i)\b)"
    rf"{_CAP}(?:\s+{_CAP}){{0,2}}"
    r"(?=\s+(?:(?:federal|district|state|county|criminal|superior|bankruptcy|immigration|crown|"
    r"magistrates['’]?|juvenile|children['’]s|general|public|private|luxury)\s+)?"  # "federal court"
    r"(?:court|courthouse|courtroom|woman|man|family|couple|teen|teenager|resident|residents|"
    r"native|hospital|hotel|police|councilman|councilwoman|council|mayor|jury|prosecutors?|"
    r"school|startup|company|firm|fintech|brokerage)\b)"  # "a Munich startup": where it is based
)


def local_places(sentence: str) -> list[tuple[int, int, str]]:
    """A place named before who or what is there: "an Oslo court" ("Oslo")."""
    return [(m.start(), m.end(), m.group()) for m in _LOCAL_RX.finditer(sentence)]


_PREPOSITIONS = frozenset("near from outside inside across to into on off the".split())


def placed_name(place: str) -> str:
    """The name a where-span puts at a place: after "in" or "at", or with no preposition at all
    ("Porto Velm" after "visit"); "" after "to" or "from" (whom it went to, whom it came from)."""
    first, _, rest = place.partition(" ")
    if first.lower() in ("in", "at"):
        return rest
    return "" if first.lower() in _PREPOSITIONS else place
