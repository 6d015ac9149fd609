"""Dates and ranges in a question, read relative to a reference time ``now``.

Handles what members actually type: "on October 7, 2023", "in November", "last week",
"since Monday", "yesterday", "this month", "between September 28, 2023 and December 18, 2023",
"published after October 5", plus "latest"/"recent"/"now" for freshness.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH_RE = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "October 7, 2023", "Oct 7 2023", "7 October 2023", "October 7", "2023-10-07"
_DATE_RE = (
    rf"(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
)
_DATE = re.compile(r"\b" + _DATE_RE + r"\b", re.I)
# "in November": what came out then, and in the week after (MONTH_SLACK_DAYS). Not "for
# December" ("the top netflix pick for december", "the forecast for March"): what a month holds
# in store is written before it starts.
_MONTH_YEAR = re.compile(rf"\b(?:in|during|of)\s+(?P<m>{_MONTH_RE})(?:\s+(?P<y>\d{{4}}))?\b", re.I)
# Asking for the newest news. Not "now", "still", "current", "today" or "update": they say the
# same in questions about any time ("is the strike still on?").
_LATEST = re.compile(
    r"\b(latest|newest|most recent|recent(?:ly)?|any news|anything new|new developments?|"
    r"just happened|breaking)\b",
    re.I,
)


NOW_SLACK_DAYS = 2  # a relative window ends this many days after today begins (time zones)
# A member's "today" began at their midnight, up to 14 hours before UTC's (UTC+14): "how much
# did the shares shed today", asked in Sydney's evening, is about a report UTC dates yesterday.
TZ_AHEAD = timedelta(hours=14)
MONTH_SLACK_DAYS = 7  # "in September" reaches this many days into October


@dataclass
class TimeFilter:
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive
    wants_latest: bool = False
    dates: tuple[date, ...] = ()  # specific days named ("on October 7, 2023")
    phrase: str = ""  # what was understood, for the reply
    span: tuple[int, int] | None = None  # where a relative phrase ("last week") stands

    @property
    def active(self) -> bool:
        return self.start is not None or self.end is not None or bool(self.dates)


_PAST_TENSE = re.compile(r"\b(?:did|was|were|went|got|had|scored|won|lost|beat|finished|ended)\b")


def _day_start(d: date, tz=UTC) -> datetime:
    return datetime.combine(d, time.min, tzinfo=tz)


def _year_for(month: int, day: int, now: datetime) -> int:
    """A date without a year is the most recent such date not in the future."""
    y = now.year
    try:
        if date(y, month, day) > now.date():
            y -= 1
    except ValueError:
        pass
    return y


def _parse_match(m: re.Match[str], now: datetime) -> date | None:
    try:
        if m.group("iso"):
            return date.fromisoformat(m.group("iso"))
        mon = m.group("m1") or m.group("m2")
        day = int(m.group("d1") or m.group("d2"))
        month = MONTHS[mon.lower().rstrip(".")]
        year_s = m.group("y1") or m.group("y2")
        year = int(year_s) if year_s else _year_for(month, day, now)
        return date(year, month, day)
    except (ValueError, KeyError):
        return None


def day_named(text: str, anchor: date) -> date | None:
    """The first day-and-month date ``text`` names ("on 14 December", "Nov. 2, 2023"); without a
    year, the one nearest ``anchor`` (an article's date: what it calls "14 December" in November
    is the coming one). None when it names no such date."""
    for m in _DATE.finditer(text):
        if m.group("iso"):
            with_year = _parse_match(m, datetime.combine(anchor, time.min, tzinfo=UTC))
            if with_year is not None:
                return with_year
            continue
        try:
            month = MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
            day = int(m.group("d1") or m.group("d2"))
            year_s = m.group("y1") or m.group("y2")
            if year_s:
                return date(int(year_s), month, day)
            got = min(
                (d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                 if (d := _valid(y, month, day)) is not None),
                key=lambda d: abs((d - anchor).days),
                default=None,
            )  # fmt: skip
        except (KeyError, ValueError):
            continue
        if got is not None:
            return got
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:  # February 29 in a year without one
        return d


def _month_range(year: int, month: int) -> tuple[datetime, datetime]:
    start = _day_start(date(year, month, 1))
    end = _day_start(date(year + (month == 12), month % 12 + 1, 1))
    return start, end


def _ranged(question: str, m: re.Match[str]) -> bool:
    """ "since October 5", "between ... and ...": a range of publication by its wording."""
    return bool(
        re.search(
            r"\b(?:since|after|before|until|prior to|between|from)\s*$", question[: m.start()], re.I
        )
    )


def date_spans(
    question: str,
    now: datetime,
    *,
    sources: Sequence[tuple[int, int]] = (),
    publication_only: bool = False,
) -> list[tuple[int, int, date]]:
    """Each explicit date the question names, with where it is: (start, end, date); with
    ``publication_only``, only those naming when articles came out."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return [(m.start(), m.end(), d) for m, d in _dates(question, now, sources, publication_only)]


