"""`/about`: what the bot knows (article, author, date), how to ask, and the knowledge version."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import limits, render


class About(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="about", description="What this bot knows and how to ask it")
    async def about(self, interaction: discord.Interaction) -> None:
        embed = render.about_embed(self.bot.live.knowledge, bot_version=self.bot.version)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=limits.NO_PINGS)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(About(bot))
