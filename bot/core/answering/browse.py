"""Finding FAQ entries by what a moderator or member types into a picker (autocomplete, `faq show`)."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.core.knowledge.faq import Entry, Knowledge

#: When no entry contains every typed word, entries whose question is spelled this close still show.
FUZZY_CUTOFF = 75.0


def find_entries(knowledge: Knowledge, typed: str) -> list[Entry]:
    """Entries whose id, question or alternates contain every typed word: those matching by id or
    question first, then by alternate; failing both, questions close in spelling (typos), best first."""
    words = typed.casefold().split()
    direct, by_alternate = [], []
    for entry in knowledge.entries:
        if all(word in f"{entry.id} {entry.question}".casefold() for word in words):
            direct.append(entry)
        elif all(word in " ".join(entry.alternates).casefold() for word in words):
            by_alternate.append(entry)
    if direct or by_alternate or not words:
        return direct + by_alternate
    wanted = " ".join(words)
    scored = [(fuzz.partial_ratio(wanted, f"{e.id} {e.question}".casefold()), e) for e in knowledge.entries]
    return [e for score, e in sorted(scored, key=lambda pair: -pair[0]) if score >= FUZZY_CUTOFF]
