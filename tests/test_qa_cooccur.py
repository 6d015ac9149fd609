"""A spelling fix must fit the rest of the question: a name the articles never mention ("how
much did Orvane pay for Selgen") is not the nearest name they do mention ("Selger", a
shortstop in another article), while a typo of a name that stands beside the question's other
words ("selgr's double play in the velm game") still is. Real embedded Chroma and read side,
deterministic embedder; the speller is built from the same hand-written articles."""

from __future__ import annotations

from pathlib import Path

from bot.qa.abstain import key_terms
from bot.qa.cooccur import fix_fits
from bot.qa.spelling import Speller, correct
from ingest.index import NewsIndex

ARTICLES = {
    "velm-owls-win.txt": (
        "Velm Owls edge the Ferrymen in extra innings\n"
        "Shortstop Dario Selger started a double play to end the ninth, and the Velm Owls beat "
        "the Ferrymen 4-3 in eleven innings on Sunday.\n"
    ),
    "orvane-deal.txt": (
        "Orvane closes its purchase of a Karsenian drug maker\n"
        "Orvane Pharma said on Monday it had closed the purchase of Tamsk Biologics, paying "
        "2.1 billion aldmarks for the cancer drug developer.\n"
    ),
    "harbour-plan.txt": (
        "Halverton harbour plan goes to a vote\n"
        "The Halverton council will vote on the harbour plan next month, the mayor said. "
        "Fares paid by debit card rise by a third; debit and credit cards are taken on every "
        "ferry, and the debit fee goes.\n"
    ),
    "robot-vacuum.txt": (
        "Ecovacs cuts the price of its Deebot robot vacuum\n"
        "The Ecovacs Deebot now sells for 499 aldmarks, down from 799.\n"
    ),
}


def _views_and_speller(index: NewsIndex, tmp_path: Path) -> tuple[list, Speller]:
    src = tmp_path / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    corpus = index.corpus("news")
    corpus.add_sources([str(src)])
    summary = corpus.reindex()
    assert summary.errors == [], summary.errors
    return [corpus.read_view()], Speller(list(ARTICLES.values()))


def _correct(question: str, views: list, sp: Speller) -> tuple[str, dict[str, str]]:
    terms = key_terms(question)

    def fits(typed: str, fixed: str) -> bool:
        return fix_fits(views, terms, typed, fixed, lambda _w: False)

    return correct(question, [sp], fits=fits)


def test_a_name_the_articles_never_mention_is_not_the_nearest_one_they_do(
    index: NewsIndex, tmp_path: Path
) -> None:
    views, sp = _views_and_speller(index, tmp_path)
    # without the check, the speller takes "selgen" for the shortstop
    assert correct("how much did orvane pay for selgen", [sp])[1] == {"selgen": "selger"}
    fixed, fixes = _correct("how much did orvane pay for selgen", views, sp)
    assert fixes == {} and fixed == "how much did orvane pay for selgen"
    # a typo beside the words of the shortstop's own article is still a typo
    fixed, fixes = _correct("selgr's double play vs the ferrymen", views, sp)
    assert fixes == {"selgr's": "selger's"}
    # with no rarer word to check it by, the fix stands
    assert _correct("who is selgen", views, sp)[1] == {"selgen": "selger"}


def test_of_two_fixes_as_close_the_one_that_fits_the_question_is_taken(
    index: NewsIndex, tmp_path: Path
) -> None:
    views, sp = _views_and_speller(index, tmp_path)
    # "debit" is the commoner word one letter away, but the question is about an Ecovacs vacuum
    assert correct("what does the ecovacs debot cost now", [sp])[1] == {"debot": "debit"}
    assert _correct("what does the ecovacs debot cost now", views, sp)[1] == {"debot": "deebot"}
