"""`/faq list` (paginated) and `/faq show entry:<autocomplete>`, for everyone.

These are subcommands of the shared `/faq` group (see bot.discord_bot.faq_group); moderator subcommands
attach to the same group from their own cog.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.browse import find_entries
from bot.discord_bot import limits, render
from bot.discord_bot.faq_group import FaqSubcommands, entry_choices
from bot.discord_bot.views import page_view, reply_view


class FaqBrowse(FaqSubcommands):
    @app_commands.command(name="list", description="Every question in the club FAQ (only you see the list)")
    async def list_entries(self, interaction: discord.Interaction) -> None:
        knowledge = self.bot.live.knowledge
        view = page_view(interaction.user.id, 0, render.faq_page_count(knowledge))
        await interaction.response.send_message(embed=render.faq_page_embed(knowledge, 0),
                                                view=view or discord.utils.MISSING, ephemeral=True,
                                                allowed_mentions=limits.NO_PINGS)

    @app_commands.command(name="show", description="Show one FAQ entry with its answer and source")
    @app_commands.describe(entry="Start typing a question; pick one from the list")
    async def show(self, interaction: discord.Interaction,
                   entry: app_commands.Range[str, 1, limits.CHOICE_VALUE]) -> None:
        knowledge = self.bot.live.knowledge
        found = knowledge.entry(entry.strip())
        if found is None:
            matches = find_entries(knowledge, entry)
            found = matches[0] if len(matches) == 1 else None
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


async def setup(bot) -> None:
    await bot.add_cog(FaqBrowse(bot))
