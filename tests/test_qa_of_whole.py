"""A lead states a bare count or share with the whole it is out of ("21 of the initial 30",
"12% of children"): a number alone says little (``bot.qa.extent.of_whole``, read in
``bot.qa.lead_words``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.qa.extent import of_whole
from bot.qa.extractive import select_excerpts, short_answer_lead
from bot.qa.types import Passage


def _whole(sentence: str, number: str) -> str:
    a = sentence.index(number)
    s, e = of_whole(sentence, a, a + len(number))
    return sentence[s:e]


@pytest.mark.parametrize(
    ("sentence", "number", "want"),
    [
        ("Of the samples, 21 of the initial 30 tested positive.", "21", "21 of the initial 30"),
        ("It said 18 of its member groups signed.", "18", "18 of its member groups"),
        ("Around 12% of children were affected.", "Around 12%", "Around 12% of children"),
        ("Brave cut 9% of its workforce across teams.", "9%", "9% of its workforce"),
        ("He scored 2 of the 3 goals.", "2", "2 of the 3"),
        ("Three lines closed, and 5 of them reopened.", "5", "5"),  # "them" is no whole
        ("It costs $5 of the $10 fee.", "$5", "$5"),  # a sum of money stays as it is
        ("He has hit 50% of his throws here.", "50%", "50% of his throws"),  # not the adverb
        (
            "About 40 percent of voters, polls say.",
            "About 40 percent",
            "About 40 percent of voters",
        ),
    ],
)
def test_count_with_its_whole(sentence: str, number: str, want: str) -> None:
    assert _whole(sentence, number) == want


def _passage(body: str) -> Passage:
    text = f"Consumer groups file complaint\n{body}"
    return Passage(
        "c1", "a1", "t", text, 0, len(text), "Consumer groups file complaint", "Test Wire",
        "https://test.example/a1", datetime(2026, 11, 20, tzinfo=UTC), True, article_text=text,
    )  # fmt: skip


def test_lead_states_the_count_with_what_it_is_out_of() -> None:
    p = _passage(
        "A coalition of consumer groups filed a complaint against the platform on Tuesday. "
        "The federation said 18 of its member organizations joined the filing."
    )
    q = "how many member groups joined the complaint"
    assert short_answer_lead(select_excerpts(q, [p]), q) == "18 of its member organizations [1]."
