""" "who were the two wins against" asks whom a side beat, as "who did they beat" does: the
countries named ("beating only Chile and Uruguay"), not the coach the sentence before names, nor
"Tests". Hand-written sentences, read by the answerer as an article's."""

from __future__ import annotations

from bot.qa.question_kind import OPPONENT_Q
from tests.test_qa_extractive import _lead

TEXT = (
    "Tavo Renner was named Orrin coach at the start of the year as the replacement for Dale Varn. "
    "His side won two of nine Tests all year, beating only Chile and Uruguay. "
    "On Tuesday he said he had no regrets about leaving out experienced players such as Ivo Brandt."
)


def test_the_sides_beaten_answer() -> None:
    assert _lead("who were the two wins against lol", TEXT) == "Chile and Uruguay [1]."


def test_wins_against_asks_for_an_opponent() -> None:
    assert OPPONENT_Q.search("who were the two wins against")
    assert OPPONENT_Q.search("who was their loss to")
    assert not OPPONENT_Q.search("who won the game")
    assert not OPPONENT_Q.search("who is the winner")
