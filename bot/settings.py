"""Where every command finds its settings, the same way (the terminal commands and the Discord bot alike).

- `read_environment()`: the process environment over a `.env` file in the working directory.
- `knowledge_path()`: the one rule for the knowledge file: `--knowledge PATH`, else BOT_KNOWLEDGE (from the
  environment or `.env`; a relative path is relative to the working directory, like any path you type),
  else the bundled `knowledge/faq.yaml` of this install, wherever the command is started from.

Discord-free and cheap to import: `python -m bot ask` uses it too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

#: The knowledge shipped with the bot: knowledge/faq.yaml next to the `bot` package.
BUNDLED_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge" / "faq.yaml"


def read_environment(environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> dict[str, str]:
    """The process environment over the `.env` file's values (a variable set in both: the environment wins)."""
    values: dict[str, str] = {}
    if dotenv is not None and dotenv.is_file():
        from dotenv import dotenv_values

        values.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return values


def knowledge_path(flag: Path | str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The knowledge file to use: `flag` (--knowledge), else BOT_KNOWLEDGE in `env` (default: the
    environment over .env), else BUNDLED_KNOWLEDGE."""
    if flag:
        return Path(flag)
    value = ((read_environment() if env is None else env).get("BOT_KNOWLEDGE") or "").strip()
    return Path(value) if value else BUNDLED_KNOWLEDGE
