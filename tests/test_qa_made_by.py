"""Asked who did something that made a thing ("who scored both goals"), the name a sentence gives
as that thing's owner ("Ilse Varga’s two goals") did it: not someone the sentence names beside
the thing without making it. Hand-written sentences."""

from __future__ import annotations

from bot.qa.agent import asked_verb
from bot.qa.relations import made_by, made_words
from bot.qa.shape import Span
from tests.test_qa_extractive import _lead

MATCH = (
    "Marta Lind misjudged a cross for the first Kessland goal against Harbour last night and was "
    "substituted at half-time. "
    "Ilse Varga’s two goals were the kind the home side had stopped conceding in the autumn."
)


def _made(q: str) -> frozenset[str]:
    return made_words(q, asked_verb(q))


def _owner(sentence: str, name: str, thing: frozenset[str]) -> bool:
    at = sentence.index(name)
    return made_by(sentence, Span(at, at + len(name), name), thing)


def test_the_thing_the_question_s_verb_made() -> None:
    assert "goal" in _made("who scored both kessland goals vs harbour last night")
    assert "goal" in _made("who scored harbour's goals in the 3-0 win")  # a side's goals
    assert "touchdown" in _made("who caught the late td on sunday")  # "td": a touchdown
    assert _made("who put it in") == frozenset()  # a pronoun is no thing
    assert _made("who set up the goal") == frozenset()  # who set it up did not score it
    assert _made("who won the race") == frozenset()  # any side in a race owns it


def test_the_owner_of_the_thing_made() -> None:
    goal = frozenset({"goal"})
    assert _owner(MATCH, "Ilse Varga", goal)
    assert not _owner("Ilse Varga’s own goal was ruled out.", "Ilse Varga", goal)
    # the thing ends its noun: the passer's "touchdown pass" is no catch
    assert not _owner(
        "Ned Orrin's touchdown pass to Teo Marr sealed it.", "Ned Orrin", frozenset({"touchdown"})
    )


def test_the_owner_of_the_goals_leads() -> None:
    assert _lead("who scored both kessland goals vs harbour last night", MATCH) == (
        "Ilse Varga [1]."
    )


def test_the_goal_a_shot_goes_towards_is_the_keeper_s() -> None:
    s = "Ada Moss ran clear towards Pia Dahl’s goal and drilled her shot past her."
    assert not _owner(s, "Pia Dahl", frozenset({"goal"}))
