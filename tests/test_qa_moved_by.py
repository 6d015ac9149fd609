"""Asked how far something rose or fell, the figure right after a move's verb ("dropped by
73%", "jumped 6.7 per cent") is how far it moved, and a figure no move's word goes with (the
level, the total) counts less. Hand-written sentences."""

from __future__ import annotations

from bot.qa.question_kind import MOVED_BY
from tests.test_qa_extractive import _lead


def test_a_verb_of_moving_before_a_figure() -> None:
    assert MOVED_BY.search("funding activity in Osk dropped by ")
    assert MOVED_BY.search("Brakstad shares jumped ")
    assert MOVED_BY.search("sales rose by about ")
    assert MOVED_BY.search("existing-home sales dropped a stunning ")
    assert not MOVED_BY.search("sales rose to ")  # "rose to $8.4 billion": a level


def test_how_far_it_fell_not_the_total_beside_it() -> None:
    s = (
        "Reported in July: with a provisional tally of $1.4 billion for the first half of the "
        "year, funding activity in the region dropped by 58% compared to the same period a year "
        "earlier."
    )
    assert _lead("how much did osk startup funding drop in the first half of 2026", s) == (
        "58% [1]."
    )


def test_a_price_it_dropped_to_is_a_level() -> None:
    s = (
        "The Brakstad H2 headphones dropped to $249 for Cyber Monday, which is $6 more than the "
        "lowest price we have seen."
    )
    assert _lead("brakstad's noise cancelling cans, what price did they drop to", s) == (
        "$249 [1]."
    )
