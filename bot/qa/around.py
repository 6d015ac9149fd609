"""The words around an answer that say what it answers: a window of the sentence on each side,
and a narrower one right beside it (its own predicate); neither reaches past a turn to another
clause with its own named subject ("..., and Liberia celebrates ...")."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

from .shape import CURRENCY_NAMES, Span

INNER = (15, 22)  # characters before and after an answer that are its own predicate
WINDOW = (60, 40)
# an amount converted in brackets: "($23.3 million)", "(100 million Canadian dollars)"
_ASIDE = re.compile(
    r"\s*\((?:(?:[$€£¥₹]|[A-Z]{1,3}\$)[^()]{1,28}|[\d.,]+(?:\s+(?:million|billion|trillion))?\s+"
    rf"(?:[A-Z][a-z]+\s+)?(?:{CURRENCY_NAMES}))\)"
)
# ", editorial director of the news site Blizzard Watch,": a description set off after a name
# (not a clause: ", while Apple Music had ...")
DESCRIPTION = re.compile(
    r",\s+(?!(?:while|and|but|or|which|who|whose|where|when|as|after|before|because|although|"
    r"though|if|so|according|said|says|with|in|on|at|for|from|to|by|of|than|then)\b)"
    r"(?:the\s+|a\s+|an\s+)?[a-z][^,;()]{8,110}?(?=,|\s[—–]\s)"
)
# ", Bank of America economist,", ", University of Washington professor and OctoML CEO,": a
# description that opens on its body's name, known by a word in lower case that says what the
# person is (not a list of names: ", Sam Altman and Greg Brockman,")
_CAP_DESCRIPTION = re.compile(r",\s+[A-Z][^,;()]{6,110}?(?=,|\s[—–]\s)")
_FUNCTION = frozenset("of the and for at in on to de del da a an with from by or".split())
_VERBS = frozenset(
    "is are was were be been has have had will would can cannot could should may might must do "
    "does did said says told tells".split()
)


def description(sentence: str, end: int) -> re.Match[str] | None:
    """The description set off by commas right after a name that ends at ``end``, if any."""
    m = DESCRIPTION.match(sentence, end)
    if m is None and (m := _CAP_DESCRIPTION.match(sentence, end)) is not None:
        lower = set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", m.group())) - _FUNCTION
        if not lower or lower & _VERBS or any(w.endswith("ed") for w in lower):
            return None  # ", Netflix dropped the first four episodes,": a clause
    return m


_NEXT_ITEM = re.compile(r"\s*(?:[,;:–—-]|and\b|or\b|while\b|but\b)")
# verbs of saying: those that say who or when something was said, and (below) those that name
# its speaker
_SAYING = r"said|says|told|added|wrote|tweeted|posted"
_SPEECH = rf"(?:{_SAYING}|announced|reported|stated|confirmed|published)"
_SPEECH_BEFORE = re.compile(rf"\b{_SPEECH}\s+(?:\w+\s+){{0,2}}$", re.I)
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:\w+\s+){{0,3}}{_SPEECH}\b", re.I)
# "... full in 2027 or 2028, the authority said.": the tail that closes the sentence says who
# said what comes before it, which the time belongs to
_SPEECH_TAIL = re.compile(rf",\s+(?:\w+\s+){{0,3}}{_SPEECH}\W*$", re.I)


def around(sentence: str, sp: Span) -> tuple[str, str]:
    """``(window, inner)``: the text around ``sp`` within ``WINDOW`` and within ``INNER``.

    An answer in brackets answers for what stands before them, and for what follows only when
    the clause goes on: "Prince William (played by Rufus Kampa) and Prince Harry (played by
    Fflyn Edwards)", but "the House on Wednesday (Sept. 27) approved the budget"."""
    # an amount converted in brackets right after the answer ("$US15 million ($23.3 million)
    # advance"): the words after the bracket are the answer's own
    aside = _ASIDE.match(sentence, sp.end)
    after = aside.end() if aside else sp.end
    at, end = sp.start, after + WINDOW[1]
    described = description(sentence, after) if sp.text[:1].isupper() else None
    if described:  # what the description says of the answer reaches past the window
        end = max(end, described.end())
    inner_end = after + INNER[1]
    bracket = _bracketed(sentence, sp)
    if bracket is not None:
        at = bracket[0]
        if _NEXT_ITEM.match(sentence, bracket[1] + 1):
            end = inner_end = bracket[1]
    # another clause's words say nothing of this answer: "Canada ... on the second Monday in
    # October, and Liberia celebrates Thanksgiving on the first Thursday of November"
    start = max(0, at - WINDOW[0])
    # between figures, "and" alone turns to another's: "Celgene acquiring Juno for $9 billion
    # and Gilead acquiring Kite Pharma for $12 billion"
    turns = _FIGURE_TURN if _FIGURE.match(sp.text) else _NAMED_TURN
    for m in turns.finditer(sentence, start, sp.start):
        start = m.end()
    turn = turns.search(sentence, after, end)
    if turn is not None and not described:
        end, inner_end = turn.start(), min(inner_end, turn.start())
    window = sentence[start : sp.start] + " " + sentence[after:end]
    # the words right beside the answer say more about what it answers than those further off
    # ("one guard was killed and four others were wounded": who was wounded is "four others")
    inner = sentence[max(start, at - INNER[0]) : sp.start] + " " + sentence[after:inner_end]
    return window, inner


