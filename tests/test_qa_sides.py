"""Asked who made a play for one side of a game ("who scored varnholm's goal in the loss to osk
city"), a name the sentence sets under the other side ("Osk City's Teodor Lind", "Teodor Lind
(Osk City)", the other side's scorers in a scoreline) is less likely the answer, and one set under
the side asked about more. Hand-written sentences."""

from __future__ import annotations

from bot.qa.sides import OTHER_SIDE, OWN_SIDE, Sides, side_weight, sides_asked
from tests.test_qa_extractive import _lead, span_in


def test_the_sides_a_question_names() -> None:
    s = sides_asked("who scored varnholm's goal in that 2-1 loss to osk city")
    assert s.ours == {"varnholm"} and s.theirs == {"osk", "citi"}
    s = sides_asked("who scored first for varnholm vs osk city in the cup, some defender")
    assert s.ours == {"varnholm"} and s.theirs == {"osk", "citi"}
    s = sides_asked("Who scored Varnholm's goal in the 2-1 loss at Osk City?")
    assert s.ours == {"varnholm"} and s.theirs == {"osk", "citi"}
    # a nickname's full name is the side too
    assert {"tottenham", "hotspur"} <= sides_asked("who scored spurs' goal vs osk").ours
    # no play in a game: no sides
    assert not sides_asked("who is the ceo of varnholm")
    assert not sides_asked("who did varnholm sign from osk city")


def test_the_side_a_sentence_sets_a_name_under() -> None:
    sides = Sides(frozenset({"varnholm"}), frozenset({"osk", "citi"}))
    for s, name, w in [
        ("Goals from Osk City's Teodor Lind sank them.", "Teodor Lind", OTHER_SIDE),
        ("Osk City striker Teodor Lind scored twice.", "Teodor Lind", OTHER_SIDE),
        ("7. Teodor Lind (Osk City) - 21 goals", "Teodor Lind", OTHER_SIDE),
        ("Goalscorers Osk City 2 Lind 19', 70' Varnholm 1 Veld 45'", "Veld", OWN_SIDE),
        ("Goalscorers Osk City 2 Lind 19', 70' Varnholm 1 Veld 45'", "Lind", OTHER_SIDE),
        ("Varnholm's Jonas Veld pulled one back.", "Jonas Veld", OWN_SIDE),
        ("Jonas Veld pulled one back late on.", "Jonas Veld", 1.0),  # nothing says whose
        ("Brakstad's Jonas Veld pulled one back.", "Jonas Veld", 1.0),  # a side not asked of
    ]:
        assert side_weight(s, span_in(s, name), sides) == w, (s, name)


def test_the_scorer_of_the_side_asked_about_leads() -> None:
    s = "Final score Goalscorers Osk City 2 Lind 19', 70' Varnholm 1 Veld 45'"
    assert _lead("who scored varnholm's goal in the 2-1 loss at osk city", s) == "Veld [1]."
    assert _lead("who scored osk city's goals vs varnholm", s) == "Lind [1]."


def test_a_scorer_of_the_other_side_does_not_lead() -> None:
    s = (
        "Varnholm had Jonas Veld fit to start, but their goal came from a less likely source, "
        "with a thunderbolt from Mats Berg. "
        "Teodor Lind (Osk City) has scored 21 goals this season."
    )
    lead = _lead("who smacked in varnholm's goal vs osk city, what a banger", s)
    assert lead != "Teodor Lind [1]."
