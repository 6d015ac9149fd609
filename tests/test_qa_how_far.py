""" "How far south" asks for a place ("as far south as Wiltshire"), not a distance; "how far"
alone still asks for one. Hand-written sentences."""

from __future__ import annotations

from bot.qa.question_kind import question_shape
from bot.qa.shape import HOW_MUCH, WHERE
from tests.test_qa_extractive import _lead
from tests.test_qa_spans import _texts

GLOW = (
    "Glowworm colonies have spread in Velmark since the wet summer. "
    "This year they were found as far south as Orrin Bay, the survey said."
)


def test_how_far_in_a_direction_asks_where() -> None:
    assert question_shape("how far south have the glowworms spread") == WHERE
    assert question_shape("how far inland did the flood reach") == WHERE
    assert question_shape("how far did the javelin go") == HOW_MUCH


def test_as_far_as_a_place_is_a_place() -> None:
    assert _texts("They were seen as far north as Dunmore.", WHERE) == ["as far north as Dunmore"]


def test_the_farthest_place_leads() -> None:
    assert _lead("how far south have ppl found the glowworms in velmark", GLOW) == (
        "As far south as Orrin Bay [1]."
    )
