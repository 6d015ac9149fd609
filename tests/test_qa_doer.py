"""Who did what the question asks: the name the question's verb follows ("Orrin Capital is
leading the round" for "who led the round"), even where the name opens the sentence; a verb of
saying picks no doer ("who said no" asks who voted against). Hand-written sentences; the leads
go through the extractive answerer."""

from __future__ import annotations

from bot.qa.agent import asked_verb, doer_first, does
from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead


def test_the_verb_asked_about() -> None:
    assert asked_verb("and who led that round?") == "lead"
    assert asked_verb("which vc firm led it") == "lead"
    assert asked_verb("who actually ran the study") == "run"
    assert asked_verb("who is the ceo") == ""
    assert asked_verb("ngl the vote wasnt unanimous, who said no") == ""


def test_a_name_before_the_verb_does_it() -> None:
    s = "Pell Ventures and Arno Partners co-led the round, with Tam Fund also joining."
    spans = answer_spans(s, WHO)
    assert [sp.text for sp in spans if does(s, sp, "lead")] == ["Pell Ventures", "Arno Partners"]
    first = doer_first("Balvik is leading the round, with Orrin Capital joining.", "lead")
    assert first is not None and first.text == "Balvik"
    assert doer_first("They led the round.", "lead") is None


def test_who_led_the_round_is_whoever_the_verb_follows() -> None:
    text = (
        "Velmtech, a payments startup, has raised $12 million. Balvik is leading the round, "
        "with participation from Orrin Capital and other existing backers."
    )
    assert _lead("who led velmtech's round", text) == "Balvik [1]."


def test_the_doer_of_a_synonym_of_the_verb_and_a_country_in_one_word() -> None:
    """ "which country banned it": "the nation of Italy outlawed Orna" names the country that
    did, though the article's verb is a synonym and the country's name is one word; a longer
    name in a list of where the app is sold is not who banned it."""
    text = (
        "Orna is now sold in Brazil, South Korea and New Zealand. Usage still grew even as the "
        "entire nation of Italy outlawed Orna use by public sector workers."
    )
    assert _lead("which country banned orna for its public sector workers", text) == "Italy [1]."
    at = text.index("Italy")
    from bot.qa.shape import Span

    assert does(text, Span(at, at + 5, "Italy"), "ban")
