"""A team's, a fighter's or a coach's record ("whats the owls record now", "kade's record going
into the fight") is wins and losses, asked the way a score is: the record answers, not the score
of a game beside it. A record set ("a record high", "the world record") asks no such thing.
Hand-written sentences; the leads go through the extractive answerer."""

from __future__ import annotations

import pytest

from bot.qa.question_kind import question_shape
from bot.qa.shape import SCORE, answer_spans
from tests.test_qa_extractive import _lead


@pytest.mark.parametrize(
    "question",
    [
        "whats the velm owls record now after the ferrymen game",
        "kade orlov's record goin into the title fight fr? dude hasnt lost",
        "whats the site's nfl best bets record on the szn",
        "phillies' all-time postseason record at cbp?",
    ],
)
def test_a_win_loss_record_is_asked_like_a_score(question: str) -> None:
    assert question_shape(question) == SCORE


@pytest.mark.parametrize(
    "question",
    [
        "what was the record high in velm",
        "did she break the world record",
        "who holds the record for most sacks",
        "what record label is she on",
        "whose record did sol varga pass for most games coached",
        "ohtani's deal broke whose free agent record",
        "how long can u record vids on the glasses",
    ],
)
def test_a_record_set_is_no_win_loss_record(question: str) -> None:
    assert question_shape(question) != SCORE


def test_the_record_answers_not_the_score_of_a_game() -> None:
    text = (
        "Unbeaten Kade Orlov (31-0, 19 KOs) meets Sol Varga for the title on Saturday. "
        "Varga stopped Ade Lund in a bout the judges had at 96-94 after nine rounds."
    )
    assert _lead("kade orlov's record going into the varga fight?", text) == "31-0 [1]."
    # asked for the score, a record is still not the result
    text = "The Velm Owls (5-9) beat the Ferrymen 24-17 on Sunday."
    assert _lead("what was the score in the owls game on sunday", text) == "24-17 [1]."
    assert _lead("whats the owls record now", text) == "5-9 [1]."


def test_a_record_with_ties_is_one_span() -> None:
    spans = [s.text for s in answer_spans("Our best bets stand at 65-46-1 this season.", SCORE)]
    assert spans == ["65-46-1"]
    # a bowler's figures are no record
    assert answer_spans("Rashid finished with 4-0-21-2.", SCORE) == []
