"""`python -m bot faq ...`: the terminal side of moderation, same checks and history as Discord."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.editing.history import History
from bot.core.knowledge.faq import load_knowledge

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "moderation" / "faq.yaml"


@pytest.fixture()
def faq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "kb").mkdir()
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "kb" / "article.md")
    shutil.copy(SAMPLE, tmp_path / "kb" / "faq.yaml")
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BOT_MODERATOR", raising=False)
    return tmp_path / "kb" / "faq.yaml"


def faq_cli(faq: Path, *args: str) -> int:
    return main(["faq", *args, "--knowledge", str(faq)])


def test_add_prints_the_new_id_and_records_who(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = faq_cli(faq, "add", "--question", "What did the FKI aim to hold?", "--answer", "Business summits.",
                   "--alias", "FKI plan?", "--alias", "FKI 계획?", "--quote", "regular business summits",
                   "--by", "alice")
    out = capsys.readouterr()
    assert code == 0 and out.out == "fki-aim\n"
    entry = load_knowledge(faq).entry("fki-aim")
    assert entry.alternates == ("FKI plan?", "FKI 계획?") and entry.source.paragraph == 10
    [change] = History(faq).changes()
    assert (change.by, change.via, change.action) == ("alice", "terminal", "add")


def test_a_club_entry_needs_no_quote(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert faq_cli(faq, "add", "--question", "When is the deadline?", "--answer", "Friday.") == 0
    assert "club entry" in capsys.readouterr().err
    assert load_knowledge(faq).entry("deadline").tags == ("club",)


@pytest.mark.parametrize("args, reason", [
    (["add", "--question", "Q?", "--answer", "A.", "--quote", "the moon landing"], "not in the article"),
    (["add", "--question", "Q?", "--answer", " "], "the answer is empty"),
    (["add", "--question", "Who wrote the article?", "--answer", "Me."], "duplicates"),
    (["edit", "nope", "--answer", "x"], "no entry 'nope'"),
    (["remove", "nope"], "no entry 'nope'"),
    (["alias", "summit-venue", "Who wrote the article?"], "article-author"),
    (["undo"], "nothing to undo"),
])
def test_refused_changes_exit_non_zero_with_the_reason(faq: Path, capsys: pytest.CaptureFixture[str],
                                                       args: list[str], reason: str) -> None:
    before = faq.read_bytes()
    assert faq_cli(faq, *args) == 1
    out = capsys.readouterr()
    assert reason in out.err and out.out == ""
    assert faq.read_bytes() == before


def test_edit_only_the_given_fields(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = load_knowledge(faq).entry("summit-venue")
    assert faq_cli(faq, "edit", "summit-venue", "--answer", "Camp David.") == 0
    new = load_knowledge(faq).entry("summit-venue")
    assert (new.question, new.alternates, new.source, new.answer) == \
        (old.question, old.alternates, old.source, "Camp David.")
    assert faq_cli(faq, "edit", "summit-venue", "--alias", "venue?") == 0
    assert load_knowledge(faq).entry("summit-venue").alternates == ("venue?",)
    assert faq_cli(faq, "edit", "summit-venue", "--no-aliases") == 0
    assert load_knowledge(faq).entry("summit-venue").alternates == ()
    capsys.readouterr()
    before = faq.read_bytes()
    assert faq_cli(faq, "edit", "summit-venue", "--answer", "Camp David.") == 0
    assert "no change" in capsys.readouterr().err and faq.read_bytes() == before


def test_list_show_history_undo(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = faq.read_bytes()
    assert faq_cli(faq, "list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[2] == "club-meeting-room\tclub\tWhere does the newspaper club meet?"
    assert faq_cli(faq, "show", "aerial-exercise") == 0
    assert capsys.readouterr().out.startswith("  - id: aerial-exercise\n    question:")
    assert faq_cli(faq, "alias", "aerial-exercise", "air drill date?", "--by", "bob") == 0
    assert faq_cli(faq, "remove", "club-meeting-room", "--by", "carol") == 0
    capsys.readouterr()
    assert faq_cli(faq, "history", "-v") == 0
    out = capsys.readouterr().out
    assert "carol via terminal: remove club-meeting-room" in out and "bob via terminal: alias aerial-exercise" in out
    assert "  after: (none)" in out
    assert faq_cli(faq, "history", "aerial-exercise") == 0
    assert "remove" not in capsys.readouterr().out
    assert faq_cli(faq, "undo", "--by", "dave") == 0
    assert "undid change #2 (remove club-meeting-room)" in capsys.readouterr().out
    assert faq_cli(faq, "undo") == 0
    assert faq.read_bytes() == original


def test_a_broken_file_is_refused_with_file_line_column(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    faq.write_text(faq.read_text(encoding="utf-8").replace("    answer: \"Si-ho Park, a reporter.\"\n", ""),
                   encoding="utf-8")
    before = faq.read_bytes()
    assert faq_cli(faq, "alias", "summit-venue", "venue?") == 1
    err = capsys.readouterr().err
    assert f"{faq}:" in err and "missing required key 'answer'" in err
    assert faq.read_bytes() == before


def test_the_real_command_in_a_subprocess(faq: Path) -> None:
    env = {**os.environ, "BOT_MODERATOR": "eve"}
    result = subprocess.run([sys.executable, "-m", "bot", "faq", "add", "--knowledge", str(faq), "--question",
                             "Where is the printer?", "--answer", "Room 101."],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "printer\n"
    assert History(faq).changes()[0].by == "eve"


def test_settings_in_dotenv_are_the_bots(faq: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Run from the bot's folder, the terminal edits the bot's knowledge file and writes the bot's history."""
    monkeypatch.delenv("BOT_DATA_DIR")
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"BOT_KNOWLEDGE={faq}\nBOT_DATA_DIR={tmp_path / 'bot-data'}\n"
                                   "BOT_MODERATOR=frank\n", encoding="utf-8")
    assert main(["faq", "alias", "summit-venue", "venue of the summit?"]) == 0
    assert "venue of the summit?" in load_knowledge(faq).entry("summit-venue").alternates
    [change] = History(faq, data_dir=tmp_path / "bot-data").changes()
    assert change.by == "frank"
