"""The matcher's pruning (it stops scoring candidates that can no longer reach the results): it changes no
result, and it does prune. Each test fails if the pruning is broken the other way: too eager (a result
changes) or gone (every candidate is scored)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from bot.core.answering.evaluation import load_questions
from bot.core.answering.match import MatchConfig, Matcher

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [q.q for q in load_questions(ROOT / "tests" / "data" / "probe.jsonl")] + [
    "when was the camp david summit", "what is chip 4", "who wrote the article", "north korea missile launch",
    "칩4가 뭐예요?", "what did the three countries agree in 2024", "the next summit", "korea",
]


class CountingScorer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args, **kwargs) -> float:
        self.calls += 1
        return fuzz.WRatio(*args, **kwargs)


def matcher(bundled_knowledge, config: MatchConfig) -> tuple[Matcher, CountingScorer]:
    scorer = CountingScorer()
    return Matcher(bundled_knowledge, config=replace(config, scorer=scorer)), scorer


def unpruned(config: MatchConfig) -> MatchConfig:
    """No floor to prune against: every shortlisted candidate and phrasing is scored."""
    return replace(config, suggest_threshold=0.0, max_suggestions=100_000)


def kept(result, config: MatchConfig) -> list[tuple[str, float]]:
    """What the answer is made of: the best max_suggestions + 1 candidates scoring at least suggest_threshold."""
    good = [(s.candidate.key, round(s.score, 9)) for s in result.ranked if s.score >= config.suggest_threshold]
    return good[: config.max_suggestions + 1]


@pytest.fixture(scope="module")
def pair(bundled_knowledge):
    config = MatchConfig()
    return config, matcher(bundled_knowledge, config), matcher(bundled_knowledge, unpruned(config))


def test_pruning_changes_no_result(pair):
    config, (pruned, _), (full, _) = pair
    assert len(QUESTIONS) > 50
    for question in QUESTIONS:
        query = pruned.normalise(question)
        assert kept(pruned.match(query), config) == kept(full.match(query), config), question


def test_pruning_scores_far_fewer_phrasings(pair):
    config, (pruned, pruned_calls), (full, full_calls) = pair
    pruned_calls.calls = full_calls.calls = 0
    for question in QUESTIONS:
        query = pruned.normalise(question)
        pruned.match(query)
        full.match(query)
    assert full_calls.calls > 0
    assert pruned_calls.calls < 0.7 * full_calls.calls, (pruned_calls.calls, full_calls.calls)
