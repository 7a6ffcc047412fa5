"""The normaliser's word lists, loaded from data (bot/core/answering/data/lexicon.yaml, which says what each is).

Data only, general vocabulary: spellings and abbreviations of the subject's names, the Korean
glossary, stopwords and question words; never a copy of an evaluation question, and never a
synonym that turns an everyday word into an article word.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA_PATH = Path(__file__).with_name("data") / "lexicon.yaml"

_data = yaml.load(DATA_PATH.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

VARIANTS: dict[str, str] = dict(_data["variants"])
KOREAN_GLOSSARY: dict[str, str] = dict(_data["korean_glossary"])
KOREAN_PARTICLES: tuple[str, ...] = tuple(_data["korean_particles"].split())
KOREAN_STOPWORDS: frozenset[str] = frozenset(_data["korean_stopwords"].split())
KOREAN_PREDICATE_ENDINGS: tuple[str, ...] = tuple(_data["korean_predicate_endings"].split())
KOREAN_PREDICATE_STEMS: tuple[str, ...] = tuple(_data["korean_predicate_stems"].split())
QUALIFIERS: frozenset[str] = frozenset(_data["qualifiers"].split())
QUESTION_TYPES: tuple[tuple[str, str], ...] = tuple((name, pattern) for name, pattern in _data["question_types"])

# Korean date forms: "10월 22일" -> "october 22"; "2023년" -> "2023" (the calendar, not a word list).
KOREAN_MONTHS = {i: m for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}

del _data
