"""Every change to the FAQ: who, when, how, and the entry's exact text before and after.

Stored in the bot's SQLite database (bot.core.db). `before`/`after` are the entry's lines exactly as
they stood in faq.yaml (None when the entry did not exist), so undo can put back the very bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.core.db import Database

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


class History:
    """The changes of one knowledge file (several files may share a database)."""

    def __init__(self, knowledge_path: str | Path, db: Database | None = None, *,
                 data_dir: str | Path | None = None):
        self.file = os.path.realpath(knowledge_path)
        self.db = db if db is not None else Database.in_dir(data_dir)

    def record(self, *, by: str, via: str, action: str, entry_id: str, before: str | None, after: str | None,
               anchor: str | None = None, undoes: int | None = None) -> Change:
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.db.transaction() as con:
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
            rows = self.db.query("SELECT * FROM changes WHERE file = ? AND entry_id = ? ORDER BY id DESC LIMIT ?",
                                 (self.file, entry_id, int(limit)))
        else:
            rows = self.db.query("SELECT * FROM changes WHERE file = ? ORDER BY id DESC LIMIT ?",
                                 (self.file, int(limit)))
        return [_change(r) for r in rows]

    def changes_after(self, change_id: int, limit: int = 100) -> list[Change]:
        """Changes newer than `change_id`, oldest first (e.g. to announce each one once)."""
        rows = self.db.query("SELECT * FROM changes WHERE file = ? AND id > ? ORDER BY id LIMIT ?",
                             (self.file, int(change_id), int(limit)))
        return [_change(r) for r in rows]

    def latest_id(self) -> int:
        rows = self.db.query("SELECT COALESCE(MAX(id), 0) FROM changes WHERE file = ?", (self.file,))
        return int(rows[0][0])

    def get(self, change_id: int) -> Change | None:
        rows = self.db.query("SELECT * FROM changes WHERE file = ? AND id = ?", (self.file, int(change_id)))
        return _change(rows[0]) if rows else None

    def last_undoable(self) -> Change | None:
        """The latest change that is not an undo and has not been undone: repeated undos walk back in time."""
        rows = self.db.query("SELECT * FROM changes WHERE file = ? AND action != ? AND undone_by IS NULL "
                             "ORDER BY id DESC LIMIT 1", (self.file, UNDO))
        return _change(rows[0]) if rows else None
