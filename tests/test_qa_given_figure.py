"""A figure the question itself gives is not the one it asks for: "how many of the last 25" is
not answered by "25 previous derbies", nor "if i put $9 on it, how much do i get back" by "$9
stake". A figure given with another sign ("-140" odds) is another figure: "$140" may answer."""

from __future__ import annotations

from .test_qa_extractive import _lead

DERBY = (
    "Ostrel Town head to the river derby in poor shape. "
    "Ostrel Town have won just one of the last 30 previous river derbies against Kelby Rovers."
)

BET = (
    "Fractional odds show the profit on a stake. "
    "Placed at 4/9 odds, a winning $18 stake brings back $26 in all: the $18 stake plus $8 profit."
)

ODDS = (
    "American odds show what a bet costs. "
    "If you bet on Ray Mallin scoring over 15.5 points at -140 odds, you would need to wager $140 "
    "to win $100. If the bet wins, you take home $240, your $140 stake plus $100 profit."
)


def test_a_count_the_question_gives_is_not_stated() -> None:
    for q in (
        "how many of the last 30 river derbies have ostrel town won",
        "ostrel town's river derby record is awful, how many of the last 30 have they won",
    ):
        lead = _lead(q, DERBY)
        assert lead is None or "30" not in lead, (q, lead)


def test_a_stake_the_question_gives_does_not_lead() -> None:
    lead = _lead("if i put $18 on 4/9 odds and it wins, how much do i get back in all", BET)
    assert lead is not None and "$26" in lead, lead


def test_odds_in_the_question_are_not_the_stake() -> None:
    lead = _lead(
        "if i take mallin over 15.5 pts at -140 how much do i gotta put down to win 100", ODDS
    )
    assert lead is not None and "$140" in lead, lead


def test_a_figure_leads_when_the_question_gives_none() -> None:
    lead = _lead("how many river derbies has ostrel town played lately", DERBY)
    assert lead is not None and "30" in lead, lead
