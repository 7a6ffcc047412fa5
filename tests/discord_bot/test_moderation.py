"""Moderation through the loopback Discord server: the real bot, real interaction payloads, real files.

Uses the shared session bot (tests/discord_bot/conftest.py). This module points the mod log at #general,
watches the knowledge file quickly, and puts the knowledge file back exactly as it found it at the end.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.core.editing.store import Draft, FaqStore
from bot.core.knowledge.faq import load_knowledge

pytestmark = pytest.mark.asyncio(loop_scope="session")

MODERATOR_ONLY = "Only moderators can use this command"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def mod(fake_discord, running_bot):
    """The bot with a mod log channel and a fast file watcher; the knowledge file restored afterwards."""
    bot = running_bot
    path: Path = bot.live.path
    original = path.read_bytes()
    config = bot.config
    bot.config = dataclasses.replace(config, mod_log_channel_id=int(fake_discord.general["id"]))
    watcher = bot.moderation.watcher
    interval, settle = watcher.interval, watcher.settle
    watcher.interval, watcher.settle = 0.05, 0.05
    try:
        yield bot
    finally:
        watcher.interval, watcher.settle = interval, settle
        bot.config = config
        path.write_bytes(original)
        await asyncio.to_thread(bot.live.reload)
        await bot.moderation.watcher.check()


@pytest.fixture
def faq_file(mod) -> Path:
    return mod.live.path


# --- helpers -----------------------------------------------------------------------------------------

async def callback(discord_api, sent) -> dict[str, Any]:
    call = await discord_api.wait_for_call(lambda c: c.path.endswith(f"/{sent.token}/callback"))
    assert call.status < 300, call.response
    return call.json


async def modal_for(discord_api, sent) -> dict[str, Any]:
    """The modal the bot opened in answer to `sent` (callback type 9)."""
    body = await callback(discord_api, sent)
    assert body["type"] == 9, body
    return body["data"]


def fields(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The modal's text inputs by label."""
    return {c["label"]: c for row in modal["components"] for c in row["components"]}


async def submit(discord_api, modal: dict[str, Any], values: dict[str, str], user, *, keep: bool = True):
    """Fill in the modal (by label; with keep, prefilled values stay) and submit it as `user`."""
    rows = []
    for label, item in fields(modal).items():
        value = values.get(label, item.get("value", "") if keep else "")
        rows.append({"type": 1, "components": [{"type": 4, "custom_id": item["custom_id"], "value": value}]})
    data = {"custom_id": modal["custom_id"], "components": rows}
    return await discord_api.send_interaction(discord_api._interaction(5, data, user, None))


async def mod_log_post(discord_api, since: int, *, containing: str, timeout: float = 5.0):
    """The next message the bot posts in #general (the mod log) whose text contains `containing`."""
    channel = discord_api.general["id"]

    def matches(call) -> bool:
        return (call.method == "POST" and call.path == f"/channels/{channel}/messages"
                and containing in json.dumps(call.json, ensure_ascii=False))
    call = await discord_api.wait_for_call(matches, since=since, timeout=timeout)
    assert call.json["allowed_mentions"] == {"parse": []} or call.json["allowed_mentions"].get("parse") == []
    return call


