"""A news outlet's name is stated as the answer to who or which only when the question is about
the press ("which paper reported it"), not for "which eye drops were recalled" because the
outlet that reported the recall is named beside it."""

from __future__ import annotations

import pytest

from bot.qa.press import outlet_named

from .test_qa_extractive import _lead

TEXT = (
    "Shoppers in Velm were told last week to stop using two brands of eye drops after tests "
    "found bacteria in sealed bottles. "
    "A spokesperson for the health agency did not answer questions from Harbor Daily News "
    "Digital about the warning."
)


def test_an_outlet_is_no_answer_to_which_eye_drops() -> None:
    lead = _lead("which eye drops did the velm health agency warn about", TEXT)
    assert lead is None or "News Digital" not in lead


def test_an_outlet_answers_which_outlet() -> None:
    lead = _lead("which news outlet asked the health agency about the warning", TEXT)
    assert lead is not None and "Harbor Daily News Digital" in lead


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Fox News Digital", True),
        ("New York Times", True),
        ("Reuters", True),
        ("ESPN's Jeff Passan", False),
        ("Times Square", False),
        ("Post Malone", False),
    ],
)
def test_outlet_names(name: str, outlet: bool) -> None:
    assert outlet_named(name) is outlet
