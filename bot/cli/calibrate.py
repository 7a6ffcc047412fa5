"""`python -m bot calibrate [--check]`: refit the answer decision on the training question sets (eval/train)."""

from __future__ import annotations

import json
import sys

from bot.cli.common import EXIT_INVALID


def run(args) -> int:
    from bot.core.answering import calibrate
    from bot.core.answering.answer import Answerer
    from bot.core.answering.decide import DECISION_PATH, Decision, load_decision, save_decision
    from bot.core.answering.retrieve import FEATURES
    from bot.core.knowledge.faq import load_knowledge
    from bot.core.knowledge.problems import KnowledgeError

    paths = args.sets or calibrate.question_files(calibrate.TRAIN_DIR)
    if not paths:
        print(f"error: no training question sets in {calibrate.TRAIN_DIR}", file=sys.stderr)
        return EXIT_INVALID
    try:
        knowledge = load_knowledge(args.knowledge)
        questions = calibrate.load_sets(paths)
    except (OSError, ValueError, KnowledgeError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_INVALID
    decision, summary = calibrate.fit(Answerer(knowledge, decision=Decision.untrained(FEATURES)), questions)
    print(json.dumps(summary, indent=1))
    if args.check:
        stored = load_decision()
        same = all(abs(a - b) <= 1e-4 for a, b in zip(
            _numbers(stored), _numbers(decision)))
        print("stored coefficients reproduced" if same else "stored coefficients differ from a refit")
        return 0 if same else 1
    save_decision(decision)
    print(f"wrote {DECISION_PATH}")
    return 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="refit the answer decision on the training sets")
    parser.add_argument("sets", nargs="*", help="training .jsonl sets (default: eval/train/*.jsonl)")
    parser.add_argument("--check", action="store_true", help="refit and compare with the stored coefficients")
    parser.set_defaults(handler=run)


def _numbers(decision) -> tuple[float, ...]:
    return (*decision.ranker.weights, decision.ranker.bias, *decision.confidence.weights, decision.confidence.bias,
            decision.answer_at)
