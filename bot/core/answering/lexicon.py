"""The normaliser's word lists: the core's general vocabulary (bot/core/answering/data/lexicon.yaml, which
says what each list is, and what belongs there rather than in a knowledge's own lexicon.yaml), and the
one rule that adds a knowledge's own names to it (`merged`).

Data only: never a copy of an evaluation question, and never a synonym that turns an everyday word
into an article word.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from bot.core.knowledge.lexicon import Lexicon, load_lexicon

DATA_PATH = Path(__file__).with_name("data") / "lexicon.yaml"

_data = yaml.load(DATA_PATH.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

COUNTRY_VARIANTS: dict[str, str] = dict(_data["country_variants"])  # applied before a knowledge's variants
VARIANTS: dict[str, str] = dict(_data["variants"])  # general words: applied after them
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


@lru_cache(maxsize=32)
def merged(own: Lexicon = Lexicon()) -> Lexicon:
    """The lexicon a knowledge is read with: the core's, plus the knowledge's own (its lexicon.yaml).

    Variants run country_variants -> the knowledge's -> the core's general variants: a name may hold a
    country ("US Chamber of Commerce", once "US" reads "usa") and a general word may be part of a name
    ("Chip 4" must be read before "chips"). Glossary terms apply longest first, so their order is
    immaterial; a term in both files reads as the knowledge says."""
    variants = (*COUNTRY_VARIANTS.items(), *own.variants, *VARIANTS.items())
    return Lexicon(variants, tuple({**KOREAN_GLOSSARY, **dict(own.korean_glossary)}.items()))


@lru_cache(maxsize=1)
def bundled() -> Lexicon:
    """The default lexicon: the core's with the bundled knowledge's (knowledge/lexicon.yaml), for
    normalising text that no particular knowledge is being served for."""
    from bot.settings import BUNDLED_KNOWLEDGE

    return merged(load_lexicon(BUNDLED_KNOWLEDGE.parent)[0])
