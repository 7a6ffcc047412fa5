"""Bad input never raises: ask() always returns a well-formed Answer (an answer, an abstention or a clear message)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering.answer import EMPTY, FACT, MATCHED, NOT_IN_ARTICLE, VAGUE, Answer


def well_formed(answer: Answer, question: str) -> None:
    assert isinstance(answer, Answer)
    assert answer.question == question
    assert isinstance(answer.answered, bool)
    assert isinstance(answer.answer, str) and answer.answer.strip()
    assert answer.reason in {MATCHED, FACT, NOT_IN_ARTICLE, EMPTY, VAGUE}
    assert len(answer.suggestions) <= 3
    assert 0.0 <= answer.score <= 100.0 + 1e-9
    if answer.answered:
        assert answer.reason in {MATCHED, FACT}
    else:
        assert answer.entry_id is None and answer.source is None
    data = answer.to_dict()
    assert data["answered"] is answer.answered and len(data["suggestions"]) == len(answer.suggestions)


BAD = {
    "empty": "",
    "spaces": "     ",
    "whitespace": " \t\n\r\x0b\x0c ",
    "nbsp": "\u00a0\u2003\u3000",
    "control": "\x00\x01\x02when\x07 was\x1b[31m camp david\x7f?",
    "controls around words": "\x00when\x07 was the\x1f camp\x7f david summit?\x03",
    "only controls": "\x00\x01\x02\x03\x1b",
    "zero-width": "\u200b\u200c\u200d\ufeff\u2060",
    "zero-width around words": "\u200bwhen\u200b was\u200d the\ufeff camp david\u2060 summit?",
    "bidi controls": "\u202ewhen was the camp david summit\u202c",
    "emoji": "🤔🤔🤔",
    "emoji and question": "🇰🇷🇺🇸🇯🇵 when was the camp david summit? 👀",
    "zwj emoji": "👩\u200d👩\u200d👧\u200d👦",
    "arabic": "متى عقدت قمة كامب ديفيد؟",
    "hebrew": "מתי התקיימה פסגת קמפ דייוויד?",
    "arabic and english": "متى when was the camp david summit?",
    "mixed scripts": "Когда 캠프 데이비드 summit キャンプ 戴维营 when?",
    "cjk": "戴维营峰会是什么时候？",
    "markdown": "**when** was the _camp david_ summit? `code` ```block``` > quote ||spoiler|| [link](http://x.y)",
    "everyone": "@everyone @here when was the camp david summit",
    "mentions": "<@123456789> <#987654321> <@&555> <:emoji:123>",
    "url": "https://example.com/?q=camp+david&x=%00",
    "html": "<script>alert('x')</script>",
    "sql": "'; DROP TABLE questions; --",
    "format string": "{0} %s %(x)s {question!r}",
    "regex": "(((((((((( .* [ \\",
    "lone surrogate": "when was \ud800 the summit \udfff",
    "combining marks": "c\u0301a\u0302m\u0303p\u0304 " + "\u0300" * 500,
    "numbers": "9" * 5000,
    "korean numbers": "99월 99일 9999년",
    "newlines": "when\nwas\nthe\ncamp\ndavid\nsummit",
    "private use": "\ue000\uf8ff",
}


@pytest.mark.parametrize("question", list(BAD.values()), ids=list(BAD))
def test_bad_input_returns_an_answer(answerer, question):
    well_formed(answerer.ask(question), question)


@pytest.mark.parametrize("question", ["", "   ", "\t\n", "\u200b\u200b", "\x00\x01", "?!?!", "🤔"])
def test_nothing_to_answer_gets_the_empty_message(answerer, question):
    answer = answerer.ask(question)
    assert not answer.answered and answer.reason == EMPTY
    assert "question" in answer.answer.lower()


@pytest.mark.parametrize("name", ["zero-width around words", "bidi controls", "emoji and question", "controls around words",
                                  "newlines"])
def test_noise_around_a_good_question_does_not_hide_it(answerer, name):
    answer = answerer.ask(BAD[name])
    assert answer.answered and answer.entry_id == "camp-david-when"


def test_hundred_thousand_characters(answerer):
    for question in ("a" * 100_000, "when was the camp david summit? " * 3200, "캠프 " * 40_000,
                     "\u200b" * 100_000, "🤔" * 100_000):
        well_formed(answerer.ask(question), question)


@pytest.mark.parametrize("tail", [" who wrote the article?" * 5000, " " + "x" * 100_000, " 캠프" * 40_000],
                         ids=["another question", "one huge word", "korean"])
def test_long_question_still_answered_from_its_start(answerer, tail):
    """The bot reads a question's first MAX_CHARS characters (spaces collapsed) and nothing after: what
    follows can't change the answer, even another question (read, it would: see the next test). A question
    glued to one huge word is another matter: that word is read, and the bot abstains (test after next)."""
    from bot.core.answering.normalise import MAX_CHARS

    start = "when was the camp david summit?"
    head = start + " ?" * ((MAX_CHARS - len(start)) // 2 + 1)  # fills what the bot reads; '?' adds no word
    answer = answerer.ask(head + tail)
    well_formed(answer, head + tail)
    assert answer.answered and answer.entry_id == "camp-david-when"
    assert (answer.answer, answer.score) == (answerer.ask(start).answer, answerer.ask(start).score)


def test_what_follows_a_question_within_the_limit_is_read(answerer):
    """The counterpart: the same tail inside the limit changes the answer, so the limit is what keeps it out."""
    answer = answerer.ask("when was the camp david summit?" + " who wrote the article?" * 20)
    assert "Si-ho Park" in answer.answer  # the second question, read and answered too


def test_a_long_run_of_one_word_is_cut_where_the_bot_stops_reading(answerer):
    """A question glued to 100,000 letters reads like the question glued to the letters up to the limit."""
    from bot.core.answering.normalise import MAX_CHARS

    question = "when was the camp david summit? " + "x" * 100_000
    answer = answerer.ask(question)
    well_formed(answer, question)
    cut = answerer.ask(question[:MAX_CHARS])
    assert (answer.answered, answer.answer, answer.entry_id, answer.suggestions) == \
        (cut.answered, cut.answer, cut.entry_id, cut.suggestions)


def test_everyone_is_never_echoed_as_an_answer(answerer):
    answer = answerer.ask("@everyone")
    assert "@everyone" not in answer.answer
    assert not answer.answered


# --- property-based ---------------------------------------------------------------------------------

ANY_CHAR = st.characters(exclude_categories=())  # every category, surrogates and unassigned included


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ANY_CHAR, max_size=300))
def test_arbitrary_text_never_raises(answerer, question):
    well_formed(answerer.ask(question), question)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.text(alphabet=ANY_CHAR, min_size=2_000, max_size=20_000))
def test_long_arbitrary_text_never_raises(answerer, question):
    well_formed(answerer.ask(question), question)


WORDS = st.sampled_from(["camp", "david", "summit", "when", "where", "who", "north", "korea", "missile", "chip", "4",
                         "캠프", "데이비드", "언제", "북한", "미사일", "2023", "10월", "22일", "the", "US", "U.S.", "EV",
                         "drills", "?", "!", "@everyone", "**", "_", "\u200b", "🤔", "متى", "\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join))
def test_on_topic_word_salad_never_raises(answerer, question):
    well_formed(answerer.ask(question), question)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=ANY_CHAR, max_size=100))
def test_asking_is_deterministic(answerer, question):
    assert answerer.ask(question) == answerer.ask(question)
