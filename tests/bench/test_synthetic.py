"""The distractor generator: deterministic, nested, realistic in shape, and never about the article."""

from __future__ import annotations

import re

from bot.bench import synthetic
from bot.bench.quality import at_abstain_level, tune_cutoff
from bot.bench.speed import percentile


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


def test_cutoff_tuning_and_percentile():
    points = [{"cutoff": 10, "answerable": 8, "abstain": 1, "confident_wrong": 3},
              {"cutoff": 20, "answerable": 6, "abstain": 4, "confident_wrong": 1},
              {"cutoff": 30, "answerable": 5, "abstain": 5, "confident_wrong": 0},
              {"cutoff": float("inf"), "answerable": 0, "abstain": 6, "confident_wrong": 0}]
    assert tune_cutoff(points) == 30  # 10 correct at 20 and 30: fewer confident wrong wins
    assert at_abstain_level(points, 4)["cutoff"] == 20
    assert at_abstain_level(points, 7) is None
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 99) == 99
