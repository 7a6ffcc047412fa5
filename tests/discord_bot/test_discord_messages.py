"""Questions in messages: mentions, the bot's role, QA channels and threads, the "Ask the FAQ" context menu,
hostile 4000-character messages, the cooldown for mentions, and rate limits."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.discord_bot import limits

pytestmark = pytest.mark.asyncio(loop_scope="session")

HOSTILE_4000 = ("@everyone @here <@&123456789012345678> **What** is __Chip 4__? ~~x~~ `y` ||z|| # h [l](https://a.invalid)"
                " 칩4 동맹은 무엇인가요? 日本語の質問 ✨🇰🇷 مرحبا Ελληνικά\n") * 40
HOSTILE_4000 = HOSTILE_4000[:4000]


@pytest.fixture
def nothing_sent_since(discord_api, running_bot):
    """`await nothing_sent_since(start)`: the bot sent no message since call number `start`.

    Shown by a positive event, not by a pause: a marker question (a mention from a new member, in the same
    channel, sent after the messages under test) gets its reply, and then the bot has no work in flight.
    The bot handles a channel's events in the order they arrive, so by then it has decided about every
    earlier message; the marker's reply is the only message allowed.
    """
    markers: set[str] = set()

    def answers_a_marker(call) -> bool:
        ref = (call.json or {}).get("message_reference") if isinstance(call.json, dict) else None
        return ref is not None and str(ref.get("message_id")) in markers

    async def check(start: int, channel: dict | None = None) -> bool:
        marker = await discord_api.say(f"<@{discord_api.application_id}> who wrote the article?",
                                       author=discord_api.member("marker"), channel=channel or discord_api.general,
                                       mention_bot=True)
        markers.add(marker["id"])
        await discord_api.reply_to_message(marker, since=start)
        for _ in range(500):  # until the answers in flight (if any) are done: at most 5 s
            if not len(running_bot.work):
                break
            await asyncio.sleep(0.01)
        assert not len(running_bot.work), "the bot is still busy"
        return not any(c.method == "POST" and "/messages" in c.path and not answers_a_marker(c)
                       for c in discord_api.calls[start:])
    return check


async def test_the_silence_check_notices_a_reply(discord_api, member, nothing_sent_since):
    """The check itself can fail: a message that is answered (however quickly) is seen."""
    start = len(discord_api.calls)
    await discord_api.say(f"<@{discord_api.application_id}> what is chip 4?", author=member, mention_bot=True)
    assert not await nothing_sent_since(start)
    start = len(discord_api.calls)
    await discord_api.say("What is Chip 4?", author=member, channel=discord_api.questions)  # a QA channel
    assert not await nothing_sent_since(start, channel=discord_api.questions)


async def test_a_mention_is_answered_in_a_reply_that_pings_nobody(discord_api, member, running_bot):
    message = await discord_api.say(f"<@{discord_api.application_id}> what is chip 4?", author=member, mention_bot=True)
    reply = await discord_api.reply_to_message(message)
    assert reply.call.path == f"/channels/{message['channel_id']}/messages"
    assert str(reply.message["message_reference"]["message_id"]) == message["id"]
    assert reply.message["allowed_mentions"] == {"parse": [], "replied_user": False}  # not even a reply ping
    assert reply.embed["title"] == "what is chip 4?"  # the mention itself is not part of the question
    assert reply.embed["description"] == running_bot.live.ask("what is chip 4?").answer


async def test_mentioning_the_bots_role_counts_but_everyone_does_not(discord_api, member, nothing_sent_since):
    start = len(discord_api.calls)
    await discord_api.say("@everyone what is chip 4?", author=member, mention_everyone=True)
    assert await nothing_sent_since(start)
    message = await discord_api.say(f"<@&{discord_api.bot_role_id}> who wrote the article?", author=member,
                                    mention_role=True)
    reply = await discord_api.reply_to_message(message, since=start)
    assert "Si-ho Park" in reply.text


async def test_a_hostile_4000_character_mention_is_defused_and_fits(discord_api, member):
    message = await discord_api.say(f"<@{discord_api.application_id}> " + HOSTILE_4000, author=member, mention_bot=True)
    reply = await discord_api.reply_to_message(message)
    assert reply.call.status == 200, reply.call.response  # within every Discord limit
    title = reply.embed["title"]
    assert limits.units(title) <= 256 and title.endswith("...")
    assert "@everyone" not in title and "<@&" not in title.replace("\\<@\u200b&", "")
    assert re.search(r"(?<!\\)[*_~`|\[\]<>#]", title) is None
    assert reply.message["allowed_mentions"]["parse"] == []


async def test_the_context_menu_answers_the_selected_message(discord_api, member, running_bot):
    target = await discord_api.say("Where did the leaders hold their first summit?", author=discord_api.member("poster"))
    reply = await discord_api.reply(await discord_api.message_command("Ask the FAQ", target, user=member))
    expected = running_bot.live.ask(target["content"])
    assert expected.answered
    assert reply.ephemeral and reply.embed["description"] == expected.answer
    assert any(f["name"] == "Source" and f["value"].startswith(f"Paragraph {expected.source.paragraph}")
               for f in reply.embed["fields"])


async def test_the_context_menu_on_hostile_text_stays_within_limits(discord_api, member):
    target = await discord_api.say(HOSTILE_4000, author=discord_api.member("troll"))
    reply = await discord_api.reply(await discord_api.message_command("Ask the FAQ", target, user=member))
    assert reply.call.status == 200 and "@everyone" not in reply.embed["title"]


async def test_the_context_menu_on_a_message_without_text(discord_api, member):
    target = await discord_api.say("", author=discord_api.member("imageposter"))
    reply = await discord_api.reply(await discord_api.message_command("Ask the FAQ", target, user=member))
    assert reply.ephemeral and "no text" in reply.text


async def test_qa_channel_answers_confident_questions_only(discord_api, member, running_bot, nothing_sent_since):
    start = len(discord_api.calls)
    chatter = "thanks everyone, see you at the meeting"
    assert not running_bot.live.ask(chatter).answered
    await discord_api.say(chatter, author=member, channel=discord_api.questions)
    assert await nothing_sent_since(start, channel=discord_api.questions)
    await discord_api.say("What is Chip 4?", author=member, channel=discord_api.general)  # not a QA channel
    assert await nothing_sent_since(start)
    question = await discord_api.say("Where did the leaders hold their first summit?", author=member,
                                     channel=discord_api.questions)
    reply = await discord_api.reply_to_message(question, since=start)
    assert "Camp David" in reply.text


async def test_qa_thread_is_answered_at_most_once(discord_api, running_bot, nothing_sent_since):
    thread = discord_api.thread
    first = await discord_api.say("When was the Camp David summit?", author=discord_api.member("a"), channel=thread)
    reply = await discord_api.reply_to_message(first)
    assert "August 2023" in reply.text
    start = len(discord_api.calls)
    await discord_api.say("What is Chip 4?", author=discord_api.member("b"), channel=thread)
    assert await nothing_sent_since(start, channel=thread)
    # Asking the bot by name in the thread still works.
    named = await discord_api.say(f"<@{discord_api.application_id}> what is chip 4?", author=discord_api.member("c"),
                                  channel=thread, mention_bot=True)
    assert "Chip 4" in (await discord_api.reply_to_message(named, since=start)).text


async def test_a_mention_flood_gets_an_hourglass_not_more_messages(discord_api, running_bot, nothing_sent_since):
    flooder = discord_api.member("flooder")
    for _ in range(running_bot.cooldown.public_per_minute):
        message = await discord_api.say(f"<@{discord_api.application_id}> what is chip 4?", author=flooder,
                                        mention_bot=True)
        await discord_api.reply_to_message(message)
    start = len(discord_api.calls)
    extra = await discord_api.say(f"<@{discord_api.application_id}> and again?", author=flooder, mention_bot=True)
    reaction = await discord_api.wait_for_call(lambda c: c.method == "PUT" and "/reactions/" in c.path, since=start)
    assert reaction.path.startswith(f"/channels/{extra['channel_id']}/messages/{extra['id']}/reactions/")
    assert await nothing_sent_since(start)


async def test_a_rate_limited_reply_is_retried_after_retry_after(discord_api, member):
    discord_api.fail_next("POST", r"/channels/\d+/messages", status=429)
    start = len(discord_api.calls)
    message = await discord_api.say(f"<@{discord_api.application_id}> who wrote the article?", author=member,
                                    mention_bot=True)
    reply = await discord_api.reply_to_message(message, since=start)
    posts = [c for c in discord_api.calls[start:] if c.method == "POST" and "/messages" in c.path]
    assert [c.status for c in posts] == [429, 200]
    assert posts[1].at - posts[0].at >= 0.04  # waited retry_after (0.05 s) before trying again
    assert "Si-ho Park" in reply.text


async def test_a_direct_message_is_answered(discord_api, member):
    message = await discord_api.say("who wrote the article?", author=member, dm=True)
    reply = await discord_api.reply_to_message(message)
    assert reply.call.path == f"/channels/{message['channel_id']}/messages" and "Si-ho Park" in reply.text
