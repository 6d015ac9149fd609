"""A place in an order. Asked "what minute did he score", "what pick was he in the draft" or
"where did the site have the lions in its rankings", the answer is a position ("the 58th
minute", "No. 7", "3. Detroit Lions", "round seven"), not a count, a time or a place. The
question reading (``POSITION_Q``) and the spans of a sentence that give a position."""

from __future__ import annotations

import re

from ingest.keyword import tokenize

POSITION = "position"  # the answer shape (``bot.qa.shape``)
OTHER_ENTRY = 0.3  # what a ranked list's line about another entry than the one asked counts for

# orders a position is always asked in: "what minute", "which pick", "what round"
_ALWAYS = r"minute|pick|round|seed|lap|inning|innings|hole"
# "what spot", "what number": a position only where the question names a ranking or a finish
# ("what spot did houston get in the power rankings"; not "what's the best spot to watch")
_RANKED = r"place|spot|position|number|rank|ranking"
_RANKING_WORDS = re.compile(
    r"\b(?:rank(?:ed|s|ings?)?|standings|table|ladder|draft(?:ed)?|poll|finish(?:ed|es)?|chart|"
    r"list|top\s+\d+)\b",
    re.I,
)
_WHICH = r"\b(?:what|which|wat|wht|wich)\s+(?:number\s+|overall\s+)?"
_ALWAYS_Q = re.compile(rf"{_WHICH}(?:{_ALWAYS})\b|\bwhich\s+number\b", re.I)
_RANKED_Q = re.compile(rf"{_WHICH}(?:{_RANKED})\b", re.I)
# "where did the site have the lions in its power rankings", "where's lamb in the rankings"
_WHERE_RANKED_Q = re.compile(
    r"\bwhere(?:['’]?s\b|\s+(?:did|does|do|is|was|are|were)\b)[^?]{1,60}?"
    r"(?:\s(?:in|on)\s+(?:[\w'’-]+\s+){0,6}?(?:rankings|standings|table|ladder|list)"
    r"|\srank(?:ed)?)\b",
    re.I,
)


def position_asked(question: str) -> re.Match[str] | None:
    """Where the question asks for a position, if it does."""
    m = _ALWAYS_Q.search(question)
    if m is None and _RANKING_WORDS.search(question):
        m = _RANKED_Q.search(question) or _WHERE_RANKED_Q.search(question)
    return m


_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_ORDER_NOUN = (
    r"(?:minute|pick|round|place|spot|position|seed|lap|inning|hole|overall|game|state|derby|"
    r"edition|time|straight)"
)
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)"
)
_POSITION_RX = re.compile(
    # "3. Detroit Lions", "2 CeeDee Lamb": a ranked list's line, its rank and the name after it,
    # which no word follows ("3. Detroit Lions 11-3 (5)"); not a photo counter before a sentence
    # ("9 Merseyside derbies are never dull")
    r"^\d{1,3}\.?\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}(?![\w'’.&-]|\s+[A-Za-z])"
    # "58th minute", "262nd overall pick", "12th-place", "34th"
    rf"|\b\d{{1,3}}(?:st|nd|rd|th)\b(?:[\s-]+(?:overall\s+)?{_ORDER_NOUN}\b)?"
    # "second-round pick", "the first minute"
    rf"|\b{_ORDINAL_WORD}[\s-]+(?:overall\s+)?{_ORDER_NOUN}\b(?:\s+pick\b)?"
    # "No. 7", "No. 7 overall pick"
    r"|\bNo\.\s?\d{1,3}\b(?:\s+overall)?(?:\s+(?:pick|seed|spot))?"
    # "round seven", "Rank 11", "Game 5"
    rf"|\b(?:[Rr]ound|[Mm]inute|[Pp]ick|[Rr]ank|[Ll]ap|[Hh]ole|[Ii]nning|[Ss]eed|Game)\s+{_NUM_WORD}\b"
    # a minute mark: "71'", "90+3'"
    r"|\b\d{1,3}(?:\+\d{1,2})?['’](?=\s|$|[,.;)])",
)


def position_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each span of ``sentence`` that gives a position."""
    return [m.span() for m in _POSITION_RX.finditer(sentence)]


_LIST_LINE = re.compile(r"^\d{1,3}\.?\s+(.+)$")


def ranked_fit(span: str, q_toks: set[str]) -> float:
    """A ranked list's line ("3. Detroit Lions") answers only for the entry the question names."""
    m = _LIST_LINE.match(span)
    if m is None:
        return 1.0
    return 1.0 if set(tokenize(m.group(1))) & q_toks else OTHER_ENTRY
