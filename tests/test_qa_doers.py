"""A question's verb matches the noun for its doer in an article, and back: "founded" matches
"founder", "who directed" is answered by "the directorial debut of", "the scorer" matches
"scored". Words that only end like a doer ("former", "center") match nothing."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.synonyms import by_start, doers, words
from tests.test_qa_extractive import passage


def _stem(w: str) -> str:
    (s,) = words(w)
    return s


def test_a_verb_and_its_doer_match_both_ways() -> None:
    vocab = by_start(
        {_stem(w) for w in ("founder", "directorial", "creator", "scorer", "former", "center")}
    )
    assert doers(_stem("founded"), vocab) == [(_stem("founder"),)]
    assert doers(_stem("directed"), vocab) == [(_stem("directorial"),)]
    assert doers(_stem("created"), vocab) == [(_stem("creator"),)]
    assert doers(_stem("scored"), vocab) == [(_stem("scorer"),)]
    assert doers(_stem("founder"), by_start({_stem("founded")})) == [(_stem("founded"),)]
    # a word that ends like a doer but names none, and a stem too short to tell
    assert doers(_stem("form"), vocab) == []
    assert doers(_stem("cents"), vocab) == []
    assert doers("ow", by_start({"owner"})) == []


HEADLINE = "Saltmarsh reviewed"
TEXT = (
    "Saltmarsh, the film about the lighthouse on Quay Island, stars Tomas Reyes as its keeper. "
    "The film is the directorial debut of Ada Fenn, who also wrote it. "
    "Saltmarsh opens in cinemas on Friday."
)


def test_who_directed_is_answered_by_a_directorial_debut() -> None:
    """Without the doer's word, the lead was the actor the first sentence names."""
    p = passage(TEXT, headline=HEADLINE, outlet="The Harwich Ledger")
    q = "who directed the film saltmarsh"
    assert short_answer_lead(select_excerpts(q, [p]), q) == "Ada Fenn [1]."
