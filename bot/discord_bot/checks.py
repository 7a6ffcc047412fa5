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


def moderator_only() -> Any:
    """An app-command check; a non-moderator gets a short private "moderators only" note."""
    async def predicate(interaction: discord.Interaction) -> bool:
        config = getattr(interaction.client, "config", None)
        if is_moderator(interaction, getattr(config, "moderator_role_ids", ())):
            return True
        raise NotModerator("moderators only")
    return app_commands.check(predicate)
