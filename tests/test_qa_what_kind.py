""" "What" before a kind of thing that goes by a name ("what law", "what japanese club") asks for
the name, as "which" does: the sentence that names one is quoted before those that only repeat
the question's words. The name is not stated in the lead: after "what" it is the answer less
often than after "which"."""

from __future__ import annotations

import pytest

from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.question_kind import question_shape, what_kind
from bot.qa.shape import WHAT, WHO

from .test_qa_extractive import passage

TEXT = (
    "Velmcorp wants the lawsuit over its teen chat feature thrown out before trial. "
    "The lawsuit says the chat feature let strangers reach teen users. "
    "Velmcorp says the lawsuit should be dismissed because it only hosts what users post. "
    "Parents who brought the lawsuit say the feature itself was the problem. "
    "In its filing the company is leaning on Section 12 of the Velm Media Act, which shields hosts. "
    "A judge will hear arguments on the motion to dismiss the lawsuit in March. "
    "Velmcorp did not comment on the lawsuit beyond its filing."
)
QUESTION = "what law is velmcorp leaning on to get the teen chat lawsuit thrown out"


@pytest.mark.parametrize(
    ("q", "shape"),
    [
        ("what law is velmcorp leaning on", WHO),
        ("what japanese club does he play for", WHO),
        ("what happened in the game", WHAT),
        ("what does the app do", WHAT),
    ],
)
def test_what_before_a_kind_of_thing_asks_for_a_name(q: str, shape: str) -> None:
    assert question_shape(q) == shape


def test_a_name_asked_with_called_is_read_as_before() -> None:
    assert not what_kind("what's the podcast the brothers host called")


def test_the_sentence_naming_the_law_is_quoted_and_not_stated() -> None:
    ex = select_excerpts(QUESTION, [passage(TEXT, 0)])
    assert any("Section 12 of the Velm Media Act" in e.quote for e in ex)
    assert short_answer_lead(ex, QUESTION) is None


def test_a_when_clause_does_not_hide_what_kind_asks_for() -> None:
    # "when she said that" only says which time; the podcast's name is asked for, not stated
    q = "what podcast was she on when she said that"
    assert question_shape(q) == WHO and what_kind(q)
