"""How far an amount's words reach: the rate it is counted by ("$20 per month", "90 tonnes a
day") and the bound before it ("up to $200", "nearly 5%"). Read by ``bot.qa.shape`` for the
amounts it finds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# "$20 per month", "$2 a share": what an amount is counted by belongs with it
_RATE = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(?:month|year|week|day|night|hour|share|person|head|ticket|"
    r"game|episode|season|annum|barrel|ounce|gallon|seat|user|unit|dose|pill|tablet|vial|shot|"
    r"kilo(?:gram)?|pound|tonne|ton|lit(?:re|er)|meal|student|household|employee|passenger|"
    r"square\s+(?:foot|feet|met(?:re|er)))\b|\s+(?:apiece|annually|a\s+pop)"
    r"\b|\s?/\s?(?:mo|month|yr|year|wk|week|hr|hour|night)\b",
    re.I,
)
# "up to $200", "nearly $5 million", "just under $2M": how far the figure holds
_BOUND = re.compile(
    r"\b(?:up\s+to|as\s+much\s+as|as\s+little\s+as|starting\s+at|nearly|almost|about|around|"
    r"roughly|approximately|more\s+than|less\s+than|at\s+least|(?:just\s+)?(?:over|under))"
    r"\s+$",
    re.I,
)


def widen(sentence: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` of an amount in ``sentence``, widened over its bound and its rate."""
    rate = _RATE.match(sentence, end)
    end = rate.end() if rate else end
    bound = _BOUND.search(sentence[max(0, start - 20) : start])
    if bound and re.search(r"\d", sentence[start:end]):
        start -= len(bound.group())
    return start, end


# "$300 million to $400 million", "$5-$10": two amounts that bound one range
RANGE_GAP = re.compile(r"\s+(?:to|or)\s+|\s?[-–]\s?")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)


def between_before(sentence: str, start: int) -> str:
    """ "between " right before ``start`` (the first of a range's two ends), or ""."""
    m = _BETWEEN.search(sentence[max(0, start - 9) : start])
    return m.group() if m else ""


# "fell from $20 to $15" is a change, not a range; "ranging from $10 to $20" is one
_RANGING = re.compile(r"\brang(?:e|es|ed|ing)\s+from\s+$", re.I)


class Bounded(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def ranges(sentence: str, amounts: Sequence[Bounded]) -> list[tuple[int, int]]:
    """Where the ``amounts`` (in order) are, each range of two ("between $300 million and $400
    million") joined into one."""
    out: list[tuple[int, int]] = []
    for a, b in ((x.start, x.end) for x in amounts):
        if out:
            gap = sentence[out[-1][1] : a]
            between = between_before(sentence, out[-1][0])
            before = sentence[max(0, out[-1][0] - 16) : out[-1][0]]
            change = bool(re.search(r"\bfrom\s+$", before, re.I)) and not _RANGING.search(before)
            # "32-12" is a score: a hyphen joins only sums or shares ("$5-$10", "5-10%")
            dash = gap.strip() in "-–" and not re.search(r"[$€£¥₹%]", sentence[out[-1][0] : b])
            # "rose 14% to $52": a share and a sum are a change and its result, not a range
            alike = _kind(sentence[out[-1][0] : out[-1][1]]) == _kind(sentence[a:b])
            ranged = RANGE_GAP.fullmatch(gap) and not change and not dash and alike
            if ranged or (between and gap.strip() == "and"):
                start = out[-1][0] - len(between)
                out[-1] = (start, b)
                continue
        out.append((a, b))
    return out


def _kind(text: str) -> str:
    """What an amount is in: a sum, a share, or a plain figure."""
    return "$" if re.search(r"[$€£¥₹]", text) else "%" if re.search(r"%|per\s?cent", text) else ""


# "November 3 - December 9", "Monday through Friday": two days that bound one span of time
_DATE_GAP = re.compile(r"\s?[-–]\s?|\s+(?:to|through|thru|until|till)\s+", re.I)
_DAY_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|sept|oct|nov|dec)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)


