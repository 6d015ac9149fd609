"""A measure asked for ("how far does it reach", "like km of slopes?") is answered by a distance,
a size or a speed, not by the price beside it. Hand-written sentences; the lead is checked through
the extractive answerer."""

from __future__ import annotations

from tests.test_qa_extractive import _lead  # a lead from hand-written article text


def test_how_far_is_answered_by_a_distance_not_by_the_price_beside_it() -> None:
    text = (
        "Trackr Go $ 19 $ 29 34 % off The Trackr Go is the loudest of the tags and has the "
        "widest range, at 300 feet. Its battery lasts a year."
    )
    assert _lead("trackr go range?? how far does it reach", text) == "300 feet [1]."
    # asked what it costs, the price still answers
    assert _lead("how much is the trackr go", text) == "$ 19 [1]."


def test_a_unit_the_member_names_asks_for_a_measure_written_with_it() -> None:
    """ "like km of slopes?": the unit says a distance is asked, and "410km" is one, written
    without a space, not the chalet's price."""
    text = (
        "A week at Chalet Orna in Velmont costs £2,340pp with a ski guide included. "
        "With 410km of marked slopes, Velmont suits every level of skier."
    )
    assert _lead("how much skiing is there in velmont, like km of slopes?", text) == "410km [1]."
    assert _lead("how much is a week at chalet orna", text) == "£2,340 [1]."


def test_a_yes_no_question_that_guesses_an_amount_is_answered_by_the_amount() -> None:
    """ "is it still like 200 bucks": the price the article states answers it, whether or not
    the guess is right; an amount that only names the thing ("the $1 fee") asks no amount."""
    from bot.qa.question_kind import question_shape
    from bot.qa.shape import HOW_MUCH, YESNO

    assert question_shape("is the orna kettle still like 200 bucks") == HOW_MUCH
    assert question_shape("did the app get more than 100 million downloads?") == HOW_MUCH
    assert question_shape("is the $1 fee the only thing they are doing about bots") == YESNO
    assert question_shape("is the kettle still on sale") == YESNO
    text = (
        "The Orna kettle boils a litre in two minutes and keeps water warm for an hour. "
        "It now sells for $189.99 at Lindqvist, down from $229.99 in the spring."
    )
    assert _lead("is the orna kettle still like 200 bucks", text) == "$189.99 [1]."


def test_a_conversion_in_brackets_is_not_the_amount_because_it_names_the_currency() -> None:
    """ "(100 million Canadian dollars)": "Canadian" is the currency's, not what the question
    measures, so the converted amount is not taken for the one asked about; "per day" after a
    conversion still says what an amount is of."""
    text = (
        "Under the deal, Orna will provide $73.5 million (100 million Canadian dollars) every "
        "year to news outlets in the country."
    )
    assert _lead("how much does orna pay canadian news outlets every year", text) == (
        "$73.5 million [1]."
    )


def test_a_bare_one_is_a_pronoun_not_a_count() -> None:
    """ "set one up", "the open one": no noun after "one", so no count to lead with; the count
    of what is asked about is."""
    text = (
        "“The open platform is the one that will win,” said Ilsa Varn, who signed up early. "
        "Counting around 45 organizations among its members, the Orna Alliance meets monthly."
    )
    assert _lead("how many orgs are in the orna alliance", text) == "Around 45 organizations [1]."
    from bot.qa.shape import HOW_MANY, answer_spans

    said = "Positions like that can set one up for abuse, one of the academics said."
    assert [sp.text for sp in answer_spans(said, HOW_MANY)] == []
    assert [sp.text for sp in answer_spans("He kicked one field goal.", HOW_MANY)] == [
        "one field goal"
    ]


def test_a_monthly_count_counts_users_not_months() -> None:
    """ "how many monthly active users": "two months" is no count of users."""
    from bot.qa.answer_kind import Asked
    from bot.qa.shape import HOW_MANY

    q = "how many monthly active users does sleepora have"
    ask = Asked.read(q, HOW_MANY, set(), {})
    assert "user" in ask.counted
    assert "month" not in ask.counted


