"""The question log, votes, unanswered questions and stats, in a real SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.core.answering.answer import Answer, empty, not_answered
from bot.core.state.activity import ActivityLog, group_key
from bot.core.state.db import DB_NAME, SCHEMA_VERSION, Database


@pytest.fixture()
def log(tmp_path: Path) -> ActivityLog:
    return ActivityLog(data_dir=tmp_path)


def matched(question: str, entry_id: str) -> Answer:
    return Answer(question, True, "An answer.", "matched", entry_id=entry_id, score=0.93)


def test_database_is_wal_and_versioned(tmp_path: Path) -> None:
    db = Database.in_dir(tmp_path)
    assert db.version == SCHEMA_VERSION >= 1
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    db.close()
    Database.in_dir(tmp_path).close()  # opening again migrates nothing and keeps the data
    con = sqlite3.connect(tmp_path / DB_NAME)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(RuntimeError, match="newer than this bot"):
        Database.in_dir(tmp_path)


def test_bot_data_dir_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "somewhere"))
    ActivityLog().record_question(not_answered("Why?"), user_id="1", channel="c")
    assert (tmp_path / "somewhere" / DB_NAME).exists()


def test_unanswered_most_frequent_first_grouped_by_normalised_text(log: ActivityLog) -> None:
    for text, user in [("Who is the editor?", "1"), ("who is the EDITOR", "2"), ("Where is Dokdo?", "3"),
                       ("Who is the editor ?!", "4"), ("Is there pizza?", "5"), ("Is there pizza", "6")]:
        log.record_question(not_answered(text), user_id=user, channel="general")
    log.record_question(matched("Who wrote it?", "article-author"), user_id="1", channel="general")
    log.record_question(empty("   "), user_id="1", channel="general")
    rows = log.unanswered(limit=10)
    assert [(r.question, r.count) for r in rows] == [
        ("Who is the editor ?!", 3), ("Is there pizza", 2), ("Where is Dokdo?", 1)]
    assert rows[0].grouping == group_key("who is the editor")
    assert len(log.unanswered(limit=1)) == 1


def test_resolved_questions_leave_the_list_until_asked_again(log: ActivityLog) -> None:
    log.record_question(not_answered("Who is the editor?"), user_id="1", channel="c")
    log.resolve("who is the editor", "club-editor")
    assert log.unanswered() == []
    log.record_question(not_answered("Who is the editor?"), user_id="2", channel="c")
    assert [(r.question, r.count) for r in log.unanswered()] == [("Who is the editor?", 1)]


def test_votes_one_per_member_per_entry_latest_wins(log: ActivityLog) -> None:
    log.record_vote("summit-venue", user_id="1", helpful=True)
    log.record_vote("summit-venue", user_id="1", helpful=False)
    log.record_vote("summit-venue", user_id="2", helpful=True)
    log.record_vote("article-author", user_id="1", helpful=True)
    stats = log.stats()
    assert (stats.votes["summit-venue"].helpful, stats.votes["summit-venue"].not_helpful) == (1, 1)
    assert (stats.helpful, stats.not_helpful) == (2, 1)


def test_stats(log: ActivityLog) -> None:
    for _ in range(3):
        log.record_question(matched("Where was the summit?", "summit-venue"), user_id="1", channel="c")
    log.record_question(matched("Who wrote it?", "article-author"), user_id=None, channel="console")
    log.record_question(not_answered("Is there pizza?"), user_id="2", channel="c")
    log.record_vote("summit-venue", user_id="1", helpful=True)
    stats = log.stats(top=1)
    assert (stats.asked, stats.answered, stats.abstained) == (5, 4, 1)
    assert [(s.entry_id, s.answered, s.helpful) for s in stats.top_entries] == [("summit-venue", 3, 1)]
    assert stats.votes["article-author"].answered == 1


def test_two_logs_on_one_database_see_each_other(tmp_path: Path) -> None:
    first, second = ActivityLog(data_dir=tmp_path), ActivityLog(data_dir=tmp_path)
    first.record_question(not_answered("Why?"), user_id="1", channel="c")
    second.record_question(not_answered("why"), user_id="2", channel="c")
    assert first.unanswered()[0].count == 2
