"""Moderation results as Discord embeds: a change (before/after), history, unanswered questions, stats.

Rendering only; every embed goes through limits.fit_embed. Entry text shown in code blocks is the exact
YAML the file holds, with backticks defused so a block can never be closed early.
"""

from __future__ import annotations

import re
import textwrap

import discord

from bot.core.editing.history import ADD, ALIAS, EDIT, REMOVE, UNDO, Change
from bot.core.knowledge.faq import Entry, Knowledge
from bot.core.knowledge.problems import Problem
from bot.core.state.activity import Stats, UnansweredQuestion
from bot.discord_bot import limits, render

GREEN = discord.Colour(0x2E9E5B)
RED = discord.Colour(0xC0392B)
AMBER = discord.Colour(0xE08E0B)

VERBS = {ADD: "added", EDIT: "edited", ALIAS: "added a phrasing to", REMOVE: "removed", UNDO: "undid a change to"}


def yaml_block(text: str | None, limit: int = limits.FIELD_VALUE) -> str:
    """An entry's YAML in a code block that fits a field (cut with a note when too long)."""
    if text is None:
        return "(none)"
    body = textwrap.dedent(text).rstrip().replace("```", "`\u200b``")
    fence_cost = len("```yaml\n\n```")
    if limits.units(body) > limit - fence_cost:
        body = limits.truncate(body, limit - fence_cost - 1)
    return f"```yaml\n{body}\n```"


_DISCORD_WHO = re.compile(r"^(?P<name>.*) \((?P<id>\d{1,20})\)$")


def who_text(by: str, via: str) -> str:
    """'name (id)' from Discord as a mention (it renders as the member's name; messages never ping), else the
    name as typed."""
    match = _DISCORD_WHO.match(by) if via == "discord" else None
    if match:
        return f"**{limits.user_text(match['name'], 100)}** (<@{match['id']}>)"
    return f"**{limits.user_text(by, 200)}**"


def change_embed(change: Change, *, title: str | None = None) -> discord.Embed:
    """One change: who, what, when, and the entry before and after."""
    verb = VERBS.get(change.action, change.action)
    what = f"{verb} `{change.entry_id}`"
    if change.action == UNDO and change.undoes:
        what += f" (reverted change #{change.undoes})"
    colour = RED if change.action == REMOVE else AMBER if change.action == UNDO else GREEN
    embed = discord.Embed(title=title or f"FAQ change #{change.id}", colour=colour,
                          description=f"{who_text(change.by, change.via)} {what} via {change.via}.")
    embed.add_field(name="Before", value=yaml_block(change.before), inline=False)
    embed.add_field(name="After", value=yaml_block(change.after), inline=False)
    embed.set_footer(text=f"{change.at} · undo with /faqmod undo or python -m bot faq undo")
    return limits.fit_embed(embed)


def history_embed(changes: list[Change], entry_id: str | None) -> discord.Embed:
    title = f"History of `{entry_id}`" if entry_id else "Recent FAQ changes"
    if not changes:
        return render.notice("No changes recorded yet." if not entry_id else f"No changes recorded for `{entry_id}`.")
    lines = []
    for change in changes:
        verb = VERBS.get(change.action, change.action)
        undone = f" — undone by #{change.undone_by}" if change.undone_by else ""
        lines.append(f"`#{change.id}` {change.at[:16].replace('T', ' ')} · {who_text(change.by, change.via)} "
                     f"{verb} `{change.entry_id}` ({change.via}){undone}")
    embed = discord.Embed(title=title, description="\n".join(lines), colour=render.GOLD)
    embed.set_footer(text="Newest first · /faqmod undo reverts the latest change that is not undone yet")
    return limits.fit_embed(embed)


def entry_preview(entry: Entry, knowledge: Knowledge, *, title: str) -> discord.Embed:
    embed = discord.Embed(title=title, description=f"**{limits.truncate(render.moderator_text(entry.question), limits.QUESTION_MAX)}"
                                                   f"**\n{render.moderator_text(entry.answer)}", colour=RED)
    embed.add_field(name="Source", value=render.source_text(knowledge, entry.source), inline=False)
    if entry.alternates:
        embed.add_field(name="Also asked as", value="\n".join(f"• {render.moderator_text(a)}" for a in entry.alternates),
                        inline=False)
    embed.set_footer(text=f"entry {entry.id}")
    return limits.fit_embed(embed)


def unanswered_embed(questions: list[UnansweredQuestion]) -> discord.Embed:
    if not questions:
        return render.notice("No unanswered questions: every question members asked found an answer "
                             "(or was already turned into an entry).")
    lines = [f"**{n}.** {limits.user_text(q.question, 200)} — asked {q.count}×"
             for n, q in enumerate(questions, start=1)]
    embed = discord.Embed(title="Questions the bot could not answer", description="\n".join(lines),
                          colour=render.GOLD)
    embed.set_footer(text="Most frequent first · press a number to turn that question into an FAQ entry")
    return limits.fit_embed(embed)


def stats_embed(stats: Stats, knowledge: Knowledge) -> discord.Embed:
    rate = f" ({stats.answered * 100 // stats.asked}%)" if stats.asked else ""
    embed = discord.Embed(title="FAQ stats", colour=render.GOLD, description=(
        f"Questions asked: **{stats.asked}**\nAnswered: **{stats.answered}**{rate}\n"
        f"Abstained (the article doesn't say): **{stats.abstained}**\n"
        f"Votes: **{stats.helpful}** helpful, **{stats.not_helpful}** not helpful"))

    def name(entry_id: str) -> str:
        entry = knowledge.entry(entry_id)
        return f"`{entry_id}`" + (f" {limits.truncate(entry.question, 80)}" if entry else " (removed)")

    top = [f"{name(s.entry_id)} — {s.answered}× · {s.helpful} 👍 {s.not_helpful} 👎" for s in stats.top_entries]
    embed.add_field(name="Top entries", value="\n".join(top) or "None yet.", inline=False)
    unhelpful = sorted((s for s in stats.votes.values() if s.not_helpful), key=lambda s: (-s.not_helpful, s.entry_id))
    if unhelpful:
        embed.add_field(name="Marked not helpful", value="\n".join(
            f"{name(s.entry_id)} — {s.not_helpful} 👎 / {s.helpful} 👍" for s in unhelpful[:5]), inline=False)
    return limits.fit_embed(embed)


def problems_embed(problems: tuple[Problem, ...] | list[Problem], *, title: str, intro: str) -> discord.Embed:
    lines = [f"`{p.path.name}:{p.line}:{p.column}` {discord.utils.escape_markdown(p.message)}" for p in problems[:15]]
    if len(problems) > 15:
        lines.append(f"... and {len(problems) - 15} more (`python -m bot check` lists them all)")
    embed = discord.Embed(title=title, description=intro + "\n\n" + "\n".join(lines), colour=RED)
    return limits.fit_embed(embed)


def result_embed(text: str, *, ok: bool = True) -> discord.Embed:
    return limits.fit_embed(discord.Embed(description=text, colour=GREEN if ok else RED))
