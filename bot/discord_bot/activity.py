"""The adapter's one hook for recording activity (questions asked, helpful votes).

The sink is a bot.core.activity.ActivityLog, or anything with its two methods; None records nothing.
Recording runs in a worker thread after the reply is sent, so SQLite never delays an answer, and a failing
sink is logged, never raised to the member.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from bot.core.answer import Answer
from bot.discord_bot.config import DiscordConfig

log = logging.getLogger(__name__)


class ActivitySink(Protocol):
    def record_question(self, answer: Answer, *, user_id: str | None, channel: str) -> None: ...
    def record_vote(self, entry_id: str, *, user_id: str, helpful: bool) -> None: ...


class ActivityHook:
    def __init__(self, sink: ActivitySink | None = None):
        self.sink = sink

    async def question(self, answer: Answer, *, user_id: int | None, channel: str) -> None:
        await self._call("record_question", answer, user_id=None if user_id is None else str(user_id),
                         channel=channel)

    async def vote(self, entry_id: str, *, user_id: int, helpful: bool) -> None:
        await self._call("record_vote", entry_id, user_id=str(user_id), helpful=helpful)

    async def _call(self, method: str, *args: Any, **kwargs: Any) -> None:
        if self.sink is None:
            return
        try:
            await asyncio.to_thread(getattr(self.sink, method), *args, **kwargs)
        except Exception:
            log.exception("could not record activity (%s)", method)


def open_activity_log(config: DiscordConfig) -> ActivitySink | None:
    """The core's ActivityLog in BOT_DATA_DIR (or the per-user data directory)."""
    from bot.core.activity import ActivityLog

    return ActivityLog(data_dir=config.data_dir)
