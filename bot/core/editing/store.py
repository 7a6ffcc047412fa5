"""Moderators' changes to faq.yaml: add, edit, alias, remove, undo; validated, atomic, serialised, recorded.

Every change runs the same way, whoever asks (Discord, the terminal, two at once):
1. take the in-process lock for the file, then the file lock beside it (`.faq.yaml.lock`), so the bot's
   own tasks and other processes (the `python -m bot faq` command) take turns;
2. re-read the file and check it is valid now (a broken hand edit must be fixed first);
3. splice the change into the text (bot.core.editing.yamledit: only that entry's bytes change);
4. validate the whole new text with parse_knowledge; anything wrong -> `Refused`, nothing written;
5. write it atomically (bot.core.editing.atomic) and record who/when/before/after (bot.core.editing.history).
An edit that changes nothing writes nothing and records nothing.

One truth: the file is the truth. A failure up to and including the rename (lock, temp file, write,
fsync, rename) leaves the old file, checked by reading it back, and is `Refused` with its cause ("the
disk is full", "the folder is read-only"), so "nothing was changed" is only said when it is so. Once the
new file is in place the change is made, whatever happens next: if the history cannot record it, the
`Saved` says so (`unrecorded`, and a note "saved, but not recorded in the history ...: undo unavailable").
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

import filelock

from bot.core.editing import yamledit
from bot.core.editing.atomic import atomic_write, remove_stale_temps
from bot.core.editing.history import ADD, ALIAS, EDIT, REMOVE, UNDO, Change, History, HistoryUnavailable
from bot.core.knowledge.faq import CLUB_TAG, ID_PATTERN, Entry, Knowledge, Source, parse_knowledge
from bot.core.knowledge.problems import KnowledgeError, Problem
from bot.core.state.db import describe_os_error
from bot.core.text import collapse_spaces, group_key, slug  # noqa: F401  (slug: this module's API too)

#: Optional advice: (knowledge, phrasing) -> (id, score) of an entry the bot already answers it with, or None.
SimilarFinder = Callable[[Knowledge, str], "tuple[str, float] | None"]



class Refused(Exception):
    """A change that was not made, and why (for the moderator; nothing was written)."""

    def __init__(self, reason: str, problems: list[Problem] | tuple[Problem, ...] = ()):
        self.reason = reason
        self.problems = tuple(problems)
        super().__init__(reason)


class WriteFailed(Refused):
    """The file could not be written (lock, disk, permissions); it was checked to be unchanged."""


@dataclass(frozen=True, slots=True)
class Draft:
    """What a moderator submits for an entry (the modal's fields, or the terminal's options)."""

    question: str
    answer: str
    alternates: tuple[str, ...] = ()
    quote: str = ""  # a sentence copied from the article; its paragraph is found automatically

    @classmethod
    def from_entry(cls, entry: Entry) -> "Draft":
        return cls(entry.question, entry.answer, tuple(entry.alternates), entry.source.quote if entry.source else "")

    @staticmethod
    def lines(text: str | None) -> tuple[str, ...]:
        """Alternate phrasings typed one per line."""
        return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


@dataclass(frozen=True, slots=True)
class Saved:
    """The outcome of a change that was accepted (or that turned out to change nothing)."""

    action: str
    entry_id: str
    change: Change | None  # the history's record; None: nothing was written, or (unrecorded) not recorded
    knowledge: Knowledge  # the knowledge as it now stands
    notes: tuple[str, ...] = ()
    unrecorded: str | None = None  # the file was written but the history could not record it: why

    @property
    def changed(self) -> bool:
        """Was the file written?"""
        return self.change is not None or self.unrecorded is not None


_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def _process_lock(path: str) -> threading.RLock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(path, threading.RLock())


class FaqStore:
    def __init__(self, path: str | Path, history: History | None = None, *, data_dir: str | Path | None = None,
                 lock_timeout: float = 30.0, similar: SimilarFinder | None = None):
        self.path = Path(path)
        self.real_path = os.path.realpath(self.path)
        real = Path(self.real_path)
        self.lock_path = real.with_name(f".{real.name}.lock")
        self.history = history if history is not None else History(self.path, data_dir=data_dir)
        self.lock_timeout = lock_timeout
        self.similar = similar

    # --- reading ------------------------------------------------------------------------------------

    def read_text(self) -> str:
        try:
            return Path(self.real_path).read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refused(f"{self.path} is not UTF-8 text; fix it by hand first") from exc
        except OSError as exc:
            raise Refused(f"cannot read {self.path}: {exc.strerror or exc}") from exc

    def load(self) -> Knowledge:
        """The knowledge as the file says now (raises KnowledgeError if it is invalid)."""
        return parse_knowledge(self.read_text(), self.path)

    # --- the changes --------------------------------------------------------------------------------

    def add(self, draft: Draft, *, by: str, via: str, entry_id: str | None = None,
            tags: tuple[str, ...] = ()) -> Saved:
        """Add a new entry (its id made from the question unless given) after the last one."""
        with self._editing() as (text, knowledge):
            same = _identical_entry(knowledge, draft)
            if same is not None and entry_id in (None, same.id) and not tags:  # e.g. a retry after a lost reply
                return Saved(ADD, same.id, None, knowledge, (f"{same.id!r} already is exactly this entry",))
            if entry_id is not None:
                if not ID_PATTERN.match(entry_id):
                    raise Refused(f"id {entry_id!r} must be lowercase letters, digits and dashes")
                if entry_id in _taken_ids(knowledge):
                    raise Refused(f"there is already an entry or date with id {entry_id!r}")
            entry, notes = self._entry(knowledge, draft, entry_id or "", tuple(tags), None)
            if not entry_id:
                entry = replace(entry, id=_free_id(knowledge, slug(entry.question)))
            new_text = yamledit.append_entry(text, entry)
            return self._save(knowledge, text, new_text, ADD, entry, by=by, via=via, notes=notes)

    def edit(self, entry_id: str, draft: Draft, *, by: str, via: str) -> Saved:
        """Replace an entry's question, answer, alternates and quote (its id and tags stay)."""
        with self._editing() as (text, knowledge):
            old = self._existing(knowledge, entry_id)
            entry, notes = self._entry(knowledge, draft, entry_id, old.tags, old)
            new_text = yamledit.update_entry(text, old, entry)
            return self._save(knowledge, text, new_text, EDIT, entry, by=by, via=via, notes=notes)

    def alias(self, entry_id: str, phrasing: str, *, by: str, via: str) -> Saved:
        """Add one alternate phrasing to an entry."""
        phrasing = phrasing.strip()
        if not phrasing:
            raise Refused("the phrasing is empty")
        with self._editing() as (text, knowledge):
            old = self._existing(knowledge, entry_id)
            if group_key(phrasing) in {group_key(p) for p in old.phrasings}:
                return Saved(ALIAS, entry_id, None, knowledge, (f"{entry_id!r} already has that phrasing",))
            self._check_duplicates(knowledge, entry_id, (phrasing,))
            notes = tuple(self._advice(knowledge, entry_id, (phrasing,)))
            entry = replace(old, alternates=(*old.alternates, phrasing))
            new_text = yamledit.update_entry(text, old, entry)
            return self._save(knowledge, text, new_text, ALIAS, entry, by=by, via=via, notes=notes)

    def remove(self, entry_id: str, *, by: str, via: str) -> Saved:
        with self._editing() as (text, knowledge):
            self._existing(knowledge, entry_id)
            try:
                anchor = yamledit.anchor(text, entry_id)
                new_text = yamledit.remove_entry(text, entry_id)
            except yamledit.LayoutError as exc:
                raise Refused(str(exc)) from exc
            return self._save(knowledge, text, new_text, REMOVE, None, entry_id=entry_id, anchor=anchor,
                              by=by, via=via)

    def undo(self, *, by: str, via: str) -> Saved:
        """Revert the latest change not yet undone (undo again to go further back); itself recorded."""
        with self._editing() as (text, knowledge):
            try:
                change = self.history.last_undoable()
            except HistoryUnavailable as exc:
                raise Refused(f"undo needs the history, which is unavailable: {exc.reason}") from exc
            if change is None:
                raise Refused("nothing to undo")
            current = yamledit.entry_block(text, change.entry_id)
            if current != change.after:
                state = "no longer exists" if current is None else \
                    "exists again" if change.after is None else "has changed since"
                raise Refused(f"cannot undo change #{change.id} ({change.action} {change.entry_id}): the entry "
                              f"{state} (by hand or by another change); edit it directly instead")
            try:
                if change.before is None:
                    new_text = yamledit.remove_entry(text, change.entry_id)
                elif current is None:
                    new_text = yamledit.insert_block(text, change.before, change.anchor)
                else:
                    new_text = yamledit.replace_block(text, change.entry_id, change.before)
            except yamledit.LayoutError as exc:
                raise Refused(f"cannot undo change #{change.id}: {exc}") from exc
            return self._save(knowledge, text, new_text, UNDO, None, entry_id=change.entry_id, by=by, via=via,
                              undoes=change, notes=(f"undid change #{change.id} ({change.action} {change.entry_id})",))

    # --- machinery ----------------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with _process_lock(self.real_path):
            lock = filelock.FileLock(str(self.lock_path), timeout=self.lock_timeout)
            try:
                _can_make(self.lock_path)  # a folder where no lock file can be made fails now, for its real reason
                lock.acquire()
            except filelock.Timeout as exc:
                raise Refused(f"{self.path} is being changed by someone else right now; try again") from exc
            except OSError as exc:  # e.g. a read-only folder: the lock file cannot be made
                raise WriteFailed(f"cannot lock {self.path} for writing: {describe_os_error(exc)} "
                                  f"({self.lock_path.parent})") from exc
            try:
                yield
            finally:
                try:
                    lock.release()
                except OSError:
                    pass

    @contextmanager
    def _editing(self) -> Iterator[tuple[str, Knowledge]]:
        """Under both locks: the file's text as it is now, and its knowledge (which must be valid)."""
        with self._locked():
            remove_stale_temps(self.real_path)
            text = self.read_text()
            try:
                knowledge = parse_knowledge(text, self.path)
            except KnowledgeError as exc:
                raise Refused(f"{self.path} has problems; fix them first (nothing was changed):\n{exc}",
                              exc.problems) from exc
            try:
                yield text, knowledge
            except yamledit.LayoutError as exc:  # e.g. an entry written by hand as a {flow: mapping}
                raise Refused(f"cannot edit {self.path} there: {exc}; edit that entry by hand") from exc

    def _save(self, current: Knowledge, text: str, new_text: str, action: str, entry: Entry | None, *,
              by: str, via: str,
              entry_id: str | None = None, anchor: str | None = None, undoes: Change | None = None,
              notes: tuple[str, ...] = ()) -> Saved:
        entry_id = entry.id if entry is not None else entry_id
        assert entry_id is not None
        if new_text == text:
            return Saved(action, entry_id, None, current, notes)
        try:
            knowledge = parse_knowledge(new_text, self.path)
        except KnowledgeError as exc:
            raise Refused("the change would make the knowledge invalid (nothing was changed):\n"
                          + "\n".join(p.message for p in exc.problems), exc.problems) from exc
        if entry is not None and knowledge.entry(entry_id) != entry:  # the splice must say exactly this
            raise Refused(f"internal error: the edited text does not read back as entry {entry_id!r}")
        before = yamledit.entry_block(text, entry_id)
        after = yamledit.entry_block(new_text, entry_id)
        self._write(text, new_text)
        try:
            change = self.history.record(by=by, via=via, action=action, entry_id=entry_id, before=before,
                                         after=after, anchor=anchor, undoes=undoes.id if undoes else None)
        except HistoryUnavailable as exc:
            note = (f"saved, but not recorded in the history ({exc.reason}): undo unavailable for this change, "
                    "and the history does not list it")
            return Saved(action, entry_id, None, knowledge, (*notes, note), unrecorded=exc.reason)
        return Saved(action, entry_id, change, knowledge, notes)

    def _write(self, text: str, new_text: str) -> None:
        """Replace the file's text; on failure, make sure (by reading it back) the old text is still there."""
        data = new_text.encode("utf-8")
        try:
            atomic_write(self.real_path, data)
        except OSError as exc:
            try:
                now = Path(self.real_path).read_bytes()
            except OSError:
                now = None
            if now == data:  # it did land (e.g. a failure after the rename): the change is made
                return
            if now is not None and now != text.encode("utf-8"):
                raise WriteFailed(f"cannot write {self.path}: {describe_os_error(exc)}; the file now differs "
                                  "from before this change (changed by hand meanwhile?): check it") from exc
            raise WriteFailed(f"cannot write {self.path}: {describe_os_error(exc)} "
                              f"({Path(self.real_path).parent})") from exc

    @staticmethod
    def _existing(knowledge: Knowledge, entry_id: str) -> Entry:
        entry = knowledge.entry(entry_id)
        if entry is None:
            raise Refused(f"there is no entry {entry_id!r}")
        return entry

    def _entry(self, knowledge: Knowledge, draft: Draft, entry_id: str, tags: tuple[str, ...],
               old: Entry | None) -> tuple[Entry, tuple[str, ...]]:
        """The entry a draft describes, checked: non-empty, quote in the article, no duplicate question."""
        question, answer = draft.question.strip(), draft.answer.strip()
        if not question:
            raise Refused("the question is empty")
        if not answer:
            raise Refused("the answer is empty")
        alternates: list[str] = []
        seen = {group_key(question)}
        for phrasing in draft.alternates:
            phrasing = phrasing.strip()
            if phrasing and group_key(phrasing) not in seen:
                seen.add(group_key(phrasing))
                alternates.append(phrasing)
        self._check_duplicates(knowledge, entry_id, (question, *alternates))
        notes = self._advice(knowledge, entry_id, (question, *alternates))
        source = self._source(knowledge, draft.quote, old)
        tag_list = list(tags)
        if source is None and CLUB_TAG not in tag_list:
            tag_list.append(CLUB_TAG)
            notes.append("no source quote: saved as a club entry (about the club, not the article)")
        elif source is not None and (old is None or old.source != source):
            where = "the article's header" if source.paragraph == 0 else f"paragraph {source.paragraph}"
            notes.append(f"source: {where}")
        return Entry(entry_id, question, answer, tuple(alternates), source, tuple(tag_list)), tuple(notes)

    @staticmethod
    def _source(knowledge: Knowledge, quote: str, old: Entry | None) -> Source | None:
        wanted = collapse_spaces(quote or "")
        if not wanted:
            return None
        if old is not None and old.source is not None and collapse_spaces(old.source.quote) == wanted:
            return old.source  # unchanged: keep its paragraph (a short quote may stand in several)
        article = knowledge.article
        for number in range(1, len(article.paragraphs) + 1):  # verbatim first, then the header
            if article.quote_in(wanted, number):
                return Source(number, wanted)
        if article.quote_in(wanted, 0):
            return Source(0, wanted)
        found = article.find_quote(wanted)  # then lenient: typographic quotes, case
        if found is not None:
            return Source(found[0], found[1])
        shown = wanted if len(wanted) <= 80 else wanted[:77] + "..."
        raise Refused(f"the source quote is not in the article: {shown!r}. Copy a sentence (or part of one) "
                      "from the article exactly, or leave it empty for an entry about the club")

    def _check_duplicates(self, knowledge: Knowledge, entry_id: str, phrasings: tuple[str, ...]) -> None:
        keys = {group_key(p): p for p in phrasings}
        for other in knowledge.entries:
            if other.id == entry_id:
                continue
            for phrasing in other.phrasings:
                if group_key(phrasing) in keys:
                    raise Refused(f"{keys[group_key(phrasing)]!r} duplicates a question of entry {other.id!r} "
                                  f"({other.question!r}); add a phrasing to that entry instead")

    def _advice(self, knowledge: Knowledge, entry_id: str, phrasings: tuple[str, ...]) -> list[str]:
        """Notes about phrasings the bot already answers confidently with another entry."""
        if self.similar is None:
            return []
        notes = []
        for phrasing in phrasings:
            found = self.similar(knowledge, phrasing)
            if found and found[0] != entry_id:
                other = knowledge.entry(found[0])
                shown = f" ({other.question!r})" if other else ""
                notes.append(f"the bot already answers {phrasing!r} with entry {found[0]!r}{shown}; members "
                             "asking that may get either entry (add it as a phrasing there instead, or undo)")
        return notes


def _can_make(path: Path) -> None:
    """Raise the OSError that creating (or opening) `path` for writing meets, if any. (filelock retries some
    such errors until its timeout, which would read as "someone else is editing".)"""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    os.close(fd)


def _identical_entry(knowledge: Knowledge, draft: Draft) -> Entry | None:
    """An entry that says exactly what `draft` says (same question, answer, phrasings and quote), if any."""
    def key(d: Draft) -> tuple:
        return (d.question.strip(), d.answer.strip(), tuple(a.strip() for a in d.alternates if a.strip()),
                collapse_spaces(d.quote or ""))
    wanted = key(draft)
    return next((e for e in knowledge.entries if key(Draft.from_entry(e)) == wanted), None)


def _taken_ids(knowledge: Knowledge) -> set[str]:
    return {e.id for e in knowledge.entries} | {d.id for d in knowledge.dates}


def _free_id(knowledge: Knowledge, base: str) -> str:
    taken = _taken_ids(knowledge)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
