"""Two figures a sentence gives as the likely ends of one answer are read as one: "in 2024 or
2025", "between 10 p.m. and 2 a.m.", "between 6,000 and 60,000 thoughts". A year alone answers
when something planned years ahead is due; "the best time of night to" asks a time; a time zone
is in capitals ("2 a.m. it" is no zone). Hand-written sentences; the leads go through the
extractive answerer."""

from __future__ import annotations

import pytest

from bot.qa.question_kind import question_shape
from bot.qa.shape import HOW_MANY, WHEN
from tests.test_qa_extractive import _lead
from tests.test_qa_spans import _texts


@pytest.mark.parametrize(
    ("sentence", "shape", "want"),
    [
        (
            "The Orrin dam should be full in 2027 or 2028, engineers said.",
            WHEN,
            ["in 2027 or 2028"],
        ),
        (
            "Foxes hunt there between 9 p.m. and 3 a.m. most nights.",
            WHEN,
            ["between 9 p.m. and 3 a.m."],
        ),
        ("The ferry leaves on Monday or Tuesday.", WHEN, ["on Monday or Tuesday"]),
        # two unlike times stay apart: a year and a time of day
        ("It opened in 2019 or at 9 p.m., nobody recalls.", WHEN, ["in 2019", "at 9 p.m."]),
        ("At 2 a.m. it began to snow.", WHEN, ["At 2 a.m."]),
        (
            "The lamp draws between 400 and 900 moths a night.",
            HOW_MANY,
            ["between 400 and 900 moths"],
        ),
        # no "between": two counts joined by "and" are two answers
        ("Velm has 400 beds and 900 staff.", HOW_MANY, ["400 beds", "900 staff"]),
    ],
)
def test_likely_ends_are_one_answer(sentence: str, shape: str, want: list[str]) -> None:
    assert _texts(sentence, shape) == want


def test_the_best_time_to_do_a_thing_is_asked_when() -> None:
    assert question_shape("whats the best time of nite to see the glowworms") == WHEN
    assert question_shape("best time to visit velm?") == WHEN
    assert question_shape("what was her best time in the 400m") != WHEN  # a race's time


DAM = (
    "Engineers at the Orrin dam said the reservoir has been filling slowly since last spring. "
    "Recent surveys show the level rising faster, and the dam is now expected to be full in "
    "2027 or 2028, the authority said."
)


def test_a_year_alone_answers_when_a_planned_thing_is_due() -> None:
    assert _lead("when is the orrin dam gonna be full", DAM) == "In 2027 or 2028 [1]."
