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

# another outlet's own words on the same story
TEXT_B = (
    "Brackwater's council ended the ferry fares row on Tuesday after a long debate. "
    "The vote on the fares deal was 7-4, councillors said. "
    "Harbour commissioner Edda Mollin chaired the talks that led to the ferry deal. "
    "Fares under the deal change on March 3."
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


def test_two_sentences_of_an_article_while_another_has_some_then_more_of_one() -> None:
    q = "Brackwater council ferry fares deal vote debate"
    both = select_excerpts(q, [passage(), passage(TEXT_B, n=1)])
    assert len(both) == 4
    assert sorted(e.passage.article_id for e in both) == ["a0", "a0", "a1", "a1"]
    # a second outlet carrying the same copy word for word adds no sentence twice
    copies = select_excerpts(q, [passage(), passage(n=1)])
    assert len({" ".join(e.quote.split()) for e in copies}) == len(copies)
    # one article alone: the room left is filled from it (a quote may pair a sentence with its
    # neighbour), each sentence once
    alone = select_excerpts(q, [passage()])
    assert all(e.quote in TEXT for e in alone)
    sentences = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]
    quoted = [s for s in sentences for e in alone if s in e.quote]
    assert len(quoted) == len(set(quoted)) >= 3
