"""`python -m bot eval FILE [--min-answerable P] [--min-abstain P] [--quiet]` on tiny question sets of our own."""

from __future__ import annotations

import json

import pytest

import bot.cli


@pytest.fixture(autouse=True)
def _bundled_knowledge_by_default(monkeypatch):
    """A developer's own BOT_KNOWLEDGE must not change what these tests run on."""
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)


GOOD = [
    {"id": "e1", "q": "when was the camp david summit", "lang": "en", "kind": "paraphrase",
     "expect": ["August", "2023"], "ref": "in August 2023"},
    {"id": "e2", "q": "wen did the air forces do there first drill", "lang": "en", "kind": "typo",
     "expect": ["October 22"], "ref": "On October 22"},
    {"id": "k1", "q": "독도 문제는 어떻게 됐어?", "lang": "ko", "kind": "ko", "expect": ["Dokdo|독도"],
     "ref": "the conflict over Dokdo has not been resolved"},
    {"id": "m1", "q": "Chip 4 동맹이 뭐야?", "lang": "mixed", "kind": "mixed", "expect": ["Chip 4"],
     "ref": "Chip 4"},
    {"id": "o1", "q": "how do I bake bread", "lang": "en", "kind": "oos", "expect": "abstain", "ref": ""},
    {"id": "n1", "q": "오늘 날씨 어때?", "lang": "ko", "kind": "oos", "expect": "abstain", "ref": ""},
]
# answerable items the bot gets wrong on purpose (the expected fact is not what the article says)
WRONG = [
    {"id": "w1", "q": "when was the camp david summit", "lang": "en", "kind": "date", "expect": ["1999"], "ref": ""},
    {"id": "w2", "q": "what is chip 4", "lang": "en", "kind": "keyword", "expect": ["Mars"], "ref": ""},
]
# an abstain item the bot answers
ANSWERED = [{"id": "a1", "q": "when was the camp david summit", "lang": "en", "kind": "near", "expect": "abstain",
             "ref": ""}]


def write(tmp_path, records, name="questions.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_passing_set(capsys, tmp_path):
    path = write(tmp_path, GOOD)
    assert bot.cli.main(["eval", str(path), "--min-answerable", "0.9", "--min-abstain", "0.9"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "answerable: 4/4 (100.0%)" in out
    assert "abstain:    2/2 (100.0%)" in out
    assert "confident wrong answers: 0" in out
    assert "misses:" not in out
    assert "FAIL" not in captured.err


def test_per_language_and_per_kind_lines(capsys, tmp_path):
    path = write(tmp_path, GOOD + WRONG)
    bot.cli.main(["eval", str(path)])
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["answerable", "en", "2/4", "(50.0%)"] in lines
    assert ["answerable", "ko", "1/1", "(100.0%)"] in lines
    assert ["answerable", "mixed", "1/1", "(100.0%)"] in lines
    assert ["abstain", "en", "1/1", "(100.0%)"] in lines
    assert ["abstain", "ko", "1/1", "(100.0%)"] in lines
    assert ["typo", "yes", "1/1", "(100.0%)"] in lines
    assert ["date", "yes", "0/1", "(0.0%)"] in lines
    assert ["oos", "no", "2/2", "(100.0%)"] in lines


def test_failing_min_answerable(capsys, tmp_path):
    path = write(tmp_path, GOOD + WRONG)  # answerable 4/6
    assert bot.cli.main(["eval", str(path), "--min-answerable", "0.9"]) == 1
    captured = capsys.readouterr()
    assert "FAIL: answerable accuracy 66.7% is below 90%" in captured.err
    assert "misses:" in captured.out
    assert "w1 [date/en] 'when was the camp david summit' -> answered:" in captured.out
    assert "confident wrong answers: 2" in captured.out
    # the same set passes a lower bar
    assert bot.cli.main(["eval", str(path), "--min-answerable", "0.6"]) == 0


def test_failing_min_abstain(capsys, tmp_path):
    path = write(tmp_path, GOOD + ANSWERED)  # abstain 2/3
    assert bot.cli.main(["eval", str(path), "--min-answerable", "0.9", "--min-abstain", "0.9"]) == 1
    captured = capsys.readouterr()
    assert "FAIL: abstain accuracy 66.7% is below 90%" in captured.err
    assert "FAIL: answerable" not in captured.err
    assert "a1 [near/en]" in captured.out


def test_quiet_hides_the_misses(capsys, tmp_path):
    path = write(tmp_path, GOOD + WRONG)
    bot.cli.main(["eval", str(path), "--quiet"])
    out = capsys.readouterr().out
    assert "misses:" not in out and "answerable: 4/6" in out


def test_no_minimums_never_fail(capsys, tmp_path):
    assert bot.cli.main(["eval", str(write(tmp_path, WRONG + ANSWERED))]) == 0
    assert "answerable: 0/2 (0.0%)" in capsys.readouterr().out


@pytest.mark.parametrize("content", ["{not json}\n", '{"id": "x", "q": "y"}\n'])
def test_bad_question_file(capsys, tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    assert bot.cli.main(["eval", str(path)]) == 2
    assert f"error: {path}:1: not a question record" in capsys.readouterr().err


def test_missing_question_file(capsys, tmp_path):
    assert bot.cli.main(["eval", str(tmp_path / "none.jsonl")]) == 2
    assert "error:" in capsys.readouterr().err


def test_eval_subprocess_exit_codes(run_bot, tmp_path):
    path = write(tmp_path, GOOD + WRONG)
    passing = run_bot("eval", str(path), "--min-answerable", "0.5", "--min-abstain", "0.9")
    assert passing.returncode == 0, passing.stderr
    failing = run_bot("eval", str(path), "--min-answerable", "0.9")
    assert failing.returncode == 1
    assert "FAIL: answerable accuracy" in failing.stderr
    assert "answerable ko" in " ".join(failing.stdout.split())


def test_eval_with_another_knowledge_file(capsys, tmp_path, make_knowledge):
    # the tmp knowledge (one entry: the summit venue) is the one answering
    club = make_knowledge()
    path = write(tmp_path, [{"id": "v", "q": "where was the first stand-alone summit", "lang": "en",
                             "kind": "paraphrase", "expect": ["Camp David"], "ref": ""}])
    assert bot.cli.main(["eval", "--knowledge", str(club), str(path), "--min-answerable", "1"]) == 0
    assert "answerable: 1/1" in capsys.readouterr().out
