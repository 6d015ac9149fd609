"""Which answer-shaped spans of a candidate sentence may answer at all (``bot.qa.answer_kind``
rates those that may): a span that says something the question does not, a place that is not a
person the articles name in full, no name from a heading's capitalised words; and a body asked for
by kind ("which university") found after a preposition; and the words that style a name with a
title ("Karsenian Foreign Minister Lida Marosh")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .not_place import FIELD_TERMS
from .person import bare, personlike
from .regions import REGION
from .shape import Span, is_title


def _related(t: str, q_toks: set[str]) -> bool:
    """``t`` is a question word, or shares its stem's first letters ("thai" and "thailand",
    "cambodian" and "cambodia")."""
    if t in q_toks:
        return True
    return any(len(q) >= 4 and len(t) >= 4 and (t.startswith(q) or q.startswith(t)) for q in q_toks)


# "Virginia-based", "Microsoft-backed": words that describe the name after them
_DESCRIBED_BY = re.compile(r"^(?:[\w.]+-(?:based|born|backed|owned|headquartered)\s+)+")


def novel(
    span: Span,
    q_toks: set[str],
    person: bool = False,
    context: set[str] | None = None,
    place: bool = False,
    alone: frozenset[str] = frozenset(),
) -> bool:
    """The span says something the question does not: a place, name or time it does not name.
    When a person is asked for, a name whose last word the question holds ("Vlatko Andonovski"
    for "who replaced Andonovski") is someone the question already names, as is a name of two
    words whose first word the question gives ``alone``, with no other name after it ("Dusty
    Baker" for "who takes over from dusty", but not "Brendan Fraser" for "brendan gleeson won
    it, who really did"). Whatever is asked, one capitalised word in ``alone`` is the member's
    own (a first name, or a surname ``surnames_of`` adds: "Swift"). With ``context`` (the
    question's words other than those saying what kind of answer it wants), a name of three or
    more words is novel only if at least half of them are not among those. A ``place`` (a
    where-question that does not ask where inside somewhere) is novel only if none of its
    distinctive words is the question's."""
    toks = [t for t in tokenize(span.text) if t != "\u2205" and (len(t) > 1 or t.isdigit())]
    core = [t for t in tokenize(_DESCRIBED_BY.sub("", span.text)) if t != "\u2205"]
    if core and len(core) < len(toks) and all(t in q_toks for t in core):
        return False  # "the startup ironnet": "Virginia-based IronNet" is the question's own
    if initials(span.text) & q_toks:
        return False  # "with DTR concussed": "Dorian Thompson-Robinson" is the question's own
    if person and toks and len(toks[-1]) >= 3 and toks[-1] in q_toks:
        return False
    words = span.text.split()
    owner = re.match(r"(.+)['’]s$", words[0]) if person and len(words) >= 2 else None
    if owner and set(tokenize(owner.group(1))) & q_toks:
        return False  # "who was jada's entanglement": "Jada’s Red Table Talk" is hers, not whom
    if len(toks) == 1 == len(words) and toks[0] in alone and words[0][0].isupper():
        return False  # "when taylor was there": "Swift" (``surnames_of``)
    if (
        person
        and len(toks) == 2
        and len(words) == 2
        and len(toks[0]) >= 3
        and toks[0] in alone
        and not is_title(words[0])
        and personlike(span.text)
    ):
        return False  # "take over from dusty": "Dusty Baker" is whom the member names
    if any(t.isdigit() for t in toks) and all(t in q_toks or t in _UNITS for t in toks):
        return False  # "40 percent" for "how much did the AX-40 go up": the member's own number
    if place:  # "where is the saudi card": "Saudi Arabia" is where the member knows it is, but
        # "Thailand's Chanthaburi province" names a place inside the one they know; the kind of
        # place asked ("which hotel": "the Hotel Aurel") is no place the member names
        own = context if context is not None else q_toks
        parts = [tokenize(x) for x in re.split(r"['’]s\b|,|\band\b", span.text)]
        return any(
            ts and not any(len(t) >= 4 and t not in _PLACE_WORDS and _related(t, own) for t in ts)
            for ts in ([t for t in p if t != "\u2205"] for p in parts)
        )
    # "the four-team college playoff": "College Football Playoff" is the question's own; and a
    # name every word of which the question gives is, even among the words of the kind asked
    # ("which metal gear solid character": "Metal Gear Solid")
    if context is not None and len(toks) >= 3:
        if all(_related(t, q_toks) for t in toks):
            return False
        return 2 * sum(not _related(t, context) for t in toks) >= len(toks)
    return any(not _related(t, q_toks) for t in toks)


def alone_words(question: str) -> frozenset[str]:
    """The question's words that stand alone, as a first name does when a member uses it for a
    person ("from dusty at the stros"): no word follows them but a stop word or punctuation."""
    words = re.findall(r"[\w'’.-]+|[^\w\s]", question)
    out: set[str] = set()
    for i, w in enumerate(words):
        toks = tokenize(w)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if len(toks) == 1 and toks[0] != "\u2205" and all(t == "\u2205" for t in tokenize(nxt)):
            out.add(toks[0])
    return frozenset(out)


MODIFIER = 0.5  # what a name used as a kind of thing counts as a who-answer
# "an Apple spokesperson", "a former NSA director"
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an)\s+(?:(?:former|retired|onetime)\s+)?$", re.I)
_FORMER = frozenset(("Former", "Retired", "Onetime"))  # "Former NSA director's startup"
_LOWER_AFTER = re.compile(r"\s+[a-z]")


# initials that name a field or a kind of thing, never who or which body: "our AI tools"
_FIELD_TERM = re.compile(rf"(?:{FIELD_TERMS}|LLMs?|GPUs?|IPOs|ETFs|EVs)")


def used_as_kind(sentence: str, sp: Span) -> bool:
    """One capitalised word between "a" or "an" and a lowercase word ("made a Nobel laureate",
    "an Apple spokesperson") says what kind of person or thing, not who; so do initials that
    name a field ("generative AI", "our AI tools"), and a former one's ("a former NSA director",
    "Former NSA director's startup")."""
    words = sp.text.split()
    return bool(_FIELD_TERM.fullmatch(sp.text)) or (
        (
            (len(words) == 2 and words[0] in _FORMER)
            or (
                len(words) == 1
                and bool(_ARTICLE_BEFORE.search(sentence[max(0, sp.start - 14) : sp.start]))
            )
        )
        and bool(_LOWER_AFTER.match(sentence[sp.end : sp.end + 20]))
    )


# a lowercase role right after a name: "the Borussia Dortmund playmaker", "an Epic spokesperson"
_ROLE_AFTER = re.compile(
    r"\s+(?:(?:head|assistant|chief|star|veteran|former|interim|lead)\s+)?"
    r"(?:playmaker|forward|winger|striker|midfielder|defender|goalkeeper|keeper|quarterback|"
    r"coach|manager|boss|owner|chairman|executive|exec|official|spokesperson|spokesman|"
    r"spokeswoman|director|founder|analyst|economist|researcher|reporter|insider)\b(?!\s+[A-Z])"
)


def role_styled(sentence: str, sp: Span) -> bool:
    """The name styles a role that follows it in lowercase, with no name after the role: "the
    20-year-old Borussia Dortmund playmaker returns" names the club he plays for, not him."""
    return bool(_ROLE_AFTER.match(sentence, sp.end))


def surnames_of(
    names: list[list[str]], alone: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The last words of the full names the candidates give ("Sam Bankman-Fried"), and
    ``alone`` (``alone_words``) with the last words of those whose first name the member gives
    alone: "Swift" is who "when taylor was at arrowhead" names."""
    full = [ws for ws in names if len(ws) >= 2 and personlike(" ".join(ws))]
    named = {
        t
        for ws in full
        if len(ws) == 2 and (first := tokenize(ws[0])) and first[0] in alone
        for t in tokenize(bare(ws[-1]))[:1]
    }
    return frozenset(bare(ws[-1]).lower() for ws in full), alone | named


def first_names_given(question: str, sentences: list[str], names: list[list[str]]) -> set[str]:
    """The question's words that the candidates write only capitalised, each the first word of a
    person's two-word name: "sam" in "now that sam got fired" is Sam Altman, whom the member
    names, not the answer. A word the candidates also write in lowercase ("will", "mark") may
    be an everyday word and is left out, as is a first name the question gives with a surname."""
    seq = re.findall(r"[a-z]+", question.lower())
    lasts = {bare(ws[-1]).lower() for ws in names if len(ws) >= 2}
    # "brendan gleeson won it": the member gives a full name, and Brendan Fraser is another man
    words = {
        w for w, nxt in zip(seq, [*seq[1:], ""], strict=True) if len(w) >= 3 and nxt not in lasts
    }
    firsts = {ws[0].lower() for ws in names if len(ws) == 2 and personlike(" ".join(ws))} & words
    lower = set(re.findall(r"\b[a-z]{3,}\b", " ".join(sentences))) if firsts else set()
    return {t for w in firsts - lower for t in tokenize(w)[:1] if t != "\u2205"}


QUOTED = 0.4  # what a name in quotation marks counts as a person asked for
_OPEN_QUOTE = re.compile(r"[‘“\"']\s*(?:The\s+|A\s+)?$")
_CLOSE_QUOTE = re.compile(r"[,.!?]?[’”\"']")


def quoted(sentence: str, sp: Span) -> bool:
    """The span stands in quotation marks of its own ("missions like ‘Good Men’"): the title of
    a work, a mission or a campaign, not a person's name; "The" may open the quotation ("a card
    dubbed “The Day of Reckoning”")."""
    before = sentence[max(0, sp.start - 6) : sp.start]
    return bool(_OPEN_QUOTE.search(before)) and bool(_CLOSE_QUOTE.match(sentence, sp.end))


def initials(name: str) -> set[str]:
    """The short forms a member writes a name of two or more capitalised words as: its
    initials, also counting each part of a hyphened word when that makes three or more ("dt"
    and "dtr" for "Dorian Thompson-Robinson", "sbf" for "Sam Bankman-Fried", "sb" for "Super
    Bowl"). Empty for a name of one word."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", name) if w[0].isupper()]
    if len(words) >= 3 and is_title(words[0]):
        words = words[1:]  # "RB Jonathan Taylor" is "jt"
    if len(words) < 2:
        return set()
    whole = "".join(w[0] for w in words).lower()
    parts = "".join(p[0] for w in words for p in w.split("-") if p).lower()
    return {whole} | ({parts} if len(parts) >= 3 else set())


_UNITS = frozenset(tokenize("percent per cent point points million billion thousand trillion"))
# words many place names share: "New" of "New Zealand" says nothing of "New York"
_PLACE_WORDS = frozenset(
    "north south east west northern southern eastern western central city county state states "
    "province region island islands united kingdom republic park stadium arena street "
    "neighborhood neighbourhood suburb borough district village town field ground oval".split()
)


_WITH_REGION = re.compile(rf",\s+{REGION}\b")


def person_named(place: str, surnames: frozenset[str]) -> bool:
    """A where-span that is a person the articles name in full ("to Cosgrave" after "Paddy
    Cosgrave", "in Keith Rabois"): someone something went to, not a place."""
    if _WITH_REGION.search(place):
        return False  # "in Omaha, Nebraska": a town with its state
    words = place.split()[1:]  # after the preposition
    if not words or bare(words[-1]).lower() not in surnames:
        return False
    return len(words) == 1 or (len(words) == 2 and personlike(" ".join(words)))


_HEADING_GLUE = frozenset("vs v and of the at in for a an on to".split())


def heading(sentence: str) -> bool:
    """A heading ("Argentina vs Paraguay: Second Half"): short, every word capitalised but the
    glue, no full stop. Its capitalised words name no one."""
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    return (
        0 < len(words) <= 10
        and not sentence.rstrip().endswith(".")
        and all(w[0].isupper() or w.lower() in _HEADING_GLUE for w in words)
    )


def without_preposition(sp: Span) -> Span:
    """ "at Harvard" -> "Harvard"."""
    m = re.match(r"\S+\s+(?:the\s+)?", sp.text)
    at = m.end() if m else 0
    return Span(sp.start + at, sp.end, sp.text[at:])


_LINK = re.compile(r"(?:https?://|www\.|\b[\w-]+\.(?:com|co|org|net|ly|io)/)\S*", re.I)


# a live blog's time stamp before an entry: "12.07 PM:", "8:15 p.m.:", "29 Oct 2023 03.08 GMT",
# "6d ago 23.36 GMT"
_STAMP = re.compile(
    r"^\s*(?:\d{1,2}[smhd]\s+ago\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+)?\d{1,2}[:.]\d{2}\s*"
    r"(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?(?::|\s+(?=[A-Z]))"
)


# a photo's credit: "(Getty Images/iStockphoto)", "(AP Photo/Jo Lund)", "Photo: AFP"
_CREDIT = re.compile(
    r"\b(?:Getty(?:\s+Images)?|iStock(?:photo)?|Shutterstock|Alamy|AP\s+Photo|PA\s+Wire|"
    r"(?:AFP|EPA|Reuters|AP)\s*/|Photo(?:graph)?:|Image(?:\s+credit)?:|Credit:)"
)
_CREDITED = re.compile(r"\b(?:Getty\s+Images|i?Stock\s?photo|Shutterstock|Alamy)\b", re.I)


def photo_credit(sentence: str, sp: Span) -> bool:
    """The span names who took or sells a photo, not anyone in the news: "Getty Images", or any
    name inside the brackets of a credit ("(Getty Images/AFP)")."""
    if _CREDITED.search(sp.text):
        return True
    opened = sentence.rfind("(", 0, sp.start)
    if opened < 0 or ")" in sentence[opened : sp.start]:
        return False
    closed = sentence.find(")", sp.end)
    inside = sentence[opened : closed if closed >= 0 else len(sentence)]
    return bool(_CREDIT.search(inside))


def boilerplate(sentence: str, sp: Span) -> bool:
    """The span is part of a link ("t.co/sR7qfSnWVx"), of a live blog's time stamp ("12.07 PM:
    the season starts on March 22") or of a photo's credit: no name, place, time or figure of
    the news."""
    stamp = _STAMP.match(sentence)
    if stamp and sp.start < stamp.end():
        return True
    if photo_credit(sentence, sp):
        return True
    return any(m.start() <= sp.start < m.end() for m in _LINK.finditer(sentence))


def of_org(sp: Span) -> Span:
    """ "Louis Brus of Columbia University" -> "Columbia University": for a which-body question,
    the body a person is "of" is the answer."""
    at = sp.text.rfind(" of ")
    rest = sp.text[at + 4 :] if at > 0 else ""
    who = sp.text[:at].split()
    # a person's name before "of" ("Bank of America", "University of Michigan" stay whole)
    if not rest[:1].isupper() or len(who) < 2 or not personlike(" ".join(who)):
        return sp
    return Span(sp.start + at + 4, sp.end, rest)


# each of the question's words among those that style a name with a title right before it
# ("Karsenian Foreign Minister Lida Marosh") adds this to the name's strength
STYLE_FIT = 0.1
_STYLE_STOP = frozenset(
    "said says told by and or the a an with to from for while as is was were are who when after "
    "before at in on of that which but under his her their its".split()
)


def style_fit(sentence: str, sp: Span, asked: set[str]) -> int:
    """How many of the question's words style a person's name with a title (see
    ``styled_with``): "Karsenian Foreign Minister Lida Marosh" for "the karsenian foreign
    minister", not "U.S. Women's National Soccer Team" for "the usa women"."""
    style = styled_with(sentence, sp).split()
    if not personlike(sp.text) or not any(is_title(w) for w in style):
        return 0
    # the words that say which minister: a title alone the question may give of someone else
    # ("who did the mayor pick": "Mayor Rosa Tellingham" picked)
    words = tokenize(" ".join(w for w in style if not is_title(w)))
    return sum(1 for t in set(words) if t != "\u2205" and _related(t, asked))


def styled_with(sentence: str, sp: Span) -> str:
    """The words that style a name: those right before it up to a verb, a function word, a
    number or a punctuation mark ("Veldorian Water Minister"), and a title at the head of the
    span."""
    run: list[str] = []
    for w in reversed(sentence[max(0, sp.start - 50) : sp.start].split()):
        if re.search(r"[,.;:!?\"“”()\[\]]$|\d", w) or w.lower() in _STYLE_STOP:
            break
        if w.islower() and re.search(r"(?:ed|ing)$", w):
            break
        run.append(w)
        if len(run) == 4:
            break
    words = sp.text.split()
    return " ".join([*reversed(run), *words[: max(0, len(words) - 2)]])


VOTE = 0.1  # how much each further article naming a person adds to the name's strength
# ... when the question describes its answer at length ("who is the individual that ..., and
# ..."): the facts it strings together come from several articles, and the one they all name
# is likelier the one it describes
VOTE_LONG = 0.3
LONG_WORDS = 20  # words in a question that describes its answer at length


def vote(sp: Span, arts_with: dict[str, set[str]], weight: float = VOTE) -> float:
    """1 for a name one article holds, up to 1 + 4 * VOTE for one that five of the best articles
    hold (by its last word: "Bankman-Fried", "Sam Bankman-Fried")."""
    toks = [t for t in tokenize(sp.text) if t != "\u2205"]
    if not toks:
        return 1.0
    return 1.0 + weight * min(4, len(arts_with.get(toks[-1], ())) - 1)


POSSESSOR = 0.7  # a name whose possessive another name follows: whose, not who
SIDE_OWNER = 0.5  # "Thomas Tuchel's side": whose team it is, not who played ("his team-mates")
_SIDE = re.compile(r"['’]s?\s+(?:side|team|men|charges|squad|outfit)\b(?![-'’]?\w)")
_COACHING = frozenset(tokenize("coach manager boss gm head"))


def possessor_weight(sentence: str, sp: Span, starts: set[int], roles: frozenset[str]) -> float:
    """What a name counts for as who did something when it stands in the possessive: "NFL
    Network's Tom Pelissero" is whose the next name is (``POSSESSOR``), and "Thomas Tuchel's
    side" whose the team is (``SIDE_OWNER``), unless the question asks for a coach."""
    m = re.match(r"['’]s?\s+", sentence[sp.end : sp.end + 4])
    if m is not None and sp.end + m.end() in starts:
        return POSSESSOR
    if not roles & _COACHING and _SIDE.match(sentence, sp.end):
        return SIDE_OWNER
    return 1.0
