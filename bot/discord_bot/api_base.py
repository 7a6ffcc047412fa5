"""DISCORD_API_BASE: the one seam that points the bot at a Discord stand-in instead of discord.com.

Only tests (fakediscord) and the Discord benchmark set it; unset, nothing here does anything. discord.py has
no per-client setting for this: it keeps the REST base in `discord.http.Route.BASE` and the first gateway URL
in `discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`, both per process. `ApiEndpoints` is the only code
that touches them:

- `point_rest()`, before logging in: REST calls go to the base (e.g. http://127.0.0.1:PORT/api/v10);
- `point_gateway(http)`, once logged in (setup_hook), before the gateway connects: the gateway is the URL
  the stand-in's `GET /gateway/bot` returns, as it is for Discord;
- `restore()`, on close: both are put back, so another client in the same process talks to Discord again.

FaqBot calls the three from login(), setup_hook() and close(); config.load_config validates the URL.
"""

from __future__ import annotations

import logging

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route

log = logging.getLogger(__name__)


class ApiEndpoints:
    def __init__(self, base: str | None):
        self.base = base
        self._saved: tuple[str, yarl.URL] | None = None

    def point_rest(self) -> None:
        if not self.base:
            return
        if self._saved is None:
            self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = self.base

    async def point_gateway(self, http: HTTPClient) -> None:
        if not self.base:
            return
        _, url, _ = await http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        log.info("using the API at %s and the gateway at %s", self.base, url)

    def restore(self) -> None:
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
