"""The one path every question takes on Discord: cooldown, the core's answer, the reply, a log line, activity.

/ask, the "Ask the FAQ" context menu, mentions and QA channels all come through here, so they share
the cooldown, the rendering, the 3-second deadline handling and the logging.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.core.answer import MATCHED, Answer
from bot.discord_bot import limits, render
from bot.discord_bot.cooldown import wait_message
from bot.discord_bot.views import reply_view

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

log = logging.getLogger("bot.discord_bot.questions")

T = TypeVar("T")

#: Answer directly if the work is done by then; otherwise defer (Discord's deadline is 3 s from the event).
DEFER_AFTER = 1.5  # seconds


async def ask(bot: FaqBot, text: str) -> Answer:
    """The core's answer, computed off the event loop (a reload or a long question never stalls the bot)."""
    return await asyncio.to_thread(bot.live.ask, text)


def log_answered(answer: Answer, *, user_id: int | None, via: str, started: float) -> None:
    log.info("answered via=%s user=%s reason=%s entry=%s score=%.1f latency_ms=%.1f", via, user_id, answer.reason,
             answer.entry_id or "-", answer.score, (time.perf_counter() - started) * 1000)


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool,
                          after: float | None = None) -> T:
    """Await `work`; if it outlasts `after` seconds (DEFER_AFTER), defer the interaction first so it can't expire."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER if after is None else after)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return await task


async def send(interaction: discord.Interaction, *, ephemeral: bool = False, file: discord.File | None = None,
               view: discord.ui.View | None = None, **kwargs: Any) -> None:
    """Reply to an interaction, whether or not it was deferred; never pings anyone."""
    if interaction.response.is_done():
        await interaction.edit_original_response(attachments=[file] if file else discord.utils.MISSING,
                                                 view=view, allowed_mentions=limits.NO_PINGS, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, file=file or discord.utils.MISSING,
                                                view=view or discord.utils.MISSING,
                                                allowed_mentions=limits.NO_PINGS, **kwargs)


async def answer_interaction(interaction: discord.Interaction[FaqBot], text: str, *, ephemeral: bool,
                             via: str) -> Answer | None:
    """Answer `text` for a slash command or context menu; None when the member must wait first."""
    bot = interaction.client
    started = time.perf_counter()
    wait = bot.cooldown.retry_after(interaction.user.id)
    if wait is not None:
        await interaction.response.send_message(embed=render.notice(wait_message(wait)), ephemeral=True,
                                                allowed_mentions=limits.NO_PINGS)
        log.info("cooldown via=%s user=%s retry_after=%.1f", via, interaction.user.id, wait)
        return None
    answer = await within_deadline(interaction, ask(bot, text), ephemeral=ephemeral)
    recorded = bot.activity_log.question(answer, user_id=interaction.user.id,
                                         channel=f"discord:{via}#{interaction.channel_id}")
    await send(interaction, ephemeral=ephemeral, embed=render.answer_embed(answer, bot.live.knowledge),
               view=reply_view(answer, interaction.user.id))
    log_answered(answer, user_id=interaction.user.id, via=via, started=started)
    await recorded
    return answer


async def answer_message(bot: FaqBot, message: discord.Message, text: str, *, via: str,
                         only_if_confident: bool = False) -> Answer | None:
    """Answer a message in a reply (mentions, QA channels). Returns the answer, or None if none was sent."""
    started = time.perf_counter()
    answer = await ask(bot, text)
    if only_if_confident and not (answer.answered and answer.reason == MATCHED):  # an FAQ entry, not a guess
        return None
    wait = bot.cooldown.retry_after(message.author.id)
    if wait is not None:
        log.info("cooldown via=%s user=%s retry_after=%.1f", via, message.author.id, wait)
        if not only_if_confident:  # a mention deserves a sign; an unprompted answer just stays quiet
            await _hourglass(message)
        return None
    recorded = bot.activity_log.question(answer, user_id=message.author.id,
                                         channel=f"discord:{via}#{message.channel.id}")
    await message.reply(embed=render.answer_embed(answer, bot.live.knowledge),
                        view=reply_view(answer, message.author.id) or discord.utils.MISSING,
                        allowed_mentions=limits.NO_PINGS, mention_author=False)
    log_answered(answer, user_id=message.author.id, via=via, started=started)
    await recorded
    return answer


async def _hourglass(message: discord.Message) -> None:
    """Mark a mention that hit the cooldown (a reaction is quiet; a message would add to the flood)."""
    try:
        await message.add_reaction("\N{HOURGLASS WITH FLOWING SAND}")
    except discord.HTTPException:
        pass
