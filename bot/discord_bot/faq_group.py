"""The one `/faq` command group, shared by every cog that adds `/faq` subcommands.

The bot creates the group (`bot.faq_group`) before loading extensions. A cog adds subcommands to it by
subclassing FaqSubcommands and writing ordinary `@app_commands.command` methods: they are attached to
`/faq` when the cog loads and detached when it unloads, instead of becoming top-level commands.

    class FaqModeration(FaqSubcommands):
        @app_commands.command(name="add", description="Add an FAQ entry")
        @moderator_only()
        async def add(self, interaction: discord.Interaction, question: str, answer: str) -> None: ...

    async def setup(bot):
        await bot.add_cog(FaqModeration(bot))

Discord applies default permissions to a whole top-level command, not to one subcommand, so moderator
subcommands must carry `@moderator_only()` (bot.discord_bot.checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.core.browse import find_entries
from bot.core.knowledge import Knowledge
from bot.discord_bot import limits

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

GROUP_NAME = "faq"


def entry_choices(knowledge: Knowledge, typed: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for an `entry:` option: the entries matching what was typed, at most 25."""
    found = find_entries(knowledge, typed)[: limits.CHOICES]
    return [app_commands.Choice(name=limits.truncate(e.question, limits.CHOICE_NAME), value=e.id) for e in found]


def make_faq_group() -> app_commands.Group:
    return app_commands.Group(name=GROUP_NAME, description="Browse the club FAQ (questions and answers)")


class FaqSubcommands(commands.Cog):
    """Base for cogs whose app commands are `/faq` subcommands rather than top-level commands."""

    def __init__(self, bot: FaqBot):
        self.bot = bot
        self._faq_children: list[app_commands.Command] = []

    async def cog_load(self) -> None:
        # Runs before discord.py adds the cog's app commands to the tree: take them for /faq instead.
        children = [c for c in self.__cog_app_commands__ if isinstance(c, app_commands.Command)]
        for command in children:
            self.bot.faq_group.add_command(command)
        self._faq_children = children
        self.__cog_app_commands__ = [c for c in self.__cog_app_commands__ if c not in children]

    async def cog_unload(self) -> None:
        for command in self._faq_children:
            self.bot.faq_group.remove_command(command.name)
        self._faq_children = []
