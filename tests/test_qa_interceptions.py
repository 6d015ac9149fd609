"""Asked who intercepted a pass ("who picked off tua", "who had the pick 6"), the receiver the
pass was meant for is not the answer: "Tovan's pass to Lenz is picked off by Marek Osei"."""

from __future__ import annotations

from bot.qa.passer import pick_asked, picker
from bot.qa.shape import Span
from tests.test_qa_extractive import _lead

LIVE = (
    "Harbor Hawks vs. Pines live score and updates from Sunday night's game.\n\n"
    "10:01 p.m. — Dario Lenz has struggled to get going, but he takes the Hawks into Pines "
    "territory with a solid 7-yard gain.\n\n"
    "10:04 p.m. — Tovan's pass to Lenz is picked off by Marek Osei, and the Hawks' defense "
    "suddenly has to keep this game within one possession.\n\n"
    "The Pines went ahead in the third quarter when Ivo Brandt intercepted a tipped pass from "
    "Tovan for a pick-six."
)


def test_the_defender_who_picked_it_off_answers() -> None:
    assert _lead("who picked off tovan late in sunday night's game", LIVE) == "Marek Osei [1]."


def test_who_picked_it_off_is_read_from_the_words_around_a_name() -> None:
    assert pick_asked("who piked off bryce twice for pick sixes")
    assert pick_asked("who had the pick 6") and not pick_asked("who caught the td")
    s = "He threw three interceptions, including two pick-sixes to Kenny Mora in a 27-13 loss."
    at = s.index("Kenny Mora")
    assert picker(True, s, Span(at, at + len("Kenny Mora"), "Kenny Mora")) == 1.0
    s = "Tovan's pass to Lenz is picked off."
    at = s.index("Lenz")
    assert picker(True, s, Span(at, at + 4, "Lenz")) < 1.0
    assert picker(False, s, Span(at, at + 4, "Lenz")) == 1.0
