"""The moderators' modal and buttons: the entry form (add / edit), remove confirm / cancel, and
"turn this unanswered question into an entry".

Every submit and click checks again that the member is a moderator (a modal or a button can outlive
a role change), and every reply is private and pings nobody. The buttons are DynamicItems (state in
the custom_id), so they keep working after a restart; the entry form is saved by its custom_id
(`entry_form_submitted`), so it too survives a restart or a lost "open form" reply.

Every reply states what actually happened: refused (nothing changed, with the reason and what was typed
attached), saved, or saved but not recorded in the history (undo unavailable).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.core.editing.store import Draft, Refused
from bot.core.state.activity import group_key
from bot.discord_bot import delivery, limits, moderation_render, render
from bot.discord_bot.answering import send, within_deadline
from bot.discord_bot.errors import NOT_MODERATOR, describe, guarded, tell
from bot.discord_bot.moderation import VIA, refused_text
from bot.discord_bot.views import ENTRY_ID

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

log = logging.getLogger(__name__)

#: Discord's limit for a text input's value.
INPUT_MAX = 4000
QUOTE_MAX = 1000
MODAL_TIMEOUT = 15 * 60


def question_key(grouping: str) -> str:
    """A short stable key for an unanswered question (custom_ids are at most 100 characters)."""
    return hashlib.sha256(grouping.encode("utf-8")).hexdigest()[:12]


#: An entry form's custom_id: everything needed to save it is here, not in memory. `new`, `new:<key of the
#: unanswered question it answers>`, `edit:<entry id>`; the older `<entry id>` form still reads as an edit.
ENTRY_FORM = re.compile(rf"faqbot:entry:(?:new(?::(?P<key>[0-9a-f]{{12}}))?|edit:(?P<entry>{ENTRY_ID})|"
                        rf"(?P<legacy>{ENTRY_ID}))")


def entry_form_id(entry_id: str | None = None, resolves_key: str | None = None) -> str:
    if entry_id is not None:
        return f"faqbot:entry:edit:{entry_id}"[:limits.CUSTOM_ID]
    return f"faqbot:entry:new:{resolves_key}" if resolves_key else "faqbot:entry:new"


class EntryModal(discord.ui.Modal):
    """The entry form: Question, Answer, Source quote, Alternate phrasings.

    Only the form: its submission is handled by its custom_id in `entry_form_submitted` (an on_interaction
    listener, the DynamicItem idea for modals), never by this object. discord.py keeps an open modal only in
    memory, and only once the "open form" reply got through, so a form submitted after a restart, or whose
    opening reply was lost or slow, would otherwise be dropped.
    """

    def __init__(self, *, entry_id: str | None = None, draft: Draft | None = None, resolves: str | None = None,
                 resolves_key: str | None = None):
        editing = entry_id is not None
        title = "Edit an FAQ entry" if editing else "Add an FAQ entry"
        if resolves_key is None and resolves:
            resolves_key = question_key(group_key(resolves))
        super().__init__(title=title, timeout=MODAL_TIMEOUT,
                         custom_id=entry_form_id(entry_id, None if editing else resolves_key))
        self.entry_id = entry_id
        draft = draft or Draft("", "")
        self.question = discord.ui.TextInput(
            label="Question", custom_id="question", max_length=limits.QUESTION_MAX, default=draft.question or None,
            placeholder="The question as members would ask it")
        self.answer = discord.ui.TextInput(
            label="Answer", custom_id="answer", style=discord.TextStyle.paragraph, max_length=INPUT_MAX,
            default=draft.answer or None, placeholder="The answer, short and exact")
        self.quote = discord.ui.TextInput(
            label="Source quote", custom_id="quote", style=discord.TextStyle.paragraph, required=False,
            max_length=QUOTE_MAX, default=draft.quote or None,
            placeholder="Optional: a sentence copied from the article (leave empty for club matters)")
        self.alternates = discord.ui.TextInput(
            label="Alternate phrasings", custom_id="alternates", style=discord.TextStyle.paragraph,
            required=False, max_length=INPUT_MAX, default="\n".join(draft.alternates) or None,
            placeholder="Optional: other ways to ask it, one per line (English or Korean)")
        for item in (self.question, self.answer, self.quote, self.alternates):
            self.add_item(item)

    @staticmethod
    def fits(draft: Draft) -> bool:
        """Can this entry be edited in a modal without cutting anything off?"""
        return (limits.units(draft.question) <= limits.QUESTION_MAX and limits.units(draft.answer) <= INPUT_MAX
                and limits.units(draft.quote) <= QUOTE_MAX and limits.units("\n".join(draft.alternates)) <= INPUT_MAX
                and not any("\n" in a for a in draft.alternates))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        """Nothing: `entry_form_submitted` handles every submission of this form, by its custom_id."""


def form_values(components: Any) -> dict[str, str]:
    """{custom_id: value} of every text input in a modal submission (action rows or labels, any depth)."""
    values: dict[str, str] = {}
    stack = list(components or [])
    while stack:
        item = stack.pop()
        if not isinstance(item, dict):
            continue
        if "custom_id" in item and isinstance(item.get("value"), str):
            values[item["custom_id"]] = item["value"]
        stack.extend(item.get("components") or [])
        if isinstance(item.get("component"), dict):
            stack.append(item["component"])
    return values


def typed_file(draft: Draft) -> discord.File:
    """What the moderator typed, whole, as a text file attached to the reply: nothing typed is lost."""
    text = (f"Question:\n{draft.question}\n\nAnswer:\n{draft.answer}\n\nSource quote:\n{draft.quote}\n\n"
            f"Alternate phrasings:\n" + "\n".join(draft.alternates) + "\n")
    return discord.File(io.BytesIO(text.encode("utf-8")), filename="your-faq-entry.txt")


TYPED_KEPT = "What you typed is attached (your-faq-entry.txt), so nothing is lost."


async def entry_form_submitted(interaction: discord.Interaction[FaqBot]) -> None:
    """on_interaction listener: save an entry form, whoever opened it and whenever (see EntryModal)."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    custom_id = str(data.get("custom_id", ""))
    match = ENTRY_FORM.fullmatch(custom_id)
    if match is None and not custom_id.startswith("faqbot:entry:"):
        return  # not an entry form
    values = form_values(data.get("components"))
    draft = Draft(values.get("question", ""), values.get("answer", ""), Draft.lines(values.get("alternates")),
                  values.get("quote") or "")
    if match is None:  # an entry form of a kind this version cannot read: say so, give the text back
        log.warning("an entry form with an unknown custom_id %r was submitted", custom_id[:100])
        await _reply(interaction, f"This form is from an older version of the bot and can't be saved: nothing was "
                                  f"changed. Open it again with `/faqmod add` or `/faqmod edit`. {TYPED_KEPT}",
                     ok=False, draft=draft)
        return
    entry_id = match["entry"] or match["legacy"]
    async with interaction.client.work.track("an FAQ entry form"):
        await _save_entry_form(interaction, draft, entry_id, match["key"])


