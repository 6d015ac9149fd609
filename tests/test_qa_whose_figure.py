"""Which of a sentence's figures or names is the one asked for: a vote's side, what a stadium
holds against who came, a depth of snow, an aim against a level, a figure a later clause gives to
someone else, a former body's director, a side a team plays."""

from __future__ import annotations

from bot.qa.agent import asked_particle
from bot.qa.answer_kind import TOTAL_Q
from bot.qa.counted import counted_beside
from bot.qa.question_kind import OPPONENT_Q
from bot.qa.shape import WHO, Span, answer_spans
from bot.qa.span_filter import novel, role_styled, used_as_kind
from bot.qa.spelling import correct
from bot.qa.subject import asked_place, elsewhere, names_place, others_figure
from ingest.keyword import tokenize

from .test_qa_extractive import _lead


def test_how_many_voted_yes_is_the_first_side_of_the_tally() -> None:
    text = (
        "The Velmar assembly voted 211 against four, with two abstentions, to pass the 2027 "
        "budget bill on its final reading."
    )
    assert _lead("how many members voted yes on the velmar budget", text) == "211 [1]."
    assert _lead("how many voted against the velmar budget", text) == "Four [1]."


def test_how_many_came_is_not_what_the_ground_holds() -> None:
    text = (
        "Rain kept fans away as only 18,400 filled the 30,000-capacity Holm Park for Orvale's "
        "4-0 win over Tollis."
    )
    assert _lead("how many fans turned up for orvale vs tollis", text) == "18,400 [1]."


def test_how_much_snow_is_a_depth_not_the_resort_size() -> None:
    text = (
        "Though small at 1,800 acres, Karsk Peak gets an average of seven metres of snowfall "
        "every winter."
    )
    assert _lead("how much snow does karsk peak get a year", text) == "Seven metres [1]."


def test_what_a_rate_is_at_is_no_target() -> None:
    text = (
        "Inflation in Velm is closing in on the central bank's 2 percent target after easing to "
        "3.1 percent in October."
    )
    assert _lead("whats inflation at in velm", text) == "3.1 percent [1]."
    assert _lead("what's the velm central bank's inflation target", text) == "2 percent target [1]."


def test_a_figure_a_later_clause_gives_someone_else_is_theirs() -> None:
    s = (
        "Tom Ardley went to Orvale for £12 million, but the record lasted an hour as Tollis "
        "paid for Karl Veng, spending £15 million."
    )
    q = set(tokenize("how much did orvale pay for ardley"))
    veng, ardley = s.index("£15 million"), s.index("£12 million")
    assert others_figure(s, Span(veng, veng + 11, "£15 million"), q)
    assert not others_figure(s, Span(ardley, ardley + 11, "£12 million"), q)
    assert _lead("how much did orvale pay for ardley", s) == "£12 million [1]."
    # a capitalised common word opening the sentence is no name the question gives
    t = "Import guard Sam Holt (24 points) tried, but Tom Ardley managed just 10 points."
    at = t.index("10 points")
    assert not others_figure(t, Span(at, at + 9, "10 points"), set(tokenize("the import's points")))


def test_a_former_bodys_director_is_no_one_named() -> None:
    s = "Karsk, a startup founded by a former NSA director, has shut down."
    at = s.index("NSA")
    assert used_as_kind(s, Span(at, at + 3, "NSA"))
    head = "Former NSA director’s startup shuts down"
    assert used_as_kind(head, Span(0, 10, "Former NSA"))
    assert not used_as_kind("She met the NSA director.", Span(12, 15, "NSA"))
    q = set(tokenize("who founded the startup karsk"))
    assert not novel(Span(0, 18, "Virginia-based Karsk"), q, person=True)
    text = (
        "Karsk, a startup founded by a former NSA director, has shut down. "
        "The Virginia-based Karsk was founded in 2014 by retired general Keith Alder."
    )
    assert _lead("who founded the cybersecurity startup karsk", text) == "Keith Alder [1]."


def test_whom_a_side_plays_may_be_a_country() -> None:
    text = "The Orvale Blacks said they respect Argentina ahead of their semi-final on Friday."
    assert _lead("who are the orvale blacks playing in the semis", text) == "Argentina [1]."
    # a relative clause says who someone is: "the cricketer that played" asks for a person
    assert OPPONENT_Q.search("who are the blacks playing")
    assert not OPPONENT_Q.search("who is the cricketer that played the anchor role")


def test_a_verb_opening_a_labelled_line_is_no_name() -> None:
    s = "VELM ROVERS | QB Tom Ardley: Battling a calf injury, Ardley had a rough start."
    assert "Battling" not in [sp.text for sp in answer_spans(s, WHO)]
    assert "Tom Ardley" in [sp.text for sp in answer_spans(s, WHO)]


def test_a_live_page_title_is_no_one() -> None:
    text = (
        "Orvale vs Tollis Live: Orvale are travelling to Karsk for their 11th match of the season."
    )
    assert _lead("who scored the winner for orvale", text) is None


def test_a_dropped_g_is_put_back() -> None:
    fixed, fixes = correct("who r the blacks playin next", [], lambda w: w == "playing")
    assert fixed == "who are the blacks playing next" and fixes["playin"] == "playing"
    # a word that ends so, with no English word in -ing behind it, is left alone
    assert correct("the cousin of the captain", [], lambda w: w == "playing")[0] == (
        "the cousin of the captain"
    )


def test_who_picked_off_is_not_who_picked_up() -> None:
    text = "Orvale had picked up 28 yards in six plays before Jem Arto's interception of Holt."
    assert _lead("who picked off holt sunday night", text) == "Jem Arto [1]."
    assert asked_particle("who picked off holt", "pick") == "off"
    assert asked_particle("who led the round", "lead") == ""


