"""A live tracker's item: a heading line, its fact lines ("Date: ...", "Source: ..."), then a
paragraph that may not name whom it is about ("the Hawks have signed the Swedish ace"). The
heading is the paragraph's first sentence's subject, as a listing's heading is its labelled
lines'. And a name with two particles ("Teo de la Mora") is one name."""

from __future__ import annotations

from bot.qa.candidates import Sent
from bot.qa.labels import tracker_heading
from bot.qa.shape import _names
from tests.test_qa_extractive import _lead, passage

TRACKER = (
    "Winter meetings tracker: live updates on signings and trades from the league.\n\n"
    "Harbor Hawks sign Tomas Eklund to $210 million contract\n\n"
    "Date: Tuesday, Dec. 19\n\n"
    "Source: Rell Amsden, Coastline Sports\n\n"
    "The chase is over, as the club has reportedly signed the Swedish ace to a 9-year, "
    "$210 million deal.\n\n"
    "It is the richest deal ever handed to a pitcher in the league.\n\n"
    "Pines finalizing deal with SP Arlo Vance\n\n"
    "Date: Tuesday, Dec. 12\n\n"
    "Source: Mira Tallis, League Wire\n\n"
    "The Pines and starter Arlo Vance are finalizing a 3-year, $45 million contract, according "
    "to League Wire's Mira Tallis."
)


def _sent(text: str, sentence: str) -> Sent:
    start = text.index(sentence)
    end = start + len(sentence)
    return Sent(passage=passage(text, 0), text=text, idx=start, start=start, end=end, rank=0)


def test_a_trackers_paragraph_is_about_its_items_heading() -> None:
    assert _lead("how many years is eklund's harbor hawks contract", TRACKER) == "9-year [1]."
    assert _lead("how long is arlo vance's deal with the pines", TRACKER) == "3-year [1]."


def test_the_heading_is_found_over_fact_lines_only() -> None:
    head_text = "Harbor Hawks sign Tomas Eklund to $210 million contract"
    first = "The chase is over, as the club has reportedly signed the Swedish ace to a 9-year"
    head = _sent(TRACKER, head_text)
    at = {head.idx: head}
    assert tracker_heading(_sent(TRACKER, first), at) is head
    # the paragraph's second sentence, and a sentence with no fact line above it, have none
    assert tracker_heading(_sent(TRACKER, "It is the richest deal"), at) is None
    plain = f"{head_text}\n\nThe chase is over."
    plain_head = _sent(plain, head_text)
    assert tracker_heading(_sent(plain, "The chase is over."), {plain_head.idx: plain_head}) is None
    # a film's title may hold a colon, over a listing's labelled lines
    film = (
        "Tidewater: The Long Night\n\nWhere to watch: Netflix\n\nDirector: Ola Brant\n\n"
        "The fifth film in the series is the first that its star directed."
    )
    title = _sent(film, "Tidewater: The Long Night")
    assert tracker_heading(_sent(film, "The fifth film"), {title.idx: title}) is title
    # a line of values ("Super FLEX: ...") opens no paragraph
    lines = "Champion (+50% points): WR Ola Brant\n\nSuper FLEX: QB Jon Hale\n\nSuper FLEX: RB Ade"
    champion = _sent(lines, "Champion (+50% points): WR Ola Brant")
    assert tracker_heading(_sent(lines, "Super FLEX: RB Ade"), {champion.idx: champion}) is None


def test_a_name_with_two_particles_is_one_name() -> None:
    names = [s.text for s in _names("The late winner came from Teo de la Mora in the 88th minute.")]
    assert names == ["Teo de la Mora"]
    assert [s.text for s in _names("Wes van der Kolk kept a clean sheet.")] == ["Wes van der Kolk"]
