"""`python -m bot ask [--json] QUESTION | -`, the --knowledge / BOT_KNOWLEDGE choice, and no discord on this path."""

from __future__ import annotations

import io
import json
import sys

import pytest

import bot.cli


@pytest.fixture(autouse=True)
def _bundled_knowledge_by_default(monkeypatch):
    """A developer's own BOT_KNOWLEDGE must not change what these tests run on."""
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)


KEYS = ["question", "answered", "answer", "entry_id", "question_matched", "score", "source", "suggestions"]

CLUB_FAQ = """\
version: 1
article: article.md
entries:
  - id: club-meetings
    question: "When does the newspaper club meet?"
    answer: "The newspaper club meets every Tuesday after school."
    tags: [club]
"""


def test_ask_plain(capsys, bundled_knowledge):
    assert bot.cli.main(["ask", "when", "was", "the", "camp", "david", "summit"]) == 0
    out = capsys.readouterr().out
    entry = bundled_knowledge.entry("camp-david-when")
    assert " ".join(entry.answer.split()) in " ".join(out.split())
    assert f"Source: Paragraph 2 of “{bundled_knowledge.article.title}”" in " ".join(out.split())
    assert entry.source.quote in " ".join(out.split())
    assert f"(matched: {entry.question}" in " ".join(out.split())
    assert "Q:" not in out  # one question: no echo


def test_ask_plain_abstains_with_suggestions(capsys):
    assert bot.cli.main(["ask", "When did the air forces start?"]) == 0
    out = capsys.readouterr().out
    assert "I can't match that to the article with confidence." in out
    assert "Did you mean:" in out and "    1. " in out


def test_ask_plain_off_topic(capsys):
    assert bot.cli.main(["ask", "who won the world cup"]) == 0
    out = capsys.readouterr().out
    assert "The article doesn't say." in out and "Did you mean" not in out


