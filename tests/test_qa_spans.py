"""Answer spans read whole: an amount with its rate and its bound, a figure with a scale glued
to it, the side a team lost to (no place), and names that are channels or services (no person).
Hand-written sentences; the lead is checked through the extractive answerer."""

from __future__ import annotations

from bot.qa.person import personlike
from bot.qa.plans import planned
from bot.qa.question_kind import question_shape
from bot.qa.shape import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO, answer_spans
from bot.qa.span_filter import alone_words
from ingest.keyword import tokenize
from tests.test_qa_extractive import _lead  # a lead from hand-written article text


def _texts(sentence: str, shape: str) -> list[str]:
    return [sp.text for sp in answer_spans(sentence, shape)]


def test_an_amount_keeps_what_it_is_counted_by_and_how_far_it_holds() -> None:
    s = "Orrin Care usually costs $20 per month, and buyers get up to $200 in store credit."
    assert _texts(s, HOW_MUCH) == ["$20 per month", "up to $200"]
    assert _texts("Shares closed at $35.50 a share; the plan is $9.99/month.", HOW_MUCH) == [
        "$35.50 a share",
        "$9.99/month",
    ]
    # a bound is kept only before a figure, and a plain amount is left as it is
    assert _texts("The fine was $4,000.", HOW_MUCH) == ["$4,000"]
    text = (
        "Orrin Care, the company's monitoring plan, usually costs $20 per month after a trial. "
        "The hub itself went on sale in March."
    )
    assert _lead("how much does orrin care usually cost", text) == "$20 per month [1]."


def test_a_figure_with_a_scale_glued_to_it_is_read_whole_never_from_its_middle() -> None:
    assert _texts("The Velm tour sold 2.2m tickets across 40 cities.", HOW_MANY)[0] == (
        "2.2m tickets"
    )
    budget = "Lawmakers approved the P5.768-trillion budget for next year on Monday."
    assert _texts(budget, HOW_MUCH) == ["P5.768-trillion budget"]
    assert _texts("He left in a deal worth around $A82 million.", HOW_MUCH) == [
        "around $A82 million"
    ]
    # the digits after a decimal point never start a figure of their own
    assert not any(t.startswith("768") for t in _texts(budget, HOW_MANY))


def test_the_side_a_team_lost_to_is_no_place() -> None:
    s = "United lost 4-3 to Copenhagen in October and then lost to Bayern at Old Trafford."
    places = _texts(s, WHERE)
    assert "at Old Trafford" in places
    assert not any(p.startswith("to ") for p in places)
    # a place one travels to is still one
    assert "to Copenhagen" in _texts("The squad flew to Copenhagen on Sunday.", WHERE)


def test_a_channel_or_a_service_is_no_person() -> None:
    assert not personlike("NFL Network")
    assert not personlike("Amazon Prime Video")
    assert not personlike("Paramount Plus")
    assert personlike("Giff Smith")


def test_what_someone_is_paying_asks_an_amount() -> None:
    assert question_shape("what are the dodgers paying yamamoto") == HOW_MUCH
    assert question_shape("what did they spend on the stadium") == HOW_MUCH
    assert question_shape("what is apple making next") != HOW_MUCH


def test_a_date_named_a_few_words_after_what_is_asks_when() -> None:
    assert question_shape("what was the release cutoff date for the list") == WHEN
    assert question_shape("whats the new filing deadline") == WHEN
    assert question_shape("what was the cutoff date") == WHEN


def test_a_plan_is_the_date_set_after_it_not_one_the_sentence_gives_before() -> None:
    text = (
        "Velm Songs Fund owns the rights to some 60,000 songs. "
        "Instead, the results (for the six months to the end of September 2023) are now "
        "expected to be published sometime before the close of December 31."
    )
    q = "velm songs fund pushed back its results, when are they coming now"
    assert _lead(q, text) == "December 31 [1]."
    # a capitalised "Next" names a service; it sets no plan
    ship = "Parcels sent by Orrin Next Day after Thursday arrive late."
    plan = "The fund will hold the vote next Thursday."
    assert planned(ship, answer_spans(ship, WHEN)[0]) == 1.0
    assert planned(plan, answer_spans(plan, WHEN)[0]) > 1.0


