"""Advice for moderators' edits: does the bot already answer this phrasing with another entry?

A SimilarFinder for bot.core.editing.store.FaqStore, given to it by the adapters: the store itself
knows nothing of answering.
"""

from __future__ import annotations

from typing import Any, Callable

from bot.core.answering.answer import Answerer
from bot.core.knowledge.faq import Knowledge


class AlreadyAnswered:
    """A SimilarFinder on the core matcher: does the bot already answer this phrasing confidently?

    Only advice (a note with the saved change): a moderator may well want a more specific entry for a
    question an existing entry already catches. Exact duplicates are refused separately.
    """

    def __init__(self, current: Callable[[], Any] | None = None, *, threshold: float | None = None):
        self.current = current  # e.g. the bot's live answerer, reused when it is of the same knowledge
        self.threshold = threshold  # a score (P x 100) to require; None: the bot answers it at all
        self._cache: Any = None

    def _answerer(self, knowledge: Knowledge) -> Any:
        for candidate in (self.current() if self.current else None, self._cache):
            if candidate is not None and candidate.knowledge.version == knowledge.version:
                return candidate
        self._cache = Answerer(knowledge)
        return self._cache

    def __call__(self, knowledge: Knowledge, phrasing: str) -> tuple[str, float] | None:
        answer = self._answerer(knowledge).ask(phrasing)
        if answer.answered and answer.entry_id and (self.threshold is None or answer.score >= self.threshold):
            return answer.entry_id, answer.score
        return None
