"""A sentence that lists several figures ("Orna bought Velm for $9 billion and Tamsk bought Holm
for $12 billion") gives each its own words: asked what Tamsk paid, the figure in Tamsk's item
answers, not the one whose window reaches Tamsk's words. Hand-written sentences; the lead is
checked through the extractive answerer, the item bounds through ``others_masked``."""

from __future__ import annotations

from bot.qa.around import others_masked
from bot.qa.shape import Span
from tests.test_qa_extractive import _lead


def _at(sentence: str, text: str) -> Span:
    i = sentence.index(text)
    return Span(i, i + len(text), text)


def test_each_figure_of_a_list_answers_for_its_own_item() -> None:
    text = (
        "The sector has seen big deals, with Orna Health acquiring Velm Bio for $9 billion and "
        "Tamsk Pharma acquiring Holm Cell for $12 billion."
    )
    assert _lead("how much did tamsk pharma pay to acquire holm cell", text) == "$12 billion [1]."
    assert _lead("how much did orna health pay to acquire velm bio", text) == "$9 billion [1]."
    fees = (
        "The sums are large: $360 million for Harbour Bank, $819 million for Velm Savings, "
        "$1 billion for Orna Trust and over $2 billion for Tamsk Capital."
    )
    assert _lead("how much did velm savings have to pay back", fees) == "$819 million [1]."


def test_the_words_before_or_after_a_list_are_every_figures_and_a_year_is_no_item() -> None:
    s = "He owned only 10 percent of Velm and 17 percent of Orna, the filings showed."
    masked = others_masked(s, _at(s, "17 percent"))
    assert "Velm" not in masked and "owned" in masked and "Orna" in masked
    masked = others_masked(s, _at(s, "10 percent"))
    assert "Velm" in masked and "Orna" in masked  # after the last figure: the whole list's
    # figures not joined by a comma or "and" are one item; a year and a model number are none
    s = "The Holm X2 went from $1,499.99 to $1,199.99 in 2023, and the shop has few left."
    assert others_masked(s, _at(s, "$1,199.99")) == s
