"""A small number a member types as a digit is the number an article spells out ("the pick 6":
"a pick-six", "thru 6 games": "through six games"), and a position members shorten is the one a
team sheet writes ("which eagles corner": "CB Darius Slay"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.abstain import signals
from bot.qa.retrieve import Query, Retrieval
from bot.qa.roles_asked import roles_asked
from bot.qa.synonyms import synonyms
from bot.qa.types import Passage
from ingest.keyword import tokenize


def one_article(text: str) -> Retrieval:
    """What a retrieval that found one short article, whole, hands the abstention signals."""
    p = Passage("c1", "a1", "news", text, 0, len(text), "Gulls notes", None, None, None, True)
    return Retrieval(Query("q"), [p], doc_freq=lambda _t: 1, n_chunks=50)


def test_a_digit_is_its_word() -> None:
    assert ("six",) in synonyms("6")
    assert ("6",) in synonyms("six")
    assert ("ten",) in synonyms("10")
    assert synonyms("60") == []  # only the numbers articles spell out


def test_an_article_that_spells_the_number_holds_the_questions_words_together() -> None:
    r = one_article("The Gulls won six games in a row before losing to the Owls.")
    assert signals("did the gulls win 6 games in a row", r)["pair_cover"] == 1.0
    assert signals("did the gulls win 7 games in a row", r)["pair_cover"] < 1.0


def test_a_corner_is_a_cornerback() -> None:
    q = "which gulls corner was out vs the owls"
    assert {"cornerback", "cb"} <= roles_asked(q, set(tokenize(q)))
