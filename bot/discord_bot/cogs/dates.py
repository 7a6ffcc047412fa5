"""`/dates [query]`: the article's key dates in time order with sources, plus a timeline picture.

`query` autocompletes matching events (at most 25); picking one shows that date. Typed text that is not a
pick is searched the same way. The text is always in the embed; the picture is an extra.
"""

from __future__ import annotations

import asyncio
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.answering.dates import find_date, format_date, search_dates
from bot.core.knowledge.faq import KeyDate, Knowledge
from bot.discord_bot import limits, render
from bot.discord_bot.answering import send
from bot.discord_bot.timeline import render_timeline

log = logging.getLogger(__name__)

PICTURE = "timeline.png"


def choice_name(key_date: KeyDate) -> str:
    return limits.truncate(f"{format_date(key_date)} — {key_date.event}", limits.CHOICE_NAME)


def find_dates(knowledge: Knowledge, query: str | None) -> tuple[list[KeyDate], str]:
    """The dates to show and a note about the search (empty when there is nothing to say)."""
    if not query or not query.strip():
        return list(search_dates(knowledge, None)), ""
    picked = find_date(knowledge, query.strip())  # a choice picked from the autocomplete
    if picked:
        return [picked], ""
    found = list(search_dates(knowledge, query))
    if found:
        return found, ""
    shown = limits.user_text(query, 100)
    return list(search_dates(knowledge, None)), f"No key date matches “{shown}”. Here are all of them:"


class Dates(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot

    @app_commands.command(name="dates", description="The article's key dates in time order, with sources")
    @app_commands.describe(query="An event or date to look up, e.g. cyber or October (suggestions as you type)")
    async def dates(self, interaction: discord.Interaction,
                    query: app_commands.Range[str, 1, limits.CHOICE_VALUE] | None = None) -> None:
        await interaction.response.defer(thinking=True)  # drawing the picture may take a moment
        knowledge = self.bot.live.knowledge
        shown, note = find_dates(knowledge, query)
        title = "Key dates in the article" if len(shown) != 1 else f"Key date: {format_date(shown[0])}"
        lines = [render.date_line(d, format_date(d), knowledge) for d in shown]
        embed = render.dates_embed(knowledge, lines, title=title, note=note)
        file = None
        if knowledge.dates:
            highlight = {d.id for d in shown} if len(shown) < len(knowledge.dates) else set()
            try:
                png = await asyncio.to_thread(render_timeline, knowledge.dates, highlight)
            except Exception:
                log.exception("could not draw the timeline; sending the text alone")
            else:
                file = discord.File(io.BytesIO(png), filename=PICTURE, description="Timeline of the key dates")
                embed.set_image(url=f"attachment://{PICTURE}")
        await send(interaction, embed=embed, file=file)

    @dates.autocomplete("query")
    async def query_autocomplete(self, interaction: discord.Interaction,
                                 current: str) -> list[app_commands.Choice[str]]:
        found = search_dates(self.bot.live.knowledge, current or None, limit=limits.CHOICES)
        return [app_commands.Choice(name=choice_name(d), value=d.id) for d in found[:limits.CHOICES]]


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Dates(bot))
