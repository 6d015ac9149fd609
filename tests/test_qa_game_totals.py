"""A player's total for a game, not one play's: a live blog's entry stamped with the game clock
("7:42 p.m.: ... picking up three yards") and "picks up" / "gains" say what one play gained;
"rushing yards" counts yards, not rushes; and in "X completed ... for 348 yards, while Y went ..."
the first figure is X's."""

from __future__ import annotations

from tests.test_qa_extractive import _lead


def test_a_clock_stamped_play_is_not_the_game_total() -> None:
    text = (
        "7:42 p.m.: Dace Morrow takes the handoff and bursts left, picking up three yards. "
        "The Orna back finished the night with 141 yards as Orna beat Marlow 24-17."
    )
    assert _lead("how many yards did dace morrow run for vs marlow", text) == "141 yards [1]."


def test_a_yard_outburst_is_a_game_s_total() -> None:
    text = (
        "Dace Morrow's 162-yard outburst against Marlow earned him the weekly award. "
        "Morrow ran for 80 yards in the opener against Tarn."
    )
    assert _lead("how many rushing yards did dace morrow have against marlow", text) == (
        "162-yard outburst [1]."
    )


def test_rushing_yards_count_yards_not_rushes() -> None:
    text = "Dace Morrow had 22 rushes for 96 yards against Marlow on Sunday."
    assert _lead("how many rushing yards did morrow have against marlow", text) == "96 yards [1]."


def test_the_figure_before_a_turn_is_the_first_player_s() -> None:
    text = (
        "Brask completed 31-of-44 passes for 348 yards with a pair of touchdowns, while Vance went "
        "26-for-38 with 258 passing yards, one passing touchdown and an interception. He also "
        "rushed eight times for 44 yards and another score."
    )
    # 348 is Brask's: asked of Vance, a figure of Vance's clause leads
    assert _lead("how many yards did vance have vs the orna", text) == "258 passing yards [1]."
    assert _lead("how many yards did brask throw for vs the orna", text) == "348 yards [1]."
