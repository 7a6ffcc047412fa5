"""A small Discord test server on loopback (aiohttp): REST routes the bot uses plus the gateway websocket.

Start it, point the real discord.py client at it with DISCORD_API_BASE=`server.api_base`, drive real
interaction and message payloads, and assert on `server.calls` (every REST request, in order). Reusable
by other test suites and benchmarks: see server.FakeDiscord for the API.
"""

from .server import Call, FakeDiscord, Member, Reply, SentInteraction

__all__ = ["Call", "FakeDiscord", "Member", "Reply", "SentInteraction"]
