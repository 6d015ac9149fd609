"""Where a name starts and ends, and what is no name: a stats table's labels in capitals ("TE
PPR", "YTD Stats REC") name no one, "the All Blacks" is one name, a contracted pronoun opening a
sentence ("They’re playing ...") is no one who plays, and "dropping to 5-9" is a season's record.
Hand-written sentences, read by the answerer as an article's."""

from __future__ import annotations

from bot.qa.agent import doer_first
from tests.test_qa_extractive import _lead
from tests.test_qa_names import _names


def test_a_stats_table_s_labels_are_no_name() -> None:
    assert "TE PPR" not in _names("Here are our Week 9 fantasy TE PPR rankings for the slate.")
    row = "MATCHUP vs ORV -3 O/U 44.5 PROJ PTS 9.1 TE RNK 12th YTD Stats REC 31 TAR 40"
    assert not [n for n in _names(row) if n.endswith(("RNK", "REC"))]
    # abbreviations inside a real name, or before it, keep the name
    assert "UK PM Rishi Sunak" in _names("On Monday UK PM Rishi Sunak met the union leaders.")
    assert "VP of IBM" in _names("Jo Tarn, VP of IBM’s cloud unit, said it would ship soon.")
    assert "AC Milan" in _names("Brenner scored twice as AC Milan won in Lisbon.")


def test_the_table_label_does_not_lead_over_the_name() -> None:
    text = (
        "It is no week to leave a hole at tight end, so here are our Week 9 fantasy TE PPR "
        "rankings. "
        "As ever, Dax Ormond tops our rankings, with Lio Brandt close behind."
    )
    assert _lead("who's top of the te rankings for week 9", text) == "Dax Ormond [1]."


def test_all_inside_a_sentence_is_part_of_the_name() -> None:
    assert "All Blacks" in _names("Coach Ira Vell said the All Blacks would rest four players.")
    # where a sentence starts, "All" is capitalised anyway and names nothing
    assert "All Tarrow" not in _names("All Tarrow players will rest on Sunday.")


def test_a_contracted_pronoun_is_no_doer() -> None:
    assert doer_first("They’re playing for the title on Sunday.", "play") is None
    assert doer_first("Orvane played for the title on Sunday.", "play") is not None


def test_dropping_to_a_record_is_the_season_s_record() -> None:
    text = (
        "The Harriers lost 20-17 to the Quays on Sunday, dropping to 5-9 and all but ending "
        "their playoff hopes for another year."
    )
    assert _lead("harriers record now after the quays game", text) == "5-9 [1]."


def test_a_word_of_how_many_opens_no_name() -> None:
    # "Multiple Vikings defenders": many of a side, not a person named "Multiple Vikings"
    names = _names("Multiple Harrier defenders wrap up Ivo Tarn for a 12-yard loss.")
    assert "Ivo Tarn" in names
    assert not [n for n in names if n.startswith("Multiple")]
    assert not [n for n in _names("Numerous Otters fans came.") if n.startswith("Numerous")]