async def eventually(check, timeout: float = 5.0):
    """Poll `check()` until it returns something truthy (activity is recorded just after each reply)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await asyncio.to_thread(check)
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(0.02)


# --- registration and permissions --------------------------------------------------------------------

async def test_moderator_commands_are_their_own_group_hidden_from_members(discord_api, mod):
    faqmod = discord_api.command("faqmod")
    subcommands = {o["name"]: o for o in faqmod["options"]}
    assert set(subcommands) == {"add", "edit", "remove", "alias", "history", "undo", "reload", "unanswered", "stats"}
    assert all(o["type"] == 1 for o in subcommands.values())
    # Discord shows /faqmod only to members with Manage Messages (1 << 13) unless an admin overrides it,
    # and never in direct messages.
    assert int(faqmod["default_member_permissions"]) == 1 << 13
    assert faqmod.get("dm_permission") is False or faqmod.get("contexts") == [0]
    public = {o["name"] for o in discord_api.command("faq")["options"]}
    assert public == {"list", "show"}, "the public /faq group holds no moderator command"
    group = mod.tree.get_command("faqmod")
    assert group is not None and not [c.name for c in group.commands if not c.checks], \
        "every /faqmod command checks the member at run time too (admins can override who sees it)"
    for name in ("edit", "remove", "alias"):
        entry = next(o for o in subcommands[name]["options"] if o["name"] == "entry")
        assert entry["autocomplete"] is True and entry["required"] is True
    history_entry = subcommands["history"]["options"][0]
    assert history_entry["name"] == "entry" and history_entry["required"] is False


@pytest.mark.parametrize("command, options", [
    ("faqmod add", {}),
    ("faqmod edit", {"entry": "summit-venue"}),
    ("faqmod remove", {"entry": "summit-venue"}),
    ("faqmod alias", {"entry": "summit-venue", "phrasing": "venue?"}),
    ("faqmod undo", {}),
    ("faqmod reload", {}),
    ("faqmod unanswered", {}),
    ("faqmod stats", {}),
])
async def test_members_without_the_permission_are_refused(discord_api, mod, member, faq_file, command, options):
    before = faq_file.read_bytes()
    sent = await discord_api.slash(command, user=member, **options)
    reply = await discord_api.reply(sent)
    assert reply.ephemeral and MODERATOR_ONLY in reply.text
    assert "Manage Messages" in reply.text and "tell a moderator" in reply.text  # who may, and what to do instead
    assert reply.message["allowed_mentions"]["parse"] == []
    assert not [c for c in discord_api.calls_for(sent) if (c.json or {}).get("type") == 9], "no form was opened"
    assert faq_file.read_bytes() == before


async def test_a_moderator_role_counts_too(discord_api, mod, faq_file):
    role_member = discord_api.member("role-holder")
    role_member.roles = [discord_api.moderator_role_id]  # the role, but not the Manage Messages permission
    mod.config = dataclasses.replace(mod.config, moderator_role_ids=frozenset({int(discord_api.moderator_role_id)}))
    try:
        sent = await discord_api.slash("faqmod history", user=role_member)
        assert MODERATOR_ONLY not in (await discord_api.reply(sent)).text
    finally:
        mod.config = dataclasses.replace(mod.config, moderator_role_ids=frozenset())
    sent = await discord_api.slash("faqmod history", user=role_member)
    assert MODERATOR_ONLY in (await discord_api.reply(sent)).text


async def test_a_form_submitted_by_a_non_moderator_changes_nothing(discord_api, mod, moderator, member, faq_file):
    modal = await modal_for(discord_api, await discord_api.slash("faqmod add", user=moderator))
    before = faq_file.read_bytes()
    sent = await submit(discord_api, modal, {"Question": "Sneaky?", "Answer": "Yes."}, member)
    assert MODERATOR_ONLY in (await discord_api.reply(sent)).text
    assert faq_file.read_bytes() == before


# --- add and edit --------------------------------------------------------------------------------------

async def test_add_through_the_form_saves_answers_at_once_and_logs(discord_api, mod, moderator, member, faq_file):
    before = faq_file.read_text(encoding="utf-8")
    modal = await modal_for(discord_api, await discord_api.slash("faqmod add", user=moderator))
    assert list(fields(modal)) == ["Question", "Answer", "Source quote", "Alternate phrasings"]
    assert fields(modal)["Question"]["required"] is True and fields(modal)["Source quote"]["required"] is False
    mark = len(discord_api.calls)
    sent = await submit(discord_api, modal, {
        "Question": "What does the Federation of Korean Industries aim to hold?",
        "Answer": "Regular business summits with the Japan Business Federation and the U.S. Chamber of Commerce.",
        "Source quote": "aims to hold regular business summits",
        "Alternate phrasings": "FKI summit plans?\nFKI는 무엇을 열려고 해?\n",
    }, moderator)
    reply = await discord_api.reply(sent)
    assert reply.ephemeral and "Added `" in reply.text, reply.text
    entry_id = reply.text.split("Added `")[1].split("`")[0]

    knowledge = load_knowledge(faq_file)
    entry = knowledge.entry(entry_id)
    assert entry.alternates == ("FKI summit plans?", "FKI는 무엇을 열려고 해?")
    assert entry.source.paragraph == 10
    after = faq_file.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # everything before stays byte for byte

    asked = await discord_api.slash("ask", question="FKI summit plans?", user=member)
    answer = await discord_api.reply(asked)
    assert "Regular business summits" in answer.text  # answerable at once

    post = await mod_log_post(discord_api, mark, containing=entry_id)
    embed = post.json["embeds"][0]
    assert f"(<@{moderator.id}>)" in embed["description"] and "added" in embed["description"]
    assert [f["name"] for f in embed["fields"]] == ["Before", "After"]
    assert "aims to hold regular business summits" in embed["fields"][1]["value"]


@pytest.mark.parametrize("values, reason", [
    ({"Question": "Who won the election?", "Answer": "Nobody.", "Source quote": "the election was won by nobody"},
     "not in the article"),
    ({"Question": "Whose name appears as the writer of this piece?", "Answer": "Someone else."}, "duplicates a question of entry"),
    ({"Question": "Is the answer blank?", "Answer": "   "}, "the answer is empty"),
])
async def test_an_invalid_form_is_refused_and_writes_nothing(discord_api, mod, moderator, faq_file, values, reason):
    modal = await modal_for(discord_api, await discord_api.slash("faqmod add", user=moderator))
    before = faq_file.read_bytes()
    reply = await discord_api.reply(await submit(discord_api, modal, values, moderator))
    assert reply.ephemeral and "Nothing was changed" in reply.text and reason in reply.text, reply.text
    assert faq_file.read_bytes() == before


async def test_edit_opens_a_prefilled_form_and_changes_only_that_entry(discord_api, mod, moderator, faq_file):
    knowledge = load_knowledge(faq_file)
    entry = knowledge.entries[2]
    choices = await discord_api.autocomplete("faqmod edit", "entry", entry.question[:20], user=moderator)
    assert entry.id in [c["value"] for c in choices]

    modal = await modal_for(discord_api, await discord_api.slash("faqmod edit", user=moderator, entry=entry.id))
    prefilled = {label: item.get("value") for label, item in fields(modal).items()}
    assert prefilled == {"Question": entry.question, "Answer": entry.answer,
                         "Source quote": entry.source.quote if entry.source else None,
                         "Alternate phrasings": "\n".join(entry.alternates) or None}

    before = faq_file.read_text(encoding="utf-8")
    reply = await discord_api.reply(await submit(discord_api, modal, {"Answer": entry.answer + " (checked)"},
                                                 moderator))
    assert "Saved `" in reply.text, reply.text
    after = faq_file.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1
    assert changed[0][1].strip().startswith("answer:") and "(checked)" in changed[0][1]

    # submitting the prefilled form untouched saves nothing
    modal = await modal_for(discord_api, await discord_api.slash("faqmod edit", user=moderator, entry=entry.id))
    reply = await discord_api.reply(await submit(discord_api, modal, {}, moderator))
    assert "nothing to save" in reply.text and faq_file.read_text(encoding="utf-8") == after


# --- remove, undo, history, alias ----------------------------------------------------------------------

async def test_remove_asks_first_cancel_keeps_confirm_removes_and_undo_restores(discord_api, mod, moderator, member,
                                                                                 faq_file):
    entry = load_knowledge(faq_file).entries[5]
    original = faq_file.read_bytes()
    reply = await discord_api.reply(await discord_api.slash("faqmod remove", user=moderator, entry=entry.id))
    assert reply.ephemeral and entry.question in reply.text
    cancel = next(i for i in reply.custom_ids if i.startswith("faqbot:faqrm:n:"))
    confirm = next(i for i in reply.custom_ids if i.startswith("faqbot:faqrm:y:"))

    stranger = await discord_api.reply(await discord_api.click(reply.stored, confirm, user=member))
    assert stranger.ephemeral and MODERATOR_ONLY in stranger.text
    assert faq_file.read_bytes() == original

    cancelled = await discord_api.reply(await discord_api.click(reply.stored, cancel, user=moderator))
    assert "Kept" in cancelled.text and cancelled.message.get("components") == []
    assert faq_file.read_bytes() == original

    reply = await discord_api.reply(await discord_api.slash("faqmod remove", user=moderator, entry=entry.id))
    mark = len(discord_api.calls)
    removed = await discord_api.reply(await discord_api.click(reply.stored, confirm, user=moderator))
    assert f"Removed `{entry.id}`" in removed.text
    assert load_knowledge(faq_file).entry(entry.id) is None
    assert mod.live.knowledge.entry(entry.id) is None
    await mod_log_post(discord_api, mark, containing=f"removed `{entry.id}`")

    history = await discord_api.reply(await discord_api.slash("faqmod history", user=moderator, entry=entry.id))
    assert "removed" in history.text and entry.id in history.text

    undone = await discord_api.reply(await discord_api.slash("faqmod undo", user=moderator))
    assert "Undone" in undone.text and f"remove {entry.id}" in undone.text
    assert faq_file.read_bytes() == original  # byte for byte, in its old place
    assert mod.live.knowledge.entry(entry.id) is not None
    history = await discord_api.reply(await discord_api.slash("faqmod history", user=moderator))
    assert "undid a change to" in history.text and "undone by" in history.text


async def test_alias_adds_a_phrasing_and_a_hand_written_comment_survives(discord_api, mod, moderator, member,
                                                                          faq_file):
    entry = load_knowledge(faq_file).entries[0]
    note = "  # hand-written: ask the reporter about this one\n"
    text = faq_file.read_text(encoding="utf-8")
    anchor = f"  - id: {entry.id}\n"
    faq_file.write_text(text.replace(anchor, note + anchor, 1), encoding="utf-8")
    reply = await discord_api.reply(await discord_api.slash(
        "faqmod alias", user=moderator, entry=entry.id, phrasing="what was the article called again"))
    assert "Added" in reply.text, reply.text
    after = faq_file.read_text(encoding="utf-8")
    assert note + anchor in after
    assert "what was the article called again" in load_knowledge(faq_file).entry(entry.id).alternates
    answer = await discord_api.reply(await discord_api.slash("ask", question="what was the article called again",
                                                             user=member))
    assert entry.answer.split()[0] in answer.text


# --- unanswered and stats -----------------------------------------------------------------------------

async def test_unanswered_questions_become_entries(discord_api, mod, moderator, faq_file):
    question = "Where does the newspaper club keep its spare cameras?"
    for name in ("asker-1", "asker-2"):
        await discord_api.reply(await discord_api.slash("ask", question=question, user=discord_api.member(name)))
    activity = mod.moderation.activity
    assert await eventually(lambda: any(q.question == question and q.count == 2 for q in activity.unanswered(50)))
    reply = await discord_api.reply(await discord_api.slash("faqmod unanswered", user=moderator))
    assert reply.ephemeral and f"{question} — asked 2×" in reply.text.replace("\\", ""), reply.text
    line = next(ln for ln in reply.text.splitlines() if "spare cameras" in ln)
    number = int(line.split(".**")[0].strip("*"))
    button = next(i for i in reply.custom_ids if i.startswith(f"faqbot:unans:{number}:"))

    modal = await modal_for(discord_api, await discord_api.click(reply.stored, button, user=moderator))
    assert fields(modal)["Question"]["value"] == question
    saved = await discord_api.reply(await submit(
        discord_api, modal, {"Answer": "In the cupboard of room 204; ask the photo editor for the key."}, moderator))
    assert "Added" in saved.text and "club entry" in saved.text, saved.text

    again = await discord_api.reply(await discord_api.slash("faqmod unanswered", user=moderator))
    assert "spare cameras" not in again.text
    answer = await discord_api.reply(await discord_api.slash("ask", question=question, user=discord_api.member("x")))
    assert "cupboard of room 204" in answer.text


async def test_questions_answered_since_leave_the_unanswered_list(discord_api, mod, moderator, faq_file):
    question = "Who designs the newspaper's front page layout?"
    await discord_api.reply(await discord_api.slash("ask", question=question, user=discord_api.member("asker-3")))
    activity = mod.moderation.activity
    assert await eventually(lambda: any(q.question == question for q in activity.unanswered(50)))
    assert "front page layout" in (await discord_api.reply(await discord_api.slash("faqmod unanswered",
                                                                                   user=moderator))).text
    store = FaqStore(faq_file, data_dir=mod.config.data_dir)  # answered from the terminal meanwhile
    await asyncio.to_thread(store.add, Draft(question, "The layout editor, Ji-woo."), by="lead", via="terminal")
    await asyncio.to_thread(mod.live.reload)
    reply = await discord_api.reply(await discord_api.slash("faqmod unanswered", user=moderator))
    assert "front page layout" not in reply.text


async def test_stats_count_questions_and_votes(discord_api, mod, moderator, faq_file):
    before = mod.moderation.activity.stats()
    voter = discord_api.member("voter")
    answer = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=voter))
    entry_id = answer.custom_ids[0].split(":")[2]
    activity = mod.moderation.activity
    await discord_api.reply(await discord_api.click(answer.stored, f"faqbot:vote:{entry_id}:n", user=voter))
    assert await eventually(lambda: activity.stats().not_helpful > before.not_helpful)  # recorded before the next
    await discord_api.reply(await discord_api.click(answer.stored, f"faqbot:vote:{entry_id}:y", user=voter))
    after = await eventually(lambda: (lambda s: s if s.helpful > before.helpful else None)(activity.stats()))
    assert after is not None
    assert after.asked == before.asked + 1 and after.answered == before.answered + 1
    assert after.helpful == before.helpful + 1 and after.not_helpful == before.not_helpful  # latest vote wins
    reply = await discord_api.reply(await discord_api.slash("faqmod stats", user=moderator))
    assert reply.ephemeral
    assert f"Questions asked: {after.asked}" in reply.text.replace("**", "")
    assert f"{after.helpful} helpful" in reply.text.replace("**", "") and entry_id in reply.text


# --- hand edits and the terminal ------------------------------------------------------------------------

async def test_an_invalid_hand_edit_is_reported_and_the_bot_keeps_answering(discord_api, mod, moderator, member,
                                                                             faq_file):
    good = faq_file.read_text(encoding="utf-8")
    version = mod.live.knowledge.version
    broken = good.replace("entries:\n", "entries:\n  - id: Broken Id\n    question: \"?\"\n", 1)
    line = broken.splitlines().index("  - id: Broken Id") + 1
    mark = len(discord_api.calls)
    faq_file.write_text(broken, encoding="utf-8")
    post = await mod_log_post(discord_api, mark, containing="The knowledge file has problems")
    assert f"{faq_file.name}:{line}:9" in post.json["embeds"][0]["description"]

    answer = await discord_api.reply(await discord_api.slash("ask", question="What is Chip 4?", user=member))
    assert "Chip 4" in answer.text and mod.live.knowledge.version == version

    reload = await discord_api.reply(await discord_api.slash("faqmod reload", user=moderator))
    assert f"{faq_file.name}:{line}:9" in reload.text and "last good version" in reload.text
    refused = await discord_api.reply(await discord_api.slash("faqmod alias", user=moderator,
                                                              entry=mod.live.knowledge.entries[0].id,
                                                              phrasing="anything"))
    assert "Nothing was changed" in refused.text and f":{line}:9:" in refused.text
    assert faq_file.read_text(encoding="utf-8") == broken

    mark = len(discord_api.calls)
    faq_file.write_text(good, encoding="utf-8")
    await mod_log_post(discord_api, mark, containing="is valid again")


async def test_terminal_changes_are_picked_up_and_announced(discord_api, mod, member, faq_file):
    mark = len(discord_api.calls)
    store = FaqStore(faq_file, data_dir=mod.config.data_dir)
    saved = await asyncio.to_thread(store.add, Draft("When does the club's photo walk start?", "At 3 pm on Friday."),
                                    by="lead", via="terminal")
    post = await mod_log_post(discord_api, mark, containing=saved.entry_id)
    assert "lead" in post.json["embeds"][0]["description"] and "terminal" in post.json["embeds"][0]["description"]
    answer = await discord_api.reply(await discord_api.slash("ask", question="When does the club's photo walk start?",
                                                             user=member))
    assert "3 pm on Friday" in answer.text


async def test_a_valid_hand_edit_is_loaded_and_noted(discord_api, mod, member, faq_file):
    entry = mod.live.knowledge.entries[1]
    mark = len(discord_api.calls)
    text = faq_file.read_text(encoding="utf-8")
    old = yaml_answer_line(text, entry.id)
    faq_file.write_text(text.replace(old, '    answer: "Edited by hand in the file."\n', 1), encoding="utf-8")
    await mod_log_post(discord_api, mark, containing="edited outside the bot")
    assert mod.live.knowledge.entry(entry.id).answer == "Edited by hand in the file."


def yaml_answer_line(text: str, entry_id: str) -> str:
    lines = text.splitlines(keepends=True)
    start = lines.index(f"  - id: {entry_id}\n")
    return next(line for line in lines[start:] if line.startswith("    answer:"))


async def test_nothing_the_moderation_commands_sent_can_ping(discord_api, mod):
    """Every message-bearing call the bot made (replies, forms' results, mod log posts) pings nobody."""
    bodies = [c.message for c in discord_api.calls if c.message is not None and c.status < 300]
    assert len(bodies) > 20
    for body in bodies:
        if body.get("flags", 0) & (1 << 7) and "embeds" not in body and "content" not in body:
            continue  # a deferral ("thinking") carries no text
        mentions = body.get("allowed_mentions")
        assert mentions is not None and mentions["parse"] == [] and not mentions.get("replied_user"), body