def test_a_figure_with_a_unit_glued_to_it_is_read_whole() -> None:
    """ "1 to 1.5g": a decimal with its unit written on is one figure, not "1" cut off at the
    point; a lone "1" would state an answer the sentence does not give."""
    from bot.qa.shape import HOW_MANY, HOW_MUCH, answer_spans

    text = (
        "Dietitian Mara Vell said older adults in Orna need at least 1 to 1.5g of protein per "
        "kilogram of body weight every day."
    )
    assert _lead("how much protein should older ppl in orna get per kg", text) == (
        "At least 1 to 1.5g [1]."
    )
    spans = [s.text for s in answer_spans("It holds 200mg of caffeine and 2.5ml of oil.", HOW_MANY)]
    assert spans == ["200mg", "2.5ml"]
    # a multiplier is read whole too, never cut at its decimal point
    assert [s.text for s in answer_spans("a 4.5x zoom", HOW_MUCH)] == ["4.5x zoom"]
    assert answer_spans("a 4x4 truck", HOW_MUCH) == []


def test_a_measure_beside_a_share_is_the_capacity_asked_for() -> None:
    """ "a 25 percent larger battery with a 50Whr capacity": asked for the capacity, the
    measure answers; the share only says how much larger it is."""
    text = (
        "The Velm Q7 handheld gets a sharper screen and a 25 percent larger battery with a "
        "50Whr capacity, compared to the old model's 40Whr."
    )
    assert _lead("velm q7 battery capacity?", text) == "50Whr capacity [1]."
    assert _lead("whats the q7's battery capacity", text) == "50Whr capacity [1]."


def test_betting_odds_asked_for_are_the_signed_figure() -> None:
    """ "what odds": a bookmaker's American odds ("(+1800)", "-110") are read with their sign and
    state the answer; the count beside them ("300+ passing yards") does not."""
    from bot.qa.question_kind import question_shape
    from bot.qa.shape import HOW_MUCH

    assert question_shape("what odds did the book give velm to win it all") == HOW_MUCH
    assert question_shape("odds on kade orlov scoring first?") == HOW_MUCH
    text = (
        "Long shot: Kade Orlov to throw for 300+ passing yards (+1800) against the Owls. "
        "Safe pick: the Owls to win at -110."
    )
    assert _lead("what odds did the book give kade orlov throwing for 300+", text) == ("+1800 [1].")
    # a hyphen inside a range or a name is no sign
    from bot.qa.shape import answer_spans

    spans = [s.text for s in answer_spans("the 2022-2023 season and COVID-19 cases", HOW_MUCH)]
    assert not any(s.startswith("-") for s in spans)


def test_a_deal_listing_states_the_price_not_the_old_price_or_the_saving() -> None:
    """ "Holm K2 $89 $129 Save $40": a deal's price, then what it was, then what is taken off.
    Asked what it costs, the first is the answer."""
    text = (
        "Holm K2 kettle $89 $129 Save $40 The Holm K2 is back down to its lowest price at "
        "Lindqvist for the holiday sale."
    )
    assert _lead("how much is the holm k2 kettle in the holiday sale", text) == "$89 [1]."
    from bot.qa.amounts import compared, former
    from bot.qa.shape import Span

    at = text.index("$40")
    assert compared(text, Span(at, at + 3, "$40"), set())  # what is taken off
    assert not compared(text, Span(at, at + 3, "$40"), {"save"})  # unless the saving is asked
    at = text.index("$129")
    assert former(text, Span(at, at + 4, "$129"))


