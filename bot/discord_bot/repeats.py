"""The same question, answered publicly in the same channel a moment ago, gets a pointer, not a second copy.

"The same question" is the same answer: the same FAQ entry, the same article sentence, or (when the
article doesn't say) the same question text. "A moment ago" is BOT_REPEAT_WINDOW_SECONDS (default 120;
0 turns pointers off). Only public answers are remembered, and only public questions are pointed: a
member who asks privately always gets the answer itself.

A pointer is small: for /ask a private note with a link to the earlier answer; for a mention a short
reply with the link. If the earlier answer can't be linked any more (deleted, its interaction expired),
the question is answered again as usual.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass

import discord

from bot.core.answering.answer import Answer
from bot.core.text import group_key
from bot.discord_bot import delivery, limits, render
from bot.discord_bot.config import DEFAULT_REPEAT_WINDOW

log = logging.getLogger(__name__)

DEFAULT_WINDOW = float(DEFAULT_REPEAT_WINDOW)  # seconds
REMEMBERED = 2000  # recent public answers kept (across channels)


def answer_key(answer: Answer) -> tuple[str, str]:
    """What makes two answers "the same": the entry, the article sentence, else the question itself."""
    if answer.entry_id:
        return ("entry", answer.entry_id)
    if answer.answered:
        return ("fact", answer.answer)
    return ("asked", group_key(answer.question))


@dataclass
class _Earlier:
    at: float
    message: discord.Message | None = None  # a mention reply: its jump_url is known
    interaction: discord.Interaction | None = None  # an /ask answer: its message is fetched when needed


class RecentAnswers:
    def __init__(self, window: float = DEFAULT_WINDOW):
        self.window = window
        self._recent: OrderedDict[tuple[int, tuple[str, str]], _Earlier] = OrderedDict()

    def clear(self) -> None:
        self._recent.clear()

    def _remember(self, channel_id: int | None, answer: Answer, earlier: _Earlier) -> None:
        if self.window <= 0 or channel_id is None:
            return
        key = (channel_id, answer_key(answer))
        self._recent[key] = earlier
        self._recent.move_to_end(key)
        while len(self._recent) > REMEMBERED:
            self._recent.popitem(last=False)

    def remember_interaction(self, interaction: discord.Interaction, answer: Answer) -> None:
        """A public /ask (or context-menu) answer was sent in `interaction.channel_id`."""
        self._remember(interaction.channel_id, answer, _Earlier(time.monotonic(), interaction=interaction))

    def remember_message(self, message: discord.Message, answer: Answer) -> None:
        """A public reply `message` (to a mention or a QA-channel question) was sent."""
        self._remember(message.channel.id, answer, _Earlier(time.monotonic(), message=message))

    async def earlier_link(self, channel_id: int | None, answer: Answer) -> str | None:
        """The link to the same answer sent publicly in this channel within the window, else None."""
        if self.window <= 0 or channel_id is None:
            return None
        key = (channel_id, answer_key(answer))
        earlier = self._recent.get(key)
        if earlier is None:
            return None
        if time.monotonic() - earlier.at > self.window:
            del self._recent[key]
            return None
        try:
            if earlier.message is not None:
                return earlier.message.jump_url
            if earlier.interaction is not None:
                return (await earlier.interaction.original_response()).jump_url
        except (discord.HTTPException, discord.ClientException) as exc:
            log.info("the earlier answer in channel %s can't be linked (%s): answering again", channel_id, exc)
        self._recent.pop(key, None)
        return None


async def point_to_earlier(interaction: discord.Interaction, answer: Answer) -> bool:
    """For a public /ask: if the same answer was sent in this channel a moment ago, point to it
    (privately) and return True; else False (answer as usual)."""
    recent: RecentAnswers = interaction.client.recent_answers  # type: ignore[attr-defined]
    link = await recent.earlier_link(interaction.channel_id, answer)
    if link is None:
        return False
    await point_interaction(interaction, link)
    log.info("pointed user=%s to the earlier answer %s", interaction.user.id, link)
    return True


async def point_message_to_earlier(recent: RecentAnswers, message: discord.Message, answer: Answer) -> bool:
    """The same for a mention or QA-channel question (a direct message is never pointed)."""
    if message.guild is None:
        return False
    link = await recent.earlier_link(message.channel.id, answer)
    if link is None:
        return False
    await point_message(message, link)
    log.info("pointed user=%s to the earlier answer %s", message.author.id, link)
    return True


def pointer_text(link: str) -> str:
    return (f"This was just answered here: [see the answer]({link}). If that isn't what you meant, "
            f"ask in other words, or add `private:True` to get the answer just for you.")


def pointer_view(link: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(style=discord.ButtonStyle.link, url=link, label="Go to the answer"))
    return view


async def point_interaction(interaction: discord.Interaction, link: str) -> None:
    """Tell the asker, privately, where the answer already is (through transient faults: delivery)."""
    embed = render.notice(pointer_text(link))

    def first():
        return interaction.response.send_message(embed=embed, view=pointer_view(link), ephemeral=True,
                                                 allowed_mentions=limits.NO_PINGS)

    def edit():  # deferred (publicly) while answering: the pointer takes the deferred message's place
        return interaction.edit_original_response(embed=embed, view=pointer_view(link),
                                                  allowed_mentions=limits.NO_PINGS)

    await delivery.respond(interaction, ephemeral=True, first=first, edit=edit)


async def point_message(message: discord.Message, link: str) -> None:
    """A short reply with the link (the mention asked in public; a reaction could not carry the link)."""
    embed = render.notice(f"Answered just above: [see the answer]({link}).")
    nonce = delivery.nonce()
    await delivery.send_message("a pointer", lambda: message.reply(
        embed=embed, view=pointer_view(link), allowed_mentions=limits.NO_PINGS, mention_author=False,
        nonce=nonce))
