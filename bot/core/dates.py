"""The article's key dates: listing, fuzzy lookup (for `dates QUERY` and autocomplete), display."""

from __future__ import annotations

import calendar

from rapidfuzz import fuzz

from bot.core.knowledge import KeyDate, Knowledge
from bot.core.normalise import normalise

#: A date matches a query when its text scores this much (rapidfuzz partial/token-set ratio).
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


def searchable_text(key_date: KeyDate) -> str:
    return normalise(f"{key_date.event} {key_date.id.replace('-', ' ')} {format_date(key_date)}").text


def search_dates(knowledge: Knowledge, query: str | None = None, *, limit: int = 25) -> list[KeyDate]:
    """All key dates in time order, or those matching `query`, best match first."""
    dates = sorted(knowledge.dates, key=lambda d: d.sort_key)
    normalised = normalise(query or "")
    wanted = normalised.text
    if not wanted:
        return dates[:limit]
    scored = []
    for key_date in dates:
        text = searchable_text(key_date)
        if not normalised.numbers <= set(text.split()) | set(key_date.date.split("-")):
            continue  # a number in the query (a year, a day) must be the date's own
        score = max(fuzz.partial_ratio(wanted, text), fuzz.token_set_ratio(wanted, text))
        if score >= MATCH_CUTOFF:
            scored.append((score, key_date))
    scored.sort(key=lambda pair: -pair[0])  # stable: equal scores stay in time order
    return [key_date for _, key_date in scored[:limit]]


def find_date(knowledge: Knowledge, date_id: str) -> KeyDate | None:
    return next((d for d in knowledge.dates if d.id == date_id), None)
