"""Asked what something costs, a count of people is no sum of money, though "million" follows
its figure as it follows a sum in a currency the bot does not know ("410 million aldmarks")."""

from __future__ import annotations

import pytest

from bot.qa.counted import counts_people

from .test_qa_extractive import _lead


@pytest.mark.parametrize(
    ("span", "people"),
    [
        ("700 million people", True),
        ("2 million subscribers", True),
        ("410 million aldmarks", False),
        ("$3 million", False),
        ("12 percent", False),
    ],
)
def test_a_count_of_people(span: str, people: bool) -> None:
    assert counts_people(span) is people


def test_a_price_is_not_a_count_of_members() -> None:
    text = (
        "Velmstream said the premium price hike had not slowed it: premium now reaches 40 "
        "million subscribers across Europe. "
        "From November the plan costs $18.99 a month. "
        "The basic plan keeps its price."
    )
    lead = _lead("whats velmstream premium price after the hike", text)
    assert lead is not None and "$18.99" in lead
