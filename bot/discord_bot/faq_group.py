"""What `/faq` (everyone: list, show) and `/faqmod` (moderators: add, edit, ...) share: picking an entry.

The two command groups are ordinary `commands.GroupCog`s, one per cog (cogs/faq_browse.py and
cogs/faq_moderation.py). They are separate top-level commands because Discord applies a command's
default member permissions to a whole top-level command: `/faqmod` is hidden from members without
*Manage Messages*, and `/faq` is shown to everyone. A new subcommand is an `@app_commands.command` method
in the cog of its group.
"""

from __future__ import annotations

from discord import app_commands

from bot.core.answering.browse import find_entries
from bot.core.knowledge.faq import Entry, Knowledge
from bot.discord_bot import limits

BROWSE_GROUP = "faq"
MODERATOR_GROUP = "faqmod"
ENTRY_HELP = "Start typing a question, then pick it from the list"


def entry_choices(knowledge: Knowledge, typed: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for an `entry:` option: the entries matching what was typed, at most 25."""
    found = find_entries(knowledge, typed)[: limits.CHOICES]
    return [app_commands.Choice(name=limits.truncate(e.question, limits.CHOICE_NAME), value=e.id) for e in found]


def find_entry(knowledge: Knowledge, typed: str) -> Entry | None:
    """The entry an `entry:` option names: its id (picked from the suggestions), else the one entry whose
    question matches what was typed; None when there is no such entry or several."""
    found = knowledge.entry(typed.strip())
    if found is None:
        matches = find_entries(knowledge, typed)
        found = matches[0] if len(matches) == 1 else None
    return found
