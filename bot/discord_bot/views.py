"""Buttons: "did you mean", helpful / not helpful, and FAQ pages.

All are DynamicItems: their state lives in the custom_id ("faqbot:..."), so they keep working after a
restart and never time out. A button whose entry has since been removed answers gracefully.
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING, Any

import discord

from bot.core.answering.answer import Answer
from bot.discord_bot import limits, render
from bot.discord_bot.errors import guarded
from bot.discord_bot.questionlog import log_answered

if TYPE_CHECKING:
    from bot.discord_bot.client import FaqBot

log = logging.getLogger(__name__)

ENTRY_ID = r"[a-z0-9][a-z0-9-]{0,63}"
STALE_ENTRY = "That question is no longer in the FAQ (a moderator changed it). Try `/ask` again."


def reply_view(answer: Answer, user_id: int) -> discord.ui.View | None:
    """The buttons under an answer: suggestions when unsure, a helpful vote when answered from an entry."""
    view = discord.ui.View(timeout=None)
    if not answer.answered:
        for suggestion in answer.suggestions[:3]:
            view.add_item(SuggestionButton(user_id, suggestion.entry_id, suggestion.question))
    elif answer.entry_id:
        view.add_item(VoteButton(answer.entry_id, True))
        view.add_item(VoteButton(answer.entry_id, False))
    return view if view.children else None


def page_view(user_id: int, page: int, pages: int) -> discord.ui.View | None:
    if pages <= 1:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(user_id, max(page - 1, 0), "p", disabled=page <= 0))
    view.add_item(PageButton(user_id, min(page + 1, pages - 1), "n", disabled=page >= pages - 1))
    return view


class SuggestionButton(discord.ui.DynamicItem[discord.ui.Button],
                       template=rf"faqbot:dym:(?P<user>\d{{1,20}}):(?P<entry>{ENTRY_ID})"):
    """One "did you mean" question. The asker's click turns the message into that answer; anyone else
    gets the answer privately."""

    def __init__(self, user_id: int, entry_id: str, label: str = "Did you mean this?"):
        self.user_id = user_id
        self.entry_id = entry_id
        super().__init__(discord.ui.Button(label=limits.truncate(label, limits.BUTTON_LABEL),
                                           style=discord.ButtonStyle.secondary,
                                           custom_id=f"faqbot:dym:{user_id}:{entry_id}"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> SuggestionButton:
        return cls(int(match["user"]), match["entry"], getattr(item, "label", None) or "Did you mean this?")

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        bot = interaction.client
        started = time.perf_counter()
        if bot.live.knowledge.entry(self.entry_id) is None:
            await interaction.response.send_message(embed=render.notice(STALE_ENTRY), ephemeral=True,
                                                    allowed_mentions=limits.NO_PINGS)
            return
        answer = bot.live.answer_entry(self.entry_id)
        embed = render.answer_embed(answer, bot.live.knowledge)
        view = reply_view(answer, interaction.user.id)
        if interaction.user.id == self.user_id:
            await interaction.response.edit_message(embed=embed, view=view, allowed_mentions=limits.NO_PINGS)
        else:
            await interaction.response.send_message(embed=embed, view=view or discord.utils.MISSING,
                                                    ephemeral=True, allowed_mentions=limits.NO_PINGS)
        log_answered(answer, user_id=interaction.user.id, via="suggestion", started=started)


class VoteButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=rf"faqbot:vote:(?P<entry>{ENTRY_ID}):(?P<helpful>[yn])"):
    """"Helpful" / "Not helpful" under an answer; one vote per member per entry (a new vote replaces it)."""

    def __init__(self, entry_id: str, helpful: bool):
        self.entry_id = entry_id
        self.helpful = helpful
        super().__init__(discord.ui.Button(
            label="Helpful" if helpful else "Not helpful",
            emoji="\N{THUMBS UP SIGN}" if helpful else "\N{THUMBS DOWN SIGN}",
            style=discord.ButtonStyle.secondary,
            custom_id=f"faqbot:vote:{entry_id}:{'y' if helpful else 'n'}",
        ))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> VoteButton:
        return cls(match["entry"], match["helpful"] == "y")

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        bot = interaction.client
        if bot.live.knowledge.entry(self.entry_id) is None:
            await interaction.response.send_message(embed=render.notice(STALE_ENTRY), ephemeral=True,
                                                    allowed_mentions=limits.NO_PINGS)
            return
        recorded = bot.activity_log.vote(self.entry_id, user_id=interaction.user.id, helpful=self.helpful)
        thanks = ("Thanks! Glad it helped." if self.helpful else
                  "Thanks for telling us. The moderators review answers that weren't helpful.")
        await interaction.response.send_message(embed=render.notice(thanks), ephemeral=True,
                                                allowed_mentions=limits.NO_PINGS)
        log.info("vote user=%s entry=%s helpful=%s", interaction.user.id, self.entry_id, self.helpful)
        await recorded


class PageButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"faqbot:page:(?P<user>\d{1,20}):(?P<page>\d{1,4}):(?P<dir>[pn])"):
    """Previous / next page of `/faq list`. Only the member who listed turns the pages; others get their
    own private copy of the page they clicked."""

    def __init__(self, user_id: int, page: int, direction: str, *, disabled: bool = False):
        self.user_id = user_id
        self.page = page
        super().__init__(discord.ui.Button(
            label="Previous" if direction == "p" else "Next",
            emoji="\N{BLACK LEFT-POINTING TRIANGLE}" if direction == "p" else "\N{BLACK RIGHT-POINTING TRIANGLE}",
            style=discord.ButtonStyle.primary, disabled=disabled,
            custom_id=f"faqbot:page:{user_id}:{page}:{direction}",
        ))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> PageButton:
        return cls(int(match["user"]), int(match["page"]), match["dir"])

    @guarded
    async def callback(self, interaction: discord.Interaction[FaqBot]) -> None:
        knowledge = interaction.client.live.knowledge
        pages = render.faq_page_count(knowledge)
        page = min(self.page, pages - 1)  # the FAQ may have shrunk since the list was shown
        embed = render.faq_page_embed(knowledge, page)
        if interaction.user.id == self.user_id:
            await interaction.response.edit_message(embed=embed, view=page_view(self.user_id, page, pages),
                                                    allowed_mentions=limits.NO_PINGS)
        else:
            view = page_view(interaction.user.id, page, pages)
            await interaction.response.send_message(embed=embed, view=view or discord.utils.MISSING,
                                                    ephemeral=True, allowed_mentions=limits.NO_PINGS)


DYNAMIC_ITEMS = (SuggestionButton, VoteButton, PageButton)
