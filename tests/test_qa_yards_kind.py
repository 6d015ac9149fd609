"""A question's verb says which yards it asks for ("how many yards did he run for": rushing), and
a count of another kind ("241 passing yards") is not the answer. Hand-written sentences."""

from __future__ import annotations

from bot.qa.counted import other_stat, stat_asked
from tests.test_qa_extractive import _lead

TEXT = (
    "Ivo Tarn went 22-for-30 with 241 passing yards and a touchdown against the Harriers. "
    "He also rushed six times for 38 yards and scored once more."
)


def test_the_kind_of_yards_asked() -> None:
    assert stat_asked("how many yards did tarn run for") == "rushing"
    assert stat_asked("how many yards did he throw for") == "passing"
    assert stat_asked("how many yards did he catch") == "receiving"
    assert stat_asked("how many yards did he have") == ""
    assert other_stat("241 passing yards", "rushing")
    assert not other_stat("38 yards", "rushing")
    assert not other_stat("241 passing yards", "")


def test_the_yards_of_the_kind_asked_lead() -> None:
    assert _lead("how many yards did tarn run for vs the harriers", TEXT) == "38 yards [1]."
    assert (
        _lead("how many yards did tarn throw for vs the harriers", TEXT) == "241 passing yards [1]."
    )


def test_rushed_is_ran_for() -> None:
    from bot.qa.synonyms import synonyms

    assert ("rush",) in synonyms("run")
