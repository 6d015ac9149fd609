"""Who does what the question's verb says, by the title the article gives them: "who narrates
it" asks for the narrator, "who made the game" for its maker or developer. Hand-written
sentences; the leads go through the extractive answerer."""

from __future__ import annotations

from bot.qa.agent import asked_verb
from bot.qa.roles_asked import roles_asked
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


def test_the_doers_title_is_asked_not_a_title_the_topic_holds() -> None:
    roles = _roles("who narrates that netflix doc about how to be a mob boss")
    assert set(tokenize("narrator")) <= roles
    assert not set(tokenize("boss ceo chief")) & roles
    # a which-question keeps the kind of answer it names beside the doer's title
    assert set(tokenize("studio")) <= _roles("which studio made harrow fields")


def test_who_is_doing_reads_the_verb_in_its_ing_form() -> None:
    assert asked_verb("who's playing the surgeon in season two") == "play"
    assert asked_verb("who is hosting the velm awards") == "host"
    assert asked_verb("who's the mayor of tamsk") == ""


def test_the_doer_by_title_beats_the_names_of_the_topic() -> None:
    text = (
        "From Velmflix: Narrator Pell Dunmore guides you through a darkly funny guide to the rise "
        "and fall of the most notorious smuggling bosses - from Ostrid Kale to Amma Torv - and "
        "their tactics."
    )
    q = "who narrates that streaming doc on smuggling bosses"
    assert _lead(q, text) == "Narrator Pell Dunmore [1]."
    # "played host to" the guests: "host" before a name styles no one as the host
    text = "Senator Rosa Tellingham once again played host to Velmtech's AI leaders on Tuesday."
    assert _lead("which senator hosted the velm ai forum", text) == "Rosa Tellingham [1]."
