"""Every change to the FAQ: who, when, how, and the entry's exact text before and after.

Stored in the bot's SQLite database (bot.core.state.db). `before`/`after` are the entry's lines exactly as
they stood in faq.yaml (None when the entry did not exist), so undo can put back the very bytes.

The database is opened on first use, not when the History is made: a data directory that is unusable
(read-only, a file, a garbage database) never stops the bot or a terminal edit. Every failure to read or
write the history is raised as HistoryUnavailable, with a reason a moderator can act on.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.core.state.db import Database, describe_db_error

ADD, EDIT, ALIAS, REMOVE, UNDO = "add", "edit", "alias", "remove", "undo"


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: str  # ISO 8601, UTC
    by: str
    via: str  # discord | terminal
    action: str  # add | edit | alias | remove | undo
    entry_id: str
    before: str | None
    after: str | None
    anchor: str | None = None
    undoes: int | None = None
    undone_by: int | None = None

    def summary(self) -> str:
        what = f"undo of change #{self.undoes} ({self.entry_id})" if self.action == UNDO else \
            f"{self.action} {self.entry_id}"
        undone = f" [undone by #{self.undone_by}]" if self.undone_by else ""
        return f"#{self.id} {self.at} {self.by} via {self.via}: {what}{undone}"


def _change(row: sqlite3.Row) -> Change:
    return Change(row["id"], row["at"], row["by"], row["via"], row["action"], row["entry_id"],
                  row["before_yaml"], row["after_yaml"], row["anchor"], row["undoes"], row["undone_by"])


class HistoryUnavailable(Exception):
    """The history cannot be read or written right now; `reason` says why (for people)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class History:
    """The changes of one knowledge file (several files may share a database)."""

    def __init__(self, knowledge_path: str | Path, db: Database | None = None, *,
                 data_dir: str | Path | None = None):
        self.file = os.path.realpath(knowledge_path)
        self._db = db
        self._data_dir = data_dir

    @property
    def db(self) -> Database:
        """The database, opened now if it is not yet (raises HistoryUnavailable; tried again next time)."""
        if self._db is None:
            try:
                self._db = Database.in_dir(self._data_dir)
            except (OSError, sqlite3.Error, RuntimeError) as exc:
                raise HistoryUnavailable(describe_db_error(exc, self._data_dir)) from exc
        return self._db

    def _guarded(self, work):
        db = self.db
        try:
            return work(db)
        except sqlite3.Error as exc:
            raise HistoryUnavailable(describe_db_error(exc, db.path)) from exc

    def available(self) -> str | None:
        """None when the history can be used, else why not."""
        try:
            self._guarded(lambda db: db.query("SELECT 1 FROM changes LIMIT 1"))
        except HistoryUnavailable as exc:
            return exc.reason
        return None

    def record(self, *, by: str, via: str, action: str, entry_id: str, before: str | None, after: str | None,
               anchor: str | None = None, undoes: int | None = None) -> Change:
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        return self._guarded(lambda db: self._insert(db, at, by, via, action, entry_id, before, after, anchor, undoes))

    def _insert(self, db: Database, at: str, by: str, via: str, action: str, entry_id: str, before: str | None,
                after: str | None, anchor: str | None, undoes: int | None) -> Change:
        with db.transaction() as con:
            cursor = con.execute(
                "INSERT INTO changes (file, at, by, via, action, entry_id, before_yaml, after_yaml, anchor, undoes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.file, at, by, via, action, entry_id, before, after, anchor, undoes),
            )
            change_id = int(cursor.lastrowid)
            if undoes is not None:
                con.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (change_id, undoes))
        return Change(change_id, at, by, via, action, entry_id, before, after, anchor, undoes)

    def changes(self, entry_id: str | None = None, limit: int = 20) -> list[Change]:
        """The latest changes first, optionally of one entry only."""
        if entry_id:
            rows = self._query("SELECT * FROM changes WHERE file = ? AND entry_id = ? ORDER BY id DESC LIMIT ?",
                               (self.file, entry_id, int(limit)))
        else:
            rows = self._query("SELECT * FROM changes WHERE file = ? ORDER BY id DESC LIMIT ?",
                               (self.file, int(limit)))
        return [_change(r) for r in rows]

    def changes_after(self, change_id: int, limit: int = 100) -> list[Change]:
        """Changes newer than `change_id`, oldest first (e.g. to announce each one once)."""
        rows = self._query("SELECT * FROM changes WHERE file = ? AND id > ? ORDER BY id LIMIT ?",
                             (self.file, int(change_id), int(limit)))
        return [_change(r) for r in rows]

    def _query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        return self._guarded(lambda db: db.query(sql, params))

    def latest_id(self) -> int:
        rows = self._query("SELECT COALESCE(MAX(id), 0) FROM changes WHERE file = ?", (self.file,))
        return int(rows[0][0])

    def get(self, change_id: int) -> Change | None:
        rows = self._query("SELECT * FROM changes WHERE file = ? AND id = ?", (self.file, int(change_id)))
        return _change(rows[0]) if rows else None

    def last_undoable(self) -> Change | None:
        """The latest change that is not an undo and has not been undone: repeated undos walk back in time."""
        rows = self._query("SELECT * FROM changes WHERE file = ? AND action != ? AND undone_by IS NULL "
                             "ORDER BY id DESC LIMIT 1", (self.file, UNDO))
        return _change(rows[0]) if rows else None
