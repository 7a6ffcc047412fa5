"""Helpers the command modules share: loading knowledge with a clear one-line error."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.core.knowledge.problems import KnowledgeError
from bot.core.serving.live import LiveKnowledge

EXIT_INVALID = 2


def open_live(path: Path) -> LiveKnowledge | None:
    """The live knowledge, or None after printing every problem (file:line:col) to stderr."""
    try:
        return LiveKnowledge(path)
    except KnowledgeError as exc:
        print(f"error: invalid knowledge:\n{exc}", file=sys.stderr)
        return None
