"""A count is stated with what it counts and no more: the noun after a few describing words
("15 major Veldorian technology companies"), not a word that goes on to say something else
("... users must", "... plus any extension", "... all currently", "47 yards two straight")."""

from __future__ import annotations

import pytest

from bot.qa.shape import HOW_MANY, answer_spans
from tests.test_qa_extractive import _lead


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


def test_asked_how_many_died_the_deaths_are_counted() -> None:
    germs = (
        "Each year drug-resistant germs cause more than 2.8 million infections in the United "
        "States and more than 35,000 deaths, the health agency said."
    )
    for q in (
        "how many americans die each year from drug resistant germs",
        "how many people die each year from drug resistant germs in the us",
        "how many died from drug resistant germs in the us last year",
    ):
        assert _lead(q, germs) == "More than 35,000 deaths [1].", q
    # people counted by where they are from are people: not the cases
    cases = (
        "The outbreak infected 1,100 cattle on 40 farms, and also 4,200 Britons, officials said."
    )
    assert _lead("how many americans were infected in the outbreak", cases) == "4,200 Britons [1]."


def test_asked_how_many_yards_one_play_s_length_is_no_total() -> None:
    text = (
        "Jo Marr broke off a 51-yard run in the third quarter. "
        "Marr finished with 127 yards on 14 carries as Orna beat Marlow."
    )
    assert _lead("how many rushing yards did jo marr have vs marlow", text) == "127 yards [1]."
    # one completion: "a pass to Tee Vance for 18 yards" is one play, not the game's total
    passes = (
        "Rell Brask flipped a short pass to Tee Vance for 18 yards in the second quarter. "
        "Brask ended the night with 264 yards and two touchdowns."
    )
    assert _lead("how many yards did brask throw for vs marlow", passes) == "264 yards [1]."
    # asked how long the play was, its length answers
    kick = "Pell Tarrow hit a 56-yard field goal as time expired. Orna gained 310 yards in all."
    assert _lead("how long was tarrow's field goal", kick) == "56-yard field goal [1]."
