"""Who is a moderator: members with Manage Messages in the channel, plus roles in BOT_MODERATOR_ROLE_IDS.

For moderator commands (the `/faqmod add|edit|...` subcommands): decorate them with `@moderator_only()`.
`/faqmod` is hidden from members by its default permission (Manage Messages), but server admins can
override command permissions, so this runtime check is what guards the commands.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import discord
from discord import app_commands

from bot.discord_bot.errors import NotModerator


def is_moderator(interaction: discord.Interaction, moderator_role_ids: Collection[int] = ()) -> bool:
    if interaction.guild_id is None:
        return False  # no moderating from DMs
    if interaction.permissions.manage_messages:
        return True
    roles = getattr(interaction.user, "roles", ())
    return any(role.id in moderator_role_ids for role in roles)


def is_moderator_member(author: discord.abc.User, channel: Any, moderator_role_ids: Collection[int] = ()) -> bool:
    """is_moderator() for the author of a message (a mention, a QA-channel question)."""
    if not isinstance(author, discord.Member):
        return False  # a direct message, or an author no longer in the server
    permissions_for = getattr(channel, "permissions_for", None)
    if permissions_for is not None and permissions_for(author).manage_messages:
        return True
    return any(role.id in moderator_role_ids for role in author.roles)


def moderator_only() -> Any:
    """An app-command check; a non-moderator gets a short private "moderators only" note."""
    async def predicate(interaction: discord.Interaction) -> bool:
        config = getattr(interaction.client, "config", None)
        if is_moderator(interaction, getattr(config, "moderator_role_ids", ())):
            return True
        raise NotModerator("moderators only")
    return app_commands.check(predicate)
