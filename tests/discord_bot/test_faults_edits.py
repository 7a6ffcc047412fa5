"""Moderators' edits under faults, end to end through the loopback Discord (the shared session bot).

- An entry form is saved although the "open form" reply was lost or slow (discord.py never stored the
  modal): the submission is handled by its custom_id.
- The matrix: a failure injected at each step of a save (lock, file write, fsync, rename, history insert,
  the reply) leaves the file, the history and the moderator's message in agreement.
"""

from __future__ import annotations

import asyncio
import dataclasses
import errno
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.core.editing import atomic, store
from bot.core.editing.history import History
from bot.core.knowledge.faq import load_knowledge

pytestmark = pytest.mark.asyncio(loop_scope="session")

CALLBACK = r"/interactions/\d+/[^/]+/callback"
INTERACTION_ROUTES = r"/(?:interactions|webhooks)/.+"


@pytest_asyncio.fixture(loop_scope="session")
async def faq(running_bot, fake_discord):
    """The bot's knowledge file, put back as it was (and reloaded) after the test; faults cleared."""
    path: Path = running_bot.live.path
    original = path.read_bytes()
    try:
        yield path
    finally:
        fake_discord.clear_faults()
        path.write_bytes(original)
        await asyncio.to_thread(running_bot.live.reload)
        await running_bot.moderation.watcher.check()


async def open_form(server, moderator) -> tuple[Any, dict[str, Any]]:
    """/faqmod add as `moderator`: the interaction and the modal as the server received it (whether or
    not the bot then heard back)."""
    sent = await server.slash("faqmod add", user=moderator)
    call = await server.wait_for_arrival(lambda c: c.path.endswith(f"/{sent.token}/callback"))
    assert call.json["type"] == 9, call.json
    return sent, call.json["data"]


async def submit(server, modal: dict[str, Any], values: dict[str, str], user):
    rows = []
    for row in modal["components"]:
        for item in row["components"]:
            value = values.get(item["label"], item.get("value", ""))
            rows.append({"type": 1, "components": [{"type": 4, "custom_id": item["custom_id"], "value": value}]})
    data = {"custom_id": modal["custom_id"], "components": rows}
    return await server.send_interaction(server._interaction(5, data, user, None))


def new_entry(n: str) -> dict[str, str]:
    return {"Question": f"Where does the club meet on day {n}?", "Answer": f"Room 20{n}, after class."}


def ids_in(path: Path) -> set[str]:
    return {e.id for e in load_knowledge(path).entries}


def history_of(bot) -> list:
    return History(bot.live.path, data_dir=bot.config.data_dir).changes(limit=500)


async def final_text(server, sent, timeout: float = 10.0) -> str:
    """The text the moderator finally sees for `sent` (the last message-bearing answer Discord accepted)."""
    await server.reply(sent, timeout=timeout)
    await asyncio.sleep(0.2)  # an edit after a defer may follow
    calls = [c for c in server.calls_for(sent) if c.message is not None and 0 < c.status < 300
             or (c.status < 0 and c.message is not None and -c.status < 300)]
    body = calls[-1].message
    parts = [body.get("content") or ""]
    for e in body.get("embeds") or []:
        parts += [e.get("title") or "", e.get("description") or ""]
    return "\n".join(parts)


# --- the entry form survives the Discord round-trip -----------------------------------------------------

async def test_a_form_whose_opening_answer_was_lost_is_still_saved(running_bot, fake_discord, faq, moderator):
    fake_discord.fault("POST", CALLBACK, "drop", after=True)  # the form opens, the bot never hears so
    sent, modal = await open_form(fake_discord, moderator)
    await asyncio.sleep(0.3)  # the bot has had the failure by now
    reply = await fake_discord.reply(await submit(fake_discord, modal, new_entry("1"), moderator))
    assert "Added `club-meet-day-1`" in reply.text, reply.text
    assert "club-meet-day-1" in ids_in(faq)
    assert history_of(running_bot)[0].entry_id == "club-meet-day-1"


async def test_a_form_submitted_before_its_slow_opening_answer_is_still_saved(running_bot, fake_discord, faq,
                                                                             moderator):
    fake_discord.fault("POST", CALLBACK, "slow", after=True, delay=1.5)
    sent, modal = await open_form(fake_discord, moderator)  # the bot is still waiting for this answer ...
    submitted = await submit(fake_discord, modal, new_entry("2"), moderator)  # ... when the form comes back
    reply = await fake_discord.reply(submitted, timeout=10)
    assert "Added `club-meet-day-2`" in reply.text, reply.text
    assert "club-meet-day-2" in ids_in(faq)


async def test_a_form_the_bot_never_opened_is_saved_by_its_custom_id(running_bot, fake_discord, faq, moderator):
    """As after a restart: nothing in memory knows this form; its custom_id says what it is."""
    modal = {"custom_id": "faqbot:entry:new", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "question", "label": "Question"}]},
        {"type": 1, "components": [{"type": 4, "custom_id": "answer", "label": "Answer"}]}]}
    reply = await fake_discord.reply(await submit(fake_discord, modal, new_entry("3"), moderator))
    assert "Added `club-meet-day-3`" in reply.text
    assert "club-meet-day-3" in ids_in(faq)


