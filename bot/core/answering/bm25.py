"""Okapi BM25 over the normaliser's tokens, behind an inverted index (cost grows with the overlap, not the size)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Sequence


class BM25:
    """Documents are token sequences; `scores` gives each touched document's score, normalised to 0-1
    by what a document holding every query token (at the average length) would score."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.lengths = [len(d) for d in documents]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(documents):
            for token, count in Counter(doc).items():
                self.postings[token].append((i, count))
        n = max(len(documents), 1)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def scores(self, tokens: Sequence[str]) -> dict[int, float]:
        k1, b = self.k1, self.b
        out: dict[int, float] = defaultdict(float)
        best = 0.0
        for token in dict.fromkeys(tokens):
            idf = self.idf.get(token)
            if idf is None:
                continue
            best += idf
            for i, tf in self.postings[token]:
                norm = k1 * (1 - b + b * self.lengths[i] / self.average)
                out[i] += idf * tf * (k1 + 1) / (tf + norm)
        if best <= 0:
            return {}
        scale = best * (k1 + 1) / (1 + k1)  # tf=1 at the average length, every token present
        return {i: s / scale for i, s in out.items()}
