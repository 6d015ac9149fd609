"""A count is stated with what it counts and no more: the noun after a few describing words
("15 major Veldorian technology companies"), not a word that goes on to say something else
("... users must", "... plus any extension", "... all currently", "47 yards two straight")."""

from __future__ import annotations

import pytest

from bot.qa.shape import HOW_MANY, answer_spans


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        (
            "Officials said 15 major Veldorian technology companies have signed the pledge.",
            "15 major Veldorian technology companies",
        ),
        (
            "More than 700 million monthly users must ask for the change.",
            "More than 700 million monthly users",
        ),
        ("The 16-inch Larkbook Pro all currently ship in grey.", "16-inch Larkbook Pro"),
        ("He has run for 47 yards two straight weeks.", "47 yards"),
        ("About 400 animal species not seen before were logged.", "About 400 animal species"),
        ("A dozen leading chip firms published the letter.", "A dozen leading chip firms"),
        (
            "It will send approximately 5,000 U.S. troops to the base.",
            "approximately 5,000 U.S. troops",
        ),
        # a verb after the noun ends it; a describing word before it (a verb form too) stays
        ("Some 2,300 nurses walked out on Monday.", "Some 2,300 nurses"),
        ("About 20,000 registered users joined.", "About 20,000 registered users"),
    ],
)
def test_a_count_ends_on_what_it_counts(sentence: str, count: str) -> None:
    assert count in [s.text for s in answer_spans(sentence, HOW_MANY)]