async def _save_entry_form(interaction: discord.Interaction[FaqBot], draft: Draft, entry_id: str | None,
                           resolves_key: str | None) -> None:
    moderation = interaction.client.moderation
    if not moderation.allowed(interaction):
        await _reply(interaction, f"{NOT_MODERATOR} Nothing was changed. {TYPED_KEPT}", ok=False, draft=draft)
        return
    if entry_id is None:
        def operation(store, by):
            return store.add(draft, by=by, via=VIA)
    else:
        def operation(store, by):
            return store.edit(entry_id, draft, by=by, via=VIA)
    try:
        saved = await within_deadline(interaction, moderation.change(interaction, operation), ephemeral=True)
    except Refused as exc:
        await _reply(interaction, f"{refused_text(exc)}\n{TYPED_KEPT}", ok=False, draft=draft)
        return
    except Exception as error:  # a bug: what happened to the file is not known here, so don't claim either way
        log.error("the FAQ entry form failed: %s", describe(interaction), exc_info=error)
        await _reply(interaction, "Sorry, something went wrong on my side while saving (it has been logged), and "
                                  "I can't tell whether the change was saved: check `/faqmod history` or "
                                  f"`/faq show`. {TYPED_KEPT}", ok=False, draft=draft)
        return
    if saved.changed and entry_id is None and moderation.activity is not None:
        await _resolve_unanswered(moderation, saved, resolves_key)
    verb = "Added" if entry_id is None else "Saved"
    text = (f"{verb} `{saved.entry_id}`; members get it from now on." if saved.changed else
            f"`{saved.entry_id}` already says exactly that: nothing to save.")
    notes = "".join(f"\n• {note}" for note in saved.notes)
    await _reply(interaction, text + notes, ok=saved.unrecorded is None, draft=None)


async def _resolve_unanswered(moderation, saved, resolves_key: str | None) -> None:
    """The new entry's phrasings (and the unanswered question it was made for) leave the unanswered list."""
    activity = moderation.activity
    entry = saved.knowledge.entry(saved.entry_id)

    def resolve() -> None:
        phrasings = list(entry.phrasings if entry else ())
        if resolves_key:
            phrasings += [q.question for q in activity.unanswered(limit=100)
                          if question_key(q.grouping) == resolves_key]
        for phrasing in phrasings:
            activity.resolve(phrasing, saved.entry_id)
    try:
        await moderation.read(resolve)
    except Exception as exc:  # noqa: BLE001 - the entry is saved; the unanswered list is only bookkeeping
        log.warning("could not mark unanswered questions as answered by %s: %s", saved.entry_id, exc)


