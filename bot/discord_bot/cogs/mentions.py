"""Questions in messages: `@Bot what is Chip 4?` (a reply), direct messages, and BOT_QA_CHANNEL_IDS.

Mentions carry their text without the privileged message-content intent. In QA channels the bot answers
plain questions only when the core is confident (a matched FAQ entry), and at most once per thread.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict

import discord
from discord.ext import commands

from bot.discord_bot.answering import answer_message

log = logging.getLogger(__name__)

THREAD_MEMORY = 5000  # threads remembered as "already answered in"


def addressed_to(bot_user: discord.ClientUser, message: discord.Message) -> bool:
    """Mentioned by name or by the bot's own role; @everyone / @here do not count."""
    if any(user.id == bot_user.id for user in message.mentions):
        return True
    self_role = message.guild.self_role if message.guild else None
    return self_role is not None and self_role in message.role_mentions


def strip_mentions(text: str, bot_user_id: int, role_id: int | None) -> str:
    pattern = rf"<@!?{bot_user_id}>" + (rf"|<@&{role_id}>" if role_id else "")
    return " ".join(re.sub(pattern, " ", text).split())


class Mentions(commands.Cog):
    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.answered_threads: OrderedDict[int, None] = OrderedDict()

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id is not None:
            return
        try:
            if addressed_to(me, message):
                role = message.guild.self_role if message.guild else None
                text = strip_mentions(message.content, me.id, role.id if role else None)
                await answer_message(self.bot, message, text, via="mention")
            elif message.guild is None:
                await answer_message(self.bot, message, message.content, via="dm")
            elif self.in_qa_channel(message.channel):
                await self.answer_plain_question(message)
        except Exception:
            log.exception("could not answer message %s in channel %s from user %s", message.id,
                          message.channel.id, message.author.id)

    def in_qa_channel(self, channel: discord.abc.Messageable) -> bool:
        ids = self.bot.config.qa_channel_ids
        return getattr(channel, "id", None) in ids or getattr(channel, "parent_id", None) in ids

    async def answer_plain_question(self, message: discord.Message) -> None:
        thread = message.channel if isinstance(message.channel, discord.Thread) else None
        if thread is not None and thread.id in self.answered_threads:
            return  # never twice in a thread
        if not message.content.strip():
            return
        if thread is not None:
            self.answered_threads[thread.id] = None  # claimed now, so two quick messages can't both answer
            while len(self.answered_threads) > THREAD_MEMORY:
                self.answered_threads.popitem(last=False)
        answer = None
        try:
            answer = await answer_message(self.bot, message, message.content, via="qa-channel",
                                          only_if_confident=True)
        finally:
            if answer is None and thread is not None:
                self.answered_threads.pop(thread.id, None)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Mentions(bot))
