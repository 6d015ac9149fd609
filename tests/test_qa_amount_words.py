"""A what-question whose noun is an amount ("net worth", "his contract", "battery capacity") or
a how-question on one ("how pricey") asks for the figure, and the lead states it."""

from __future__ import annotations

import pytest

from bot.qa.counted import nouns
from bot.qa.question_kind import question_shape
from bot.qa.shape import HOW_MUCH, WHAT, WHEN, WHO

from .test_qa_extractive import _lead


@pytest.mark.parametrize(
    "q",
    [
        "whats the boxer's net worth supposed to be",
        "what was his contract for 2023 after he avoided arbitration",
        "how pricey was the ring he bought",
        "whats her avg driving distance this season",
        "what's the government debt at right now",
        "whats the minimum you need to put into the velm notes",
        "and whats the owls' cheapest season ticket by comparison",
        "what does the site reckon he pulls per year on his next deal",
        "what's the owls' avg point differential this yr",
        "what did the 10-year yield ease back to on october 4",
        "and what discount was that to the valuation?",
        "what refund did the airline give her",
    ],
)
def test_amount_nouns_ask_for_a_figure(q: str) -> None:
    assert question_shape(q) == HOW_MUCH


def test_a_dispute_over_a_contract_is_no_figure() -> None:
    assert question_shape("what was the contract dispute about") == WHAT


def test_the_contract_figure_leads() -> None:
    text = (
        "The shortstop had been one of the club's steadiest hitters for three seasons. "
        "He avoided arbitration ahead of the season and signed a $9.95 million contract. "
        "Teammates said the deal let everyone focus on the opening series."
    )
    q = "what was the shortstop's contract after he avoided arbitration"
    lead = _lead(q, text)
    assert lead is not None and "$9.95 million" in lead


@pytest.mark.parametrize(
    "q",
    [
        "what did velmtech shares close at after the appeal",
        "they auctioned the lab to big tech, what did the bidding end at",
    ],
)
def test_a_level_reached_asks_for_a_figure(q: str) -> None:
    assert question_shape(q) == HOW_MUCH


def test_what_happened_at_the_close_is_no_figure() -> None:
    assert question_shape("what happened at the close of the session") == WHAT
    assert question_shape("what did the cfo say on the stand at the fraud trial") == WHAT


def test_what_the_bidding_ended_at_is_stated() -> None:
    text = (
        "Four tech firms bid for the Balvik lab over two days. Finally, at $US44 million, the "
        "founders stopped the auction, though the bids were still climbing."
    )
    q = "they auctioned the balvik lab to big tech, what did the bidding end at"
    assert _lead(q, text) == "$US44 million [1]."


def test_the_minimum_is_stated() -> None:
    text = (
        "Quillon Bank's new Velm notes pay a fixed coupon for five years. Savers need to put in "
        "a minimum of ₹1 lakh, and the notes can be sold back after two years."
    )
    q = "whats the minimum you need to put into the velm notes"
    assert _lead(q, text) == "₹1 lakh [1]."


def test_how_much_extra_asks_for_the_difference() -> None:
    text = (
        "At $299, the glasses are priced like the frames they copy, rose lenses included. "
        "The Transition lenses cost $80 more and suit the most places."
    )
    q = "how much extra are the transition lenses on the velm glasses"
    assert _lead(q, text) == "$80 more [1]."
    # the glasses' own price, praised with the question's words, is still no difference
    praised = (
        "I was impressed by the $299 Velm glasses, and mine came with rose-coloured lenses. "
        "The Transition lenses cost $80 more and suit the most places."
    )
    assert _lead(q, praised) == "$80 more [1]."


def test_how_much_pricier_is_answered_by_the_rise_said_as_costlier() -> None:
    text = (
        "Ferries across the Isel carry 4,000 trucks a day at a toll of 90 aldmarks each. "
        "Crossing from Velm next spring will be 12% costlier, the ferry operator said."
    )
    q = "how much pricier is the isel ferry gonna be next year for trucks from velm"
    assert _lead(q, text) == "12% costlier [1]."


