"""Whose figure it is: in "Cummins went to Sunrisers Hyderabad for Rs 20.50 Cr but the record
lasted 30 minutes as Kolkata broke the bank for Mitchell Starc, paying Rs 24.75 Cr", the second
sum is Starc's. Asked what Cummins cost, a figure that a later clause gives to another person,
after the one the question names, is someone else's; so is one of a clause that comes before the
turn to the person asked ("Burrow completed ... for 348 yards, while Allen went ..."). Asked a
figure for a place ("how much did nike make in north america"), one given for another place ("30
stations in Delhi") is held down, and so is one given for no place when the best-ranked article
gives one "in North America"."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .person import personlike
from .regions import ENDS_IN_COUNTRY, ENDS_IN_STATE
from .shape import Span

OTHERS = 0.75  # a figure a later clause gives to a person the question does not name
UNPLACED = 0.5  # a figure of a sentence that does not name the place asked, when others do
# where a sentence turns to someone else: "..., but", "; ", "while", "as", "whereas"
_NAME = re.compile(r"[A-Z][\w'’.-]*[a-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*[a-z][\w'’.-]*)*")
# "Burrow completed ...", "while Allen went ...": a one-word name that does something
_DID = re.compile(r"\s+(?:[a-z]+ed|went|threw|ran|had|made|got|won|took|caught|hit)\b")
# (and "... scored two touchdowns each as the Bulldogs finished with 300 rushing yards", not "such
# as Apple" or "known as")
_TURN = re.compile(
    r";\s|,\s+(?:but|while|whereas|as|and)\s|\s(?:but|while|whereas)\s|"
    r"(?<!such)(?<!well)(?<!known)(?<!same)\sas\s+(?=(?:the\s+)?(?:(?-i:[A-Z])|$))",
    re.I,
)


def others_figure(
    sentence: str, sp: Span, q_toks: set[str], surnames: frozenset[str] = frozenset()
) -> bool:
    """The span follows a person's name the question does not give, and a name the question
    gives stands across a turn of the sentence: before that person ("Cummins went ... but ...
    Kolkata broke the bank for Mitchell Starc, paying Rs 24.75 Cr"), or after the span, which is
    in that person's clause ("Burrow completed 31-of-44 passes for 348 yards, while Allen went
    ..." asked of Allen). A name of one word counts only if the candidates give it as someone's
    last name (``surnames``): "Cummins", not "Import forward Gary Clark"."""
    names = list(_NAME.finditer(sentence[: sp.start]))
    if not names:
        return False
    last = names[-1]
    own = set(tokenize(last.group()))
    if own & q_toks or not personlike(last.group()):
        return False
    if (
        len(last.group().split()) < 2
        and last.group().lower() not in surnames
        and not _DID.match(sentence, last.end())
    ):
        return False  # one word, if the candidates give it as a surname or it does something
    if any(
        set(tokenize(n.group())) & q_toks
        and (n.start() > 0 or " " in n.group() or n.group().lower() in surnames)
        and _TURN.search(sentence[n.end() : last.start()])
        for n in names[:-1]
    ):
        return True
    if _TURN.search(sentence[last.end() : sp.start]):
        return False  # the figure is past the person's clause
    return any(
        set(tokenize(n.group())) & q_toks and _TURN.search(sentence[sp.end : n.start()])
        for n in _NAME.finditer(sentence, sp.end)
    )


# "run in taiwan": the place a figure is asked for; "30 stations in Delhi": the place it is for
_IN_Q = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?([a-z][\w'’-]{2,})", re.I)
_IN_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:in|across|throughout)\s+(?:the\s+)?([A-Z][\w'’-]+)"
)
_THE_COUNTRY = re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:country|nation|region|state)\b")
# "in North America", "across mainland China": the place a figure is for, named
_IN_PLACE = re.compile(
    r"\b(?:in|across|throughout)\s+(?:the\s+)?((?:[A-Z][\w'’-]+|of)(?:\s+(?:[A-Z][\w'’-]+|of))*)"
)
_NOT_PLACE_WORDS = frozenset(
    tokenize(
        "january february march april may june july august september october november december "
        "total all q1 q2 q3 q4 fy the a this that which his her their its first second third "
        "fourth last next past year quarter week month season game match"
    )
)


def asked_place(question: str) -> str:
    """The word after "in" that the question asks a figure for ("in taiwan"), stemmed, or ""."""
    for m in _IN_Q.finditer(question):
        toks = tokenize(m.group(1))
        # "in his first game": a stop word ("\u2205") is no place
        if (
            toks
            and toks[0] not in _NOT_PLACE_WORDS
            and not toks[0].isdigit()
            and toks[0] != "\u2205"
        ):
            return toks[0]
    return ""


def names_place(sentence: str, place: str, said_of: bool = False) -> bool:
    """The sentence gives a figure for the place asked (``asked_place``), a country, a region or
    a state: "Sales in North America fell 2% to $5.42 billion" for "in north america"; not "in
    Diablo 4", a game. ``said_of``: "in the country" counts too, for a sentence whose article
    names the place elsewhere."""
    if place and said_of and _THE_COUNTRY.search(sentence):
        return True  # "The number of startups in the country is 9,000": the one written about
    return bool(place) and any(
        tokenize(m.group(1))[:1] == [place]
        and bool(ENDS_IN_COUNTRY.search(m.group(1)) or ENDS_IN_STATE.search(m.group(1)))
        for m in _IN_PLACE.finditer(sentence)
    )


def elsewhere(sentence: str, sp: Span, place: str) -> bool:
    """The figure is given for another place than the one asked: "30 stations in Delhi" when
    asked how many run in Taiwan."""
    m = _IN_AFTER.match(sentence, sp.end)
    if not place or m is None:
        return False
    if not any(tokenize(w)[:1] == [place] for w in re.findall(r"\b[A-Z][\w'’-]+", sentence)):
        return False  # the sentence does not name the place asked: "in the attack" is none
    toks = tokenize(m.group(1))
    return bool(toks) and toks[0] != place and toks[0] not in _NOT_PLACE_WORDS


def whose_figure(
    sentence: str,
    rated: list[tuple[Span, float]],
    q_toks: set[str],
    surnames: frozenset[str],
    place: str,
    place_seen: bool = False,
) -> list[tuple[Span, float]]:
    """``rated`` with ``OTHERS`` on each figure that is someone else's (``others_figure``) or
    another place's than the one asked (``elsewhere``), and ``UNPLACED`` on each figure of a
    sentence that does not name the place asked when other candidates give one for it
    (``place_seen``: "footwear sales rose 4% to $8.4 billion" asked what Nike made in North
    America, beside "Sales in North America fell 2% to $5.42 billion")."""
    if place_seen and not names_place(sentence, place, said_of=True):
        rated = [(sp, w * UNPLACED) for sp, w in rated]
    return [
        (
            sp,
            w
            * (
                OTHERS
                if others_figure(sentence, sp, q_toks, surnames) or elsewhere(sentence, sp, place)
                else 1.0
            ),
        )
        for sp, w in rated
    ]
