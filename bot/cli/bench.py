"""`python -m bot bench [--quick] [--every K] [--out DIR]`: answer quality and speed against the alternatives, at scale."""

from __future__ import annotations

import argparse


def run(args) -> int:
    from bot.bench.run import main  # heavy imports only when the command runs

    return main(args)


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="benchmark quality and speed against the baselines "
                            "(writes DIR/results.md and plots)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and samples, sizes bundled and 200: a smoke run of about a minute")
    parser.add_argument("--out", default="bench-out", metavar="DIR", help="where results.md, results.json and the "
                        "plots go (default: bench-out)")
    parser.add_argument("--questions", default=None, metavar="PATH",
                        help="the question set (default: ../shared/eval/dev.jsonl beside the project)")
    parser.add_argument("--sizes", type=int, nargs="+", default=None, metavar="N",
                        help="knowledge-base sizes to measure (default: bundled 1000 10000 100000; --quick: bundled 200)")
    parser.add_argument("--every", type=_positive, default=1, metavar="K",
                        help="score every K-th question of each question set (default 1: all of them); "
                             "the same tables from fewer questions, for a faster smoke run")
    parser.set_defaults(handler=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return value
