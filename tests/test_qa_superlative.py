"""Asked for the cheapest, priciest or biggest of something, an amount its own words call that
extreme counts more, and one they call another extreme counts less ("bot.qa.superlative").
Hand-written sentences."""

from __future__ import annotations

from bot.qa.superlative import OTHER, SAME, extremes, weigh
from tests.test_qa_extractive import _lead, span_in

TICKETS = (
    "A season ticket in the lower-level club area at Dorvan FC cost $3,600 in 2025 but will now "
    "run $7,650 for the 2026 season. The cheapest season ticket in 2025 was $485, but that will "
    "jump to $884."
)


def test_the_extremes_a_question_names() -> None:
    assert extremes("dorvans cheapest season tix in 2025 cost how much") == {"cheap"}
    assert extremes("how much is the most expensive ticket") == {"dear"}
    assert extremes("whats the biggest fine they can hit them with") == {"high"}
    assert extremes("how many points did he score") == frozenset()
    # a price's extreme is read before a plain one: "lowest price" is the cheap one
    assert extremes("sold at its lowest price yet") == {"cheap"}


def test_the_amount_called_the_extreme_asked_leads() -> None:
    q = "dorvan's cheapest season tix in 2025 cost how much"
    assert _lead(q, TICKETS) == "$485 [1]."
    # with no extreme asked, the first price the question's words sit beside still leads
    assert _lead("what did a club-area season ticket at dorvan fc cost in 2025", TICKETS) == (
        "$3,600 [1]."
    )


def test_an_amounts_own_words_reach_back_to_the_amount_before() -> None:
    s = (
        "Osk City have their cheapest season ticket for just $324, while their most expensive "
        "premium ticket costs $2,898."
    )
    rated = [(span_in(s, "$324"), 1.0), (span_in(s, "$2,898"), 1.0)]
    assert [w for _, w in weigh(s, rated, frozenset({"cheap"}))] == [SAME, OTHER]
    assert [w for _, w in weigh(s, rated, frozenset({"dear"}))] == [OTHER, SAME]
    far = "The cheapest Varn season ticket, for example, can be had for $377 for the season."
    assert weigh(far, [(span_in(far, "$377"), 1.0)], frozenset({"cheap"}))[0][1] == SAME
