"""What a question's reading takes from the candidate sentences as a whole, before any one of
them is rated (``bot.qa.answer_kind.Asked``, filled by ``bot.qa.extractive.select_excerpts``):
whether a count of the thing asked about is there at all, whether a figure is given for the
place asked, which articles hold each word, the years some candidate dates to the day, and the
surnames of the people named in full."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .amounts import whole_of
from .answer_kind import Asked
from .candidates import Sent
from .counted import nouns
from .placed import placed_name
from .shape import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO, answer_spans
from .span_filter import first_names_given, surnames_of
from .subject import names_place
from .superlative import extremes
from .timeparse import YEAR_WORD
from .when_words import YEAR_ONLY

# a first and a last name: "Pat Cummins"
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b")


def read_candidates(ask: Asked, cands: Sequence[Sent], question: str) -> None:
    """Fill ``ask``'s fields that depend on all of ``cands`` (whose ``toks`` are set)."""
    shape = ask.shape
    if shape == HOW_MANY and ask.counted:  # a count of the thing asked about is there
        ask.counted_seen = any(
            nouns(sp.text) & ask.counted for c in cands for sp in answer_spans(c.sentence, shape)
        )
    if shape in (HOW_MANY, HOW_MUCH) and ask.place:  # "sales in North America ... $5.42 billion"
        ask.place_seen = any(  # in the best-ranked article: what it is about
            c.top_article and names_place(c.sentence, ask.place) and answer_spans(c.sentence, shape)
            for c in cands
        )
    if shape == HOW_MUCH and ask.share_of:  # "19% of baby boomers", asked "what % of boomers"
        ask.share_seen = any(
            (own := whole_of(c.sentence, sp)) is not None and bool(own & ask.share_of)
            for c in cands
            for sp in answer_spans(c.sentence, shape)
        )
    if ask.extreme:  # "the cheapest season ticket was $485", asked the cheapest
        ask.extreme_seen = any(extremes(c.sentence) & ask.extreme for c in cands)
    if shape == WHO:
        for c in cands:
            for t in c.toks:
                ask.arts_with.setdefault(t, set()).add(c.passage.article_id)
    if shape == WHEN:  # "on 4 March 2019": a year some candidate dates more closely
        ask.dated_years = frozenset(
            sp.text[-4:]
            for c in cands
            for sp in answer_spans(c.sentence, WHEN)
            if YEAR_WORD.search(sp.text[-4:])
            and len(sp.text.split()) >= 2
            and not YEAR_ONLY.match(sp.text)
        )
    if shape in (WHO, WHERE):  # people named in full: "to Cosgrave" is not a place
        names = [sp.text for c in cands for sp in answer_spans(c.sentence, WHO)]
        if shape == WHERE:  # "Pastor Jesse Bradley of Auburn": the name ends before the place
            names = [n.split(" of ")[0] for n in names]
            # a name a sentence puts after "in" or "at" whole is a place ("in Buenos Aires"), as
            # is one it names as a place without a preposition ("to visit Porto Velm")
            placed = {
                name
                for c in cands
                for sp in answer_spans(c.sentence, WHERE)
                if (name := placed_name(sp.text))
            }
            names = [n for n in names if n not in placed]
        spans = [n.split() for n in names]
        given = first_names_given(question, [c.sentence for c in cands], spans)
        ask.surnames, ask.alone = surnames_of(spans, ask.alone | given)
    else:  # "Pat Cummins" elsewhere: "Cummins went to Sunrisers" opens with his name
        ask.surnames = frozenset(
            m.group(1).lower() for c in cands for m in _FULL_NAME.finditer(c.sentence)
        )
