"""The bot's work in flight, for a graceful shutdown, and the gateway watchdog.

`bot.work.track(what)` wraps each unit of work a member waits for (an answer, a save); on SIGTERM/SIGINT
the bot stops taking new work (new questions get "restarting, ask again in a moment"), waits for what is
in flight to finish, bounded by DRAIN_TIMEOUT, then closes.

GatewayWatchdog: discord.py notices a dead gateway only when a whole heartbeat interval (about 41 s) passes
with nothing received, and then only at its next heartbeat: about a minute during which interactions are
lost. The watchdog sends its own heartbeat whenever the gateway has been quiet for QUIET seconds, and if
nothing at all (not even the heartbeat's acknowledgement) arrives within DEAD_AFTER seconds, it closes the
connection so that discord.py reconnects and resumes the session (RESUME replays the missed events).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from discord.ext import commands

log = logging.getLogger(__name__)

DRAIN_TIMEOUT = 8.0  # seconds: in-flight work gets this long to finish on shutdown (exit well within 10 s)
SETTLE = 0.05  # seconds for events already received to reach their handlers before draining


class InFlight:
    def __init__(self) -> None:
        self._active: dict[int, str] = {}
        self._next = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.draining = False

    def __len__(self) -> int:
        return len(self._active)

    @asynccontextmanager
    async def track(self, what: str) -> AsyncIterator[None]:
        self._next += 1
        key = self._next
        self._active[key] = what
        self._idle.clear()
        try:
            yield
        finally:
            del self._active[key]
            if not self._active:
                self._idle.set()

    async def drain(self, timeout: float = DRAIN_TIMEOUT) -> list[str]:
        """Stop taking new work; wait up to `timeout` for the work in flight. What did not finish."""
        self.draining = True
        await asyncio.sleep(SETTLE)
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        return list(self._active.values())


class GatewayWatchdog:
    """See the module docstring. Uses the gateway's own public calls: `ws.send_as_json` and `ws.close`, with
    the time of the last frame taken from the `on_socket_raw_receive` event."""

    QUIET = 5.0
    DEAD_AFTER = 10.0
    TICK = 1.0

    def __init__(self, bot: commands.Bot):
        self.bot = bot
        self.last_frame = time.monotonic()
        self._probe_sent: float | None = None
        self._task: asyncio.Task[None] | None = None
        self.restarts = 0

    async def frame_received(self, *_: Any) -> None:
        self.last_frame = time.monotonic()
        self._probe_sent = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="gateway-watchdog")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
            self._task = None

    async def _run(self) -> None:
        while not self.bot.is_closed():
            await asyncio.sleep(self.TICK)
            try:
                await self.check()
            except Exception:  # noqa: BLE001 - the watchdog must outlive any one odd state
                log.debug("gateway watchdog check failed", exc_info=True)

    async def check(self) -> None:
        ws = self.bot.ws
        if ws is None or not self.bot.is_ready():
            self.last_frame, self._probe_sent = time.monotonic(), None
            return
        now = time.monotonic()
        quiet = now - self.last_frame
        if self._probe_sent is None and quiet >= self.QUIET:
            self._probe_sent = now
            await ws.send_as_json({"op": ws.HEARTBEAT, "d": ws.sequence})
        elif self._probe_sent is not None and now - self._probe_sent >= self.DEAD_AFTER - self.QUIET:
            log.warning("the gateway sent nothing for %.0f s (not even a heartbeat acknowledgement): "
                        "reconnecting and resuming", quiet)
            self.restarts += 1
            self.last_frame, self._probe_sent = now, None
            await ws.close(4000)  # not 1000: a 4000 close keeps the session, so discord.py resumes it
