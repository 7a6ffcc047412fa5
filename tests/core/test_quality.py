"""Answer quality on question sets, through the same scoring as `python -m bot eval`.

tests/data/probe.jsonl is our own question set (written independently of the shared dev set, with
other phrasings); the shared dev set is scored too when it is present beside the checkout.
"""

from pathlib import Path

import pytest

from bot.core.answer import Answerer
from bot.core.evaluation import load_questions, score
from bot.core.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "data" / "probe.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def answerer():
    return Answerer(load_knowledge(ROOT / "knowledge" / "faq.yaml"))


def _report(answerer, path):
    def answer(text):
        result = answerer.ask(text)
        return result.answered, result.answer

    return score(answer, load_questions(path))


def _rate(report, *, answerable, lang=None):
    correct, total = report.accuracy(answerable=answerable, lang=lang)
    assert total, "the question set has no such questions"
    return correct / total


def test_probe_set_meets_the_quality_bar(answerer):
    report = _report(answerer, PROBE)
    assert _rate(report, answerable=True) >= 0.9
    assert _rate(report, answerable=False) >= 0.9
    assert _rate(report, answerable=True, lang="ko") >= 0.8
    assert report.confident_wrong <= 1


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not beside this checkout")
def test_shared_dev_set_meets_the_quality_bar(answerer):
    report = _report(answerer, DEV)
    assert _rate(report, answerable=True) >= 0.9
    assert _rate(report, answerable=False) >= 0.9
    assert _rate(report, answerable=True, lang="en") >= 0.9
    assert _rate(report, answerable=True, lang="ko") >= 0.85
