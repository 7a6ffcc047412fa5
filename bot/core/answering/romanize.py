"""Korean in Latin letters: how members type a Korean word on a keyboard without Hangul ("bukhan" for
북한, "ilbon" for 일본, "bandoche" for 반도체).

Revised Romanization, syllable by syllable from the Unicode decomposition of each Hangul syllable (the
calendar-like part of the language, not a word list), with the spellings people commonly use beside
it ("o" for "eo": "rosia", "seoul" as "soul"; "u" for "eu"). Sound changes across syllables are left out:
the matcher's speller bridges the small differences they make ("junguk" for "jungguk").
"""

from __future__ import annotations

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
