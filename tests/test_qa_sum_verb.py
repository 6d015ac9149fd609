"""Asked how much someone raised, paid or spent, the amount the question's verb takes from that
doer (or from a pronoun for it) counts more than an amount beside the question's other words
("bot.qa.sum_verb"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.sum_verb import amount_verbs, verb_object
from tests.test_qa_extractive import _lead, span_in

RAISE = (
    "Shares in casino group Harlow Leisure hit a record low of 48¢ on Tuesday after it raised "
    "$410 million from institutional investors. They closed 12 per cent weaker at 51¢."
)


def test_the_verbs_a_how_much_question_may_ask_of() -> None:
    assert {"rais", "harlow"} <= amount_verbs("how much did harlow raise this week")
    assert "pay" in amount_verbs("how much did the estate pay the islands")
    assert amount_verbs("what's the price of a ticket") == frozenset()


def test_an_amount_taken_by_the_question_doer_verb() -> None:
    s = "Brevik has raised around $120 million, and Osterlund has raised only about $38 million."
    verbs = amount_verbs("how much money has osterlund raised so far")
    toks = {"osterlund", "rais", "monei"}
    assert verb_object(s, span_in(s, "about $38 million"), verbs, toks)
    # another doer's sum, though the verb is the same
    assert not verb_object(s, span_in(s, "around $120 million"), verbs, toks)
    # a pronoun stands for the doer; a noun before the amount is no verb ("revenue $9 billion")
    t = "A year on, it agreed to pay $95 million to the territory."
    assert verb_object(t, span_in(t, "$95 million"), amount_verbs("how much did it pay"), set())
    u = "Harlow quarterly pay $9 billion, the filing showed."
    verbs = amount_verbs("how much did harlow pay")
    assert not verb_object(u, span_in(u, "$9 billion"), verbs, {"quarterli", "harlow"})


def test_the_sum_raised_leads_not_the_low_the_question_also_names() -> None:
    q = "how much did harlow leisure raise this week, shares hit a record low"
    assert _lead(q, RAISE) == "$410 million [1]."


def test_a_pronoun_after_another_name_is_not_the_doer() -> None:
    q = "how many goals did rolf tenvik score for the national side"
    verbs, toks = amount_verbs(q), {"rolf", "tenvik", "score", "goal"}
    s = (
        "Given how often Brakstad scores for his club, he could score five goals this month to "
        "draw level with Tenvik."
    )
    assert not verb_object(s, span_in(s, "five goals"), verbs, toks)
    t = "Tenvik scored a relatively modest 31 goals in 52 matches."
    assert verb_object(t, span_in(t, "31 goals"), verbs, toks)
