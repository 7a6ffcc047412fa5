"""Failures never kill the bot: a global app-command error handler, and an answer for stale buttons.

The member gets a short private note; the log gets the error with its context (command, member, guild,
channel, options).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.discord_bot import limits, render

log = logging.getLogger(__name__)

SOMETHING_WRONG = "Sorry, something went wrong on my side while answering that. It has been logged; please try again."
STALE_BUTTON = "This button has expired. Run the command again for a fresh one."
NOT_MODERATOR = "Only moderators can use this command."


class NotModerator(app_commands.CheckFailure):
    """Raised by bot.discord_bot.checks.moderator_only() for members who are not moderators."""


class FaqCommandTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, NotModerator):
            await tell(interaction, NOT_MODERATOR)
        elif isinstance(error, app_commands.CommandOnCooldown):
            await tell(interaction, f"Slow down a little: try again in {max(1, round(error.retry_after))} s.")
        elif isinstance(error, app_commands.CheckFailure):
            await tell(interaction, "You can't use this command here.")
        elif isinstance(error, app_commands.TransformerError):
            await tell(interaction, f"I couldn't understand “{limits.user_text(str(error.value), 200)}”.")
        else:
            original = getattr(error, "original", error)
            log.error("app command failed: %s", describe(interaction), exc_info=original)
            await tell(interaction, SOMETHING_WRONG)


def describe(interaction: discord.Interaction) -> str:
    """The context of an interaction for a log line."""
    command = interaction.command.qualified_name if interaction.command else "-"
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    options = data.get("options") or data.get("custom_id") or ""
    return (f"command={command!r} type={interaction.type.name} user={interaction.user.id} "
            f"guild={interaction.guild_id} channel={interaction.channel_id} options={options!r}"[:1500])


async def tell(interaction: discord.Interaction, text: str) -> None:
    """A private note to the member, whether or not the interaction was answered already."""
    if interaction.type is discord.InteractionType.autocomplete:
        return  # autocomplete cannot show a message; an empty list is the graceful answer
    try:
        if interaction.response.is_done():
            await interaction.followup.send(embed=render.notice(text), ephemeral=True, allowed_mentions=limits.NO_PINGS)
        else:
            await interaction.response.send_message(embed=render.notice(text), ephemeral=True,
                                                    allowed_mentions=limits.NO_PINGS)
    except discord.HTTPException:
        log.warning("could not tell the member about a failure: %s", describe(interaction))


def is_handled(interaction: discord.Interaction) -> bool:
    """Does a live view or a registered dynamic item own this component interaction?

    Reads discord.py's view store (internal); if its shape ever changes we assume the button is handled,
    i.e. we fall back to discord.py's default of staying silent.
    """
    try:
        data: dict[str, Any] = interaction.data  # type: ignore[assignment]
        custom_id, kind = data["custom_id"], data["component_type"]
        store = interaction.client._connection._view_store  # type: ignore[attr-defined]
        if any(pattern.fullmatch(custom_id) for pattern in store._dynamic_items):
            return True
        message_id = interaction.message.id if interaction.message else None
        return any((kind, custom_id) in store._views.get(key, {}) for key in (message_id, None))
    except (AttributeError, KeyError, TypeError):
        return True


async def answer_stale_component(interaction: discord.Interaction) -> None:
    """Listener: a button nothing handles any more (an old view, a removed feature) gets a polite note."""
    if interaction.type is discord.InteractionType.component and not is_handled(interaction):
        log.info("stale component %s", describe(interaction))
        await tell(interaction, STALE_BUTTON)


def guarded(callback: Callable[[Any, discord.Interaction], Awaitable[None]]):
    """For button callbacks: log a failure with its context and tell the member, instead of "This
    interaction failed"."""
    @functools.wraps(callback)
    async def wrapper(self: Any, interaction: discord.Interaction) -> None:
        try:
            await callback(self, interaction)
        except Exception as error:
            log.error("button failed: %s", describe(interaction), exc_info=error)
            await tell(interaction, SOMETHING_WRONG)
    return wrapper
