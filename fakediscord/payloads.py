"""Discord API objects as the real API sends them (the subset discord.py reads), built from a few facts.

Everything is plain JSON-able dicts; ids are snowflakes as strings, like Discord's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
_sequence = itertools.count(1)

# Permission bits (https://discord.com/developers/docs/topics/permissions)
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
ADD_REACTIONS = 1 << 6
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
MEMBER_PERMISSIONS = (VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY
                      | ADD_REACTIONS | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS)

# Channel types
GUILD_TEXT = 0
DM = 1
PUBLIC_THREAD = 11


def snowflake() -> str:
    """A fresh, increasing snowflake id."""
    now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((now_ms << 22) | (next(_sequence) & 0x3FFFFF))


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def user(user_id: str, username: str, *, bot: bool = False) -> dict[str, Any]:
    return {"id": user_id, "username": username, "global_name": username if not bot else None,
            "discriminator": "0", "avatar": None, "bot": bot, "public_flags": 0}


def member(user_payload: dict[str, Any], *, roles: list[str] | None = None,
           permissions: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"user": user_payload, "nick": None, "roles": roles or [], "joined_at": now_iso(),
                           "deaf": False, "mute": False, "flags": 0, "pending": False, "avatar": None}
    if permissions is not None:  # interaction members carry their resolved channel permissions
        out["permissions"] = str(permissions)
    return out


def role(role_id: str, name: str, *, permissions: int = 0, position: int = 0,
         bot_id: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": role_id, "name": name, "color": 0, "hoist": False, "position": position,
                           "permissions": str(permissions), "managed": bot_id is not None, "mentionable": False,
                           "flags": 0}
    if bot_id:
        out["tags"] = {"bot_id": bot_id}
    return out


def text_channel(channel_id: str, guild_id: str, name: str, *, position: int = 0) -> dict[str, Any]:
    return {"id": channel_id, "guild_id": guild_id, "type": GUILD_TEXT, "name": name, "position": position,
            "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None, "last_message_id": None,
            "rate_limit_per_user": 0}


def thread(thread_id: str, guild_id: str, parent_id: str, name: str, owner_id: str) -> dict[str, Any]:
    return {"id": thread_id, "guild_id": guild_id, "parent_id": parent_id, "type": PUBLIC_THREAD, "name": name,
            "owner_id": owner_id, "last_message_id": None, "rate_limit_per_user": 0, "message_count": 0,
            "member_count": 1, "flags": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": now_iso(),
                                "locked": False}}


def guild(guild_id: str, name: str, *, owner_id: str, roles: list[dict], channels: list[dict],
          threads: list[dict], members: list[dict]) -> dict[str, Any]:
    """A GUILD_CREATE payload."""
    return {"id": guild_id, "name": name, "icon": None, "splash": None, "discovery_splash": None,
            "owner_id": owner_id, "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
            "default_message_notifications": 1, "explicit_content_filter": 0, "roles": roles, "emojis": [],
            "stickers": [], "features": [], "mfa_level": 0, "system_channel_id": None, "system_channel_flags": 0,
            "rules_channel_id": None, "vanity_url_code": None, "description": None, "banner": None,
            "premium_tier": 0, "premium_subscription_count": 0, "preferred_locale": "en-US",
            "public_updates_channel_id": None, "nsfw_level": 0, "premium_progress_bar_enabled": False,
            "joined_at": now_iso(), "large": False, "unavailable": False, "member_count": len(members),
            "voice_states": [], "members": members, "channels": channels, "threads": threads, "presences": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": []}


def message(*, message_id: str, channel_id: str, author: dict[str, Any], content: str = "",
            guild_id: str | None = None, member_payload: dict | None = None, embeds: list | None = None,
            components: list | None = None, attachments: list | None = None, mentions: list | None = None,
            mention_roles: list | None = None, mention_everyone: bool = False, flags: int = 0,
            message_type: int = 0, reference: dict | None = None, webhook_id: str | None = None,
            application_id: str | None = None, interaction_metadata: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": message_id, "channel_id": channel_id, "author": author, "content": content,
        "timestamp": now_iso(), "edited_timestamp": None, "tts": False, "mention_everyone": mention_everyone,
        "mentions": mentions or [], "mention_roles": mention_roles or [], "attachments": attachments or [],
        "embeds": embeds or [], "pinned": False, "type": message_type, "flags": flags,
        "components": components or [],
    }
    if guild_id:
        out["guild_id"] = guild_id
    if member_payload:
        out["member"] = {k: v for k, v in member_payload.items() if k != "user"}
    if reference:
        out["message_reference"] = reference
    if webhook_id:
        out["webhook_id"] = webhook_id
    if application_id:
        out["application_id"] = application_id
    if interaction_metadata:
        out["interaction_metadata"] = interaction_metadata
    return out


def interaction(*, kind: int, application_id: str, guild_id: str | None, channel: dict[str, Any],
                member_payload: dict[str, Any] | None, user_payload: dict[str, Any] | None,
                data: dict[str, Any] | None = None, message_payload: dict[str, Any] | None = None,
                app_permissions: int = MEMBER_PERMISSIONS) -> dict[str, Any]:
    """An INTERACTION_CREATE payload (kind: 2 command, 3 component, 4 autocomplete)."""
    out: dict[str, Any] = {
        "id": snowflake(), "application_id": application_id, "type": kind, "token": f"itoken-{snowflake()}",
        "version": 1, "channel_id": channel["id"], "channel": channel, "locale": "en-US",
        "app_permissions": str(app_permissions), "entitlements": [], "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {"0": guild_id} if guild_id else {"1": (user_payload or {}).get("id")},
        "context": 0 if guild_id else 1,
    }
    if data is not None:
        out["data"] = data
    if guild_id:
        out["guild_id"] = guild_id
        out["guild_locale"] = "en-US"
        out["member"] = member_payload
    else:
        out["user"] = user_payload
    if message_payload is not None:
        out["message"] = message_payload
    return out
