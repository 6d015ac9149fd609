"""Asked who owns, makes or publishes a thing ("who owns vellum", "who publishes the dice game"),
a firm answers as well as a person, and the name a sentence sets as the thing's owner or maker
("Vellum, Harrow's free streaming service", "the Kit Orla by Quillcraft") leads; asked whom a
seller sells to, the name the sale goes to leads, not the seller's own earlier buyer. And a name
after a sentence's opening word ("The Marlins have been interested", "Like Arnesen, ...") is a
name, though the sentence starts beside it. Hand-written sentences."""

from __future__ import annotations

from bot.qa.maker import MAKER, maker_asked, maker_weight
from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead, span_in


def test_questions_that_ask_who_owns_makes_or_buys() -> None:
    assert maker_asked("who owns vellum anyway") == "maker"
    assert maker_asked("who actually publishes the dice game") == "maker"
    assert maker_asked("who developed rook and ruin") == "maker"
    assert maker_asked("who makes the brick keyboard in that gift guide") == "maker"
    assert maker_asked("who is ostrow selling his stake to") == "buyer"
    assert maker_asked("who's buying the meal kit company") == "buyer"
    # a person's deeds: not asked for an owner
    assert maker_asked("who made the 1931 film about the killer") == ""
    assert maker_asked("who produced her new album") == ""
    assert maker_asked("who scored the winner") == ""


def test_the_name_set_as_owner_maker_or_buyer() -> None:
    asked = {"vellum"}
    for s, name, kind, w in [
        (
            "Vellum, Harrow’s free streaming service, has thousands of films.",
            "Harrow",
            "maker",
            MAKER,
        ),
        ("The Kit Orla by Quillcraft is a keyboard of toy bricks.", "Quillcraft", "maker", MAKER),
        ("Harrow praised the films on Vellum.", "Harrow", "maker", 1.0),
        (
            "Ostrow agreed to sell his 94% stake to investment fund 313 Partners.",
            "313 Partners",
            "buyer",
            MAKER,
        ),
        ("In 2016 Kell sold a stake in the club to Ostrow.", "Kell", "buyer", 1.0),
    ]:
        assert maker_weight(s, span_in(s, name), asked, kind) == w, (s, name)


def test_the_owner_leads_not_a_full_name_elsewhere() -> None:
    service = (
        "Vellum, Harrow’s ad-supported free streaming service, has one of the largest film "
        "libraries of any service."
    )
    review = "No talk of horror gets far without mentioning Dario Venti, the giallo master."
    assert _lead("who owns vellum anyway", service, review) == "Harrow [1]."


def test_the_buyer_leads_not_the_seller() -> None:
    text = (
        "In 2016, Kell sold a 49.9% stake in the club to businessman Ivo Ostrow. "
        "In September, Ostrow agreed to sell his 94% stake to Veldorian investment fund 313 "
        "Partners."
    )
    assert _lead("who is ostrow selling his stake to", text) == "313 Partners [1]."


def test_a_name_after_an_opening_the_is_a_name() -> None:
    s = "The Marlins have been interested in him for a long time."
    assert [sp.text for sp in answer_spans(s, WHO)] == ["Marlins"]
    s = "Like Arnesen, Tomas Lind has a winner in a final."
    assert [sp.text for sp in answer_spans(s, WHO)] == ["Arnesen", "Tomas Lind"]
    # capitalised only because it opens the sentence: no name
    assert answer_spans("Interested teams have called all week.", WHO) == []
