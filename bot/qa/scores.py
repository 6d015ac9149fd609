"""Whether a score is a game's result: not a season's record ("the Panthers (1-8)") or the
score at some point of the game ("18-17 just before the break"). Read by
``bot.qa.answer_kind``."""

from __future__ import annotations

import re

from .shape import RECORD_AROUND, Span

# "what's the bears record now", "tito's career record with cleveland": a team's or a coach's
# wins and losses ("5-9", "921-757"), asked the way a score is; not a record set ("a record
# high", "the world record", "record sales")
RECORD_Q = re.compile(
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\bworld\s)(?<!\btrack\s)(?<!\bnew\s)\brecord\b"
    r"(?!\s*-|\s+(?:highs?|lows?|numbers?|labels?|deals?|books?|sales|breaking|time|amounts?|"
    r"profits?|revenues?|crowds?|attendance|heat|temperatures?|levels?|years?|quarters?|share|"
    r"prices?|for|holder|setting|store|company|player)\b)",
    re.I,
)
# "whose record did he pass", "broke whose record", "can u record vids": a feat, or the verb
_NOT_WIN_LOSS = re.compile(
    r"\bwhose\b|\b(?:break|breaks|broke|broken|smash\w*|pass|passed|passing|beat|beats|set|sets|"
    r"closing\s+in)\b|\b(?:to|u|you|can|could|i|we|they)\s+record\b",
    re.I,
)
RECORD_FIT = 1.2  # what a season's record counts for, asked for a record
NOT_RECORD = 0.6  # ... and a game's score


# words around a score that say it is the result, or only the score at some point of the game
_FINAL = re.compile(
    r"\b(?:final(?:\s+score)?|full[\s-]?time|ft|ended|finished|stayed|won|beat|beating|"
    r"victory|win|defeat|lost|loss|triumph|thrashed|edged)\b",
    re.I,
)
_INTERIM = re.compile(
    r"\b(?:half[\s-]?time|at\s+the\s+break|before\s+the\s+break|narrow(?:ed|s)?\s+the\s+gap|"
    r"(?:first|second|third|fourth)\s+quarter|end\s+of\s+the\s+(?:first|second|third)|"
    r"led|leading|trail(?:ed|ing)|mins?\b|minutes?\s+in|inning|\d{1,2}'|q[1-3]\b)",
    re.I,
)


def record_asked(question: str) -> re.Match[str] | None:
    """Where the question asks for a win-loss record ("whats the bears record now"), or None."""
    return None if _NOT_WIN_LOSS.search(question) else RECORD_Q.search(question)


def result_weight(sentence: str, sp: Span, base: float, asked: set[str] | frozenset[str]) -> float:
    """``base``, the score's rating so far, weighed by the words around it; ``asked``, the
    question's words, say whether a record is asked for rather than a result."""
    before, after = sentence[max(0, sp.start - 16) : sp.start], sentence[sp.end : sp.end + 24]
    record = bool(RECORD_AROUND[0].search(before) or RECORD_AROUND[1].match(after))
    if "record" in asked and not asked & {"score", "scoreline", "result"}:
        return base * (RECORD_FIT if record else NOT_RECORD)  # "Andrade (32-0, 19 KOs)"
    if record:
        return 0.4  # "the Panthers (1-8)": a season's record, not the game's result
    near_score = sentence[max(0, sp.start - 50) : sp.end + 50]
    if _INTERIM.search(near_score):
        return base * 0.7  # "narrowed the gap to 18-17 just before the break": not the result
    if _FINAL.search(near_score):
        return base * 1.2  # "took the score to 28-24 and that's how it stayed"
    return base
