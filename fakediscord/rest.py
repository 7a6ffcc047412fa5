"""The REST routes the bot uses, with Discord's validation of the limits that matter (400 on violations).

Each route is (method, pattern) -> handler(server, request, match, call); the handler returns the JSON
body (or a web.Response). Unknown routes answer 404 like Discord and are recorded all the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads

if TYPE_CHECKING:
    from .server import Call, FakeDiscord

Handler = Callable[["FakeDiscord", web.Request, re.Match, "Call"], Awaitable[Any]]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []

EPHEMERAL = 1 << 6
LOADING = 1 << 7


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str, errors: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def response(self) -> web.Response:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return json_response(body, status=self.status)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON the way Discord sends it: Content-Type exactly application/json (discord.py checks for that)."""
    return web.Response(body=json.dumps(body).encode(), status=status,
                        headers={**(headers or {}), "Content-Type": "application/json"})


def route(method: str, pattern: str):
    def decorate(handler: Handler) -> Handler:
        ROUTES.append((method, re.compile(pattern + r"$"), handler))
        return handler
    return decorate


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def invalid(what: str) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", {"detail": what})


def validate_message(data: dict[str, Any]) -> None:
    """Discord's message limits: content, embeds, components, allowed_mentions shape."""
    if units(data.get("content") or "") > 2000:
        raise invalid("content: Must be 2000 or fewer in length.")
    embeds = data.get("embeds") or []
    if len(embeds) > 10:
        raise invalid("embeds: Must be 10 or fewer in length.")
    total = 0
    for embed in embeds:
        for key, limit in (("title", 256), ("description", 4096)):
            if units(embed.get(key) or "") > limit:
                raise invalid(f"embeds.{key}: Must be {limit} or fewer in length.")
            total += units(embed.get(key) or "")
        fields = embed.get("fields") or []
        if len(fields) > 25:
            raise invalid("embeds.fields: Must be 25 or fewer in length.")
        for f in fields:
            if not f.get("name") or not f.get("value"):
                raise invalid("embeds.fields: name and value are required.")
            if units(f["name"]) > 256 or units(f["value"]) > 1024:
                raise invalid("embeds.fields: name <= 256, value <= 1024.")
            total += units(f["name"]) + units(f["value"])
        footer = (embed.get("footer") or {}).get("text") or ""
        if units(footer) > 2048:
            raise invalid("embeds.footer.text: Must be 2048 or fewer in length.")
        total += units(footer) + units((embed.get("author") or {}).get("name") or "")
    if total > 6000:
        raise invalid("embeds: Embed size exceeds maximum size of 6000")
    rows = data.get("components") or []
    if len(rows) > 5:
        raise invalid("components: Must be 5 or fewer in length.")
    seen: set[str] = set()
    for row in rows:
        items = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(items) <= 5:
            raise invalid("components: an action row holds 1 to 5 components.")
        for item in items:
            custom_id = item.get("custom_id")
            if custom_id is not None:
                if len(custom_id) > 100 or custom_id in seen:
                    raise invalid("components.custom_id: unique, 100 or fewer in length.")
                seen.add(custom_id)
            if units(item.get("label") or "") > 80:
                raise invalid("components.label: Must be 80 or fewer in length.")
    mentions = data.get("allowed_mentions")
    if mentions is not None and not isinstance(mentions.get("parse", []), list):
        raise invalid("allowed_mentions.parse: must be a list.")


def validate_choices(data: dict[str, Any]) -> None:
    choices = data.get("choices")
    if not isinstance(choices, list) or len(choices) > 25:
        raise invalid("choices: Must be 25 or fewer in length.")
    for choice in choices:
        if not 1 <= units(str(choice.get("name", ""))) <= 100 or not 1 <= units(str(choice.get("value", ""))) <= 100:
            raise invalid("choices: name and value must be 1 to 100 in length.")


# --- identity and gateway ---------------------------------------------------------------------------------------

@route("GET", r"/users/@me")
async def get_me(server: FakeDiscord, request, match, call):
    return server.bot_user


@route("GET", r"/oauth2/applications/@me")
async def get_application(server: FakeDiscord, request, match, call):
    return server.application_payload()


