"""Answer quality: ours against every baseline, on the validation sets and the dev set, same knowledge, same judge.

Question sets (bot.core.answering.calibrate): eval/train/*.jsonl is what is fitted on, eval/validation/*.jsonl and
the dev set are what is reported. Nothing is fitted on a set it is reported on:

- ours: the stored decision (bot/core/answering/data/decision.json, fitted on eval/train by `python -m bot
  calibrate`) at its production cut-off `decision.answer_at`, exactly as `Answerer.ask` answers;
- a baseline answers when its top hit's score reaches a cut-off fitted on the training sets, two ways:
  * "best accuracy": the cut-off with the most correct judgements on the training sets (ties: fewer
    confident wrong, then the higher cut-off) - each baseline at its most favourable single point;
  * "same risk": the same rule as ours - the lowest cut-off whose confident wrong answers on the
    training sets stay within calibrate.WRONG_BUDGET of the questions.

Every method is also swept over every cut-off on each reported set (the coverage / confident-wrong
curve), so no single cut-off choice hides a better operating point. Every reply is judged by
bot.core.answering.evaluation.judge (the dev set's README rules).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Sequence

from bot.bench.baselines import BASELINES, Hit, Unavailable
from bot.core.answering.evaluation import Outcome, Question, judge
from bot.core.knowledge.faq import Knowledge

OURS = "ours"
#: Report order and labels.
METHODS = {OURS: "ours", "naive": "naive extractOne (WRatio)", "bm25": "BM25 (rank-bm25)",
           "bm25_ours": "BM25 (our normaliser)", "minilm": "MiniLM-L6-v2 embeddings"}
ABSTAIN_TEXT = "The article doesn't say."
KOREAN = ("ko", "mixed")


@dataclass
class QuestionSets:
    train: list[Question]
    train_files: list[str]
    validation: dict[str, list[Question]]  # set name (file stem) -> its questions
    dev: list[Question]
    dev_name: str = "dev"

    @property
    def validation_all(self) -> list[Question]:
        return [q for qs in self.validation.values() for q in qs]


def load_sets(dev: list[Question], *, dev_name: str = "dev", every: int = 1) -> QuestionSets:
    """The training and validation sets, and `dev`; with `every` > 1 only every `every`-th question of each
    set file (and of dev) is kept: a smaller, noisier run with the same tables."""
    from bot.core.answering import calibrate

    def sample(questions: list[Question]) -> list[Question]:
        return questions[::every]

    train_files = calibrate.question_files(calibrate.TRAIN_DIR)
    train = [q for p in train_files for q in sample(calibrate.load_sets([p]))]
    validation = {p.stem: sample(calibrate.load_sets([p])) for p in calibrate.question_files(calibrate.VALIDATION_DIR)}
    return QuestionSets(train, [p.name for p in train_files], validation, sample(dev), dev_name)


# --- summaries -----------------------------------------------------------------------------------

def summarise(outcomes: Sequence[Outcome], *, misses: bool = False) -> dict[str, Any]:
    """The figures the tables show, as plain data (also written to results.json)."""
    answerable = [o for o in outcomes if o.question.answerable]
    abstain = [o for o in outcomes if not o.question.answerable]
    korean = [o for o in answerable if o.question.lang in KOREAN]
    n = len(outcomes)
    groups: dict[str, dict[str, list[int]]] = {"kind": {}, "lang": {}}
    for attribute, bucket in groups.items():
        for o in outcomes:
            key = f"{'answerable' if o.question.answerable else 'abstain'}:{getattr(o.question, attribute)}"
            row = bucket.setdefault(key, [0, 0, 0])  # correct, total, confident wrong
            row[0] += o.correct
            row[1] += 1
            row[2] += o.confident_wrong
    out = {
        "answerable": [sum(o.correct for o in answerable), len(answerable)],
        "korean_mixed": [sum(o.correct for o in korean), len(korean)],
        "abstain": [sum(o.correct for o in abstain), len(abstain)],
        "overall": [sum(o.correct for o in outcomes), n],
        "confident_wrong": [sum(o.confident_wrong for o in outcomes), n],
        "answered": [sum(o.answered for o in outcomes), n],
        "by_kind": groups["kind"], "by_lang": groups["lang"],
    }
    if misses:
        out["misses"] = [{"id": o.question.id, "kind": o.question.kind, "lang": o.question.lang, "q": o.question.q[:200],
                          "answered": o.answered, "answer": o.answer[:160]} for o in outcomes if not o.correct]
    return out


def _outcome(question: Question, answered: bool, text: str) -> Outcome:
    return Outcome(question, answered, text, judge(question, answered, text))


# --- baselines: hits, curves, cut-offs ----------------------------------------------------------

def baseline_outcomes(questions: Sequence[Question], hits: Sequence[Hit | None], cutoff: float) -> list[Outcome]:
    out = []
    for q, hit in zip(questions, hits):
        answered = hit is not None and hit.score >= cutoff
        out.append(_outcome(q, answered, hit.answer if answered else ABSTAIN_TEXT))
    return out


def baseline_curve(questions: Sequence[Question], hits: Sequence[Hit | None]) -> list[dict[str, float]]:
    """Every operating point of a thresholded method (answer when score >= cut-off), from the lowest
    cut-off (answer everything it has a hit for) to 'never answer' (cut-off None): the same fields as
    bot.core.answering.calibrate.CurvePoint. One judgement per question, then a sweep."""
    rows = []  # (score, answerable?, right if answered?)
    for q, hit in zip(questions, hits):
        if hit is not None:
            rows.append((hit.score, q.answerable, judge(q, True, hit.answer)))
    n_answerable = sum(q.answerable for q in questions)
    n_abstain = len(questions) - n_answerable
    rows.sort(key=lambda r: -r[0])
    points = []
    answered = answerable_right = abstain_answered = wrong = 0
    i = 0
    levels = sorted({r[0] for r in rows}, reverse=True)
    points.append(_point(None, 0, n_answerable, n_abstain, n_abstain, 0, 0, len(questions)))
    for level in levels:
        while i < len(rows) and rows[i][0] >= level:
            _, is_answerable, right = rows[i]
            answered += 1
            answerable_right += is_answerable and right
            abstain_answered += not is_answerable
            wrong += not right
            i += 1
        points.append(_point(level, answerable_right, n_answerable, n_abstain - abstain_answered, n_abstain, wrong,
                             answered, len(questions)))
    points.reverse()  # lowest cut-off first, 'never answer' last (as calibrate.curve orders them)
    return points


def _point(cutoff, a_right, a_total, s_right, s_total, wrong, answered, questions) -> dict[str, float]:
    return {"cutoff": cutoff, "answerable_right": a_right, "answerable": a_total, "abstain_right": s_right,
            "abstain": s_total, "confident_wrong": wrong, "answered": answered, "questions": questions}


def best_accuracy_cutoff(points: list[dict[str, float]]) -> float:
    """The cut-off with the most correct judgements (ties: fewer confident wrong, then the higher cut-off)."""
    best = max(points, key=lambda p: (p["answerable_right"] + p["abstain_right"], -p["confident_wrong"],
                                      float("inf") if p["cutoff"] is None else p["cutoff"]))
    return float("inf") if best["cutoff"] is None else best["cutoff"]


def same_risk_cutoff(points: list[dict[str, float]], budget: float) -> float:
    """Ours' rule: the lowest cut-off whose confident wrong answers stay within budget (a share of all questions)."""
    for p in points:  # lowest cut-off first
        if p["confident_wrong"] <= budget * p["questions"]:
            return float("inf") if p["cutoff"] is None else p["cutoff"]
    return float("inf")


