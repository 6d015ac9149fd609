"""A count asked with a member's short word for what is counted ("eps", "pts", "yds") is a
count of what the articles write in full ("eight episodes"), not another number the sentence
gives. Hand-written sentences through the extractive answerer."""

from __future__ import annotations

from bot.qa.synonyms import synonyms
from tests.test_qa_extractive import _lead


def test_short_words_for_what_is_counted() -> None:
    assert ("episod",) in synonyms("ep")
    assert ("point",) in synonyms("pts")
    text = (
        "Velm Nights picks up two centuries after the first show. "
        "The first season runs to eight episodes, each about an hour long."
    )
    assert _lead("how many eps is velm nights season 1", text) == "Eight episodes [1]."