def test_where_a_company_is_based_or_a_singer_was_born_is_a_place() -> None:
    s = "Analysts say the Copenhagen-based shipper's cash flow reached $27 billion last year."
    assert _texts(s, WHERE) == ["Copenhagen"]
    assert _texts("The San Francisco-based startup, like the Calgary-born singer", WHERE) == [
        "San Francisco",
        "Calgary",
    ]
    # a sentence's first word before "-based" is a method, not a place
    assert _texts("Evidence-based policing is spreading.", WHERE) == []
    text = (
        "Orrin Lines is the largest listed container carrier. "
        "The Aarhus-based company's free cash flow fell last year, analysts said."
    )
    assert _lead("where is orrin lines based", text) == "Aarhus [1]."


def test_a_score_is_never_read_from_the_middle_of_a_fighters_record() -> None:
    """A record with its draws is read whole (it answers "what's his record"), never as the
    "2-1" inside it; asked for a score, the game's result leads (``tests/test_qa_records.py``)."""
    s = "Varn (41-2-1, 38 KOs) meets Teodor Halk, and the Orcas won 21-14 on Sunday."
    assert _texts(s, "score") == ["41-2-1", "21-14"]
    assert _texts("Halk (29-3-0) boxed well.", "score") == ["29-3-0"]
    assert _lead("what was the score in the orcas game on sunday", s) == "21-14 [1]."


def test_a_town_based_name_keeps_its_state_and_a_phrase_title_is_no_person() -> None:
    assert _texts("One Bangor, Maine-based startup rents homes to families.", WHERE) == [
        "Bangor, Maine"
    ]
    assert _texts("The Copenhagen-based firm said so.", WHERE) == ["Copenhagen"]
    assert not personlike("England's Man-of-the-Match")
    assert not personlike("Player-of-the-Year")
    assert personlike("Kareem Abdul-Jabbar")
    text = (
        "Back then, Ireland's Player-of-the-Match captain Orla Brennick hit 88 runs in 90 balls "
        "to set up the win."
    )
    assert _lead("who hit 88 for ireland back then", text) == "Orla Brennick [1]."


def test_a_name_in_brackets_answers_for_what_stands_before_them() -> None:
    text = (
        "The new series opens with Queen Aldra (played by Mira Senn) taking her sons, Prince "
        "Tobin (played by Col Arvey) and Prince Edric (played by Tam Halloway), to the coast. "
        "Filming ended in May."
    )
    assert _lead("whos playing young prince edric on the show", text) == "Tam Halloway [1]."
    assert _lead("whos playing young prince tobin on the show", text) == "Col Arvey [1]."
    # the clause goes on after the brackets: their date is the one the question's verb took
    text = (
        "After a long debate, the Velm council on Tuesday (March 4) approved on final reading "
        "the bridge plan for next year. Work starts in June."
    )
    assert _lead("when was the velm bridge plan approved", text) == "March 4 [1]."


def test_a_lawyer_asked_for_is_the_attorney_the_article_names() -> None:
    text = (
        "Riders have pressed the Velm ferry company for cameras on every deck. Mayor Ilse Varn "
        "backed the petition, which Rana Colt, a civil rights attorney, filed in March."
    )
    assert _lead("who's the lawyer pushing for cameras on the velm ferries", text) == (
        "Rana Colt [1]."
    )


def test_who_did_it_is_the_name_after_by_when_words_of_when_stand_between() -> None:
    text = (
        "We spoke about the old harbour and the making of Orla Benn's new novel, Saltmarch, "
        "published last week by Fenwick Lane Press. When Orla Benn won the Tarrant Prize in "
        "2019 for her novel Low Tide, the judges praised its nerve."
    )
    assert _lead("who published saltmarch", text) == "Fenwick Lane Press [1]."
    # a noun before "by" is no verb the question asked: "cards were produced by" the referee
    text = (
        "One red card and four yellow cards were produced by Ivo Marsh with help from VAR "
        "official Dean Cole, and three goals were ruled out."
    )
    assert _lead("who was the var guy for the game with the red card", text) == "Dean Cole [1]."


def test_a_sum_of_money_takes_no_capitalised_heading_or_question_word_after_it() -> None:
    assert _texts("Velm Lens Glasses $ 299 The Good Bright screen", HOW_MUCH) == ["$ 299"]
    assert _texts("I liked the $299 Velm Lens glasses.", HOW_MUCH) == ["$299"]
    assert _texts("A fine of up to one million NOK a day.", HOW_MUCH) == ["one million NOK a day"]
    assert _texts("Gels cut by 30 percent how much water crops need.", HOW_MUCH) == ["30 percent"]
    assert _texts("It raised a $1.1 million seed round.", HOW_MUCH) == ["$1.1 million seed round"]


