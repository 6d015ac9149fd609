"""Where a place is: a town keeps the state or the country written after it ("Havana, Cuba",
"Auburn, Washington"), whichever country it is; a country alone is still weighed as before."""

from __future__ import annotations

from bot.qa.regions import COUNTRY_ONLY_RX
from bot.qa.shape import WHERE, answer_spans


def _where(sentence: str) -> list[str]:
    return [sp.text for sp in answer_spans(sentence, WHERE)]


def test_a_town_keeps_the_country_written_after_it() -> None:
    assert _where("She took a photography course in Havana, Cuba, in 2014.") == ["in Havana, Cuba"]
    assert _where("Ferrin was in Doha, Qatar, that week.") == ["in Doha, Qatar"]
    assert _where("The plant in Auburn, Washington, closed.") == ["in Auburn, Washington"]
    # a clause after the comma is no part of the place
    assert _where("The plant in Lyon, which opened in 2019, closed.") == ["in Lyon"]


def test_only_the_countries_weighed_before_count_as_a_country_alone() -> None:
    """ "in Cameroon" was never weighed down as a country named alone; the longer list is for
    the town's country only."""
    assert COUNTRY_ONLY_RX.match("in France")
    assert not COUNTRY_ONLY_RX.match("in Cameroon")
