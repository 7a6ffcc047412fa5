"""The bot's settings, from environment variables (and a `.env` file in the working directory).

Every variable is documented in README.md ('Run it on your server') and .env.example. Anything malformed is a ConfigError
whose message is one line that says which variable is wrong and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.settings import BUNDLED_KNOWLEDGE, knowledge_path, read_environment

__all__ = ["ConfigError", "DiscordConfig", "load_config", "read_environment"]

DEFAULT_KNOWLEDGE = BUNDLED_KNOWLEDGE
#: Defaults of the question limits (bot.discord_bot.cooldown, bot.discord_bot.repeats).
DEFAULT_PUBLIC_PER_MINUTE = 20
DEFAULT_PRIVATE_PER_MINUTE = 60
DEFAULT_REPEAT_WINDOW = 120
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_ID_SPLIT = re.compile(r"[\s,]+")


class ConfigError(ValueError):
    """A setting is missing or malformed; str() is one line meant for the person running the bot."""


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    token: str
    knowledge: Path = DEFAULT_KNOWLEDGE
    api_base: str | None = None  # e.g. http://127.0.0.1:PORT/api/v10 (tests); None = discord.com
    guild_ids: tuple[int, ...] = ()  # sync commands to these guilds; () = globally
    data_dir: Path | None = None  # None = BOT_DATA_DIR unset: the per-user data directory
    qa_channel_ids: frozenset[int] = field(default_factory=frozenset)
    moderator_role_ids: frozenset[int] = field(default_factory=frozenset)
    mod_log_channel_id: int | None = None
    log_level: str = "INFO"
    public_per_minute: int = DEFAULT_PUBLIC_PER_MINUTE  # public answers per member per minute; 0 = no limit
    private_per_minute: int = DEFAULT_PRIVATE_PER_MINUTE  # private answers per member per minute; 0 = no limit
    repeat_window: float = DEFAULT_REPEAT_WINDOW  # seconds a public answer is pointed to instead of repeated


def load_config(env: Mapping[str, str], *, knowledge: Path | None = None) -> DiscordConfig:
    """Build the settings from `env`; `knowledge` (a --knowledge flag) wins over BOT_KNOWLEDGE."""
    token = _text(env, "DISCORD_TOKEN")
    if token.lower().startswith("bot "):
        token = token[4:].strip()  # pasted with the HTTP scheme; discord.py adds it itself
    if not token:
        raise ConfigError("DISCORD_TOKEN is not set: put the bot token from the Discord developer portal "
                          "in the environment or in .env (see .env.example)")
    api_base = _text(env, "DISCORD_API_BASE").rstrip("/") or None
    if api_base and not re.match(r"^https?://[^/\s]+", api_base):
        raise ConfigError(f"DISCORD_API_BASE must be an http(s) URL such as http://127.0.0.1:8080/api/v10, "
                          f"not {api_base!r}")
    level = (_text(env, "BOT_LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"BOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    mod_log = _ids(env, "BOT_MOD_LOG_CHANNEL_ID")
    if len(mod_log) > 1:
        raise ConfigError("BOT_MOD_LOG_CHANNEL_ID takes one channel id, not a list")
    data_dir = _text(env, "BOT_DATA_DIR")
    return DiscordConfig(
        token=token,
        knowledge=knowledge_path(knowledge, env),  # --knowledge, BOT_KNOWLEDGE, else the bundled file
        api_base=api_base,
        guild_ids=_ids(env, "BOT_GUILD_IDS"),
        data_dir=Path(data_dir) if data_dir else None,
        qa_channel_ids=frozenset(_ids(env, "BOT_QA_CHANNEL_IDS")),
        moderator_role_ids=frozenset(_ids(env, "BOT_MODERATOR_ROLE_IDS")),
        mod_log_channel_id=mod_log[0] if mod_log else None,
        log_level=level,
        public_per_minute=_count(env, "BOT_PUBLIC_QUESTIONS_PER_MINUTE", DEFAULT_PUBLIC_PER_MINUTE),
        private_per_minute=_count(env, "BOT_PRIVATE_QUESTIONS_PER_MINUTE", DEFAULT_PRIVATE_PER_MINUTE),
        repeat_window=_count(env, "BOT_REPEAT_WINDOW_SECONDS", DEFAULT_REPEAT_WINDOW),
    )


def _text(env: Mapping[str, str], name: str) -> str:
    return (env.get(name) or "").strip()


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number >= 0 (0 turns the limit off); unset or empty = `default`."""
    value = _text(env, name)
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number of 0 or more (0 turns it off), not {value!r}; "
                          f"unset it for the default, {default}")
    return int(value)


def _ids(env: Mapping[str, str], name: str) -> tuple[int, ...]:
    out: list[int] = []
    for part in _ID_SPLIT.split(_text(env, name)):
        if not part:
            continue
        if not part.isdigit() or int(part) == 0:
            raise ConfigError(f"{name}: {part!r} is not a Discord id (ids are numbers; enable Developer Mode, "
                              f"then right-click the server, channel or role and choose Copy ID)")
        if int(part) not in out:
            out.append(int(part))
    return tuple(out)
