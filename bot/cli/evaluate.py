"""`python -m bot eval FILE [--min-answerable P] [--min-abstain P]`: answer quality on a question set."""

from __future__ import annotations

import sys

from bot.cli.common import EXIT_INVALID, open_live
from bot.core.evaluation import Report, load_questions, score


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
    print(f"confident wrong answers: {report.confident_wrong}")
    print(f"answerable: {_pct(report.accuracy(answerable=True))}")
    print(f"abstain:    {_pct(report.accuracy(answerable=False))}")


def run(args) -> int:
    live = open_live(args.knowledge)
    if live is None:
        return EXIT_INVALID
    try:
        questions = load_questions(args.file)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID

    def answer(text: str) -> tuple[bool, str]:
        result = live.ask(text)
        return result.answered, result.answer

    report = score(answer, questions)
    print_report(report, misses=not args.quiet)
    failed = False
    for label, minimum, answerable in (("answerable", args.min_answerable, True), ("abstain", args.min_abstain, False)):
        correct, total = report.accuracy(answerable=answerable)
        if minimum is not None and total and correct / total < minimum:
            print(f"FAIL: {label} accuracy {correct / total:.1%} is below {minimum:.0%}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="score a question set (dev-set format)")
    parser.add_argument("file", help="a .jsonl question set, e.g. ../shared/eval/dev.jsonl")
    parser.add_argument("--min-answerable", type=float, default=None, metavar="P", help="fail below this (0-1)")
    parser.add_argument("--min-abstain", type=float, default=None, metavar="P", help="fail below this (0-1)")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    parser.set_defaults(handler=run)
