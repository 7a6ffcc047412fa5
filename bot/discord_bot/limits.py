"""Discord's size limits, and text helpers that keep to them and defuse user text.

Lengths are counted in UTF-16 code units, the strictest way Discord counts: a text that fits here fits there,
whatever the script (Hangul, emoji, combining marks).
"""

from __future__ import annotations

import re
import unicodedata

import discord

from bot.core.answering.normalise import MAX_CHARS

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
BUTTON_LABEL = 80
CUSTOM_ID = 100
#: The longest question (or phrasing) the bot takes: the core reads no further (bot.core.answering.normalise.MAX_CHARS).
#: It is the /ask `question` option's and the entry form's Question max_length.
QUESTION_MAX = MAX_CHARS
#: A question shown as one line of a list (/faq list): ten such lines fit one embed description (4096).
QUESTION_IN_LIST = 300

ELLIPSIS = "..."

#: Sent with every message: nothing the bot says pings anyone (no @everyone/@here, roles, users or replies).
NO_PINGS = discord.AllowedMentions.none()


def units(text: str) -> int:
    """Length as Discord counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` units, ending in '...' when cut (never inside a character or an escape)."""
    if units(text) <= limit:
        return text
    budget = limit - len(ELLIPSIS)
    out = []
    used = 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > budget:
            break
        out.append(char)
        used += size
    cut = "".join(out).rstrip()
    if (len(cut) - len(cut.rstrip("\\"))) % 2:  # don't leave a lone backslash escaping the ellipsis
        cut = cut[:-1]
    return cut + ELLIPSIS


#: Every character Discord markdown gives a meaning to (a backslash before ASCII punctuation shows it as is).
_MARKDOWN = re.compile(r"([\\*_~`|>#\-\[\]()<])")


def escape_markdown(text: str) -> str:
    """Escape each markdown character on its own. (discord.utils.escape_markdown leaves everything between
    two masked links unescaped: its link pattern is greedy.)"""
    return _MARKDOWN.sub(r"\\\1", text)


#: Direction overrides and isolates (U+202E can make "gpj.exe" read "exe.jpg"), and the marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def strip_controls(text: str) -> str:
    """`text` without control characters (C0/C1: escape sequences, NUL, ...) and bidi controls. Line breaks
    and tabs stay (as themselves); zero-width joiners stay (emoji and some scripts need them)."""
    return "".join(c for c in text if c in "\n\t" or not (c in BIDI_CONTROLS or unicodedata.category(c) == "Cc"))


def user_text(text: str, limit: int | None = None) -> str:
    """Text a member typed, safe to show: control and bidi characters dropped, mentions defused, markdown
    escaped, one line, cut to `limit`."""
    flat = " ".join(strip_controls(text).split())
    safe = escape_markdown(discord.utils.escape_mentions(flat))
    return truncate(safe, limit) if limit else safe


def embed_units(embed: discord.Embed) -> int:
    """The embed's size as Discord limits it (title, description, field names and values, footer, author)."""
    total = units(embed.title or "") + units(embed.description or "")
    total += sum(units(f.name or "") + units(f.value or "") for f in embed.fields)
    total += units(embed.footer.text or "") + units(embed.author.name or "")
    return total


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Enforce every per-part limit, then the 6000 total by shortening the description, then the fields."""
    if embed.title:
        embed.title = truncate(embed.title, EMBED_TITLE)
    if embed.description:
        embed.description = truncate(embed.description, EMBED_DESCRIPTION)
    while len(embed.fields) > EMBED_FIELDS:
        embed.remove_field(len(embed.fields) - 1)
    for index, f in enumerate(embed.fields):
        embed.set_field_at(index, name=truncate(f.name or "\u200b", FIELD_NAME),
                           value=truncate(f.value or "\u200b", FIELD_VALUE), inline=f.inline)
    if embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    excess = embed_units(embed) - EMBED_TOTAL
    if excess > 0 and embed.description:
        keep = max(units(embed.description) - excess, 200)
        embed.description = truncate(embed.description, keep)
    while embed_units(embed) > EMBED_TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed
