"""Whether a capitalised name is a person's, as far as its words tell: not "Isel River", not
"University of Colorado Boulder", not "FBI"."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .regions import PLACE_NAME

# people by where they are from, in the plural: a group, no one's name ("how many Americans")
DEMONYMS = (
    "Americans Britons Israelis Palestinians Europeans Africans Asians Australians Canadians "
    "Russians Ukrainians Indians Mexicans Germans Latinos Hispanics"
).split()
# a first word no person's name starts with
_NON_PERSON_FIRST = re.compile(
    r"^(?:University|Bank|Ministry|Department|Court|Council|Committee|Commission|Agency|Office|"
    r"Institute|School|College|Hospital|Centre|Center|Foundation|Government|Parliament|Congress|"
    r"Senate|Army|Navy|Police|Federation|Association|Union|League|Republic|Kingdom|State|City|"
    r"County|Province|Lake|River|Mount|Port|Fort|Gulf|Bay|Cape|Isle|Islands?|Gulf|Museum|"
    r"Club|Church|Stadium|Airport|Station|Bureau|Board|Authority|Tribunal|Cathedral|Copa)$"
)
_NON_PERSON = re.compile(
    r"^(?:Research|Capital|Labs?|Technologies|Technology|Holdings|Partners|Ventures|Systems|"
    r"Networks|Media|Entertainment|Motors|Airlines|Pharmaceuticals|Energy|Solutions|Studios|"
    r"Records|Sports|Store|Shop|App|Software|Financial|Securities|Insurance|Health|Foods|"
    r"River|Lake|Sea|League|Premier|Cup|Bank|Ministry|Club|Council|Province|Street|Stadium|"
    r"Park|Airport|University|Department|Committee|Reserve|Tribunal|Court|Authority|Union|"
    r"Association|Federation|Series|Championship|Tournament|Award|Awards|Prize|Day|Night|World|"
    r"Games|Times|News|Press|Party|Act|Bill|Agency|Office|Commission|Group|Inc|Corp|Ltd|Company|"
    r"Fund|Index|Exchange|Market|Valley|Dam|Crossing|Border|Islands?|Republic|Kingdom|States|"
    r"Government|Parliament|Congress|Senate|House|Army|Navy|Force|Forces|Police|Service|"
    r"Institute|School|College|Hospital|Centre|Center|Foundation|Project|Program|Programme|"
    r"Network|Networks|Video|TV|Channel|Radio|Pictures|Films|Magazine|Journal|Herald|Tribune|"
    r"Podcast|Plus|Racing|Motorsports?|Industries|Enterprises|Therapeutics|Bio[Tt]herapeutics|"
    r"Airways|Robotics|Dynamics|Aerospace|Semiconductors?|Automotive|Telecom|Communications|"
    r"Logistics|Properties|Bancorp|" + "|".join(DEMONYMS) + r"|Democrats|Republicans|"
    # a page's furniture, not a name: "Rankings Week", "CNL Quarter-Finals", "Last Light Inn"
    r"Week|Weeks|Finals|Quarter-?[Ff]inals|Semi-?[Ff]inals|Rankings?|Standings|Highlights|Odds|"
    r"Picks|Predictions|Preview|Recap|Updates?|Scores?|Results|Trophy|Inn|Hotel|Restaurant|Cafe|"
    r"Live|LIVE|Blog|"
    # "Penn State" is a university's side; "African VCs", "Gulf NGOs": groups, not a person
    r"State|America|[A-Z]{2,5}s|"
    # a people's adjective ends no one's name: "Southeast Asian", "fellow Cambodian"
    r"Asian|American|European|African|Australian|Canadian|British|Chinese|Japanese|Korean|"
    r"Indian|Russian|Ukrainian|Israeli|Palestinian|Spanish|Italian|Mexican|"
    r"Brazilian|Thai|Cambodian|Vietnamese|Filipino|Indonesian|Malaysian|Pakistani|Iranian|"
    r"Iraqi|Saudi|Turkish|Egyptian|Nigerian|Kenyan|"
    r"Arena|Theat(?:re|er)|Gardens|Square|Avenue|Road|Boulevard|"
    # a club, not a player: "Manchester United", "Crystal Palace FC"
    r"United|City|Town|Rovers|Athletic|Wanderers|Albion|Hotspur|FC|AFC|Rangers)$"
)


ROLE_OF = re.compile(
    r"^(?:C[EFOT]O|Chief\s+\w+(?:\s+Officer)?|President|Vice\s+President|Chair(?:man|woman)?|"
    r"Director|Head|Founder|Co-founder|Minister|Secretary|Governor|Mayor|Spokes(?:man|woman|"
    r"person)|Manager|Coach|Editor|Professor|Dean|Commissioner)\s+of\s"
)
_PHRASE_WORD = re.compile(r"-(?:of|the|in|on|for|and|to|a)-")


# the last word of a body's name: "Arno Capital", "Velm FC", "Orrin University"
ORG_END = re.compile(
    r"\b(?:Inc|Corp|Ltd|LLC|Group|Games|Club|FC|United|City|Research|Capital|Partners|Holdings|"
    r"Sportsbook|Bank|Reserve|Network|Media|Labs?|Studios|Foundation|Institute|Society|"
    r"University|College|Polytechnic|School|Academy)$"
)


def bare(word: str) -> str:
    """A word without the punctuation after it and without a possessive ("Jones's" -> "Jones";
    "Stories" and "Jones" keep their final s)."""
    return re.sub(r"['’]s?$", "", word.rstrip(".,;:"))


# a coach's national side: "Andy Farrell’s Irish", "Eddie Jones’s English"
_COACHS_SIDE = re.compile(
    r"['’]s?\s+(?:Irish|English|French|Welsh|Scots|Scottish|Dutch|German|Italian|Argentine|"
    r"Argentinian|Portuguese|Spanish|Belgian|Fijian|Samoan|Tongan|Japanese|Australian)$"
)


def personlike(span: str) -> bool:
    """A name that is not obviously a place or an organisation ("Isel River", "Premier League")."""
    words = span.split()
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", words[0]):
        return False  # "AI", "FBI", "NASA": an acronym names a thing or a body, not a person
    if ROLE_OF.match(span):
        return False  # "CEO of Mayo Clinic Arizona": a title and whose it is, not who holds it
    if any(_PHRASE_WORD.search(w) for w in words):
        return False  # "England's Man-of-the-Match": a title made of a phrase
    if len(words) > 1 and _NON_PERSON_FIRST.match(words[0]):
        return False  # "University of Colorado Boulder", "Bank of America": a body or a place
    if _COACHS_SIDE.search(span):
        return False  # "Andy Farrell’s Irish": his side, not him
    return not any(_NON_PERSON.match(bare(w)) for w in words[1:] or words)


# A name that ends like an event, award or law is not the team, person or firm asked for.
EVENT_END = re.compile(
    r"\b(?:Cup|Championships?|Tournament|Series|Games|Awards?|Prize|Open|Classic|Bowl|Final|"
    r"League|Act|Bill|Summit|Conference|Festival|Day|Week|Revolution|War|Olympics|Treaty|"
    # a broadcast slot: "Monday Night Football" is no team, and won nothing
    r"Accord|Night\s+(?:Football|Baseball|Hockey))$"
)
# The kinds of thing a question may ask for ("what EU law", "which trophy") that a name with each
# such ending is: "the Digital Markets Act", "the Claret Jug Cup"
_LAW = "law legislation bill act regulation rule statute"
_CONTEST = "tournament competition championship cup event trophy title game"
_EVENT_KINDS = {
    end: frozenset(tokenize(kinds))
    for ends, kinds in (
        ("act bill", _LAW),
        ("treaty accord", "treaty accord agreement pact deal"),
        ("award awards prize", "award prize honour honor trophy"),
        ("cup championship championships tournament open classic olympics games bowl", _CONTEST),
        ("summit conference festival", "summit conference festival event meeting"),
        ("series", "series show"),
        ("revolution war", "war conflict revolution"),
    )
    for end in tokenize(ends)
}


def event_asked(name: str, kind: set[str] | frozenset[str]) -> bool:
    """Whether a name ending like an event, award or law (``EVENT_END``) is of the kind the
    question asks for (``kind``: the stems of the words after its "which" or "what"): "what EU
    law" and "the Digital Markets Act"."""
    m = EVENT_END.search(name)
    return m is not None and bool(_EVENT_KINDS.get(tokenize(m.group())[0], frozenset()) & kind)


# where things happen, not who does them: "Arrowhead Stadium"
VENUE_END = re.compile(r"\b(?:Stadium|Arena|Airport|Street|Road|Avenue|Bridge|Square)$")


# "the innkeeper Romah", "their friend Annika", "Luton's keeper Kaminski": a noun before a name
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|our)|['’]s?)\s+([a-z][a-z-]{2,})\s+$"
)


def introduced(sentence: str, start: int, q_toks: set[str] | frozenset[str]) -> bool:
    """A one-word name that follows the question's own noun for the person asked about ("the
    innkeeper Romah" for "the innkeeper who tells link to relax"): the name of that person.
    ``start``: where the name begins in ``sentence``."""
    m = _NOUN_BEFORE.search(sentence[max(0, start - 40) : start])
    return m is not None and bool(set(tokenize(m.group(1))) & q_toks)


# a person's name in the possessive before a lowercase noun: "in Les Kiss’ appointment"
_WHOSE_AFTER = re.compile(r"(?:['’]s?)\s+[a-z]")


def whose_name(s: str, start: int, text: str) -> bool:
    """Whether the name ``text`` at ``start`` of ``s`` is a person's whose something is ("in Les
    Kiss’ appointment", "at Jo Marr's home"): after "in" or "at", who, not where."""
    return (
        len(text.split()) >= 2
        and personlike(text)
        and not PLACE_NAME.match(text)  # "in South Africa's win"
        and bool(_WHOSE_AFTER.match(s, start + len(text)))
    )


# "in its Siem Reap and Preah Vihear provinces", "Chanthaburi province": a name that a place's
# noun follows (past the names joined to it) is a place's
_PLACE_NOUN_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?\s+(?:city|cities|town|towns|village|"
    r"villages|country|state|states|province|provinces|region|regions|county|counties|district|"
    r"districts|island|islands)\b"
)


def named_place(sentence: str, end: int) -> bool:
    """Whether a place's noun follows the name that ends at ``end`` ("Siem Reap and Preah Vihear
    provinces"), so the name is a place's, not a person's."""
    return _PLACE_NOUN_AFTER.match(sentence, end) is not None
