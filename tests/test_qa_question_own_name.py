"""A name every word of which the question gives is the question's own, not its answer, even
when those words sit among the ones saying what kind of answer is wanted ("which orvane keep saga
character": "Orvane Keep Saga"). Hand-written sentences."""

from __future__ import annotations

from tests.test_qa_extractive import _lead
from tests.test_qa_owner import _rating

Q = "which orvane keep saga character is basically a vampire"


def test_the_question_s_own_title_is_no_answer() -> None:
    title = "The Orvane Keep Saga games are kings of the sudden plot twist."
    assert _rating(Q, title, "Orvane Keep Saga") is None
    # a name the question does not give in full is still an answer
    named = "In Orvane Keep Saga 2, Dell Marrow drinks blood to heal."
    assert _rating(Q, named, "Dell Marrow") is not None


def test_the_lead_does_not_echo_the_question() -> None:
    text = "The Orvane Keep Saga games are kings of the sudden plot twist."
    assert _lead(Q, text) != "Orvane Keep Saga [1]."
