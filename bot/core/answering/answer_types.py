"""Answer-type checks: an answer must hold the detail the question asks for.

"What was the exact day of the summit?" is not answered by "August 2023"; "What are the leaders'
names?" is not answered by "the leaders of South Korea, the U.S. and Japan". The question patterns
are data (bot/core/answering/data/answer_types.yaml); the tests an answer must pass are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.core.knowledge.faq import Knowledge

DATA_PATH = Path(__file__).with_name("data") / "answer_types.yaml"

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY_DATE = re.compile(rf"\b{_MONTH}\.? ?\d{{1,2}}\b|\b\d{{1,2}} {_MONTH}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ISO = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
_DAY_AFTER_MONTH = re.compile(rf"\b{_MONTH}\.? ?\d{{1,2}}\b", re.IGNORECASE)
_NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
                           r"thousands?|millions?|billions?|several|both)\b", re.IGNORECASE)

#: What each missing detail is called when the bot says what the article does not give.
DESCRIPTIONS = {
    "exact_day": "the exact day",
    "name": "the names of the people",
    "count": "that number",
    "cost": "that amount",
    "reaction": "that reaction",
}


@dataclass(frozen=True, slots=True)
class Detail:
    name: str
    holds: str
    asks: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    details: tuple[Detail, ...]
    reaction_words: re.Pattern[str]
    money_words: re.Pattern[str]
    focus: re.Pattern[str]
    generic_focus: frozenset[str]


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA_PATH) -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    details = tuple(Detail(name, spec["holds"], tuple(re.compile(p, re.IGNORECASE) for p in spec["asks"]))
                    for name, spec in data.items() if isinstance(spec, dict))
    return Rules(details, re.compile(data["reaction_words"], re.IGNORECASE),
                 re.compile(data["money_words"], re.IGNORECASE), re.compile(data["focus"], re.IGNORECASE),
                 frozenset(data["generic_focus"].split()))


def focus_word(question: str, *, rules: Rules | None = None) -> str | None:
    """The word a which/what/how question asks about ("which sea" -> "sea"), unless it is generic."""
    rules = rules or load_rules()
    match = rules.focus.search(question.lower())
    if not match:
        return None
    word = match.group(1) or match.group(2)
    return None if word in rules.generic_focus else word


def asked_detail(question: str, *, rules: Rules | None = None) -> str | None:
    """The detail a question asks for (exact_day, name, count, cost, reaction), or None."""
    rules = rules or load_rules()
    text = question.lower()
    for detail in rules.details:
        if any(p.search(text) for p in detail.asks):
            return detail.name
    return None


def people(knowledge: Knowledge) -> tuple[str, ...]:
    """The people the knowledge names (the article's author; more when the front matter lists them)."""
    return tuple(p for p in (knowledge.article.author,) if p)


def _has_count(text: str) -> bool:
    stripped = _ISO.sub(" ", _DAY_AFTER_MONTH.sub(" ", _YEAR.sub(" ", text)))
    return bool(re.search(r"\d", stripped) or _NUMBER_WORDS.search(stripped))


def holds(test: str, answer: str, *, people: tuple[str, ...] = (), rules: Rules | None = None) -> bool:
    rules = rules or load_rules()
    if test == "day_date":
        return bool(_DAY_DATE.search(answer))
    if test == "person_name":
        return any(person.lower() in answer.lower() for person in people)
    if test == "count":
        return _has_count(answer)
    if test == "money":
        return bool(rules.money_words.search(answer))
    if test == "reaction":
        return bool(rules.reaction_words.search(answer))
    raise ValueError(f"unknown answer test {test!r}")


def missing(detail: str | None, answer: str, *, people: tuple[str, ...] = (), rules: Rules | None = None) -> str | None:
    """`detail` when `answer` does not hold it, else None."""
    if detail is None:
        return None
    rules = rules or load_rules()
    for d in rules.details:
        if d.name == detail:
            return None if holds(d.holds, answer, people=people, rules=rules) else detail
    return None