# two years or two times of day: "in 2024 or 2025", "between 10 p.m. and 2 a.m."
_YEAR_END = re.compile(r"\b(?:19|20)\d{2}$")
_CLOCK_END = re.compile(r"\d\s?(?:[ap]\.?m\.?|GMT|BST|[ECMP][SD]?T)$", re.I)


def _alike(one: str, other: str) -> bool:
    """Whether two times are of one kind: both days, both years or both times of day."""
    return any(
        bool(rx.search(one)) and bool(rx.search(other)) for rx in (_DAY_WORD, _YEAR_END, _CLOCK_END)
    )


def date_ranges(sentence: str, days: Sequence[Bounded]) -> list[tuple[int, int]]:
    """Where the times ``days`` (in order) are, two days joined into one that bound a span of
    time ("November 3 - December 9"), or that are its two likely ends ("in 2024 or 2025",
    "between 10 p.m. and 2 a.m.", which takes "between" in)."""
    out: list[tuple[int, int]] = []
    for a, b in ((x.start, x.end) for x in days):
        prev = sentence[out[-1][0] : out[-1][1]] if out else ""
        gap = sentence[out[-1][1] : a] if out else ""
        spanned = (
            _DATE_GAP.fullmatch(gap) and _DAY_WORD.search(prev) and _DAY_WORD.search(sentence[a:b])
        )
        if out and (spanned or (gap == " or " and _alike(prev, sentence[a:b]))):
            out[-1] = (out[-1][0], b)
        elif (
            out
            and gap == " and "
            and _alike(prev, sentence[a:b])
            and (between := between_before(sentence, out[-1][0]))
        ):
            out[-1] = (out[-1][0] - len(between), b)
        else:
            out.append((a, b))
    return out


# A bare count or share, and the whole it is out of: "21 of the initial 30", "18 of its member
# organizations", "12% of children" (a number alone says little in a lead).
_BARE_NUMBER = re.compile(
    r"(?:(?:about|around|nearly|almost|roughly|some|just|over|under|more\s+than|less\s+than)\s+)?"
    r"\d[\d,.]*(?:\s?(?:%|percent|per\s+cent))?",
    re.I,
)
_OF_WHOLE_AFTER = re.compile(
    r"\s+of\s+(?:(?:the|its|their|his|her|our|all|these|those)\s+)?"
    r"((?:[a-z][\w-]*\s+)?(?:\d[\d,.]*\d|\d|[a-z][\w-]*))(?![\w-])"
)
_NOT_WHOLE = re.compile(
    r"\w*(?:[^e]ed|ing)|are|were|was|is|have|has|had|will|would|them|it|us|which|that|those|these"
    r"|in|on|at|for|to|by|from|with|and|or|as|than|late|all|across|into|over|about|after|before"
    r"|since|between|among|through|per|of|who|while|but|so|itself|themselves|alone|too|also"
    # an adverb or a participle after the whole ("50% of his throws here", "of looks shown")
    r"|here|there|now|then|today|yesterday|ago|again|already|still|only|even|back|out|up|down"
    r"|off|away|together|done|shown|known|seen|given|taken|made|held|found|put|set|paid|sold"
    # a verb of saying or thinking after the whole ("12% of retirees say")
    r"|say|says|think|thinks|agree|agrees|report|reports|feel|feels|believe|believes|want|wants",
)


def of_whole(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where a bare count or share ends once the whole it is counted out of is taken in; where
    it ended, if nothing is."""
    if not _BARE_NUMBER.fullmatch(sentence[start:end]):
        return start, end
    m = _OF_WHOLE_AFTER.match(sentence, end)
    if not m:
        return start, end
    words = list(re.finditer(r"\S+", m.group(1)))
    while words and _NOT_WHOLE.fullmatch(words[-1].group()):
        words.pop()
    return (start, m.start(1) + words[-1].end()) if words else (start, end)