# --- one method -----------------------------------------------------------------------------------

@dataclass
class MethodResult:
    key: str
    label: str
    skipped: str | None = None  # why it did not run
    cutoff: float | None = None  # production cut-off (ours) / best-accuracy cut-off fitted on train (baselines)
    same_risk_cutoff: float | None = None  # baselines: ours' rule, fitted on train
    build_s: float = 0.0  # building the index / embedding the knowledge
    per_question_ms: float = 0.0  # mean per dev question, one call at a time
    sets: dict[str, Any] = field(default_factory=dict)  # "validation", "dev", "train", "validation:<set>" -> summary
    same_risk: dict[str, Any] = field(default_factory=dict)  # baselines at the same-risk cut-off: set -> summary
    curves: dict[str, list[dict[str, float]]] = field(default_factory=dict)  # "validation", "dev" -> points

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for name in ("cutoff", "same_risk_cutoff"):
            if out[name] == float("inf"):
                out[name] = None  # never answers
        return out


def _reported(sets: QuestionSets) -> dict[str, list[Question]]:
    out = {"validation": sets.validation_all, "dev": sets.dev}
    out |= {f"validation:{name}": qs for name, qs in sets.validation.items()}
    return out


def evaluate_ours(answerer, sets: QuestionSets, *, build_s: float = 0.0) -> MethodResult:
    from bot.core.answering.answer import Answer, compose
    from bot.core.answering.calibrate import curve

    result = MethodResult(OURS, METHODS[OURS], build_s=build_s)
    cut = answerer.decision.answer_at
    result.cutoff = cut

    def settle(questions: Sequence[Question]) -> list:
        out = []
        for q in questions:
            steps = answerer.plan(q.q)
            out.append(steps if isinstance(steps, Answer) else answerer.attempts(steps))
        return out

    t0 = time.perf_counter()
    settled = {"dev": settle(sets.dev)}
    result.per_question_ms = (time.perf_counter() - t0) * 1000 / max(len(sets.dev), 1)
    settled["validation"] = settle(sets.validation_all)
    for name, questions in (("validation", sets.validation_all), ("dev", sets.dev)):
        outcomes = []
        for q, attempt in zip(questions, settled[name]):
            reply = attempt if isinstance(attempt, Answer) else compose(q.q, attempt, cut)
            outcomes.append(_outcome(q, reply.answered, reply.answer))
        result.sets[name] = summarise(outcomes, misses=True)
        if name == "validation":
            start = 0
            for set_name, qs in sets.validation.items():
                result.sets[f"validation:{set_name}"] = summarise(outcomes[start:start + len(qs)])
                start += len(qs)
        result.curves[name] = [asdict(p) for p in curve(questions, settled[name])]
    return result


