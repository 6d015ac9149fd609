"""Asked who scored ("who got dorvan's goal", "who scored for dorvan"), the goal is what the verb
made, and a name set before a word for a goal ("an early Piet Kalmar header") made it, as a name
owning it does ("Kalmar's header"); so does a name before any thing the verb made ("a Tomas Vrell
film"). Hand-written sentences."""

from __future__ import annotations

from bot.qa.relations import made_by, made_words
from tests.test_qa_extractive import _lead, span_in


def test_got_the_goal_and_scored_for_a_side_ask_who_scored() -> None:
    assert "goal" in made_words("who got dorvan's goal vs the larks", "get")
    assert "goal" in made_words("who scored for dorvan vs the larks", "score")
    # "for dorvan" is the side, not the thing made
    assert "dorvan" not in made_words("who scored for dorvan vs the larks", "score")
    assert made_words("who won the race", "win") == frozenset()  # a race is no thing made
    assert made_words("who got the win", "get") == frozenset()


def test_a_name_before_the_thing_made() -> None:
    goal = made_words("who scored dorvan's goal", "score")
    s = "Dorvan led at the break thanks to an early Piet Kalmar header."
    assert made_by(s, span_in(s, "Piet Kalmar"), goal)
    t = "A Piet Kalmar strike from the edge of the box won it."
    assert made_by(t, span_in(t, "Piet Kalmar"), goal)  # "A" opens the sentence
    u = "Piet Kalmar header practice starts at nine, Osk Brann said."
    assert not made_by(u, span_in(u, "Piet Kalmar"), goal)  # no "a" or "the": no goal scored
    x = "The Hawks score three goals in the third period."
    assert not made_by(x, span_in(x, "Hawks"), goal)  # "score" is the verb here
    v = "Osk Brann passed to Piet Kalmar, who missed."
    assert not made_by(v, span_in(v, "Osk Brann"), goal)
    film = made_words("who directed the film", "direct")
    w = "It is a Tomas Vrell film through and through."
    assert made_by(w, span_in(w, "Tomas Vrell"), film)


def test_the_scorer_leads_over_a_name_beside_it() -> None:
    text = (
        "Dorvan went ahead after Osk Brann lost the ball near the box, with an early Piet Kalmar "
        "header. The Larks had chances through Ivo Sember but could not find a way back."
    )
    assert _lead("who scored dorvan's goal vs the larks", text) == "Piet Kalmar [1]."
    assert _lead("who scored for dorvan vs the larks", text) == "Piet Kalmar [1]."
