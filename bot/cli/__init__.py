"""`python -m bot COMMAND ...`: one module per command, each with register(subparsers).

Command modules import their heavy dependencies inside their handlers, so that `ask` never pays for
(or imports) discord.py.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from bot.settings import BUNDLED_KNOWLEDGE, knowledge_path

#: Sub-command name -> module under bot.cli (module names avoid clashing with builtins).
COMMANDS = {
    "chat": "chat",
    "ask": "ask",
    "dates": "dates",
    "check": "check",
    "eval": "evaluate",
    "calibrate": "calibrate",
    "faq": "faq",
    "run": "run",
    "bench": "bench",
}

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KNOWLEDGE = BUNDLED_KNOWLEDGE


def default_knowledge_path() -> Path:
    """BOT_KNOWLEDGE (environment, then .env in the working directory), else the bundled knowledge/faq.yaml:
    the same rule `run` and the Discord config use (bot.settings.knowledge_path)."""
    return knowledge_path()


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--knowledge", type=Path, default=argparse.SUPPRESS, metavar="PATH",
        help="the knowledge file (default: $BOT_KNOWLEDGE, from the environment or .env, else the bundled "
             "knowledge/faq.yaml)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", parents=[common_options()],
        description="Answers questions about the club's newspaper article, with sources: in the terminal "
                    "(chat, ask) or on Discord (run).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(f"bot.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.cli.{module}":
                raise
            continue  # a command not built yet
        mod.register(sub, name, common_options())
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout):  # undecodable bytes (stdin, argv) are replaced, never a traceback
        getattr(stream, "reconfigure", lambda **_: None)(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "knowledge"):
        args.knowledge = default_knowledge_path()
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as exc:  # a folder or file the command needs is unusable: one line, never a traceback
        from bot.core.state.db import describe_os_error

        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {describe_os_error(exc)}{where}", file=sys.stderr)
        return 1
