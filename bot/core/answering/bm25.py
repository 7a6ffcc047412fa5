"""Okapi BM25 over the normaliser's tokens, behind an inverted index of numpy postings (cost grows with
the overlap, not the size, and each token's postings are added in one vector operation)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Sequence

import numpy as np


class BM25:
    """Documents are token sequences; `scores` gives every document's score (0 when it shares no token),
    normalised to 0-1 by what a document holding every query token (at the average length) would score."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.size = len(documents)
        lengths = np.asarray([len(d) for d in documents], dtype=np.float64)
        average = float(lengths.mean()) if self.size else 1.0
        norms = k1 * (1 - b + b * lengths / average)
        rows: dict[str, list[int]] = defaultdict(list)
        counts: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(documents):
            for token, count in Counter(doc).items():
                rows[token].append(i)
                counts[token].append(count)
        n = max(self.size, 1)
        self.idf: dict[str, float] = {}
        # token -> (the documents holding it, each one's term weight idf * tf(k1+1) / (tf + norm))
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for token, docs in rows.items():
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            where = np.asarray(docs, dtype=np.int64)
            tf = np.asarray(counts[token], dtype=np.float64)
            self.idf[token] = idf
            self.postings[token] = (where, idf * tf * (k1 + 1) / (tf + norms[where]))

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float64)
        best = 0.0
        for token in dict.fromkeys(tokens):
            posting = self.postings.get(token)
            if posting is None:
                continue
            best += self.idf[token]
            where, weights = posting
            out[where] += weights  # a token's postings name each document once
        if best <= 0:
            return out
        return out / (best * (self.k1 + 1) / (1 + self.k1))  # tf=1 at the average length, every token present
