"""A per-member cooldown shared by every way of asking (/ask, mentions, the context menu, QA channels)."""

from __future__ import annotations

import time

from discord import app_commands

#: Questions a member may ask per window before being asked to wait.
DEFAULT_RATE = 5
DEFAULT_PER = 30.0  # seconds


class QuestionCooldown:
    def __init__(self, rate: int = DEFAULT_RATE, per: float = DEFAULT_PER):
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def retry_after(self, user_id: int) -> float | None:
        """Count one question for `user_id`; None when allowed, else seconds until they may ask again."""
        now = time.monotonic()
        if len(self._buckets) > 10_000:  # forget members whose window has passed
            self._buckets = {k: b for k, b in self._buckets.items() if b.get_tokens(now) < b.rate}
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = app_commands.Cooldown(self.rate, self.per)
        return bucket.update_rate_limit(now)

    def reset(self, user_id: int | None = None) -> None:
        if user_id is None:
            self._buckets.clear()
        else:
            self._buckets.pop(user_id, None)


def wait_message(seconds: float) -> str:
    return (f"You're asking faster than I can keep up with. Please wait {max(1, round(seconds))} s "
            f"and ask again (your question wasn't lost, just paused).")
