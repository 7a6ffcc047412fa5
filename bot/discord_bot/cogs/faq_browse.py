"""`/faq list` (paginated) and `/faq show entry:<autocomplete>`, for everyone.

The `/faq` group is this GroupCog. The moderators' commands are a group of their own, `/faqmod`
(cogs/faq_moderation.py), so that Discord can hide them from members.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import limits, render
from bot.discord_bot.faq_group import BROWSE_GROUP, ENTRY_HELP, entry_choices, find_entry
from bot.discord_bot.views import page_view, reply_view

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot


class FaqBrowse(commands.GroupCog, group_name=BROWSE_GROUP,
                group_description="Browse the club FAQ: every question, or one with its answer"):
    def __init__(self, bot: FaqBot):
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list", description="Every question in the club FAQ (only you see the list)")
    async def list_entries(self, interaction: discord.Interaction) -> None:
        knowledge = self.bot.live.knowledge
        view = page_view(interaction.user.id, 0, render.faq_page_count(knowledge))
        await interaction.response.send_message(embed=render.faq_page_embed(knowledge, 0),
                                                view=view or discord.utils.MISSING, ephemeral=True,
                                                allowed_mentions=limits.NO_PINGS)

    @app_commands.command(name="show", description="Show one FAQ entry with its answer and source")
    @app_commands.describe(entry=ENTRY_HELP)
    async def show(self, interaction: discord.Interaction,
                   entry: app_commands.Range[str, 1, limits.CHOICE_VALUE]) -> None:
        knowledge = self.bot.live.knowledge
        found = find_entry(knowledge, entry)
        if found is None:
            text = (f"There is no FAQ entry “{limits.user_text(entry, 100)}”. Pick one from the suggestions "
                    f"as you type, see `/faq list`, or `/ask` your question.")
            await interaction.response.send_message(embed=render.notice(text), ephemeral=True,
                                                    allowed_mentions=limits.NO_PINGS)
            return
        answer = self.bot.live.answer_entry(found.id)
        await interaction.response.send_message(embed=render.entry_embed(knowledge, found, answer),
                                                view=reply_view(answer, interaction.user.id) or discord.utils.MISSING,
                                                allowed_mentions=limits.NO_PINGS)

    @show.autocomplete("entry")
    async def entry_autocomplete(self, interaction: discord.Interaction,
                                 current: str) -> list[app_commands.Choice[str]]:
        return entry_choices(self.bot.live.knowledge, current)


async def setup(bot: FaqBot) -> None:
    await bot.add_cog(FaqBrowse(bot))
