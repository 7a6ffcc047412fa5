"""Where the bot keeps its own data (history, votes, question log): BOT_DATA_DIR or the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsroom-faq-bot"


def data_dir(explicit: str | Path | None = None) -> Path:
    """The data directory, created if missing: `explicit`, else $BOT_DATA_DIR, else the platform default."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get("BOT_DATA_DIR", "").strip():
        path = Path(os.environ["BOT_DATA_DIR"].strip())
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
