"""The bot: a commands.Bot that loads one extension per feature and syncs the application commands.

Extensions are discovered: every module in bot.discord_bot.cogs (not starting with '_') is loaded as an
extension, in name order, so a new feature is a new file there (with a `setup()`). What the cogs share is declared on FaqBot (see the
class) and built in its __init__: `live`, `activity_log`, `cooldown`, `recent_answers`, `moderation`, `config`.
"""

from __future__ import annotations

import logging
import pkgutil
from typing import Any

import discord
from discord.ext import commands

import bot as bot_package
from bot.core.serving.live import LiveKnowledge
from bot.discord_bot import cogs, delivery, errors, limits, views
from bot.discord_bot.activity import ActivityHook, ActivitySink, open_activity_log
from bot.discord_bot.api_base import ApiEndpoints
from bot.discord_bot.config import DiscordConfig
from bot.discord_bot.cooldown import QuestionCooldown
from bot.discord_bot.lifecycle import GatewayWatchdog, InFlight
from bot.discord_bot.moderation import Moderation
from bot.discord_bot.repeats import RecentAnswers

log = logging.getLogger(__name__)


def extension_names() -> list[str]:
    """Every feature module under bot.discord_bot.cogs (each must define setup()), sorted by name."""
    return [f"{cogs.__name__}.{info.name}" for info in sorted(pkgutil.iter_modules(cogs.__path__), key=lambda i: i.name)
            if not info.name.startswith("_")]


def make_intents(config: DiscordConfig) -> discord.Intents:
    """Only what is needed. Mentions arrive with their text without the privileged message-content
    intent; it is asked for only when QA channels are configured (they read plain messages)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = bool(config.qa_channel_ids)
    return intents


class FaqBot(commands.Bot):
    """The bot. The state its cogs share, built here (cogs read it, never attach their own):"""

    config: DiscordConfig  #: the settings (bot.discord_bot.config)
    live: LiveKnowledge  #: the knowledge being served and its answerer (bot.core.serving.live)
    activity_log: ActivityHook  #: records questions and votes off the event loop
    cooldown: QuestionCooldown  #: who may ask again now (bot.discord_bot.cooldown)
    recent_answers: RecentAnswers  #: public answers a repeat of the question is pointed to (bot.discord_bot.repeats)
    moderation: Moderation  #: FAQ edits, the mod log and the knowledge-file watcher (cogs/faq_moderation starts it)
    version: str

    def __init__(self, config: DiscordConfig, *, live: LiveKnowledge | None = None,
                 activity_log: ActivitySink | None | bool = True, cooldown: QuestionCooldown | None = None,
                 extensions: list[str] | None = None):
        """`activity_log=True` opens the core's ActivityLog in the data dir; a sink object or None overrides."""
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # a text-only bot: no voice warnings
        super().__init__(
            command_prefix=commands.when_mentioned,  # unused: the bot has no prefix commands
            help_command=None,
            intents=make_intents(config),
            allowed_mentions=limits.NO_PINGS,
            http_trace=delivery.ON_THE_WIRE.trace_config(),  # tells a slow first reply from a failed one
            tree_cls=errors.FaqCommandTree,
            chunk_guilds_at_startup=False,
            max_messages=None,
            enable_debug_events=True,  # on_socket_raw_receive: the gateway watchdog's "something arrived"
        )
        self.config = config
        self.live = live if live is not None else LiveKnowledge(config.knowledge)
        self.activity_log = ActivityHook(open_activity_log(config) if activity_log is True else activity_log or None)
        self.cooldown = cooldown or QuestionCooldown.from_config(config)
        self.recent_answers = RecentAnswers(config.repeat_window)
        self.moderation = Moderation(self)
        self.version = bot_package.__version__
        self._extensions = extensions
        self.endpoints = ApiEndpoints(config.api_base)  # DISCORD_API_BASE (tests): bot.discord_bot.api_base
        self.dynamic_item_classes: set[type[discord.ui.DynamicItem[Any]]] = set()
        self.work = InFlight()  # answers and saves in flight, drained on shutdown
        self.watchdog = GatewayWatchdog(self)
        self.add_listener(errors.answer_stale_component, "on_interaction")
        self.add_listener(self.watchdog.frame_received, "on_socket_raw_receive")

    def add_dynamic_items(self, *items: type[discord.ui.DynamicItem[Any]]) -> None:
        """As discord.py's, and remembered (`dynamic_item_classes`) so a button no class owns is answered."""
        super().add_dynamic_items(*items)
        self.dynamic_item_classes.update(items)

    def remove_dynamic_items(self, *items: type[discord.ui.DynamicItem[Any]]) -> None:
        super().remove_dynamic_items(*items)
        self.dynamic_item_classes.difference_update(items)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: messages are handled by the mentions cog's listener only."""

    async def login(self, token: str) -> None:
        self.endpoints.point_rest()
        await super().login(token)

    async def setup_hook(self) -> None:  # discord.py runs it inside login(), before connecting to the gateway
        await self.endpoints.point_gateway(self.http)
        for name in self._extensions if self._extensions is not None else extension_names():
            await self.load_extension(name)
        self.add_dynamic_items(*views.DYNAMIC_ITEMS)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """To BOT_GUILD_IDS (instant), else globally (Discord may take a while to show them)."""
        if not self.config.guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d application commands globally", len(synced))
            return
        for guild_id in self.config.guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.Forbidden:
                log.error("cannot register commands in guild %s: invite the bot there with the "
                          "'applications.commands' scope (see 'Run it on your server' in README.md)", guild_id)
                continue
            log.info("synced %d application commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        self.watchdog.start()
        log.info("connected as %s (id %s) to %d guild(s); knowledge %s", self.user, self.user and self.user.id,
                 len(self.guilds), self.live.knowledge.version)

    async def shutdown(self) -> None:
        """SIGTERM / SIGINT: stop taking new work, let what is in flight finish (bounded), then close."""
        if self.work.draining:
            return
        log.info("shutting down: finishing %d answer(s) and save(s) in flight", len(self.work))
        unfinished = await self.work.drain()
        if unfinished:
            log.warning("shutting down with %d unfinished: %s", len(unfinished), ", ".join(unfinished)[:500])
        await self.close()

    async def close(self) -> None:
        try:
            await self.watchdog.stop()
            await super().close()
            await self.activity_log.drain()
        finally:
            self.endpoints.restore()
