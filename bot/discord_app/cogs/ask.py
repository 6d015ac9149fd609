"""Members' questions: ``/ask``, mentions (answered in a thread) and follow-ups in that thread."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

import discord
from discord import app_commands
from discord.ext import commands

from bot.qa.question import clean_question
from bot.qa.types import QuestionError
from ingest.errors import UserFacingError

from ..errors import APOLOGY, NO_MENTIONS, PUBLIC_DEFER
from ..render import render_answer, thread_name
from ..since import parse_since

if TYPE_CHECKING:
    from bot.qa.llm import LLMOutcome
    from bot.qa.service import Draft

    from ..client import NewsBot

log = logging.getLogger(__name__)

_MENTION_OF = "<@{id}>|<@!{id}>"
# Our own words, shown above the quoted answer as small text.
LLM_PENDING = (
    "⏳ The quotes first: a written answer from the language model replaces this within {s:.0f} s "
    "if everything it says checks out against the articles."
)
LLM_KEPT = {
    "timeout": "Kept the quoted answer: the language model did not answer in time.",
    "unverified": "Kept the quoted answer: the language model's answer did not check out "
    "against the articles.",
    "error": "Kept the quoted answer: the language model could not be reached.",
}
NEED_MENTION_HINT = (
    "I can only read messages here that mention me or reply to me (the server hasn't given me "
    "the Message Content intent). Mention me with your follow-up question."
)


def strip_mention(content: str, user_id: int) -> str:
    return " ".join(re.sub(_MENTION_OF.format(id=user_id), " ", content).split())


class Ask(commands.Cog):
    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="What do you want to know?",
        since="Only articles from this date or period on, e.g. 2026-11-01 or 'last week'",
        outlet="Only articles from this outlet",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: str,
        since: str | None = None,
        outlet: str | None = None,
    ) -> None:
        """Ask about current events; the answer quotes the news articles it rests on."""
        # Only cheap, in-memory checks come before the deferral; a refusal here is private.
        clean_question(question, max_chars=self.bot.settings.max_question_chars)
        since_dt = parse_since(since) if since and since.strip() else None
        slot = self.bot.limiter.acquire(interaction.user.id, interaction.guild_id)
        with slot:
            await interaction.response.defer(thinking=True)
            interaction.extras[PUBLIC_DEFER] = True
            draft = await self.bot.draft(
                question, interaction.guild_id, outlet=outlet, since=since_dt
            )
            msgs = render_answer(draft.answer, status=self._pending(draft))
            # discord.py cannot set SUPPRESS_EMBEDS on this edit; render_answer wraps every URL
            # in <...>, which Discord never previews, and every later message carries the flag.
            first = await interaction.edit_original_response(
                content=msgs[0], allowed_mentions=NO_MENTIONS
            )
            interaction.extras.pop(PUBLIC_DEFER, None)

            async def more(text: str) -> discord.WebhookMessage:
                return await interaction.followup.send(
                    text, allowed_mentions=NO_MENTIONS, suppress_embeds=True, wait=True
                )

            posted: list[Editable] = [first]
            for text in msgs[1:]:
                posted.append(await more(text))
            if draft.wants_llm:
                outcome = await self.bot.refine(draft)
                await replace(posted, self._final(draft, outcome), more)

    # --- the model's answer, after the quoted one ------------------------------------------------
    # Design: the quoted answer is posted as soon as retrieval is done (a second or two), marked
    # as waiting for the model; when the model's reply comes and checks out, the same messages are
    # edited into it, else the mark says why the quoted answer stays. Not streamed: a claim can
    # only be checked once its quote is complete, a small local model's reply rarely survives the
    # check, and one edit stays far inside Discord's edit rate limits.
    def _pending(self, draft: Draft) -> str | None:
        if not draft.wants_llm:
            return None
        return LLM_PENDING.format(s=self.bot.settings.llm_deadline_s)

    @staticmethod
    def _final(draft: Draft, outcome: LLMOutcome) -> list[str]:
        if outcome.answer is not None:
            return render_answer(outcome.answer)
        return render_answer(draft.answer, status=LLM_KEPT.get(outcome.status, LLM_KEPT["error"]))

    # --- mentions and threads -------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return
        channel = message.channel
        mentioned = any(u.id == me.id for u in message.mentions)
        ref = message.reference.resolved if message.reference else None
        replied_to_me = isinstance(ref, discord.Message) and ref.author.id == me.id
        in_our_thread = isinstance(channel, discord.Thread) and (
            channel.owner_id == me.id or self.bot.threads.knows(channel.id)
        )
        if not (mentioned or replied_to_me or in_our_thread):
            return
        question = strip_mention(message.content, me.id)
        if not question:
            if not mentioned and not self.bot.settings.message_content_intent:
                # Discord blanks the text of messages that don't mention the bot.
                if self.bot.threads.hint_once(channel.id):
                    await self._send(channel, NEED_MENTION_HINT)
                return
            if mentioned:
                await self._reply(message, "Ask me a question after the mention.")
            return
        try:
            # Checked before a thread is started for it; the core checks again, harmlessly.
            clean_question(question, max_chars=self.bot.settings.max_question_chars)
        except QuestionError as exc:
            await self._reply(message, str(exc))
            return
        try:
            await self._answer_message(message, question)
        except Exception:
            log.exception(
                "answering a message failed (guild %s, channel %s)",
                message.guild and message.guild.id,
                channel.id,
            )
            await self._reply(message, APOLOGY)

    async def _answer_message(self, message: discord.Message, question: str) -> None:
        bot = self.bot
        try:
            slot = bot.limiter.acquire(
                message.author.id, message.guild.id if message.guild else None
            )
        except UserFacingError as exc:
            # A channel has no private replies: keep the refusal short-lived.
            await self._reply(message, str(exc), delete_after=15)
            return
        with slot:
            channel = message.channel
            target: discord.abc.Messageable | None = None
            if isinstance(channel, discord.Thread):
                target = channel
            elif message.guild is not None and isinstance(channel, discord.TextChannel):
                try:
                    thread = await message.create_thread(
                        name=thread_name(question), auto_archive_duration=1440
                    )
                except discord.HTTPException as exc:
                    log.info("cannot start a thread in channel %s (%s); replying", channel.id, exc)
                else:
                    bot.threads.start(thread.id)
                    target = thread
            history = bot.threads.history(target.id) if isinstance(target, discord.Thread) else []
            where = target or channel
            try:
                async with where.typing():
                    draft = await bot.draft(
                        question, message.guild.id if message.guild else None, history=history
                    )
            except UserFacingError as exc:
                slot.refund()
                await self._deliver(message, target, [str(exc)])
                return
            if isinstance(target, discord.Thread):
                # Before delivery: a quick follow-up must already see this turn.
                bot.threads.add(target.id, question, draft.answer.text)
            msgs = render_answer(draft.answer, status=self._pending(draft))
            posted = await self._deliver(message, target, msgs)
            if draft.wants_llm and len(posted) == len(msgs):
                async with where.typing():
                    outcome = await bot.refine(draft)

                async def more(text: str) -> discord.Message:
                    return await (target or channel).send(
                        text, allowed_mentions=NO_MENTIONS, suppress_embeds=True
                    )

                await replace(list(posted), self._final(draft, outcome), more)

    async def _deliver(
        self, message: discord.Message, target: discord.abc.Messageable | None, msgs: list[str]
    ) -> list[discord.Message]:
        """Into the thread started for the question; else as a reply to it (in a thread the
        bot was already in, or where no thread could be started). The messages posted."""
        posted: list[discord.Message] = []
        if target is not None and target is not message.channel:
            for text in msgs:
                posted.append(await self._send(target, text))
            return posted
        first = await self._reply(message, msgs[0])
        if first is not None:
            posted.append(first)
        for text in msgs[1:]:
            posted.append(await self._send(message.channel, text))
        return posted

    @staticmethod
    async def _send(channel: discord.abc.Messageable, text: str) -> discord.Message:
        # No link previews: an article's or a feed's link never unfurls into a card.
        return await channel.send(text, allowed_mentions=NO_MENTIONS, suppress_embeds=True)

    @staticmethod
    async def _reply(
        message: discord.Message, text: str, delete_after: float | None = None
    ) -> discord.Message | None:
        try:
            if delete_after:
                return await message.reply(
                    text,
                    allowed_mentions=NO_MENTIONS,
                    mention_author=False,
                    delete_after=delete_after,
                    suppress_embeds=True,
                )
            return await message.reply(
                text, allowed_mentions=NO_MENTIONS, mention_author=False, suppress_embeds=True
            )
        except discord.HTTPException:
            log.exception("could not reply to message %s", message.id)
            return None


class Editable(Protocol):
    """A message the bot posted and may edit or delete (channel, webhook or interaction)."""

    content: str

    async def edit(self, *, content: str, allowed_mentions: discord.AllowedMentions) -> Any: ...

    async def delete(self) -> None: ...


async def replace(
    posted: list[Any], texts: list[str], more: Callable[[str], Awaitable[Any]]
) -> None:
    """Edit the messages posted into ``texts``: changed ones edited, missing ones sent, extra
    ones deleted (at most a few requests, well inside Discord's edit rate limits)."""
    for msg, text in zip(posted, texts, strict=False):
        if msg.content != text:
            await msg.edit(content=text, allowed_mentions=NO_MENTIONS)
    for text in texts[len(posted) :]:
        posted.append(await more(text))
    for msg in posted[len(texts) :]:
        with contextlib.suppress(discord.HTTPException):
            await msg.delete()


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Ask(bot))
