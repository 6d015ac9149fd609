"""A question that asks for a place in an order ("what minute did he score", "what pick was
he", "where did the site have the owls in its rankings") is answered with the position, not a
count, a time or a place. Hand-written sentences; the leads go through the extractive
answerer."""

from __future__ import annotations

import pytest

from bot.qa.question_kind import question_shape
from bot.qa.shape import POSITION, WHAT, WHERE, answer_spans
from tests.test_qa_extractive import _lead


@pytest.mark.parametrize(
    "q",
    [
        "what minute did varga score vs the ferrymen",
        "what pick was ines marr in the 2021 draft",
        "where did the velm herald have the owls in its week 11 power rankings",
        "what spot did the owls get in the herald's power rankings",
        "which number derby was the one in october",
        "where does he rank among the league's keepers",
    ],
)
def test_a_place_in_an_order_is_asked(q: str) -> None:
    assert question_shape(q) == POSITION


def test_a_spot_or_a_number_without_an_order_is_no_position() -> None:
    assert question_shape("what's the best spot to watch the eclipse") == WHAT
    assert question_shape("where is the ranking published") == WHERE
    assert question_shape("what number should i call") == WHAT


def test_positions_are_read_with_what_they_order() -> None:
    def spans(s: str) -> list[str]:
        return [sp.text for sp in answer_spans(s, POSITION)]

    assert spans("3. Velm Owls 7-2 (5)") == ["3. Velm Owls"]
    assert spans("Marr was the No. 7 overall pick in 2021.") == ["No. 7 overall pick"]
    assert spans("He put him down in round seven with a hook.") == ["round seven"]
    assert spans("The 2023 season was his best, with 40 goals.") == []


def test_the_minute_of_a_goal_is_stated() -> None:
    text = (
        "The Ferrymen looked well placed through 45 minutes, but lost 3-1 to Velm. "
        "Sol Varga scored in the 58th minute to put Velm ahead for good."
    )
    assert _lead("what minute did varga score vs the ferrymen", text) == "58th minute [1]."


def test_a_ranked_lists_line_answers_where_a_team_was_ranked() -> None:
    text = (
        "Here is the herald's look at how all the teams stack up going into Week 11:\n"
        "Herald power rankings Week 11\n"
        "1. Harrow Hawks 8-1 (previous week: 1)\n"
        "The Hawks rested on their bye week.\n"
        "2. Tamsk Rovers 7-2 (previous week: 3)\n"
        "The Rovers beat Harrow in Week 10.\n"
        "3. Velm Owls 6-3 (previous week: 5)\n"
        "They won again, and look like the second-best team."
    )
    q = "where did the herald have the owls in its week 11 power rankings"
    # the line of the team asked about, not the top line that shares the question's words
    assert _lead(q, text) == "3. Velm Owls [1]."


def test_a_photo_counter_before_a_sentence_is_no_ranked_line() -> None:
    def spans(s: str) -> list[str]:
        return [sp.text for sp in answer_spans(s, POSITION)]

    assert spans("7 Harbour derbies are never dull and Velm Radio has this one live") == []
    assert spans("2 Tamsk Rovers (previous week: 3)") == ["2 Tamsk Rovers"]
    assert spans("4 Ada Quill, Velm") == ["4 Ada Quill"]
    text = (
        "7 Harbour derbies are never dull and Velm Radio has this one live Credit: Kell Photo. "
        "The 112th edition of the Harbour derby is at Ferry Park on Sunday, and the Owls are "
        "favourites."
    )
    assert _lead("which number harbour derby is the one on sunday", text) == "112th edition [1]."
