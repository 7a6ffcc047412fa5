"""Answer quality on the dev set: ours against every baseline, same questions, same knowledge, same judge.

Every method is scored by bot.core.answering.evaluation.score (the dev set's README rules). A baseline's
cutoff is the one that maximises its own accuracy on these very questions (ties: the cutoff with
fewer confident wrong answers, then the higher one): an oracle threshold that flatters it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from bot.bench.baselines import BASELINES, Hit, Unavailable
from bot.core.answering.evaluation import Question, Report, score
from bot.core.knowledge.faq import Knowledge

OURS = "ours"
#: Report order and labels.
METHODS = {OURS: "ours", "naive": "naive extractOne (WRatio)", "bm25": "BM25 (rank-bm25)",
           "minilm": "MiniLM-L6-v2 embeddings"}


@dataclass
class MethodResult:
    key: str
    label: str
    skipped: str | None = None  # why it did not run
    cutoff: float | None = None  # the tuned cutoff (baselines)
    build_s: float = 0.0  # building the index / embedding the knowledge
    per_question_ms: float = 0.0  # mean, over the dev set
    report: Report | None = None
    summary: dict[str, Any] = field(default_factory=dict)


def summarise(report: Report) -> dict[str, Any]:
    """The figures the tables show, as plain data (also written to results.json)."""
    ok_a, n_a = report.accuracy(answerable=True)
    ok_b, n_b = report.accuracy(answerable=False)
    n = len(report.outcomes)
    groups: dict[str, dict[str, list[int]]] = {"kind": {}, "lang": {}}
    for attribute, bucket in groups.items():
        for o in report.outcomes:
            key = f"{'answerable' if o.question.answerable else 'abstain'}:{getattr(o.question, attribute)}"
            row = bucket.setdefault(key, [0, 0, 0])  # correct, total, confident wrong
            row[0] += o.correct
            row[1] += 1
            row[2] += o.confident_wrong
    return {
        "answerable": [ok_a, n_a], "abstain": [ok_b, n_b], "overall": [ok_a + ok_b, n],
        "confident_wrong": [report.confident_wrong, n],
        "confident_wrong_answerable": [sum(o.confident_wrong for o in report.outcomes if o.question.answerable), n_a],
        "confident_wrong_abstain": [sum(o.confident_wrong for o in report.outcomes if not o.question.answerable), n_b],
        "by_kind": groups["kind"], "by_lang": groups["lang"],
        "misses": [{"id": o.question.id, "kind": o.question.kind, "q": o.question.q, "answered": o.answered,
                    "answer": o.answer[:160]} for o in report.misses],
    }


def curve(hits: dict[str, Hit | None], questions: list[Question]) -> list[dict[str, float]]:
    """Every operating point of a thresholded method: per cutoff (answer when score >= cutoff), the
    correct answerable and abstain counts and the confident wrong answers. Raising the cutoff trades
    answerable accuracy for abstain accuracy; this is the whole trade-off, not one point of it."""
    from bot.core.answering.evaluation import judge

    cutoffs = sorted({h.score for h in hits.values() if h is not None})
    cutoffs.append(float("inf"))  # never answer
    points = []
    for cutoff in cutoffs:
        answerable = abstain = wrong = 0
        for q in questions:
            hit = hits[q.q]
            answered = hit is not None and hit.score >= cutoff
            ok = judge(q, answered, hit.answer if answered else "")
            if q.answerable:
                answerable += ok
            else:
                abstain += ok
            wrong += answered and not ok
        points.append({"cutoff": cutoff, "answerable": answerable, "abstain": abstain, "confident_wrong": wrong})
    return points


def tune_cutoff(points: list[dict[str, float]]) -> float:
    """The cutoff with the most correct judgements (ties: fewer confident wrong, then the higher cutoff)."""
    best = max(points, key=lambda p: (p["answerable"] + p["abstain"], -p["confident_wrong"], p["cutoff"]))
    return best["cutoff"]


def at_abstain_level(points: list[dict[str, float]], abstain: int) -> dict[str, float] | None:
    """The baseline's best answerable figure among cutoffs that abstain at least as well as `abstain`."""
    eligible = [p for p in points if p["abstain"] >= abstain]
    return max(eligible, key=lambda p: (p["answerable"], -p["confident_wrong"])) if eligible else None


def evaluate_ours(knowledge: Knowledge, questions: list[Question]) -> MethodResult:
    from bot.core.answering.answer import Answerer

    result = MethodResult(OURS, METHODS[OURS])
    t0 = time.perf_counter()
    answerer = Answerer(knowledge)
    result.build_s = time.perf_counter() - t0

    def answer_fn(text: str) -> tuple[bool, str]:
        answer = answerer.ask(text)
        return answer.answered, answer.answer

    t0 = time.perf_counter()
    result.report = score(answer_fn, questions)
    result.per_question_ms = (time.perf_counter() - t0) * 1000 / max(len(questions), 1)
    result.summary = summarise(result.report)
    return result


def evaluate_baseline(key: str, knowledge: Knowledge, questions: list[Question]) -> MethodResult:
    result = MethodResult(key, METHODS[key])
    try:
        t0 = time.perf_counter()
        method = BASELINES[key](knowledge)
        result.build_s = time.perf_counter() - t0
    except Unavailable as exc:
        result.skipped = str(exc)
        return result
    t0 = time.perf_counter()
    hits = {q.q: method.top(q.q) for q in questions}
    result.per_question_ms = (time.perf_counter() - t0) * 1000 / max(len(questions), 1)
    points = curve(hits, questions)
    result.cutoff = tune_cutoff(points)
    result.summary["curve"] = [dict(p, cutoff=None if p["cutoff"] == float("inf") else p["cutoff"]) for p in points]

    def answer_fn(text: str) -> tuple[bool, str]:
        hit = hits[text]
        if hit is None or hit.score < result.cutoff:
            return False, "The article doesn't say."
        return True, hit.answer

    result.report = score(answer_fn, questions)
    result.summary = summarise(result.report) | result.summary
    return result


def run(knowledge: Knowledge, questions: list[Question], *, log=print) -> list[MethodResult]:
    out = [evaluate_ours(knowledge, questions)]
    for key in BASELINES:
        result = evaluate_baseline(key, knowledge, questions)
        log(f"  quality: {result.label}: " + (f"skipped ({result.skipped})" if result.skipped else
            "answerable {0[0]}/{0[1]}, abstain {1[0]}/{1[1]}, confident wrong {2[0]}".format(
                result.summary["answerable"], result.summary["abstain"], result.summary["confident_wrong"])))
        out.append(result)
    s = out[0].summary
    for result in out[1:]:  # the fairest single comparison: each baseline abstaining as well as ours
        if not result.skipped:
            point = at_abstain_level(result.summary["curve"], s["abstain"][0])
            result.summary["at_ours_abstain"] = point and {
                "answerable": [point["answerable"], s["answerable"][1]], "abstain": [point["abstain"], s["abstain"][1]],
                "confident_wrong": point["confident_wrong"], "cutoff": point["cutoff"]}
    log("  quality: ours: answerable {0[0]}/{0[1]}, abstain {1[0]}/{1[1]}, confident wrong {2[0]}".format(
        s["answerable"], s["abstain"], s["confident_wrong"]))
    return out
