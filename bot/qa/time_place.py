"""How a when- or where-question's words weigh the times and places a sentence gives: a time of
day for "what time", a date for the last time something happened, not "until" for when it
began; a town before the country it is in, and before a continent most of all; no network for
where a game was, no place out of a book's title, where someone was born or grew up for where
they are from; for how long, not the time since something was last so ("the first strike in 19
years"). Read by ``bot.qa.answer_kind.Asked.rate``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.keyword import tokenize

from . import when_words as tw
from .not_place import NETWORK
from .regions import (
    COUNTRY_ONLY,
    COUNTRY_ONLY_RX,
    ENDS_IN_COUNTRY,
    ENDS_IN_STATE,
    NOT_A_COUNTRY,
    WORLD_REGION,
    WORLD_REGION_RX,
)
from .shape import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO, Span
from .titled import IN_TITLE, in_title

if TYPE_CHECKING:
    from .answer_kind import Asked

_STATE = frozenset(tokenize("state states"))
# "what time do they close", "when did he stop drinking": a range's end is asked, not its start
_CLOSE_Q = frozenset(
    tokenize(
        "close closes closing closed shut shuts stop stops stopped quit quits quitting retire "
        "retired retires"
    )
)
# "from 6am to 11pm", "from Monday through Friday": the end of a range
_RANGE_START = re.compile(r"from\s", re.I)
_RANGE_TO = re.compile(r"\s+(?:to|until|till|through)\s", re.I)
_RANGE_END = re.compile(
    r"\bfrom\s+[\w:.]+(?:\s*[ap]\.?m\.?)?\s+(?:to|until|till|through)\s+$", re.I
)
# "since 1995-97", "in 2022": years, which no "what date" is answered by
_YEARS_ONLY = re.compile(
    r"^(?:(?:in|since|by|from|until|till)\s+)?(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)\d{2}|\d{2}))?$",
    re.I,
)
CATALOGUE = 0.5  # "the best movies on Netflix" for where one film streams
_CATALOGUE = re.compile(
    r"\b(?:movies|films|shows|series|titles|games|episodes|documentaries|specials)\s+$", re.I
)
NETWORK_PLACE = 0.3  # "simulcast on ABC" for where a game was played; "in Malaga" for a channel
# a place, not a channel or a service ("on Universo") nor a listing's value ("Glimmer")
_AT_PLACE = re.compile(r"(?:in|at|near|from|outside|inside|across|to|into|off)\s", re.I)
BASED = 1.5  # "Tel Aviv-based Check Point", for where a company is based or someone was born
_BASED_Q = {"base": "-based", "headquart": "-headquartered", "hq": "-based", "born": "-born"}
# "where's tate mcrae from", "where'd he grow up": where someone was born or raised ("the
# Calgary-born musician", "grew up in Astoria"), weighed as ``BASED``
ORIGIN_Q = re.compile(
    r"\bfrom\s*[?!.]*\s*$|\boriginally\b|\bhometown\b|\bgr[eo]w(?:s|n)?\s+up\b|\bnative\b",
    re.I,
)
_ORIGIN_AFTER = ("-born", "-raised", "-bred", " native")
_ORIGIN_BEFORE = re.compile(
    r"\b(?:born|raised|grew\s+up|native\s+of|hails?\s+from|hometown\s+of|originally\s+from)"
    r"(?:\s+\w+){0,2}?\s+(?:in\s+)?$",
    re.I,
)


def _origin(sentence: str, sp: Span) -> bool:
    """The place is where someone was born or grew up: "Calgary-born", "born in Dublin"."""
    if sentence[sp.end :].startswith(_ORIGIN_AFTER):
        return True
    lead = re.match(r"(?:in|at)\s+", sp.text, re.I)  # "in Dublin": the preposition is the span's
    before = sentence[max(0, sp.start - 40) : sp.start] + (lead.group() if lead else "")
    return bool(_ORIGIN_BEFORE.search(before))


# "its first cut in 18 months", "the lowest in 13 years": the time since it was last so, not how
# long anything took (unless the question asks that: "first cut in how long"), nor when it began
SINCE_LAST = 0.4
_FIRST = (
    r"\b(?:first|highest|lowest|biggest|largest|smallest|longest|shortest|worst|best|most|"
    r"least|fewest|strongest|weakest|fastest|slowest|sharpest|steepest|deadliest)\b"
)
_SINCE_LAST = re.compile(
    _FIRST + r"[^.;:!?]{0,40}\bin\s+(?:(?:more|less)\s+than\s+|nearly\s+|almost\s+|over\s+|"
    r"about\s+)?$",
    re.I,
)
_SINCE_Q = frozenset(tokenize("first since record"))
# "the first full strike in Halverton since 2007": when it last happened, not when this began
_FIRST_SINCE = re.compile(_FIRST + r"[^.;:!?]{0,50}$", re.I)
_LAST_Q = frozenset(tokenize("first since record last previous"))
# ... but "on strike since October 22" says when this began
SINCE_BEGAN = 1.4
_BEGAN_Q = frozenset(tokenize("begin began start started kick kicked launch launched"))
_DURATION = re.compile(
    r"^(?:\w+|\d+(?:\.\d+)?)[\s-]+(?:years?|months?|weeks?|days?|decades?|hours?)\b", re.I
)


# "what time's kickoff in the uk": the time given in that place's zone ("12 a.m. BST")
# "what date is the game": a weekday or a day named from today ("on Saturday", "tonight") is no
# date where the articles give one
NO_DATE = 0.6
_DATE_Q = frozenset(tokenize("date"))
_DAY_ONLY = re.compile(
    r"^(?:on\s+|by\s+|this\s+|next\s+|last\s+|until\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)"
    r"day|today|tonight|tomorrow|yesterday)s?$",
    re.I,
)
IN_ZONE = 1.5
_ZONES = {
    "uk britain british england london scotland wales": "BST GMT",
    "usa america american eastern york": "ET EST EDT",
    "pacific california vancouver seattle": "PT PST PDT",
    "central chicago texas": "CT CST CDT",
    "australia australian aus sydney melbourne": "AEDT AEST",
    "india indian": "IST",
    "nz zealand": "NZDT NZST",
    "singapore": "SGT",
    "malaysia": "MYT",
    "hong kong": "HKT",
}
_ZONE_OF = {t: frozenset(v.split()) for k, v in _ZONES.items() for t in tokenize(k)}


# "’Salem’s Lot (1975)": the year of the title asked about; "1974’s Carrie": another's
TITLE_YEAR = 1.5
OTHER_TITLE_YEAR = 0.5
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEARS_TITLE = re.compile(r"['’]s\s+([A-Z][\w'’-]*)")


def _title_year(ask: Asked, sentence: str, sp: Span) -> float:
    if not _BARE_YEAR.fullmatch(sp.text):
        return 1.0
    if sentence[sp.start - 1 : sp.start] == "(" and sentence[sp.end : sp.end + 1] == ")":
        title = re.split(r"[:;,.!?]\s", sentence[: sp.start - 1])[-1]  # "book: ’Salem’s Lot"
        before = tokenize(" ".join(title.split()[-4:]))
        return TITLE_YEAR if set(before) & ask.q_toks else 1.0
    m = _YEARS_TITLE.match(sentence, sp.end)
    return OTHER_TITLE_YEAR if m and not set(tokenize(m.group(1))) & ask.q_toks else 1.0


def _since(sentence: str, sp: Span, began: float) -> float:
    """What a "since ..." time weighs: ``SINCE_LAST`` after "the first ...", else ``began``."""
    if not sp.text.lower().startswith("since "):
        return 1.0
    return SINCE_LAST if _FIRST_SINCE.search(sentence[max(0, sp.start - 60) : sp.start]) else began


def _zones_asked(q_toks: set[str]) -> frozenset[str]:
    return frozenset(z for t in q_toks for z in _ZONE_OF.get(t, ()))


def weigh(ask: Asked, sentence: str, rated: list[tuple[Span, float]]) -> list[tuple[Span, float]]:
    """``rated`` with each time or place weighed by what the question asks of it."""

    def by(factor: float, test: Callable[[Span], object]) -> list[tuple[Span, float]]:
        return [(sp, w * (factor if test(sp) else 1.0)) for sp, w in rated]

    shape = ask.shape
    if shape == WHEN and ask.clock_q:  # "what time's kickoff": "3.30pm", not "Sunday"
        rated = [
            (sp, w * (tw.CLOCK_MATCH if tw.CLOCK.search(sp.text) else 1 / tw.CLOCK_MATCH))
            for sp, w in rated
        ]
        zones = _zones_asked(ask.q_toks)
        if zones:
            rated = by(IN_ZONE, lambda sp: sp.text.split()[-1] in zones)
    elif shape == WHEN and ask.past_q:  # "last time colorado won there": a date, not "7 p.m."
        rated = by(tw.CLOCK_PAST, lambda sp: tw.CLOCK_ONLY.match(sp.text))
    if shape == WHEN and _DATE_Q & ask.q_toks:  # "what date is the game": "Nov. 25", not "Saturday"
        rated = by(
            NO_DATE,
            lambda sp: (
                _DAY_ONLY.match(sp.text)
                or tw.CLOCK_ONLY.match(sp.text)
                or _YEARS_ONLY.match(sp.text)
            ),
        )
    if shape == WHEN and not ask.end_q:  # "when did he found it": not "CEO until 2019"
        rated = by(  # but "won't reopen until Sunday": then it will
            tw.UNTIL,
            lambda sp: (
                tw.UNTIL_RX.match(sp.text)
                and not tw.NOT_BEFORE.search(sentence[max(0, sp.start - 60) : sp.start])
            ),
        )
    if shape == WHEN and not ask.end_q and not _CLOSE_Q & ask.q_toks:
        # "what time did the stores open": "from 6am", not the "11pm" the hours run to
        rated = by(
            tw.UNTIL, lambda sp: _RANGE_END.search(sentence[max(0, sp.start - 30) : sp.start])
        )
    elif shape == WHEN:  # "what time do they close": "11pm", not the "from 6am" they open
        rated = by(
            tw.UNTIL, lambda sp: _RANGE_START.match(sp.text) and _RANGE_TO.match(sentence, sp.end)
        )
    if shape == WHERE and not ask.watch_q:  # "simulcast on ABC": no place the game was at
        rated = by(NETWORK_PLACE, lambda sp: NETWORK.match(sp.text))
    elif shape == WHERE and ask.channel_q:
        # "what channel is it on": "on Universo", not "in Malaga"
        rated = by(NETWORK_PLACE, lambda sp: _AT_PLACE.match(sp.text))
        # nor "the best horror movies on Netflix": a service's catalogue, not where this one is
        rated = by(
            CATALOGUE, lambda sp: _CATALOGUE.search(sentence[max(0, sp.start - 20) : sp.start])
        )
    if shape == WHERE and not ask.country_q:  # "in Brazil ... in Rio de Janeiro": the city
        rated = by(COUNTRY_ONLY, lambda sp: COUNTRY_ONLY_RX.match(sp.text))
        rated = by(WORLD_REGION, lambda sp: WORLD_REGION_RX.match(sp.text))
    if shape in (WHO, WHERE) and ask.country_q:  # "which country banned it": not "NYC Schools"
        named = ENDS_IN_STATE if _STATE & ask.q_toks else ENDS_IN_COUNTRY
        rated = by(NOT_A_COUNTRY, lambda sp: not named.search(sp.text))
    suffixes = tuple(v for k, v in _BASED_Q.items() if k in ask.q_toks)
    if shape == WHERE and suffixes:  # "where is quillon based": "Ostra City-based Quillon"
        rated = by(BASED, lambda sp: sentence[sp.end :].startswith(suffixes))
    elif shape == WHERE and ask.origin_q:  # "where's she from": "the Calgary-born musician"
        rated = by(BASED, lambda sp: _origin(sentence, sp))
    if shape in (HOW_MANY, HOW_MUCH) and not _SINCE_Q & ask.q_toks:
        rated = by(
            SINCE_LAST,
            lambda sp: (
                _DURATION.match(sp.text)
                and _SINCE_LAST.search(sentence[max(0, sp.start - 60) : sp.start])
            ),
        )
    if shape == WHEN and not _LAST_Q & ask.q_toks:  # "since 2007", "since October 22"
        began = SINCE_BEGAN if _BEGAN_Q & ask.q_toks else 1.0
        rated = [(sp, w * _since(sentence, sp, began)) for sp, w in rated]
    if shape == WHEN:
        rated = [(sp, w * _title_year(ask, sentence, sp)) for sp, w in rated]
    if shape in (WHERE, WHEN):  # "A History of Wiretapping in the United States": a book
        rated = by(IN_TITLE, lambda sp: in_title(sentence, sp))
    return rated