@route("GET", r"/gateway(?:/bot)?")
async def get_gateway(server: FakeDiscord, request, match, call):
    return {"url": server.gateway_url, "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}


# --- application commands ---------------------------------------------------------------------------------------

@route("PUT", r"/applications/(?P<app>\d+)(?:/guilds/(?P<guild>\d+))?/commands")
async def put_commands(server: FakeDiscord, request, match, call):
    if match["app"] != server.application_id:
        raise ApiError(403, 50001, "Missing Access")
    if match["guild"] and match["guild"] != server.guild_id:
        raise ApiError(403, 50001, "Missing Access")  # the bot is not in that guild
    registered = []
    for command in call.json or []:
        stored = dict(command, id=payloads.snowflake(), application_id=server.application_id, version="1",
                      description=command.get("description", ""),
                      type=command.get("type", 1))
        if match["guild"]:
            stored["guild_id"] = match["guild"]
        registered.append(stored)
    server.commands[match["guild"]] = registered
    return registered


@route("GET", r"/applications/(?P<app>\d+)(?:/guilds/(?P<guild>\d+))?/commands")
async def get_commands(server: FakeDiscord, request, match, call):
    return server.commands.get(match["guild"], [])


# --- interactions -----------------------------------------------------------------------------------------------

@route("POST", r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback")
async def interaction_callback(server: FakeDiscord, request, match, call):
    state = server.interactions.get(match["token"])
    if state is None or state.id != match["id"]:
        raise ApiError(404, 10062, "Unknown interaction")
    if state.acknowledged:
        raise ApiError(400, 40060, "Interaction has already been acknowledged.")
    if server.interaction_window is not None and call.at - state.sent_at > server.interaction_window:
        raise ApiError(404, 10062, "Unknown interaction")  # too late: Discord has shown "This interaction failed"
    body = call.json or {}
    kind, data = body.get("type"), body.get("data") or {}
    message = None
    if kind == 4:  # CHANNEL_MESSAGE_WITH_SOURCE
        validate_message(data)
        message = server.store_interaction_message(state, data, files=call.files)
    elif kind == 5:  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE ("thinking")
        message = server.store_interaction_message(state, {"flags": LOADING | (data.get("flags", 0) & EPHEMERAL)})
    elif kind == 7:  # UPDATE_MESSAGE (a component's message)
        validate_message(data)
        message = server.update_message(state.payload["message"]["id"], data)
    elif kind == 8:  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        validate_choices(data)
    elif kind not in (6, 9):
        raise invalid(f"type: unknown interaction callback type {kind}")
    state.acknowledged = True
    out: dict[str, Any] = {"interaction": {"id": state.id, "type": state.payload["type"]}}
    if message is not None:
        out["interaction"].update(response_message_id=message["id"],
                                  response_message_loading=bool(message["flags"] & LOADING),
                                  response_message_ephemeral=bool(message["flags"] & EPHEMERAL))
        out["resource"] = {"type": kind, "message": message}
    return out


def _webhook_state(server: FakeDiscord, match: re.Match):
    state = server.interactions.get(match["token"])
    if match["app"] != server.application_id or state is None:
        raise ApiError(404, 10015, "Unknown Webhook")
    if not state.acknowledged:
        raise ApiError(404, 10015, "Unknown Webhook")  # no original response to edit or follow yet
    return state


@route("GET", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<msg>@original|\d+)")
async def get_webhook_message(server: FakeDiscord, request, match, call):
    state = _webhook_state(server, match)
    message_id = state.original_id if match["msg"] == "@original" else match["msg"]
    if message_id not in server.messages:
        raise ApiError(404, 10008, "Unknown Message")
    return server.messages[message_id]


@route("PATCH", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<msg>@original|\d+)")
async def edit_webhook_message(server: FakeDiscord, request, match, call):
    state = _webhook_state(server, match)
    message_id = state.original_id if match["msg"] == "@original" else match["msg"]
    if message_id not in server.messages:
        raise ApiError(404, 10008, "Unknown Message")
    validate_message(call.json or {})
    update = dict(call.json or {})
    update["flags"] = server.messages[message_id]["flags"] & ~LOADING
    return server.update_message(message_id, update, call.files)


@route("DELETE", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<msg>@original|\d+)")
async def delete_webhook_message(server: FakeDiscord, request, match, call):
    state = _webhook_state(server, match)
    server.messages.pop(state.original_id if match["msg"] == "@original" else match["msg"], None)
    return web.Response(status=204)


@route("POST", r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)")
async def webhook_followup(server: FakeDiscord, request, match, call):
    state = _webhook_state(server, match)
    validate_message(call.json or {})
    return server.store_interaction_message(state, call.json or {}, followup=True, files=call.files)


# --- channels ---------------------------------------------------------------------------------------------------

@route("POST", r"/channels/(?P<channel>\d+)/messages")
async def create_message(server: FakeDiscord, request, match, call):
    if match["channel"] not in server.channel_ids() and not server.is_dm(match["channel"]):
        raise ApiError(404, 10003, "Unknown Channel")
    body = call.json or {}
    validate_message(body)
    if not (body.get("content") or body.get("embeds") or call.files):
        raise ApiError(400, 50006, "Cannot send an empty message")
    if body.get("enforce_nonce") and body.get("nonce"):  # Discord: the same nonce, the same message
        key = (match["channel"], str(body["nonce"]))
        if key in server.nonces:
            return server.messages.get(server.nonces[key]) or server.store_bot_message(match["channel"], body,
                                                                                       call.files)
        message = server.store_bot_message(match["channel"], body, call.files)
        server.nonces[key] = message["id"]
        return message
    return server.store_bot_message(match["channel"], body, call.files)


@route("PATCH", r"/channels/(?P<channel>\d+)/messages/(?P<msg>\d+)")
async def edit_message(server: FakeDiscord, request, match, call):
    if match["msg"] not in server.messages:
        raise ApiError(404, 10008, "Unknown Message")
    validate_message(call.json or {})
    return server.update_message(match["msg"], call.json or {}, call.files)


@route("DELETE", r"/channels/(?P<channel>\d+)/messages/(?P<msg>\d+)")
async def delete_message(server: FakeDiscord, request, match, call):
    server.messages.pop(match["msg"], None)
    return web.Response(status=204)


@route("PUT", r"/channels/(?P<channel>\d+)/messages/(?P<msg>\d+)/reactions/(?P<emoji>[^/]+)/@me")
async def add_reaction(server: FakeDiscord, request, match, call):
    return web.Response(status=204)


@route("POST", r"/channels/(?P<channel>\d+)/typing")
async def typing(server: FakeDiscord, request, match, call):
    return web.Response(status=204)


async def read_body(request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
    """(JSON body, files): a plain JSON body, or multipart with payload_json and files[n]."""
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files = []
        reader = await request.multipart()
        async for part in reader:
            data = await part.read()  # type: ignore[union-attr]
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                files.append({"field": part.name, "filename": part.filename, "data": bytes(data),
                              "content_type": part.headers.get("Content-Type")})
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []
