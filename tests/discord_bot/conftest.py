"""One FakeDiscord and one real FaqBot (discord.py) connected to it, shared by the Discord tests.

Tests run in the session's event loop (each module sets `pytestmark = pytest.mark.asyncio(loop_scope="session")`)
so the server and the bot start once. Each test gets fresh members (fresh user ids), so cooldowns and
votes never leak between tests.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest
import pytest_asyncio

from fakediscord import FakeDiscord, Member

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def knowledge_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge, copied so nothing a test does can touch the repository's files."""
    folder = tmp_path_factory.mktemp("knowledge")
    for name in ("faq.yaml", "article.md"):
        shutil.copy(REPO_ROOT / "knowledge" / name, folder / name)
    return folder / "faq.yaml"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def fake_discord():
    async with FakeDiscord() as server:
        yield server


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def running_bot(fake_discord: FakeDiscord, knowledge_copy: Path, tmp_path_factory: pytest.TempPathFactory):
    from bot.core.state.activity import ActivityLog
    from bot.discord_bot.client import FaqBot
    from bot.discord_bot.config import load_config

    data_dir = tmp_path_factory.mktemp("data")
    config = load_config({
        "DISCORD_TOKEN": fake_discord.token,
        "DISCORD_API_BASE": fake_discord.api_base,
        "BOT_GUILD_IDS": fake_discord.guild_id,
        "BOT_QA_CHANNEL_IDS": fake_discord.questions["id"],
        "BOT_DATA_DIR": str(data_dir),
        # The session's tests ask the same questions in one channel: pointing a repeat to the earlier answer
        # is off here, and on in the tests about it (the `repeat_pointers` fixture).
        "BOT_REPEAT_WINDOW_SECONDS": "0",
    }, knowledge=knowledge_copy)
    bot = FaqBot(config, activity_log=ActivityLog(data_dir=data_dir))
    task = asyncio.create_task(bot.start(config.token), name="faq-bot")
    try:
        identified = asyncio.ensure_future(fake_discord.wait_identified(timeout=15))
        await asyncio.wait({identified, task}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            identified.cancel()
            task.result()  # the bot failed to start: raise its error here
        await identified
        for _ in range(500):  # the guild is in the bot's cache once GUILD_CREATE is parsed
            if bot.get_guild(int(fake_discord.guild_id)) is not None:
                break
            await asyncio.sleep(0.01)
        assert not task.done(), task.exception()
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


@pytest_asyncio.fixture(loop_scope="session")
async def discord_api(fake_discord: FakeDiscord, running_bot):
    """The fake server with the bot connected to it. Afterwards, the activity the test caused is written,
    so it never lands in the next test's counts."""
    yield fake_discord
    await running_bot.activity_log.drain()


@pytest.fixture
def repeat_pointers(running_bot):
    """The bot points a public repeat of a question to the earlier answer (as with the default settings)."""
    from bot.discord_bot.config import DEFAULT_REPEAT_WINDOW

    recent = running_bot.recent_answers
    recent.clear()  # what earlier tests asked is not "a moment ago"
    recent.window = DEFAULT_REPEAT_WINDOW
    try:
        yield recent
    finally:
        recent.window = 0


@pytest.fixture
def member(discord_api: FakeDiscord) -> Member:
    return discord_api.member("reader")


@pytest.fixture
def moderator(discord_api: FakeDiscord) -> Member:
    return discord_api.member("editor", moderator=True)


def message_calls(calls) -> list:
    """The REST calls that send or edit a message (every one must carry allowed_mentions)."""
    return [c for c in calls if c.message is not None and c.status < 300]


@pytest.fixture(autouse=True)
def _no_pings_ever(request: pytest.FixtureRequest):
    """After every test that ran the bot: each message it sent or edited had allowed_mentions parse=[]
    (nothing pings @everyone, @here, roles or users, replies included)."""
    if "running_bot" not in request.fixturenames:
        yield
        return
    server: FakeDiscord = request.getfixturevalue("fake_discord")
    start = len(server.calls)
    yield
    for call in message_calls(server.calls[start:]):
        mentions = call.message.get("allowed_mentions")
        assert mentions is not None, f"{call.method} {call.path} sent a message without allowed_mentions"
        assert mentions.get("parse") == [] and not mentions.get("users") and not mentions.get("roles") \
            and not mentions.get("replied_user"), (call.path, mentions)


class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def allow_bot_errors() -> None:
    """Request this in a test that makes the bot log errors on purpose."""


@pytest.fixture(autouse=True)
def _no_hidden_errors(request: pytest.FixtureRequest):
    """In this suite's own tests (test_discord_*), the bot logs no error unless the test asks for it: a
    failure after the reply was sent (e.g. parsing Discord's response) must not pass unnoticed."""
    if not request.path.name.startswith("test_discord_") or "allow_bot_errors" in request.fixturenames:
        yield
        return
    handler = _ErrorRecords()
    loggers = [logging.getLogger(name) for name in ("bot", "discord")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert not handler.records, [f"{r.name}: {r.getMessage()}" for r in handler.records]
