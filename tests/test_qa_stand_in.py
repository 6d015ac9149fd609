"""Asked who stands in for someone who is out ("with osk concussed who's under center"), the name
a sentence sets in the absent one's place ("backup Jo Marr took over", "thrust veteran Ansel
Kript in as the starter") is the answer, not a name an injury report gives with its injury ("WR
Tomas Veld (concussion)"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.stand_in import INJURED, STAND_IN, stand_in_asked, stand_in_weight
from tests.test_qa_extractive import _lead, span_in


def test_questions_that_ask_who_stands_in() -> None:
    assert stand_in_asked("with dtr concussed whos under center for the harriers tmrw")
    assert stand_in_asked("who came in at qb for brakstad when lind hurt his arm")
    assert stand_in_asked("jt had thumb surgery, so who's the harriers rb to start")
    assert stand_in_asked("and who came on for gio at halftime")
    # no one out, nor anyone's place: not asked
    assert not stand_in_asked("who started the fire at the osk depot")
    assert not stand_in_asked("who came out on top in the derby")
    assert not stand_in_asked("who runs the startup that pushed out its founder")


def test_the_name_set_in_someones_place() -> None:
    for s, name, w in [
        ("Backup Jo Marr took over under center in the third quarter.", "Jo Marr", STAND_IN),
        ("It will thrust veteran Ansel Kript in as the starter.", "Ansel Kript", STAND_IN),
        (
            "Lind was ruled out, with Tove Ahl named to the roster in his place.",
            "Tove Ahl",
            STAND_IN,
        ),
        ("Williams is done for the day with Per Moss coming into the game.", "Per Moss", STAND_IN),
        ("Harriers: WR Tomas Veld (concussion), CB Jan Ek (shoulder) OUT", "Tomas Veld", INJURED),
        ("Tomas Veld caught two passes for 40 yards.", "Tomas Veld", 1.0),
    ]:
        assert stand_in_weight(s, span_in(s, name)) == w, (s, name)


def test_the_stand_in_leads_not_an_injured_player() -> None:
    report = (
        "Harriers: QB Dag Orm (concussion), WR Tomas Veld (concussion), CB Jan Ek (shoulder) OUT"
    )
    story = (
        "The Harriers have ruled out Orm with a concussion, which will thrust veteran Ansel Kript "
        "in as the starter for the trip to Brakstad."
    )
    q = "with orm concussed whos under center for the harriers vs brakstad tmrw"
    assert _lead(q, report, story) == "Ansel Kript [1]."
