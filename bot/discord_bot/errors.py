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

from bot.core.editing.history import HistoryUnavailable
from bot.discord_bot import limits, render

log = logging.getLogger(__name__)

SOMETHING_WRONG = "Sorry, something went wrong on my side while answering that. It has been logged; please try again."
STALE_BUTTON = "This button has expired. Run the command again for a fresh one."
NOT_MODERATOR = ("Only moderators can use this command: members with the Manage Messages permission or a "
                 "moderator role. If an answer needs fixing, tell a moderator (or press Not helpful under it).")
NO_DMS = "This command works in a server channel, not in direct messages. Run it there."
NETWORK_FAULT = ("Discord's connection dropped while I was answering that. If nothing appeared (a form, an "
                 "answer), please try again.")


class NotModerator(app_commands.CheckFailure):
    """Raised by bot.discord_bot.checks.moderator_only() for members who are not moderators."""


class FaqCommandTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, NotModerator):
            await tell(interaction, NOT_MODERATOR)
        elif isinstance(error, app_commands.CommandOnCooldown):
            await tell(interaction, f"Slow down a little: try again in {max(1, round(error.retry_after))} s.")
        elif isinstance(error, app_commands.NoPrivateMessage):
            await tell(interaction, NO_DMS)
        elif isinstance(error, app_commands.CheckFailure):
            await tell(interaction, "You can't use this command here. Try it in a channel of the server, or ask a "
                                    "moderator.")
        elif isinstance(error, app_commands.TransformerError):
            await tell(interaction, f"I couldn't understand “{limits.user_text(str(error.value), 200)}”. Pick a "
                                    f"value from the suggestions as you type, or follow the option's hint.")
        elif isinstance(getattr(error, "original", None), HistoryUnavailable):
            reason = error.original.reason  # type: ignore[attr-defined]
            log.warning("history unavailable for %s: %s", describe(interaction), reason)
            await tell(interaction, f"The FAQ's edit history and stats are unavailable right now: {reason}. "
                                    "Edits are still saved to the knowledge file, but are not recorded and "
                                    "cannot be undone from Discord until this is fixed.")
        else:
            original = getattr(error, "original", error)
            from bot.discord_bot import delivery

            if delivery.is_transient(original):  # Discord's side failed, not ours: no traceback, honest words
                log.warning("app command hit a network fault (%s): %s", delivery.describe(original),
                            describe(interaction))
                await tell(interaction, NETWORK_FAULT)
                return
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
    """A private note to the member, whether or not the interaction was answered already. Never raises:
    transient faults are retried (bot.discord_bot.delivery); what still fails is logged."""
    if interaction.type is discord.InteractionType.autocomplete:
        return  # autocomplete cannot show a message; an empty list is the graceful answer
    from bot.discord_bot import delivery

    embed = render.notice(text)

    async def followup() -> None:
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=limits.NO_PINGS)

    async def first() -> None:
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=limits.NO_PINGS)

    try:
        if interaction.response.is_done():
            await delivery.retrying("a note to the member", followup, budget=delivery.FOLLOWUP_BUDGET)
        else:
            await delivery.respond(interaction, ephemeral=True, first=first, edit=followup)
    except Exception as exc:  # noqa: BLE001 - telling about a failure must never be a failure of its own
        log.warning("could not tell the member %r (%s): %s", text[:200], exc, describe(interaction))


def is_handled(interaction: discord.Interaction) -> bool:
    """Does a registered dynamic item (every button of this bot is one) own this component interaction?

    The patterns are those of the DynamicItem classes the bot registered (FaqBot.dynamic_item_classes,
    kept by its add_dynamic_items); a client that keeps no such list is assumed to handle everything, i.e.
    we fall back to discord.py's default of staying silent.
    """
    classes = getattr(interaction.client, "dynamic_item_classes", None)
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    custom_id = data.get("custom_id")
    if classes is None or not isinstance(custom_id, str):
        return True
    return any(cls.__discord_ui_compiled_template__.fullmatch(custom_id) for cls in classes)


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
            from bot.discord_bot import delivery

            if delivery.is_transient(error):  # Discord's side failed: no traceback, and say so
                log.warning("button hit a network fault (%s): %s", delivery.describe(error), describe(interaction))
                await tell(interaction, NETWORK_FAULT)
                return
            log.error("button failed: %s", describe(interaction), exc_info=error)
            await tell(interaction, SOMETHING_WRONG)
    return wrapper
