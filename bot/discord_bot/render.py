"""Core results as Discord embeds: answers with their source, key dates, FAQ pages, the about card.

Rendering only: what to answer comes from bot.core. Every embed goes through limits.fit_embed.

The trust boundary (docs/discord.md, "What the bot shows"): text a member typed goes through
limits.user_text (control and bidi characters dropped, mentions defused, markdown escaped); text a
moderator wrote (answers, questions, phrasings: shown to every member) through `moderator_text`, which
keeps ordinary formatting (bold, lists) but shows every link as its plain URL (a masked link
`[free nitro](http://evil)` becomes `free nitro (http://evil)`), and leaves no mention (users, roles,
channels, commands, @everyone/@here) or spoiler syntax and no control or bidi characters. Nothing pings
in any case (allowed_mentions is always empty); this keeps one compromised moderator account from
dressing a link up as something else for every member.
"""

from __future__ import annotations

import datetime as dt
import re

import discord

from bot.core.answering.answer import EMPTY, FACT, MATCHED, Answer, describe_source
from bot.core.knowledge.faq import Entry, KeyDate, Knowledge, Source
from bot.discord_bot import limits

GREEN = discord.Colour(0x2E9E5B)  # answered from the FAQ
BLUE = discord.Colour(0x3B7DD8)  # answered from a sentence of the article
GREY = discord.Colour(0x8A8F98)  # the article doesn't say
GOLD = discord.Colour(0xC9A227)  # dates, lists, about

FAQ_PAGE_SIZE = 10

#: A masked link: [label](url), [label](<url>), [label](url "title").
_MASKED_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
#: <@id>, <@!id>, <@&id>, <#id>, </command:id>, <id:customize> and friends; @everyone, @here.
_MENTION = re.compile(r"<(@[!&]?|#|/[^<>:\n]{1,100}:)(\d{1,20})>|<id:\w+>")
_MASS_MENTION = re.compile(r"@(everyone|here)\b")


def moderator_text(text: str) -> str:
    """Moderator-written text as members see it: links as plain URLs, no mention or spoiler syntax, no
    control or bidi characters (see the module docstring)."""
    text = limits.strip_controls(text)
    text = _MASKED_LINK.sub(lambda m: f"{m[1].strip()} ({m[2]})" if m[1].strip() and m[1].strip() != m[2]
                            else m[2], text)
    text = _MENTION.sub(lambda m: m[0].replace("<", "<\u200b", 1), text)
    text = _MASS_MENTION.sub("@\u200b\\1", text)
    return text.replace("||", "\\|\\|")


def pretty_date(iso: str) -> str:
    """'2024-02-20' -> 'February 20, 2024' (anything else unchanged)."""
    try:
        day = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{day:%B} {day.day}, {day.year}"


def article_footer(knowledge: Knowledge, extra: str = "") -> str:
    article = knowledge.article
    text = f"{article.title} · {article.author} · {pretty_date(article.published)}"
    return f"{text} · {extra}" if extra else text


def source_text(knowledge: Knowledge, source: Source | None) -> str:
    """'Paragraph 3: “the quote”' (the quote is the article's own text, so its markdown is escaped)."""
    where = describe_source(knowledge, source)
    if source is None:
        return where
    quote = limits.escape_markdown(" ".join(source.quote.split()))
    return f"{where}: “{quote}”"


def answer_embed(answer: Answer, knowledge: Knowledge) -> discord.Embed:
    """An answer: the answer text, the question it matched, the source with its quote, the article."""
    asked = limits.user_text(answer.question, limits.EMBED_TITLE) or "Your question"
    if answer.answered:
        embed = discord.Embed(title=asked, description=moderator_text(answer.answer),
                              colour=GREEN if answer.reason == MATCHED else BLUE)
        if answer.reason == MATCHED and answer.question_matched:
            embed.add_field(name="Matched question", value=moderator_text(answer.question_matched), inline=False)
        elif answer.reason == FACT:
            embed.add_field(name="Found in the article", value="No FAQ entry covers this; the answer is the "
                                                               "article's own sentence.", inline=False)
        embed.add_field(name="Source", value=source_text(knowledge, answer.source), inline=False)
        embed.set_footer(text=article_footer(knowledge, f"match {answer.score:.0f}/100"))
    elif answer.reason == EMPTY:
        embed = discord.Embed(title="Ask me about the article", description=moderator_text(answer.answer),
                              colour=GREY)
        embed.set_footer(text=article_footer(knowledge))
    else:
        lines = [moderator_text(answer.answer)]
        if answer.suggestions:
            lines.append("\nDid you mean:")
            lines += [f"• {moderator_text(s.question)}" for s in answer.suggestions]
            lines.append("\nPick one below, or rephrase your question.")
        lines.append("\nFor the article's timeline, try `/dates`; `/faq list` shows every question I know.")
        embed = discord.Embed(title=asked, description="\n".join(lines), colour=GREY)
        embed.set_footer(text=article_footer(knowledge))
    return limits.fit_embed(embed)


