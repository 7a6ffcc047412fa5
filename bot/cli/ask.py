"""`python -m bot ask [--json] QUESTION` or `ask -` (one question per stdin line)."""

from __future__ import annotations

import json
import sys

from bot.cli.common import EXIT_INVALID, open_live
from bot.console import render_answer


def run(args) -> int:
    live = open_live(args.knowledge)
    if live is None:
        return EXIT_INVALID
    if args.question == ["-"]:
        questions = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    else:
        questions = [" ".join(args.question)]
    for question in questions:
        answer = live.ask(question)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        else:
            if len(questions) > 1:
                print(f"Q: {question}")
            print(render_answer(answer, live.knowledge), flush=True)
    return 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="answer one question (or one per stdin line with '-')")
    parser.add_argument("question", nargs="+", help="the question, or '-' to read one per line from stdin")
    parser.add_argument("--json", action="store_true", help="print one JSON object per question")
    parser.set_defaults(handler=run)