async def test_a_form_of_an_unknown_kind_is_not_dropped_silently(running_bot, fake_discord, faq, moderator):
    before = faq.read_bytes()
    modal = {"custom_id": "faqbot:entry:someday:v9", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "question", "label": "Question"}]},
        {"type": 1, "components": [{"type": 4, "custom_id": "answer", "label": "Answer"}]}]}
    reply = await fake_discord.reply(await submit(fake_discord, modal, new_entry("4"), moderator))
    assert "can't be saved: nothing was changed" in reply.text
    assert b"Room 204" in reply.call.files[0]["data"]
    assert faq.read_bytes() == before


async def test_a_refused_form_says_why_and_gives_back_what_was_typed(running_bot, fake_discord, faq, moderator):
    sent, modal = await open_form(fake_discord, moderator)
    typed = {"Question": "Who edits the club paper?", "Answer": "My very long careful answer.",
             "Source quote": "A sentence that the article never says."}
    reply = await fake_discord.reply(await submit(fake_discord, modal, typed, moderator))
    assert "Nothing was changed" in reply.text and "not in the article" in reply.text
    [attachment] = reply.call.files
    assert b"My very long careful answer." in attachment["data"]


# --- the matrix: a failure at each step; file, history and message agree ---------------------------------

def _raise(error: BaseException):
    def fail(*args: Any, **kwargs: Any) -> None:
        raise error
    return fail


class _NoLock:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def acquire(self, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/knowledge/.faq.yaml.lock")

    def release(self) -> None:
        pass


FAILURES = {
    # step: (what to break, saved?, recorded?, words the message must contain)
    "lock": (lambda mp: mp.setattr(store.filelock, "FileLock", _NoLock), False, False,
             ["Nothing was changed", "cannot lock", "permission denied"]),
    "file write": (lambda mp: mp.setattr(atomic, "_write", _raise(OSError(errno.ENOSPC, "No space left"))),
                   False, False, ["Nothing was changed", "the disk is full"]),
    "fsync": (lambda mp: mp.setattr(atomic, "_fsync", _raise(OSError(errno.EIO, "I/O error"))), False, False,
              ["Nothing was changed", "I/O error"]),
    "rename": (lambda mp: mp.setattr(atomic, "_replace", _raise(OSError(errno.EROFS, "Read-only file system"))),
               False, False, ["Nothing was changed", "read-only"]),
    "history insert": (lambda mp: mp.setattr(History, "_insert", _raise(sqlite3.OperationalError(
        "database or disk is full"))), True, False, ["Added `club-meet-day-9`", "saved, but not recorded",
                                                     "undo unavailable"]),
}


@pytest.mark.parametrize("step", [*FAILURES, "reply"])
async def test_file_history_and_message_agree_whatever_fails(running_bot, fake_discord, faq, moderator,
                                                             monkeypatch, step):
    before_file, before_history = faq.read_bytes(), len(history_of(running_bot))
    sent, modal = await open_form(fake_discord, moderator)
    if step == "reply":  # the reply reaches Discord but its answer is lost
        lost = fake_discord.fault("POST", CALLBACK, "drop", after=True)
        saved, recorded, words = True, True, ["Added `club-meet-day-9`"]
    else:
        breaks, saved, recorded, words = FAILURES[step]
        breaks(monkeypatch)
    monkeypatch.setattr(running_bot, "config", dataclasses.replace(
        running_bot.config, mod_log_channel_id=int(fake_discord.general["id"])))  # the mod log: #general
    since = len(fake_discord.calls)
    submitted = await submit(fake_discord, modal, new_entry("9"), moderator)
    text = await final_text(fake_discord, submitted)
    monkeypatch.undo()
    if step == "reply":
        assert lost.hits == 1
    for word in words:
        assert word in text, (step, text)
    if saved:
        assert "Nothing was changed" not in text
    assert ("club-meet-day-9" in ids_in(faq)) is saved, step
    if not saved:
        assert faq.read_bytes() == before_file, "a refused save left the file as it was"
    changes = history_of(running_bot)
    assert (len(changes) == before_history + 1) is recorded, step
    if recorded:
        assert changes[0].entry_id == "club-meet-day-9" and changes[0].action == "add"
    mod_log = [json.dumps(c.json, ensure_ascii=False) for c in fake_discord.calls[since:]
               if c.method == "POST" and c.path == f"/channels/{fake_discord.general['id']}/messages"]
    if saved:  # the mod log hears of every saved change, recorded or not
        assert any("club-meet-day-9" in post for post in mod_log), (step, mod_log)
        assert any("not recorded in the history" in post for post in mod_log) is (not recorded)
    else:
        assert not mod_log, (step, mod_log)
    sent_texts = [json.dumps(c.json) for c in fake_discord.calls_for(submitted) if c.json]
    assert not any("Nothing was changed" in t for t in sent_texts) or not saved, "no message contradicts the file"
    if step == "reply":  # the moderator, unsure, submits the same form again: told it is already saved
        again = await fake_discord.reply(await submit(fake_discord, modal, new_entry("9"), moderator))
        assert "`club-meet-day-9` already says exactly that: nothing to save." in again.text, again.text
        assert len(history_of(running_bot)) == before_history + 1
