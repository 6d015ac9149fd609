"""Who stands in the relation the question asks about, besides doing its verb
(``bot.qa.agent``): whose thing it is ("whose backpass gifted them the winner": "Destiny
Udogie's blind backpass", "the liver of 3-year-old Olivia Swedberg"), whose the thing the verb
made is ("who scored both goals": "Lineth Beerensteyn’s two goals"), whom the verb was done to
("who did spire hire as team president": "has also hired Doug Duchardt"), and, asked who plays a
part, the part itself ("his role as Arthur Fleck"), which is not the answer; asked who comes into a
post, the name an article puts in it (``bot.qa.succession``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .agent import PARTICLES
from .shape import Span
from .succession import OTHER_POST, other_post, succession_weight
from .synonyms import synonyms, words

if TYPE_CHECKING:
    from .answer_kind import Asked

WHOSE = 1.5  # what a name that owns the thing asked about counts for more
MADE = 1.3  # what a name that owns the thing the question's verb made counts for more
DONE_TO = 1.3  # what a name the question's verb was done to counts for more
DOER = 0.3  # ... and what a name the question gives as who did it counts for
CHARACTER = 0.5  # what the role a name is cast in counts for, asked who plays it
# "reprising his role as Arthur Fleck", "Bradley Cooper stars as Leonard Bernstein": the part
# played, which the question names; who plays it is the name before
_CAST_AS = re.compile(
    r"\b(?:role\s+(?:as|of)|as|playing|plays|portraying|portrays|voicing|voices)\s+$"
)
_CAST_VERBS = frozenset(words("play voice portray star"))
CAST_BRACKET = 1.5  # what a name in brackets after the part the question names counts for more
# "A guy named Mike (Josh Hutcherson) is hired": who plays the part named right before
_PART_BEFORE = re.compile(r"([\w'’-]+)\s+\(\s*(?:played\s+by\s+|voiced\s+by\s+)?$")
# "Madoka Akagi, portrayed by popular Japanese idol Nanase Nishino": the part before, who plays it
# after
_PLAYED_BY = re.compile(
    r"((?:[\w'’-]+\s+){0,2}[\w'’-]+),?\s+(?:played|portrayed|voiced)\s+by\s+"
    r"(?:[\w'’-]+\s+){0,4}$"
)
OTHER_PART = 0.6  # what a name said to play another part than the one asked about counts for
# "Nicolas Cage playing a man hired to serve as a janitor": a part that is no name
_PLAYS_AFTER = re.compile(
    r"\s+(?:is\s+|was\s+)?(?:playing|plays|played|portraying|portrays|portrayed|stars\s+as|"
    r"starring\s+as)\s+((?:an?|the|his|her)\s+(?:[\w'’-]+\s*){1,8})"
)
# "whose record contract", "whose france try-scoring record": the words of the thing owned,
# up to the verb (a past form: "whose backpass gifted them") or the question's end
_WHOSE_Q = re.compile(r"\bwhose\s+((?:[a-z][\w'’-]*\s*){1,4})", re.I)
_STOP_AT = re.compile(
    r"\b(?:is|was|are|were|did|does|do|has|have|had|will|would|could|can|got|get|gets|"
    r"might|may|the|a|an|that|this|in|on|at|for|to|by|with|from|of|and|or|[a-z]+ed)\b.*",
    re.I,
)
# after the name: "'s" and up to two words before the thing ("Udogie's blind backpass")
_OWNS_AFTER = re.compile(r"['’]s?\s+((?:[\w-]+\s+){0,2}[\w-]+)")
# before the name: the thing, "of" or "by", and up to two words ("the liver of 3-year-old")
_OWNS_BEFORE = re.compile(r"([\w-]+)\s+(?:of|by)\s+(?:[\w-]+\s+){0,2}$")
# "who did spire hire as ...", "which bank did the glazers hire to run it", "who did popyrin
# beat in the semi": the verb after the doer, before a preposition or the question's end
_OBJECT_Q = re.compile(
    r"\b(?:who|whom|which\s+[\w-]+)\s+(?:did|does|do|will|would|has|have|had)\s+"
    r"((?:[\w'’.-]+\s+){1,4}?)([a-z]+)(?:\s+(?:out|off|up|over))?"
    r"(?=\s*(?:$|[?,!.]|\s(?:as|to|for|in|at|on|with|before|after|from|over|last|this|back|when|"
    r"while|during|vs)\b))",
    re.I,
)
_NOT_DONE = frozenset(words("say think mean go get do make want need know see"))
# a verb of being between the doer and the verb: "who did she say was the culprit" asks no object
_BEING = re.compile(r"\s(?:is|was|are|were|be|been)\s", re.I)
_BACK = 4  # lowercase words a verb may stand back from its object ("fired offensive coordinator")
_BEAT = frozenset(("beat", "defeat"))
_BEATEN = re.compile(
    r"\b(?:victory|victories|win|wins|won|triumph|upset|rout|thrashing)\b(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:over|against)\s+(?:[a-z\d][\w'’-]*\s+){0,3}$"
)


# "who scored both dutch goals": the words after the question's verb, up to a preposition or the
# question's end; the last of them is the thing the verb made
_MADE_AFTER = re.compile(
    r"\s+((?:[\w'’-]+\s+){0,3}?[\w-]+)(?=\s*(?:$|[?,!.]|\s(?:for|in|on|at|against|vs|to|from|"
    r"with|by|during|before|after|last|this|up|down|when|while|that)\b))",
    re.I,
)
_NOT_MADE = frozenset(words("it them him her that one"))
# a particle ("who set up the goal") or "in" ("who put in the cross") right after the verb
_PARTICLE = re.compile(rf"(?:{PARTICLES}|in)\b")
# a verb whose thing any side in it owns ("Hamilton's race" for "who won the race")
_TAKING_PART = frozenset(words("win lose play watch have get face miss"))
# after the name: "'s", up to two words, then the thing, which ends its noun ("Lineth
# Beerensteyn’s two goals were", not "Josh Allen's touchdown pass to Diggs")
_MADE_OWNED = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,2}?([\w-]+)(?=\s*(?:$|[^\w\s]|\s(?:in|on|at|for|to|of|from|with|"
    r"by|and|or|but|was|were|is|are|had|has|came|that|which|[a-z]+ing|[a-z]+ed)\b))"
)

_AIMED_AT = re.compile(r"\b(?:towards?|into|at|past|beyond|behind|in\s+front\s+of)\s+$", re.I)
# "who scored for bayern": no thing named after the verb, the goal scored is meant
_FOR_SIDE = re.compile(r"(?:for|against|vs|versus|in|at|on)\b", re.I)
# a goal by another word: what "A Nemanja Gudelj header" or "a late Coman winner" scored
_GOAL = frozenset(words("goal"))
_SCORED_AS = frozenset(
    words("goal header strike finish volley penalty pen tap-in winner equaliser equalizer opener")
)
# words for the thing made that are verbs as often ("The Hawks score three goals")
_AS_VERB = frozenset(words("score net win beat defeat"))
# "a", "an" or "the" and up to two lowercase words before a name the scoring noun follows
_A_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+){0,2}$")
_NOUN_NEXT = re.compile(r"\s+([\w-]+)")  # the word right after a name


def made_words(question: str, verb: str) -> frozenset[str]:
    """The stemmed word of the thing a who-question's verb made ("who scored both dutch goals":
    "goal"), with its one-word synonyms, whose maker a sentence may give as its owner; none
    for a pronoun ("who put it in")."""
    for m in re.finditer(r"[a-z]+", question.lower()):
        stem = words(m.group())
        if not verb or stem != [verb]:
            continue
        after = _MADE_AFTER.match(question.lower(), m.end())
        if after is None or _PARTICLE.match(after.group(1)):
            return frozenset()  # "who set up the goal": who made it is not who set it up
        if verb == "score" and _FOR_SIDE.match(after.group(1)):
            return _GOAL | {ph[0] for ph in synonyms("goal") if len(ph) == 1}  # "scored for"
        head = words(after.group(1).split()[-1])
        if verb in _TAKING_PART and not set(head) & _GOAL:
            continue  # "who won the race", but "who got sevilla's goal" asks who scored it
        if len(head) != 1 or head[0] in _NOT_MADE:
            return frozenset()
        # "td": a touchdown
        return frozenset(head) | {ph[0] for ph in synonyms(head[0]) if len(ph) == 1}
    return frozenset()


def made_by(sentence: str, sp: Span, thing: frozenset[str]) -> bool:
    """Whether the name ``sp`` owns the thing the question's verb made ("Lineth Beerensteyn’s two
    goals" for "who scored both dutch goals"), or stands before it ("an early Cristian Romero
    header", "a Greta Gerwig film")."""
    m = _MADE_OWNED.match(sentence, sp.end)
    # "Tyrick Mitchell's own goal" was not for his side; "towards Caoimhín Kelleher’s goal" is
    # the goal he kept
    if (
        m is not None
        and bool(thing & set(words(m.group(1))))
        and " own " not in m.group()
        and not _AIMED_AT.search(sentence[max(0, sp.start - 16) : sp.start])
    ):
        return True
    # "an early Cristian Romero header": the name stands before the goal it scored
    noun = _NOUN_NEXT.match(sentence, sp.end)
    return (
        noun is not None
        and bool(_A_BEFORE.search(sentence[max(0, sp.start - 30) : sp.start]))
        and bool(
            set(words(noun.group(1)))
            & ((thing - _AS_VERB) | (_SCORED_AS if thing & _GOAL else frozenset()))
        )
    )