def test_a_table_of_fixtures_does_not_answer_who_scored() -> None:
    text = (
        "Date Fixture Sept. 20 Orna United 1-1 Velm Rovers Sept. 20 Tarrant 0-2 Halk City Oct. "
        "3 Halk City 0-2 Orna United Oct. 3 Velm Rovers 1-0 Tarrant. "
        "Tarrant went through on goals, with Ivo Marsh's late strike proving decisive."
    )
    assert _lead("who got the late goal for tarrant vs halk city", text) == "Ivo Marsh [1]."


def test_off_the_coast_is_a_place() -> None:
    s = "Flight 212 crashed off the coast of Velmland in 1989, and the boat sank off Orna."
    assert _texts(s, WHERE) == ["off the coast of Velmland"]
    text = "Flight 212 crashed off the coast of Velmland in 1989, killing all 55 people aboard."
    assert _lead("where did flight 212 crash", text) == "Off the coast of Velmland [1]."


def test_what_a_price_was_knocked_down_to_asks_how_much() -> None:
    assert question_shape("what did lindqvist knock the kettle down to for the sale") == HOW_MUCH
    assert question_shape("what did they take down to the river") != HOW_MUCH


def test_a_name_asked_with_the_possessive_typed_without_its_apostrophe_is_a_who() -> None:
    assert question_shape("whats ilse varns husbands name again") == "who"
    assert question_shape("what is the names list") != "who"
    text = "Ilse Varn has often defended her husband Teo Brask, a former Orna city clerk."
    assert _lead("whats ilse varns husbands name again", text) == "Teo Brask [1]."


def test_noms_are_nominations_not_a_typo_of_norms() -> None:
    from bot.qa.aliases import expand
    from bot.qa.aliases import spans as alias_spans
    from bot.qa.spelling import Speller, correct

    sp = Speller(["The norms changed after the vote."])
    q = "how many globe noms did velm get"
    fixed, _ = correct(q, [sp], keep=alias_spans(q))
    assert expand(fixed)[0] == "how many globe noms (nominations) did velm get"


def test_a_surname_that_is_also_a_place_word_after_the_role_asked_is_a_person() -> None:
    """ "Park" ends park names ("Orna Park"), but "economist Jiwon Park" names the economist
    the question asks for."""
    q = "who's the velm economist behind that housing note"
    s = "As noted by both Velm Research economist Jiwon Park and Tamsk Realty’s Ivo Renn, prices froze."
    assert _weight(q, s, "Jiwon Park") > _weight(q, s, "Ivo Renn")


def test_devs_are_developers() -> None:
    from bot.qa.aliases import spans as alias_spans
    from bot.qa.spelling import Speller, correct

    sp = Speller(["The studio paid 27 different developers, and the deviation was small."])
    q = "how many devs did velm pay off"
    fixed, fixes = correct(q, [sp], keep=alias_spans(q))
    assert fixed == "how many developers did velm pay off"
    assert fixes == {"devs": "developers"}


def test_which_journal_is_the_name_the_article_calls_a_journal() -> None:
    text = (
        '"The evidence for food addiction is strong and consistent," said lead researcher Ilse '
        "Varn, a professor of psychology at Orna University. Rates were close to those for "
        "alcohol, noted the review, which was published in the journal Velm Medicine."
    )
    q = "which journal published the orna university food addiction study"
    assert _lead(q, text) == "Velm Medicine [1]."
    # a university's name may end on the kind asked for, as well as start on it
    text = (
        "Teo Brask, then a lecturer at the University of Halk, met Rana Colt, who was teaching "
        "sociology at Tarrant State University at the time."
    )
    assert _lead("which university was rana colt teaching at", text) == (
        "Tarrant State University [1]."
    )


def test_what_was_the_final_asks_for_the_score() -> None:
    assert question_shape("orna got cooked by velm last weekend, what was the final") == "score"
    assert question_shape("whats the final on the orna game") == "score"
    assert question_shape("what was the final straw for the coach") != "score"
    text = (
        "Orna had looked sharp all month. They most recently lost to Velm in Halk 89-76 in a "
        "statement win for the visitors, who outscored them 21-8 on fast breaks."
    )
    assert _lead("orna got cooked by velm last weekend, what was the final", text) == "89-76 [1]."


