"""Asked for a person ("who is kessa's defence minister"), a name a place's noun follows ("in its
Varn Ridge and Osk Vale provinces", "Tulm province") is a place's, not a person's. Hand-written
sentences."""

from __future__ import annotations

from bot.qa.person import named_place
from tests.test_qa_extractive import _lead, span_in

RAIDS = (
    "Kessa’s Ministry of Defence accused the Dorn military of sending fighter jets to bomb areas "
    "in its Varn Ridge and Osk Vale provinces. "
    "Kessa’s defence minister, Alek Toma, said the raids broke the truce."
)


def test_a_name_a_place_noun_follows() -> None:
    s = "Jets bombed areas in its Varn Ridge and Osk Vale provinces on Monday."
    assert named_place(s, span_in(s, "Varn Ridge").end)  # past the name joined to it
    assert named_place(s, span_in(s, "Osk Vale").end)
    t = "Talks will take place in Tulm province, Ilse Marr said."
    assert named_place(t, span_in(t, "Tulm").end)
    assert not named_place(t, span_in(t, "Ilse Marr").end)


def test_the_provinces_are_no_person_asked_for() -> None:
    raids_only = RAIDS.split(". ")[0] + ". The Dorn army said Kessa had fired rockets first."
    assert _lead("who is kessa's defence minister", raids_only) is None  # no name to state
    assert _lead("who is kessa's defence minister", RAIDS) == "Alek Toma [1]."
