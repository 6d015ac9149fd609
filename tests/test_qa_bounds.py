"""A figure's bound stays with it ("just under $2M", "just over 70"), a bound does not hide an
age, and "one" is a count when a count of others follows it ("won just one out of the last
25"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.shape import HOW_MANY, answer_spans
from tests.test_qa_extractive import _lead


def test_just_under_and_just_over_bound_the_figure() -> None:
    s = "The club stays on the hook for his deal, which runs through 2027 at just under $3M a season."
    assert _lead("how much are they still paying him a season", s) == (
        "Just under $3M a season [1]."
    )
    t = "Some 4,000 fans queued at dawn, and just over 9,000 had come through the gates by noon."
    assert "just over 9,000" in [sp.text for sp in answer_spans(t, HOW_MANY)]


def test_an_age_after_a_bound_is_still_an_age() -> None:
    s = "The founder, now just over 70, still runs all 12 of the shops herself."
    assert _lead("how old is the founder", s) == "Just over 70 [1]."


def test_one_out_of_the_last_few_is_a_count() -> None:
    s = (
        "Brakstad were winless in their first five games this season. They have won just one out "
        "of the last 25 derbies against Osk."
    )
    assert _lead("how many of the last 25 derbies have brakstad won", s) == "One [1]."
    # "one of them" stays a pronoun, and "one of six drivers" is one driver, no count
    assert [sp.text for sp in answer_spans("She picked one of them up.", HOW_MANY)] == []
    spans = answer_spans("He is one of six drivers who crashed.", HOW_MANY)
    assert [sp.text for sp in spans] == ["six drivers"]
