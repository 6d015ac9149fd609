"""A name every word of which the question gives is the question's own, not its answer, even
when those words sit among the ones saying what kind of answer is wanted ("which orvane keep saga
character": "Orvane Keep Saga"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.answer_kind import Asked
from bot.qa.shape import WHO
from bot.qa.synonyms import synonyms, words
from tests.test_qa_extractive import _lead

Q = "which orvane keep saga character is basically a vampire"


def _rated(q: str, sentence: str) -> dict[str, float]:
    toks = set(words(q))
    ask = Asked.read(q, WHO, toks, {t: synonyms(t) for t in toks})
    return {sp.text: w for sp, w in ask.rate(sentence, lambda _: 0.0)}


def test_the_question_s_own_title_is_no_answer() -> None:
    rated = _rated(Q, "The Orvane Keep Saga games are kings of the sudden plot twist.")
    assert "Orvane Keep Saga" not in rated
    # a name the question does not give in full is still an answer
    assert "Dell Marrow" in _rated(Q, "In Orvane Keep Saga 2, Dell Marrow drinks blood to heal.")


def test_the_lead_does_not_echo_the_question() -> None:
    text = "The Orvane Keep Saga games are kings of the sudden plot twist."
    assert _lead(Q, text) != "Orvane Keep Saga [1]."
