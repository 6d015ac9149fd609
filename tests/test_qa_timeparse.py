"""Dates and ranges in a question, read relative to a fixed reference time.

NOW is Friday, November 27, 2026, 12:00 UTC: "this Monday" is November 23, "last week" is the
calendar week November 16-22, "yesterday" is November 26.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.qa.timeparse import parse_time

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


def utc(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def test_the_reference_day_is_a_friday() -> None:
    # The expectations below are worked out by hand from this.
    assert NOW.strftime("%A") == "Friday"


def test_on_a_specific_date_names_that_day_without_a_range() -> None:
    tf = parse_time("What happened at the Orvel crossing on October 7, 2023?", NOW)
    assert tf.dates == (date(2023, 10, 7),)
    assert tf.active
    assert not tf.wants_latest
    # One day named: a boost for that day, not a hard window.
    assert tf.start is None and tf.end is None


@pytest.mark.parametrize(
    "question",
    [
        "What did the ministry say on 7 October 2023?",
        "What did the ministry say on Oct. 7, 2023?",
        "What did the ministry say on 2023-10-07?",
    ],
)
def test_other_spellings_of_the_same_date(question: str) -> None:
    assert parse_time(question, NOW).dates == (date(2023, 10, 7),)


def test_a_date_without_a_year_is_the_most_recent_one_not_in_the_future() -> None:
    assert parse_time("What happened on October 7?", NOW).dates == (date(2026, 10, 7),)
    # December 3 has not come yet in 2026: the December 3 meant is last year's.
    assert parse_time("What happened on December 3?", NOW).dates == (date(2025, 12, 3),)


def test_in_november_is_this_years_november() -> None:
    tf = parse_time("How did the markets move in November?", NOW)
    # what happened in November is reported into the first week of December
    assert (tf.start, tf.end) == (utc(2026, 11, 1), utc(2026, 12, 8))
    assert tf.active


def test_in_a_month_still_to_come_is_last_years() -> None:
    tf = parse_time("What did the central bank decide in December?", NOW)
    assert (tf.start, tf.end) == (utc(2025, 12, 1), utc(2026, 1, 8))


@pytest.mark.parametrize(
    "question", ["what's the top streaming pick for december", "Forecast for March 2027?"]
)
def test_what_a_month_holds_in_store_is_no_publication_month(question: str) -> None:
    tf = parse_time(question, NOW)
    assert not tf.active
    assert tf.start is None and tf.end is None


def test_in_a_month_with_a_year() -> None:
    tf = parse_time("How did the committee vote in May 2025?", NOW)
    assert (tf.start, tf.end) == (utc(2025, 5, 1), utc(2025, 6, 8))


def test_last_week_starts_the_previous_calendar_week_and_runs_to_now() -> None:
    # what happened last week is reported then or since (a Friday piece on last week's ruling)
    tf = parse_time("What happened in the strike last week?", NOW)
    assert (tf.start, tf.end) == (utc(2026, 11, 16), utc(2026, 11, 29))


def test_since_monday_starts_this_monday() -> None:
    tf = parse_time("What has happened since Monday?", NOW)
    assert tf.start == utc(2026, 11, 23)
    assert tf.end == utc(2026, 11, 29)  # up to now (two days' slack for time zones)


def test_on_monday_is_that_day_and_the_next() -> None:
    # What happened on Monday is often reported on Tuesday.
    tf = parse_time("What did the envoy say on Monday?", NOW)
    assert (tf.start, tf.end) == (utc(2026, 11, 23), utc(2026, 11, 25))


def test_yesterday_is_the_previous_day_until_now() -> None:
    # Yesterday's news is published yesterday or today; a member's yesterday began up to 14
    # hours before UTC's (UTC+14).
    tf = parse_time("What did Quillon announce yesterday?", NOW)
    assert (tf.start, tf.end) == (utc(2026, 11, 25, 10), utc(2026, 11, 29))
    assert parse_time("what happened with the strike last night", NOW).start == utc(
        2026, 11, 25, 10
    )


def test_today_began_at_the_earliest_midnight_on_earth() -> None:
    # Asked at 08:00 UTC, in Sydney's evening: today's market report there came out at 23:50 UTC
    # the day before.
    tf = parse_time(
        "how much did the bank shed on the asx today", datetime(2023, 10, 11, 8, tzinfo=UTC)
    )
    assert tf.start == utc(2023, 10, 10, 10)
    assert tf.start < datetime(2023, 10, 10, 23, 50, tzinfo=UTC)


def test_tonight_over_by_now_was_reported_today_but_a_game_to_come_may_be_previewed_earlier() -> (
    None
):
    asked = datetime(2023, 12, 1, 23, 30, tzinfo=UTC)
    tf = parse_time("what time did her winner go in tonight", asked)
    assert (tf.start, tf.phrase) == (utc(2023, 11, 30, 10), "tonight")
    # a game still to come: its preview may be days old, so no window is set
    assert not parse_time("who is starting in goal tonight", asked).active


@pytest.mark.parametrize(
    "question",
    ["anything new on the strike in the past couple of days", "news from the last few days?"],
)
def test_a_couple_of_days_is_three(question: str) -> None:
    assert parse_time(question, NOW).start == utc(2026, 11, 24, 12)


def test_this_month_starts_on_the_first() -> None:
    tf = parse_time("What has the transit authority said this month?", NOW)
    assert tf.start == utc(2026, 11, 1)
    assert tf.end == utc(2026, 11, 29)


def test_the_last_three_days_count_back_from_now() -> None:
    tf = parse_time("Any news in the last 3 days?", NOW)
    assert tf.start == utc(2026, 11, 24, 12)


def test_between_two_full_dates_is_an_inclusive_range() -> None:
    tf = parse_time("What happened between September 28, 2023 and December 18, 2023?", NOW)
    assert tf.start == utc(2023, 9, 28)
    assert tf.end == utc(2023, 12, 19)  # exclusive end: December 18 itself is inside
    assert set(tf.dates) == {date(2023, 9, 28), date(2023, 12, 18)}


def test_a_range_whose_first_date_has_no_year_takes_the_year_of_the_second() -> None:
    tf = parse_time("What happened between September 28 and December 18, 2023?", NOW)
    assert (tf.start, tf.end) == (utc(2023, 9, 28), utc(2023, 12, 19))


def test_after_and_before_a_date_are_open_ranges() -> None:
    after = parse_time("Which articles were published after October 5?", NOW)
    assert after.start == utc(2026, 10, 5) and after.end is None
    before = parse_time("What did analysts expect before November 4?", NOW)
    assert before.start is None and before.end == utc(2026, 11, 4)


@pytest.mark.parametrize(
    "question",
    [
        "What is the latest on the Orvel crossing?",
        "Any recent news on the Quillon appeal?",
        "anything new on the quillon appeal?",
        "any news about the ceasefire",
    ],
)
def test_freshness_words_ask_for_the_newest_articles(question: str) -> None:
    tf = parse_time(question, NOW)
    assert tf.wants_latest
    assert not tf.active  # newest first, but nothing is filtered out


@pytest.mark.parametrize(
    "question",
    [
        "Is the Halverton strike still going on now?",
        "What is the current status of the Q7 licence?",
        "any update on what the union wants?",
    ],
)
def test_everyday_time_words_do_not_ask_for_fresh_news(question: str) -> None:
    # "still", "now", "current", "update" are said of any time: undated articles keep their rank
    assert not parse_time(question, NOW).wants_latest


@pytest.mark.parametrize(
    ("question", "dates"),
    [
        ("what did the TechCrunch article published on October 7 say", 1),
        ("Between the report from The Verge on October 7 and ...", 1),
        ("news from Nov 3 about the strike", 1),
        ("what happened on october 20 at the border", 0),
        ("how many died in the Oct 7 attack", 0),
        ("which 3 may face charges?", 0),
        ("who won the game on May 3", 0),
    ],
)
def test_a_date_filters_publication_only_where_it_names_one(question: str, dates: int) -> None:
    import re

    sources = [m.span() for m in re.finditer(r"TechCrunch|The Verge", question)]
    tf = parse_time(question, NOW, sources=sources, publication_only=True)
    assert len(tf.dates) == dates


@pytest.mark.parametrize(
    "question",
    [
        "Who is leading the mediation between Veldoria and Karsenia?",  # "between", no dates
        "How many transit workers walked out?",
        "Why did Aldmere suspend Quillon's export licence for the Q7 chip?",
    ],
)
def test_a_question_without_a_time_phrase_sets_nothing(question: str) -> None:
    tf = parse_time(question, NOW)
    assert not tf.active
    assert not tf.wants_latest
    assert tf.start is None and tf.end is None and tf.dates == ()


def test_a_naive_now_is_taken_as_utc() -> None:
    tf = parse_time("What happened yesterday?", datetime(2026, 11, 27, 12))
    assert (tf.start, tf.end) == (utc(2026, 11, 25, 10), utc(2026, 11, 29))


def test_a_relative_window_ends_at_now_so_a_later_article_is_outside_it() -> None:
    """Asked of an archive as of a past day ("where are the meetings this week", asked on
    Monday 2026-11-23), a report from three weeks later is not this week's."""
    tf = parse_time(
        "where are the winter meetings this week", datetime(2026, 11, 23, 12, tzinfo=UTC)
    )
    assert tf.start == utc(2026, 11, 23) and tf.end == utc(2026, 11, 25)
