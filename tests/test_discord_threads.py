"""Mentions start a thread; follow-ups there use the earlier turns; without the Message Content
intent the bot asks for a mention instead of going silent."""

from __future__ import annotations

from bot.qa.types import CAVEAT

from .discord.fake_discord import CHANNEL_A, MESSAGE_CONTENT_INTENT, Call, FakeDiscord
from .discord.harness import running_bot

FIRST = "Who is mediating the Halverton transit strike?"
FOLLOW_UP = "What did the union members vote on the deal?"


def posts_to(fake: FakeDiscord, channel: int) -> list[Call]:
    return [
        c
        for c in fake.bot_messages()
        if c.method == "POST" and c.path == f"/channels/{channel}/messages"
    ]


async def wait_caveat(fake: FakeDiscord, channel: int, count: int = 1) -> list[Call]:
    def done(_: list[Call]) -> list[Call] | None:
        posts = posts_to(fake, channel)
        closed = [c for c in posts if (c.content or "").endswith(CAVEAT)]
        return posts if len(closed) >= count else None

    return await fake.wait_for(done, 15)


async def test_mention_opens_a_thread_and_a_follow_up_uses_the_earlier_turn(
    tmp_path, chroma_client
):
    async with running_bot(tmp_path, chroma_client, message_content_intent=True) as env:
        fake = env.fake
        assert fake.intents & MESSAGE_CONTENT_INTENT
        # The first message into the thread is rate limited once (the bot's REST client path).
        fake.fail_once("POST", r"/channels/\d+/messages")
        msg = await fake.message(FIRST, mention_bot=True)
        thread_id = int(msg["id"])
        posts = await wait_caveat(fake, thread_id)
        started = fake.find("POST", rf"^/channels/{CHANNEL_A}/messages/{thread_id}/threads$")
        assert started and started[0].json["name"] == FIRST
        assert (
            next(
                c.status
                for c in fake.calls
                if c.method == "POST" and c.path == f"/channels/{thread_id}/messages"
            )
            == 429
        )
        assert "Hollis Brandt" in "\n".join(c.content for c in posts)
        assert not posts_to(fake, CHANNEL_A), "the answer belongs in the thread"
        assert env.qa.calls[0]["question"] == FIRST and env.qa.calls[0]["history"] == []

        # A follow-up in the thread, no mention: answered with the first turn as history.
        await fake.message(FOLLOW_UP, channel=thread_id)
        await wait_caveat(fake, thread_id, count=2)
        second = env.qa.calls[1]
        assert second["question"] == FOLLOW_UP
        assert len(second["history"]) == 1
        q, a = second["history"][0]
        assert q == FIRST and "Hollis Brandt" in a
        fake.assert_no_pings()

        # Chatter in the channel itself (no mention) is ignored.
        before = len(env.qa.calls)
        await fake.message("lunch anyone?", channel=CHANNEL_A)
        await fake.message("ok", channel=CHANNEL_A)
        await fake.message("", channel=CHANNEL_A, mention_bot=True)  # a bare mention: a nudge
        await fake.wait_for(
            lambda _: [c for c in posts_to(fake, CHANNEL_A) if "Ask me a question" in c.content]
        )
        assert len(env.qa.calls) == before


async def test_without_the_intent_follow_ups_need_a_mention(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        msg = await fake.message(FIRST, mention_bot=True)
        thread_id = int(msg["id"])
        await wait_caveat(fake, thread_id)
        # Discord blanks this one's text: the bot says how to reach it, once.
        await fake.message(FOLLOW_UP, channel=thread_id)
        hint = await fake.wait_for(
            lambda _: [
                c for c in posts_to(fake, thread_id) if "mention me" in (c.content or "").lower()
            ]
        )
        await fake.message("and another thing", channel=thread_id)
        # With a mention it works, and still with the earlier turn.
        await fake.message(FOLLOW_UP, channel=thread_id, mention_bot=True)
        await wait_caveat(fake, thread_id, count=2)
        assert len(hint) == 1
        assert len([c for c in posts_to(fake, thread_id) if "mention me" in c.content.lower()]) == 1
        assert len(env.qa.calls) == 2
        assert env.qa.calls[1]["question"] == FOLLOW_UP
        assert env.qa.calls[1]["history"][0][0] == FIRST
        # In a thread it already is in, the bot replies to the asker's message.
        replies = [c for c in posts_to(fake, thread_id) if c.json.get("message_reference")]
        assert replies
        fake.assert_no_pings()


async def test_a_question_error_in_a_mention_is_answered_not_dropped(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        msg = await fake.message("?? !!", mention_bot=True)
        posts = await fake.wait_for(lambda _: posts_to(fake, CHANNEL_A))
        # A reply to the message itself: no thread is started for a non-question.
        assert str(posts[0].json["message_reference"]["message_id"]) == msg["id"]
        assert "question" in posts[0].content.lower()
        assert not fake.find("POST", r"/threads$")
        fake.assert_no_pings()


async def test_without_thread_permission_the_bot_replies_in_the_channel(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client) as env:
        fake = env.fake
        fake.fail_once("POST", r"/channels/\d+/messages/\d+/threads", status=403)
        msg = await fake.message(FIRST, mention_bot=True)
        posts = await wait_caveat(fake, CHANNEL_A)
        assert str(posts[0].json["message_reference"]["message_id"]) == msg["id"]
        assert "Hollis Brandt" in "\n".join(c.content for c in posts)
        fake.assert_no_pings()
