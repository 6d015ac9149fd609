"""The one place where errors become replies.

Two kinds: a :class:`~ingest.errors.UserFacingError` (or a failed permission check) is shown as
it is, privately; anything else is logged with its traceback and answered with a short apology.
The bot never goes silent on a question.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from ingest.errors import UserFacingError

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
APOLOGY = "Sorry, something went wrong on my side while handling that. It has been logged."
# Set in ``interaction.extras`` by commands that defer publicly ("Bot is thinking..."), so that an
# error can remove that placeholder and still answer privately.
PUBLIC_DEFER = "newsbot_public_defer"


def user_message(error: BaseException) -> str | None:
    """The text to show for an error the user can act on, or None for a bug."""
    original = getattr(error, "original", None) or error
    if isinstance(original, UserFacingError):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't read the option value {error.value!r}."
    return None


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """Answer an interaction privately, whatever state its response is in."""
    text = text[:1900]
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        if interaction.extras.pop(PUBLIC_DEFER, False):
            # A public "thinking..." placeholder: its first follow-up would inherit its
            # visibility, so remove it and follow up privately instead.
            try:
                await interaction.delete_original_response()
            except discord.HTTPException:
                log.warning(
                    "could not remove the deferred response of interaction %s", interaction.id
                )
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        log.exception("could not report an error to interaction %s", interaction.id)


async def report_interaction_error(interaction: discord.Interaction, error: BaseException) -> None:
    text = user_message(error)
    if text is None:
        original = getattr(error, "original", None) or error
        name = interaction.command.qualified_name if interaction.command else "?"
        log.error(
            "command /%s failed (guild %s, user %s)",
            name,
            interaction.guild_id,
            interaction.user.id if interaction.user else "?",
            exc_info=(type(original), original, original.__traceback__),
        )
        text = APOLOGY
    await send_private(interaction, text)


class NewsCommandTree(app_commands.CommandTree):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_interaction_error(interaction, error)