def _dates(
    question: str, now: datetime, sources: Sequence[tuple[int, int]], publication_only: bool
) -> list[tuple[re.Match[str], date]]:
    return [
        (m, d)
        for m in _DATE.finditer(question)
        if (d := _parse_match(m, now))
        and _month_ok(m, question)
        and (
            not publication_only
            or _ranged(question, m)
            or publication_role(question, m.start(), m.end(), sources)
        )
    ]


# A date names when an article came out ("the TechCrunch article published on October 7",
# "news from Nov 3") rather than when something happened ("the Oct 7 attack", "what happened on
# October 20 at the border") when publication words or an outlet stand just before it.
_PUB_BEFORE = re.compile(
    r"\b(?:published|posted|dated|released|article|articles|report|reports|reported|story|"
    r"stories|piece|coverage|news|column|op-ed|editorial|wrote|writes|written|issue|edition|"
    r"headlines?)\b[^.?!]{0,60}$",
    re.I,
)
_PUB_AFTER = re.compile(
    r"^[,\s]*(?:\d{4}\s*)?,?\s*(?:article|report|story|piece|edition|issue|headlines?)\b", re.I
)


_MODIFIES = re.compile(
    r"^(?:,?\s*\d{4})?\s+(?!(?:and|or|to|in|on|at|about|with|for|by|from|that|which|when|where|"
    r"while|as|of|what|who|did|does|do|was|were|is|are|has|had|have|say|said|says|report|"
    r"reported|article|story|piece|edition|issue)\b)[a-z]{3,}"
)


def publication_role(
    question: str, start: int, end: int, sources: Sequence[tuple[int, int]] = ()
) -> bool:
    """Whether the date at ``question[start:end]`` names a publication date."""
    if _MODIFIES.match(question[end : end + 20]):
        return False  # "the Oct 7 attack": the date names the event
    if _PUB_BEFORE.search(question[max(0, start - 60) : start]):
        return True
    if _PUB_AFTER.match(question[end : end + 30]):
        return True
    # "The Verge on October 7", "October 7's TechCrunch piece": an outlet right beside it.
    return any(0 <= start - e <= 12 or 0 <= s - end <= 12 for s, e in sources)


def _month_ok(m: re.Match[str], question: str) -> bool:
    """ "may" is a month only when written "May" or beside a year ("which 3 may face charges")."""
    mon = (m.group("m1") or m.group("m2") or "").rstrip(".")
    if mon.lower() != "may":
        return True
    return mon == "May" or bool(m.group("y1") or m.group("y2"))


