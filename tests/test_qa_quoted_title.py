"""Asked what something is called, a title in quotation marks is stated whole: "Deep Sea: 10
Things You Should Know", not "Deep Sea". A quoted remark is no title. Hand-written sentences;
the leads go through the extractive answerer."""

from __future__ import annotations

from bot.qa.quoted_title import with_quoted_titles
from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead


def _titles(sentence: str) -> list[str]:
    return [sp.text for sp in with_quoted_titles(sentence, answer_spans(sentence, WHO))]


def test_a_quoted_title_with_a_subtitle_is_one_answer() -> None:
    text = (
        'Marine biologist Ines Varga teaches at Velm University. Her new book "Cold Water: '
        'Nine Stories From the Deep" (Harrow Press, 2023) looks at the lives of deep-sea fish.'
    )
    assert _lead("whats ines varga's new book called", text) == (
        "Cold Water: Nine Stories From the Deep [1]."
    )


def test_small_words_inside_a_title_keep_it_whole_and_a_remark_is_no_title() -> None:
    assert _titles("His new song, “Raise the Bar” with Billy Dean, came first.") == [
        "Raise the Bar",
        "Billy Dean",
    ]
    said = "“We will be back next year with a far better team,” Jo Marr said."
    assert _titles(said) == [sp.text for sp in answer_spans(said, WHO)]


def test_a_short_quoted_term_in_lower_case_is_a_name_for_it() -> None:
    """ "there's also “stroke handicap” betting": a term in quotation marks names the thing,
    whatever its case (after any capitalised name, and weighed less than one); a long quoted
    remark is still none."""
    text = (
        "In a football game, the Harwich Gulls might be favoured by 7 points over the Velm Otters. "
        'Golf has no points, but there is also "stroke handicap" betting, akin to a point '
        "spread but counted in strokes."
    )
    assert _lead("whats the golf version of a point spread called", text) == (
        "Stroke handicap [1]."
    )
    assert _titles("Team props, also known as “game props,” count the team alone.") == [
        "game props"
    ]
    assert "we will win this one" not in _titles("He said “we will win this one” to reporters.")
