"""The moderation service the /faqmod commands and their buttons share (`bot.moderation`).

It runs FaqStore changes off the event loop, reloads the live knowledge at once (an added entry is
answerable immediately), announces every change in BOT_MOD_LOG_CHANNEL_ID (Discord's and the
terminal's, each once, from the history), and watches the knowledge file for hand edits: a good edit
is loaded, a broken one is reported with file:line:col while the bot keeps the last good knowledge.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import discord

from bot.core.answering.similar import AlreadyAnswered
from bot.core.editing.history import History, HistoryUnavailable
from bot.core.editing.store import FaqStore, Refused, Saved
from bot.core.serving.live import ReloadResult
from bot.core.serving.watch import KnowledgeWatcher
from bot.core.state.activity import ActivityLog
from bot.discord_bot import delivery, limits, moderation_render
from bot.discord_bot.checks import is_moderator

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

log = logging.getLogger(__name__)

T = TypeVar("T")
VIA = "discord"
WATCH_INTERVAL = 2.0  # seconds between looks at the knowledge file


def who(user: discord.abc.User) -> str:
    """How a Discord member is named in the history: their name and id."""
    return f"{user.name} ({user.id})"


class Moderation:
    def __init__(self, bot: FaqBot):
        self.bot = bot
        self._stores: dict[str, FaqStore] = {}
        self._announced: dict[str, int] = {}
        self._announce_lock = asyncio.Lock()
        self.broken: ReloadResult | None = None  # the last reload that failed, until a good one
        self.history_problem: str | None = None  # why the history was unavailable at start, if it was
        self._saved_versions: set[str] = set()  # file versions our own saves wrote (not hand edits)
        self.watcher = KnowledgeWatcher(bot.live, self.on_reload, interval=WATCH_INTERVAL)

    # --- what it works on -------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.bot.live.path

    def store(self) -> FaqStore:
        key = os.path.realpath(self.path)
        if key not in self._stores:
            self._stores[key] = FaqStore(self.path, data_dir=self.bot.config.data_dir,
                                         similar=AlreadyAnswered(lambda: self.bot.live.answerer))
        return self._stores[key]

    @property
    def history(self) -> History:
        return self.store().history

    @property
    def activity(self) -> ActivityLog | None:
        sink = getattr(self.bot.activity_log, "sink", None)
        return sink if isinstance(sink, ActivityLog) else None

    def allowed(self, interaction: discord.Interaction) -> bool:
        return is_moderator(interaction, self.bot.config.moderator_role_ids)

    # --- changes ----------------------------------------------------------------------------------------

    async def change(self, interaction: discord.Interaction, operation: Callable[[FaqStore, str], Saved]) -> Saved:
        """Run one store change as this member; reload and announce it. Raises Refused."""
        store = self.store()
        saved = await asyncio.to_thread(operation, store, who(interaction.user))
        if saved.changed:  # the file is written: whatever fails now is logged, never reported as "not saved"
            self._saved_versions.add(saved.knowledge.version)
            try:
                result = await asyncio.to_thread(self.bot.live.reload)
                if not result.ok:  # cannot happen for a validated save unless the file moved on meanwhile
                    log.warning("reload after a save failed: %s", result.message)
                await self.announce_changes()
            except Exception:  # noqa: BLE001
                log.exception("after saving %s %s: reloading or announcing it failed", saved.action, saved.entry_id)
            if saved.unrecorded:  # the mod log learns of changes from the history: tell it directly instead
                log.warning("saved %s %s, but the history could not record it: %s", saved.action, saved.entry_id,
                            saved.unrecorded)
                await self.post(moderation_render.result_embed(
                    f"{moderation_render.who_text(who(interaction.user), VIA)} made a change ({saved.action} "
                    f"`{saved.entry_id}`) via {VIA}. It is saved in `{self.path.name}`, but not recorded in the "
                    f"history ({limits.truncate(saved.unrecorded, 300)}): undo unavailable.", ok=False))
        return saved

    async def read(self, function: Callable[[], T]) -> T:
        return await asyncio.to_thread(function)

    # --- the mod log ------------------------------------------------------------------------------------

    async def start(self) -> None:
        history = self.history
        try:
            self._announced[history.file] = await asyncio.to_thread(history.latest_id)
        except HistoryUnavailable as exc:
            self.history_problem = exc.reason
            # with no activity log either, the data directory is unusable and `bot run` has said so once
            (log.info if self.bot.activity_log.sink is None else log.warning)("the FAQ edit history is unavailable: %s. Edits are still saved to %s, but are not "
                        "recorded, cannot be undone from the bot, and the mod log only gets what the watcher "
                        "sees", exc.reason, self.path.name)
        self.watcher.start()

    async def stop(self) -> None:
        await self.watcher.stop()

    async def announce_changes(self) -> int:
        """Post every change recorded since the last one posted (from Discord or the terminal), once;
        how many were posted."""
        async with self._announce_lock:
            history = self.history
            try:
                last = self._announced.get(history.file)
                if last is None:
                    self._announced[history.file] = await asyncio.to_thread(history.latest_id)
                    return 0
                changes = await asyncio.to_thread(history.changes_after, last)
            except HistoryUnavailable as exc:
                log.debug("cannot announce changes: %s", exc.reason)
                return 0
            for change in changes:
                await self.post(moderation_render.change_embed(change))
                self._announced[history.file] = change.id
            return len(changes)

    async def post(self, embed: discord.Embed) -> None:
        """A message in BOT_MOD_LOG_CHANNEL_ID (when set); failures are logged, never raised."""
        channel_id = self.bot.config.mod_log_channel_id
        if channel_id is None:
            return
        try:
            channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
            once = delivery.nonce()
            await delivery.send_message("a mod log post", lambda: channel.send(  # type: ignore[union-attr]
                embed=embed, allowed_mentions=limits.NO_PINGS, nonce=once))
        except Exception as exc:  # noqa: BLE001 - the mod log is a courtesy: never fail a change over it
            log.warning("could not post to the mod log channel %s: %s", channel_id, exc)

    # --- hand edits -------------------------------------------------------------------------------------

    async def on_reload(self, result: ReloadResult) -> None:
        """The watcher (or /faq reload) reloaded the file: tell moderators what happened."""
        if not result.ok and result.error is not None:
            self.broken = result
            await self.post(moderation_render.problems_embed(
                result.error.problems, title="The knowledge file has problems",
                intro=f"A change to `{self.path.name}` made outside the bot is invalid. The bot keeps answering "
                      f"from the last good version (`{self.bot.live.knowledge.version}`). Fix the file, then "
                      f"it is picked up by itself (or use `/faqmod reload`)."))
            return
        was_broken, self.broken = self.broken, None
        announced = await self.announce_changes()  # e.g. a `python -m bot faq` change
        if was_broken is not None:
            await self.post(moderation_render.result_embed(
                f"`{self.path.name}` is valid again: {result.message}"))
        elif result.changed and not announced and self.bot.live.knowledge.version not in self._saved_versions:
            await self.post(moderation_render.result_embed(
                f"`{self.path.name}` was edited outside the bot (by hand): {result.message}"))


def refused_text(exc: Refused) -> str:
    return f"Nothing was changed: {exc.reason}"
