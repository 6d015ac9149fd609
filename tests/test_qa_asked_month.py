"""A month the question names picks the figure given for that month ("how many subs did she
have back in april": "300 subscribers in April", not the December count), and a price asked "at full price" is not the price something dropped to."""

from __future__ import annotations

from bot.qa.years import asked_months, month_fit
from tests.test_qa_extractive import _lead

SALES = (
    "By the end of March, the club had sold 4,000 season tickets, a record for the league. "
    "In August, sales reached 9,500 season tickets before the first home game."
)


def test_the_month_asked_picks_its_figure() -> None:
    q = "how many season tickets had the club sold by august"
    assert _lead(q, SALES) == "9,500 season tickets [1]."
    assert (
        _lead("how many season tickets had they sold in march", SALES)
        == "4,000 season tickets [1]."
    )


def test_months_are_read_from_the_question_and_the_answers_words() -> None:
    assert asked_months("how many subs did she have back in april") == {4}
    assert asked_months("how many died in the oct 7 attack") == {10}
    # "may" and "march" are verbs too: a month only beside a day or after "in", "since" ...
    assert asked_months("how many may attend the march") == frozenset()
    assert asked_months("how many jobs were added in may") == {5}
    assert month_fit(frozenset({4}), "she had subscribers in April.") > 1.0
    assert month_fit(frozenset({4}), "On Sunday, December 17, she had") < 1.0
    assert month_fit(frozenset({4}), "she had subscribers") == 1.0
    assert month_fit(frozenset(), "in December") == 1.0


def test_a_full_price_is_not_what_it_dropped_to() -> None:
    text = (
        "In the past, we've seen the Vell 8 e-reader drop to as low as $89.99, its lowest price "
        "to date. Right now, however, the Vell 8 is only sold at Lindqvist, starting at $139.99."
    )
    assert _lead("how much does the vell 8 cost at full price", text) == "Starting at $139.99 [1]."
    # asked what it costs now, the deal's price is no less an answer than before
    assert _lead("how low has the vell 8 dropped", text) == "$89.99 [1]."
