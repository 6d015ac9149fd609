"""A reply does not quote what its article's quotes already say: a courtroom sketch's caption
given twice in other words, or an offer line repeated, takes one excerpt, and the room goes to a
sentence that says something new. A short line ("Final: Bears 12, Vikings 10") is not held to
this: it says in few words what a long sentence says among others."""

from __future__ import annotations

from bot.qa.extractive import select_excerpts
from bot.qa.types import Passage
from tests.test_qa_extractive import passage

HEADLINE = "Quill's coder takes the stand at the Pemberton fraud trial"
TEXT = (
    "Judge Ilse Varga listens as prosecutor Tomas Brandt questions Niko Hale during the fraud "
    "trial of Quill founder Arlo Pemberton at the federal court in Harwich on May 4. "
    "Prosecutor Tomas Brandt questions Niko Hale during the fraud trial of Quill founder Arlo "
    "Pemberton at the federal court in Harwich on May 4, in this sketch. "
    "Hale told the jury he wrote the code that let Pemberton's trading firm borrow customer money. "
    "He said he first saw the firm's negative balance in early 2021. "
    "Hale is cooperating with prosecutors under a plea deal."
)


def _passage(text: str) -> Passage:
    return passage(text, headline=HEADLINE, outlet="The Harwich Ledger")


def test_a_caption_given_twice_is_quoted_once() -> None:
    quotes = [
        e.quote
        for e in select_excerpts(
            "what did niko hale say at the pemberton fraud trial", [_passage(TEXT)]
        )
    ]
    joined = " ".join(quotes)
    captions = ("Judge Ilse Varga listens", "in this sketch")
    assert sum(c in joined for c in captions) == 1, quotes
    # the room goes to what Hale said
    assert "negative balance" in joined and "wrote the code" in joined, quotes


def test_a_short_line_is_quoted_though_its_words_were_said() -> None:
    text = (
        "The Otters scored twice late to beat the Herons 12-10 on Monday night in Calder. "
        "Final: Otters 12, Herons 10. "
        "The Herons had led for most of the game."
    )
    quotes = [e.quote for e in select_excerpts("otters herons final score", [_passage(text)])]
    assert any("Final: Otters 12, Herons 10" in q for q in quotes), quotes
