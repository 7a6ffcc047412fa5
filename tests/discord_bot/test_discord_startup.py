"""Start-up against the test server: the REST calls in order, the gateway identify, and the synced commands."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_start_up_logs_in_finds_the_gateway_and_syncs_to_the_guild(discord_api):
    first = [(c.method, c.path) for c in discord_api.calls[:4]]
    app, guild = discord_api.application_id, discord_api.guild_id
    assert first == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me"), ("GET", "/gateway/bot"),
                     ("PUT", f"/applications/{app}/guilds/{guild}/commands")]
    assert all(c.headers["Authorization"] == f"Bot {discord_api.token}" for c in discord_api.calls[:4])
    assert not any(c.method == "PUT" and c.path == f"/applications/{app}/commands" for c in discord_api.calls), \
        "BOT_GUILD_IDS is set: nothing is synced globally"
    identify = discord_api.identify_payloads[-1]
    assert identify["token"] == discord_api.token
    assert discord_api.gateway.sessions and discord_api.gateway.sessions[0].heartbeats >= 1


async def test_synced_commands_have_the_options_member_expect(discord_api):
    commands = {c["name"]: c for c in discord_api.commands[discord_api.guild_id]}
    assert set(commands) == {"ask", "dates", "faq", "faqmod", "about", "Ask the FAQ"}

    ask = {o["name"]: o for o in commands["ask"]["options"]}
    assert ask["question"]["type"] == 3 and ask["question"]["required"] is True
    assert 100 <= ask["question"]["max_length"] <= 500
    assert ask["private"]["type"] == 5 and ask["private"]["required"] is False

    (query,) = commands["dates"]["options"]
    assert query["name"] == "query" and query["autocomplete"] is True and query["required"] is False

    subcommands = {o["name"]: o for o in commands["faq"]["options"]}
    assert set(subcommands) == {"list", "show"} and all(o["type"] == 1 for o in subcommands.values())
    (entry,) = subcommands["show"]["options"]
    assert entry["name"] == "entry" and entry["autocomplete"] is True and entry["required"] is True

    assert commands["Ask the FAQ"]["type"] == 3  # a message context menu
    for command in commands.values():  # for every member: no default permission gate (but the moderators')
        if command["name"] != "faqmod":
            assert command["default_member_permissions"] is None, command["name"]
        assert command.get("description") or command["type"] != 1


async def test_identify_asks_only_for_the_intents_in_use(discord_api):
    intents = discord_api.identify_payloads[-1]["intents"]
    guilds, guild_messages, message_content, members, presences = 1 << 0, 1 << 9, 1 << 15, 1 << 1, 1 << 8
    assert intents & guilds and intents & guild_messages
    assert intents & message_content, "the test bot has a QA channel, which reads plain messages"
    assert not intents & (members | presences)
