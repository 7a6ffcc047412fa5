"""The trust boundary, end to end through the loopback Discord: what a moderator wrote is shown to every
member with links as plain URLs and no mention or spoiler syntax; what a member typed is echoed without
control or bidi characters."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_asyncio

from test_faults_edits import open_form, submit

pytestmark = pytest.mark.asyncio(loop_scope="session")

SHADY = ("Ask in [the official club form](http://evil.example/phish) or <@&123456789012345678> "
         "<@123456789012345678> <#123456789012345678> @everyone ||click here|| \u202etxt.exe\x1b[2J")


@pytest_asyncio.fixture(loop_scope="session")
async def faq(running_bot, fake_discord):
    path: Path = running_bot.live.path
    original = path.read_bytes()
    try:
        yield path
    finally:
        path.write_bytes(original)
        await asyncio.to_thread(running_bot.live.reload)
        await running_bot.moderation.watcher.check()


async def test_a_moderators_answer_cannot_disguise_links_mention_or_hide_text(fake_discord, faq, moderator,
                                                                             member):
    _, modal = await open_form(fake_discord, moderator)
    saved = await fake_discord.reply(await submit(fake_discord, modal, {
        "Question": "How do I join the photography desk?", "Answer": SHADY}, moderator))
    assert "Added" in saved.text, saved.text
    reply = await fake_discord.reply(await fake_discord.slash("ask", question="How do I join the photography desk?",
                                                              user=member))
    shown = reply.embed["description"]
    assert "the official club form (http://evil.example/phish)" in shown  # the URL is there to see
    assert "](" not in shown
    for syntax in ("<@&1", "<@1", "<#1", "||"):
        assert syntax not in shown, (syntax, shown)
    assert "@everyone" not in shown.replace("@\u200beveryone", "")
    assert "\u202e" not in shown and "\x1b" not in shown
    assert reply.message["allowed_mentions"]["parse"] == []


async def test_a_members_control_and_bidi_characters_are_not_echoed(fake_discord, member):
    reply = await fake_discord.reply(await fake_discord.slash(
        "ask", question="who wrote \u202ethe article\u202c?\x1b[31m\x07", user=member))
    title = reply.embed["title"]
    assert "wrote" in title and "article" in title
    assert not any(c in title for c in "\u202e\u202c\x1b\x07"), repr(title)