def test_a_post_of_a_company_is_no_name_and_built_on_ai_is_no_place() -> None:
    from bot.qa.shape import WHO

    s = "Ilse Varn, CEO of Velm Music Group – and a former executive at Orna – commented."
    assert _texts(s, WHO) == ["Ilse Varn", "Orna"]  # where she worked is a body, not a post
    s = "The Director of National Intelligence Teo Brask spoke."
    assert _texts(s, WHO) == ["Director of National Intelligence Teo Brask"]
    assert _texts("He will expand AI-based tools across the clinic.", WHERE) == []
    assert _texts("The Copenhagen-based firm and a UK-based rival", WHERE) == ["Copenhagen", "UK"]


def test_a_name_the_text_calls_a_country_is_a_place() -> None:
    s = "Velmo will start with the neighbouring country Orna, Brask said at the launch in Halk."
    assert _texts(s, WHERE) == ["Orna", "in Halk"]


def test_what_someone_is_putting_into_something_is_a_sum_of_money() -> None:
    text = (
        "Ilse Varn has agreed in principle to buy a 25 per cent share in Orna United. "
        "Varn will also invest $300m into the club's ageing stadium, the club said."
    )
    assert _lead("how much is varn putting into orna's stadium", text) == "$300m [1]."


def test_how_many_bucks_asks_for_a_sum_and_a_season_is_read_whole() -> None:
    assert question_shape("how many bucks did velm drop on orna") == HOW_MUCH
    assert question_shape("how many people did velm lay off") == HOW_MANY
    text = "Velm cut 100 jobs at Orna, a studio it bought for $3.6 billion in 2022."
    assert _lead("how many bucks did velm drop on orna", text) == "$3.6 billion [1]."
    s = "It led to a Hart Trophy for Brask in 2015-16, and a cup on 2023-04-05."
    assert _texts(s, WHEN) == ["in 2015-16", "on 2023"]  # no "2023-04" from a full date


def test_a_name_that_ends_like_an_era_or_war_is_nobody() -> None:
    from bot.qa.answer_kind import Asked
    from bot.qa.shape import WHO

    q = "who plays rells mom in nocturne"
    asked = Asked.read(q, WHO, {"play", "rell", "mom", "nocturn"}, {})
    s = "Set during the French Revolution, Nocturne follows Rell Brask and Ilse Varn."
    rated = dict((sp.text, w) for sp, w in asked.rate(s, lambda _t: 0.0))
    assert rated["French Revolution"] < rated["Ilse Varn"]


def test_who_caught_it_is_not_who_threw_it() -> None:
    from bot.qa.answer_kind import Asked
    from bot.qa.shape import WHO

    def rated(q: str, s: str) -> list[str]:
        asked = Asked.read(q, WHO, {"caught", "td"}, {})
        return [sp.text for sp, _ in asked.rate(s, lambda _t: 0.0)]

    s = "Late on, Rell Brask found Ilse Varn for the go-ahead score."
    assert rated("who caught the go ahead td", s)[0] == "Ilse Varn"
    s = "Tova Marn intercepted a deflected pass from Rell Brask for a pick-six."
    assert rated("who had the pick six", s)[0] == "Tova Marn"
    # who threw it is asked: the passer stands first again
    assert rated("who threw the go ahead td", "Rell Brask found Ilse Varn to win it.")[0] == (
        "Rell Brask"
    )
    # "pick 6", "had both picks": an interception asked for; "had just thrown ... to" and
    # "picks off" name the passer
    s = "By then quarterback Rell Brask had just thrown a pick-six to Tova Marn in the third."
    assert rated("who had the pick 6 for orna", s)[0] == "Tova Marn"
    s = "Once more the corner picks off Rell Brask near midfield, and Tova Marn has two."
    assert rated("who had both picks for orna", s)[0] == "Tova Marn"
    # "went right back to", "looked for": the passer stands before them too
    s = "In the red zone Rell Brask went right back to his guy Ilse Varn."
    assert rated("who caught the go ahead td", s)[0] == "Ilse Varn"
    s = "On third down Rell Brask looked for Ilse Varn in the corner."
    assert rated("who caught the go ahead td", s)[0] == "Ilse Varn"
    # picks in a betting column are no interceptions
    from bot.qa.passer import catch_asked

    assert not catch_asked("who are the picks this week")


