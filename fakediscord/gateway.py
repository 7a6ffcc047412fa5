"""The gateway websocket: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, and dispatching events.

Frames are plain JSON text (discord.py accepts text frames even when it asked for zlib-stream).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

HELLO, IDENTIFY, HEARTBEAT, HEARTBEAT_ACK, RESUME, INVALID_SESSION, DISPATCH = 10, 2, 1, 11, 6, 9, 0
MESSAGE_CONTENT_INTENT = 1 << 15
HEARTBEAT_INTERVAL_MS = 41250


@dataclass(eq=False)
class Session:
    ws: web.WebSocketResponse
    session_id: str
    sequence: int = 0
    identify: dict[str, Any] | None = None
    heartbeats: int = 0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    frozen: bool = False  # a dead connection: nothing is sent (not even heartbeat ACKs); events are kept
    missed: list[tuple[str, Any]] = field(default_factory=list)

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        if self.frozen:
            if op == DISPATCH:
                self.missed.append((event or "", data))
            return
        frame: dict[str, Any] = {"op": op, "d": data, "s": None, "t": event}
        if op == DISPATCH:
            self.sequence += 1
            frame["s"] = self.sequence
        await self.ws.send_str(json.dumps(frame))


class Gateway:
    def __init__(self, server: FakeDiscord):
        self.server = server
        self.sessions: list[Session] = []
        self._ids = itertools.count(1)
        self.identified = asyncio.Event()
        self.resumed = asyncio.Event()  # set when a bot resumes a session (RESUME -> RESUMED)
        self.resumes: list[str] = []  # the session ids resumed, in order
        self._known: dict[str, Session] = {}  # every session ever identified, by id (what RESUME looks up)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=None, max_msg_size=0)
        await ws.prepare(request)
        session = Session(ws, session_id=f"session-{next(self._ids)}")
        self.sessions.append(session)
        try:
            await session.send(HELLO, {"heartbeat_interval": HEARTBEAT_INTERVAL_MS})
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                await self.receive(session, json.loads(msg.data))
        finally:
            self.sessions.remove(session)
        return ws

    async def receive(self, session: Session, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            session.heartbeats += 1
            await session.send(HEARTBEAT_ACK, None)
        elif op == IDENTIFY:
            await self.identify(session, data)
        elif op == RESUME:
            await self.resume(session, data or {})

    async def identify(self, session: Session, data: dict[str, Any]) -> None:
        server = self.server
        self.server.identify_payloads.append(data)
        if data.get("token") not in server.tokens:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return
        if data.get("intents", 0) & MESSAGE_CONTENT_INTENT and not server.message_content_allowed:
            await session.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        session.identify = data
        self._known[session.session_id] = session
        await session.send(DISPATCH, {
            "v": 10, "user": server.bot_user, "session_id": session.session_id,
            "resume_gateway_url": server.gateway_url, "guilds": [{"id": server.guild_id, "unavailable": True}],
            "application": {"id": server.application_id, "flags": 0}, "shard": [0, 1],
        }, "READY")
        await session.send(DISPATCH, server.guild_payload(), "GUILD_CREATE")
        session.ready.set()
        self.identified.set()

    def freeze(self) -> None:
        """The gateway goes silent, as a dead connection does: no heartbeat ACKs, no events (they are kept
        and replayed to a bot that resumes the session)."""
        for session in self.sessions:
            session.frozen = True

    async def resume(self, session: Session, data: dict[str, Any]) -> None:
        """RESUME: replay what the old session missed, then RESUMED; an unknown session is invalid."""
        old = self._known.get(str(data.get("session_id")))
        if old is None or data.get("token") not in self.server.tokens:
            await session.send(INVALID_SESSION, False)
            return
        session.session_id, session.identify, session.sequence = old.session_id, old.identify, old.sequence
        self._known[session.session_id] = session
        for event, payload in old.missed:
            await session.send(DISPATCH, payload, event)
        old.missed.clear()
        await session.send(DISPATCH, {}, "RESUMED")
        self.resumes.append(session.session_id)
        session.ready.set()
        self.resumed.set()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send an event to every identified session."""
        live = [s for s in self.sessions if s.identify is not None and not s.ws.closed]
        if not live:
            raise RuntimeError(f"no bot is connected to the gateway to receive {event}")
        for session in live:
            await session.send(DISPATCH, data, event)

    async def close(self) -> None:
        for session in list(self.sessions):
            await session.ws.close(code=1001)
