"""What a count counts: "how many workers" is answered by "4,800 drivers", not "74 bus routes";
"dozens of rockets" counts rockets (``bot.qa.answer_kind`` rates counts with these)."""

from __future__ import annotations

import itertools
import re

from ingest.keyword import tokenize

from .person import DEMONYMS

_VERB_FORM = re.compile(r"[a-z]{3,}ed")


# words the stemmer makes one with a word for people ("offices" and "officers": "offic"), read as
# another word so that "how many people" does not count "three offices"
_SAME_STEM = {"office": "bureau", "offices": "bureau"}


def nouns(text: str) -> set[str]:
    """A text's words as a count's noun is matched: stemmed, but without past participles, so
    that "stated" is not "states" ("how many states": not "one stated goal")."""
    words = [
        _SAME_STEM.get(w.lower(), w)
        for w in re.findall(r"[\w'’-]+", text)
        if not _VERB_FORM.fullmatch(w.lower())
    ]
    # and two words written as one ("25 home runs" counts "homeruns", "39 hit-outs" "hitouts")
    joined = [a + b for a, b in itertools.pairwise(words) if a.isalpha() and b.isalpha()]
    joined += [w.replace("-", "") for w in words if "-" in w]
    return set(tokenize(" ".join(words + joined))) - {"\u2205"}


def counted_head(phrase: str) -> str:
    """A counted phrase without its "-ly" modifiers: "monthly active users" counts users, not
    months."""
    kept = [w for w in phrase.split() if not re.fullmatch(r"[a-z]{3,}ly", w.lower())]
    return " ".join(kept) or phrase


PEOPLE = frozenset(tokenize("people persons"))
PEOPLE_BY_ROLE = frozenset(
    tokenize(
        "workers staff employees drivers members residents civilians citizens fans passengers "
        "soldiers troops students players patients voters spectators officers guards children "
        "adults women men visitors tourists migrants refugees strikers protesters users "
        "subscribers followers customers viewers listeners readers attendees participants "
        "staffers personnel crew inmates prisoners hostages victims casualties jobs positions"
    )
)
# "how many americans": people, counted by where they are from
NATIONALS = frozenset(tokenize(" ".join(DEMONYMS) + " brits aussies chinese japanese french"))
# "how many died", "how many were killed": a count of deaths, or of the dead
DIED = re.compile(r"\b(?:die|died|dies|dying|killed|perished|dead)\b", re.I)
DEATHS = frozenset(t for w in "deaths dead fatalities lives killed".split() for t in nouns(w))
_QUANTITY = frozenset(
    tokenize(
        "dozens scores hundreds thousands millions billions tens hundred thousand million billion "
        "some about around over nearly almost more than least roughly up to another other"
    )
)


def counts_people(span: str) -> bool:
    """Whether a count says how many people ("700 million people", "2 million subscribers"):
    no sum of money, though "million" follows the figure as in "410 million aldmarks"."""
    return not re.search(r"[$€£¥₹¢]", span) and bool(what_counted(span) & (PEOPLE | PEOPLE_BY_ROLE))


def what_counted(span: str) -> set[str]:
    """The nouns a count names ("dozens of rockets": rocket), without its number words."""
    return nouns(" ".join(w for w in span.split() if w.isalpha() and w.islower())) - _QUANTITY


# "a subscriber base of over 4 million", "an attendance of 71,000": the counted noun before the
# number; "108 units, or homes": named again after it
_NOUN_OF = re.compile(r"((?:[\w'’-]+\s+){1,3})(?:of|at)\s+$")
_OR_AGAIN = re.compile(r"^,?\s+(?:or|i\.e\.,?)\s+([\w'’-]+)")
# "from 300 workers to 450", "a million people ... to rise to about 1.7 million": the count
# before (not a year) names the noun the one after "to" leaves out
_TO = re.compile(
    r"\bto\s+(?:(?:about|around|roughly|nearly|almost|some|over|under|just)\s+)?"
    r"(?:(?:a|an)\s+[\w]+-[\w]+\s+)?$"  # "to a nation-leading 31"
)
_COUNT = re.compile(
    r"(?:\b(?!(?:19|20)\d\d\b)\d[\d,.]*\s+(?:(?:hundred|thousand|million|billion)\s+)?"
    r"|\b(?:a|one)\s+(?:hundred|thousand|million|billion)\s+"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)([a-z][\w'’-]*)"
)


def counted_beside(sentence: str, start: int, end: int, counted: set[str]) -> bool:
    """Whether the words around a count that names no noun say what it counts: "a subscriber
    base of over 4 million" counts subscribers, "108 units, or homes" homes, and "a million
    people ..., expected to rise to about 1.7 million" people, like the count it rises from."""
    before = _NOUN_OF.search(sentence[max(0, start - 40) : start])
    after = _OR_AGAIN.match(sentence[end : end + 30])
    if _TO.search(sentence[max(0, start - 40) : start]):
        from_ = list(_COUNT.finditer(sentence[max(0, start - 120) : start]))
        if from_ and nouns(from_[-1].group(1)) & counted:
            return True
    return bool(
        (before and nouns(before.group(1)) & counted) or (after and nouns(after.group(1)) & counted)
    )


# a player's yards by how they were gained: the question's verb says which it asks for ("how
# many yards did he run for"), and a count of another kind ("258 passing yards") is not it
_STAT_ASKED = (
    ("rushing", re.compile(r"\b(?:run|ran|runs|rush(?:ed|es|ing)?|carr(?:y|ied|ies))\b", re.I)),
    ("passing", re.compile(r"\b(?:throw|threw|thrown|throws|pass(?:ed|ing)?)\b", re.I)),
    ("receiving", re.compile(r"\b(?:catch|caught|catches|receiv(?:e|ed|ing))\b", re.I)),
)
_STAT_OF = re.compile(r"\b(rushing|passing|receiving)\s+(?:yards|yds|touchdowns|tds)\b", re.I)
OTHER_STAT = 0.5  # what a count of another kind of yards counts for


def stat_asked(question: str) -> str:
    """The kind of yards a question's verb asks for ("rushing", "passing", "receiving"), or ""
    where it names none or more than one."""
    kinds = [kind for kind, rx in _STAT_ASKED if rx.search(question)]
    return kinds[0] if len(kinds) == 1 else ""


def other_stat(span: str, asked: str) -> bool:
    """Whether the count says it is yards of another kind than those asked for."""
    m = _STAT_OF.search(span)
    return bool(asked and m and m.group(1).lower() != asked)
