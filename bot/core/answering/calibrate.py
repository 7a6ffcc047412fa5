"""Fit the decision (bot/core/answering/data/decision.json) on the training question sets, never on what is reported.

Every candidate the retrievers pool for a training question becomes one example: its features, and
whether its answer text holds what the question's regexes ask for (an abstain question has no right
candidate). Two logistic regressions are fitted: a ranker over a question's candidates, and a
confidence model giving P(correct) for the best one (learned from the ranker's out-of-fold view, as it
will meet unseen questions). The answer cut-off is then chosen on out-of-fold runs of the whole
answering path (each question answered by models that never saw it), as the lowest probability at
which confident wrong answers stay within the budget. The bot then decides with the mean of those
fold models, whose probabilities the cut-off was chosen from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from bot.core.answering.answer import Answer, Answerer, Step, compose
from bot.core.answering.decide import Decision, Logistic, confidence_features
from bot.core.answering.evaluation import Question, judge, load_questions
from bot.core.answering.retrieve import FEATURES

PROJECT_ROOT = Path(__file__).resolve().parents[3]
TRAIN_DIR = PROJECT_ROOT / "eval" / "train"
VALIDATION_DIR = PROJECT_ROOT / "eval" / "validation"

L2 = 1.0  # ridge strength on standardised features
FOLDS = 5
WRONG_BUDGET = 0.02  # confident wrong answers allowed, as a share of all questions (the target)
BOOTSTRAP = 200  # resamples of the training sets when choosing the cut-off
SURE_IN = 0.9  # the cut-off keeps confident wrong answers within budget in this share of resamples
SUGGEST_FLOOR = 0.3  # "did you mean" is offered from this P(correct) up
CUTOFFS = tuple(round(c, 2) for c in np.arange(0.05, 1.0, 0.01))


@dataclass(frozen=True, slots=True)
class Example:
    question: int  # index of the question it belongs to
    fold: int  # its question's fold: every question of one author's set is in the same fold
    part: int  # index of the part of the message
    features: tuple[float, ...]
    label: bool
    settled: bool = False  # the answer-type check decides this candidate (it lacks the asked detail)


def question_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def load_sets(paths: Iterable[Path]) -> list[Question]:
    out: list[Question] = []
    for path in paths:
        out += load_questions(path)
    return out


def _holds(question: Question, text: str, *, partial: bool) -> bool:
    if question.expect is None:
        return False
    hits = [bool(re.search(p, text, re.IGNORECASE)) for p in question.expect]
    return any(hits) if partial else all(hits)


def plans(answerer: Answerer, questions: Sequence[Question]) -> list[list[Step] | Answer]:
    return [answerer.plan(q.q) for q in questions]


def author(question: Question) -> str:
    """Which set (and so which author) a question comes from: its id's letters ("sl012" -> "sl")."""
    return re.match(r"[^\d]*", question.id).group(0)


def fold_of(questions: Sequence[Question], folds: int = FOLDS) -> list[int]:
    """Each question's cross-validation fold, by author: a fold holds whole sets, so out-of-fold
    figures are those of authors the models never read (as the bot meets members), not of the
    other half of an author's own questions."""
    authors = sorted({author(q) for q in questions})
    if len(authors) < folds:  # too few sets to hold out whole ones
        return [i % folds for i in range(len(questions))]
    assigned = {a: i % folds for i, a in enumerate(authors)}
    return [assigned[author(q)] for q in questions]


def examples(answerer: Answerer, questions: Sequence[Question], planned: Sequence[list[Step] | Answer]) -> list[Example]:
    out: list[Example] = []
    folds = fold_of(questions)
    for qi, (question, steps) in enumerate(zip(questions, planned)):
        if isinstance(steps, Answer):
            continue
        for pi, step in enumerate(steps):
            if step.retrieved is None:
                continue
            for pooled in step.retrieved.pool:
                label = _holds(question, answerer.retriever.answer_text(pooled.candidate), partial=len(steps) > 1)
                out.append(Example(qi, folds[qi], pi, pooled.features, label, pooled.detail_missing is not None))
    return out


def _arrays(rows: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([r.features for r in rows], dtype=np.float64).reshape(len(rows), len(FEATURES)),
            np.array([r.label for r in rows], dtype=np.float64))


def _logits(model: Logistic, x: np.ndarray) -> np.ndarray:
    return np.clip(((x - np.array(model.mean)) / np.array(model.scale)) @ np.array(model.weights) + model.bias, -50, 50)


