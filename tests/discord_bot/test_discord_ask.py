"""/ask through the test server: sourced answers, abstention, "did you mean" buttons, votes, private answers,
the cooldown, deferral, errors, and hostile input."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest

from bot.discord_bot import answering, errors, limits

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: Questions near FAQ entries that the core should not answer outright (one must yield suggestions).
UNSURE = ["When did the summit at Camp David end?", "What did Russia do in 2023?",
          "How many missiles did North Korea launch?", "who wrote about the summit in Tokyo"]


def field(reply, name):
    return next((f["value"] for f in reply.embed.get("fields", []) if f["name"] == name), None)


async def test_ask_answers_with_the_matched_question_and_the_verbatim_source(discord_api, member, running_bot):
    sent = await discord_api.slash("ask", question="What is Chip 4?", user=member)
    reply = await discord_api.reply(sent)
    expected = running_bot.live.ask("What is Chip 4?")
    assert expected.answered and expected.source is not None

    assert reply.call.json["type"] == 4 and not reply.ephemeral  # answered at once, in the channel
    assert reply.embed["title"] == "What is Chip 4?"
    assert reply.embed["description"] == expected.answer
    assert field(reply, "Matched question") == expected.question_matched
    source = field(reply, "Source")
    assert source.startswith(f"Paragraph {expected.source.paragraph}: ")
    assert "Chip 4" in source and expected.source.paragraph == 9
    article = running_bot.live.knowledge.article
    assert article.title in reply.embed["footer"]["text"] and "February 20, 2024" in reply.embed["footer"]["text"]
    assert reply.custom_ids == [f"faqbot:vote:{expected.entry_id}:y", f"faqbot:vote:{expected.entry_id}:n"]


async def test_private_answers_are_ephemeral(discord_api, member):
    sent = await discord_api.slash("ask", question="Who wrote the article?", private=True, user=member)
    reply = await discord_api.reply(sent)
    assert reply.ephemeral and "Si-ho Park" in reply.text


async def test_a_question_the_article_does_not_answer_gets_an_honest_no(discord_api, member, running_bot):
    question = "Who won the 2022 World Cup?"
    assert not running_bot.live.ask(question).answered
    reply = await discord_api.reply(await discord_api.slash("ask", question=question, user=member))
    assert reply.embed["description"].startswith("The article doesn't say.")
    assert "/dates" in reply.embed["description"]
    assert field(reply, "Source") is None and field(reply, "Matched question") is None
    assert not any(c.startswith("faqbot:vote:") for c in reply.custom_ids)


async def test_did_you_mean_buttons_answer_when_clicked(discord_api, running_bot):
    question, expected = next(((q, a) for q in UNSURE if (a := running_bot.live.ask(q)).suggestions), (None, None))
    assert question is not None, "the core offered no suggestions for any unsure question"
    assert not expected.answered
    asker, bystander = discord_api.member("asker"), discord_api.member("bystander")
    reply = await discord_api.reply(await discord_api.slash("ask", question=question, user=asker))
    wanted = [f"faqbot:dym:{asker.id}:{s.entry_id}" for s in expected.suggestions[:3]]
    assert reply.custom_ids == wanted
    for suggestion in expected.suggestions[:3]:
        assert suggestion.question in reply.embed["description"]  # the text is there even without buttons
    labels = [c["label"] for row in reply.message["components"] for c in row["components"]]
    assert labels == [limits.truncate(s.question, 80) for s in expected.suggestions[:3]]

    chosen = expected.suggestions[0]
    entry_answer = running_bot.live.answer_entry(chosen.entry_id)
    # Someone else clicking gets the answer privately; the asker's message stays as it was.
    other = await discord_api.reply(await discord_api.click(reply.stored, wanted[0], user=bystander))
    assert other.call.json["type"] == 4 and other.ephemeral
    assert other.embed["description"] == entry_answer.answer
    # The asker's click turns the message into that answer (an UPDATE_MESSAGE), with its source.
    clicked = await discord_api.reply(await discord_api.click(reply.stored, wanted[0], user=asker))
    assert clicked.call.json["type"] == 7
    assert clicked.embed["description"] == entry_answer.answer
    assert field(clicked, "Source").startswith(f"Paragraph {entry_answer.source.paragraph}")
    assert discord_api.messages[reply.stored["id"]]["embeds"][0]["description"] == entry_answer.answer


async def test_stale_and_unknown_buttons_answer_gracefully(discord_api, member):
    reply = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=member))
    removed = await discord_api.reply(
        await discord_api.click_unknown(reply.stored, f"faqbot:dym:{member.id}:entry-removed-since", user=member))
    assert removed.ephemeral and "no longer in the FAQ" in removed.text
    unknown = await discord_api.reply(await discord_api.click_unknown(reply.stored, "poll:v1:42", user=member))
    assert unknown.ephemeral and unknown.text == errors.STALE_BUTTON


async def test_helpful_votes_reach_the_activity_log(discord_api, member, running_bot):
    reply = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=member))
    entry_id = reply.custom_ids[0].split(":")[2]
    log = running_bot.activity_log.sink
    await running_bot.activity_log.drain()
    before = log.stats().votes.get(entry_id)
    vote = await discord_api.reply(await discord_api.click(reply.stored, reply.custom_ids[1], user=member))
    assert vote.ephemeral and "Thanks" in vote.text
    await running_bot.activity_log.drain()  # the write started before the reply was sent
    after = log.stats().votes[entry_id]
    assert after.not_helpful == (before.not_helpful if before else 0) + 1


async def test_each_question_is_logged_once_and_recorded(discord_api, member, running_bot, caplog):
    caplog.set_level(logging.INFO, logger="bot.discord_bot.questions")
    await running_bot.activity_log.drain()
    asked_before = running_bot.activity_log.sink.stats().asked
    await discord_api.reply(await discord_api.slash("ask", question="Where was the summit held?", user=member))
    await running_bot.activity_log.drain()
    assert running_bot.activity_log.sink.stats().asked == asked_before + 1
    for _ in range(200):  # logged right after the reply's HTTP call returns to the bot
        lines = [r.getMessage() for r in caplog.records if r.name == "bot.discord_bot.questions"]
        if lines:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.discord_bot.questions"]
    assert len(lines) == 1
    assert f"user={member.id}" in lines[0] and "score=" in lines[0] and "entry=" in lines[0] and "latency_ms=" in lines[0]


async def test_the_cooldown_asks_a_fast_asker_to_wait_privately(discord_api, running_bot):
    hasty = discord_api.member("hasty")
    rate = running_bot.cooldown.public_per_minute
    replies = []
    for _ in range(rate + 1):  # the same answerable question (a number in it would make it unanswerable)
        replies.append(await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=hasty)))
    assert all(not r.ephemeral and "Chip 4" in r.text for r in replies[:rate])
    assert replies[-1].ephemeral and "Please wait" in replies[-1].text
    other = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?",
                                                            user=discord_api.member("patient")))
    assert not other.ephemeral  # the cooldown is per member


async def test_slow_work_is_deferred_then_the_answer_edits_the_original(discord_api, member, running_bot, monkeypatch):
    live = running_bot.live
    real_ask = live.ask

    def slow_ask(text):
        import time
        time.sleep(0.3)
        return real_ask(text)

    monkeypatch.setattr(answering, "DEFER_AFTER", 0.05)
    monkeypatch.setattr(live, "ask", slow_ask)
    sent = await discord_api.slash("ask", question="What is Chip 4?", user=member)
    reply = await discord_api.reply(sent)
    calls = discord_api.calls_for(sent)
    assert calls[0].json["type"] == 5  # "thinking..." first, within the deadline
    assert reply.call.method == "PATCH" and reply.call.path.endswith("/messages/@original")
    assert "Chip 4" in reply.embed["description"]


async def test_a_failing_command_is_logged_and_told_briefly_and_the_bot_carries_on(discord_api, member, running_bot,
                                                                                   monkeypatch, caplog,
                                                                                   allow_bot_errors):
    def broken(text):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(running_bot.live, "ask", broken)
    with caplog.at_level(logging.ERROR, logger="bot.discord_bot.errors"):
        reply = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=member))
    assert reply.ephemeral and reply.text == errors.SOMETHING_WRONG
    record = next(r for r in caplog.records if r.name == "bot.discord_bot.errors")
    assert "command='ask'" in record.getMessage() and f"user={member.id}" in record.getMessage()
    assert "index exploded" in str(record.exc_info[1])
    monkeypatch.undo()
    again = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?",
                                                            user=discord_api.member("next")))
    assert "Chip 4" in again.embed["description"]


HOSTILE = ("@everyone @here <@&123456789012345678> <@876543210987654321> **bold** __under__ ~~gone~~ `code` ||spoiler|| # Heading\n"
           "> quote [link](https://example.invalid) 한국어 질문 日本語 ✨🇰🇷 عربى Ελληνικά ")


async def test_hostile_oversized_question_is_defused_and_within_limits(discord_api, member):
    text = (HOSTILE * 40)[:300]  # the longest /ask allows
    reply = await discord_api.reply(await discord_api.slash("ask", question=text, user=member))
    assert reply.call.status == 200  # the server enforces Discord's limits; the reply passed them
    title = reply.embed["title"]
    assert limits.units(title) <= 256
    assert "@everyone" not in title and "@here" not in title
    assert "<@&123456789012345678>" not in title and "<@876543210987654321>" not in title
    assert re.search(r"(?<!\\)[*_~`|\[\]<>#]", title) is None, "every markdown character is escaped"
    assert "\\*\\*bold\\*\\*" in title and "한국어 질문 日本語" in title
    assert reply.message["allowed_mentions"] == {"parse": []}
