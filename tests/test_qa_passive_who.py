"""Asked who had something done to them ("who got added to the roster", "who was traded"), the
answer is the name the sentence does it to, said in the passive ("Ezequiel Duran has been added")
or the active ("the Owls added Lio Brant"), not one that "got" something. Hand-written
sentences."""

from __future__ import annotations

from bot.qa.agent import asked_verb
from bot.qa.relations import passive_verb, undergoes
from tests.test_qa_extractive import _lead, span_in

ROSTER = (
    "8:40 p.m. — Ivo Marr is also off the playoff roster for the Gulls. "
    "Tomas Verde has been added to the roster."
)


def test_the_verb_done_to_the_one_asked_for() -> None:
    assert passive_verb("who got added to the gulls roster when olsen went down") == "add"
    assert passive_verb("who was traded to the owls") == "trade"
    assert passive_verb("whos been ruled out") == "rule"
    assert passive_verb("who got the start") == ""  # no verb done to anyone
    assert passive_verb("who led the round") == ""
    assert asked_verb("who got added to the roster") == "get"  # read apart from the doer's verb


def test_a_name_the_verb_is_done_to() -> None:
    s = "Tomas Verde has been added to the roster."
    assert undergoes(s, span_in(s, "Tomas Verde"), "add")
    assert not undergoes(s, span_in(s, "Tomas Verde"), "trade")
    both = "Ivo Larch and Pell Amsby were accused of moving the funds."
    assert undergoes(both, span_in(both, "Ivo Larch"), "accus")  # both named before the verb
    assert undergoes(both, span_in(both, "Pell Amsby"), "accus")
    t = "Rafe Olsen added a late goal."
    assert not undergoes(t, span_in(t, "Rafe Olsen"), "add")


def test_who_got_added_leads_with_the_name_added() -> None:
    assert _lead("who got added to the gulls playoff roster when olsen went down", ROSTER) == (
        "Tomas Verde [1]."
    )
