"""A time or a title that belongs to another thing is no answer: "how long did the strike last"
is not answered by "a 20-minute break", a vague time ("early next year") says less than a date,
and "who leads the union" asks for whoever is in charge (its president), not someone who leads
another union. A reason may be given as a review of reports ("while it reviews reports that
..."), and a channel as "on 9GEM" or "a national ESPN2 audience" (but "the best horror movies on
Netflix" is a service's catalogue, not where one film streams). Asked what date, years ("since
1995-97") say less than a day. Hand-written articles; leads checked through the extractive
answerer."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.roles_asked import roles_asked
from bot.qa.synonyms import words
from bot.qa.when_words import when_weight
from tests.test_qa_extractive import _lead, passage

FARM = (
    "Farm incomes fell for a second year in Dresa. “We are planning a season instead of a "
    "disaster,” said Pell Marr, who leads the Dresa farmers’ union."
)
TRANSIT = (
    "Bus drivers in Orvel walked out on Monday. “Our members keep this city moving,” union "
    "president Ivy Senn said outside the transit depot."
)


def test_who_leads_asks_for_whoever_is_in_charge() -> None:
    q = "who leads the transit union"
    assert "presid" in roles_asked(q, set(words(q)))
    assert not roles_asked("who leads the league in sacks", {"league", "sack"})
    assert _lead(q, FARM, TRANSIT) == "Ivy Senn [1]."


def test_how_long_something_lasted_is_not_the_length_of_another_thing() -> None:
    text = (
        "Under the new deal, Orvel drivers get a guaranteed 20-minute break on long shifts. "
        "Union members in Orvel voted to end the 19-day walkout."
    )
    assert _lead("how long did the orvel strike go on for", text) == "19-day walkout [1]."
    # asked of the break, the break's length answers
    assert _lead("how long is the break the drivers get", text) == "20-minute break [1]."


def test_a_length_that_names_the_thing_asked_about_in_other_words_still_answers() -> None:
    # "TD scamper" is the "td run"; a "delay" is what "held up" asks about
    text = (
        "Officials held a 4-minute review before play resumed. Moss's 56-yard TD scamper "
        "against Tennessee sealed the win."
    )
    assert _lead("how long was moss's td run against tennessee", text) == "56-yard TD scamper [1]."
    text = (
        "The match was held up after the players clashed heads, a 13-minute delay. Belgium won "
        "3-2 after a 90-minute battle."
    )
    assert _lead("how long was the belgium game held up", text) == "13-minute delay [1]."


def test_a_vague_time_to_come_says_less_than_a_date() -> None:
    args = {
        "past_q": False,
        "future_q": True,
        "ago_q": False,
        "year_q": False,
        "dated_years": frozenset[str](),
    }
    for vague in ("early next year", "later this month", "in the coming weeks"):
        assert when_weight(vague, 1.0, **args) < 1.0, vague
    assert when_weight("on March 3", 1.0, **args) == 1.0


def test_a_reason_given_as_a_review_of_reports_is_quoted_early() -> None:
    texts = [
        "Orvel's trade office has suspended Kessel Motors' import licence for its K2 van, the "
        "office said on Monday. Kessel shares fell 4 percent in early trading, and dealers said "
        "orders had stalled. The office has frozen shipments of the van while it reviews reports "
        "that its brakes failed in cold weather.",
        "Kessel Motors has filed an appeal against the suspension of its import licence for the "
        "K2 van, the company said, as its shares slid for a third day. The appeal will be heard "
        "in March.",
    ]
    q = "why did orvel suspend kessel's licence"
    quotes = [e.quote for e in select_excerpts(q, [passage(t, n) for n, t in enumerate(texts)])]
    assert any("brakes failed" in x for x in quotes[:2]), quotes


def test_a_channel_written_with_a_figure_answers_what_channel() -> None:
    text = (
        "The Orvel Cup final will be played in Dresa on Sunday, with Brack Rovers the favourites. "
        "The final starts at 2am local time and will be broadcast on 7MATE."
    )
    assert _lead("what channel is the orvel cup final on", text) == "On 7MATE [1]."
    text = (
        "Brack Rovers host Tamsk on Friday night. The Rovers get a national KTV2 audience in an "
        "8 p.m. kickoff."
    )
    assert _lead("what channel is brack rovers vs tamsk on", text) == "KTV2 [1]."
    # asked where the game is, a channel is no place
    assert _lead("where is brack rovers vs tamsk", text) is None


def test_a_childhood_somewhere_is_where_someone_grew_up() -> None:
    text = (
        "After their daughter was born, Brell signed with Dresa, and the family moved to Tamsk. "
        "Brell spent his childhood in Velmont, a port town on the mouth of the Isel."
    )
    assert _lead("where'd tomas brell grow up", text) == "In Velmont [1]."


def test_a_services_catalogue_is_not_where_one_film_streams() -> None:
    text = (
        "Where can you stream Orvel Nights? Unlike the best horror movies on Netflix, this ghost "
        "story never leans on jump scares. It streams on Kessel Video."
    )
    assert _lead("where can i stream orvel nights", text) == "On Kessel Video [1]."


def test_what_date_is_not_answered_by_years() -> None:
    text = (
        "Orvel had not lost three in a row to Tamsk since 1995-97. "
        "Orvel and Tamsk meet again in the Isel Cup final on Nov. 25 at the harbour ground."
    )
    assert _lead("what date is the game, orvel vs tamsk?", text) == "On Nov. 25 [1]."
