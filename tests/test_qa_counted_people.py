"""A count of people is told from a count of things whose word the stemmer makes the same:
"offices" and "officers" are both "offic" to it (``bot.qa.counted.nouns``)."""

from __future__ import annotations

from bot.qa.answer_kind import Asked
from bot.qa.counted import PEOPLE_BY_ROLE, nouns
from bot.qa.question_kind import question_shape
from ingest.keyword import tokenize


def test_offices_are_not_officers() -> None:
    assert not nouns("three offices") & PEOPLE_BY_ROLE
    assert nouns("40 officers") & PEOPLE_BY_ROLE
    assert nouns("one office") & nouns("how many offices")  # still a count of offices


def test_how_many_people_prefers_the_people() -> None:
    q = "how many people did the firm lay off"
    ask = Asked.read(q, question_shape(q), set(tokenize(q)), {})
    rated = ask.rate("It will lay off 1,100 people across three offices.", lambda _t: 0.5)
    assert rated[0][0].text == "1,100 people" and rated[0][1] > rated[1][1]
