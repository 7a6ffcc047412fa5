"""The Discord adapter's pure parts: settings, text limits, escaping, the timeline picture, cooldowns."""

from __future__ import annotations

import io
from pathlib import Path

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bot.core.knowledge.faq import load_knowledge
from bot.discord_bot import limits
from bot.discord_bot.client import make_intents
from bot.discord_bot.config import ConfigError, DiscordConfig, load_config, read_environment
from bot.discord_bot.cooldown import QuestionCooldown
from bot.discord_bot.timeline import render_timeline, short_date
from fakediscord.rest import ApiError, validate_message

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_mentions_alone_need_no_privileged_intent():
    intents = make_intents(DiscordConfig(token="x"))
    assert intents.guild_messages and intents.dm_messages
    assert not intents.message_content and not intents.members and not intents.presences
    assert make_intents(DiscordConfig(token="x", qa_channel_ids=frozenset({1}))).message_content


def test_config_reads_every_variable():
    config = load_config({
        "DISCORD_TOKEN": " Bot abc.def ", "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
        "BOT_GUILD_IDS": "111, 222 111", "BOT_KNOWLEDGE": "k/faq.yaml", "BOT_DATA_DIR": "/tmp/d",
        "BOT_QA_CHANNEL_IDS": "333", "BOT_MODERATOR_ROLE_IDS": "444,555", "BOT_LOG_LEVEL": "debug",
        "BOT_MOD_LOG_CHANNEL_ID": "666",
    })
    assert config.token == "abc.def"  # a pasted "Bot " prefix is dropped; discord.py adds it
    assert config.api_base == "http://127.0.0.1:9/api/v10"
    assert config.guild_ids == (111, 222)
    assert config.knowledge == Path("k/faq.yaml") and config.data_dir == Path("/tmp/d")
    assert config.qa_channel_ids == {333} and config.moderator_role_ids == {444, 555}
    assert config.log_level == "DEBUG" and config.mod_log_channel_id == 666


@pytest.mark.parametrize("env, says", [
    ({}, "DISCORD_TOKEN is not set"),
    ({"DISCORD_TOKEN": "   "}, "DISCORD_TOKEN is not set"),
    ({"DISCORD_TOKEN": "t", "BOT_GUILD_IDS": "my-server"}, "BOT_GUILD_IDS: 'my-server' is not a Discord id"),
    ({"DISCORD_TOKEN": "t", "BOT_LOG_LEVEL": "loud"}, "BOT_LOG_LEVEL must be one of"),
    ({"DISCORD_TOKEN": "t", "DISCORD_API_BASE": "discord.com"}, "DISCORD_API_BASE must be an http(s) URL"),
    ({"DISCORD_TOKEN": "t", "BOT_MOD_LOG_CHANNEL_ID": "1,2"}, "takes one channel id"),
])
def test_bad_settings_are_one_clear_line(env, says):
    with pytest.raises(ConfigError) as error:
        load_config(env)
    assert says in str(error.value) and "\n" not in str(error.value)


def test_environment_wins_over_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DISCORD_TOKEN=from-file\nBOT_LOG_LEVEL=WARNING\n", encoding="utf-8")
    env = read_environment({"DISCORD_TOKEN": "from-env"}, dotenv)
    assert env["DISCORD_TOKEN"] == "from-env" and env["BOT_LOG_LEVEL"] == "WARNING"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300), st.integers(min_value=4, max_value=120))
def test_truncate_never_exceeds_the_limit(text, limit):
    cut = limits.truncate(text, limit)
    assert limits.units(cut) <= limit
    assert cut == text or cut.endswith("...")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_user_text_cannot_ping_or_format(text):
    safe = limits.user_text(text, 256)
    assert limits.units(safe) <= 256
    assert "@everyone" not in safe and "@here" not in safe
    for mark in ("**", "__", "~~", "`"):
        assert mark not in safe.replace("\\" + mark[0], "")  # every markdown character comes escaped


def test_fit_embed_keeps_an_oversized_embed_within_every_limit():
    huge = "한국어 English 日本語 🇰🇷 " * 800
    embed = discord.Embed(title=huge, description=huge)
    for _ in range(30):
        embed.add_field(name=huge, value=huge)
    embed.set_footer(text=huge)
    limits.fit_embed(embed)
    assert limits.embed_units(embed) <= limits.EMBED_TOTAL
    validate_message({"embeds": [embed.to_dict()]})  # the test server's (Discord's) validation passes


def test_the_test_server_rejects_what_discord_rejects():
    with pytest.raises(ApiError):
        validate_message({"content": "x" * 2001})
    with pytest.raises(ApiError):
        validate_message({"embeds": [{"description": "🇰" * 2100}]})  # 4200 UTF-16 units


def test_timeline_picture_is_a_png_of_every_date():
    knowledge = load_knowledge(REPO_ROOT / "knowledge" / "faq.yaml")
    png = render_timeline(knowledge.dates, {knowledge.dates[0].id})
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width >= 900 and image.height > 200
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 10  # drawn, not blank
    wider = render_timeline(knowledge.dates * 3)
    assert Image.open(io.BytesIO(wider)).width > image.width  # many dates: a wider picture, not a squeeze
    inferred = [d for d in knowledge.dates if d.year_inferred]
    assert inferred and all(short_date(d).endswith("*") for d in inferred)


