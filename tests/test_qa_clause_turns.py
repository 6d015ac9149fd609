"""Two figures in one sentence, each with its own doer ("Celgene acquiring Juno for $9 billion
and Gilead acquiring Kite for $12 billion"): the words after "and" are the second figure's, not
the first's; and a title the question gives after "by" ("called out by the ceo") is not the one
it asks for. Hand-written sentences."""

from __future__ import annotations

from bot.qa.around import around
from bot.qa.roles_asked import roles_asked
from bot.qa.shape import Span
from bot.qa.synonyms import words
from tests.test_qa_extractive import _lead

DEALS = (
    "The field has seen big deals, with Marlow Bio acquiring Tessel Labs for $4 billion and "
    "Corvane acquiring Petra Therapeutics for $7 billion."
)
CONDUCT = (
    "Orvane chief executive Lida Marr said the conduct of Ben Tosk, the insurer's general "
    "counsel, fell short of the code it asks of staff."
)


def _window(sentence: str, figure: str) -> str:
    at = sentence.index(figure)
    return around(sentence, Span(at, at + len(figure), figure))[0]


def test_and_turns_from_one_figure_to_the_next() -> None:
    assert "Corvane" not in _window(DEALS, "$4 billion")
    assert "Tessel" not in _window(DEALS, "$7 billion")
    assert "Corvane acquiring Petra" in _window(DEALS, "$7 billion")
    # names joined by "and" are one subject: no turn for a name, nor for a figure whose verb
    # is plural ("42 states and D.C. are suing")
    both = "Ada Vell and Ivo Tarn won the pairs title for $5,000."
    assert "won" in around(both, Span(0, 8, "Ada Vell"))[0]
    assert "suing" in _window("A coalition of 42 states and D.C. are suing Orvane.", "42 states")


def test_the_figure_of_the_deal_asked_leads() -> None:
    assert _lead("how much did corvane pay to acquire petra therapeutics", DEALS) == (
        "$7 billion [1]."
    )


def test_a_title_after_by_is_not_asked_for() -> None:
    q = "orvane's general counsel got called out by the ceo this week, whats his name"
    roles = roles_asked(q, set(words(q)))
    assert "counsel" in roles and "ceo" not in roles
    assert "ceo" in roles_asked("who is the ceo", set(words("who is the ceo")))
    assert _lead(q, CONDUCT) == "Ben Tosk [1]."
