"""The moderators' `/faqmod` group: add, edit, remove, alias, history, undo, reload, unanswered, stats.

A top-level group of its own (not part of the public `/faq`), so Discord can hide it: its default member
permission is *Manage Messages*, and members without it don't see `/faqmod` at all. Server admins can
change who sees it (Server Settings -> Integrations), so every command also checks in code
(`@moderator_only()`: Manage Messages or a role in BOT_MODERATOR_ROLE_IDS); anyone else gets a private
refusal and nothing changes. The work is done by the bot's moderation service (`bot.moderation`,
bot.discord_bot.moderation) through bot.core.editing.store, like `python -m bot faq`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.editing.store import Draft, Refused
from bot.discord_bot import limits, moderation_render
from bot.discord_bot.answering import send, within_deadline
from bot.discord_bot.checks import moderator_only
from bot.discord_bot.faq_group import ENTRY_HELP, MODERATOR_GROUP, entry_choices, find_entry
from bot.discord_bot.moderation import VIA, refused_text
from bot.discord_bot.moderation_views import (
    DYNAMIC_ITEMS,
    EntryModal,
    entry_form_submitted,
    remove_view,
    unanswered_view,
)

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

NOT_RECORDING = ("Members' questions are not being recorded, so there is nothing to show: the bot could not open its "
                 "data folder when it started (BOT_DATA_DIR). Answering still works; ask whoever runs the bot to "
                 "check its log and restart it.")


@app_commands.guild_only()
@app_commands.default_permissions(manage_messages=True)
class FaqModeration(commands.GroupCog, group_name=MODERATOR_GROUP,
                    group_description="Moderators: add, edit and remove FAQ entries; history, undo, stats"):
    def __init__(self, bot: FaqBot):
        self.bot = bot
        self.moderation = bot.moderation
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        await self.moderation.start()

    async def cog_unload(self) -> None:
        await self.moderation.stop()
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    @commands.Cog.listener("on_interaction")
    async def on_entry_form(self, interaction: discord.Interaction) -> None:
        """Entry forms are saved by their custom_id, whoever opened them and whenever (see EntryModal)."""
        await entry_form_submitted(interaction)

    # --- helpers ----------------------------------------------------------------------------------------

    def _entry(self, typed: str):
        return find_entry(self.bot.live.knowledge, typed)

    @staticmethod
    async def _private(interaction: discord.Interaction, text: str, *, ok: bool = True) -> None:
        await send(interaction, ephemeral=True, embed=moderation_render.result_embed(text, ok=ok))

    async def _no_entry(self, interaction: discord.Interaction, typed: str) -> None:
        await self._private(interaction, f"There is no FAQ entry “{limits.user_text(typed, 100)}”. Start typing "
                                         f"its question in `entry:` and pick it from the suggestions, or look "
                                         f"it up with `/faq list`.", ok=False)

    # --- commands ---------------------------------------------------------------------------------------

    @app_commands.command(name="add", description="Add an FAQ entry (opens a form)")
    @moderator_only()
    async def add(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(EntryModal())

    @app_commands.command(name="edit", description="Edit an FAQ entry (opens a prefilled form)")
    @app_commands.describe(entry=ENTRY_HELP)
    @moderator_only()
    async def edit(self, interaction: discord.Interaction,
                   entry: app_commands.Range[str, 1, limits.CHOICE_VALUE]) -> None:
        found = self._entry(entry)
        if found is None:
            await self._no_entry(interaction, entry)
            return
        draft = Draft.from_entry(found)
        if not EntryModal.fits(draft):
            await self._private(interaction, f"`{found.id}` is too long for Discord's form; edit it with "
                                             f"`python -m bot faq edit {found.id}` or in the file.", ok=False)
            return
        await interaction.response.send_modal(EntryModal(entry_id=found.id, draft=draft))

    @app_commands.command(name="remove", description="Remove an FAQ entry (asks to confirm)")
    @app_commands.describe(entry=ENTRY_HELP)
    @moderator_only()
    async def remove(self, interaction: discord.Interaction,
                     entry: app_commands.Range[str, 1, limits.CHOICE_VALUE]) -> None:
        found = self._entry(entry)
        if found is None:
            await self._no_entry(interaction, entry)
            return
        embed = moderation_render.entry_preview(found, self.bot.live.knowledge, title="Remove this FAQ entry?")
        await interaction.response.send_message(embed=embed, view=remove_view(interaction.user.id, found.id),
                                                ephemeral=True, allowed_mentions=limits.NO_PINGS)

    @app_commands.command(name="alias", description="Add another way to ask an FAQ question")
    @app_commands.describe(entry=ENTRY_HELP, phrasing="Another way members ask this question")
    @moderator_only()
    async def alias(self, interaction: discord.Interaction, entry: app_commands.Range[str, 1, limits.CHOICE_VALUE],
                    phrasing: app_commands.Range[str, 1, limits.QUESTION_MAX]) -> None:
        found = self._entry(entry)
        if found is None:
            await self._no_entry(interaction, entry)
            return
        entry_id = found.id
        try:
            saved = await within_deadline(interaction, self.moderation.change(
                interaction, lambda store, by: store.alias(entry_id, phrasing, by=by, via=VIA)), ephemeral=True)
        except Refused as exc:
            await self._private(interaction, refused_text(exc), ok=False)
            return
        text = (f"Added “{limits.user_text(phrasing, limits.QUESTION_MAX)}” to `{entry_id}`." if saved.changed
                else f"`{entry_id}` already has that phrasing: nothing to save.")
        await self._private(interaction, text + "".join(f"\n• {note}" for note in saved.notes if saved.changed))

    @app_commands.command(name="history", description="Recent changes to the FAQ")
    @app_commands.describe(entry="Only this entry's changes (optional)")
    @moderator_only()
    async def history(self, interaction: discord.Interaction,
                      entry: app_commands.Range[str, 1, limits.CHOICE_VALUE] | None = None) -> None:
        entry_id = None
        if entry:
            found = self._entry(entry)
            entry_id = found.id if found else entry.strip()
        history = self.moderation.history
        changes = await self.moderation.read(lambda: history.changes(entry_id, limit=15))
        await send(interaction, ephemeral=True, embed=moderation_render.history_embed(changes, entry_id))

    @app_commands.command(name="undo", description="Revert the latest FAQ change")
    @moderator_only()
    async def undo(self, interaction: discord.Interaction) -> None:
        try:
            saved = await within_deadline(interaction, self.moderation.change(
                interaction, lambda store, by: store.undo(by=by, via=VIA)), ephemeral=True)
        except Refused as exc:
            await self._private(interaction, refused_text(exc), ok=False)
            return
        await self._private(interaction, "Undone: " + "; ".join(saved.notes) + ". Undo again to go further back.")

    @app_commands.command(name="reload", description="Load the knowledge file again now")
    @moderator_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        result = await within_deadline(interaction, self.moderation.read(self.bot.live.reload), ephemeral=True)
        if result.ok:
            await self.moderation.on_reload(result)
            await self._private(interaction, result.message)
            return
        problems = result.error.problems if result.error else ()
        await send(interaction, ephemeral=True, embed=moderation_render.problems_embed(
            problems, title="The knowledge file has problems",
            intro=f"Nothing was loaded: the bot keeps answering from the last good version "
                  f"(`{self.bot.live.knowledge.version}`). Fix these and reload:"))

    @app_commands.command(name="unanswered", description="Questions the bot could not answer")
    @moderator_only()
    async def unanswered(self, interaction: discord.Interaction) -> None:
        activity = self.moderation.activity
        if activity is None:
            await self._private(interaction, NOT_RECORDING, ok=False)
            return
        live = self.bot.live

        def still_unanswered():  # leave out what an entry added since (e.g. from the terminal) now answers
            return [q for q in activity.unanswered(limit=30) if not live.ask(q.question).answered][:10]
        questions = await self.moderation.read(still_unanswered)
        await send(interaction, ephemeral=True, embed=moderation_render.unanswered_embed(questions),
                   view=unanswered_view(questions))

    @app_commands.command(name="stats", description="Questions asked, answered, top entries, votes")
    @moderator_only()
    async def stats(self, interaction: discord.Interaction) -> None:
        activity = self.moderation.activity
        if activity is None:
            await self._private(interaction, NOT_RECORDING, ok=False)
            return
        stats = await self.moderation.read(activity.stats)
        await send(interaction, ephemeral=True, embed=moderation_render.stats_embed(stats, self.bot.live.knowledge))

    @edit.autocomplete("entry")
    @remove.autocomplete("entry")
    @alias.autocomplete("entry")
    @history.autocomplete("entry")
    async def entry_autocomplete(self, interaction: discord.Interaction,
                                 current: str) -> list[app_commands.Choice[str]]:
        return entry_choices(self.bot.live.knowledge, current)


async def setup(bot: FaqBot) -> None:
    await bot.add_cog(FaqModeration(bot))