def test_ask_json(capsys):
    assert bot.cli.main(["ask", "--json", "In which city was the first Indo-Pacific Dialogue?"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert list(data) == KEYS
    assert data["answered"] is True and data["entry_id"] == "indo-pacific-dialogue-place"
    assert data["source"]["paragraph"] == 4 and "Washington" in data["source"]["quote"]
    assert data["question"] == "In which city was the first Indo-Pacific Dialogue?"


def test_ask_json_keeps_korean_readable(capsys):
    assert bot.cli.main(["ask", "--json", "독도 문제는 어떻게 됐어?"]) == 0
    out = capsys.readouterr().out
    assert "독도 문제는" in out  # not \\uXXXX escapes
    assert json.loads(out)["entry_id"] == "dokdo-conflict"


QUESTIONS = ["when was the camp david summit", "", "   ", "When did the air forces start?", "what is chip 4",
             "who won the world cup", "캠프 데이비드 정상회의 언제?"]


def test_ask_stdin_json_one_object_per_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(QUESTIONS) + "\n"))
    assert bot.cli.main(["ask", "--json", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    asked = [q for q in QUESTIONS if q.strip()]
    assert len(lines) == len(asked)  # blank lines are skipped
    records = [json.loads(line) for line in lines]
    for record, question in zip(records, asked):
        assert list(record) == KEYS and record["question"] == question
        assert isinstance(record["answered"], bool) and record["answer"]
        assert len(record["suggestions"]) <= 3
        if record["answered"]:
            assert set(record["source"]) == {"paragraph", "quote"}
    assert [r["answered"] for r in records] == [True, False, True, False, True]
    assert records[2]["entry_id"] == "chip4-what"
    assert records[1]["suggestions"]


def test_ask_stdin_plain_echoes_each_question(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("what is chip 4\nwho wrote the article\n"))
    assert bot.cli.main(["ask", "-"]) == 0
    out = capsys.readouterr().out
    assert out.index("Q: what is chip 4") < out.index("Chip 4") < out.index("Q: who wrote the article") < out.index(
        "Si-ho Park")


def test_ask_subprocess_stdin_json(run_bot):
    result = run_bot("ask", "--json", "-", input="what does FKI stand for\n\nwho is the prime minister of Japan\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["entry_id"] for r in records] == ["fki-full-name", None]
    assert [r["answered"] for r in records] == [True, False]
    assert all(list(r) == KEYS for r in records)


def test_ask_needs_a_question(capsys):
    with pytest.raises(SystemExit) as info:
        bot.cli.main(["ask"])
    assert info.value.code == 2
    assert "question" in capsys.readouterr().err


# --- choosing the knowledge file ----------------------------------------------------------------


def test_knowledge_option_before_and_after_the_command(capsys, make_knowledge):
    path = make_knowledge(CLUB_FAQ)
    for argv in (["--knowledge", str(path), "ask", "--json", "when does the newspaper club meet?"],
                 ["ask", "--knowledge", str(path), "--json", "when does the newspaper club meet?"]):
        assert bot.cli.main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["entry_id"] == "club-meetings" and data["source"] is None, argv


def test_bundled_knowledge_is_the_default(capsys, monkeypatch):
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)
    assert bot.cli.main(["ask", "--json", "when does the newspaper club meet?"]) == 0
    assert json.loads(capsys.readouterr().out)["entry_id"] != "club-meetings"


def test_bot_knowledge_environment_variable(run_bot, make_knowledge):
    path = make_knowledge(CLUB_FAQ)
    result = run_bot("ask", "--json", "when does the newspaper club meet?", env={"BOT_KNOWLEDGE": str(path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answer"] == "The newspaper club meets every Tuesday after school."


def test_knowledge_option_beats_the_environment(capsys, monkeypatch, make_knowledge):
    club = make_knowledge(CLUB_FAQ)
    monkeypatch.setenv("BOT_KNOWLEDGE", str(club.parent / "does-not-exist.yaml"))
    assert bot.cli.main(["ask", "--knowledge", str(club), "--json", "when does the newspaper club meet?"]) == 0
    assert json.loads(capsys.readouterr().out)["entry_id"] == "club-meetings"


def test_invalid_knowledge_is_one_clear_error(capsys, make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace('answer: "At Camp David."', 'answer: ""'))
    assert bot.cli.main(["--knowledge", str(path), "ask", "anything"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error: invalid knowledge:" in captured.err
    assert f"{path}:14:13: the answer of entry 'summit-venue' is empty" in captured.err
    assert "Traceback" not in captured.err


def test_missing_knowledge_file(run_bot, tmp_path):
    result = run_bot("--knowledge", str(tmp_path / "nope.yaml"), "ask", "hi")
    assert result.returncode == 2
    assert f"{tmp_path / 'nope.yaml'}:1:1: cannot read the knowledge file" in result.stderr
    assert "Traceback" not in result.stderr


# --- the Q&A path never imports discord -----------------------------------------------------------


def test_python_m_bot_ask_imports_no_discord():
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "BOT_KNOWLEDGE"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot", "ask", "when was camp david"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "August 2023" in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert "bot.core.answering.answer" in imported  # the import log is really there
    assert not [m for m in imported if m == "discord" or m.startswith("discord.")]


def test_in_process_ask_leaves_discord_unimported():
    import os
    import subprocess
    from pathlib import Path

    code = ("import sys, contextlib, io\n"
            "import bot.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    code = bot.cli.main(['ask', '--json', 'what is chip 4'])\n"
            "print(code, sorted(m for m in sys.modules if m == 'discord' or m.startswith('discord.')))\n")
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "BOT_KNOWLEDGE"}
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0 []", result.stderr


# --- undecodable bytes (a strict UTF-8 locale, e.g. en_US.UTF-8) are a question, not a traceback ----------


def test_undecodable_stdin_is_not_a_traceback(run_bot):
    result = run_bot("ask", "--json", "-", input=b"when was the camp david summit \xff\xfe\n", text=False,
                     env={"PYTHONIOENCODING": "utf-8:strict"})
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0
    [record] = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert record["entry_id"] == "camp-david-when"


@pytest.mark.parametrize("encoding", ["utf-8:strict", ""])
def test_undecodable_argument_gives_valid_utf8_json(run_bot, encoding):
    result = run_bot("ask", "--json", b"when was the camp david summit \xff", text=False,
                     env={"PYTHONIOENCODING": encoding})
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0
    record = json.loads(result.stdout.decode("utf-8"))  # strict: the output is UTF-8 whatever came in
    assert record["entry_id"] == "camp-david-when"
