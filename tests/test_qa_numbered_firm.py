"""A firm's name may open with a figure ("777 Partners", "1789 Capital"); a count, a sum or a
year before a name is not part of it. Hand-written sentences."""

from __future__ import annotations

from bot.qa.shape import WHO, answer_spans


def test_a_firm_s_name_may_open_with_a_figure() -> None:
    names = [sp.text for sp in answer_spans("He sold it to the fund 412 Partners in May.", WHO)]
    assert "412 Partners" in names
    # a count before a club's name, a sum, a year: not part of the name
    names = [
        sp.text
        for sp in answer_spans("They beat 3 Orvale United sides and paid $500 Capital.", WHO)
    ]
    assert "3 Orvale United" not in names and "$500 Capital" not in names
    assert "2023 Rugby World Cup" not in [
        sp.text for sp in answer_spans("The 2023 Rugby World Cup ended.", WHO)
    ]


def test_the_lead_states_the_whole_name() -> None:
    from tests.test_qa_extractive import _lead

    text = "In March the Harwick Town owner agreed to sell the club to the fund 412 Partners."
    assert _lead("which fund is buying harwick town", text) == "412 Partners [1]."
