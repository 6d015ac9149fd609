"""Where a place is: a town keeps the state or the country written after it ("Havana, Cuba",
"Auburn, Washington"), whichever country it is; a country alone is still weighed as before."""

from __future__ import annotations

from bot.qa.regions import COUNTRY_ONLY_RX
from bot.qa.shape import WHERE, answer_spans
from tests.test_qa_extractive import _lead


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


def test_a_month_alone_gives_way_to_the_day_a_sentence_on_the_same_show_gives() -> None:
    """ "In December, Harrowgate comes to Streamly" and "Harrowgate (December 15)": the lead
    states the day; a day of the same month from a sentence on another topic (its meaning far
    from the best sentence's) does not replace the month, nor does a day of another month."""
    from bot.qa.candidates import Sent
    from bot.qa.day_in_full import day_in_full
    from bot.qa.shape import WHEN, answer_spans
    from bot.qa.types import Passage

    text = (
        "In December, the drama Harrowgate comes to Streamly. "
        "Also on Streamly: Harrowgate (December 15), a slow-burn mystery. "
        "Velm Heist arrives on December 22. Harrowgate's finale aired November 3."
    )
    p = Passage("c1", "a1", "news", text, 0, len(text), "Streamly in December", None, None, None,
                True)  # fmt: skip
    sents = []
    for i, (s, dense) in enumerate(zip(text.split(". "), (0.8, 0.7, 0.2, 0.75), strict=True)):
        start = text.index(s)
        c = Sent(p, text, start, start, start + len(s), rank=0, dense=dense, score=2.0 - i / 10)
        c.spans = answer_spans(s, WHEN)
        sents.append(c)
    got = day_in_full(sents[0], sents)
    assert got is sents[1]
    assert got.spans[0].text == "December 15"
    sents[1].dense = 0.3  # the dated sentence is about something else
    assert day_in_full(sents[0], sents) is None


def test_a_title_that_ends_in_a_pronoun_is_no_place() -> None:
    """ "The Girl in Me" (a memoir) and "her For You page" are titles, not places: no "In Me"
    for where someone moved; a place in the same sentence is still found."""
    assert _where("Fans await her memoir, The Girl in Me, due in October.") == []
    assert _where("There is nothing on Dawes’ For You page but football.") == []
    assert _where("Her memoir, The Girl in Me, was written in Lisbon.") == ["in Lisbon"]
    assert _where("The team moved on to Utah.") == ["to Utah"]


def test_an_event_or_a_law_is_no_place_but_a_festival_or_a_stadium_is() -> None:
    """ "in the National Championship" says which game, not where it is played; a festival, a
    summit or a stadium is where something happens."""
    assert _where("Both teams could meet in the National Championship next month.") == []
    assert _where("Osk scored twice in the Champions League for Velm.") == []
    assert _where("The bowl game will be played at Harrow Stadium in Velm.") == [
        "at Harrow Stadium in Velm"
    ]
    assert _where("The film premiered at the Lunvik Film Festival.") == [
        "at the Lunvik Film Festival"
    ]


def test_initials_of_a_field_or_a_league_are_no_place_but_a_state_or_a_city_written_so_is() -> None:
    """ "in AI", "in NBA history", "to WWE" name a field, a league or a promotion, not where;
    "in KC", "in NYC" or "in NSW" are places written by their initials."""
    assert _where("Osk has spent a decade working in AI research.") == []
    assert _where("He now ranks 11th in NBA history for points.") == []
    assert _where("The wrestler returned to WWE last month.") == []
    assert _where("The parade was held in KC on Wednesday.") == ["in KC"]
    assert _where("She moved back to NSW after the season.") == ["to NSW"]


def test_whom_a_side_takes_on_is_no_place() -> None:
    """ "take on Karsenia in Austin": whom they play, then where; "relies on Taiwan": whom it
    needs. A place after "on" itself still counts ("runs on Long Island")."""
    assert _where("Velm will take on Karsenia in Austin, Texas on October 14.") == [
        "in Austin, Texas"
    ]
    assert _where("The firm relies on Taiwan for chips, it said in Paris.") == ["in Paris"]
    assert _where("The ferry runs on Long Island.") == ["on Long Island"]


def test_a_venue_named_before_its_kind_is_a_place() -> None:
    # a game guide's "(Sunken Ruins dungeon in Scosglen)": the dungeon, in its region, as one
    assert _where("Aspect of Force (Velm Hollow dungeon in Orrin Vale) — quakes outwards.") == [
        "Velm Hollow dungeon in Orrin Vale"
    ]
    assert _where("The final is at the Harbour stadium in Lunvik.") == [
        "at the Harbour stadium in Lunvik"
    ]


def test_a_hometown_is_the_place_named_after_it() -> None:
    assert _where("The show will be held in his hometown, Velmton, Ohio.") == [
        "in his hometown, Velmton, Ohio"
    ]
    assert _where("She played in her home town of Arlow last week.") == [
        "in her home town of Arlow"
    ]
    # no place named after it: nothing to state
    assert _where("He went back to his hometown for the summer.") == []


def test_a_town_named_after_its_state_and_kind_is_kept_whole() -> None:
    """ "in the southern Utah city of Ivins": the lead names the town, not only its kind."""
    assert _where("The boy escaped from a house in the southern Utah city of Ivins.") == [
        "in the southern Utah city of Ivins"
    ]
    assert _where("They play in the Welsh capital of Cardiff on Friday.") == [
        "in the Welsh capital of Cardiff"
    ]


def test_a_continent_alone_says_less_than_the_town() -> None:
    """ "here in North America" of a game played in East Hartford: the town leads, though the
    continent's sentence shares more of the question's words."""
    text = (
        "It was the toughest friendly the Orna side will play here in North America before the "
        "Tarn Cup. Orna fell 3-1 in East Velmont on Saturday."
    )
    assert _lead("where was the orna friendly", text) == "In East Velmont [1]."
