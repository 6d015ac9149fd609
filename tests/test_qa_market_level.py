"""Asked "where'd the dow close", the answer is the level a market stands at, not a place: the
figure after "to" ("rose 0.4 per cent, to 33,912.40"), not the move, nor the "500" of "S&P
500"."""

from __future__ import annotations

from bot.qa.question_kind import HOW_MUCH, WHERE, question_shape
from tests.test_qa_extractive import _lead

MARKETS = (
    "Stocks in Sydney are set to rise after a rally on Wall Street overnight.\n\n"
    "Elsewhere, Wall Street advanced, with the S&P 500 and Nasdaq touching three-week highs as "
    "soft comments from central bank officials pushed bond yields lower.\n\n"
    "The Dow Jones Industrial Average rose 0.4 per cent, to 33,912.40, the S&P 500 gained 0.5 "
    "per cent and the Nasdaq Composite added 0.6 per cent."
)


def test_where_a_market_closed_asks_its_level() -> None:
    assert question_shape("where'd the dow close last night") == HOW_MUCH
    assert question_shape("where is bitcoin trading rn") == HOW_MUCH
    # a word before what is traded ("us crude"), and a rate where it sits
    assert question_shape("where did us crude end up settling after the drop") == HOW_MUCH
    assert question_shape("where's the deposit rate sitting") == HOW_MUCH
    assert question_shape("where did the lions end the crows' run") == WHERE
    # a place is still asked where markets are shut, or where talks are held
    assert question_shape("where are the markets closed today") == WHERE
    assert question_shape("where did they hold the talks") == WHERE


def test_the_level_after_the_move_answers() -> None:
    lead = _lead("where'd the dow close last night", MARKETS)
    assert lead is not None and "33,912.40" in lead and "per cent" not in lead
