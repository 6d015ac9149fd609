"""A sentence that opens with a connective before its pronoun ("However, he was taken off at
half-time with a new calf problem.") goes on about the sentence before it, as one opening on the
pronoun does: quoted after that sentence, it comes along, and quoted alone it brings its referent.
"That said, ..." and "This season, ..." open on a turn of phrase or a time, not on a pronoun.
Hand-written sentences, read by the answerer as an article's."""

from __future__ import annotations

import pytest

from bot.qa.extractive import _PRONOUN, select_excerpts
from tests.test_qa_extractive import passage

TEXT = (
    "Orrin Rovers have struggled to field a settled midfield as one knock follows another. "
    "Tavo Renner, who hurt his ankle on international duty, returned for the cup tie at Weyfield. "
    "However, he was taken off at half-time with a new calf problem. "
    "The club expects to name its squad for the derby on Friday."
)


def test_the_sentence_going_on_after_a_connective_comes_along() -> None:
    q = "whats wrong with renner again, another ankle injury on international duty?"
    ex = select_excerpts(q, [passage(TEXT)])
    quoted = " ".join(e.quote for e in ex)
    assert "calf problem" in quoted
    first = ex[0].quote
    assert "Tavo Renner" in first and "calf problem" in first  # one excerpt, in the article's order


@pytest.mark.parametrize(
    ("opening", "refers"),
    [
        ("However, he was taken off", True),
        ("But it was not enough", True),
        ("Meanwhile they waited", True),
        ("He said so", True),
        ("That said, there are options", False),
        ("That being said, few agree", False),
        ("This season, the club won", False),
        ("However, backup Max Corrow starts", False),
        ("Hereford won", False),
    ],
)
def test_what_opens_on_a_pronoun(opening: str, refers: bool) -> None:
    assert bool(_PRONOUN.match(opening)) is refers
