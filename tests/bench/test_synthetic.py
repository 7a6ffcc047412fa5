"""The distractor generator: deterministic, nested, realistic in shape, and never about the article."""

from __future__ import annotations

import re

from bot.bench import synthetic
from bot.bench.baselines import Hit
from bot.bench.quality import baseline_curve, best_accuracy_cutoff, same_risk_cutoff
from bot.bench.speed import percentile
from bot.core.answering.evaluation import Question


def test_deterministic_and_nested():
    big = synthetic.distractors(600)
    assert synthetic.distractors(600) == big
    assert synthetic.distractors(200) == big[:200]
    assert synthetic.distractors(50, seed=1) != big[:50]
    assert len({e.id for e in big}) == 600


def test_entries_look_like_faq_entries():
    entries = synthetic.distractors(2000)
    alternates = [len(e.alternates) for e in entries]
    assert 4 <= sum(alternates) / len(alternates) <= 6
    assert any(re.search(r"[\uac00-\ud7a3]", a) for e in entries for a in e.alternates)  # some Korean
    assert len({e.question for e in entries}) > 0.95 * len(entries)  # varied, not a handful of templates
    assert len({w for e in entries for w in e.question.lower().split()}) > 800
    for e in entries:
        assert e.question and e.answer and synthetic.TAG in e.tags and synthetic.is_synthetic(e.id)


def test_distractors_cannot_answer_the_article():
    # Years 2005-2019 only, and none of the article's own names: a distractor can never carry a
    # fact the dev set expects (2023-2024 dates, Camp David, FKI, Chip 4, ...).
    article_words = re.compile(r"camp david|trilateral|indo-pacific|fki|chip 4|dokdo|north korea|japan|"
                               r"washington|si-ho park|9433", re.IGNORECASE)
    for e in synthetic.distractors(3000):
        text = " ".join((e.question, *e.alternates, e.answer))
        assert not article_words.search(text), text
        assert all(2005 <= int(y) <= 2019 for y in re.findall(r"\b(?:19|20)\d\d\b", text)), text


def _point(cutoff, answerable_right, abstain_right, wrong, answered=0, questions=10):
    return {"cutoff": cutoff, "answerable_right": answerable_right, "answerable": 6, "abstain_right": abstain_right,
            "abstain": 4, "confident_wrong": wrong, "answered": answered, "questions": questions}


def test_cutoff_fitting_and_percentile():
    points = [_point(10, 6, 1, 4), _point(20, 6, 3, 2), _point(30, 5, 3, 1), _point(None, 0, 4, 0)]
    assert best_accuracy_cutoff(points) == 20  # 9 correct
    tied = [_point(10, 6, 2, 3), _point(20, 5, 3, 1), _point(None, 0, 4, 0)]
    assert best_accuracy_cutoff(tied) == 20  # 8 correct at both: fewer confident wrong wins
    assert same_risk_cutoff(points, budget=0.1) == 30  # the lowest cut-off with at most 1 wrong in 10
    assert same_risk_cutoff(points, budget=0.0) == float("inf")  # only 'never answer' is that safe
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 99) == 99


def test_baseline_curve_sweeps_every_cutoff():
    questions = [Question("a", "when?", "en", "date", ("2023",)), Question("b", "where?", "en", "paraphrase", ("seoul",)),
                 Question("c", "who won?", "en", "near", None), Question("d", "nothing", "en", "oos", None)]
    hits = [Hit(0.9, "in 2023", "e1"), Hit(0.5, "in Tokyo", "e2"), Hit(0.7, "someone", "e3"), None]
    points = baseline_curve(questions, hits)
    assert [p["cutoff"] for p in points] == [0.5, 0.7, 0.9, None]  # lowest first, 'never answer' last
    low, mid, high, never = points
    assert (low["answered"], low["answerable_right"], low["abstain_right"], low["confident_wrong"]) == (3, 1, 1, 2)
    assert (mid["answered"], mid["answerable_right"], mid["abstain_right"], mid["confident_wrong"]) == (2, 1, 1, 1)
    assert (high["answered"], high["answerable_right"], high["abstain_right"], high["confident_wrong"]) == (1, 1, 2, 0)
    assert (never["answered"], never["abstain_right"], never["confident_wrong"]) == (0, 2, 0)
    assert best_accuracy_cutoff(points) == 0.9