def test_which_asks_for_a_name_even_before_an_amount_word() -> None:
    assert question_shape("which velm team cut marr right before he signed with the owls") == WHO
    assert question_shape("which boss drops the rare ring in season 2") == WHO
    assert question_shape("what was the pay cut") == HOW_MUCH


def test_a_figure_named_without_a_question_word_is_asked_for() -> None:
    assert question_shape("vlmt non-gaap eps last quarter?") == HOW_MUCH
    assert question_shape("velmtech gross bookings q3?") == HOW_MUCH
    assert question_shape("velm q7 battery capacity?") == HOW_MUCH
    assert question_shape("ostby power capex guidance fy27?") == HOW_MUCH
    assert question_shape("max fine under the aldmere chip act?") == HOW_MUCH
    # an amount word that names a dispute, not a figure
    assert question_shape("any update on the halverton fare strike?") == WHAT
    assert question_shape("quillon q7 sales ban lifted yet?") != HOW_MUCH


def test_a_hyphenated_count_is_read_with_its_noun() -> None:
    text = (
        "Geelong kicked two late goals to close in. Owls ruck Ada Marr, who starred with 39 "
        "hit-outs, said the side had practised for games like this."
    )
    q = "how many hitouts did ada marr have against harrow"
    assert _lead(q, text) == "39 hit-outs [1]."


def test_a_level_foreseen_asks_for_a_figure() -> None:
    assert question_shape("what's velm battery demand supposed to reach by 2030") == HOW_MUCH
    assert question_shape("what is the stock expected to hit next year") == HOW_MUCH


@pytest.mark.parametrize(
    "q",
    [
        "and what did the freight unit bring in",
        "what did the velm film rake in on opening weekend",
        "what did the paper say velmtech is looking to raise next",
        "what did the 10-year yield ease back to on october 4, according to the herald's blog?",
    ],
)
def test_money_taken_in_or_sought_asks_for_a_figure(q: str) -> None:
    assert question_shape(q) == HOW_MUCH


def test_pulling_someone_in_a_draft_is_no_figure() -> None:
    assert question_shape("what did he pull in the draft") == WHAT


def test_a_hyphenated_noun_matches_it_written_as_one_word() -> None:
    assert "hitout" in nouns("39 hit-outs")
    assert "hitout" in nouns("13 hitouts")


def test_a_sum_in_a_currency_named_in_words_is_stated_with_it() -> None:
    text = (
        "The three laureates will split the prize of 11 million Swedish kronor, the academy "
        "said, and each gets a gold medal at the ceremony in December."
    )
    assert _lead("how much prize money do they split", text) == "11 million Swedish kronor [1]."
    text = "Harrow paid 40 million yuan for the Tamsk plant, its filing shows."
    assert _lead("how much did harrow pay for the tamsk plant", text) == "40 million yuan [1]."


def test_what_a_firm_made_is_a_sum_of_money_not_a_share() -> None:
    """ "how much did it make" asks for money taken."""
    text = (
        "Velmtech's quarter was mixed. "
        "During the quarter, handset sales rose 4% to $8.4 billion, making up about 68% of "
        "Velmtech's total sales."
    )
    lead = _lead("how much did velmtech's handsets make this qtr", text)
    assert lead is not None and "$8.4 billion" in lead, lead


def test_making_something_bigger_asks_no_money() -> None:
    from bot.qa.question_kind import MONEY_Q

    assert MONEY_Q.search("how much did the film make on its opening weekend")
    assert not MONEY_Q.search("how big does he wanna make the stadium")


STAKE_TEXT = (
    "Orlen Holdings paid 4.2 billion aldmarks for its Velmcast shares in 2021. "
    "Orlen now holds a 38 per cent stake in the network, its filing says."
)


def test_how_big_a_stake_asks_for_the_share_not_the_money() -> None:
    assert _lead("how big a stake does orlen have in velmcast", STAKE_TEXT) == (
        "38 per cent stake [1]."
    )


def test_what_a_stake_cost_asks_for_the_money() -> None:
    lead = _lead("how much did orlen pay for its velmcast stake", STAKE_TEXT)
    assert lead == "4.2 billion aldmarks [1]."


