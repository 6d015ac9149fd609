"""A figure in brackets after an item ("Ilse Varga ($31 million)") or after a label in brackets
("(MK: $7,400 | VB: $8,100)") belongs to that item or label: asked for the item's or the label's
figure, it answers, not the other figures of the sentence. Hand-written sentences; the leads go
through the extractive answerer."""

from __future__ import annotations

from bot.qa.bracketed import noted, of_named
from bot.qa.shape import HOW_MUCH, WHO, answer_spans
from tests.test_qa_extractive import _lead

LIST = (
    "The Ferrymen already pay five players above $12 million a year: Ilse Varga ($31 million), "
    "Tomas Brell ($24 million), Ode Kamara ($18 million), Lin Sato ($15 million) and Rui Amado "
    "($12.5 million)."
)
LINE = (
    "Dario Kell, Owls at Ferrymen (MK: $7,400 | VB: $9,100 | SR: 1.3x) We rarely back a "
    "quarterback priced above $6,900 on MK and $8,800 on VB, but $7,400 looks fair this week."
)


def test_the_item_named_before_the_bracket_gets_its_figure() -> None:
    assert _lead("what's ilse varga getting paid a year", LIST) == "$31 million [1]."
    assert _lead("how much does tomas brell make per season", LIST) == "$24 million [1]."


def test_the_label_named_in_the_bracket_gets_its_figure() -> None:
    assert _lead("kell's vb salary this week?", LINE) == "$9,100 [1]."


def test_which_figures_a_bracket_gives() -> None:
    spans = {sp.text: sp for sp in answer_spans(LIST, HOW_MUCH)}
    q = {"ilse", "varga", "paid", "year"}
    assert of_named(LIST, spans["$31 million"], q)
    assert not of_named(LIST, spans["$24 million"], q)  # another item's
    above = next(sp for t, sp in spans.items() if "$12 million" in t)
    assert not of_named(LIST, above, q)  # in no bracket
    # a figure that does not open the bracket is no item's
    text = "Ilse Varga (paid $31 million) signed on Monday."
    sp = next(s for s in answer_spans(text, HOW_MUCH) if "31" in s.text)
    assert not of_named(text, sp, q)


def test_a_bracket_after_no_name_or_with_odds_is_no_items_figure() -> None:
    q = {"salt", "gram", "hold", "rebound", "averag", "game", "mira", "dole", "yard", "receiv"}
    for text, figure in [
        ("The gel held 20 grams (0.7 ounce) of salt per gram.", "0.7"),  # a conversion
        ("He needs 60 yards to pass the record for receiving yards (1,964).", "1,964"),
        ("Mira Dole (+2500) leads the race, averaging 17.1 rebounds a game.", "2500"),  # odds
    ]:
        sp = next(s for s in answer_spans(text, HOW_MUCH) if figure in s.text)
        assert not of_named(text, sp, q), text
    text = "Mira Dole (+2500) leads the race, averaging 17.1 rebounds a game."
    assert _lead("what's mira dole averaging per game", text) == "17.1 rebounds a game [1]."


def test_a_note_in_brackets_after_a_name_says_which_one_is_asked_for() -> None:
    text = (
        "We would fade Ilo Marr (vs. Owls), Tam Reyes and Obi Kan (vs. Ferrymen), and Dez Amu "
        "(@ Harriers) this week."
    )
    assert _lead("which receiver facing the owls should i fade this week", text) == "Ilo Marr [1]."
    assert _lead("who should i fade vs the harriers", text) == "Dez Amu [1]."
    # a bracket that goes on with the sentence is no note on the name before it
    text = "The agency, said Ada Lind, its head, rules how much of Big Tech (and Big AI) works."
    sp = next(s for s in answer_spans(text, WHO) if s.text == "Big Tech")
    assert not noted(text, sp, {"ai", "agenc", "head"})