def test_cooldown_allows_a_burst_then_asks_to_wait():
    cooldown = QuestionCooldown(public_per_minute=3, private_per_minute=5)
    assert [cooldown.retry_after(1) for _ in range(3)] == [None, None, None]
    wait = cooldown.retry_after(1)
    assert wait is not None and 0 < wait <= 60
    assert cooldown.retry_after(2) is None  # per member
    # Private answers have their own, higher allowance: the public limit doesn't touch it.
    assert [cooldown.retry_after(1, public=False) for _ in range(5)] == [None] * 5
    assert cooldown.retry_after(1, public=False) is not None


def test_cooldown_exempts_moderators_and_zero_turns_a_limit_off():
    cooldown = QuestionCooldown(public_per_minute=1, private_per_minute=0)
    assert cooldown.retry_after(1) is None and cooldown.retry_after(1) is not None
    assert all(cooldown.retry_after(1, exempt=True) is None for _ in range(50))
    assert all(cooldown.retry_after(1, public=False) is None for _ in range(500))


def test_cooldown_forgets_members_whose_minute_has_passed_and_keeps_the_others():
    import time

    cooldown = QuestionCooldown(public_per_minute=2)
    cooldown.retry_after(1)
    cooldown.retry_after(2)
    cooldown.forget_idle(time.monotonic() + 1)
    assert cooldown.tracked() == 2, "a member still inside their minute is kept"
    cooldown.forget_idle(time.monotonic() + 61)
    assert cooldown.tracked() == 0
    cooldown.retry_after(3)
    cooldown.retry_after(3)
    cooldown.forget_idle(time.monotonic() + 1)
    assert cooldown.retry_after(3) is not None, "forgetting idle members never resets an active one"


def test_cooldown_prunes_by_itself_once_many_members_are_tracked(monkeypatch):
    from bot.discord_bot import cooldown as module

    monkeypatch.setattr(module, "FORGET_AFTER", 10)
    cooldown = QuestionCooldown(public_per_minute=5)
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    for user in range(11):
        cooldown.retry_after(user)
    now[0] += 61  # their minute has passed
    cooldown.retry_after(99)
    assert cooldown.tracked() == 1


def test_question_limits_are_settings():
    config = load_config({"DISCORD_TOKEN": "t", "BOT_PUBLIC_QUESTIONS_PER_MINUTE": "12",
                          "BOT_PRIVATE_QUESTIONS_PER_MINUTE": "0", "BOT_REPEAT_WINDOW_SECONDS": "30"})
    assert (config.public_per_minute, config.private_per_minute, config.repeat_window) == (12, 0, 30)
    cooldown = QuestionCooldown.from_config(config)
    assert cooldown.limit(public=True) == 12 and cooldown.limit(public=False) == 0
    defaults = load_config({"DISCORD_TOKEN": "t"})
    assert defaults.public_per_minute >= 12 and defaults.private_per_minute >= defaults.public_per_minute
    with pytest.raises(ConfigError, match="BOT_PUBLIC_QUESTIONS_PER_MINUTE must be a whole number"):
        load_config({"DISCORD_TOKEN": "t", "BOT_PUBLIC_QUESTIONS_PER_MINUTE": "lots"})


def test_every_setting_the_bot_reads_is_documented_in_the_readme_and_env_example():
    import re

    import bot.discord_bot.config as config_module

    root = Path(__file__).resolve().parents[2]
    import bot.settings as settings_module

    names = {name for module in (config_module, settings_module)
             for name in re.findall(r'"((?:BOT|DISCORD)_[A-Z_]+)"', Path(module.__file__).read_text(encoding="utf-8"))}
    assert {"DISCORD_TOKEN", "BOT_KNOWLEDGE", "BOT_PUBLIC_QUESTIONS_PER_MINUTE", "BOT_PRIVATE_QUESTIONS_PER_MINUTE",
            "BOT_REPEAT_WINDOW_SECONDS"} <= names
    readme = (root / "README.md").read_text(encoding="utf-8")
    example = (root / ".env.example").read_text(encoding="utf-8")
    for name in sorted(names):
        assert f"| `{name}` |" in readme, f"{name} is missing from the README's settings table"
        assert re.search(rf"^{name}=", example, re.M), f"{name} is missing from .env.example"


async def test_discord_api_base_is_one_seam_that_puts_discord_back_on_close():
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    from bot.discord_bot.api_base import ApiEndpoints

    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    unset = ApiEndpoints(None)
    unset.point_rest()
    unset.restore()
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before, "unset: Discord itself, untouched"

    class Http:
        async def get_bot_gateway(self):
            return 1, "ws://127.0.0.1:1/gateway", {}

    seam = ApiEndpoints("http://127.0.0.1:1/api/v10")
    seam.point_rest()
    await seam.point_gateway(Http())
    try:
        assert Route.BASE == "http://127.0.0.1:1/api/v10"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:1/gateway"
    finally:
        seam.restore()
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before