def evaluate_baseline(key: str, knowledge: Knowledge, sets: QuestionSets, *, budget: float) -> MethodResult:
    result = MethodResult(key, METHODS[key])
    try:
        t0 = time.perf_counter()
        method = BASELINES[key](knowledge)
        result.build_s = time.perf_counter() - t0
    except Unavailable as exc:
        result.skipped = str(exc)
        return result
    t0 = time.perf_counter()
    hits: dict[str, Hit | None] = {q.q: method.top(q.q) for q in sets.dev}  # one call at a time, as timed
    result.per_question_ms = (time.perf_counter() - t0) * 1000 / max(len(sets.dev), 1)
    rest = [q.q for q in sets.train + sets.validation_all if q.q not in hits]
    if hasattr(method, "prepare"):
        method.prepare(rest)  # batched embedding: the figures are the same, the run is shorter
    for text in rest:
        hits[text] = method.top(text)

    def of(questions: Sequence[Question]) -> list[Hit | None]:
        return [hits[q.q] for q in questions]

    train_curve = baseline_curve(sets.train, of(sets.train))
    result.cutoff = best_accuracy_cutoff(train_curve)
    result.same_risk_cutoff = same_risk_cutoff(train_curve, budget)
    result.sets["train"] = summarise(baseline_outcomes(sets.train, of(sets.train), result.cutoff))
    result.same_risk["train"] = summarise(baseline_outcomes(sets.train, of(sets.train), result.same_risk_cutoff))
    for name, questions in _reported(sets).items():
        result.sets[name] = summarise(baseline_outcomes(questions, of(questions), result.cutoff),
                                      misses=name in ("validation", "dev"))
        result.same_risk[name] = summarise(baseline_outcomes(questions, of(questions), result.same_risk_cutoff))
    for name in ("validation", "dev"):
        questions = sets.validation_all if name == "validation" else sets.dev
        result.curves[name] = baseline_curve(questions, of(questions))
    return result


def run(knowledge: Knowledge, sets: QuestionSets, answerer, *, answerer_build_s: float = 0.0,
        log: Callable[[str], None] = print) -> list[MethodResult]:
    from bot.core.answering.calibrate import WRONG_BUDGET

    out = [evaluate_ours(answerer, sets, build_s=answerer_build_s)]
    for key in BASELINES:
        out.append(evaluate_baseline(key, knowledge, sets, budget=WRONG_BUDGET))
    for result in out:
        if result.skipped:
            log(f"  quality: {result.label}: skipped ({result.skipped})")
            continue
        v, d = result.sets["validation"], result.sets["dev"]
        log(f"  quality: {result.label}: validation answerable {_p(v['answerable'])}, Korean+mixed "
            f"{_p(v['korean_mixed'])}, abstain {_p(v['abstain'])}, confident wrong {_p(v['confident_wrong'])}; "
            f"dev answerable {_p(d['answerable'])}, abstain {_p(d['abstain'])}, "
            f"confident wrong {_p(d['confident_wrong'])}")
    return out


def _p(pair) -> str:
    return f"{100 * pair[0] / pair[1]:.1f}%" if pair and pair[1] else "–"
