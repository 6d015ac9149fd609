"""What is no name in a who-answer: a word that opens a sentence, a live blog's time zone, and
the credit of a photo; and what is no place in a where-answer: a quarter of the year."""

from __future__ import annotations

from bot.qa.shape import WHO, answer_spans
from bot.qa.span_filter import photo_credit
from tests.test_qa_extractive import _lead


def _names(sentence: str) -> list[str]:
    return [sp.text for sp in answer_spans(sentence, WHO)]


def test_a_word_that_opens_a_sentence_is_not_part_of_the_name_after_it() -> None:
    final = (
        "Like Marlow, Pell Tarrow has a winner in a final; this time the winger finished off "
        "Orna with a late goal."
    )
    assert "Like Marlow" not in _names(final)
    assert _lead("who scored against orna", final) == "Pell Tarrow [1]."
    # a name that merely starts with such a word elsewhere is untouched
    assert "Pell Tarrow" in _names("Unlike last year, the cup went to Pell Tarrow.")


def test_the_time_zone_of_a_live_blogs_stamp_is_not_part_of_a_name() -> None:
    stamp = "2h ago 21.14 GMT Pell Tarrow’s reaction We did not adapt quickly enough."
    assert "GMT Pell Tarrow" not in _names(stamp)
    assert "Pell Tarrow" in _names(stamp)


def test_a_photo_credit_names_no_one_in_the_news() -> None:
    slopes = (
        "The Orna resort opened its slopes on Friday to long queues (Getty Images/Kestrel Photo)."
    )
    assert _lead("who opened the slopes at the orna resort", slopes) is None
    credit = slopes.index("Kestrel Photo")
    names = answer_spans(slopes, WHO)
    assert any(photo_credit(slopes, sp) for sp in names if sp.start == credit)
    # a name in brackets that are no credit is still a name
    said = "The resort's chief (Mara Voss, since 2021) said the slopes were full."
    assert not any(photo_credit(said, sp) for sp in answer_spans(said, WHO))


def test_a_city_or_region_is_no_person_asked_for() -> None:
    grab = (
        "It was not until the fourth quarter that Las Vegas finally picked up the first "
        "touchdown, with Pell Tarrow making a leaping grab in the end zone to put the Raiders "
        "ahead."
    )
    assert _lead("who caught the only td in the raiders game", grab) == "Pell Tarrow [1]."
    held = (
        "The Orna side held New York to a field goal the rest of the game and picked off Kade "
        "Holm late to stymy New York in a 16-12 win."
    )
    assert _lead("who caught the only td in that orna game", f"{held} {grab}") == (
        "Pell Tarrow [1]."
    )
    # a team, asked for as one, is still answered by the city it is named for
    assert _lead("which team did orna beat 16-12", held) == "New York [1]."


def test_a_title_and_whose_it_is_is_not_the_person_who_holds_it() -> None:
    hire = (
        "Dr. Pell Tarrow, CEO of Orna Clinic Kestrel, announced the hire on LinkedIn, noting "
        "the clinic has only begun to use AI."
    )
    q = "who announced mara voss's appointment as orna clinic's chief ai officer on linkedin"
    assert _lead(q, hire) == "Pell Tarrow [1]."


def test_a_name_and_the_role_after_it_answer_with_the_name() -> None:
    met = (
        "Velde flew to Harrow Lake for a retreat and ran into Ostra Kell, Quillon’s CEO. "
        "The two talked for an hour."
    )
    assert [sp.text for sp in answer_spans(met, WHO)] == ["Harrow Lake", "Ostra Kell"]
    assert _lead("who did velde bump into at harrow lake", met) == "Ostra Kell [1]."
    interim = "Staff said that Mira Tennet, Quillon's CTO and now interim chief, was told first."
    assert _lead("who's running quillon now", interim) == "Mira Tennet [1]."
    # a role alone, with no name beside it, is still an answer
    alone = answer_spans("Quillon’s CEO said the deal was off.", WHO)
    assert [sp.text for sp in alone] == ["Quillon’s CEO"]


def test_a_name_the_question_gives_by_its_initials_is_not_the_answer() -> None:
    out = (
        "The Hawks ruled out quarterback Dorran Tell-Ravik with a concussion, so veteran "
        "Joss Feldt will start against Orna."
    )
    assert _lead("with DTR out whos starting at qb for the hawks", out) == "Joss Feldt [1]."
    assert _lead("with dtr out whos starting at qb for the hawks", out) == "Joss Feldt [1]."
    # without the initials in the question, the first name is still an answer
    assert _lead("who got ruled out for the hawks", out) == "Dorran Tell-Ravik [1]."


def test_a_verb_opening_the_sentence_is_not_part_of_the_name_after_it() -> None:
    pair = "Pairing Mara Voss with Pell Tarrow was the board's best idea."
    assert _names(pair) == ["Mara Voss", "Pell Tarrow"]
    assert _lead("who did the board pair with pell tarrow", pair) == "Mara Voss [1]."
    # names that end in -ing keep their first word
    assert _names("Sterling K. Brown flew to Orna.")[0] == "Sterling K. Brown"
    assert _names("Channing Tatum Jr. flew to Orna.")[0] == "Channing Tatum Jr."


def test_a_pages_furniture_is_no_person_asked_for() -> None:
    """ "Rankings Week", "CNL Quarter-Finals", "Last Light Inn": a heading's or a place's words,
    not who did it; the sentence that names the scorer leads."""
    from bot.qa.person import personlike

    assert not personlike("Rankings Week") and not personlike("CNL Quarter-Finals")
    assert not personlike("Last Light Inn") and personlike("Stephen Eustaquio")
    # a club, not a player
    assert not personlike("Manchester United") and not personlike("Crystal Palace FC")
    assert personlike("Joe Hart")
    text = (
        "FULL TIME: Orna defeats Velm in the first leg of the #ONL Quarter-Finals! "
        "Ilka Sorvaag's 85th-minute strike gave Orna a first win in Velm for 35 years."
    )
    assert _lead("who got orna's late winner in velm last night", text) == "Ilka Sorvaag [1]."


def test_a_quarter_of_the_year_is_no_place() -> None:
    """ "in Q1 of 2023" says when; the town after it is the place."""
    from bot.qa.shape import WHERE

    sentence = "Hiring peaked in Q1 of 2023, and the conference moved to Orvale in H2."
    assert [sp.text for sp in answer_spans(sentence, WHERE)] == ["to Orvale"]


def test_a_venue_word_the_question_holds_in_another_sense_does_not_make_a_place_its_own() -> None:
    """ "walk-off fg (field goal)": the question's "field" is no venue, so "Kyle Field" is still
    a place it does not name; "Velm" in "where in velm" stays the member's own."""
    from bot.qa.shape import Span
    from bot.qa.span_filter import novel

    q_toks = {"aggi", "stun", "bama", "walk", "off", "fg", "field", "goal"}
    assert novel(Span(0, 13, "at Kyle Field"), q_toks, place=True)
    assert not novel(Span(0, 7, "in Velm"), {"where", "velm"}, place=True)
