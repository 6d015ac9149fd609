"""Asked what someone's injury is ("whats wrong with casemiro again", "what injury is he coming
back from", "whats kw3's injury"), the lead states the injury a sentence names, not a name or a
date. Hand-written sentences; leads checked through the extractive answerer."""

from __future__ import annotations

from bot.qa.injury import injury_asked, injury_spans
from bot.qa.question_kind import question_shape
from tests.test_qa_extractive import _lead


def _named(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in injury_spans(sentence)]


def test_an_injury_is_a_body_part_with_the_hurt_or_one_that_names_it_alone() -> None:
    assert _named("He went off at half-time with a new hamstring issue.") == ["new hamstring issue"]
    assert _named("Tomas Brell (oblique) is out again.") == ["oblique"]
    assert _named("He suffered a fractured forearm against Dresa.") == ["fractured forearm"]
    assert _named("Kell broke his tibia and fibula.") == ["tibia and fibula"]
    # "came back", "the head coach": no injury without a word for the hurt
    assert _named("He came back to thank the head coach.") == []
    assert _named("The head injury kept him out.") == ["head injury"]


def test_which_questions_ask_for_an_injury() -> None:
    for q in (
        "whats wrong with brell again, another injurie?",
        "what injury is kell coming back from",
        "whats ko3's injury? should i pick up his backup",
        "and what's going on with dag veldt, is he hurt",
        "whats the latest on kell's ankle, how bad is it",
    ):
        assert injury_asked(q), q
        assert question_shape(q) == "injury", q
    for q in ("who got hurt in the crash", "how many injuries were there", "what happened to kell"):
        assert not injury_asked(q), q


def test_the_lead_states_the_injury() -> None:
    text = (
        "Brackwater won 2-1 at Tamsk on Saturday. Tomas Brell started in midfield, but he was "
        "taken off at half-time with a new hamstring issue, his third of the season."
    )
    assert _lead("whats wrong with brell again, another injury?", text) == (
        "New hamstring issue [1]."
    )
    text = (
        "Dag Veldt suffered a groin injury on Monday night and is doubtful for Sunday's game "
        "against Orvel, coach Ivy Senn said on Tuesday."
    )
    assert _lead("whats dag veldt's injury", text) == "Groin injury [1]."