def whose_words(question: str) -> frozenset[str]:
    """The stemmed words of the thing a whose-question asks the owner of, or none."""
    m = _WHOSE_Q.search(question)
    return frozenset(words(_STOP_AT.sub("", m.group(1)))) if m else frozenset()


def object_verb(question: str) -> tuple[str, frozenset[str]]:
    """The stem of the verb whose object a who-question asks for, and the words of who did it
    (("hire", {"spire", "motorsport"}) for "who did spire motorsports hire"), or ("", {})."""
    m = _OBJECT_Q.search(question)
    if m is None or _BEING.search(m.group()):
        return "", frozenset()
    stem = words(m.group(2))
    if len(stem) != 1 or stem[0] in _NOT_DONE:
        return "", frozenset()
    return stem[0], frozenset(words(m.group(1)))


def owns(sentence: str, sp: Span, thing: frozenset[str]) -> bool:
    """Whether the name ``sp`` is given as the owner of the thing asked about."""
    after = _OWNS_AFTER.match(sentence[sp.end : sp.end + 60])
    if after and thing & set(words(after.group(1))):
        return True
    before = _OWNS_BEFORE.search(sentence[max(0, sp.start - 50) : sp.start])
    return before is not None and bool(thing & set(words(before.group(1))))


# "who got added to the roster", "who was traded": the question asks whom its verb was done to
_PASSIVE_Q = re.compile(
    r"\bwho(?:['’]?s\s+been|['’]s|\s+(?:got|gets|was|were|is|are|has\s+been|have\s+been|had\s+been|"
    r"will\s+be|getting))\s+(?:(?:just|actually|really|also|then|now)\s+)?([a-z]+(?:ed|en))\b",
    re.I,
)
# after a name: "Ezequiel Duran has been added", "Duran, who was traded", "Ivo Larch and Pell
# Amsby were accused"
_UNDERGOES = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})?(?:,\s+who)?\s+"
    r"(?:(?:has|have|had)\s+been|was|were|is|are|got|gets|will\s+be)\s+"
    r"(?:(?:also|just|now|since|officially|reportedly)\s+)?([a-z]+)\b"
)


