"""A listing whose items are a name on a line of its own over a paragraph that opens on its verb
("Epic Games" / "Announced on September 28 that ..."): the name is whose news the paragraph is,
so it is read with it and quoted with it (``bot.qa.labels.subject_heading``)."""

from __future__ import annotations

from bot.qa.candidates import candidates
from bot.qa.extractive import select_excerpts
from bot.qa.labels import heads_item, opens_on_verb
from bot.qa.sentences import sentence_spans
from bot.qa.types import Passage

from .fakes import article_passage

BODY = (
    "Layoffs across the software trade, company by company\n\n"
    "Job cuts kept coming through the autumn, as firms trimmed teams they had grown quickly.\n\n"
    "Brightloom\n\n"
    "Announced on October 3 that it is laying off 18% of its staff, amounting to 240 people.\n\n"
    "Quarrystone Labs\n\n"
    "Is reducing its engineering team by 60 roles, the company said on October 2.\n\n"
    "Tessaly\n\n"
    "Announced on September 29 that it will lay off 1,100 people across three offices.\n"
)
HEADLINE = "Layoffs across the software trade, company by company"


def _passage() -> Passage:
    start, end = BODY.index("Brightloom"), BODY.index("Tessaly") + 90
    return article_passage("l", BODY, start, end, HEADLINE)


def test_a_name_over_a_verb_paragraph_heads_it() -> None:
    spans = sentence_spans(BODY)
    texts = [BODY[a:b] for a, b in spans]
    i = texts.index("Brightloom")
    assert heads_item(BODY, spans, i)
    assert opens_on_verb(texts[i + 1]) and not opens_on_verb("Job cuts kept coming.")
    assert not heads_item(BODY, spans, texts.index(HEADLINE))  # over prose, no item


def test_the_short_name_line_is_a_candidate() -> None:
    assert "Brightloom" in [c.sentence for c in candidates([_passage()])]


def test_the_quote_says_whose_news_it_is() -> None:
    ex = select_excerpts("how many people did tessaly lay off", [_passage()])
    assert ex and "1,100 people" in ex[0].quote
    assert ex[0].quote.startswith("Tessaly")  # not "Announced on September 29 that it ..."
    assert ex[0].answer is not None and ex[0].answer.text == "1,100 people"
