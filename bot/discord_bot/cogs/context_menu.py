"""The message context menu "Ask the FAQ": answers the selected message's text, privately."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import limits, render
from bot.discord_bot.answering import answer_interaction

NAME = "Ask the FAQ"
NO_TEXT = "That message has no text I can answer. Try `/ask` with your question."


class AskTheFaq(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot
        # Context menus can't be cog methods in discord.py; build it here and add it on load.
        self.menu = app_commands.ContextMenu(name=NAME, callback=self.ask_about_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def ask_about_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        text = message.content or " ".join(e.description or e.title or "" for e in message.embeds)
        if not text.strip():
            await interaction.response.send_message(embed=render.notice(NO_TEXT), ephemeral=True,
                                                    allowed_mentions=limits.NO_PINGS)
            return
        await answer_interaction(interaction, text[:4000], ephemeral=True, via="context-menu")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(AskTheFaq(bot))