def date_line(key_date: KeyDate, formatted: str, knowledge: Knowledge) -> str:
    return f"**{formatted}** — {key_date.event}\n> {source_text(knowledge, key_date.source)}"


def dates_embed(knowledge: Knowledge, lines: list[str], *, title: str, note: str = "") -> discord.Embed:
    """Key dates, one block per date (already formatted by the caller), in the order given."""
    description = "\n\n".join(lines) if lines else "The article names no key dates."
    if note:
        description = f"{note}\n\n{description}"
    embed = discord.Embed(title=title, description=description, colour=GOLD)
    embed.set_footer(text=article_footer(knowledge, "inferred years are marked"))
    return limits.fit_embed(embed)


def faq_page_count(knowledge: Knowledge) -> int:
    return max(1, -(-len(knowledge.entries) // FAQ_PAGE_SIZE))


def faq_page_embed(knowledge: Knowledge, page: int) -> discord.Embed:
    """One page of `/faq list`: the entries' questions with their ids (for `/faq show`)."""
    pages = faq_page_count(knowledge)
    page = min(max(page, 0), pages - 1)
    chunk = knowledge.entries[page * FAQ_PAGE_SIZE:(page + 1) * FAQ_PAGE_SIZE]
    lines = [f"`{e.id}` — {limits.truncate(moderator_text(e.question), limits.QUESTION_IN_LIST)}" for e in chunk] or ["The FAQ is empty."]
    embed = discord.Embed(title=f"Club FAQ — {len(knowledge.entries)} questions", description="\n".join(lines),
                          colour=GOLD)
    embed.set_footer(text=f"Page {page + 1} of {pages} · /faq show <entry> for the answer · /ask for anything else")
    return limits.fit_embed(embed)


def entry_embed(knowledge: Knowledge, entry: Entry, answer: Answer) -> discord.Embed:
    """`/faq show`: the entry's answer (as /ask would give it) plus its other phrasings."""
    embed = answer_embed(answer, knowledge)
    embed.title = limits.truncate(limits.strip_controls(entry.question), limits.EMBED_TITLE)  # titles: no markdown
    embed.clear_fields()
    embed.add_field(name="Source", value=source_text(knowledge, entry.source), inline=False)
    if entry.alternates:
        embed.add_field(name="Also asked as", value="\n".join(f"• {moderator_text(a)}" for a in entry.alternates),
                        inline=False)
    embed.set_footer(text=article_footer(knowledge, f"entry {entry.id}"))
    return limits.fit_embed(embed)


def about_embed(knowledge: Knowledge, *, bot_version: str) -> discord.Embed:
    article = knowledge.article
    embed = discord.Embed(
        title="About this bot",
        description=(f"I answer questions about one article of the school newspaper, **{article.title}**, "
                     f"and show where each answer comes from. When the article doesn't say, I tell you so."),
        colour=GOLD,
    )
    embed.add_field(name="The article", value=(f"{article.title}\nby {article.author} ({article.role}) · "
                                               f"{article.section}, issue {article.issue} · "
                                               f"published {pretty_date(article.published)}"), inline=False)
    embed.add_field(name="How to ask", value=(
        "• `/ask question:` your question (add `private:True` to see the answer alone)\n"
        "• mention me with a question: `@bot what is Chip 4?`\n"
        "• right-click a message → Apps → **Ask the FAQ**\n"
        "• `/dates` for the timeline, `/faq list` and `/faq show` to browse"), inline=False)
    embed.add_field(name="For moderators", value=(
        "`/faqmod` adds, edits and removes FAQ entries and shows the history, unanswered questions and stats. "
        "Only members with the Manage Messages permission (or a moderator role the bot is set up with) see it."),
        inline=False)
    embed.add_field(name="What I know", value=(f"{len(knowledge.entries)} questions, {len(knowledge.dates)} key dates, "
                                               f"{len(article.paragraphs)} paragraphs"), inline=True)
    embed.add_field(name="Knowledge version", value=f"`{knowledge.version}`", inline=True)
    embed.set_footer(text=f"newsroom-faq-bot {bot_version}")
    return limits.fit_embed(embed)


def notice(text: str) -> discord.Embed:
    """A short note to one member (cooldowns, errors, stale buttons)."""
    return limits.fit_embed(discord.Embed(description=text, colour=GREY))
