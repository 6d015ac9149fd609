"""Asked who said something ("who at orsk said ..."), the name right before the verb of saying
(or right after it) is the speaker and counts more; a name that only styles the speaker ("Tidewater
producer Ilse Marrow said") does not. "who said no" asks who voted against, not who spoke.
Hand-written sentences."""

from __future__ import annotations

from bot.qa.around import speaker
from bot.qa.question_kind import SPEAKER_Q
from tests.test_qa_extractive import span_in
from tests.test_qa_owner import _rating

PRODUCER = (
    "Orsk later answered the talk: Tidewater producer Ilse Marrow said that nothing so bold was "
    "planned."
)


def test_the_speaker_is_the_name_beside_the_verb_of_saying() -> None:
    assert speaker(PRODUCER, span_in(PRODUCER, "Ilse Marrow"))
    assert not speaker(PRODUCER, span_in(PRODUCER, "Tidewater"))
    titled = "Jo Marr, the firm's chief, told the board it was unfair."
    assert speaker(titled, span_in(titled, "Jo Marr"))
    after = "The plan is dead, said Ann Lee on Monday."
    assert speaker(after, span_in(after, "Ann Lee"))


def test_asked_who_said_it_the_speaker_counts_more() -> None:
    said = _rating("who at orsk said nothing so bold was planned", PRODUCER, "Ilse Marrow")
    other = _rating("who at orsk planned nothing so bold", PRODUCER, "Ilse Marrow")
    assert said is not None and other is not None and said > other
    styled = _rating("who at orsk said nothing so bold was planned", PRODUCER, "Tidewater")
    assert styled is None or styled < said / 2


def test_who_said_no_asks_for_a_vote_not_a_speaker() -> None:
    assert SPEAKER_Q.search("who at orsk said it would upset the balance")
    assert not SPEAKER_Q.search("the vote wasnt unanimous, who said no")
