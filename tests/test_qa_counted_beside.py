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