def passive_verb(question: str) -> str:
    """The stem of the verb a who-question asks whom it was done to ("who got added": "add"),
    or ""."""
    m = _PASSIVE_Q.search(question)
    stem = words(m.group(1)) if m else []
    return stem[0] if len(stem) == 1 and stem[0] not in _NOT_DONE else ""


def undergoes(sentence: str, sp: Span, verb: str) -> bool:
    """Whether the sentence says the question's verb was done to the name ``sp`` in the passive
    ("Ezequiel Duran has been added to the roster" for "who got added")."""
    m = _UNDERGOES.match(sentence[sp.end : sp.end + 60])
    return m is not None and words(m.group(1)) == [verb]


def done_to(sentence: str, sp: Span, verb: str, doer: frozenset[str]) -> bool:
    """Whether the name ``sp`` follows the question's verb as its object, a few lowercase words
    after it at most ("hired Doug Duchardt", "fired offensive coordinator Matt Canada",
    "appointed a retired judge, Hollis Brandt" for "who did they hire, fire, appoint"), with
    who did it named before it: "Barkley knocked out Thomas Hearns" is not whom Paro did."""
    if doer and not doer & set(words(sentence[: sp.start])):
        return False
    # "his straight-sets victory over Otto Virtanen", "the Chiefs won their game against the
    # Chargers": whom they beat, said with a noun or with "won"
    if verb in _BEAT and _BEATEN.search(sentence[max(0, sp.start - 80) : sp.start]):
        return True
    for w in reversed(sentence[max(0, sp.start - 60) : sp.start].split()[-_BACK:]):
        if not w[0].islower():
            return False  # another name stands between: "hired Stephen Doran as crew chief"
        if words(w) == [verb]:
            return True
    return False


