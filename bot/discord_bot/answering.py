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

from bot.core.answering.answer import MATCHED, Answer
from bot.discord_bot import delivery, limits, render
from bot.discord_bot.cooldown import wait_message
from bot.discord_bot.questionlog import log_answered
from bot.discord_bot.repeats import point_message_to_earlier, point_to_earlier
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


async def within_deadline(interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool,
                          after: float | None = None) -> T:
    """Await `work`; if it outlasts `after` seconds (DEFER_AFTER), defer the interaction first so it can't expire."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER if after is None else after)
    if not done and not interaction.response.is_done():
        try:
            await delivery.defer(interaction, ephemeral=ephemeral)
        except Exception as exc:  # the work goes on: its reply will try again (or be logged)
            log.warning("could not defer interaction %s: %s", interaction.id, delivery.describe(exc))
    return await task


async def send(interaction: discord.Interaction, *, ephemeral: bool = False, file: discord.File | None = None,
               view: discord.ui.View | None = None, **kwargs: Any) -> None:
    """Reply to an interaction, whether or not it was deferred, through transient faults (bot.discord_bot.
    delivery); never pings anyone. Raises delivery.Undelivered (or the HTTP error) if it cannot."""
    def first() -> Awaitable[Any]:
        if file is not None:
            file.reset()
        return interaction.response.send_message(ephemeral=ephemeral, file=file or discord.utils.MISSING,
                                                 view=view or discord.utils.MISSING,
                                                 allowed_mentions=limits.NO_PINGS, **kwargs)

    def edit() -> Awaitable[Any]:
        if file is not None:
            file.reset()
        return interaction.edit_original_response(attachments=[file] if file else discord.utils.MISSING,
                                                  view=view, allowed_mentions=limits.NO_PINGS, **kwargs)

    await delivery.respond(interaction, ephemeral=ephemeral, first=first, edit=edit)


RESTARTING = "I'm restarting right now: please ask again in a few seconds."


async def answer_interaction(interaction: discord.Interaction[FaqBot], text: str, *, ephemeral: bool,
                             via: str) -> Answer | None:
    """Answer `text` for a slash command or context menu; None when the member must wait first."""
    bot = interaction.client
    if bot.work.draining:  # shutting down: what is in flight is finished, nothing new is started
        await send(interaction, ephemeral=True, embed=render.notice(RESTARTING))
        return None
    async with bot.work.track("an answer"):
        return await _answer_interaction(interaction, text, ephemeral=ephemeral, via=via)


async def _answer_interaction(interaction: discord.Interaction[FaqBot], text: str, *, ephemeral: bool,
                              via: str) -> Answer | None:
    bot = interaction.client
    started = time.perf_counter()
    wait = bot.cooldown.for_interaction(interaction, public=not ephemeral)
    if wait is not None:
        await interaction.response.send_message(embed=render.notice(wait_message(wait, public=not ephemeral)),
                                                ephemeral=True, allowed_mentions=limits.NO_PINGS)
        log.info("cooldown via=%s user=%s retry_after=%.1f", via, interaction.user.id, wait)
        return None
    answer = await within_deadline(interaction, ask(bot, text), ephemeral=ephemeral)
    recorded = bot.activity_log.question(answer, user_id=interaction.user.id,
                                         channel=f"discord:{via}#{interaction.channel_id}")
    if not ephemeral and await point_to_earlier(interaction, answer):  # the same answer, just above
        await recorded
        return answer
    embed = render.answer_embed(answer, bot.live.knowledge)
    view = reply_view(answer, interaction.user.id)
    try:
        await send(interaction, ephemeral=ephemeral, embed=embed, view=view)
    except Exception as exc:  # noqa: BLE001 - the interaction is lost: fall back to the channel when we may
        if not await _fall_back_to_channel(interaction, embed, view, ephemeral=ephemeral, error=exc):
            await recorded
            return answer  # logged as undelivered, not as answered
    if not ephemeral:
        bot.recent_answers.remember_interaction(interaction, answer)
    log_answered(answer, user_id=interaction.user.id, via=via, started=started)
    await recorded
    return answer


async def _fall_back_to_channel(interaction: discord.Interaction, embed: discord.Embed,
                                view: discord.ui.View | None, *, ephemeral: bool, error: BaseException) -> bool:
    """The interaction could not be answered (its token expired, Discord kept failing): post a public answer
    in the channel instead, saying whose question it answers. A private answer cannot be posted for everyone
    to see, so it is only logged. Was the answer delivered?"""
    channel = interaction.channel
    if ephemeral or channel is None or not hasattr(channel, "send"):
        log.error("could not deliver a private answer to user=%s: %s", interaction.user.id, delivery.describe(error))
        return False
    log.warning("interaction %s could not be answered (%s); answering in the channel instead", interaction.id,
                delivery.describe(error))
    content = f"Answer to {interaction.user.mention}'s question (Discord lost the original reply):"
    try:
        once = delivery.nonce()
        await delivery.send_message("a fallback answer", lambda: channel.send(  # type: ignore[union-attr]
            content=content, embed=embed, view=view or discord.utils.MISSING, allowed_mentions=limits.NO_PINGS,
            nonce=once))
    except Exception as exc:  # noqa: BLE001
        log.error("could not deliver an answer to user=%s at all: %s", interaction.user.id, delivery.describe(exc))
        return False
    return True


async def answer_message(bot: FaqBot, message: discord.Message, text: str, *, via: str,
                         only_if_confident: bool = False) -> Answer | None:
    """Answer a message in a reply (mentions, QA channels). Returns the answer, or None if none was sent."""
    if bot.work.draining:
        return None  # shutting down; a message can be answered by the next start (or asked again)
    async with bot.work.track("a message answer"):
        return await _answer_message(bot, message, text, via=via, only_if_confident=only_if_confident)


async def _answer_message(bot: FaqBot, message: discord.Message, text: str, *, via: str,
                          only_if_confident: bool) -> Answer | None:
    started = time.perf_counter()
    answer = await ask(bot, text)
    if only_if_confident and not (answer.answered and answer.reason == MATCHED):  # an FAQ entry, not a guess
        return None
    wait = bot.cooldown.for_message(message)
    if wait is not None:
        log.info("cooldown via=%s user=%s retry_after=%.1f", via, message.author.id, wait)
        if not only_if_confident:  # a mention deserves a sign; an unprompted answer just stays quiet
            await _hourglass(message)
        return None
    recorded = bot.activity_log.question(answer, user_id=message.author.id,
                                         channel=f"discord:{via}#{message.channel.id}")
    if await point_message_to_earlier(bot.recent_answers, message, answer):  # the same answer, just above
        await recorded
        return answer
    embed = render.answer_embed(answer, bot.live.knowledge)
    view = reply_view(answer, message.author.id) or discord.utils.MISSING
    once = delivery.nonce()  # a retry after a lost answer must not post the reply twice
    sent = await delivery.send_message("a reply", lambda: message.reply(
        embed=embed, view=view, allowed_mentions=limits.NO_PINGS, mention_author=False, nonce=once))
    if message.guild is not None:
        bot.recent_answers.remember_message(sent, answer)
    log_answered(answer, user_id=message.author.id, via=via, started=started)
    await recorded
    return answer


async def _hourglass(message: discord.Message) -> None:
    """Mark a mention that hit the cooldown (a reaction is quiet; a message would add to the flood)."""
    try:
        await message.add_reaction("\N{HOURGLASS WITH FLOWING SAND}")
    except discord.HTTPException:
        pass
