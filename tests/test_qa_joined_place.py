"""Where-questions: a place joined to the one the question names ("to the Otters in Welbrook")
gives the place it does not name ("in Welbrook"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.shape import Span, last_place
from tests.test_qa_extractive import _lead

COLLAPSE = (
    "The Harriers are 8-10 after Tuesday's collapse to the Otters in Welbrook. "
    "Coach Ana Pell said the side had been to Marlow for a training camp in the summer."
)


def test_the_last_of_joined_places() -> None:
    s = "They lost to the Otters in Welbrook."
    joined = Span(s.index("to the"), len(s) - 1, "to the Otters in Welbrook")
    last = last_place(joined)
    assert last is not None and last.text == "in Welbrook"
    assert s[last.start : last.end] == "in Welbrook"
    assert last_place(Span(0, 4, "in Welbrook")) is None  # one place alone


def test_the_place_the_question_does_not_name_leads() -> None:
    assert _lead("where did the harriers cough up that lead to the otters", COLLAPSE) == (
        "In Welbrook [1]."
    )
