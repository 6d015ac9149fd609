"""Answers reach Discord with link previews suppressed (issue 12, item 8), through the fake
Discord server: every message the bot posts for an answer carries SUPPRESS_EMBEDS, and the first
/ask message (an edit discord.py cannot flag) holds no URL Discord would preview."""

from __future__ import annotations

import re

from bot.qa.types import CAVEAT

from .discord.fake_discord import CHANNEL_A, Call, FakeDiscord
from .discord.harness import running_bot

SUPPRESS_EMBEDS = 1 << 2
QUESTION = "Who is mediating the Halverton transit strike?"
_PREVIEWED_URL = re.compile(r"(?<![<\w])https?://")  # Discord previews a URL not in <...>


def answer_posts(fake: FakeDiscord, channel: int) -> list[Call]:
    return [
        c
        for c in fake.bot_messages()
        if c.method == "POST" and c.path == f"/channels/{channel}/messages"
    ]


async def test_answers_in_a_thread_are_sent_with_embeds_suppressed(tmp_path, chroma_client):
    async with running_bot(tmp_path, chroma_client, message_content_intent=True) as env:
        fake = env.fake
        msg = await fake.message(QUESTION, mention_bot=True)
        thread_id = int(msg["id"])

        def done(_: list[Call]) -> list[Call] | None:
            posts = answer_posts(fake, thread_id)
            return posts if any((c.content or "").endswith(CAVEAT) for c in posts) else None

        posts = await fake.wait_for(done, 15)
        assert posts
        for c in posts:
            assert c.flags & SUPPRESS_EMBEDS, c.content
            assert not _PREVIEWED_URL.search(c.content or "")
        assert not answer_posts(fake, CHANNEL_A)
