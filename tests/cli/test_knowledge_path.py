"""One default knowledge path: `ask`, `faq` and `run` started from any folder read the same file.

The rule (bot.settings.knowledge_path): --knowledge, else BOT_KNOWLEDGE (environment, then .env in the working
directory), else the bundled knowledge/faq.yaml of the install, never a knowledge/faq.yaml that happens to
sit in the working directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.cli.run import _prepare
from bot.discord_bot.config import load_config
from bot.settings import BUNDLED_KNOWLEDGE, knowledge_path

ROOT = Path(__file__).resolve().parents[2]

#: A knowledge file of our own: its one entry has an answer the bundled file doesn't.
DECOY = """\
version: 1
article: article.md
entries:
  - id: club-room
    question: "Where does the newspaper club meet?"
    answer: "In the decoy room, {where}."
    tags: [club]
"""
QUESTION = "Where does the newspaper club meet?"


def knowledge_in(folder: Path, where: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "knowledge" / "article.md", folder / "article.md")
    path = folder / "faq.yaml"
    path.write_text(DECOY.format(where=where), encoding="utf-8")
    return path


def ask(cwd: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_KNOWLEDGE", "PYTHONPATH")}
    done = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", QUESTION], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout.splitlines()[0])


def run_config(cwd: Path, monkeypatch: pytest.MonkeyPatch):
    """What `python -m bot run` started in `cwd` would serve (its start-up, without connecting)."""
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)
    monkeypatch.setenv("DISCORD_TOKEN", "not-used")
    monkeypatch.setenv("BOT_DATA_DIR", str(cwd / "data"))
    args = build_parser().parse_args(["run"])
    if not hasattr(args, "knowledge"):  # as bot.cli.main() does
        from bot.cli import default_knowledge_path

        args.knowledge = default_knowledge_path()
    config, live, activity = _prepare(args)
    if activity is not None and hasattr(activity, "close"):
        activity.close()
    return config, live


def test_from_another_folder_ask_and_run_both_read_the_bundled_file_not_the_folders(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    knowledge_in(elsewhere / "knowledge", "found by the working directory")  # a knowledge/faq.yaml right there
    answer = ask(elsewhere)
    assert "decoy" not in answer["answer"]
    config, live = run_config(elsewhere, monkeypatch)
    assert config.knowledge.resolve() == BUNDLED_KNOWLEDGE.resolve()
    assert "decoy" not in live.ask(QUESTION).answer
    assert live.ask(QUESTION).answer == answer["answer"], "ask and run answer from the same file"


def test_bot_knowledge_in_dotenv_is_read_by_ask_and_run_alike(tmp_path, monkeypatch):
    folder = tmp_path / "bot-folder"
    mine = knowledge_in(folder / "kb", "named in .env")
    (folder / ".env").write_text("BOT_KNOWLEDGE=kb/faq.yaml\n", encoding="utf-8")
    assert "decoy room, named in .env" in ask(folder)["answer"]
    config, live = run_config(folder, monkeypatch)
    assert config.knowledge.resolve() == mine.resolve()
    assert "decoy room, named in .env" in live.ask(QUESTION).answer


def test_the_rule_in_one_place():
    assert knowledge_path(None, {}) == BUNDLED_KNOWLEDGE and BUNDLED_KNOWLEDGE.is_file()
    assert knowledge_path(None, {"BOT_KNOWLEDGE": " x/faq.yaml "}) == Path("x/faq.yaml")
    assert knowledge_path(Path("flag.yaml"), {"BOT_KNOWLEDGE": "x/faq.yaml"}) == Path("flag.yaml")
    assert load_config({"DISCORD_TOKEN": "t"}).knowledge == BUNDLED_KNOWLEDGE
    assert load_config({"DISCORD_TOKEN": "t", "BOT_KNOWLEDGE": "x.yaml"}).knowledge == Path("x.yaml")
    assert isinstance(build_parser(), argparse.ArgumentParser)
