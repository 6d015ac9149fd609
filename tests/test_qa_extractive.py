"""The extractive answerer's choice of sentences, on hand-written passages."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.types import Passage

HEADLINE = "Brackwater council settles the ferry fares dispute"
TEXT = (
    "Brackwater's council settled the long dispute over ferry fares at its Tuesday meeting. "
    "Councillors voted 7-4 for the compromise after a three-hour debate. "
    "The deal was brokered by harbour commissioner Edda Mollin, who had chaired the talks. "
    "The new fares take effect on March 3, the council said."
)


def passage(text: str = TEXT, n: int = 0) -> Passage:
    return Passage(
        chunk_id=f"c{n}",
        article_id=f"a{n}",
        corpus="t",
        text=text,
        start=len(HEADLINE) + 2,
        end=len(HEADLINE) + 2 + len(text),
        headline=HEADLINE,
        outlet="The Brackwater Courier",
        url=None,
        published_at=None,
        ai_generated=True,
    )


def test_at_most_two_sentences_of_one_passage_and_two_of_one_article() -> None:
    ex = select_excerpts("Brackwater council ferry fares deal vote debate", [passage()])
    assert 1 <= len(ex) <= 2
    assert len({e.quote for e in ex}) == len(ex)
