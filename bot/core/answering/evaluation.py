"""Score a question set (the shared dev-set format) against any answering function."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    q: str
    lang: str
    kind: str
    expect: tuple[str, ...] | None  # None: the bot should abstain

    @property
    def answerable(self) -> bool:
        return self.expect is not None


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    answered: bool
    answer: str
    correct: bool

    @property
    def confident_wrong(self) -> bool:
        return self.answered and not self.correct


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _rate(self, items: Iterable[Outcome]) -> tuple[int, int]:
        items = list(items)
        return sum(o.correct for o in items), len(items)

    def accuracy(self, *, answerable: bool, lang: str | None = None, kind: str | None = None) -> tuple[int, int]:
        return self._rate(o for o in self.outcomes if o.question.answerable == answerable
                          and (lang is None or o.question.lang == lang)
                          and (kind is None or o.question.kind == kind))

    @property
    def confident_wrong(self) -> int:
        return sum(o.confident_wrong for o in self.outcomes)

    def by(self, attribute: str) -> dict[tuple[bool, str], tuple[int, int]]:
        groups: dict[tuple[bool, str], list[Outcome]] = defaultdict(list)
        for o in self.outcomes:
            groups[(o.question.answerable, getattr(o.question, attribute))].append(o)
        return {key: self._rate(v) for key, v in sorted(groups.items(), key=lambda kv: (not kv[0][0], kv[0][1]))}

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.correct]


def load_questions(path: str | Path) -> list[Question]:
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            expect = None if item["expect"] == "abstain" else tuple(item["expect"])
            out.append(Question(str(item["id"]), item["q"], item.get("lang", "en"), item["kind"], expect))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a question record ({exc})") from exc
    return out


def judge(question: Question, answered: bool, answer: str) -> bool:
    if question.expect is None:
        return not answered
    return answered and all(re.search(p, answer, re.IGNORECASE) for p in question.expect)


def score(answer_fn: Callable[[str], tuple[bool, str]], questions: Iterable[Question]) -> Report:
    report = Report()
    for question in questions:
        answered, text = answer_fn(question.q)
        report.outcomes.append(Outcome(question, answered, text, judge(question, answered, text)))
    return report
