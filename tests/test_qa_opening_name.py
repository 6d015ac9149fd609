"""A one-word name opening a sentence ("Velasquinho thumped home Harbour’s goal") is capitalised
there whatever it is; where another candidate sentence gives the same word as a name
mid-sentence ("a thunderbolt from Velasquinho"), it is a name here too. Hand-written
sentences."""

from __future__ import annotations

from bot.qa.agent import named_first
from tests.test_qa_extractive import _lead

MATCH = (
    "Velasquinho thumped home Harbour’s goal from 25 yards in the second half. "
    "Coach Ana Pell praised Velasquinho and the back four after the draw."
)


def test_an_opening_word_named_elsewhere_is_a_name() -> None:
    named = frozenset({"velasquinho"})
    sp = named_first("Velasquinho thumped home Harbour’s goal.", named)
    assert sp is not None and sp.text == "Velasquinho" and sp.start == 0
    assert named_first("Officials thumped the table.", named) is None  # not named elsewhere
    assert named_first("Velasquinho.", named) is None  # no lowercase word follows: a heading


def test_the_scorer_who_opens_the_sentence_leads() -> None:
    assert _lead("who smacked in harbour's goal, what a banger", MATCH) == "Velasquinho [1]."
