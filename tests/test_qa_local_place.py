"""A place named before who or what is there, with a word of kind between ("a Seattle federal
court", "a Boston children's hospital"), answers where (``bot.qa.placed.local_places``)."""

from __future__ import annotations

from bot.qa.answer_kind import Asked
from bot.qa.placed import local_places
from bot.qa.question_kind import question_shape
from ingest.keyword import tokenize
from tests.test_qa_extractive import _lead


def _where(q: str, sentence: str) -> list[str]:
    ask = Asked.read(q, question_shape(q), set(tokenize(q)), {})
    return [sp.text for sp, _ in ask.rate(sentence, lambda _t: 0.5)]


def test_a_place_before_a_kind_of_court() -> None:
    s = "He appeared in a Seattle federal court on Tuesday to enter his plea."
    assert [t for *_, t in local_places(s)] == ["Seattle"]
    assert _where("where did he go to court to plead guilty", s) == ["Seattle"]


def test_a_place_before_a_kind_of_hospital() -> None:
    s = "She was taken to a Boston children's hospital after the crash."
    assert "Boston" in _where("where was she taken after the crash", s)


def test_a_word_of_kind_alone_names_no_place() -> None:
    # "a federal court": no name before the kind of court
    assert local_places("He appeared in a federal court on Tuesday.") == []


def test_a_place_before_a_kind_of_company_is_where_it_is_based() -> None:
    s = "Orna Capital, a Velmont startup that sells index funds, is expanding into Europe."
    assert [t for *_, t in local_places(s)] == ["Velmont"]
    assert _where("where's orna capital headquartered", s)[0] == "Velmont"


def test_the_kind_of_place_asked_is_no_place_the_member_names() -> None:
    """ "which hotel": "the Hotel Brannick" names the hotel asked for; the word "hotel" in both
    does not make it the member's own place, also when "which hotel" ends the question."""
    text = (
        "Delegates from Orna and Velmont met for a second day in Tessary. The envoy spoke to "
        "reporters outside the Hotel Brannick, where the talks are being held."
    )
    assert _lead("where are the orna talks being held, which hotel", text) == (
        "Outside the Hotel Brannick [1]."
    )
    assert _lead("where are the orna talks being held, which hotel is it", text) == (
        "Outside the Hotel Brannick [1]."
    )


def test_where_someone_is_from_is_where_they_were_born_or_grew_up() -> None:
    """ "where's she from": where she was born or grew up, before other places the sentence
    names; asked where she played, as before."""
    s = "Varga, who played the Orna Arena in Velmont on Friday, grew up in Tessary."
    assert _where("where's ilse varga from", s)[0] == "in Tessary"
    assert _where("where did varga grow up", s)[0] == "in Tessary"
    assert _where("where did varga play on friday", s)[0] != "in Tessary"
    s = "The Velmont concert sold out; the Tessary-born singer plays Orna next."
    assert _where("where's the singer from", s)[0] == "Tessary"