def test_a_payout_is_money_even_beside_a_stake() -> None:
    from bot.qa.question_kind import MONEY_Q

    assert MONEY_Q.search("if i stake 50 at +150 whats my payout")


def test_how_much_extra_is_answered_by_a_further_sum_or_a_share_less() -> None:
    text = (
        "The Velm home test costs £99 and results arrive within five days. "
        "For a further £29, buyers can also book a consultation about their results with a nurse."
    )
    assert _lead("and how much extra for the nurse consult?", text) == "£29 [1]."
    ocean = (
        "The deep ocean held about 230 micromoles of oxygen per kilogram before 1850. "
        "By 2400 it is expected to hold 10% less oxygen than in preindustrial times."
    )
    q = "by 2400 how much less oxygen is the deep ocean expected to hold"
    assert _lead(q, ocean) == "10% less oxygen [1]."


def test_how_much_was_raised_is_no_price_per_month() -> None:
    text = (
        "So far Velmchat makes its money from users: its app costs $1.99 per month. "
        "The startup also has $16 million in venture funding behind it from its Series A."
    )
    assert _lead("and how much money have they raised so far", text) == "$16 million [1]."
    assert _lead("how much does the velmchat app cost", text) == "$1.99 per month [1]."


def test_what_a_firm_pulled_in_is_its_sales_or_revenue() -> None:
    text = (
        "Orsk Games expects to spend $300 million on its next title, a record for the studio. "
        "The studio's sales reached $1.2 billion in the quarter, up from $900 million a year "
        "earlier."
    )
    assert _lead("how much did orsk games pull in last quarter", text) == "$1.2 billion [1]."
    bank = (
        "Holm Bank set aside $2 billion for bad loans this year. "
        "Holm Bank's revenue came in at $14 billion for the year, slightly ahead of forecasts."
    )
    assert _lead("how much did holm bank bring in this year", bank) == "$14 billion [1]."


def test_what_a_firm_is_valued_at_is_not_what_it_raised() -> None:
    text = (
        "Orsk Telecom has picked up €400 million ($430 million) from Holm Corp. Holm is taking a "
        "51% stake in the Dublin startup, valuing it at just over $1 billion (€930 million)."
    )
    lead = _lead("holm took a stake in that dublin startup, what's it valued at now", text)
    # "just over" bounds the figure as the article does
    assert lead in ("Just over $1 billion [1].", "€930 million [1].")
    assert question_shape("what was the company valued at") == HOW_MUCH


def test_the_last_day_to_do_it_asks_when() -> None:
    assert question_shape("shipping deadlines list: last day to send fedex 2day?") == WHEN
    assert question_shape("last day to send ups ground?") == WHEN
    # "the last player to score" asks who
    assert question_shape("who was the last player to score") == WHO


def test_a_sure_answer_a_little_further_down_the_best_article_leads() -> None:
    # the sentences that repeat the question's words state no figure; the short one that does
    # scores well below them, and still answers
    text = (
        "Marta Velle says sports media coverage of women's sports has long trailed the men's "
        "game, and that the share has barely moved. According to Velle, women's sports get too "
        "little sports media coverage, whatever their share of fans. Women's sports get the "
        "share of coverage that Velle has called unfair for years. We get 5% of it. "
    )
    q = "what share of sports media coverage do women's sports get according to velle"
    assert _lead(q, text) == "5% [1]."


def test_how_much_of_a_raise_asks_a_rise_in_pay_not_money_raised() -> None:
    offer = (
        "The Orsk Bus Authority raised its offer for the Orsk bus drivers on Monday to 7 percent "
        "over three years, up from 5 percent. The drivers turned it down the same evening."
    )
    ask = (
        "The Orsk Drivers' Union is seeking a 12 percent pay rise over three years, arguing that "
        "wages have fallen behind rents. The strike has shut every bus route in Orsk."
    )
    q = "how much of a raise were the orsk bus drivers asking for"
    assert _lead(q, offer, ask) == "12 percent [1]."