def cast_as(sentence: str, sp: Span) -> bool:
    """Whether the name ``sp`` is the part someone plays ("his role as Arthur Fleck")."""
    return _CAST_AS.search(sentence[max(0, sp.start - 20) : sp.start]) is not None


def in_cast(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> bool:
    """Whether the name ``sp`` is given as who plays a part the question names: in brackets
    right after it ("Mike (Josh Hutcherson)" for "who plays mike"), as a review introduces the
    cast, or after "played by" ("Madoka Akagi, portrayed by idol Nanase Nishino")."""
    m = _PART_BEFORE.search(sentence[max(0, sp.start - 40) : sp.start])
    if m is not None and sentence[sp.end : sp.end + 1] in (")", ","):
        return bool(set(words(m.group(1))) & q_toks)
    m = _PLAYED_BY.search(sentence[max(0, sp.start - 80) : sp.start])
    return m is not None and bool(set(words(m.group(1))) & q_toks)


def other_part(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> bool:
    """Whether the name ``sp`` is said to play a part the question does not name ("Nicolas Cage
    playing a man hired as a janitor", asked who plays Mike)."""
    m = _PLAYS_AFTER.match(sentence, sp.end)
    return m is not None and not set(words(m.group(1))) & q_toks


def cast_weight(sentence: str, sp: Span, q_toks: frozenset[str] | set[str]) -> float:
    """What the name ``sp`` counts for, asked who plays a part: less as the part itself
    (``CHARACTER``) or as who plays another one (``OTHER_PART``), more as who plays the part
    the question names (``CAST_BRACKET``)."""
    w = CHARACTER if cast_as(sentence, sp) else 1.0
    w *= CAST_BRACKET if in_cast(sentence, sp, q_toks) else 1.0
    return w * (OTHER_PART if other_part(sentence, sp, q_toks) else 1.0)


def weigh_relations(
    sentence: str, rated: list[tuple[Span, float]], asked: Asked
) -> list[tuple[Span, float]]:
    """``rated`` with the names in the relation ``asked`` about weighing more: the owner of the
    thing (``asked.whose``) and the name coming into a post (``asked.successor``); the object of
    the question's verb is ``weigh_done``'s. Asked who ``asked.verb`` ("plays") a part, the part
    itself weighs less."""
    if asked.verb in _CAST_VERBS:
        rated = [(sp, w * cast_weight(sentence, sp, asked.q_toks)) for sp, w in rated]
    if thing := asked.whose:
        rated = [(sp, w * (WHOSE if owns(sentence, sp, thing) else 1.0)) for sp, w in rated]
    elif made := asked.made:  # "who scored both goals": "Lineth Beerensteyn’s two goals"
        rated = [(sp, w * (MADE if made_by(sentence, sp, made) else 1.0)) for sp, w in rated]
    if asked.successor:  # "Richard Teng will take over", not "Changpeng Zhao stepped down"
        rated = [(sp, w * succession_weight(sentence, sp)) for sp, w in rated]
        if other_post(sentence, asked.replaced):  # "to replace Altman", asked who replaced Murati
            rated = [(sp, w * OTHER_POST) for sp, w in rated]
    return rated


def weigh_done(
    sentence: str, rated: list[tuple[Span, float]], asked: Asked
) -> list[tuple[Span, float]]:
    """``rated`` with the object of the question's verb (``asked.done_to``) weighing more, and
    the doer it names less: "which team did the chiefs beat" asks for whom "Kansas City Chiefs"
    beat, which a body or a person may be."""
    verb, by = asked.done_to
    if not verb:
        return rated

    def done(sp: Span) -> bool:  # "hired Doug Duchardt", "Ezequiel Duran has been added"
        return done_to(sentence, sp, verb, by) or undergoes(sentence, sp, verb)

    rated = [(sp, w * (DONE_TO if done(sp) else 1.0)) for sp, w in rated]
    return [(sp, w * (DOER if by & set(words(sp.text)) else 1.0)) for sp, w in rated]