def test_an_estimate_asked_for_is_an_amount() -> None:
    q = "what is the consensus eps estimate for velm ahead of its report"
    assert question_shape(q) == HOW_MUCH
    text = (
        "Earnings Insight: Velm has beaten EPS forecasts in 7 of the last 8 quarters. "
        "Consensus EPS Estimates: $2.65 Consensus Revenue Estimates: $54.54B"
    )
    assert _lead(q, text) == "$2.65 [1]."


def test_a_range_of_amounts_is_one_answer_but_a_change_or_a_score_is_two() -> None:
    s = (
        "Orna Cloud is in talks to buy Velm Labs for between $600 million and $700 million, and "
        "Kestrel Data for between $300 million and $400 million."
    )
    assert _texts(s, HOW_MUCH) == [
        "between $600 million and $700 million",
        "between $300 million and $400 million",
    ]
    assert _texts("Tickets range from $10 to $20.", HOW_MUCH) == ["$10 to $20"]
    assert _texts("The fare fell from $20 to $15.", HOW_MUCH) == ["$20", "$15"]
    assert _texts("Rovers won 32-12.", HOW_MUCH) == ["32", "12"]
    assert _texts("Anywhere from two to seven players can join in.", HOW_MANY) == [
        "two to seven players"
    ]
    # "the electric two-wheeler market": a kind of vehicle, no count
    assert _texts("Sales grew in the electric two-wheeler market.", HOW_MANY) == []
    # a share and then a sum: how far it moved and where it ended, not a range
    assert _texts("Shares rose 14% to $52.", HOW_MUCH) == ["14%", "$52"]


def test_the_score_asked_with_when_for_which_game_is_a_score() -> None:
    assert question_shape("what was the scoreline when wales pumped the wallabies") == "score"
    assert question_shape("when was the score confirmed") != "score"


def test_a_part_of_a_month_or_year_is_read_with_it() -> None:
    s = "Orna Post expects every account to be federated by the end of January."
    assert _texts(s, WHEN) == ["by the end of January"]
    assert _texts("The ferry opens at the start of next year.", WHEN) == [
        "at the start of next year"
    ]
    assert _texts("They met in mid-October.", WHEN) == ["in mid-October"]


def test_a_sum_in_a_named_dollar_and_its_rate_per_dose_are_read_whole() -> None:
    bid = "At last, at $US44 million, the Velm team stopped the auction."
    assert _texts(bid, HOW_MUCH) == ["$US44 million"]
    assert _lead("at what bid did the velm team stop the auction", bid) == "$US44 million [1]."
    dose = "Ostravir is rarely used because of its cost — $3,700 per dose in the U.S."
    assert _texts(dose, HOW_MUCH) == ["$3,700 per dose"]
    assert _texts("A generic will sell for about $30 a dose.", HOW_MUCH) == ["about $30 a dose"]


def test_two_days_that_bound_a_span_of_time_are_one_answer() -> None:
    season = (
        "The Orna league's regular season begins October 24. The cup games run "
        "November 3 - December 9, with the final in Ostra."
    )
    assert "November 3 - December 9" in _texts(season, WHEN)
    assert _lead("when do the orna league cup games run", season) == (
        "November 3 - December 9 [1]."
    )
    assert _texts("The fair is open Monday through Friday.", WHEN) == ["Monday through Friday"]
    # a score or a season's years is no range of days
    assert _texts("In the 2023-24 season the team went 12-4.", WHEN) == ["2023-24"]


def test_the_town_a_company_is_based_in_after_the_country_it_is_in() -> None:
    based = (
        "Like many firms in Velmaria, Ostra City-based Quillon Security has been hit by the "
        "strike, its chief said."
    )
    assert _texts(based, WHERE) == ["in Velmaria", "Ostra City"]
    assert _lead("where is quillon security based", based) == "Ostra City [1]."
    # the town with its state, where the state is no place the sentence already gave
    assert _texts("The Portland, Maine-based roaster said so.", WHERE) == ["Portland, Maine"]


def test_a_place_named_before_who_or_what_is_there_answers_where() -> None:
    court = "Earlier this month, an Ostra court rejected Quillon's challenge to the ban."
    assert _texts(court, WHERE) == ["Ostra"]
    assert _lead("which city's court threw out quillon's challenge", court) == "Ostra [1]."
    sued = "In August, a Velmaria woman sued Quillon Pharma over the drug's side effects."
    assert _lead("the woman who sued quillon pharma, where's she from", sued) == ("Velmaria [1].")
    assert _texts("Weeks later, Ostra Vale councilman Pell Tarrow admitted it.", WHERE) == [
        "Ostra Vale"
    ]
    # a party, a faith or a nationality before the noun is no place; nor a company
    assert _texts("A Democratic mayor, an American woman and a Quillon engineer met.", WHERE) == []


