"""Korean in Latin letters: how members type a Korean word on a keyboard without Hangul ("bukhan" for
북한, "ilbon" for 일본, "bandoche" for 반도체).

Revised Romanization, syllable by syllable from the Unicode decomposition of each Hangul syllable (the
alphabet's own structure, not a word list), with the spellings people commonly use beside
it ("o" for "eo": "rosia", "seoul" as "soul"; "u" for "eu"). Sound changes across syllables are left out:
the matcher's speller bridges the small differences they make ("junguk" for "jungguk").
"""

from __future__ import annotations

from functools import lru_cache

from bot.core.text import STOPWORDS

_FIRST = 0xAC00
_LAST = 0xD7A3
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t")
#: Common informal spellings beside the official one: (official, informal).
_INFORMAL = (("eo", "o"), ("eu", "u"))


def _syllable(ch: str) -> str:
    index = ord(ch) - _FIRST
    return _INITIALS[index // 588] + _VOWELS[(index % 588) // 28] + _FINALS[index % 28]


def is_hangul_word(text: str) -> bool:
    return bool(text) and all(_FIRST <= ord(ch) <= _LAST for ch in text)


def romanizations(word: str) -> tuple[str, ...]:
    """A Hangul word's Latin spellings: the Revised Romanization first, then the informal ones
    (none for a word with anything but Hangul syllables)."""
    if not is_hangul_word(word):
        return ()
    official = "".join(_syllable(ch) for ch in word)
    spellings = [official]
    for old, new in _INFORMAL:
        informal = spellings[-1].replace(old, new)
        if informal not in spellings:
            spellings.append(informal)
    return tuple(spellings)


#: A Latin spelling of a Korean term shorter than this is too likely an English word or a typo.
MIN_ROMANIZED = 4


def romanized_variants(glossary: dict[str, str], spelled: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    """A glossary's Korean terms as members type them in Latin letters ("bukhan" -> north_korea), to be
    read like the Hangul. Left out: a spelling that is an English word (the encoder's vocabulary:
    "soul" is not 서울 here), a stopword, one the lexicon's variants already spell (`spelled`), or one
    two terms share."""
    taken = english_words() | STOPWORDS | spelled
    found: dict[str, set[str]] = {}
    for term, canonical in glossary.items():
        for spelling in romanizations(term):
            if len(spelling) >= MIN_ROMANIZED and spelling not in taken:
                found.setdefault(spelling, set()).add(canonical)
    return tuple((spelling, canonicals.pop()) for spelling, canonicals in found.items() if len(canonicals) == 1)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole English words the sentence encoder's vocabulary holds."""
    from bot.core.answering.encoder import VOCAB_PATH

    return frozenset(w for w in VOCAB_PATH.read_text(encoding="utf-8").split() if w.isalpha() and w.isascii())
