"""The one text normaliser every part shares: cleaning, spaces, grouping keys, ids, stopwords.

The answering side builds its tokens on `clean`; the editing and state sides compare and group
questions with `group_key` and make ids with `slug`, so all of them read a text the same way.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: Longer questions are cut here before anything reads them: no question needs more, and it bounds the work.
MAX_CHARS = 500

STOPWORDS: frozenset[str] = frozenset(
    word for line in (Path(__file__).with_name("stopwords.txt")).read_text(encoding="utf-8").splitlines()
    if not line.startswith("#") for word in line.split())

_SPACE = {"Cc", "Cs", "Co", "Cn"}  # control and unusable characters separate words
_DELETE = {"Cf"}  # format characters (zero-width space and joiners, soft hyphen, BOM, bidi marks) sit inside words
# Chat markup that is not part of the question: user/role/channel mentions, @everyone/@here, custom emoji.
_CHAT_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def collapse_spaces(text: str) -> str:
    """Runs of whitespace to one space, ends stripped (how quotes are compared)."""
    return _SPACES.sub(" ", text).strip()


def clean(text: str) -> str:
    """NFKC, no control or zero-width characters, no chat mentions, spaces collapsed, length capped."""
    text = text[: MAX_CHARS * 4]
    if not (text.isascii() and text.isprintable()):  # plain ASCII needs neither step
        text = unicodedata.normalize("NFKC", text)
        text = "".join(" " if (cat := unicodedata.category(ch)) in _SPACE else "" if cat in _DELETE else ch
                       for ch in text)
    text = _CHAT_MARKUP.sub(" ", text)
    return " ".join(text.split())[:MAX_CHARS]


def group_key(question: str) -> str:
    """How questions are grouped and phrasings compared: cleaned, case-folded, punctuation dropped."""
    return collapse_spaces(_PUNCTUATION.sub(" ", clean(question).casefold()))


def slug(question: str, max_words: int = 6) -> str:
    """An id from a question: 'Where does the club meet?' -> 'club-meet' (ASCII words, stopwords dropped)."""
    ascii_text = unicodedata.normalize("NFKD", group_key(question)).encode("ascii", "ignore").decode()
    words = _ASCII_WORD.findall(ascii_text)
    kept = [w for w in words if w not in STOPWORDS] or words
    return "-".join(kept[:max_words])[:48].strip("-") or "entry"
