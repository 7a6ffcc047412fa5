"""The log line every answered question gets (logger `bot.discord_bot.questions`), wherever it was answered:
bot.discord_bot.answering for questions, bot.discord_bot.views for a "did you mean" click.

A leaf module (it imports nothing of the adapter), so answering and views both use it without importing
each other in a cycle.
"""

from __future__ import annotations

import logging
import time

from bot.core.answering.answer import Answer

log = logging.getLogger("bot.discord_bot.questions")


def log_answered(answer: Answer, *, user_id: int | None, via: str, started: float) -> None:
    log.info("answered via=%s user=%s reason=%s entry=%s score=%.1f latency_ms=%.1f", via, user_id, answer.reason,
             answer.entry_id or "-", answer.score, (time.perf_counter() - started) * 1000)
