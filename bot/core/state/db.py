"""The bot's SQLite database (standard library sqlite3): WAL mode, schema versioned by PRAGMA user_version.

One file, `bot.sqlite3` in the data directory, shared by the change history (bot.core.editing.history) and the
activity log (bot.core.state.activity), and by every process (the bot and `python -m bot faq ...`). Each
migration below runs once, in order, inside a transaction; user_version records how far a database got.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.core.state.datadir import data_dir

DB_NAME = "bot.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: change history, question log, votes (no semicolons inside these comments: statements split on them)
    """
    CREATE TABLE changes (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        file        TEXT    NOT NULL,             -- the knowledge file changed (its real path)
        at          TEXT    NOT NULL,             -- ISO 8601, UTC
        by          TEXT    NOT NULL,             -- who: a Discord user ("name (id)") or a terminal --by name
        via         TEXT    NOT NULL,             -- discord | terminal | ...
        action      TEXT    NOT NULL,             -- add | edit | alias | remove | undo
        entry_id    TEXT    NOT NULL,
        before_yaml TEXT,                         -- the entry's exact text in faq.yaml before (NULL: absent)
        after_yaml  TEXT,                         -- ... and after (NULL: removed)
        anchor      TEXT,                         -- where a removed entry stood: after:<id> or before:<id>
        undoes      INTEGER REFERENCES changes(id),
        undone_by   INTEGER REFERENCES changes(id)
    );
    CREATE INDEX changes_entry ON changes(file, entry_id, id);
    CREATE TABLE questions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT    NOT NULL,
        user_id     TEXT,
        channel     TEXT    NOT NULL,
        question    TEXT    NOT NULL,
        grouping    TEXT    NOT NULL,             -- normalised question, groups the unanswered log
        answered    INTEGER NOT NULL,
        reason      TEXT    NOT NULL,
        entry_id    TEXT,
        score       REAL    NOT NULL
    );
    CREATE INDEX questions_grouping ON questions(answered, grouping);
    CREATE TABLE votes (
        entry_id    TEXT    NOT NULL,
        user_id     TEXT    NOT NULL,
        helpful     INTEGER NOT NULL,
        at          TEXT    NOT NULL,
        PRIMARY KEY (entry_id, user_id)
    );
    CREATE TABLE resolved (                       -- unanswered questions a moderator turned into entries
        grouping    TEXT    PRIMARY KEY,
        entry_id    TEXT    NOT NULL,
        up_to       INTEGER NOT NULL              -- questions with ids up to this one count as resolved
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


#: Why an OS error makes a folder or file unusable, in words a moderator can act on.
OS_REASONS = {
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.ENOTDIR: "a file is in the way of the folder",
    errno.EEXIST: "a file is in the way of the folder",
    errno.EIO: "the disk reported an I/O error",
}


def describe_os_error(exc: OSError) -> str:
    """'the disk is full' / 'the folder is read-only' / the OS's own words."""
    return OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__


def describe_db_error(exc: BaseException, where: object = None) -> str:
    """One line saying why the database cannot be used, naming where it is."""
    place = f" ({where})" if where else ""
    if isinstance(exc, OSError):
        return f"cannot use the data folder{place}: {describe_os_error(exc)}"
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return f"the history database{place} is damaged ({text}); move it away to start a new one"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the history database{place} is read-only"
    if "disk is full" in lowered or "disk full" in lowered:
        return f"the disk holding the history database{place} is full"
    if "unable to open" in lowered:
        return f"cannot open the history database{place} (the folder is missing, read-only or not a folder)"
    return f"the history database{place} failed: {text}"


class Database:
    """A thread-safe handle on the database; `with db.transaction() as con:` for each unit of work."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else data_dir() / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._con = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            self._con.row_factory = sqlite3.Row
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute("PRAGMA synchronous=FULL")
            self._con.execute("PRAGMA foreign_keys=ON")
            self._con.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    @classmethod
    def in_dir(cls, directory: str | Path | None = None) -> "Database":
        return cls(data_dir(directory) / DB_NAME)

    @property
    def version(self) -> int:
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self.transaction() as con:  # BEGIN IMMEDIATE: two processes never migrate at once
            current = int(con.execute("PRAGMA user_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path} has schema version {current}, newer than this bot "
                                   f"({SCHEMA_VERSION}); upgrade the bot")
            for number in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        con.execute(statement)
                con.execute(f"PRAGMA user_version={number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield self._con
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._con.close()