async def _reply(interaction: discord.Interaction, text: str, *, ok: bool, draft: Draft | None) -> None:
    """The private reply to a form, through transient faults; if it cannot be delivered, the log keeps it."""
    embed = moderation_render.result_embed(text, ok=ok)
    try:
        await send(interaction, ephemeral=True, embed=embed, file=typed_file(draft) if draft else None)
    except Exception as exc:  # noqa: BLE001
        log.error("could not tell moderator %s the outcome of their form (%s): %s | typed: %r",
                  interaction.user.id, exc, text, draft)


class RemoveButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=rf"faqbot:faqrm:(?P<ok>[yn]):(?P<user>\d{{1,20}}):(?P<entry>{ENTRY_ID})"):
    """Confirm (remove the entry) or Cancel, for the moderator who ran /faqmod remove."""

    def __init__(self, confirm: bool, user_id: int, entry_id: str):
        self.confirm, self.user_id, self.entry_id = confirm, user_id, entry_id
        super().__init__(discord.ui.Button(
            label="Remove it" if confirm else "Cancel",
            style=discord.ButtonStyle.danger if confirm else discord.ButtonStyle.secondary,
            custom_id=f"faqbot:faqrm:{'y' if confirm else 'n'}:{user_id}:{entry_id}"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> RemoveButton:
        return cls(match["ok"] == "y", int(match["user"]), match["entry"])

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        moderation = interaction.client.moderation
        if interaction.user.id != self.user_id or not moderation.allowed(interaction):
            await tell(interaction, NOT_MODERATOR if not moderation.allowed(interaction) else
                       "This confirmation belongs to the moderator who asked for it. To remove the entry "
                       "yourself, run `/faqmod remove`.")
            return
        if not self.confirm:
            await interaction.response.edit_message(
                embed=moderation_render.result_embed(f"Kept `{self.entry_id}`: nothing was removed."), view=None,
                allowed_mentions=limits.NO_PINGS)
            return
        entry_id = self.entry_id
        async with interaction.client.work.track("an FAQ removal"):
            try:
                saved = await within_deadline(interaction, moderation.change(
                    interaction, lambda store, by: store.remove(entry_id, by=by, via=VIA)), ephemeral=True)
            except Refused as exc:
                embed = moderation_render.result_embed(refused_text(exc), ok=False)
            else:
                notes = "".join(f"\n• {note}" for note in saved.notes)
                embed = moderation_render.result_embed(f"Removed `{entry_id}`. `/faqmod undo` brings it back." +
                                                       notes if saved.unrecorded is None else
                                                       f"Removed `{entry_id}`." + notes, ok=saved.unrecorded is None)
            try:
                if interaction.response.is_done():
                    await delivery.retrying("a removal reply", lambda: interaction.edit_original_response(
                        embed=embed, view=None, allowed_mentions=limits.NO_PINGS), budget=delivery.FOLLOWUP_BUDGET)
                else:
                    await interaction.response.edit_message(embed=embed, view=None, allowed_mentions=limits.NO_PINGS)
            except Exception as exc:  # noqa: BLE001 - the removal stands; say so rather than "something went wrong"
                log.warning("could not update the removal confirmation: %s", exc)
                await tell(interaction, embed.description or "")


def remove_view(user_id: int, entry_id: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveButton(True, user_id, entry_id))
    view.add_item(RemoveButton(False, user_id, entry_id))
    return view


class UnansweredButton(discord.ui.DynamicItem[discord.ui.Button],
                       template=r"faqbot:unans:(?P<n>\d{1,2}):(?P<key>[0-9a-f]{12})"):
    """"Answer #n" under /faqmod unanswered: opens the entry form with the member's question filled in."""

    def __init__(self, number: int, key: str):
        self.number, self.key = number, key
        super().__init__(discord.ui.Button(label=f"Answer #{number}", style=discord.ButtonStyle.primary,
                                           custom_id=f"faqbot:unans:{number}:{key}"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> UnansweredButton:
        return cls(int(match["n"]), match["key"])

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        moderation = interaction.client.moderation
        if not moderation.allowed(interaction):
            await tell(interaction, NOT_MODERATOR)
            return
        activity = moderation.activity
        questions = await moderation.read(lambda: activity.unanswered(limit=100)) if activity else []
        found = next((q for q in questions if question_key(q.grouping) == self.key), None)
        if found is None:
            await interaction.response.send_message(
                embed=render.notice("That question is no longer in the unanswered list (someone already turned it "
                                    "into an entry). Run `/faqmod unanswered` again."),
                ephemeral=True, allowed_mentions=limits.NO_PINGS)
            return
        await interaction.response.send_modal(EntryModal(draft=Draft(found.question[:limits.QUESTION_MAX], ""),
                                                         resolves=found.question))


def unanswered_view(questions: list) -> discord.ui.View | None:
    if not questions:
        return None
    view = discord.ui.View(timeout=None)
    for number, question in enumerate(questions[:10], start=1):
        view.add_item(UnansweredButton(number, question_key(question.grouping)))
    return view


DYNAMIC_ITEMS = (RemoveButton, UnansweredButton)
