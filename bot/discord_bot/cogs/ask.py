"""`/ask question:<text> [private:<bool>]`: the answer with its source, or an honest "the article doesn't say"."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.answering import answer_interaction
from bot.discord_bot.limits import QUESTION_MAX


class Ask(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question about the article")
    @app_commands.describe(question="Your question, e.g. When was the Camp David summit?",
                           private="Show the answer only to you (default: everyone in the channel sees it)")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, QUESTION_MAX],
                  private: bool = False) -> None:
        await answer_interaction(interaction, question, ephemeral=private, via="ask")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Ask(bot))
