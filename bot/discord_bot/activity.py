"""The adapter's one hook for recording activity (questions asked, helpful votes).

The sink is a bot.core.state.activity.ActivityLog, or anything with its two methods; None records nothing.
Recording runs in a worker thread alongside the reply, so SQLite never delays an answer, and a failing
sink is logged, never raised to the member.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from bot.core.answering.answer import Answer
from bot.discord_bot.config import DiscordConfig

log = logging.getLogger(__name__)


class ActivitySink(Protocol):
    def record_question(self, answer: Answer, *, user_id: str | None, channel: str) -> None: ...
    def record_vote(self, entry_id: str, *, user_id: str, helpful: bool) -> None: ...


class ActivityHook:
    """`question()` and `vote()` start the write at once (in a worker thread) and return a future: start it
    before sending the reply, await it after, so the reply is never delayed and `drain()` sees every write."""

    def __init__(self, sink: ActivitySink | None = None):
        self.sink = sink
        self._in_flight: set[asyncio.Future[None]] = set()
        self._failing = False

    def question(self, answer: Answer, *, user_id: int | None, channel: str) -> asyncio.Future[None]:
        return self._start("record_question", answer, user_id=None if user_id is None else str(user_id),
                           channel=channel)

    def vote(self, entry_id: str, *, user_id: int, helpful: bool) -> asyncio.Future[None]:
        return self._start("record_vote", entry_id, user_id=str(user_id), helpful=helpful)

    def _start(self, method: str, *args: Any, **kwargs: Any) -> asyncio.Future[None]:
        future = asyncio.ensure_future(self._write(method, *args, **kwargs))
        self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)
        return future

    async def _write(self, method: str, *args: Any, **kwargs: Any) -> None:
        if self.sink is None:
            return
        try:
            await asyncio.to_thread(getattr(self.sink, method), *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - e.g. the database was replaced or its disk is full
            if not self._failing:  # once, not once per question: the next success says it is back
                log.warning("could not record activity (%s): %s; further failures are not logged until a "
                            "write succeeds", method, exc)
            self._failing = True
        else:
            if self._failing:
                log.info("recording activity works again")
            self._failing = False

    async def drain(self) -> None:
        """Wait until every write started so far is done (for shutdown, tests and stats)."""
        while self._in_flight:
            await asyncio.wait(set(self._in_flight))


def open_activity_log(config: DiscordConfig) -> ActivitySink | None:
    """The core's ActivityLog in BOT_DATA_DIR (or the per-user data directory)."""
    from bot.core.state.activity import ActivityLog

    return ActivityLog(data_dir=config.data_dir)
