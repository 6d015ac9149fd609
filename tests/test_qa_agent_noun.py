"""Who does what the question's verb says, by the title the article gives them: "who narrates
it" asks for the narrator, "who made the game" for its maker or developer. Hand-written
sentences; the leads go through the extractive answerer."""

from __future__ import annotations

from bot.qa.question_kind import roles_asked
from ingest.keyword import tokenize
from tests.test_qa_extractive import _lead


def _roles(q: str) -> frozenset[str]:
    return roles_asked(q, set(tokenize(q)))


def test_the_verb_asked_about_names_its_doer() -> None:
    assert set(tokenize("narrator")) <= _roles("who narrates the tamsk ferry doc")
    assert set(tokenize("developer")) <= _roles("who made harrow fields, was it one dev")
    assert set(tokenize("founder")) <= _roles("who originally started velmtech")
    assert not set(tokenize("narrator developer founder")) & _roles("who won the velm cup")


def test_who_narrates_is_the_narrator_not_a_name_the_film_is_about() -> None:
    text = (
        "The Velm Ferry Story (Streaming Documentary): Narrator Pell Dunmore walks viewers "
        "through the rise and fall of the Velm ferry line, from founder Ostrid Kale to the "
        "last skipper, Amma Torv."
    )
    assert _lead("who narrates that doc about the velm ferry", text) == "Narrator Pell Dunmore [1]."


def test_who_made_the_game_is_its_developer() -> None:
    text = (
        "Solo developer and composer Dale Varn created both a game and a small phenomenon "
        "with Harrow Fields, which draws on the Moonfarm series by Tiller Works. In Harrow "
        "Fields you take over a farm from your aunt."
    )
    assert _lead("who made harrow fields, was it just one dev", text) == "Dale Varn [1]."
