"""When-answers read whole and weighed by what the sentence says of them: a span of days
("April 11-14"), a weekday before a day written the British way ("Sunday 31 March 2024"), no
answer in "last year's" (it only says which edition), and "not ... until" naming when a thing
happens. Football positions before a name are titles ("RB Jonathan Taylor"); a funding round is
no one. Hand-written sentences; the leads go through the extractive answerer."""

from __future__ import annotations

import pytest

from bot.qa.shape import WHEN, WHO
from bot.qa.span_filter import initials
from tests.test_qa_extractive import _lead
from tests.test_qa_spans import _texts


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("The Orrin Open is played April 11-14.", ["April 11-14"]),
        ("It runs April 11-14, 2025 at Velm Park.", ["April 11-14, 2025"]),
        ("Clocks go back at 2am on Sunday 29 October.", ["at 2am", "on Sunday 29 October"]),
        ("The vote is on Sunday, March 31, 2024, in Velm.", ["on Sunday, March 31, 2024"]),
        ("She lost at last year's Velm Masters.", []),
        ("This week’s summit opened in Orrin.", []),
        ("She won it last year.", ["last year"]),
        # a weekday counted within its month
        (
            "Velm keeps the feast on the first Thursday of November.",
            ["on the first Thursday of November"],
        ),
        ("Polls close the last Sunday of March.", ["last Sunday of March"]),
        ("They met on Monday in October 2023.", ["on Monday", "in October 2023"]),
        # a named day is no weekday
        ("Deals run through Cyber Monday.", []),
        ("Black Friday lands on November 24.", ["on November 24"]),
    ],
)
def test_when_spans_are_read_whole(sentence: str, want: list[str]) -> None:
    assert _texts(sentence, WHEN) == want


def test_not_until_a_date_is_when_it_happens() -> None:
    text = (
        "The Velm ferry made its last crossing at 2am on Sunday 29 October. "
        "The ferry will not sail again until Sunday 31 March 2024."
    )
    assert _lead("after the october stop when does the velm ferry sail again", text) == (
        "Until Sunday 31 March 2024 [1]."
    )


def test_a_position_before_a_name_is_a_title() -> None:
    # "jt" is the member's own name for the running back the sheet lists as "RB Jonathan Taylor"
    assert "jt" in initials("RB Jonathan Taylor")
    assert _texts("Out: RB Jonathan Taylor (thumb), CB Ike Varn (knee).", WHO) == [
        "Jonathan Taylor",
        "Ike Varn",
    ]
    text = (
        "Orrin's injury report lists WR Tom Pell as out. "
        "With the starter hurt, RB Dale Moss will carry the load on Sunday, coach Ana Ruiz said."
    )
    assert _lead("who's the orrin rb carrying the load sunday", text) == "Dale Moss [1]."


def test_a_funding_round_is_no_one() -> None:
    assert _texts("Velmtech raised a Series B led by Orrin Capital.", WHO) == ["Orrin Capital"]


def test_when_was_the_last_time_is_the_time_since() -> None:
    text = (
        "The Velm Owls beat the Tamsk Rovers 42-18 on Saturday at Orrin Stadium, their first "
        "win over the Rovers since 2015. The Owls have now won five in a row."
    )
    assert _lead("when was the last time velm beat tamsk before that blowout", text) == (
        "Since 2015 [1]."
    )
    assert _lead("when did velm beat tamsk", text) == "On Saturday [1]."


def test_since_answers_the_last_time_only_after_a_first() -> None:
    from bot.qa.when_words import SINCE_LAST, since_last

    s = "It was the Owls' first playoff win since Oct. 5, 2004, and the crowd stayed late."
    assert since_last(s, s.index("since"), "since Oct. 5, 2004") == SINCE_LAST
    c = "Dale Varn has coached the Owls since 2019."
    assert since_last(c, c.index("since"), "since 2019") == 1.0  # how long, not the last time
    assert since_last(s, s.index("Oct."), "Oct. 5, 2004") == 1.0


def test_asked_what_date_a_weekday_alone_is_no_date() -> None:
    text = (
        "Harrow and Velm meet on Saturday at Ferry Park in the season's first derby. "
        "The game, moved from its usual slot, kicks off at noon on Nov. 25 after the cup draw."
    )
    assert _lead("what date is the game, harrow vs velm?", text) == "On Nov. 25 [1]."
    # asked when, the weekday the first sentence gives still answers
    assert _lead("when do harrow play velm", text) == "On Saturday [1]."


def test_asked_what_date_a_time_of_day_alone_is_no_date() -> None:
    text = (
        "Orna's winter sale opens at 5:00 a.m. EST with doorbusters on kettles. "
        "This year Orna's winter sale runs all day on Nov. 27."
    )
    assert _lead("orna winter sale is what date", text) == "On Nov. 27 [1]."
