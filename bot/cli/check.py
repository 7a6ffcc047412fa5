"""`python -m bot check [PATH]`: validate a knowledge file; non-zero exit with file:line:col on error."""

from __future__ import annotations

import sys

from bot.core.knowledge.faq import load_knowledge
from bot.core.knowledge.problems import KnowledgeError


def run(args) -> int:
    path = args.path or args.knowledge
    try:
        knowledge = load_knowledge(path)
    except KnowledgeError as exc:
        print(str(exc), file=sys.stderr)
        count = len(exc.problems)
        print(f"{path}: {count} problem{'s' * (count != 1)}", file=sys.stderr)
        return 1
    print(f"{path}: OK: {len(knowledge.entries)} entries, {len(knowledge.dates)} key dates, "
          f"{len(knowledge.article.paragraphs)} paragraphs (version {knowledge.version})")
    return 0


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="validate a knowledge file")
    parser.add_argument("path", nargs="?", help="the knowledge file (default: --knowledge)")
    parser.set_defaults(handler=run)
