"""What members asked and how answers were received: the question log, votes, unanswered questions, stats.

Adapters call `record_question` for every answer they give and `record_vote` for every helpful /
not-helpful click; moderators read `unanswered()` and `stats()`. Stored in the bot's SQLite database
(bot.core.state.db). Discord-free: user ids and channels are plain strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.answering.answer import EMPTY, Answer
from bot.core.state.db import Database
from bot.core.text import group_key  # noqa: F401  (the grouping key, stored with each question)


@dataclass(frozen=True, slots=True)
class UnansweredQuestion:
    """Questions the bot could not answer, grouped by their normalised text."""

    question: str  # the most recent wording asked
    grouping: str  # the normalised text that groups them
    count: int  # how many times it was asked
    last_asked: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class EntryStats:
    entry_id: str
    answered: int  # how many questions this entry answered
    helpful: int
    not_helpful: int


@dataclass(frozen=True, slots=True)
class Stats:
    asked: int  # every question recorded (empty ones excluded)
    answered: int
    abstained: int  # "the article doesn't say"
    top_entries: tuple[EntryStats, ...]  # most-used first
    votes: dict[str, EntryStats] = field(default_factory=dict)  # every entry that has votes or answers

    @property
    def helpful(self) -> int:
        return sum(s.helpful for s in self.votes.values())

    @property
    def not_helpful(self) -> int:
        return sum(s.not_helpful for s in self.votes.values())




def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class ActivityLog:
    def __init__(self, db: Database | None = None, *, data_dir: str | Path | None = None):
        self.db = db if db is not None else Database.in_dir(data_dir)

    def record_question(self, answer: Answer, *, user_id: str | None, channel: str) -> None:
        """Log one question and what the bot answered. Empty questions are not logged."""
        if answer.reason == EMPTY:
            return
        with self.db.transaction() as con:
            con.execute(
                "INSERT INTO questions (at, user_id, channel, question, grouping, answered, reason, entry_id, score)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), user_id, channel, answer.question, group_key(answer.question), int(answer.answered),
                 answer.reason, answer.entry_id, float(answer.score)),
            )

    def record_vote(self, entry_id: str, *, user_id: str, helpful: bool) -> None:
        """One vote per member per entry: voting again replaces the earlier vote."""
        with self.db.transaction() as con:
            con.execute(
                "INSERT INTO votes (entry_id, user_id, helpful, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (entry_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
                (entry_id, str(user_id), int(helpful), _now()),
            )

    def unanswered(self, limit: int = 10) -> list[UnansweredQuestion]:
        """Questions the bot could not answer, most frequent first (then most recent); resolved ones left out."""
        rows = self.db.query(
            """
            SELECT q.grouping, COUNT(*) AS n, MAX(q.at) AS last_asked,
                   (SELECT q2.question FROM questions q2 WHERE q2.answered = 0 AND q2.grouping = q.grouping
                    ORDER BY q2.id DESC LIMIT 1) AS question
            FROM questions q LEFT JOIN resolved r ON r.grouping = q.grouping
            WHERE q.answered = 0 AND q.grouping != '' AND (r.up_to IS NULL OR q.id > r.up_to)
            GROUP BY q.grouping
            ORDER BY n DESC, MAX(q.id) DESC
            LIMIT ?
            """,
            (int(limit),),
        )
        return [UnansweredQuestion(r["question"], r["grouping"], r["n"], r["last_asked"]) for r in rows]

    def resolve(self, question: str, entry_id: str) -> None:
        """A moderator answered this question with an entry: drop it from `unanswered()` (until asked again
        and still not answered)."""
        with self.db.transaction() as con:
            con.execute(
                "INSERT INTO resolved (grouping, entry_id, up_to)"
                " VALUES (?, ?, (SELECT COALESCE(MAX(id), 0) FROM questions))"
                " ON CONFLICT (grouping) DO UPDATE SET entry_id = excluded.entry_id, up_to = excluded.up_to",
                (group_key(question), entry_id),
            )

    def stats(self, top: int = 5) -> Stats:
        totals = self.db.query("SELECT COUNT(*) AS asked, COALESCE(SUM(answered), 0) AS answered FROM questions")[0]
        per_entry: dict[str, list[int]] = {}
        for row in self.db.query("SELECT entry_id, COUNT(*) AS n FROM questions WHERE entry_id IS NOT NULL "
                                 "AND answered = 1 GROUP BY entry_id"):
            per_entry.setdefault(row["entry_id"], [0, 0, 0])[0] = row["n"]
        for row in self.db.query("SELECT entry_id, SUM(helpful) AS yes, SUM(1 - helpful) AS no FROM votes "
                                 "GROUP BY entry_id"):
            counts = per_entry.setdefault(row["entry_id"], [0, 0, 0])
            counts[1], counts[2] = row["yes"], row["no"]
        entries = {eid: EntryStats(eid, *counts) for eid, counts in per_entry.items()}
        ranked = sorted((s for s in entries.values() if s.answered), key=lambda s: (-s.answered, s.entry_id))
        return Stats(
            asked=totals["asked"],
            answered=totals["answered"],
            abstained=totals["asked"] - totals["answered"],
            top_entries=tuple(ranked[:top]),
            votes=entries,
        )
