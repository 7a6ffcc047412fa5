"""The knowledge the bot serves right now, reloaded safely: an invalid file never replaces good knowledge."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.core.answering.answer import Answer, Answerer
from bot.core.answering.match import MatchConfig
from bot.core.knowledge import lexicon
from bot.core.knowledge.faq import Knowledge, decode_knowledge, load_knowledge
from bot.core.knowledge.problems import KnowledgeError


def fingerprint(path: Path) -> str | None:
    """A hash of the knowledge file's bytes and of the lexicon.yaml beside it (None while the knowledge
    file is missing): what tells changed knowledge."""
    try:
        return _fingerprint(path, path.read_bytes())
    except OSError:
        return None


def _fingerprint(path: Path, data: bytes) -> str:
    digest = hashlib.sha256(data)
    try:
        digest.update(b"\0" + (path.parent / lexicon.FILE_NAME).read_bytes())
    except OSError:
        pass  # no lexicon of its own
    return digest.hexdigest()


def _stat(path: Path) -> tuple[tuple[int, int] | None, ...]:
    out = []
    for file in (path, path.parent / lexicon.FILE_NAME):
        try:
            info = file.stat()
        except OSError:
            out.append(None)
        else:
            out.append((info.st_mtime_ns, info.st_size))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    ok: bool
    changed: bool
    message: str
    error: KnowledgeError | None = None


class LiveKnowledge:
    """Holds (knowledge, answerer) and swaps both at once, so a question never sees half a reload."""

    def __init__(self, path: str | Path, *, config: MatchConfig | None = None):
        self.path = Path(path)
        self.config = config
        self._lock = threading.Lock()
        self._answerer = Answerer(load_knowledge(self.path), config=config)  # raises on a bad start
        self._stat = _stat(self.path)
        self._fingerprint = fingerprint(self.path)
        self.last_error: KnowledgeError | None = None

    @property
    def knowledge(self) -> Knowledge:
        return self._answerer.knowledge

    @property
    def answerer(self) -> Answerer:
        return self._answerer

    def ask(self, question: str) -> Answer:
        return self._answerer.ask(question)

    def answer_entry(self, entry_id: str) -> Answer:
        return self._answerer.answer_entry(entry_id)

    def reload(self) -> ReloadResult:
        """Load the file again; on error keep serving the last good knowledge and say why."""
        with self._lock:
            self._stat = _stat(self.path)
            try:
                data = self.path.read_bytes()  # read once: the bytes hashed are the bytes validated
            except OSError:
                data = None
            self._fingerprint = None if data is None else _fingerprint(self.path, data)
            try:
                knowledge = load_knowledge(self.path) if data is None else decode_knowledge(data, self.path)
            except KnowledgeError as exc:
                self.last_error = exc
                return ReloadResult(False, False, f"Kept the last good knowledge ({self.knowledge.version}):\n{exc}", exc)
            changed = knowledge.version != self.knowledge.version
            if changed:
                self._answerer = Answerer(knowledge, config=self.config)
            self.last_error = None
            n = len(knowledge.entries)
            return ReloadResult(True, changed, f"Loaded {n} entries (version {knowledge.version})."
                                if changed else f"Unchanged: {n} entries (version {knowledge.version}).")

    def reload_if_changed(self) -> ReloadResult | None:
        """Reload when the file's bytes (or its lexicon.yaml's) changed since the last (re)load; None when
        they did not.

        Cheap enough to call before every question: the files are read only when a size or
        modification time moved."""
        if _stat(self.path) == self._stat or fingerprint(self.path) == self._fingerprint:
            return None
        return self.reload()
