"""`python -m bot run`: start the Discord bot.

Settings come from the environment and .env; see 'Run it on your server' in README.md.

Start-up problems (no token, a rejected token, bad settings, invalid knowledge) are one clear line on
stderr and exit code 2, never a traceback. An unusable data directory is not one of them: answering
needs no database, so the bot starts with one warning and without its question log and edit history. discord.py is imported only here, inside the handler.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

EXIT_CONFIG = 2

#: Why a close code from the gateway ends the bot, and what to do about it.
GATEWAY_CLOSE_REASONS = {
    4004: "Discord rejected DISCORD_TOKEN at the gateway (authentication failed): reset the token in the "
          "developer portal (Bot -> Reset Token) and set it again",
    4013: "Discord rejected the bot's gateway intents as invalid",
    4014: "Discord refused the Message Content intent that BOT_QA_CHANNEL_IDS needs: enable it in the developer "
          "portal (Bot -> Privileged Gateway Intents -> Message Content), or unset BOT_QA_CHANNEL_IDS",
}


def register(sub: argparse._SubParsersAction, name: str, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(name, parents=[common], help="run the Discord bot (needs DISCORD_TOKEN; see README.md)",
                       description="Start the Discord bot, configured by environment variables and a .env file in "
                                   "the working directory (see .env.example and README.md).")
    p.set_defaults(handler=run)


class StartupError(Exception):
    """One line for the person starting the bot."""


def run(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_serve(_prepare(args)))
    except StartupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG


def _prepare(args: argparse.Namespace):
    from bot.core.knowledge.problems import KnowledgeError
    from bot.discord_bot.config import ConfigError, load_config, read_environment

    env = read_environment()
    try:
        config = load_config(env, knowledge=args.knowledge)  # already bot.settings.knowledge_path()
    except ConfigError as exc:
        raise StartupError(str(exc)) from None
    _setup_logging(config.log_level)

    from bot.core.serving.live import LiveKnowledge
    from bot.discord_bot.activity import open_activity_log

    try:
        live = LiveKnowledge(config.knowledge)
    except KnowledgeError as exc:
        raise StartupError(f"the knowledge is invalid ({len(exc.problems)} problem(s)); first: {exc.first}. "
                           f"Run `python -m bot check` for all of them") from None
    try:
        activity = open_activity_log(config)
    except Exception as exc:  # noqa: BLE001 - read-only, a file, a garbage or too-new database: degrade
        from bot.core.state.db import describe_db_error

        logging.getLogger("bot").warning(
            "the data directory is unusable, %s. The bot answers as usual, but questions, votes, stats and the "
            "FAQ edit history are not recorded until it is fixed (edits still go to the knowledge file)",
            describe_db_error(exc, config.data_dir or "the default data directory"))
        activity = None
    return config, live, activity


def _setup_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s", stream=sys.stderr)
    if level == "DEBUG":
        logging.getLogger("discord.gateway").setLevel(logging.INFO)  # its DEBUG is every payload


async def _serve(prepared) -> int:
    import aiohttp
    import discord

    from bot.discord_bot.client import FaqBot

    config, live, activity = prepared
    bot = FaqBot(config, live=live, activity_log=activity)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.shutdown()))
        except (NotImplementedError, RuntimeError):  # not on this platform / not the main thread
            pass
    where = config.api_base or "Discord"
    try:
        async with bot:
            await bot.start(config.token)
    except discord.LoginFailure:
        raise StartupError("Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the "
                           "developer portal (Bot -> Reset Token)") from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError(GATEWAY_CLOSE_REASONS[4014]) from None
    except discord.ConnectionClosed as exc:
        raise StartupError(GATEWAY_CLOSE_REASONS.get(exc.code, f"the gateway closed the connection "
                                                               f"(code {exc.code})")) from None
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as exc:
        raise StartupError(f"cannot reach {where}: {exc or type(exc).__name__}") from None
    except discord.HTTPException as exc:
        raise StartupError(f"{where} refused a start-up request: {exc.status} {exc.text or exc}") from None
    return 0
