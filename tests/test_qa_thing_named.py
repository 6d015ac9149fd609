"""Asked what a thing is called ("whats her new memoir called", "the name of the podcast they
do"), the name a sentence sets right after the question's noun for the thing ("her new memoir,
Undertow") or right before it ("his Night Shift podcast") is the answer, not the first name
the sentence opens with. Hand-written sentences."""

from __future__ import annotations

from bot.qa.called import named_thing, thing_asked
from tests.test_qa_extractive import _lead, span_in

SPLIT = (
    "Longtime Veldan couple Ora Linde and Tomas Brack confirmed their split this week when the "
    "Morning Table host spoke about it on air for the first time. "
    "Linde said the last year had been hard, while promoting her new memoir, Undertow."
)
PODCAST = (
    "Brack spoke about the split on an episode of his Night Shift podcast with brother Ivo "
    "Brack, which aired on Tuesday. The brothers have hosted the show since 2021."
)


def test_the_noun_for_the_thing_named() -> None:
    assert thing_asked("whats ora linde's new memoir called") == {"memoir"}
    assert thing_asked("whats the name of the podcast the brack brothers do") == {"podcast"}
    assert thing_asked("whats the name of the betrivers loyalty/points program") == {"program"}
    assert thing_asked("what's the firm calling the new dark theme for oled phones") == {"theme"}
    assert "film" in thing_asked("whats his next anime movie called")  # and its synonyms
    assert thing_asked("whats it called when the margin lands on the spread") == frozenset()


def test_a_name_beside_the_noun() -> None:
    s = "Sanctuary’s newest and first bipedal robot, Phoenix, can stock shelves."
    robot = frozenset({"robot"})
    assert named_thing(s, span_in(s, "Phoenix"), robot)
    assert not named_thing(s, span_in(s, "Phoenix"), frozenset({"memoir"}))
    t = "Agility’s Digit robot caught the eye of Amazon."
    assert named_thing(t, span_in(t, "Agility’s Digit"), robot)
    assert not named_thing(t, span_in(t, "Amazon"), robot)
    u = "He made a short film called Saw."
    assert named_thing(u, span_in(u, "Saw"), frozenset({"film"}))
    assert not named_thing(u, span_in(u, "Saw"), frozenset())  # no noun read: nothing named


def test_the_name_given_to_the_thing_leads() -> None:
    assert _lead("whats ora linde's new memoir called", SPLIT) == "Undertow [1]."


def test_the_name_before_the_noun_still_leads() -> None:  # a guard: the older ranking had it too
    assert _lead("whats the name of the podcast the brack brothers do", PODCAST) == (
        "Night Shift [1]."
    )
