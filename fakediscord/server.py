"""FakeDiscord: a small Discord (REST + gateway) on loopback, for running the real discord.py client.

    async with FakeDiscord() as discord_api:            # or: await fd.start() ... await fd.stop()
        env = {"DISCORD_TOKEN": discord_api.token, "DISCORD_API_BASE": discord_api.api_base}
        ...start the bot, then await discord_api.wait_identified()
        sent = await discord_api.slash("ask", question="What is Chip 4?")
        reply = await discord_api.reply(sent)            # the message the bot answered with
        discord_api.calls                                # every REST call, in order (Call objects)

One guild with a #general and a #questions channel (and a thread in it), an @everyone role, a Moderator
role (Manage Messages) and the bot's own role. Members are made with `member()`.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import payloads, rest
from .gateway import Gateway

API_PREFIX = "/api/v10"


@dataclass
class Call:
    """One REST request the bot made, and what the server answered."""

    method: str
    path: str  # without the /api/v10 prefix, e.g. /interactions/1/tok/callback
    query: dict[str, str]
    json: Any
    files: list[dict[str, Any]]
    headers: dict[str, str]
    at: float  # time.perf_counter() when it arrived
    status: int = 0
    response: Any = None

    @property
    def message(self) -> dict[str, Any] | None:
        """The message this call sends or edits (its JSON), if it is a message-bearing call."""
        body = self.json if isinstance(self.json, dict) else None
        if body is None:
            return None
        if self.path.endswith("/callback"):
            return body.get("data") if body.get("type") in (4, 7) else None
        if "/messages" in self.path or self.path.startswith("/webhooks/"):
            return body if self.method in ("POST", "PATCH") else None
        return None


@dataclass(eq=False)
class Fault:
    """A network fault on matching requests (see FakeDiscord.fault)."""

    method: str
    pattern: str
    kind: str  # "drop" (connection closed, no answer) | "reset" (TCP RST: errno 104) | "slow" (answer late)
    after: bool  # True: the request is processed first (its effect happens), then the answer is lost/late
    count: int | None  # how many requests it hits (None: every one, at `rate`)
    rate: float = 1.0  # the chance each matching request is hit
    delay: float = 0.0  # for "slow": seconds before the answer
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return method == self.method and re.fullmatch(self.pattern, path) is not None


@dataclass(eq=False)
class Member:
    user: dict[str, Any]
    roles: list[str]
    permissions: int

    @property
    def id(self) -> str:
        return self.user["id"]

    def payload(self) -> dict[str, Any]:
        return payloads.member(self.user, roles=self.roles, permissions=self.permissions)


@dataclass(eq=False)
class SentInteraction:
    id: str
    token: str
    payload: dict[str, Any]
    sent_at: float
    acknowledged: bool = False
    original_id: str | None = None
    followup_ids: list[str] = field(default_factory=list)


@dataclass
class Reply:
    """What the bot answered an interaction or a message with."""

    call: Call
    message: dict[str, Any]  # the JSON the bot sent (content, embeds, components, flags, allowed_mentions)
    stored: dict[str, Any] | None  # the message as the server keeps it (with its id), when there is one

    @property
    def embed(self) -> dict[str, Any]:
        return (self.message.get("embeds") or [{}])[0]

    @property
    def text(self) -> str:
        """Content and all embed text, flattened, for assertions."""
        parts = [self.message.get("content") or ""]
        for e in self.message.get("embeds") or []:
            parts += [e.get("title") or "", e.get("description") or "", (e.get("footer") or {}).get("text") or ""]
            parts += [f"{f['name']}: {f['value']}" for f in e.get("fields") or []]
        return "\n".join(p for p in parts if p)

    @property
    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for row in self.message.get("components") or [] for c in row["components"]
                if "custom_id" in c]

    @property
    def ephemeral(self) -> bool:
        return bool((self.message.get("flags") or 0) & rest.EPHEMERAL)


class FakeDiscord:
    def __init__(self, *, token: str = "fake-bot-token", message_content_allowed: bool = True):
        self.token = token
        self.tokens = {token}
        self.message_content_allowed = message_content_allowed
        self.calls: list[Call] = []
        self.identify_payloads: list[dict[str, Any]] = []
        self.commands: dict[str | None, list[dict[str, Any]]] = {}  # guild id (None = global) -> commands
        self.messages: dict[str, dict[str, Any]] = {}
        self.interactions: dict[str, SentInteraction] = {}
        self.dm_channels: dict[str, dict[str, Any]] = {}  # channel id -> the member's user payload
        self._failures: list[tuple[str, str, int, dict[str, Any], bool]] = []
        self.faults: list[Fault] = []
        self.random = random.Random(1234)  # faults at a rate are reproducible
        self.arrivals: list[Call] = []  # every request as it arrives (calls: as it is answered)
        self.nonces: dict[tuple[str, str], str] = {}  # (channel, nonce) -> message id, for enforce_nonce
        self.interaction_window: float | None = None  # e.g. 3.0: a first reply later than that is refused, as
        # Discord does (404 Unknown interaction); None (the default) accepts any delay
        self._new_call = asyncio.Condition()
        self.gateway = Gateway(self)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._build_world()

    # --- lifecycle ---------------------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeDiscord:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.host = host
        return self

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def api_base(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    async def wait_identified(self, timeout: float = 10.0) -> None:
        """Until a bot has identified on the gateway and received READY and GUILD_CREATE."""
        await asyncio.wait_for(self.gateway.identified.wait(), timeout)

    # --- the world ---------------------------------------------------------------------------------------------

    def _build_world(self) -> None:
        self.application_id = payloads.snowflake()
        self.bot_user = payloads.user(self.application_id, "Newsroom FAQ", bot=True)
        self.guild_id = payloads.snowflake()
        self.owner = self._user("owner")
        self.moderator_role_id = payloads.snowflake()
        self.bot_role_id = payloads.snowflake()
        self.roles = [
            payloads.role(self.guild_id, "@everyone", permissions=payloads.MEMBER_PERMISSIONS),
            payloads.role(self.moderator_role_id, "Moderator", permissions=payloads.MANAGE_MESSAGES, position=2),
            payloads.role(self.bot_role_id, "Newsroom FAQ", permissions=payloads.MEMBER_PERMISSIONS, position=1,
                          bot_id=self.application_id),
        ]
        self.general = payloads.text_channel(payloads.snowflake(), self.guild_id, "general")
        self.questions = payloads.text_channel(payloads.snowflake(), self.guild_id, "questions", position=1)
        self.thread = payloads.thread(payloads.snowflake(), self.guild_id, self.questions["id"], "about the summit",
                                      self.owner["id"])
        self.bot_member = payloads.member(self.bot_user, roles=[self.bot_role_id])

    def _user(self, name: str) -> dict[str, Any]:
        return payloads.user(payloads.snowflake(), name)

    def guild_payload(self) -> dict[str, Any]:
        return payloads.guild(self.guild_id, "Newspaper Club", owner_id=self.owner["id"], roles=self.roles,
                              channels=[self.general, self.questions], threads=[self.thread],
                              members=[self.bot_member])

    def application_payload(self) -> dict[str, Any]:
        return {"id": self.application_id, "name": "Newsroom FAQ", "icon": None, "description": "",
                "rpc_origins": [], "bot_public": True, "bot_require_code_grant": False, "bot": self.bot_user,
                "verify_key": "0" * 64, "team": None, "flags": 0, "owner": self.owner,
                "interactions_endpoint_url": None, "summary": ""}

    def channel_ids(self) -> set[str]:
        return {self.general["id"], self.questions["id"], self.thread["id"]}

    def is_dm(self, channel_id: str) -> bool:
        return channel_id in self.dm_channels

    def member(self, name: str = "member", *, moderator: bool = False) -> Member:
        perms = payloads.MEMBER_PERMISSIONS | (payloads.MANAGE_MESSAGES if moderator else 0)
        return Member(self._user(name), [self.moderator_role_id] if moderator else [], perms)

    # --- REST --------------------------------------------------------------------------------------------------

    def fail_next(self, method: str, path_pattern: str, status: int = 429, body: dict | None = None, *,
                  via: bool = True, times: int = 1) -> None:
        """Make the next `times` matching requests fail with `status` (e.g. a 429 rate limit with retry_after,
        or a 503). `via=False`: a 429 without the Via header, as Cloudflare sends it."""
        default = ({"message": "You are being rate limited.", "retry_after": 0.05, "global": False} if status == 429
                   else {"message": "Service Unavailable", "code": 0})
        for _ in range(times):
            self._failures.append((method, path_pattern, status, body or default, via))

    def fault(self, method: str, path_pattern: str, kind: str, *, after: bool = False, count: int | None = 1,
              rate: float = 1.0, delay: float = 0.0) -> Fault:
        """A network fault on matching requests: "drop" closes the connection without an answer, "reset"
        resets it (the client sees ECONNRESET, errno 104 on Linux), "slow" answers `delay` seconds late.
        `after=True` processes the request first (the message is sent, the form opened) and then loses or
        delays only the answer; otherwise the request never reaches the routes (a slow one reaches them
        after `delay`, unless the client has closed the connection by then). `count` requests are hit
        (None: any number), each with probability `rate`. Remove it with `clear_faults()`."""
        fault = Fault(method, path_pattern, kind, after, count, rate, delay)
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        self.faults.clear()
        self._failures.clear()

    def _fault_for(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.matches(method, path) and (fault.count is None or fault.hits < fault.count):
                if self.random.random() < fault.rate:
                    fault.hits += 1
                    return fault
        return None

    @staticmethod
    def _cut(request: web.Request, kind: str) -> None:
        transport = request.transport
        if transport is None:
            return
        if kind == "reset":
            sock = transport.get_extra_info("socket")
            if sock is not None:  # SO_LINGER 0: close() sends RST, the client's read fails with ECONNRESET
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
        else:
            transport.close()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await rest.read_body(request)
        call = Call(request.method, path, dict(request.query), body, files, dict(request.headers), time.perf_counter())
        async with self._new_call:
            self.arrivals.append(call)
            self._new_call.notify_all()
        fault = self._fault_for(request.method, path)
        if fault is not None and not fault.after and fault.kind == "slow":
            await asyncio.sleep(fault.delay)  # slow to reach Discord: a client that gave up meanwhile is not served
            if request.transport is None or request.transport.is_closing():
                call.status = -1
                await self._record(call)
                return web.Response(status=499)
        elif fault is not None and not fault.after and fault.kind in ("drop", "reset"):
            call.status = -1  # never processed
            self._cut(request, fault.kind)
            await self._record(call)
            return web.Response(status=499)  # never sent: the connection is gone
        try:
            response = await self._respond(request, path, call)
        except rest.ApiError as error:
            response = error.response()
        if fault is not None and fault.kind == "slow" and fault.after:
            await asyncio.sleep(fault.delay)
        elif fault is not None and fault.kind != "slow":  # processed, then the answer is lost
            call.status = -response.status
            call.response = getattr(response, "text", None)
            self._cut(request, fault.kind)
            await self._record(call)
            return web.Response(status=499)  # never sent: the connection is gone
        call.status = response.status
        call.response = getattr(response, "text", None)
        await self._record(call)
        return response

    async def _record(self, call: Call) -> None:
        async with self._new_call:
            self.calls.append(call)
            self._new_call.notify_all()

    async def _respond(self, request: web.Request, path: str, call: Call) -> web.Response:
        for index, (method, pattern, status, failure, via) in enumerate(self._failures):
            if method == request.method and re.fullmatch(pattern, path):
                del self._failures[index]
                headers = {"Retry-After": str(failure.get("retry_after", 0)), "X-RateLimit-Scope": "user"}
                if via:
                    headers["Via"] = "1.1 google"  # discord.py treats a 429 without Via as a Cloudflare ban
                return rest.json_response(failure, status=status, headers=headers if status == 429 else None)
        needs_auth = not path.startswith(("/interactions/", "/webhooks/"))
        if needs_auth and request.headers.get("Authorization") not in {f"Bot {t}" for t in self.tokens}:
            raise rest.ApiError(401, 0, "401: Unauthorized")
        for method, pattern, handler in rest.ROUTES:
            match = pattern.match(path)
            if match and method == request.method:
                result = await handler(self, request, match, call)
                return result if isinstance(result, web.StreamResponse) else rest.json_response(result)
        raise rest.ApiError(404, 0, "404: Not Found")

    async def wait_for_arrival(self, predicate, *, since: int = 0, timeout: float = 5.0) -> Call:
        """The first request (from index `since` of `arrivals`) for which predicate(call) is true, as soon as
        it arrives (before it is answered), waiting if need be."""
        async def find() -> Call:
            async with self._new_call:
                index = since
                while True:
                    for call in self.arrivals[index:]:
                        if predicate(call):
                            return call
                    index = len(self.arrivals)
                    await self._new_call.wait()
        return await asyncio.wait_for(find(), timeout)

    async def wait_for_call(self, predicate, *, since: int = 0, timeout: float = 5.0) -> Call:
        """The first call (from index `since`) for which predicate(call) is true, waiting if need be."""
        async def find() -> Call:
            async with self._new_call:
                index = since
                while True:
                    for call in self.calls[index:]:
                        if predicate(call):
                            return call
                    index = len(self.calls)
                    await self._new_call.wait()
        return await asyncio.wait_for(find(), timeout)

    # --- messages kept by the server ---------------------------------------------------------------------------

    def _bot_message(self, channel_id: str, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
        message = payloads.message(
            message_id=payloads.snowflake(), channel_id=channel_id, author=self.bot_user,
            content=body.get("content") or "", embeds=body.get("embeds"), components=body.get("components"),
            flags=body.get("flags") or 0, guild_id=self.guild_id if channel_id in self.channel_ids() else None,
            **extra)
        self.messages[message["id"]] = message
        return message

    @staticmethod
    def attachments(body: dict[str, Any], files: list[dict]) -> list[dict[str, Any]]:
        """Full attachment objects for the uploaded files (the body only names them by index)."""
        out = []
        for index, f in enumerate(files):
            described = next((a for a in body.get("attachments") or [] if str(a.get("id")) == str(index)), {})
            out.append({"id": payloads.snowflake(), "filename": f["filename"], "size": len(f["data"]),
                        "url": f"https://cdn.invalid/{f['filename']}", "proxy_url": f"https://cdn.invalid/{f['filename']}",
                        "content_type": f.get("content_type"), "description": described.get("description")})
        return out

    def store_bot_message(self, channel_id: str, body: dict[str, Any], files: list[dict]) -> dict[str, Any]:
        reference = body.get("message_reference")
        return self._bot_message(channel_id, body, attachments=self.attachments(body, files), reference=reference,
                                 message_type=19 if reference else 0)

    def store_interaction_message(self, state: SentInteraction, body: dict[str, Any], *, followup: bool = False,
                                  files: list[dict] | None = None) -> dict[str, Any]:
        message = self._bot_message(state.payload["channel_id"], body, attachments=self.attachments(body, files or []),
                                    webhook_id=self.application_id,
                                    application_id=self.application_id, message_type=20,
                                    interaction_metadata={"id": state.id, "type": state.payload["type"],
                                                          "user": self._interaction_user(state.payload)})
        if followup:
            state.followup_ids.append(message["id"])
        else:
            state.original_id = message["id"]
        return message

    def update_message(self, message_id: str, body: dict[str, Any], files: list[dict] | None = None) -> dict[str, Any]:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components", "flags"):
            if key in body and body[key] is not None:
                message[key] = body[key]
        if "attachments" in body or files:
            kept = {str(a.get("id")) for a in body.get("attachments") or []}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in kept] + \
                self.attachments(body, files or [])
        message["edited_timestamp"] = payloads.now_iso()
        return message

    @staticmethod
    def _interaction_user(payload: dict[str, Any]) -> dict[str, Any]:
        return payload["member"]["user"] if payload.get("member") else payload["user"]

    # --- driving the bot: interactions and messages ------------------------------------------------------------

    def command(self, name: str, kind: int = 1) -> dict[str, Any]:
        """A command as the bot registered it (guild commands first, then global)."""
        for scope in (self.guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == kind:
                    return command
        raise KeyError(f"the bot registered no command {name!r} (type {kind})")

    def _options(self, command: dict[str, Any], path: list[str], values: dict[str, Any],
                 focused: str | None) -> list[dict[str, Any]]:
        schema = command.get("options") or []
        if path:  # a subcommand: its own options nested inside
            sub = next(o for o in schema if o["name"] == path[0])
            return [{"type": sub["type"], "name": sub["name"], "options": self._options(sub, path[1:], values, focused)}]
        out = []
        for name, value in values.items():
            option = next((o for o in schema if o["name"] == name), None)
            if option is None:
                raise KeyError(f"/{command['name']} has no option {name!r}")
            item = {"type": option["type"], "name": name, "value": value}
            if name == focused:
                item["focused"] = True
            out.append(item)
        return out

    async def send_interaction(self, payload: dict[str, Any]) -> SentInteraction:
        sent = SentInteraction(payload["id"], payload["token"], payload, time.perf_counter())
        self.interactions[sent.token] = sent
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return sent

    def _interaction(self, kind: int, data: dict[str, Any] | None, who: Member | None, channel: dict | None,
                     message: dict | None = None, dm: bool = False) -> dict[str, Any]:
        who = who or self.member()
        channel = channel or self.general
        if dm:
            channel = {"id": payloads.snowflake(), "type": payloads.DM, "recipients": [who.user]}
        return payloads.interaction(kind=kind, application_id=self.application_id,
                                    guild_id=None if dm else self.guild_id, channel=channel,
                                    member_payload=None if dm else who.payload(), user_payload=who.user,
                                    data=data, message_payload=message)

    async def slash(self, qualified_name: str, *, user: Member | None = None, channel: dict | None = None,
                    dm: bool = False, **options: Any) -> SentInteraction:
        """Invoke `/qualified name` with options, as a member would (types come from the synced schema)."""
        name, *path = qualified_name.split()
        command = self.command(name)
        data = {"id": command["id"], "name": name, "type": 1,
                "options": self._options(command, path, options, None)}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return await self.send_interaction(self._interaction(2, data, user, channel, dm=dm))

    async def autocomplete(self, qualified_name: str, focused: str, value: str, *, user: Member | None = None,
                           **others: Any) -> list[dict[str, Any]]:
        """Type `value` into option `focused`; returns the choices the bot offered."""
        name, *path = qualified_name.split()
        command = self.command(name)
        data = {"id": command["id"], "name": name, "type": 1,
                "options": self._options(command, path, {**others, focused: value}, focused)}
        sent = await self.send_interaction(self._interaction(4, data, user, None))
        call = await self.wait_for_call(lambda c: c.path.endswith(f"/{sent.token}/callback"))
        assert call.status == 200, (call.status, call.response)
        assert call.json["type"] == 8, call.json
        return call.json["data"]["choices"]

    async def message_command(self, name: str, target: dict[str, Any], *, user: Member | None = None) -> SentInteraction:
        """Right-click `target` (a message payload) -> Apps -> `name`."""
        command = self.command(name, kind=3)
        data = {"id": command["id"], "name": name, "type": 3, "target_id": target["id"],
                "resolved": {"messages": {target["id"]: target}}}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        channel = next(c for c in (self.general, self.questions, self.thread) if c["id"] == target["channel_id"])
        return await self.send_interaction(self._interaction(2, data, user, channel))

    async def click(self, message: dict[str, Any], custom_id: str, *, user: Member | None = None) -> SentInteraction:
        """Click the button `custom_id` on a message the bot sent (as the server stores it)."""
        stored = self.messages.get(message["id"], message)
        ids = [c.get("custom_id") for row in stored.get("components") or [] for c in row["components"]]
        if custom_id not in ids:
            raise KeyError(f"no button {custom_id!r} on message {stored['id']} (has {ids})")
        channel = next((c for c in (self.general, self.questions, self.thread) if c["id"] == stored["channel_id"]),
                       self.general)
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.send_interaction(self._interaction(3, data, user, channel, message=stored))

    async def click_unknown(self, message: dict[str, Any], custom_id: str, *, user: Member | None = None) -> SentInteraction:
        """Click a button id the message does not (or no longer) carry, like an old client would."""
        stored = dict(self.messages.get(message["id"], message))
        stored["components"] = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "old", "custom_id": custom_id}]}]
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.send_interaction(self._interaction(3, data, user, self.general, message=stored))

    async def say(self, content: str, *, author: Member | None = None, channel: dict | None = None,
                  mention_bot: bool = False, mention_role: bool = False, mention_everyone: bool = False,
                  dm: bool = False) -> dict[str, Any]:
        """A member posts a message (MESSAGE_CREATE), in a guild channel or (dm=True) to the bot directly;
        returns its payload."""
        author = author or self.member()
        channel = channel or self.general
        if dm:
            channel_id = next((c for c, u in self.dm_channels.items() if u["id"] == author.id), None)
            if channel_id is None:
                channel_id = payloads.snowflake()
                self.dm_channels[channel_id] = author.user
            message = payloads.message(message_id=payloads.snowflake(), channel_id=channel_id, author=author.user,
                                       content=content)
            self.messages[message["id"]] = message
            await self.gateway.dispatch("MESSAGE_CREATE", message)
            return message
        mentions = [dict(self.bot_user, member={k: v for k, v in self.bot_member.items() if k != "user"})] \
            if mention_bot else []
        message = payloads.message(message_id=payloads.snowflake(), channel_id=channel["id"], author=author.user,
                                   content=content, guild_id=self.guild_id, member_payload=author.payload(),
                                   mentions=mentions, mention_roles=[self.bot_role_id] if mention_role else [],
                                   mention_everyone=mention_everyone)
        self.messages[message["id"]] = message
        await self.gateway.dispatch("MESSAGE_CREATE", message)
        return message

    # --- reading what the bot answered -------------------------------------------------------------------------

    def calls_for(self, sent: SentInteraction) -> list[Call]:
        return [c for c in self.calls if f"/{sent.token}" in c.path]

    async def reply(self, sent: SentInteraction, *, timeout: float = 5.0) -> Reply:
        """The message the bot answered `sent` with: the callback's message, or (after a defer) the edit of
        the original response or the first follow-up."""
        def answers(call: Call) -> bool:
            return f"/{sent.token}" in call.path and 0 < call.status < 300 and call.message is not None
        call = await self.wait_for_call(answers, timeout=timeout)
        stored = None
        if isinstance(call.response, str) and call.response.startswith("{"):
            body = json.loads(call.response)
            stored = body.get("resource", {}).get("message") if "resource" in body else body
        return Reply(call, call.message or {}, stored)

    async def reply_to_message(self, message: dict[str, Any], *, since: int = 0, timeout: float = 5.0) -> Reply:
        """The bot's reply (a message referencing `message`)."""
        def answers(call: Call) -> bool:
            ref = (call.json or {}).get("message_reference") if isinstance(call.json, dict) else None
            return (call.method == "POST" and 0 < call.status < 300 and ref is not None
                    and str(ref.get("message_id")) == message["id"])
        call = await self.wait_for_call(answers, since=since, timeout=timeout)
        return Reply(call, call.json, json.loads(call.response) if call.status < 300 else None)