def test_an_amount_ends_at_its_last_digit_not_at_the_comma_after_it() -> None:
    s = "The Orna deck starts at $549, and the old model drops to $349, the maker said."
    assert _texts(s, HOW_MUCH) == ["$549", "$349"]
    assert _texts("The deck sold 12,000, then 3,000 more.", HOW_MANY)[0] == "12,000"


def test_a_clock_time_or_a_down_and_distance_is_no_count() -> None:
    blog = "10:56 p.m. — Now the Hawks sack Tarrow again to send Orna to 3rd & 28."
    assert [sp.text for sp in answer_spans(blog, HOW_MANY)] == []
    assert _lead("how many times did the hawks sack tarrow", blog) is None
    sacks = f"{blog} The Hawks sacked Tarrow six times in all."
    assert _lead("how many times did the hawks sack tarrow", sacks) == "Six times [1]."
    # a number with a count after it is still a count, also beside a down
    assert [sp.text for sp in answer_spans("On 4th-and-1 they had 3 sacks.", HOW_MANY)] == [
        "3 sacks"
    ]


def test_the_time_since_something_was_last_so_is_not_how_long_it_took() -> None:
    strike = "Orna's first full tram strike in 19 years ended on Monday after 25 days."
    assert _lead("how long did the orna tram strike go on for", strike) == "25 days [1]."
    assert _lead("how long did the orna strike last", strike) == "25 days [1]."
    # asked as such, the time since is the answer
    lowest = "Orna's rate cut was its first in 18 months."
    assert _lead("orna's first rate cut in how many months?", lowest) == "18 months [1]."


def test_a_person_the_member_calls_by_first_name_is_not_who_they_ask_about() -> None:
    text = (
        "After eleven seasons in charge of the Harriers, Roddy Falk announced his retirement. "
        "Bench coach Ines Calder is the favourite to replace him next season."
    )
    q = "who's the frontrunner to take over from roddy at the harriers"
    assert _lead(q, text) == "Ines Calder [1]."
    # a first name with another name after it is someone else's: "brendan gleeson" does not
    # rule out Brendan Fraser
    assert "roddi" in alone_words(q)
    assert "brendan" not in alone_words("he said brendan gleeson won it, who actually won")


def _weight(q: str, sentence: str, name: str) -> float:
    """How likely ``name`` in ``sentence`` answers the who-question ``q``, its surroundings
    holding the same share of the question."""
    from bot.qa.answer_kind import Asked

    ask = Asked.read(q, WHO, set(tokenize(q)), {})
    return dict((sp.text, w) for sp, w in ask.rate(sentence, lambda _: 0.5))[name]


def test_a_name_used_as_a_kind_names_no_one() -> None:
    """ "made a Nobel laureate", "an Apple spokesperson": the name says what kind, not who."""
    q = "who said they would look into the leak"
    kind = _weight(
        q, "She did not know she had been made a Nobel laureate until the call.", "Nobel"
    )
    person = _weight(q, "On Friday the secretary said Voss would look into it.", "Voss")
    assert kind < person


def test_a_number_in_a_model_name_is_no_count_or_price() -> None:
    s = "Its rivals, the Varo MX-30 and the F-150, sold 12,000 cars in an age-29 season."
    assert [sp.text for sp in answer_spans(s, HOW_MANY)] == ["12,000 cars", "29 season"]
    assert "30" not in [sp.text for sp in answer_spans(s, HOW_MUCH)]


def test_a_venue_and_the_surname_of_whom_the_member_names_answer_no_who() -> None:
    text = (
        "On Sunday, Prell made her return to Kestrel Stadium to watch the Harriers beat the "
        "Tarven Otters. Mara Prell has been to four of their games this season."
    )
    assert _lead("which team did the harriers beat when mara was at kestrel", text) == (
        "Tarven Otters [1]."
    )
    # "Prell" alone is Mara Prell, whom "when mara was at kestrel" names
    from bot.qa.shape import Span
    from bot.qa.span_filter import novel, surnames_of

    q = "which team did the harriers beat when mara was at kestrel"
    surnames, alone = surnames_of([["Mara", "Prell"], ["Tarven", "Otters"]], alone_words(q))
    assert "prell" in surnames and "prell" in alone
    assert not novel(Span(0, 5, "Prell"), set(tokenize(q)), alone=alone)
    assert novel(Span(0, 5, "Prell"), set(tokenize(q)), alone=alone_words(q))


