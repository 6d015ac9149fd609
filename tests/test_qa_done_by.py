"""Who did it: the name after "by" past the place and time between it and the verb, a side
that did it is not the person asked for, and names no person has ("Velm State", "Copa
Orvalia", "Orsk VCs")."""

from __future__ import annotations

from bot.qa.agent import done_by
from bot.qa.person import personlike
from bot.qa.shape import Span
from ingest.keyword import tokenize

from .test_qa_extractive import _lead


def test_a_name_after_by_past_where_and_when_is_the_doer() -> None:
    s = "Started in Holmfirth in 2001 by Anya Brell, a former printer, it began as a newsletter."
    i = s.index("Anya Brell")
    q = set(tokenize("who started the velm courier"))
    assert done_by(s, Span(i, i + len("Anya Brell"), "Anya Brell"), q, q)
    # a figure before "by" is no verb: "won 3-1 by" says nothing of who did what
    t = "Orvale won the cup final 3-1 by Sunday evening, Dane Morrow said."
    j = t.index("Dane Morrow")
    q2 = set(tokenize("who won the cup final"))
    assert not done_by(t, Span(j, j + len("Dane Morrow"), "Dane Morrow"), q2, q2)


def test_who_started_it_is_the_founder_named_after_where_and_when() -> None:
    text = (
        "The Velm movement was founded by Li in the 1990s. "
        "Started in Holmfirth in 2001 by Anya Brell, a former printer who remains its editor, "
        "the Velm Courier was at first a four-page newsletter for the movement's members."
    )
    assert _lead("who started the velm courier", text) == "Anya Brell [1]."


def test_a_side_that_did_it_is_not_the_person_asked_for() -> None:
    text = (
        "10:50 p.m. - The Hawks score three unanswered goals to come from behind and take down "
        "Tolver on opening night. Rookie Ilse Varga with her first good scoring chance of the night."
    )
    # the Hawks scored, but "who scored" asks for a player: the side does not lead on the
    # strength of its verb
    lead = _lead("who scored the go-ahead goal last night", text)
    assert lead is not None and "Ilse Varga" in lead


def test_a_firm_that_led_the_round_still_answers_who_led_it() -> None:
    text = (
        "Brisk Capital and Holm Partners co-led the $22 million round, which included "
        "participation from Orsk Global and Tamsin Rook."
    )
    # a firm is no person, but the doer of the verb asked keeps its weight
    assert _lead("who led the round", text) in ("Brisk Capital [1].", "Holm Partners [1].")


def test_names_no_person_has() -> None:
    for name in (
        "Velm State",
        "Copa Orvalia",
        "Orsk VCs",
        "Orsk America",
        "Southeast Asian",
        "Thai",
    ):
        assert not personlike(name), name
    for name in ("Anya Brell", "Dane Morrow", "Statesman Brell"):
        assert personlike(name), name
