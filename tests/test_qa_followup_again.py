"""A follow-up that asks for a name, a sum or a count again, as the turn before did, wants
another one than the answer it was given ("who was the var official" / "and who was the ref out
on the pitch?"): the answer already stated is not stated again, nor the same name in longer
words ("Bhavik Patel" / "Radiologist Bhavik Patel")."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.followup import already_given
from tests.test_qa_extractive import passage

GAME = (
    "VAR official Jo Marr checked the Orna goal for three minutes on Saturday. "
    "The decision stood, and on the pitch referee Pell Tarrow waited for the call."
)


def test_the_answer_the_turn_before_stated_is_read_when_the_same_kind_is_asked() -> None:
    first = "who was the var official for the orna game"
    reply = 'Jo Marr [1].\n[1] "VAR official Jo Marr checked the Orna goal ..."'
    assert already_given("and who was the ref out on the pitch?", first, reply) == "Jo Marr"
    # another kind of answer asked for: nothing to leave out
    assert already_given("how long did he take", first, reply) == ""
    assert already_given("when was the game", first, reply) == ""
    # a follow-up naming only another thing asks the same question of it
    sums = "how much did orna bank pay back"
    assert already_given("and velm trust?", sums, "$360 million [1].") == "$360 million"
    # nothing stated the turn before
    assert already_given("and who was the ref?", first, "Here is what 1 article says:") == ""


def _lead(q: str, history: str, not_again: str) -> str | None:
    ex = select_excerpts(q, [passage(GAME)], history=history, not_again=not_again)
    return short_answer_lead(ex, q)


def test_a_follow_up_gets_another_name_than_the_one_already_given() -> None:
    first = "who was the var official for the orna game"
    q = "and who was the ref out on the pitch?"
    assert _lead(q, first, "") == "Jo Marr [1]."
    assert _lead(q, first, "Jo Marr") == "Pell Tarrow [1]."
    assert _lead(q, first, "VAR official Jo Marr") == "Pell Tarrow [1]."
    # a name that only shares a word with the one given is another name
    assert _lead(q, first, "Marrow") == "Jo Marr [1]."
