"""Asked who stands at a place in a ranked list ("whos the #2 te in the rankings", "in the mock who
do the harriers grab at 2", "who's top of the te rankings"), the name a sentence sets at that
place leads: after its number ("Pick 2 Dag Veldt"), or, for the top, the one the sentence says
heads the list. And a player's position inside a run of capitals ("Dag Veldt QB North Vale")
parts his name from his school. Hand-written sentences."""

from __future__ import annotations

from bot.qa.ranked import LAST, OTHER_RANK, RANKED, rank_asked, rank_weight
from bot.qa.shape import WHO, answer_spans
from tests.test_qa_extractive import _lead, span_in


def test_the_place_a_question_asks_for() -> None:
    assert rank_asked("whos the #2 te in the week 14 ppr rankigns") == 2
    assert rank_asked("in the mock who do the harriers grab at 2") == 2
    assert rank_asked("nov 17 mock draft, who goes first overall") == 1
    assert rank_asked("who's top of the te rankings for wk 14") == 1
    assert rank_asked("who did they have as the top ppr wr for week 13") == 1
    assert rank_asked("who's dead last in the power rankings") == LAST
    # no list: a time, a game, a feeling
    assert rank_asked("who scored at 2 minutes") == 0
    assert rank_asked("who won the first game") == 0
    assert rank_asked("who is no 1 in your heart") == 0
    assert rank_asked("who had the pick 6 for the gulls on snf") == 0  # an interception


def test_the_name_set_at_a_place() -> None:
    for s, name, place, w in [
        ("Round 1 - Pick 2 Dag Veldt QB North Vale", "Dag Veldt", 2, RANKED),
        ("Round 1 - Pick 17 Ivo Brant CB Eastmoor", "Ivo Brant", 1, OTHER_RANK),
        ("2 Tomas Lind, Harriers @ Gulls", "Tomas Lind", 2, RANKED),
        ("1. Orvel Foxes 8-1 (previous week: 1)", "Orvel Foxes", 1, RANKED),
        ("As usual, Per Moss (vs. Gulls in Week 14) tops our rankings.", "Per Moss", 1, RANKED),
        ("As usual, Per Moss (vs. Gulls in Week 14) tops our rankings.", "Per Moss", 2, OTHER_RANK),
        ("Moss is fine, but Tomas Lind tops the list.", "Moss", 1, 1.0),
        ("Per Moss caught two passes.", "Per Moss", 1, 1.0),
    ]:
        assert rank_weight(s, span_in(s, name), place) == w, (s, name, place)


def test_a_position_parts_a_name_from_its_school() -> None:
    s = "Round 1 - Pick 2 Dag Veldt QB North Vale • Soph • 230 lbs"
    names = [sp.text for sp in answer_spans(s, WHO)]
    assert "Dag Veldt" in names and "North Vale" in names
    # a position opening the run is a title before the name
    assert [sp.text for sp in answer_spans("QB Dag Veldt: limited in practice", WHO)] == [
        "Dag Veldt"
    ]


def test_the_pick_at_the_place_asked_leads() -> None:
    board = (
        "Round 1 - Pick 1 Ivo Brant QB Eastmoor • Jr • 215 lbs Projected Team Harriers. "
        "Round 1 - Pick 2 Dag Veldt QB North Vale • Soph • 230 lbs Projected Team Gulls."
    )
    assert _lead("in the mock who do the gulls grab at 2", board) == "Dag Veldt [1]."


def test_the_name_that_tops_the_rankings_leads() -> None:
    riser = "Tomas Lind (@ Harriers) jumps into the top five of our te rankings for week 14."
    top = "As usual, Per Moss (vs. Gulls in Week 14) tops our rankings."
    assert _lead("who's top of the te rankings for wk 14", riser, top) == "Per Moss [1]."