def test_an_amount_converted_in_brackets_leaves_the_words_after_to_the_first() -> None:
    text = "The book is said to have earned her a $US15 million ($23.3 million) advance."
    assert _lead("how big was the advance", text) == "$US15 million [1]."


def test_a_name_in_quotation_marks_is_a_title_not_a_person() -> None:
    q = "who taught her to use the stun gun"
    title = _weight(
        q, "She learned the stun gun in missions like ‘Good Men’, the guide says.", "Good Men"
    )
    person = _weight(
        q, "She learned the stun gun in missions like Hal Brenner, the guide says.", "Hal Brenner"
    )
    assert title < person


def test_a_name_in_quotation_marks_that_open_with_the_is_a_title_too() -> None:
    q = "who is orven fighting on the card"
    title = _weight(
        q,
        "Orven headlines a card dubbed “The Night of Ashes” in Tamsk, the promoter says.",
        "Night of Ashes",
    )
    person = _weight(
        q, "Orven headlines a card against Hal Brenner in Tamsk, the promoter says.", "Hal Brenner"
    )
    assert title < person


def test_a_racing_team_or_a_biotech_is_a_body_not_a_person() -> None:
    from bot.qa.person import personlike

    assert not personlike("Joe Varn Racing")
    assert not personlike("Excision BioTherapeutics")
    assert not personlike("Tamsk Dynamics")
    assert personlike("Kesh Tarvo")
    q = "who is expected to drive the no. 10 car next year"
    s = "Kesh Tarvo is expected to drive the No. 10 car for Joe Varn Racing next year."
    assert _weight(q, s, "Joe Varn Racing") < _weight(q, s, "Kesh Tarvo")


def test_a_number_that_labels_a_week_or_a_series_is_no_amount() -> None:
    s = "The Vexa Series 2 builds on the first pad, and our Week 14 lineup uses it."
    assert answer_spans(s, HOW_MUCH) == []


def test_a_body_whose_researchers_did_it_is_who_not_a_place() -> None:
    s = "Security researchers at Varrow Intelligence, a startup, got the model to leak its rules."
    assert _texts(s, WHO) == ["Varrow Intelligence"]
    assert _texts(s, WHERE) == []
    assert _texts("The fans waited at Varrow Park for hours.", WHO) == []  # a place still
    q = "which startup got the model to leak its rules"
    assert _lead(q, s) == "Varrow Intelligence [1]."


def test_a_name_glued_to_a_participle_describes_and_names_no_one() -> None:
    s = "Orna had a man who played in their 2008 Velm Cup-winning side, said Tom Brask."
    assert _texts(s, WHO) == ["Tom Brask"]


def test_a_thing_of_the_person_asked_about_is_not_whom_they_were_with() -> None:
    text = (
        "Weeks later the couple appeared on Lisa’s Morning Table, where Lisa said she had "
        "dated Marco Vell while they were apart."
    )
    q = "who was lisa's fling with back then"
    assert _lead(q, text) == "Marco Vell [1]."
    from bot.qa.answer_kind import Asked

    rated = Asked.read(q, WHO, set(tokenize(q)), {}).rate(text, lambda _: 0.5)
    assert [sp.text for sp, _ in rated] == ["Marco Vell"]  # not "Lisa’s Morning Table"


def test_since_when_something_last_happened_is_not_when_this_began() -> None:
    text = (
        "It is the first full ferry strike in Orna since 2011. "
        "Talks resumed on Monday, the port said. "
        "Crews have been on strike since March 3, shutting every crossing to Velm."
    )
    assert _lead("when did the orna ferry strike start", text) == "Since March 3 [1]."
    # asked when it last happened, the "first ... since" date is the answer
    assert _lead("when was the last orna ferry strike before this one", text) == "Since 2011 [1]."


def test_a_cofounder_asked_for_is_the_name_the_article_calls_a_co_founder() -> None:
    q = "which orbly cofounder wished he went to fewer events"
    chair = "Orbly chair Lena Brask spoke first at the event in Halk."
    cofounder = "Ivo Marsh, the co-founder of Orbly, spoke next at the event in Halk."
    assert _weight(q, cofounder, "Ivo Marsh") > _weight(q, chair, "Lena Brask")


