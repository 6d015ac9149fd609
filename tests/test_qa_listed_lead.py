"""A question that asks for more than one ("which teams", "who were the two") is answered with
the names listed together, verbatim ("Cardinals and Commanders"); one asked for is one named
(``bot.qa.lead_words``)."""

from __future__ import annotations

from bot.qa.lead_words import listed, stated
from bot.qa.shape import WHERE, WHO, Span

QUOTE = "Two clubs sit out this week: the Cardinals and Commanders are both on bye."


def _lead(question: str, name: str, quote: str = QUOTE, shape: str = WHO) -> str:
    a = quote.index(name)
    return stated(quote, 0, Span(a, a + len(name), name), shape, question)


def test_many_asked_many_named() -> None:
    assert _lead("which teams are on bye this week", "Commanders") == "Cardinals and Commanders"
    q = "which countries are worried about the deal"
    s = "Regulators in France, Germany, Italy, and Spain raised concerns."
    assert _lead(q, "in France", s, WHERE) == "in France, Germany, Italy, and Spain"


def test_one_asked_one_named() -> None:
    assert _lead("which team has the best record", "Commanders") == "Commanders"


def test_a_name_and_its_title_or_a_day_are_no_list() -> None:
    s = "John Smith, CEO of Acme, said the two sides met."
    assert listed(s, 0, len("John Smith")) == (0, len("John Smith"))
    s = "They face Saturday and Jonny Evans is fit."
    a = s.index("Jonny")
    assert listed(s, a, a + len("Jonny Evans")) == (a, a + len("Jonny Evans"))


def test_a_list_that_ends_the_sentence_leaves_its_full_stop() -> None:
    s = "This year's slate is loaded, with games in Harbour City, Orna and Lunvik."
    assert _lead("who are the teams playing", "Harbour City", s) == "Harbour City, Orna and Lunvik"
    # an abbreviation's full stop is the name's own
    s = "The picks went to Mara Voss and Dale Tarrow Jr."
    assert _lead("who are the picks", "Mara Voss", s) == "Mara Voss and Dale Tarrow Jr."