def test_a_name_styling_the_role_after_it_is_whose_player() -> None:
    s = "The 20-year-old Karsk City playmaker returns to the Velm squad under Jo Bell."
    at = s.index("Karsk City")
    assert role_styled(s, Span(at, at + 10, "Karsk City"))
    titled = "Karsk City playmaker Tom Ardley returns."
    assert not role_styled(titled, Span(0, 10, "Karsk City"))  # the title of the name after it
    q = "whos the velm interim head coach now that orr got fired"
    text = (
        "Having recovered from injury suffered under an interim head coach, the 20-year-old "
        "Karsk City playmaker returns to the Velm squad under Jo Bell."
    )
    assert _lead(q, text) == "Jo Bell [1]."


def test_a_regulator_asked_for_is_a_body_but_not_one_named_aside() -> None:
    text = (
        "Velmbook's lead regulator for privacy remains the Irish Data Protection Commission, "
        "which would normally lead on enforcement."
    )
    q = "Who is Velmbook's lead privacy regulator in the EU?"
    assert _lead(q, text) == "Irish Data Protection Commission [1]."
    other = (
        "Reached for a response to the regulator's referral, Velmbook spokesperson Tam Orr said "
        "the company had already moved to consent. The Karsk data protection authority had "
        "asked a European Union regulator to decide."
    )
    q2 = "who was the velmbook spokesperson that responded when karsk's privacy regulator acted"
    assert _lead(q2, other) == "Tam Orr [1]."


def test_what_target_was_chased_is_a_figure() -> None:
    text = "Orvale easily chased down 75 in the fourth innings on Sunday."
    assert _lead("what target did orvale chase down on sunday", text) == "75 [1]."


def test_how_many_votes_someone_got_is_the_count_for_them() -> None:
    text = (
        "After two failed votes, Orr tried again. Friday's vote was 194 for Orr, his lowest tally "
        "yet, and 210 for Veng."
    )
    assert _lead("how many votes did tam orr get on the floor", text) == "194 [1]."
    assert _lead("how many votes did veng get on the floor", text) == "210 [1]."


def test_how_many_now_is_not_the_count_it_grew_from() -> None:
    text = (
        "Velm Retail: From a modest 1,200 stores in 2015, the chain has grown to 9,400 stores "
        "by 2023."
    )
    assert _lead("how many stores does velm retail have", text) == "9,400 stores [1]."


def test_a_figure_for_another_place_than_the_one_asked_is_not_it() -> None:
    text = (
        "Velmo plans to repeat its Karsk growth in Orna by launching 30 stations in Tollis by "
        "March. The company began in Karsk with the same number of stations but has since "
        "expanded to 9,500 stations that serve riders throughout Karsk."
    )
    q = "how many battery swap stations does velmo run in karsk now"
    assert asked_place(q) == "karsk"
    assert _lead(q, text) == "9,500 stations [1]."
    # "in the attack" names no place: a figure for a place the sentence names is not held down
    assert asked_place("how many people died in the attack") == "attack"
    s = "At least 30 people were killed in Tollis on Monday."
    assert not elsewhere(s, Span(9, 18, "30 people"), "attack")


def test_a_season_total_answers_how_many_this_season() -> None:
    s = "It allowed five sacks on Holt, bringing the season total to a league-leading 29."
    at = s.index("29")
    assert counted_beside(s, at, at + 2, {"sack"})  # the count it rose from names the noun
    assert _lead("how many sacks has orvale's o-line given up this season", s) == "29 [1]."
    assert TOTAL_Q.search("how many has he got so far") and not TOTAL_Q.search("how many today")


def test_a_figure_for_the_place_asked_beats_one_for_no_place() -> None:
    text = (
        "During the quarter, footwear sales at Orsk rose 4% to $8.4 billion, making up about 68% "
        "of its total sales. Sales in Taiwan fell 2% from a year earlier to $5.42 billion, "
        "just above what analysts had expected."
    )
    assert _lead("how much did orsk make in taiwan this qtr", text) == "$5.42 billion [1]."
    # no sentence gives a figure for the place: the figures keep their weight
    assert _lead("how much did orsk make in tollis this qtr", text.split(". Sales")[0] + ".") == (
        "$8.4 billion [1]."
    )


def test_a_figure_is_for_a_place_named_after_in() -> None:
    assert names_place("Sales in North America fell 2% to $5.42 billion.", "north")
    assert not names_place("North of the river, sales fell 2% to $5.42 billion.", "north")
    # a game is no place, and "the country" is the one written about
    assert not names_place("There are 22 powers in Diablo 4 this season.", "diablo")
    assert names_place("The number of startups in the country is 9,000.", "israel", said_of=True)
    assert not names_place("The number of startups in the country is 9,000.", "israel")
    # "in the first quarter", "in his first game": no place asked
    assert asked_place("how much did it make in the first quarter") == ""
    assert asked_place("what percent of snaps did he play in his first game back") == ""


def test_a_side_turned_to_with_as_owns_the_figure_after_it() -> None:
    """ "Lind and Moss scored twice each as the Harriers finished with 300 rushing yards": the
    300 is the side's, asked what Lind ran for; "such as" turns to no one."""
    text = (
        "Tomas Lind and Per Moss scored two touchdowns each as the Harriers finished with 300 "
        "rushing yards. Lind ended the night with a career-high 127 yards."
    )
    assert (
        _lead("how many rushing yds did tomas lind put up vs the gulls", text) == "127 yards [1]."
    )
    s = "Tomas Lind ran for big gains on plays such as Harbor Sweep, 88 yards in all."
    at = s.index("88 yards")
    q = set(tokenize("how many yards did tomas lind run for"))
    assert not others_figure(s, Span(at, at + 8, "88 yards"), q)
