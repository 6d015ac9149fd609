"""A measure asked for ("how far does it reach", "like km of slopes?") is answered by a distance,
a size or a speed, not by the price beside it. Hand-written sentences; the lead is checked through
the extractive answerer."""

from __future__ import annotations

from tests.test_qa_extractive import _lead  # a lead from hand-written article text


def test_how_far_is_answered_by_a_distance_not_by_the_price_beside_it() -> None:
    text = (
        "Trackr Go $ 19 $ 29 34 % off The Trackr Go is the loudest of the tags and has the "
        "widest range, at 300 feet. Its battery lasts a year."
    )
    assert _lead("trackr go range?? how far does it reach", text) == "300 feet [1]."
    # asked what it costs, the price still answers
    assert _lead("how much is the trackr go", text) == "$ 19 [1]."


def test_a_unit_the_member_names_asks_for_a_measure_written_with_it() -> None:
    """ "like km of slopes?": the unit says a distance is asked, and "410km" is one, written
    without a space, not the chalet's price."""
    text = (
        "A week at Chalet Orna in Velmont costs £2,340pp with a ski guide included. "
        "With 410km of marked slopes, Velmont suits every level of skier."
    )
    assert _lead("how much skiing is there in velmont, like km of slopes?", text) == "410km [1]."
    assert _lead("how much is a week at chalet orna", text) == "£2,340 [1]."
