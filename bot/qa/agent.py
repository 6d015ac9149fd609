"""Who did what the question asks about: the name after "<the question's verb> by" ("Directed
by Atlee" for "who directed it"), or the name the question's verb follows ("Balvik is leading the
round" for "who led the round")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .name_words import CONTRACTED, POSITIONAL
from .role_words import AGENT_NOUNS
from .shape import Span
from .synonyms import base_form, synonyms

AGENT = 1.3  # what a name after "<the question's verb> by" counts for more
# "directed by", "published last week by": the verb before "by", past words of when
_BY_BEFORE = re.compile(r"((?:[\w'’.-]+\s+){1,7})by\s*$")
_WHEN_FILLER = frozenset(
    "last this next week month year yesterday today recently earlier later also first "
    "originally jointly now once just".split()
)
_WHERE_WHEN = frozenset("in on at during".split())
_PARTICIPLE = re.compile(r"(?:ed|en|wn|won|made|held|hit|set|run|shot|paid)$", re.I)


def _agent_verb(words: str) -> str:
    """The word before "by" that says what was done, past the words of when."""
    out = words.split()
    cut = True
    while cut:
        while len(out) > 1 and out[-1].lower() in _WHEN_FILLER:
            out.pop()
        # "Started in Georgia in 2000 by John Tang": where and when stand between verb and "by"
        cut = False
        for k in (2, 3):
            if (
                len(out) > k
                and out[-k].lower() in _WHERE_WHEN
                and all(w[:1].isupper() or w[:1].isdigit() for w in out[-k + 1 :])
            ):
                del out[-k:]
                cut = True
                break
    return out[-1] if out else ""


def done_by(sentence: str, sp: Span, q_toks: set[str] | frozenset[str], asked: set[str]) -> bool:
    """Whether ``sp`` follows "by" after the question's own verb, or one of its synonyms that is
    a verb ("won by"; not "a victory by Denver" for "who nailed the game winner")."""
    by = _BY_BEFORE.search(sentence[max(0, sp.start - 60) : sp.start])
    verb = _agent_verb(by.group(1)) if by else ""
    return bool(verb) and bool(
        set(tokenize(verb)) & (q_toks if not _PARTICIPLE.search(verb) else asked)
    )


# "who led the round", "who actually founded it": the verb after "who"
_WHO_VERB = re.compile(
    r"\bwho\s+(?:(?:actually|really|just|first|originally|else|has|have|had)\s+)?([a-z][\w-]*)",
    re.I,
)
# "which vc firm led it": a past form after the kind of answer asked for
_WHICH_VERB = re.compile(
    r"\bwhich\s+(?:[\w-]+\s+){1,3}?([a-z]+ed|led|won|made|built|bought|sold|ran|took|beat)\b",
    re.I,
)
# no verbs of doing; nor of saying ("who said no" asks who voted against, not who spoke)
_NOT_VERB = frozenset(
    tokenize(
        "is was are were will would can could should might may does do did say said says tell "
        "told announce announced report reported confirm confirmed"
    )
)
# after a name, the words before its verb: "Pell Ventures and Arno Partners co-led",
# "Balvik is leading", "Tamsk also led"
_VERB_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})?"
    r"(?:\s+(?:has|have|had|is|are|was|were|also|previously|reportedly|recently|jointly))*"
    r"\s+(?:co-)?([a-z]+)\b"
)


# "who's playing the surgeon", "who is hosting it": the verb in its -ing form
_WHO_IS_DOING = re.compile(
    r"\bwho(?:['’]s|\s+(?:is|was|are|were|will\s+be))\s+"
    r"(?:(?:actually|really|now|currently|still)\s+)?([a-z]+ing)\b",
    re.I,
)


def asked_verb(question: str) -> str:
    """The stem of the verb a who-question asks the doer of ("who led the round": "lead", "who's
    playing him": "play"), or ""."""
    m = _WHO_IS_DOING.search(question) or _WHO_VERB.search(question)
    m = m or _WHICH_VERB.search(question)
    toks = tokenize(m.group(1)) if m else []
    if len(toks) != 1 or toks[0] in _NOT_VERB or toks[0] == "\u2205":
        return ""
    return base_form(toks[0])


# a verb's form after a name ("outlawed", "bans"), not a noun ("official")
_INFLECTED = re.compile(r"(?:ed|es|ing|[^su]s)$")


# the particle of a phrasal verb: "picked off", "picked up"
PARTICLES = "off|up|out|down|over|away|back"
_PARTICLE = re.compile(rf"\s+({PARTICLES})\b")


def asked_particle(question: str, verb: str) -> str:
    """The particle after the question's verb ("who picked off dobbs": "off"), or ""."""
    for m in re.finditer(r"[a-z]+", question.lower()):
        toks = tokenize(m.group())
        if verb and toks and base_form(toks[0]) == verb:
            p = _PARTICLE.match(question.lower(), m.end())
            return p.group(1) if p else ""
    return ""


def does(sentence: str, sp: Span, verb: str, particle: str = "") -> bool:
    """Whether ``sp`` is who does ``verb`` (a stem, ``asked_verb``): the verb follows it, with
    the question's ``particle`` if the sentence gives one ("picked up 28 yards" is not "who
    picked off dobbs")."""
    m = _VERB_AFTER.match(sentence[sp.end : sp.end + 80]) if verb else None
    toks = tokenize(m.group(1)) if m else []
    if len(toks) != 1:
        return False
    if particle and m:
        p = _PARTICLE.match(sentence, sp.end + m.end())
        if p and p.group(1).lower() != particle:
            return False
    # "which country banned it": "Italy outlawed ChatGPT", a synonym of the verb in a verb's
    # form ("VAR official John Brooks" is no one officiating)
    inflected = bool(m and _INFLECTED.search(m.group(1)))
    return base_form(toks[0]) == verb or (inflected and (toks[0],) in synonyms(verb))


def titled_doer(sentence: str, sp: Span, verb: str) -> bool:
    """Whether ``sp`` is styled by the title of who does ``verb`` (a stem, ``asked_verb``):
    "Narrator Peter Dinklage" for "who narrates it", "director Atlee" for "who directed it"."""
    titles = AGENT_NOUNS.get(verb)
    if not titles:
        return False
    before = sentence[max(0, sp.start - 25) : sp.start].split()[-1:]  # not "host to X"
    styled = before + sp.text.split()[:-2]  # "Narrator" at the head of the span
    return bool(titles & set(tokenize(" ".join(styled))))


_FIRST_WORD = re.compile(r"[A-Z][\w'’.&-]*[\w&]")


def doer_first(sentence: str, verb: str) -> Span | None:
    """The sentence's first word, where it is a name and the question's verb follows it
    ("Tamsk led the seed round"); not a pronoun or another stop word ("They led")."""
    m = _FIRST_WORD.match(sentence)
    if m is None or tokenize(m.group()) in ([], ["\u2205"]) or POSITIONAL.fullmatch(m.group()):
        return None
    if CONTRACTED.fullmatch(m.group()):
        return None  # "They’re playing for their country": a pronoun with its verb
    sp = Span(0, m.end(), m.group())
    return sp if does(sentence, sp, verb) else None
