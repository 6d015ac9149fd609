"""A firm's name may open with a figure ("777 Partners", "1789 Capital"); a count, a sum or a
year before a name is not part of it. Hand-written sentences."""

from __future__ import annotations

from tests.test_qa_extractive import _lead
from tests.test_qa_names import _names


def test_a_firm_s_name_may_open_with_a_figure() -> None:
    assert "412 Partners" in _names("He sold it to the fund 412 Partners in May.")
    # a count before a club's name, a sum, a year: not part of the name
    names = _names("They beat 3 Orvale United sides and paid $500 Capital.")
    assert "3 Orvale United" not in names and "$500 Capital" not in names
    assert "2023 Rugby World Cup" not in _names("The 2023 Rugby World Cup ended.")


def test_the_lead_states_the_whole_name() -> None:
    text = "In March the Harwick Town owner agreed to sell the club to the fund 412 Partners."
    assert _lead("which fund is buying harwick town", text) == "412 Partners [1]."