def test_what_time_in_a_country_is_the_time_in_its_zone() -> None:
    text = (
        "The Orna Cup final kicks off at 9 p.m. local time on Saturday in Halk. "
        "Kick-off times around the world: USA 3 p.m. ET, UK 8 p.m. BST, Australia 6 a.m. AEDT."
    )
    assert _lead("what time's kickoff in the uk", text) == "8 p.m. BST [1]."
    assert _lead("what time is kickoff for fans in america", text) == "3 p.m. ET [1]."


def test_the_year_in_brackets_after_a_title_dates_that_title() -> None:
    text = (
        "Best-loved ghost novel: The Halk Lantern (1968). "
        "The Halk Lantern, Ilse Varn's second book after the success of 1966’s Orna Nights, "
        "follows a keeper who returns to his island."
    )
    assert _lead("when did ilse varn's the halk lantern come out", text) == "1968 [1]."


def test_an_amount_given_for_comparison_is_not_what_the_thing_costs() -> None:
    from bot.qa.amounts import former

    text = (
        "Orbly Chat is priced at $2.49 per month, with a free trial, compared with $12 per month "
        "for the rival Halkmail app."
    )
    own, rival = answer_spans(text, HOW_MUCH)
    assert (own.text, rival.text) == ("$2.49 per month", "$12 per month")
    assert former(text, rival) and not former(text, own)
    assert _lead("how much is orbly chat a month", text) == "$2.49 per month [1]."


def test_an_injury_report_status_word_opens_no_name() -> None:
    text = "Halk Rovers: RB Ivo Marsh (knee) OUT Velm City: WR Lena Brask (ankle) QUESTIONABLE"
    spans = [s.text for s in answer_spans(text, WHO)]
    assert "OUT Velm City" not in spans
    assert "Velm City" in spans


def test_a_people_named_by_nationality_is_not_a_person() -> None:
    assert not personlike("Black Americans")
    assert not personlike("Israelis")
    assert personlike("Lena Brask")


def test_a_first_name_the_articles_only_write_capitalised_is_whom_the_member_names() -> None:
    text = (
        "Orna's board fired chief executive Ivo Marsh late Friday. "
        "Lena Brask, Orna's finance chief, will take over as interim CEO, the company said."
    )
    assert _lead("who's the interim ceo at orna now that ivo got fired", text) == "Lena Brask [1]."
    # a word the articles also write in lowercase may be an everyday word, not a name
    from bot.qa.span_filter import first_names_given

    names = [["Will", "Harran"], ["Ivo", "Marsh"]]
    sentences = ["Will Harran spoke.", "Ivo Marsh left.", "The vote will be held."]
    assert first_names_given("who will replace ivo", sentences, names) == {"ivo"}


def test_whom_a_firm_partners_with_is_a_body() -> None:
    q = "who are they partnering with on the swap network"
    s = "Tamsk Power is partnering with Belmont Energy on the swap network, Ivo Renn said."
    # the firm is not halved as no person (as it is for "who is leading the swap network")
    assert _weight(q, s, "Belmont Energy") >= _weight(q, s, "Ivo Renn")
    led = "who is leading the swap network"
    assert _weight(led, s, "Belmont Energy") < _weight(led, s, "Ivo Renn")
    # whose partner someone is asks for a person
    from bot.qa.question_kind import ORG_Q

    assert not ORG_Q.search("who is her partner now")


def test_a_role_before_in_names_a_person_not_a_place() -> None:
    """ "share a manager in Per Lindqvist": the role before "in" makes the name after it someone
    (a who-answer, no place); "a manager in Lunvik" stays where the job is."""
    s = "The two men now share a manager in Per Lindqvist, the man who discovered the actor."
    assert "Per Lindqvist" in [sp.text for sp in answer_spans(s, WHO)]
    assert answer_spans(s, WHERE) == []
    t = "She worked as a manager in Lunvik for a decade."
    assert [sp.text for sp in answer_spans(t, WHERE)] == ["in Lunvik"]
    # a title won in something is no one: "champion in Vellmark Alpine skiing"
    u = "She is the youngest slalom champion in Vellmark Alpine skiing history."
    assert "Vellmark Alpine" not in [sp.text for sp in answer_spans(u, WHO)]
    q = "the director and the actor have the same guy handling their careers now, who is he"
    assert _lead(q, s) == "Per Lindqvist [1]."
