"""`python -m bot chat`: the interactive console (reads piped stdin too)."""

from __future__ import annotations

from bot.cli.common import EXIT_INVALID, open_live
from bot.console import run_chat


def run(args) -> int:
    live = open_live(args.knowledge)
    return EXIT_INVALID if live is None else run_chat(live)


def register(sub, name, common) -> None:
    parser = sub.add_parser(name, parents=[common], help="chat with the bot in the terminal (no Discord token needed)")
    parser.set_defaults(handler=run)
