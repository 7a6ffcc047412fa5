"""How often members may ask, end to end: curiosity is never told to wait, floods are, moderators never are,
and a question answered publicly a moment ago in the same channel gets a pointer instead of a second copy."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")

WAIT = "Please wait"

#: Twelve different questions a curious member might ask in a minute.
TWELVE = ["What is Chip 4?", "When was the Camp David summit?", "Who wrote the article?",
          "Where was the Indo-Pacific Dialogue held?", "When did the three countries agree on cyber initiatives?",
          "What did North Korea launch?", "칩4가 뭐예요?", "Who won the 2022 World Cup?", "When did the summit at Camp David end?",
          "when was the article published", "which section is the article in", "what is the trilateral summit"]


async def ask(discord_api, member, question, **options):
    return await discord_api.reply(await discord_api.slash("ask", question=question, user=member, **options))


async def test_a_member_asks_twelve_questions_in_a_minute_publicly_and_privately_without_waiting(discord_api):
    curious = discord_api.member("curious")
    public = [await ask(discord_api, curious, q) for q in TWELVE]
    assert not any(WAIT in r.text for r in public)
    assert not any(r.ephemeral for r in public), "every public question got its public answer"
    private = [await ask(discord_api, curious, q, private=True) for q in TWELVE]
    assert not any(WAIT in r.text for r in private) and all(r.ephemeral for r in private)
    # ... and then a click on a suggestion, a vote and a context-menu lookup: still no waiting.
    unsure = next(r for r in public if any(i.startswith("faqbot:dym:") for i in r.custom_ids))
    suggestion = await discord_api.reply(await discord_api.click(
        unsure.stored, next(i for i in unsure.custom_ids if i.startswith("faqbot:dym:")), user=curious))
    answered = next(r for r in public if any(i.startswith("faqbot:vote:") for i in r.custom_ids))
    vote = await discord_api.reply(await discord_api.click(answered.stored, answered.custom_ids[0], user=curious))
    target = await discord_api.say("when was the camp david summit", author=discord_api.member("poster"))
    looked_up = await discord_api.reply(await discord_api.message_command("Ask the FAQ", target, user=curious))
    assert not any(WAIT in r.text for r in (suggestion, vote, looked_up))
    assert "August 2023" in looked_up.text


async def test_a_public_flood_is_asked_to_wait_privately_but_private_answers_go_on(discord_api, running_bot):
    flooder = discord_api.member("public-flooder")
    limit = running_bot.cooldown.public_per_minute
    replies = [await ask(discord_api, flooder, "What is Chip 4?") for _ in range(limit + 1)]
    assert not any(WAIT in r.text for r in replies[:limit])
    told = replies[-1]
    assert told.ephemeral and WAIT in told.text and "private:True" in told.text  # what to do instead
    private = await ask(discord_api, flooder, "What is Chip 4?", private=True)
    assert private.ephemeral and WAIT not in private.text and "Chip 4" in private.text


async def test_moderators_are_never_limited(discord_api, running_bot):
    editor = discord_api.member("busy-editor", moderator=True)
    limit = running_bot.cooldown.public_per_minute
    replies = [await ask(discord_api, editor, "Who wrote the article?") for _ in range(limit + 3)]
    assert not any(WAIT in r.text for r in replies) and not any(r.ephemeral for r in replies)


async def test_a_repeat_in_the_same_channel_gets_a_link_to_the_earlier_answer(discord_api, repeat_pointers):
    first = await ask(discord_api, discord_api.member("first-asker"), "When was the Camp David summit?")
    assert not first.ephemeral and "August 2023" in first.text
    start = len(discord_api.calls)
    second = await ask(discord_api, discord_api.member("second-asker"), "when was the camp david summit")
    assert second.ephemeral, "the pointer is private: the channel gets no second copy"
    assert "August 2023" not in second.text and "just answered" in second.text
    link = f"https://discord.com/channels/{discord_api.guild_id}/{first.stored['channel_id']}/{first.stored['id']}"
    assert link in second.text
    buttons = [c for row in second.message["components"] for c in row["components"]]
    assert [b.get("url") for b in buttons] == [link]
    assert not [c for c in discord_api.calls[start:] if c.message and not (c.message.get("flags", 0) & 64)], \
        "nothing public was sent for the repeat"
    # Asking privately, or in another channel, always gets the answer itself.
    private = await ask(discord_api, discord_api.member("second-asker"), "when was the camp david summit", private=True)
    assert "August 2023" in private.text
    elsewhere = await discord_api.reply(await discord_api.slash(
        "ask", question="when was the camp david summit", user=discord_api.member("third-asker"),
        channel=discord_api.questions))
    assert not elsewhere.ephemeral and "August 2023" in elsewhere.text


async def test_a_different_question_is_answered_even_right_after_another(discord_api, repeat_pointers):
    await ask(discord_api, discord_api.member("a"), "Who wrote the article?")
    other = await ask(discord_api, discord_api.member("b"), "What is Chip 4?")
    assert not other.ephemeral and "Chip 4" in other.text


async def test_a_repeated_mention_gets_a_short_reply_with_the_link(discord_api, repeat_pointers):
    bot_id = discord_api.application_id
    first = await discord_api.say(f"<@{bot_id}> who wrote the article?", author=discord_api.member("m1"),
                                  mention_bot=True)
    answer = await discord_api.reply_to_message(first)
    assert "Si-ho Park" in answer.text
    again = await discord_api.say(f"<@{bot_id}> who wrote the article", author=discord_api.member("m2"),
                                  mention_bot=True)
    pointer = await discord_api.reply_to_message(again)
    link = f"https://discord.com/channels/{discord_api.guild_id}/{answer.stored['channel_id']}/{answer.stored['id']}"
    assert link in pointer.text and "Si-ho Park" not in pointer.text
    assert pointer.message["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_with_pointers_off_a_repeat_is_answered_again(discord_api, running_bot):
    assert running_bot.recent_answers.window == 0
    await ask(discord_api, discord_api.member("x"), "Who wrote the article?")
    again = await ask(discord_api, discord_api.member("y"), "Who wrote the article?")
    assert not again.ephemeral and "Si-ho Park" in again.text


async def test_a_moderator_mentioning_the_bot_is_never_limited_either(discord_api, running_bot):
    editor = discord_api.member("mentioning-editor", moderator=True)  # Manage Messages through the Moderator role
    for _ in range(running_bot.cooldown.public_per_minute + 2):
        message = await discord_api.say(f"<@{discord_api.application_id}> who wrote the article?", author=editor,
                                        mention_bot=True)
        assert "Si-ho Park" in (await discord_api.reply_to_message(message)).text


async def test_when_the_earlier_answer_is_gone_the_repeat_is_answered_again(discord_api, repeat_pointers):
    first = await ask(discord_api, discord_api.member("asker-1"), "What is Chip 4?")
    discord_api.messages.pop(first.stored["id"])  # deleted in the meantime
    again = await ask(discord_api, discord_api.member("asker-2"), "what is chip 4")
    assert not again.ephemeral and "Chip 4" in again.text and "just answered" not in again.text
