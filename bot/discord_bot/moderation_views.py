"""The moderators' modal and buttons: the entry form (add / edit), remove confirm / cancel, and
"turn this unanswered question into an entry".

Every submit and click checks again that the member is a moderator (a modal or a button can outlive
a role change), and every reply is private and pings nobody. The buttons are DynamicItems (state in
the custom_id), so they keep working after a restart; the modal lives while it is open.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.core.store import Draft, Refused
from bot.discord_bot import limits, moderation_render, render
from bot.discord_bot.answering import send, within_deadline
from bot.discord_bot.errors import NOT_MODERATOR, guarded, tell
from bot.discord_bot.moderation import VIA, refused_text
from bot.discord_bot.views import ENTRY_ID

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

log = logging.getLogger(__name__)

#: Discord's limit for a text input's value.
INPUT_MAX = 4000
QUESTION_MAX = 300
QUOTE_MAX = 1000
MODAL_TIMEOUT = 15 * 60


def question_key(grouping: str) -> str:
    """A short stable key for an unanswered question (custom_ids are at most 100 characters)."""
    return hashlib.sha256(grouping.encode("utf-8")).hexdigest()[:12]


class EntryModal(discord.ui.Modal):
    """The entry form: Question, Answer, Source quote, Alternate phrasings."""

    def __init__(self, *, entry_id: str | None = None, draft: Draft | None = None, resolves: str | None = None):
        editing = entry_id is not None
        title = "Edit an FAQ entry" if editing else "Add an FAQ entry"
        super().__init__(title=title, timeout=MODAL_TIMEOUT,
                         custom_id=f"faqbot:entry:{entry_id or 'new'}"[:limits.CUSTOM_ID])
        self.entry_id = entry_id
        self.resolves = resolves  # the member's unanswered question this entry answers, if any
        draft = draft or Draft("", "")
        self.question = discord.ui.TextInput(
            label="Question", custom_id="question", max_length=QUESTION_MAX, default=draft.question or None,
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
        return (limits.units(draft.question) <= QUESTION_MAX and limits.units(draft.answer) <= INPUT_MAX
                and limits.units(draft.quote) <= QUOTE_MAX and limits.units("\n".join(draft.alternates)) <= INPUT_MAX
                and not any("\n" in a for a in draft.alternates))

    def draft(self) -> Draft:
        return Draft(self.question.value, self.answer.value, Draft.lines(self.alternates.value), self.quote.value or "")

    async def on_submit(self, interaction: discord.Interaction[FaqBot]) -> None:  # type: ignore[override]
        moderation = interaction.client.moderation
        if not moderation.allowed(interaction):
            await tell(interaction, NOT_MODERATOR)
            return
        draft = self.draft()
        entry_id = self.entry_id
        if entry_id is None:
            def operation(store, by):
                return store.add(draft, by=by, via=VIA)
        else:
            def operation(store, by):
                return store.edit(entry_id, draft, by=by, via=VIA)
        try:
            saved = await within_deadline(interaction, moderation.change(interaction, operation), ephemeral=True)
        except Refused as exc:
            await send(interaction, ephemeral=True, embed=moderation_render.result_embed(refused_text(exc), ok=False))
            return
        if saved.changed and entry_id is None and moderation.activity is not None:
            entry = saved.knowledge.entry(saved.entry_id)
            phrasings = [*(entry.phrasings if entry else ()), *([self.resolves] if self.resolves else [])]
            activity = moderation.activity
            await moderation.read(lambda: [activity.resolve(p, saved.entry_id) for p in phrasings])
        verb = "Added" if entry_id is None else "Saved"
        text = (f"{verb} `{saved.entry_id}`; members get it from now on." if saved.changed else
                f"`{saved.entry_id}` already says exactly that: nothing to save.")
        notes = "".join(f"\n• {note}" for note in saved.notes)
        await send(interaction, ephemeral=True, embed=moderation_render.result_embed(text + notes))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        log.error("the FAQ entry form failed", exc_info=error)
        await tell(interaction, "Sorry, saving failed on my side; nothing was changed. It has been logged.")


class RemoveButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=rf"faqbot:faqrm:(?P<ok>[yn]):(?P<user>\d{{1,20}}):(?P<entry>{ENTRY_ID})"):
    """Confirm (remove the entry) or Cancel, for the moderator who ran /faq remove."""

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
                       "This confirmation belongs to the moderator who asked for it.")
            return
        if not self.confirm:
            await interaction.response.edit_message(
                embed=moderation_render.result_embed(f"Kept `{self.entry_id}`: nothing was removed."), view=None,
                allowed_mentions=limits.NO_PINGS)
            return
        entry_id = self.entry_id
        try:
            await within_deadline(interaction, moderation.change(
                interaction, lambda store, by: store.remove(entry_id, by=by, via=VIA)), ephemeral=True)
        except Refused as exc:
            embed = moderation_render.result_embed(refused_text(exc), ok=False)
        else:
            embed = moderation_render.result_embed(f"Removed `{entry_id}`. `/faq undo` brings it back.")
        if interaction.response.is_done():
            await interaction.edit_original_response(embed=embed, view=None, allowed_mentions=limits.NO_PINGS)
        else:
            await interaction.response.edit_message(embed=embed, view=None, allowed_mentions=limits.NO_PINGS)


def remove_view(user_id: int, entry_id: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveButton(True, user_id, entry_id))
    view.add_item(RemoveButton(False, user_id, entry_id))
    return view


class UnansweredButton(discord.ui.DynamicItem[discord.ui.Button],
                       template=r"faqbot:unans:(?P<n>\d{1,2}):(?P<key>[0-9a-f]{12})"):
    """"Answer #n" under /faq unanswered: opens the entry form with the member's question filled in."""

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
                                    "into an entry). Run `/faq unanswered` again."),
                ephemeral=True, allowed_mentions=limits.NO_PINGS)
            return
        await interaction.response.send_modal(EntryModal(draft=Draft(found.question[:QUESTION_MAX], ""),
                                                         resolves=found.question))


def unanswered_view(questions: list) -> discord.ui.View | None:
    if not questions:
        return None
    view = discord.ui.View(timeout=None)
    for number, question in enumerate(questions[:10], start=1):
        view.add_item(UnansweredButton(number, question_key(question.grouping)))
    return view


DYNAMIC_ITEMS = (RemoveButton, UnansweredButton)
