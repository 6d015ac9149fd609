"""A when-answer keeps "mid-" before a month written without a preposition ("is mid-October"),
as it did after one ("in mid-October")."""

from __future__ import annotations

import pytest

from bot.qa.shape import WHEN, answer_spans


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("The ideal time for the jab is mid-October, he said.", "mid-October"),
        ("Mid-October is the best time.", "Mid-October"),
        ("Doses arrive in mid-October.", "in mid-October"),
        ("A mid-2024 launch is planned.", "mid-2024"),
    ],
)
def test_mid_month_is_one_answer(sentence: str, want: str) -> None:
    assert [s.text for s in answer_spans(sentence, WHEN)] == [want]


def test_mid_alone_is_no_time() -> None:
    assert answer_spans("Turnout in the mid-term vote was low.", WHEN) == []