def test_a_threshold_in_a_condition_is_not_the_level_asked_for() -> None:
    """ "a clause that lets releases fall when the reservoir drops below 40 percent": the figure
    a condition names is a threshold; where the level stands is in the next sentence. Asked
    about the threshold itself, it answers."""
    text = (
        "Orlen wants the deal to include a clause that would allow smaller releases when the "
        "Varka reservoir falls below 40 percent of capacity. The reservoir stood at 31 percent "
        "on Monday, the water agency said."
    )
    assert _lead("how low is the varka reservoir", text) == "31 percent [1]."
    assert _lead("how low does the reservoir have to be for the clause to kick in", text) == (
        "40 percent of capacity [1]."
    )


def test_a_fine_given_as_a_share_of_turnover_is_a_sum_of_money() -> None:
    """Asked for the biggest fine, "up to 6% of global annual turnover" is the answer, whole,
    though it is written as a share."""
    text = (
        "Breaches of the Orna platform rules can bring a range of sanctions, including fines of "
        "up to 6% of global annual turnover. The regulator can also order interim measures."
    )
    assert _lead("whats the max fine the regulator can hit orna with", text) == (
        "Up to 6% of global annual turnover [1]."
    )


def test_a_figure_in_words_with_a_unit_is_a_measure() -> None:
    """ "an average of nine metres of snowfall": asked how much, a figure written in words counts
    when a unit follows it; a bare "one" still does not."""
    from bot.qa.shape import HOW_MUCH, answer_spans

    spans = [
        s.text
        for s in answer_spans(
            "Velmont gets an average of nine metres of snowfall, one of the most.", HOW_MUCH
        )
    ]
    assert "nine metres" in spans
    assert not any(s.startswith("one") for s in spans)


def test_an_amount_over_the_period_asked_is_the_answer() -> None:
    """ "how much a month": the amount stated a month, not a year's or a one-off; asked per year,
    the yearly one. With no period asked, the first amount answers as before."""
    text = (
        "Velmont Plus costs $89 per year ($45 for a limited time), and a monthly plan sells for "
        "$12.99 a month for members who would rather not commit."
    )
    assert _lead("how much is velmont plus per year", text) == "$89 per year [1]."
    assert _lead("velmont plus how much a month", text) == "$12.99 a month [1]."
    assert _lead("how much does velmont plus cost", text) == "$89 per year [1]."
    # a bound stated over the period is no one's pay
    from bot.qa.amounts import period_of
    from bot.qa.shape import Span

    for sentence, period in (
        ("They pay four players above $10 million a year", ""),
        ("They pay Orin Vale $10 million a year", "year"),
        ("It costs $10 million/month", "month"),
    ):
        at = sentence.index("$")
        assert period_of(sentence, Span(at, at + 11, sentence[at : at + 11])) == period


def test_money_dropped_on_or_sunk_into_something_is_spent_not_a_fall() -> None:
    """ "how much did orna drop on velmont": a sum spent, not by how much something fell; asked
    how much the shares dropped, the fall is still the answer."""
    text = (
        "Orna sank $650 million into Velmont Labs in 2014. Since then the lab's headcount has "
        "grown 12%, and Orna's shares dropped 4% on the news of another write-down."
    )
    assert _lead("how much did orna drop on velmont back in the day", text) == ("$650 million [1].")
    assert _lead("how much did orna sink into velmont", text) == "$650 million [1]."
    assert _lead("how much did orna shares drop on the news", text) == "4% [1]."


def test_an_amount_that_names_a_line_passed_is_not_what_was_paid() -> None:
    """ "beyond the Rs 20 Cr mark": a line the bidding passed, not the price."""
    text = (
        "HRS pick up Orin Vale for Rs 24.75 Cr. HRS and GLS have taken Orin Vale beyond "
        "Rs 20 Cr mark."
    )
    assert _lead("how much did hrs pay for orin vale", text) == "Rs 24.75 Cr [1]."
    assert _lead("how much did hrs blow on orin vale at the auction yesterday", text) == (
        "Rs 24.75 Cr [1]."
    )
