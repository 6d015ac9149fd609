"""A page that breaks a paragraph inside a sentence ("... the first club to win the cup twice
after beating" / "the Harrow Foxes 3-1 ...") is quoted as the one sentence it is, not as two
fragments, one of them starting mid-sentence. A heading, a label or a line that ends on a
figure stays a line of its own."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.sentences import sentence_spans
from tests.test_qa_extractive import passage

TEXT = (
    "The Marlow Cup final was played on Saturday in Ostrava.\n\n"
    "The Kestrels became the first club to win the cup twice in a row after beating\n\n"
    "the Harrow Foxes 3-1 in front of 40,000 fans.\n\n"
    "Their coach, Edda Lindqvist, praised the defence."
)


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_sentence_broken_across_paragraphs_is_one_sentence() -> None:
    got = _sentences(TEXT)
    assert len(got) == 3, got
    assert got[1].startswith("The Kestrels became") and got[1].endswith("40,000 fans."), got


def test_headings_labels_and_figures_stay_lines_of_their_own() -> None:
    text = (
        "Where to watch\n\n"
        "tonight on the Harbour Channel, from 8 p.m.\n\n"
        "ADVERTISEMENT Article continues below this ad\n\n"
        "not least because the Foxes were missing two starters\n\n"
        "Photo 1 of 6\n\n"
        "prev next Photo 2 of 6\n\n"
        "The Foxes said the result was fair.\n\n"
        "their captain disagreed."
    )
    got = _sentences(text)
    assert got == [
        "Where to watch",
        "tonight on the Harbour Channel, from 8 p.m.",
        "ADVERTISEMENT Article continues below this ad",
        "not least because the Foxes were missing two starters",
        "Photo 1 of 6",
        "prev next Photo 2 of 6",
        "The Foxes said the result was fair.",
        "their captain disagreed.",
    ]


def test_the_quote_holds_the_whole_broken_sentence() -> None:
    excerpts = select_excerpts(
        "who did the kestrels beat in the marlow cup final",
        [passage(TEXT, headline="Kestrels keep the Marlow Cup", outlet="The Ostrava Post")],
    )
    quotes = [" ".join(e.quote.split()) for e in excerpts]
    assert any("after beating the Harrow Foxes 3-1" in q for q in quotes), quotes
    # no quote opens mid-sentence
    assert all(not q[:1].islower() for q in quotes), quotes
