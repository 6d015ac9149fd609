"""A count that names no noun of its own, or another one, counts what the words beside it name:
"a subscriber base of over 4 million" counts subscribers, "108 units, or homes" homes
(``bot.qa.counted.counted_beside``). Hand-written sentences; the leads go through the
extractive answerer."""

from __future__ import annotations

from bot.qa.counted import counted_beside, nouns
from tests.test_qa_extractive import _lead


def _beside(sentence: str, span: str, question_noun: str) -> bool:
    i = sentence.index(span)
    return counted_beside(sentence, i, i + len(span), nouns(question_noun))


def test_the_noun_before_of_or_after_or_says_what_is_counted() -> None:
    s = "Velmcast has a subscriber base of over 4 million across six markets."
    assert _beside(s, "over 4 million", "subscribers")
    assert not _beside(s, "over 4 million", "markets")
    h = "By the end of the month the startup expects to own 108 units, or homes, in Balvik."
    assert _beside(h, "108 units", "homes")
    assert not _beside("It sold 108 units in Balvik.", "108 units", "homes")


def test_how_many_subscribers_is_stated_from_the_subscriber_base() -> None:
    text = (
        "Velmcast, the Tamsk video network, boasts an active subscriber base of over 4 million "
        "through deals with two carriers across six markets. It was founded in 2016. Its rival "
        "Tamsk TV lost 20,000 subscribers last year."
    )
    assert _lead("how many subscribers does velmcast have", text) == "Over 4 million [1]."


def test_how_many_homes_is_stated_from_units_or_homes() -> None:
    text = (
        "Arno Homes bought its first house in Balvik in January. By the end of this month, the "
        "startup is expected to have 108 units, or homes, in its portfolio. Rents in the city's "
        "older homes rose, and the city says 2,000 homes stand empty."
    )
    assert _lead("how many homes will arno homes own by the end of the month", text) == (
        "108 units [1]."
    )


def test_a_count_after_to_counts_the_noun_of_the_count_it_rises_from() -> None:
    s = "About 40,000 people live with the illness here, a figure expected to rise to 95,000 by 2040."
    assert _beside(s, "95,000", "people")
    assert not _beside(s, "95,000", "patients")
    grew = "The depot went from 300 drivers in 2019 to 450 this year."
    assert _beside(grew, "450", "drivers")
    # a count after "to" with no count before it says nothing of what it counts
    assert not _beside("The council voted to 450 ...", "450", "drivers")


def test_a_count_that_rises_from_a_count_of_people_is_rated_as_a_count_of_people() -> None:
    """Rated like "6,000 people", not like a count of something else (which weighs half)."""
    from bot.qa.answer_kind import Asked
    from bot.qa.question_kind import question_shape
    from ingest.keyword import tokenize

    q = "how many people are expected to have the fever by 2040"
    ask = Asked.read(q, question_shape(q), set(tokenize(q)), {})
    ask.counted_seen = True  # another candidate counts people ("6,000 people")
    rises = "Roughly a million people live with it, a number expected to rise to 1.4 million."
    people = "The fever killed 6,000 people in Aldmere last year."
    (top, w_rises), *_ = ask.rate(rises, lambda _t: 0.0)
    (_, w_people), *_ = ask.rate(people, lambda _t: 0.0)
    assert top.text == "1.4 million"
    assert w_rises == w_people


def test_games_are_counted_by_a_count_of_matches() -> None:
    """ "how many games in a row": "11 consecutive league matches" counts games, and it is the
    streak asked about, not the count of games still to come."""
    text = (
        "Orla Venn has scored or assisted in 11 consecutive league matches, and Tamsk Rovers "
        "could top the table by winning their next four home league games."
    )
    assert _lead("how many games in a row has venn scored or assisted in", text) == (
        "11 consecutive league matches [1]."
    )


def test_how_many_in_total_is_the_count_said_to_be_the_total() -> None:
    text = (
        "Season 2 adds the new Ember Powers, which let you slot five additional abilities into "
        "your character for new effects. There are 22 total Ember Powers, and none is tied to a "
        "class."
    )
    assert _lead("s2 ember powers, how many are there total", text) == (
        "22 total Ember Powers [1]."
    )
