"""A sentence that refers to the asked person as "he" or "she" ("He was opposed by 22
Republicans", asked how many voted against Jordan) answers for them as if it named them, unless
something capitalised before the figure may be whom the pronoun means."""

from __future__ import annotations

from bot.qa.around import pronoun_for
from tests.test_qa_extractive import _lead, span_in


def test_he_stands_for_the_person_asked_about() -> None:
    names = frozenset({"morrow", "venn"})
    s = "In the playoffs, he has added another 878 points, placing him 7th all time."
    assert (
        pronoun_for(s, span_in(s, "878 points"), {"morrow", "playoff", "point"}, names) == "morrow"
    )
    # a name before the figure may be whom "he" means ("Jiménez ..., when he ran")
    s2 = "Venn was healthy as recently as 2022, when he played 84 games."
    assert pronoun_for(s2, span_in(s2, "84 games"), {"morrow", "game"}, names) == ""
    s3 = "He takes it up to the Orna 7 for 11 yards."
    assert pronoun_for(s3, span_in(s3, "11 yards"), {"morrow", "yard"}, names) == ""
    # no "he" or "she", or the name is there already: nothing to add
    s4 = "In the playoffs, Morrow has added 878 points."
    assert pronoun_for(s4, span_in(s4, "878 points"), {"morrow"}, names) == ""
    s5 = "They added 878 points in the playoffs."
    assert pronoun_for(s5, span_in(s5, "878 points"), {"morrow"}, names) == ""


def test_the_figure_said_of_him_answers() -> None:
    text = (
        "Sen. Ilo Venn lost a second ballot to become leader of the Orna chamber on Tuesday. "
        "What was clear was that the leadership path of Dace Morrow was almost certainly lost. "
        "The holdouts joined a group of 20 members who had rejected the bid the day before. "
        "He was opposed by 22 members, two more than he lost in the first round."
    )
    assert (
        _lead("how many chamber members voted against dace morrow in the leadership ballot", text)
        == "22 members [1]."
    )
