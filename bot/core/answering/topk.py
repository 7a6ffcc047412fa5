"""The k best of a score vector, in order, without sorting all of it (what keeps retrieval cheap at scale)."""

from __future__ import annotations

import numpy as np


def best_first(scores: np.ndarray, k: int, *, positive: bool = False) -> list[int]:
    """Indices of the k highest scores, best first, ties by index; with positive, only scores above 0."""
    candidates = np.flatnonzero(scores > 0) if positive else np.arange(len(scores))
    if len(candidates) > k:
        candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    order = np.lexsort((candidates, -scores[candidates]))
    return [int(i) for i in candidates[order]]
