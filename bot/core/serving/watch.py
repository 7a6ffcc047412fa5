"""Pick up edits of the knowledge file while the bot runs: poll, let the write settle, reload.

Polling (a hash of the file and of the lexicon.yaml beside it, every `interval` seconds) works on every
platform and filesystem and costs next to nothing for files this size. A changed file is reloaded only
once its bytes stayed the same for `settle` seconds, so an editor that writes in several steps is not
reported as broken half-way. LiveKnowledge.reload keeps the last good knowledge when the new file is invalid; the
callback hears about every reload (ok or not) so an adapter can tell moderators.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.core.serving.live import LiveKnowledge, ReloadResult, fingerprint

log = logging.getLogger(__name__)

OnReload = Callable[[ReloadResult], Awaitable[None]]


class KnowledgeWatcher:
    def __init__(self, live: LiveKnowledge, on_reload: OnReload, *, interval: float = 2.0, settle: float = 0.3):
        self.live = live
        self.on_reload = on_reload
        self.interval = interval
        self.settle = settle
        self._seen = fingerprint(live.path)
        self._task: asyncio.Task[None] | None = None

    async def check(self) -> ReloadResult | None:
        """Reload if the file's bytes changed since the last check (and then held still); the result or None."""
        current = await asyncio.to_thread(fingerprint, self.live.path)
        if current == self._seen or current is None:
            return None  # unchanged, or missing for a moment (being replaced): look again next time
        await asyncio.sleep(self.settle)
        if await asyncio.to_thread(fingerprint, self.live.path) != current:
            return None  # still being written
        result = await asyncio.to_thread(self.live.reload)
        if not result.ok and await asyncio.to_thread(fingerprint, self.live.path) != current:
            # The file changed again while it was being read (an editor rewriting it in place): that read
            # may have caught it half-written. The last good knowledge stays; judge the next version.
            return None
        self._seen = current
        (log.info if result.ok else log.warning)("knowledge file changed: %s", result.message)
        await self.on_reload(result)
        return result

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception:  # a failing callback must not stop the watching
                log.exception("watching %s failed; still watching", self.live.path)

    def start(self) -> asyncio.Task[None]:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name=f"watch {self.live.path.name}")
        return self._task

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