def _tops(rows: Sequence[Example], logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each part's best-ranked candidate, as the confidence model reads it, and its label. A part whose
    best candidate lacks the asked detail is left out: the answer-type check, not P(correct), keeps it
    unanswered, so it must not teach the model that such a match is a wrong answer."""
    groups: dict[tuple[int, int], list[tuple[float, Example]]] = {}
    for row, logit in zip(rows, logits):
        groups.setdefault((row.question, row.part), []).append((float(logit), row))
    x, y = [], []
    for items in groups.values():
        items.sort(key=lambda pair: -pair[0])
        logit, row = items[0]
        if row.settled:
            continue
        runner_up = items[1][0] if len(items) > 1 else logit - 10.0
        x.append(confidence_features(row.features, logit, runner_up))
        y.append(row.label)
    return np.array(x, dtype=np.float64), np.array(y, dtype=np.float64)


def fit_decision(rows: Sequence[Example], *, l2: float = L2, folds: int = FOLDS,
                 answer_at: float = 1.0) -> Decision:
    """The ranker on every example; the confidence model on the ranker's out-of-fold choices."""
    x, y = _arrays(rows)
    ranker = Logistic.fit(x, y, l2=l2)
    fold = np.array([r.fold for r in rows])
    logits = np.zeros(len(rows))
    for f in range(folds):
        train = fold != f
        if train.all() or not train.any():
            continue
        logits[~train] = _logits(Logistic.fit(x[train], y[train], l2=l2), x[~train])
    tx, ty = _tops(rows, logits)
    confidence = Logistic.fit(tx, ty, l2=l2)
    return _decision(ranker, confidence, answer_at)


def _decision(ranker: Logistic, confidence: Logistic, answer_at: float) -> Decision:
    """A decision over FEATURES; "did you mean" is offered from SUGGEST_FLOOR up to the cut-off. The floor
    does not depend on the cut-off, so a decision fitted out of fold (answer_at 0: every cut-off is
    tried on its attempts) offers suggestions, and so answers a message's other parts, as the bot does."""
    return Decision(FEATURES, ranker, confidence, answer_at, SUGGEST_FLOOR)


@dataclass(frozen=True, slots=True)
class CurvePoint:
    cutoff: float
    answerable_right: int
    answerable: int
    abstain_right: int
    abstain: int
    confident_wrong: int
    answered: int
    questions: int


def outcomes(questions: Sequence[Question], attempts: Sequence, *,
             cutoffs: Sequence[float] = CUTOFFS) -> tuple[np.ndarray, np.ndarray]:
    """(answered, right): one row per question, one column per cut-off."""
    answered = np.zeros((len(questions), len(cutoffs)), dtype=bool)
    right = np.zeros_like(answered)
    for qi, (question, attempt) in enumerate(zip(questions, attempts)):
        for ci, cut in enumerate(cutoffs):
            reply = attempt if isinstance(attempt, Answer) else compose(question.q, attempt, cut)
            answered[qi, ci] = reply.answered
            right[qi, ci] = judge(question, reply.answered, reply.answer)
    return answered, right


def curve(questions: Sequence[Question], attempts: Sequence, *, cutoffs: Sequence[float] = CUTOFFS) -> list[CurvePoint]:
    """Coverage and confident wrong answers at every cut-off, from attempts settled once per question."""
    answered, right = outcomes(questions, attempts, cutoffs=cutoffs)
    answerable = np.array([q.answerable for q in questions], dtype=bool)
    out = []
    for ci, cut in enumerate(cutoffs):
        wrong = answered[:, ci] & ~right[:, ci]
        out.append(CurvePoint(float(cut), int(right[answerable, ci].sum()), int(answerable.sum()),
                              int(right[~answerable, ci].sum()), int((~answerable).sum()), int(wrong.sum()),
                              int(answered[:, ci].sum()), len(questions)))
    return out


def choose_cutoff(answered: np.ndarray, right: np.ndarray, groups: Sequence[str] | None = None, *,
                  budget: float = WRONG_BUDGET, cutoffs: Sequence[float] = CUTOFFS,
                  resamples: int = BOOTSTRAP, quantile: float = SURE_IN) -> float:
    """The cut-off whose confident wrong answers stay within budget in `quantile` of the bootstrap
    resamples (of whole author sets when groups are given: who asks is what varies): one unlucky
    question, or one easy author, must not move the bot's whole behaviour, and a confident wrong
    answer is the worst outcome, so the cautious side of the spread is taken."""
    wrong = answered & ~right
    groups = list(groups) if groups is not None else [str(i) for i in range(len(wrong))]
    names = sorted(set(groups))
    members = {name: [i for i, g in enumerate(groups) if g == name] for name in names}
    rng = np.random.default_rng(0)
    picks = []
    for _ in range(resamples):
        rows = [i for pick in rng.integers(0, len(names), len(names)) for i in members[names[pick]]]
        rates = wrong[rows].mean(axis=0)
        within = np.nonzero(rates <= budget)[0]
        picks.append(cutoffs[within[0]] if len(within) else cutoffs[-1])
    return float(np.round(np.quantile(picks, quantile), 2))


def fit(answerer: Answerer, questions: Sequence[Question], *, l2: float = L2,
        budget: float = WRONG_BUDGET) -> tuple[Decision, dict]:
    planned = plans(answerer, questions)
    rows = examples(answerer, questions, planned)
    # Out of fold: each question answered by a decision fitted without it.
    held: list = [None] * len(questions)
    folds = fold_of(questions)
    fitted = []
    for f in range(FOLDS):
        fold_rows = [r for r in rows if r.fold != f]
        decision = fit_decision(fold_rows, l2=l2, answer_at=0.0)
        fitted.append(decision)
        for qi in (i for i, q_fold in enumerate(folds) if q_fold == f):
            steps = planned[qi]
            held[qi] = steps if isinstance(steps, Answer) else answerer.attempts(steps, decision)
    answered, right = outcomes(questions, held)
    answer_at = choose_cutoff(answered, right, [author(q) for q in questions], budget=budget)
    points = curve(questions, held)
    # The bot decides with the mean of the fold models: the models whose out-of-fold answers chose
    # the cut-off, not a refit on everything whose probabilities that choice never saw.
    final = _decision(Logistic.average([d.ranker for d in fitted]), Logistic.average([d.confidence for d in fitted]),
                      answer_at)
    at = min(points, key=lambda p: abs(p.cutoff - answer_at)) if points else None
    summary = {"questions": len(questions), "examples": len(rows), "positives": int(sum(r.label for r in rows)),
               "answer_at": answer_at}
    if at is not None:
        summary["out_of_fold"] = {"answerable": f"{at.answerable_right}/{at.answerable}",
                                  "abstain": f"{at.abstain_right}/{at.abstain}",
                                  "confident_wrong": at.confident_wrong}
    return final, summary
