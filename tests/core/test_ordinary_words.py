"""Single everyday words, and "what about X", never get an answer when the article doesn't use the word.

The words are data (tests/data/ordinary_words.txt). A word list or synonym that maps an everyday word
onto an article word ("own" -> standalone, "past" -> beyond) would make one of these answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answering.normalise import normalise
from bot.core.knowledge.article import METADATA_KEYS

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "ordinary_words.txt"


def ordinary_words(bundled_knowledge) -> list[str]:
    article = bundled_knowledge.article
    used: set[str] = set()
    for text in (article.title, *article.paragraphs, " ".join(METADATA_KEYS)):  # its text and its header's fields
        used |= set(normalise(text).tokens)
    words = [w.strip() for w in WORDS_FILE.read_text(encoding="utf-8").splitlines() if w.strip() and w[0] != "#"]
    return [w for w in words if not set(normalise(w).tokens) & used]


def test_the_word_list_still_has_teeth(bundled_knowledge):
    assert len(ordinary_words(bundled_knowledge)) >= 250


@pytest.mark.parametrize("frame", ["{}", "what about {}", "{}?", "tell me about {}"])
def test_ordinary_words_never_answer(answerer, bundled_knowledge, frame):
    answered = [frame.format(w) for w in ordinary_words(bundled_knowledge) if answerer.ask(frame.format(w)).answered]
    assert answered == []


def test_a_word_the_article_uses_still_answers(answerer):
    assert answerer.ask("dokdo").answered
