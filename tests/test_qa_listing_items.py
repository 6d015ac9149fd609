"""A numbered list's item heading ("12. Tidewater") heads its labelled lines as an unnumbered one
does: syntok reads the "12." as a sentence of its own, and the heading is the one after it. And a
match report's "RED CARD (name)" answers who was sent off."""

from __future__ import annotations

from tests.test_qa_extractive import _lead

RANKED = (
    "Our twelve favourite games of the year, counted down.\n"
    "11. Northlight\n"
    "Developer: Brasswork Games\n"
    "Where to play: Windows PC\n"
    "A lighthouse keeper stops answering the radio, and the studio built a storm around it that "
    "developers elsewhere will study for years.\n"
    "12. The Tidewater Diver\n"
    "Developer: Kelpmoor\n"
    "Where to play: Nintendo Switch and Windows PC\n"
    "By day you dive for fish; by night you run the sushi bar the catch keeps afloat."
)


def test_a_numbered_item_heading_heads_its_labelled_lines() -> None:
    assert _lead("Which studio developed The Tidewater Diver?", RANKED) == "Kelpmoor [1]."
    assert _lead("which studio made northlight", RANKED) == "Brasswork Games [1]."


def test_sent_off_is_a_red_card() -> None:
    text = (
        "Orna vs Marlow live score and updates from the cup semi-final second leg.\n\n"
        "It looked like a comfortable night for Orna when Tane Ruhl opened the scoring against "
        "Marlow after 25 minutes.\n\n"
        "84 mins: RED CARD (Dace Morrow) Marlow 2-3 Orna, 4-4 on aggregate.\n\n"
        "Orna could barely believe their luck before Ilo Venn's header made it 3-3."
    )
    assert _lead("who got sent off for orna last night vs marlow", text) == "Dace Morrow [1]."
