"""A member's everyday phrase matches the article's: "sea creatures" are "marine organisms",
and "another name for" a thing is what it is "also known as". Hand-written sentences, read by
the answerer as an article's."""

from __future__ import annotations

from bot.qa.abstain import signals
from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.synonyms import phrase_in, phrase_synonyms, words
from tests.test_qa_extractive import passage
from tests.test_qa_spelled_numbers import one_article

TEXT = (
    "The Orrin Basin die-off was the worst the region has recorded. An estimated 70% of all "
    "species in the basin vanished over three summers.\n\n"
    "Scientists at the Weyfield institute still debate the cause. Some point to a long drought, "
    "others to a fungus carried by migrating birds.\n\n"
    "Tourism in the basin fell by half, and two ferry lines closed.\n\n"
    "Marine organisms were hit hardest, with 88% of species lost.\n\n"
    "Land plants recovered within a decade. Insects took longer."
)


def test_sea_creatures_are_marine_organisms() -> None:
    q = "how much of the sea life died in the die-off"
    ex = select_excerpts(q, [passage(TEXT)])
    assert short_answer_lead(ex, q) == "88% of species lost [1]."
    assert "88%" in ex[0].quote


def test_the_phrases_are_read_as_one_another() -> None:
    sea = phrase_synonyms("what % of sea creatures got wiped out")["sea"]
    assert any(phrase_in(ph, words("Marine organisms were hit hardest")) for ph in sea)
    other = phrase_synonyms("whats another name for team props")["anoth"]
    assert any(phrase_in(ph, words("Team props, also known as game props, ...")) for ph in other)


def test_an_emergency_session_is_a_special_one() -> None:
    """ "their emergency session": the article says "a special session of ... foreign
    ministers", and no word of the question is missing from it."""
    r = one_article(
        "The talks were announced after a special session of regional foreign ministers held in "
        "Varo, called to save the truce."
    )
    q = "where did the regional foreign ministers hold their emergency session"
    assert signals(q, r)["unknown_missing"] == 0.0 and signals(q, r)["cover"] == 1.0
    assert signals("where did the ministers hold their budget session", r)["cover"] < 1.0


def test_put_out_is_launched() -> None:
    """ "what year did they put out sr classic": the article says the studio "launched" it; an
    approval's date in a sentence that shares the studio's name is not the year asked."""
    first = (
        "When the purchase of Orvane-Kettlesoft was finally approved on March 3, 2025 after two "
        "years of review, it became the largest studio in the region."
    )
    second = (
        "Skyreach, the fantasy game once everywhere, did something similar a few years ago. "
        "Kettlesoft, which built the game, launched Skyreach Classic back in 2017, while the "
        "modern version stayed online."
    )
    q = "what year did kettlesoft put out sr classic"
    ex = select_excerpts(q, [passage(first, 0), passage(second, 1)])
    assert short_answer_lead(ex, q) == "In 2017 [1]."
    assert ("launch",) in phrase_synonyms(q).get("put", [])