# a clause's verb of one form for any subject: "had", "will", "won"
_VERB_FORMS = "had|was|will|would|can|could|got|won|lost|made|took"

# where one clause gives way to another about someone or something else, named ("..., and
# Liberia celebrates", "..., while Spotify rival Apple Music had"); not one that goes on about the
# same ("..., but their marriage was annulled after 55 hours"). ``bot.qa.subject._TURN`` is any
# turn, named or not, for whose a figure is.
_NAMED_TURN = re.compile(
    r"(?:;|,\s+(?:and|but|while|whereas|although|though|yet)|\s+(?:while|whereas))\s+"
    r"(?=[A-Z][\w'’.-]*\s+(?:[\w'’.-]+\s+){0,3}?(?:[a-z]{2,}(?:s|ed)|were|"
    rf"{_VERB_FORMS}|saw|went|came|led|ran|beat)\b)"
)

_FIGURE = re.compile(r"[$€£¥₹\d]|[A-Z]{1,3}\$")
# ... with its verb right after the name, in the singular ("and Gilead acquiring", "and Jo Mar
# added"; "42 states and D.C. are suing" is one subject)
_FIGURE_TURN = re.compile(
    rf"{_NAMED_TURN.pattern}|\s+and\s+(?=(?:[A-Z][\w'’.&-]*\s+){{1,3}}"
    rf"(?:[a-z]{{2,}}(?:ing|ed)|[a-z]{{2,}}[^s\s']s|{_VERB_FORMS}|paid|spent|sold|bought)\b)"
)


def _bracketed(sentence: str, sp: Span) -> tuple[int, int] | None:
    """Where the brackets around a span open and close, when it stands inside a short pair."""
    opened = sentence.rfind("(", max(0, sp.start - 30), sp.start)
    if opened < 0 or ")" in sentence[opened : sp.start]:
        return None
    closed = sentence.find(")", sp.end, sp.end + 40)
    return (opened, closed) if closed >= 0 else None


def said_by_or_on(sentence: str, sp: Span) -> bool:
    """Whether ``sp`` is who or when something was said: "the ministry said on Monday",
    "..., said Jo Mar"."""
    # "... in 2028, the authority said.": a closing tail says who said what the time is of
    tail = sp.start > 0 and _SPEECH_TAIL.match(sentence, sp.end) is not None
    return bool(
        _SPEECH_BEFORE.search(sentence[max(0, sp.start - 30) : sp.start])
        or (_SPEECH_AFTER.match(sentence[sp.end : sp.end + 40]) and not tail)
    )


# the speaker's name right before the verb of saying, or after it ("Eiji Aonuma said", "Jo Mar,
# the firm's head, told reporters", "..., said Jo Mar")
_SAID = rf"(?:{_SAYING}|tells|writes|explained|noted|warned|claimed)"
_SAYS_AFTER = re.compile(rf"^(?:['’]s?)?(?:,[^,]{{1,80}},)?\s+{_SAID}\b")
_SAID_BEFORE = re.compile(rf"\b{_SAID},?\s+$")


def speaker(sentence: str, sp: Span) -> bool:
    """Whether ``sp`` is who said what the sentence reports: the name right before the verb of
    saying (a title set off by commas between them) or right after it."""
    return bool(
        _SAYS_AFTER.match(sentence[sp.end : sp.end + 100])
        or _SAID_BEFORE.search(sentence[max(0, sp.start - 20) : sp.start])
    )


_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*")


def pronoun_for(sentence: str, sp: Span, q_toks: set[str], surnames: frozenset[str]) -> str:
    """The question's person, when the span's sentence refers to someone by "he" or "she" before
    it and names no one: nothing capitalised before it but function words ("In the playoffs, he
    has contributed an additional 4,878 points", asked of Kevin Durant). The surnames the
    question gives; else ""."""
    names = q_toks & surnames
    if not names:
        return ""
    before = sentence[: sp.start]
    if not _PRONOUN.search(before) or names & set(tokenize(sentence)):
        return ""
    if any(tokenize(m.group()) != ["\u2205"] for m in _CAPITALISED.finditer(before)):
        return ""  # "Jiménez ..., when he ran", "He takes it to the Bills' 7": someone else
    return " ".join(sorted(names))