def parse_time(
    question: str,
    now: datetime,
    *,
    sources: Sequence[tuple[int, int]] = (),
    publication_only: bool = False,
) -> TimeFilter:
    """The dates, ranges and freshness a question asks for. With ``publication_only``, an
    explicit date counts only where it names when articles came out (``publication_role``;
    ``sources`` are where the question names outlets); other dates are part of the topic."""
    q = question.lower()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    today = now.date()
    tf = TimeFilter(wants_latest=bool(_LATEST.search(q)))

    # Explicit dates: keep them all; a range when the question says between/from..to.
    found = _dates(question, now, sources, publication_only)
    dates = [d for _, d in found]
    if dates:
        tf.dates = tuple(dates)
        before = question[: found[0][0].start()].lower()
        if len(dates) >= 2 and re.search(r"\b(between|from)\s*$|\b(between|from)\b", before[-40:]):
            # "between September 28 and December 18, 2023": a yearless end takes the year the
            # other end names, not the current one.
            years = [int(y) for m, _ in found if (y := m.group("y1") or m.group("y2"))]
            if years:
                dates = [
                    d
                    if (m.group("y1") or m.group("y2") or m.group("iso"))
                    else _with_year(d, years[-1])
                    for m, d in found
                ]
                tf.dates = tuple(dates)
            lo, hi = min(dates), max(dates)
            tf.start, tf.end = _day_start(lo), _day_start(hi + timedelta(days=1))
            tf.phrase = f"between {lo.isoformat()} and {hi.isoformat()}"
        elif re.search(r"\b(since|after)\s*$", before):
            tf.start = _day_start(dates[0])
            tf.phrase = f"since {dates[0].isoformat()}"
        elif re.search(r"\b(before|until|prior to)\s*$", before):
            tf.end = _day_start(dates[0])
            tf.phrase = f"before {dates[0].isoformat()}"
        else:
            tf.phrase = ", ".join(d.isoformat() for d in dates)
        return tf

    if m := re.search(r"\b(?:yesterday|last\s+night)\b", q):
        # news of yesterday is published yesterday or today
        d = today - timedelta(days=1)
        tf.start, tf.end, tf.phrase = _day_start(d) - TZ_AHEAD, None, m.group(0)
    elif m := re.search(
        r"\b(?:(?:the\s+)?(?:last|past)\s+(?:couple\s+(?:of\s+)?|few\s+)(days|weeks)|"
        r"(?:in\s+)?the\s+last\s+(?:48|72)\s+hours)\b",
        q,
    ):
        days = 3 if (m.group(1) or "days") == "days" else 21
        tf.start, tf.phrase = now - timedelta(days=days), m.group(0)
    elif (m := re.search(r"\btoday\b", q)) or (
        (m := re.search(r"\btonight\b", q)) and _PAST_TENSE.search(q)
    ):
        # "what time did her winner go in tonight": over by now, reported today ("who plays
        # tonight" is not: a preview may be days old)
        tf.start, tf.end, tf.phrase = _day_start(today) - TZ_AHEAD, None, m.group(0)
    elif m := re.search(r"\b(last|past|previous)\s+(\d+\s+)?(day|week|month|year)s?\b", q):
        n = int(m.group(2)) if m.group(2) else 1
        unit = m.group(3)
        if unit == "week" and not m.group(2) and m.group(1) == "last":
            # "last week": from the previous calendar week's Monday. What happened then is
            # reported then or since ("where was dyche when he heard of the points deduction
            # last week", asked of Friday's piece on it), as news of yesterday is.
            this_monday = today - timedelta(days=today.weekday())
            tf.start = _day_start(this_monday - timedelta(days=7))
        else:
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
            tf.start = now - timedelta(days=days)
        tf.phrase = m.group(0)
    elif m := re.search(r"\bthis\s+(week|month|year)\b", q):
        unit = m.group(1)
        if unit == "week":
            tf.start = _day_start(today - timedelta(days=today.weekday()))
        elif unit == "month":
            tf.start = _day_start(today.replace(day=1))
        else:
            tf.start = _day_start(date(today.year, 1, 1))
        tf.phrase = m.group(0)
    elif m := re.search(r"\b(since|after)\s+(last\s+)?(" + "|".join(WEEKDAYS) + r")\b", q):
        wd = WEEKDAYS.index(m.group(3))
        back = (today.weekday() - wd) % 7 or 7
        tf.start = _day_start(today - timedelta(days=back))
        tf.phrase = m.group(0)
    elif m := re.search(r"\bon\s+(" + "|".join(WEEKDAYS) + r")\b", q):
        wd = WEEKDAYS.index(m.group(1))
        back = (today.weekday() - wd) % 7 or 7
        d = today - timedelta(days=back)  # reported that day or the next
        tf.start, tf.end, tf.phrase = _day_start(d), _day_start(d + timedelta(days=2)), m.group(0)
    elif m := _MONTH_YEAR.search(question):
        month = MONTHS[m.group("m").lower().rstrip(".")]
        year = int(m.group("y")) if m.group("y") else _year_for(month, 1, now)
        tf.start, end = _month_range(year, month)
        # what happened in a month is reported into the first days of the next ("how many jobs
        # were added in September": the figures come out in early October)
        tf.end = end + timedelta(days=MONTH_SLACK_DAYS)
        tf.phrase = f"{m.group('m')} {year}"
    if tf.start is not None and tf.end is None:
        # "this week", "yesterday", "the past few days": up to now. Nothing is published later,
        # but a clock set wrong, or a question asked of an archive as of a past day, says so.
        tf.end = _day_start(today + timedelta(days=NOW_SLACK_DAYS))
    if tf.active and m is not None and len(q) == len(question):
        tf.span = m.span()  # offsets in ``q`` are offsets in the question
    return tf


LATER_SLACK_DAYS = 1  # a day after the question is asked: time zones
YEAR_WORD = re.compile(r"\b((?:19|20)\d{2})\b")


def later_than(when: str, written: date, asked: date) -> bool:
    """The time names a year after ``written`` (its article's date; "by the first quarter of
    2024" in a 2023 article), or a day after ``asked``: still to come when the question is asked
    ("the last six episodes on 14 December", asked in November). A day without a year is the
    one nearest the article's date."""
    if any(int(y) > written.year for y in YEAR_WORD.findall(when)):
        return True
    day = day_named(when, written)
    return day is not None and day > asked + timedelta(days=LATER_SLACK_DAYS)


def earlier_than(when: str, written: date) -> bool:
    """The time names a year before ``written`` (its article's date), or a day more than
    ``LATER_SLACK_DAYS`` before it ("on Nov. 21" in a November 30 article): gone by when the
    article was written, so no answer to what is still to come."""
    years = YEAR_WORD.findall(when)
    if years and all(int(y) < written.year for y in years):
        return True
    day = day_named(when, written)
    return day is not None and day < written - timedelta(days=LATER_SLACK_DAYS)
