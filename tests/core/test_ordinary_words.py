"""Single everyday words, and "what about X", never get an answer when the article doesn't use the word.

The words are data (tests/data/ordinary_words.txt). A word list or synonym that maps an everyday word
onto an article word ("own" -> standalone, "past" -> beyond) would make one of these answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answering.answer import VAGUE

from bot.core.text import group_key
from bot.core.knowledge.article import METADATA_KEYS

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "ordinary_words.txt"


def ordinary_words(bundled_knowledge) -> list[str]:
    """The listed words the article does not write (its text and its header's fields). A word that only
    stems like one of the article's counts as not written ("part": the article says "parts")."""
    article = bundled_knowledge.article
    written: set[str] = set()
    for text in (article.title, *(s.text for s in article.sentences()), " ".join(METADATA_KEYS)):
        written |= set(group_key(text).split())  # sentence by sentence: a text is read up to MAX_CHARS
    words = [w.strip() for w in WORDS_FILE.read_text(encoding="utf-8").splitlines() if w.strip() and w[0] != "#"]
    return [w for w in words if not set(group_key(w).split()) & written]


def test_the_word_list_still_has_teeth(bundled_knowledge):
    assert len(ordinary_words(bundled_knowledge)) >= 250


@pytest.mark.parametrize("frame", ["{}", "what about {}", "{}?", "tell me about {}"])
def test_ordinary_words_never_answer(answerer, bundled_knowledge, frame):
    answered = [frame.format(w) for w in ordinary_words(bundled_knowledge) if answerer.ask(frame.format(w)).answered]
    assert answered == []


def test_a_word_the_article_uses_still_answers(answerer):
    assert answerer.ask("dokdo").answered


def test_a_word_that_only_stems_like_the_articles_gets_suggestions(answerer):
    """The article says "parts", never "part": "part" is an everyday word, offered as suggestions only."""
    for question in ("part", "what about part"):
        answer = answerer.ask(question)
        assert not answer.answered and answer.reason == VAGUE and answer.suggestions, question
    assert answerer.ask("parts").answered


def test_a_lexicon_term_for_an_article_word_still_answers(answerer):
    """"drills" is the lexicon's word for the article's "exercises"; Korean is glossed the same way."""
    assert answerer.ask("drills").answered
    assert answerer.ask("독도는").entry_id == "dokdo-conflict"
