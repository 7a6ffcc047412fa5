"""Question text -> a normalised form the matcher compares: canonical tokens, numbers, question type.

The same function normalises members' questions and the FAQ's phrasings, so both sides meet in
one vocabulary: Unicode NFKC, case-folded, punctuation and spacing cleaned, variants and
abbreviations canonicalised (US / U.S. / America -> usa; DPRK / NK -> north_korea; drills ->
exercise), Korean terms mapped to the same English tokens through a glossary, light stemming.

The word lists are a Lexicon (bot.core.answering.lexicon): the core's general vocabulary merged with
one knowledge's own names. The answering pipeline passes the served knowledge's; called without one,
these functions read the bundled knowledge's (lexicon.bundled()).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz, process

from bot.core.answering import lexicon
from bot.core.answering.romanize import romanized_variants
from bot.core.knowledge.lexicon import Lexicon
from bot.core.text import MAX_CHARS, STOPWORDS, clean  # noqa: F401  (MAX_CHARS, clean: this module's API too)

_MONTHS = tuple(lexicon.KOREAN_MONTHS.values())
_MONTH_ABBREVIATIONS = {m[:3]: m for m in _MONTHS} | {"sept": "september"}
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[a-z]")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex ('a|b(c|d)|e' -> ['a', 'b(c|d)', 'e'])."""
    parts, depth, start, escaped = [], 0, 0, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


def _spellings(alternative: str) -> tuple[str, ...]:
    """The plain words an alternative spells: 'summit' -> summit; 'funds?' -> fund, funds; else none."""
    if _LITERAL.fullmatch(alternative):
        return (alternative,)
    if _LITERAL.fullmatch(alternative[:-2]) and alternative[-1] == "?" and "a" <= alternative[-2] <= "z":
        return alternative[:-2], alternative[:-1]
    return ()


def _triggers(pattern: str) -> frozenset[str] | None:
    """Word beginnings (one or two letters) one of which a text must have for `pattern` to match it;
    None when some alternative does not start with a plain letter (then the pattern always runs)."""
    out = set()
    for alternative in _alternatives(pattern):
        prefix = ""
        for i, ch in enumerate(alternative[:2]):
            if not ("a" <= ch <= "z") or alternative[i + 1: i + 2] in ("?", "*", "{"):
                break
            prefix += ch
        if not prefix:
            return None
        out.add(prefix)
    return frozenset(out)


class _Rules:
    """A lexicon compiled: its variant patterns (each with the first letters a text needs for it to
    run), its glossary as one pattern (longest term first), and the plain words its variants spell."""

    def __init__(self, lex: Lexicon):
        self.glossary = dict(lex.korean_glossary)
        terms = sorted(self.glossary, key=len, reverse=True)
        self.korean = re.compile("|".join(re.escape(t) for t in terms) if terms else "(?!)")
        # The glossary's terms as typed in Latin letters ("bukhan" for 북한) read as the terms do, after
        # every listed variant.
        listed = frozenset(_literals(lex.variants))
        self.romanized = dict(romanized_variants(self.glossary, listed))
        variants = (*lex.variants, *self.romanized.items())
        # ASCII word boundaries: a Korean particle glued to a word ("Chip 4가") must not block it.
        self.variants = [(re.compile(rf"(?<![a-z0-9_])(?:{pattern})(?![a-z0-9_])"), canonical, _triggers(pattern))
                         for pattern, canonical in variants]
        spellings = sorted(self.romanized, key=len, reverse=True)
        self.latin_korean = re.compile(rf"(?<![a-z])(?:{'|'.join(spellings) or '(?!)'})(?![a-z])", re.IGNORECASE)
        self.literals = (*_literals(lex.variants), *self.romanized)


def _literals(variants) -> tuple[str, ...]:
    """The plain words the variants' patterns spell ("funds?" -> fund, funds)."""
    return tuple(spelling for pattern, _ in variants for alt in _alternatives(pattern) for spelling in _spellings(alt))


@lru_cache(maxsize=32)
def _rules(lex: Lexicon | None) -> _Rules:
    return _Rules(lex if lex is not None else lexicon.bundled())


def _beginnings(text: str) -> set[str]:
    words = _WORD_START.findall(text)
    return {w[:1] for w in words} | {w[:2] for w in words}


def _apply_variants(text: str, variants: list[tuple[re.Pattern[str], str, frozenset[str] | None]]) -> str:
    """Every variant replacement in order, skipping patterns whose first letters the text lacks
    (most of them, for most texts: this is what keeps indexing 100,000 entries quick)."""
    beginnings = _beginnings(text)
    for pattern, canonical, triggers in variants:
        if triggers is not None and beginnings.isdisjoint(triggers):
            continue
        replaced = pattern.sub(canonical, text)
        if replaced != text:
            text = replaced
            beginnings = _beginnings(text)
    return text


_KOREAN_DATE = re.compile(r"(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?")
_KOREAN_YEAR = re.compile(r"(\d{4})\s*년")
_MONTH_ABBREV = re.compile(r"\b(" + "|".join(_MONTH_ABBREVIATIONS) + r")\.?\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_NUMBER_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_LITERAL = re.compile(r"[a-z ]+")
_WORD_START = re.compile(r"(?<![a-z0-9_])[a-z]+")
_WORD = re.compile(r"(?<![a-z0-9'])[a-z]+(?![a-z0-9])")
HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]")
_TOKEN = re.compile(r"[a-z0-9_]+|[\uac00-\ud7a3]+")
_QUESTION_TYPES = [(name, re.compile(pattern)) for name, pattern in lexicon.QUESTION_TYPES]
_UPPER_US = re.compile(r"(?<![A-Za-z])US(?![A-Za-z])")  # "US" in capitals is the country, "us" a pronoun


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str  # canonical, space-joined content tokens (what rapidfuzz compares)
    tokens: tuple[str, ...]  # content tokens, stemmed, in order
    numbers: frozenset[str]  # numbers the question names (years, days, counts)
    qtype: str | None  # count | when | where | who | None
    lang: str  # en | ko | mixed | none
    token_set: frozenset[str] = frozenset()  # the tokens as a set (for overlap tests)


