"""What a when-question's words and a time's words say about a time as its answer: a time of
day for "what time", a year alone against a date, a time from now on for a question about the
past, "until" for one about when something ended. Weighed in ``bot.qa.answer_kind``."""

from __future__ import annotations

import re

# times from now on: no answer to a question about the past
NOW_ON = re.compile(
    r"\b(?:tonight|today|tomorrow|next\s+\w+|this\s+(?:week|weekend|month|season)|coming)\b", re.I
)
# a time gone by: "since last spring", "yesterday", "two weeks ago", not when a planned thing is
GONE_BY = re.compile(
    r"^since\b|\b(?:last\s+(?:week|month|year|season|spring|summer|autumn|fall|"
    r"winter|night)|yesterday|ago)\b",
    re.I,
)
GONE = 0.5  # what a time gone by counts, asked when a thing to come will be
CLOCK_MATCH = 1.3  # a time of day, asked "what time", against a date
CLOCK_Q = re.compile(
    r"\bwhat\s+time\b|\b(?:kick-?\s?off|start|tip-?off|first\s+pitch)\s+time\b", re.I
)
CLOCK = re.compile(r"\d(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b", re.I)
CLOCK_ONLY = re.compile(
    r"^(?:at\s+|by\s+|around\s+|about\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)?"
    r"(?:\s+(?:ET|PT|CT|MT|EST|EDT|PST|PDT|CST|CDT|GMT|BST|UTC|local))?$",
    re.I,
)
CLOCK_PAST = 0.6  # a time of day alone, asked when something in the past happened
UNTIL = 0.6  # when something lasted until, asked when it happened
UNTIL_RX = re.compile(r"(?:until|till|through)\b", re.I)
# "won't reopen until", "not due until": the time after "until" is when it happens
NOT_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever)\s+(?:\w+\s+){0,4}$", re.I)
END_Q = re.compile(
    # "when's the deadline": "X has until October 18" is when it falls due
    r"\b(?:until|till|through|end(?:s|ed|ing)?|last(?:s|ed)?|how\s+long|over|deadline|due|"
    r"expir\w*)\b",
    re.I,
)
YEAR_ALONE = 0.6  # a year alone, asked when (not "what year"): a day or date says more
# ... asked when something long done happened ("when did uber add audio recording"): news
# dates what is years old by its year
YEAR_PAST = 0.85  # ... or what is planned years ahead ("expected to peak in 2024 or 2025")
# a year alone, or two as its likely ends ("in 2024 or 2025", "between 2019 and 2021")
YEAR_ONLY = re.compile(
    r"^(?:in\s+|since\s+|by\s+|from\s+|until\s+|between\s+)?(?:19|20)\d{2}"
    r"(?:\s+(?:or|and|to)\s+(?:19|20)\d{2})?$",
    re.I,
)
YEAR_Q = re.compile(r"\b(?:what|which)\s+(?:yr|year)\b|\byear\s+(?:did|was|were)\b", re.I)
VAGUE_WHEN = re.compile(
    r"^(?:in\s+|(?:at|by)\s+(?=the\s+(?:end|start|beginning|middle)\b))?(?:the\s+)?"
    r"(?:(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:(?:early|late|later|mid)[\s-]+)?(?:next|last|this|coming)\s+"
    r"(?:week|month|year|decade|season)|(?:coming|next\s+few)\s+(?:weeks|months|years)|"
    r"(?:(?:early|late|mid)[\s-]+)?(?:spring|summer|autumn|fall|winter)|(?:19|20)\d{2})",
    re.I,
)
# "when was the last time they won", "when did they last lose a test": the time before this one,
# which news writes as "their first win since 2015"
LAST_TIME_Q = re.compile(
    r"\blast\s+time\b|\b(?:did|have|has|had|was|were)\s+(?:[\w'’]+\s+){1,3}?last\s+"
    r"(?!(?:week|month|year|season|night|time|weekend)\b)[a-z]+",
    re.I,
)
SINCE_LAST = 1.6  # "their first win since 2015", asked when was the last time
_FIRST_BEFORE = re.compile(r"\bfirst\b(?:\W+\w+){0,8}?\W*$", re.I)


def since_last(sentence: str, start: int, span: str) -> float:
    """How much more "since 2015" answers "when was the last time" where the sentence counts
    this one as the first since then ("their first win over the Utes since 2015")."""
    if not re.match(r"since\s", span, re.I):
        return 1.0
    return SINCE_LAST if _FIRST_BEFORE.search(sentence[max(0, start - 80) : start]) else 1.0


# a name ending in a weekday is no day: "Cyber Monday", "Black Friday", "Super Bowl Sunday" (the
# words before the weekday)
NAMED_DAY_BEFORE = re.compile(
    r"\b(?:Cyber|Black|Good|Easter|Giving|Super|Ash|Palm|Holy|Maundy|Blue|Selection|Travel|"
    r"Business|Bowl|Fat|Shrove|Bloody|Manic)\s+$"
)


def when_weight(
    text: str,
    base: float,
    *,
    past_q: bool,
    future_q: bool,
    ago_q: bool,
    year_q: bool,
    dated_years: frozenset[str],
) -> float:
    """What the time ``text`` counts for, from ``base``, asked when: whether the question asks
    of a time gone by, of one to come, how long ago, or what year; ``dated_years`` are the
    years some candidate dates to the day."""
    if past_q and NOW_ON.search(text):
        base *= 0.5  # "when did it start": not "tonight" or "next week"
    if VAGUE_WHEN.search(text):
        # "this week", "in the spring": a day or date says more; "in 1997" answers "what year"
        year = YEAR_ONLY.match(text)
        # a year alone that no other candidate dates more closely ("on 4 March 2019") is the
        # date news gives for what is long done
        undated = (past_q or future_q) and bool(year) and text[-4:] not in dated_years
        base = (1.0 if year_q else YEAR_PAST if undated else YEAR_ALONE) if year else 0.6
    if not ago_q and text.lower().endswith(" ago"):
        base = 0.5  # "30 years ago" answers "how long ago", not "what year"
    if future_q and not past_q and GONE_BY.search(text):
        base *= GONE  # "when will the dam be full": not "since last spring"
    return base
