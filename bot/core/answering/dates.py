"""The article's key dates: listing, fuzzy lookup (for `dates QUERY` and autocomplete), display."""

from __future__ import annotations

import calendar

from rapidfuzz import fuzz

from bot.core.answering import lexicon
from bot.core.answering.normalise import normalise
from bot.core.knowledge.faq import KeyDate, Knowledge
from bot.core.knowledge.lexicon import Lexicon

#: A date matches when every word of the query starts one of its words or is spelled this close to
#: one (rapidfuzz ratio), so "cyb" finds the cyber initiatives and "camp dvid" the summit.
MATCH_CUTOFF = 75.0


def format_date(key_date: KeyDate) -> str:
    """'August 2023', 'January 5, 2024', or 'October 22 (year not stated; 2023 inferred from context)'."""
    parts = [int(p) for p in key_date.date.split("-")]
    year = parts[0]
    month = calendar.month_name[parts[1]] if len(parts) > 1 else ""
    day = parts[2] if len(parts) > 2 else None
    if key_date.year_inferred:
        shown = f"{month} {day}" if day else (month or "")
        return f"{shown} (year not stated; {year} inferred from context)".strip()
    if day:
        return f"{month} {day}, {year}"
    return f"{month} {year}" if month else str(year)


def _words(key_date: KeyDate, lex: Lexicon) -> frozenset[str]:
    """The date's searchable words: its event, id and shown date, canonical tokens split on '_' too."""
    tokens = normalise(f"{key_date.event} {key_date.id.replace('-', ' ')} {format_date(key_date)}", lexicon=lex).tokens
    return frozenset(tokens) | {part for t in tokens for part in t.split("_") if part}


def _word_score(word: str, words: frozenset[str]) -> float:
    """100 when a date word starts with it (autocomplete: 'cyb'), else the closest spelling's ratio."""
    if any(w.startswith(word) for w in words):
        return 100.0
    return max((fuzz.ratio(word, w) for w in words), default=0.0)


def search_dates(knowledge: Knowledge, query: str | None = None, *, limit: int = 25) -> list[KeyDate]:
    """All key dates in time order, or those matching every word of `query`, best match first."""
    dates = sorted(knowledge.dates, key=lambda d: d.sort_key)
    if not query or not query.strip():
        return dates[:limit]
    lex = lexicon.merged(knowledge.lexicon)
    normalised = normalise(query, lexicon=lex)
    wanted = list(dict.fromkeys(normalised.tokens)) or [w for w in query.lower().split() if w.isalnum()]
    if not wanted:
        return dates[:limit]
    scored = []
    for key_date in dates:
        words = _words(key_date, lex) | set(key_date.date.split("-"))
        if not normalised.numbers <= words:
            continue  # a number in the query (a year, a day) must be the date's own
        score = min(_word_score(w, words) for w in wanted)
        if score >= MATCH_CUTOFF:
            scored.append((score, key_date))
    scored.sort(key=lambda pair: -pair[0])  # stable: equal scores stay in time order
    return [key_date for _, key_date in scored[:limit]]


def find_date(knowledge: Knowledge, date_id: str) -> KeyDate | None:
    return next((d for d in knowledge.dates if d.id == date_id), None)
