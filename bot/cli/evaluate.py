"""`python -m bot eval FILE|DIR ... [--min-answerable P] [--min-abstain P] [--no-curve] [--quiet]`:
answer quality on question sets, at the stored cut-off and at every cut-off."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.cli.common import EXIT_INVALID, open_live
from bot.core.answering.evaluation import Outcome, Question, Report, judge, load_questions


def _pct(pair: tuple[int, int]) -> str:
    correct, total = pair
    return f"{correct}/{total} ({correct / total:.1%})" if total else "-"


def print_report(report: Report, *, misses: bool = True) -> None:
    print("kind       lang   answerable?  correct")
    for (answerable, kind), pair in report.by("kind").items():
        print(f"  {kind:<10} {'':<6} {'yes' if answerable else 'no':<11}  {_pct(pair)}")
    print("by language:")
    for (answerable, lang), pair in report.by("lang").items():
        print(f"  {'answerable' if answerable else 'abstain':<10} {lang:<6} {_pct(pair)}")
    if misses and report.misses:
        print("misses:")
        for o in report.misses:
            what = "answered" if o.answered else "abstained"
            print(f"  {o.question.id} [{o.question.kind}/{o.question.lang}] {o.question.q!r} -> {what}: {o.answer[:100]!r}")
    total = len(report.outcomes)
    print(f"confident wrong answers: {report.confident_wrong}"
          + (f" ({report.confident_wrong / total:.1%} of {total})" if total else ""))
    print(f"answerable: {_pct(report.accuracy(answerable=True))}")
    print(f"abstain:    {_pct(report.accuracy(answerable=False))}")


def print_curve(points) -> None:
    """Coverage against confident wrong answers, cut-off by cut-off (every fifth, and the ends)."""
    print("cut-off  answered  answerable right  abstain right  confident wrong")
    for i, p in enumerate(points):
        if i % 5 and i != len(points) - 1:
            continue
        print(f"  {p.cutoff:.2f}   {p.answered / p.questions:6.1%}   {p.answerable_right / max(p.answerable, 1):14.1%}"
              f"   {p.abstain_right / max(p.abstain, 1):12.1%}   {p.confident_wrong / p.questions:13.1%}")


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        out += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return out


def run(args) -> int:
    from bot.core.answering.answer import Answer, compose
    from bot.core.answering.calibrate import curve

    live = open_live(args.knowledge)
    if live is None:
        return EXIT_INVALID
    try:
        files = _files(args.file)
        questions: list[Question] = [q for f in files for q in load_questions(f)]
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    answerer = live.answerer
    cut = answerer.decision.answer_at
    settled = []
    report = Report()
    for question in questions:
        steps = answerer.plan(question.q)
        attempts = steps if isinstance(steps, Answer) else answerer.attempts(steps)
        settled.append(attempts)
        reply = attempts if isinstance(attempts, Answer) else compose(question.q, attempts, cut)
        report.outcomes.append(Outcome(question, reply.answered, reply.answer,
                                       judge(question, reply.answered, reply.answer)))
    print_report(report, misses=not args.quiet)
    if not args.no_curve:
        print(f"at every cut-off (the bot answers from {cut:.2f}):")
        print_curve(curve(questions, settled))
    failed = False
    for label, minimum, answerable in (("answerable", args.min_answerable, True), ("abstain", args.min_abstain, False)):
        correct, total = report.accuracy(answerable=answerable)
        if minimum is not None and total and correct / total < minimum:
            print(f"FAIL: {label} accuracy {correct / total:.1%} is below {minimum:.0%}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="score question sets (dev-set format)")
    parser.add_argument("file", nargs="+", type=Path,
                        help=".jsonl question sets or folders of them, e.g. eval/validation ../shared/eval/dev.jsonl")
    parser.add_argument("--min-answerable", type=float, default=None, metavar="P", help="fail below this (0-1)")
    parser.add_argument("--min-abstain", type=float, default=None, metavar="P", help="fail below this (0-1)")
    parser.add_argument("--no-curve", action="store_true",
                        help="leave out coverage and confident wrong at every cut-off")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    parser.set_defaults(handler=run)
