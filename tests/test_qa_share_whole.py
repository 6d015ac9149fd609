"""Asked what share of a group does something ("what % of retirees say ..."), a share the
sentences give of another group ("52% of students") counts less, where a candidate gives one of
the group asked about ("12% of retirees"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.amounts import other_whole, share_whole
from tests.test_qa_extractive import _lead, span_in

SURVEY = (
    "The Velm poll found that 52% of students aged 16 to 22 say the news leaves them too anxious "
    "to study, the pollster said. "
    "By comparison, 31% of parents and 12% of older retirees say the same."
)


def test_the_whole_a_share_is_asked_of() -> None:
    assert share_whole("what % of retirees say the news upsets them") == {"retire"}
    assert share_whole("what share of home loans are adjustable") == {"home", "loan"}
    assert share_whole("how much did the shares fall") == frozenset()
    assert "workforc" in share_whole("brave cut what % of its staff")  # a synonym is the same whole


def test_a_share_of_another_whole() -> None:
    s = "Some 52% of students aged 16 to 22 agree."
    assert other_whole(s, span_in(s, "52%"), frozenset({"retire"}))
    assert not other_whole(s, span_in(s, "52%"), frozenset({"student"}))
    assert not other_whole(
        "Some 52% agree.", span_in("Some 52% agree.", "52%"), frozenset({"retire"})
    )


def test_the_share_of_the_group_asked_leads() -> None:
    assert _lead("what % of retirees say the news leaves them too anxious", SURVEY) == (
        "12% of older retirees [1]."
    )
