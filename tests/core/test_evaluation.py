"""Scoring a question set in the dev-set format (our own tiny sets, never the dev set itself)."""

from __future__ import annotations

import json

import pytest

from bot.core.answering.evaluation import Question, judge, load_questions, score


def write_set(tmp_path, records, name="set.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


RECORDS = [
    {"id": "t1", "q": "캠프 데이비드 정상회의 언제야?", "lang": "ko", "kind": "paraphrase", "expect": ["August", "2023"],
     "ref": "in August 2023"},
    {"id": "t2", "q": "캠프 데이비드 언제?", "lang": "ko", "kind": "ko", "expect": ["2023"], "ref": "in August 2023"},
    {"id": "t3", "q": "capital of France?", "lang": "en", "kind": "oos", "expect": "abstain", "ref": ""},
    {"id": "t4", "q": "who is the president", "lang": "en", "kind": "near", "expect": "abstain", "ref": ""},
]


def test_load_questions(tmp_path):
    questions = load_questions(write_set(tmp_path, RECORDS))
    assert [q.id for q in questions] == ["t1", "t2", "t3", "t4"]
    assert questions[0].expect == ("August", "2023") and questions[0].answerable
    assert questions[2].expect is None and not questions[2].answerable
    assert questions[1].lang == "ko" and questions[1].kind == "ko"


def test_load_questions_skips_blank_lines_and_defaults_lang(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('\n{"id": 7, "q": "x", "kind": "oos", "expect": "abstain"}\n\n', encoding="utf-8")
    [question] = load_questions(path)
    assert question.id == "7" and question.lang == "en"


@pytest.mark.parametrize("line", ["not json", '{"q": "no id", "kind": "oos", "expect": "abstain"}',
                                  '{"id": 1, "q": "x", "kind": "oos", "expect": 5}'])
def test_load_questions_names_the_bad_line(tmp_path, line):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{path}:2: not a question record"):
        load_questions(path)


def test_judge():
    answerable = Question("a", "q", "en", "date", ("August", r"20\d\d"))
    assert judge(answerable, True, "In august 2023.")  # case-insensitive
    assert not judge(answerable, True, "In August.")  # every pattern must match
    assert not judge(answerable, False, "August 2023")  # an abstention is never right for an answerable item
    abstain = Question("b", "q", "en", "near", None)
    assert judge(abstain, False, "The article doesn't say.")
    assert not judge(abstain, True, "anything")


def test_score_report():
    questions = [
        Question("1", "right", "en", "paraphrase", ("yes",)),
        Question("2", "wrong", "en", "typo", ("yes",)),
        Question("3", "right-ko", "ko", "ko", ("yes",)),
        Question("4", "abstained", "en", "oos", None),
        Question("5", "answered", "ko", "near", None),
    ]
    replies = {"right": (True, "yes"), "wrong": (True, "no"), "right-ko": (True, "YES"),
               "abstained": (False, "doesn't say"), "answered": (True, "confident")}
    report = score(lambda q: replies[q], questions)
    assert report.accuracy(answerable=True) == (2, 3)
    assert report.accuracy(answerable=False) == (1, 2)
    assert report.accuracy(answerable=True, lang="ko") == (1, 1)
    assert report.accuracy(answerable=True, kind="typo") == (0, 1)
    assert report.confident_wrong == 2  # "wrong" and "answered"
    assert [o.question.id for o in report.misses] == ["2", "5"]
    assert report.by("lang") == {(True, "en"): (1, 2), (True, "ko"): (1, 1), (False, "en"): (1, 1),
                                 (False, "ko"): (0, 1)}
    assert list(report.by("kind"))[:3] == [(True, "ko"), (True, "paraphrase"), (True, "typo")]


def test_score_with_the_real_answerer(tmp_path, answerer):
    def ask(text):
        answer = answerer.ask(text)
        return answer.answered, answer.answer

    report = score(ask, load_questions(write_set(tmp_path, RECORDS)))
    assert report.accuracy(answerable=True) == (2, 2)
    assert report.accuracy(answerable=False) == (2, 2)
    assert report.confident_wrong == 0
