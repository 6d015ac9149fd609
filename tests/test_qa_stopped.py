"""Asked when something stopped ("when did he stop drinking", "when did she quit"), the start of a
span of time ("from 2004 until her death") is not the answer, as asked when a shop closes its
opening hour is not. Hand-written sentences."""

from __future__ import annotations

from tests.test_qa_extractive import _lead

MARRIED = (
    "Osk Brann was married to the painter Ilse Varga from 2004 until her death in a climbing "
    "accident in 2011. They had two sons together."
)
STOPPED = "He later said grief nearly broke him. He stopped drinking altogether in 2016."


def test_a_ranges_start_is_not_when_it_stopped() -> None:
    assert _lead("when did osk brann stop drinking", MARRIED, STOPPED) == "In 2016 [1]."
    quit = STOPPED.replace("stopped", "quit")
    assert _lead("When did Osk Brann quit drinking?", MARRIED, quit) == "In 2016 [1]."


def test_a_ranges_start_still_answers_when_it_began() -> None:
    assert _lead("when did osk brann marry ilse varga", MARRIED) == "From 2004 [1]."
