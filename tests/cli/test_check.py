"""`python -m bot check [PATH]`: exit codes and file:line:col output."""

from __future__ import annotations

import re

import pytest

import bot.cli


@pytest.fixture(autouse=True)
def _bundled_knowledge_by_default(monkeypatch):
    """A developer's own BOT_KNOWLEDGE must not change what these tests run on."""
    monkeypatch.delenv("BOT_KNOWLEDGE", raising=False)


def test_check_bundled_ok(run_bot, bundled_knowledge):
    result = run_bot("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{bundled_knowledge.path}: OK: {len(bundled_knowledge.entries)} entries, "
                                    f"{len(bundled_knowledge.dates)} key dates, "
                                    f"{len(bundled_knowledge.article.paragraphs)} paragraphs")
    assert f"(version {bundled_knowledge.version})" in result.stdout
    assert result.stderr == ""


def test_check_path_ok(capsys, make_knowledge):
    path = make_knowledge()
    assert bot.cli.main(["check", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: OK: 1 entries, 1 key dates, 12 paragraphs")


def test_check_failing_reports_file_line_column(run_bot, make_knowledge, minimal_faq):
    text = (minimal_faq.replace('paragraph: 2\n      quote: "first', 'paragraph: 13\n      quote: "first')
            .replace('    answer: "At Camp David."\n', '    answer: "At Camp David."\n    colour: blue\n'))
    path = make_knowledge(text)
    result = run_bot("check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:15:5: unknown key 'colour' in an entry")
    assert lines[1] == f"{path}:17:18: entry 'summit-venue' cites paragraph 13, but the article has 12"
    assert lines[-1] == f"{path}: 2 problems"
    for line in lines[:-1]:
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: \S", line)
    assert "Traceback" not in result.stderr


def test_check_one_problem_is_singular(capsys, make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace('"first stand-alone summit at Camp David"', '"first summit ever"'))
    assert bot.cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{path}:17:14: the quote of entry 'summit-venue' is not verbatim in paragraph 2", f"{path}: 1 problem"]


def test_check_malformed_yaml(capsys, make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace('answer: "At Camp David."', 'answer "At Camp David."'))  # no ':'
    assert bot.cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:14:5: malformed YAML")
    assert err[1] == f"{path}: 1 problem"


def test_check_missing_file(capsys, tmp_path):
    path = tmp_path / "missing.yaml"
    assert bot.cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:1:1: cannot read the knowledge file")


def test_check_uses_knowledge_option_and_environment(capsys, monkeypatch, make_knowledge, minimal_faq):
    bad = make_knowledge(minimal_faq.replace("id: summit-venue", "id: summit"), name="bad.yaml")
    good = make_knowledge(minimal_faq, name="good.yaml")
    assert bot.cli.main(["--knowledge", str(bad), "check"]) == 1
    assert f"{bad}:12:9: duplicate id 'summit'" in capsys.readouterr().err
    monkeypatch.setenv("BOT_KNOWLEDGE", str(bad))
    assert bot.cli.main(["check"]) == 1
    assert str(bad) in capsys.readouterr().err
    assert bot.cli.main(["check", str(good)]) == 0  # an explicit PATH wins
    assert capsys.readouterr().out.startswith(f"{good}: OK")


def test_check_environment_in_a_subprocess(run_bot, make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace('answer: "At Camp David."', "answer: ''"))
    result = run_bot("check", env={"BOT_KNOWLEDGE": str(path)})
    assert result.returncode == 1
    assert f"{path}:14:13: the answer of entry 'summit-venue' is empty" in result.stderr
