"""A photo's caption ("... Credit: Getty") and a teaser for another story ("Also Read: ...") are
not statements of the article's news: they are not read as answers
(``bot.qa.candidates._boilerplate``)."""

from __future__ import annotations

from bot.qa.candidates import candidates
from bot.qa.extractive import select_excerpts
from bot.qa.types import Passage

from .test_qa_extractive import passage

BODY = "\n\n".join(
    [
        "Rovers face Athletic in the harbour derby",
        "Rovers go into Saturday's harbour derby at Kellan Park without their captain.",
        "3 Corin Maddox will be looking to lead Athletic to a first derby win Credit: Getty",
        "Rovers defender Tam Reidy is out of the derby with a knee injury picked up in training.",
        "Also Read: Harbour derby tickets: where to buy them and what they cost at Kellan Park",
        "Athletic have not won at Kellan Park since the spring of 2019.",
    ]
)


def _passage() -> Passage:
    return passage(BODY, headline="Rovers face Athletic in the harbour derby")


def test_captions_and_teasers_are_not_candidates() -> None:
    sents = [c.sentence for c in candidates([_passage()])]
    assert any("Tam Reidy" in s for s in sents)
    assert not any("Credit:" in s for s in sents)
    assert not any(s.startswith("Also Read") for s in sents)


def test_a_caption_s_name_does_not_answer_who() -> None:
    q = "which rovers defender is out of the derby"
    quotes = " ".join(e.quote for e in select_excerpts(q, [_passage()]))
    assert "Tam Reidy" in quotes
    assert "Credit" not in quotes


def test_a_sentence_that_names_credit_in_its_news_stays() -> None:
    body = "The Credit: Union Act was passed in March after a long debate in the chamber."
    assert [c.sentence for c in candidates([passage(body)])] == [body]
