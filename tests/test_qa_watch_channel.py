""" "what channel is it on" and "which streaming service has it" ask where to watch: the
channel or service after "on" answers, not a place ("bot.qa.question_kind"). A channel's host or
a streamer is still a person. Hand-written sentences."""

from __future__ import annotations

from bot.qa.not_place import CHANNEL_Q
from bot.qa.question_kind import question_shape
from bot.qa.shape import WHERE, WHO
from tests.test_qa_extractive import _lead


def test_a_channel_or_service_asked_is_where_to_watch() -> None:
    assert question_shape("what channel is osk vs brakstad on") == WHERE
    assert question_shape("the derby last night, what channel had it in the us") == WHERE
    assert question_shape("which streaming service has the new season") == WHERE
    assert question_shape("which network host did the jokes in the preshow") == WHO
    assert question_shape("which streamer got a burger statue in his backyard") == WHO
    # where to watch, not where to see something or where a station is
    assert CHANNEL_Q.search("where can i stream the cup final in the us")
    assert not CHANNEL_Q.search("where can you see the northern lights")
    assert not CHANNEL_Q.search("where is the aurora sky station")


def test_the_channel_after_on_leads() -> None:
    s = (
        "Broadcast rights for the qualifiers in the United States went to Vela Media. That means "
        "viewers in the USA can watch this match on Canal Norte, with streaming on Skyline as well."
    )
    # either way to watch it answers; no place ("In the USA") and no rights holder
    lead = _lead("the osk qualifier the other night, what channel had it in the us", s)
    assert lead in ("On Canal Norte [1].", "On Skyline [1].")


def test_a_place_is_not_where_to_watch() -> None:
    s = (
        "Brakstad beat Osk in Malvik to reach the final, which will be shown on Vestkanal across the "
        "country."
    )
    assert _lead("what channel is the final on", s) == "On Vestkanal [1]."


def test_where_someone_watched_is_still_a_place() -> None:
    s = "The squad watched the game together in Malvik, at a hotel on the edge of town."
    assert _lead("where were the players watching the game", s) == "In Malvik [1]."