def language(text: str) -> str:
    hangul = bool(_HANGUL.search(text))
    latin = bool(_LATIN.search(text.lower()))
    if hangul and latin:
        # Latin loanwords in a Korean sentence (Chip 4, FKI) still make it mixed.
        return "mixed"
    return "ko" if hangul else ("en" if latin else "none")


def _korean_to_english(text: str, rules: _Rules) -> str:
    text = _KOREAN_YEAR.sub(r" \1 ", text)

    def date(match: re.Match[str]) -> str:
        month = int(match.group(1))
        if not 1 <= month <= 12:
            return match.group(0)
        day = match.group(2)
        return f" {lexicon.KOREAN_MONTHS[month]} {day or ''} "

    text = _KOREAN_DATE.sub(date, text)
    return rules.korean.sub(lambda m: f" {rules.glossary[m.group(0)]} ", text)


def _strip_particle(word: str) -> str:
    for particle in lexicon.KOREAN_PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    return word


def _is_korean_stop(word: str) -> bool:
    return (len(word) < 2 or word in lexicon.KOREAN_STOPWORDS or word in lexicon.KOREAN_PARTICLES
            or word.endswith(lexicon.KOREAN_PREDICATE_ENDINGS) or word.startswith(lexicon.KOREAN_PREDICATE_STEMS))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light, consistent English stemmer: enough to meet 'launches' with 'launch'."""
    if len(word) <= 3 or not word.isascii() or "_" in word or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ness", ""), ("ments", "ment"),
                         ("ingly", ""), ("edly", ""), ("ment", ""), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + repl
            break
    if word.endswith("e") and len(word) > 3:  # "face" and "facing" both become "fac"
        word = word[:-1]
    return word


def question_type(text: str) -> str | None:
    for name, pattern in _QUESTION_TYPES:
        if pattern.search(text):
            return name
    return None


class Speller:
    """Reads a misspelt word as the closest word the knowledge uses ("missle" -> "missile").

    Built from the knowledge's own words plus its lexicon's, so a correction can only land on a
    word that means something here; stopwords are known words too, so they are never "corrected".
    """

    def __init__(self, texts: Iterable[str], *, cutoff: float = 82.0, min_length: int = 4,
                 lexicon: Lexicon | None = None):
        words: set[str] = set(STOPWORDS)
        for text in (*texts, *_rules(lexicon).literals):  # a variant's plain spellings, never pieces of its regex
            words.update(_WORD.findall(clean(text).lower()))
        self.words = frozenset(words)
        # Typos rarely change a word's first letter; keeping to it also stops real words being
        # "corrected" into knowledge words that merely rhyme ("hosted" is not "posted").
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(self.words):
            if len(word) >= min_length - 1:
                self._by_initial.setdefault(word[0], []).append(word)
        self.cutoff = cutoff
        self.min_length = min_length
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def _correct(self, word: str) -> str:
        if word in self.words or len(word) < self.min_length:
            return word
        choices = self._by_initial.get(word[0], ())
        found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return found[0] if found else word

    def __call__(self, text: str) -> str:
        return _WORD.sub(lambda m: self.correct(m.group(0)), text)


def normalise(raw: str, speller: Speller | None = None, lexicon: Lexicon | None = None) -> Normalised:
    """Normalise one question or phrasing with `lexicon` (default: the bundled one). Never raises, whatever the text."""
    rules = _rules(lexicon)
    text = _UPPER_US.sub("usa", clean(raw)).lower().replace("_", " ")  # markdown _italic_ and __bold__ are not words
    if speller is not None:
        text = speller(text)
    lang = language(text)
    if lang in ("ko", "mixed"):
        text = _korean_to_english(text, rules)
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _NUMBER_GROUPS.sub("", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _MONTH_ABBREV.sub(lambda m: _MONTH_ABBREVIATIONS[m.group(1)], text)
    text = re.sub(r"'s\b", "", text)
    text = _apply_variants(text, rules.variants)
    qtype = question_type(text)
    tokens: list[str] = []
    numbers: set[str] = set()
    for word in _TOKEN.findall(text):
        if _HANGUL.match(word):
            word = _strip_particle(word)
            if not _is_korean_stop(word):
                tokens.append(word)  # a Korean word the glossary lacks: matched as is
            continue
        if word in STOPWORDS:
            continue
        if word.isdigit():
            numbers.add(word.lstrip("0") or "0")
        tokens.append(stem(word))
    return Normalised(" ".join(tokens), tuple(tokens), frozenset(numbers), qtype, lang, frozenset(tokens))


_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")


def gloss(raw: str, lexicon: Lexicon | None = None) -> str:
    """The text a sentence encoder reads: Korean terms, in Hangul or typed in Latin letters, glossed into
    English through the glossary and other Hangul dropped (the encoder knows English only)."""
    rules = _rules(lexicon)
    text = rules.latin_korean.sub(lambda m: " " + rules.romanized[m.group(0).lower()].replace("_", " ") + " ",
                                  clean(raw))
    if not _HANGUL.search(text):
        return " ".join(text.split())
    text = _korean_to_english(text, rules)
    text = _HANGUL_RUN.sub(" ", text).replace("_", " ")
    return " ".join(text.split())
