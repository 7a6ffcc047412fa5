"""Answering on the bundled knowledge: answer, suggest, abstain, the fact-base fallback, answer_entry, to_dict.

The questions are our own phrasings (none copied from the dev set), in English, informal, with typos,
as keywords, in Korean and mixed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.answering.answer import (
    EMPTY,
    FACT,
    MATCHED,
    NOT_IN_ARTICLE,
    NOT_IN_ARTICLE_TEXT,
    UNSURE_TEXT,
    Answer,
    Answerer,
    describe_source,
)
from bot.core.knowledge.faq import load_knowledge

ARTICLE = Path(__file__).resolve().parents[2] / "knowledge" / "article.md"


def paragraphs() -> dict[int, str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return {int(m.group(1)): " ".join(m.group(2).split()) for m in re.finditer(r"^\[(\d+)\] (.*)$", text, re.MULTILINE)}


def assert_sourced(answer: Answer, paragraph: int) -> None:
    assert answer.source is not None
    assert answer.source.paragraph == paragraph
    if paragraph:
        assert " ".join(answer.source.quote.split()) in paragraphs()[paragraph]


# (question, entry id, source paragraph, a fact the answer must state): answered with confidence
ANSWERED = [
    # English
    ("In what city did the Indo-Pacific Dialogue take place?", "indo-pacific-dialogue-place", 4, r"Washington"),
    ("What groups did the FKI want to hold business summits with?", "fki-business-summits", 10,
     r"Japan Business Federation.*Chamber of Commerce"),
    ("who took part in the first air exercise", "aerial-exercise-participants", 3, r"air forces"),
    # informal
    ("who wrote this piece", "article-author", 0, r"Si-ho Park"),
    ("how many likes did the story get", "article-likes", 0, r"\b1 like"),
    # keywords
    ("aerial exercise date", "aerial-exercise-date", 3, r"October 22"),
    # Korean
    ("캠프 데이비드에서 정상회의가 열린 게 언제야?", "camp-david-when", 2, r"August 2023"),
    ("독도 문제는 어떻게 됐어?", "dokdo-conflict", 11, r"Dokdo"),
    ("북한 미사일 경보 공유는 언제 시작했어?", "missile-data-start", 3, r"December 2023"),
    # mixed
    ("Camp David summit 언제 했어?", "camp-david-when", 2, r"August 2023"),
    ("Chip 4 동맹이 뭐야?", "chip4-what", 9, r"Chip 4"),
]

# Phrasings the decision is less sure of: answered with the right entry, or offered it first as
# "did you mean" (one click away), never answered with another entry.
OFFERED = [
    ("When did the leaders of the three countries meet at Camp David?", "camp-david-when"),
    ("which issue is this story in", "article-issue-number"),
    ("why did the three countries team up", "cooperation-purpose"),
    ("when did they strat sharing missle warning data", "missile-data-start"),
    ("indo pacific dialogue location", "indo-pacific-dialogue-place"),
]


@pytest.mark.parametrize("question, entry_id, paragraph, fact", ANSWERED, ids=[q for q, *_ in ANSWERED])
def test_answered_with_the_right_entry_and_source(answerer, bundled_knowledge, question, entry_id, paragraph, fact):
    answer = answerer.ask(question)
    assert answer.answered, answer
    assert answer.reason == MATCHED
    assert answer.entry_id == entry_id
    assert answer.question == question
    entry = bundled_knowledge.entry(entry_id)
    assert answer.answer == entry.answer and answer.question_matched == entry.question
    assert re.search(fact, answer.answer)
    assert answer.source == entry.source
    assert_sourced(answer, paragraph)
    assert answer.score >= 100 * answerer.decision.answer_at
    assert answer.suggestions == ()


@pytest.mark.parametrize("question, entry_id", OFFERED, ids=[q for q, _ in OFFERED])
def test_right_entry_answered_or_offered_first(answerer, question, entry_id):
    answer = answerer.ask(question)
    if answer.answered:
        assert answer.entry_id == entry_id
    else:
        assert answer.suggestions and answer.suggestions[0].entry_id == entry_id, answer


def test_a_sentence_of_the_article_can_answer(answerer):
    answer = answerer.ask("미국이랑 일본이랑 한국이 언제 공중훈련 했어?")
    assert answer.answered and "October 22" in answer.answer
    assert_sourced(answer, 3)


def test_inferred_year_is_never_given_as_stated(answerer):
    for question in ("when was the first trilateral air drill", "what happened on december 9"):
        answer = answerer.ask(question)
        assert answer.answered
        assert re.search(r"October 22|December 9", answer.answer)
        assert not re.search(r"(October 22|December 9),? 20\d\d", answer.answer)


# --- suggestions ------------------------------------------------------------------------------------


def test_close_but_not_confident_gives_suggestions(answerer, bundled_knowledge):
    answer = answerer.ask("When did the air forces start?")
    assert not answer.answered
    assert answer.reason == NOT_IN_ARTICLE and answer.entry_id is None and answer.source is None
    assert answer.answer == UNSURE_TEXT  # not "the article doesn't say": it may well say
    assert 1 <= len(answer.suggestions) <= answerer.config.max_suggestions <= 3
    assert answer.suggestions[0].entry_id == "aerial-exercise-date"
    for s in answer.suggestions:
        entry = bundled_knowledge.entry(s.entry_id)
        assert entry is not None and s.question == entry.question
        assert 100 * answerer.decision.suggest_at <= s.score < 100 * answerer.decision.answer_at


def test_picking_a_suggestion_answers_it(answerer):
    suggestion = answerer.ask("When did the air forces start?").suggestions[0]
    picked = answerer.answer_entry(suggestion.entry_id)
    assert picked.answered and picked.entry_id == suggestion.entry_id and picked.reason == MATCHED


# --- abstaining -------------------------------------------------------------------------------------

OFF_TOPIC = ["What is the capital of France?", "who won the world cup", "how do I bake bread",
             "오늘 날씨 어때?", "recommend me a good movie"]
NEAR_MISSES = [
    "When was the Camp David summit in 2021?",  # a different year
    "where was the camp david summit held in 2019",
    "When did the navies hold their first joint naval drill?",  # a different kind of exercise
    "Who is the prime minister of Japan?",  # people the article does not name
    "What is the name of the South Korean president?",
    "How many soldiers took part in the aerial exercise?",  # numbers the article does not give
    "How many missiles did North Korea launch?",
]


@pytest.mark.parametrize("question", OFF_TOPIC + NEAR_MISSES)
def test_abstains_when_the_article_does_not_answer(answerer, question):
    answer = answerer.ask(question)
    assert not answer.answered, (answer.entry_id, answer.answer)
    assert answer.reason == NOT_IN_ARTICLE
    assert answer.answer in (NOT_IN_ARTICLE_TEXT, UNSURE_TEXT) or answer.answer.startswith("The article doesn't give")
    assert answer.entry_id is None and answer.source is None
    assert len(answer.suggestions) <= 3


def test_a_count_the_article_lacks_is_never_answered_with_a_related_entry(answerer):
    [attempt] = answerer.attempts(answerer.plan("How many soldiers took part in the aerial exercise?"))
    assert not attempt.answer.answered  # not even above the cut-off: the answer holds no number
    assert "doesn't give that number" in attempt.answer.answer


@pytest.mark.parametrize("question", ["When was the South Korean air force founded?",
                                      "When did the U.S. air force start?"])
def test_founding_of_an_air_force_is_not_in_the_article(answerer, question):
    assert not answerer.ask(question).answered


@pytest.mark.xfail(strict=True, reason="known confident wrong answer: 'readers' pulls the views entry above likes")
def test_likes_question_mentioning_readers_is_about_likes(answerer):
    answer = answerer.ask("How many times have readers liked the article?")
    assert answer.entry_id != "article-views"
    assert "article-views" not in [s.entry_id for s in answer.suggestions][:1]


def test_empty_question(answerer):
    for text in ("", "   ", "\n\t", "?!..."):
        answer = answerer.ask(text)
        assert not answer.answered and answer.reason == EMPTY
        assert answer.answer and "question" in answer.answer.lower()


def test_stopwords_only_is_not_answered(answerer):
    answer = answerer.ask("what is it?")
    assert not answer.answered and answer.reason == NOT_IN_ARTICLE


def test_non_string_is_read_as_text(answerer):
    answer = answerer.ask(2023)
    assert isinstance(answer, Answer) and answer.question == "2023"


# --- answer_entry -------------------------------------------------------------------------------------


def test_answer_entry(answerer, bundled_knowledge):
    entry = bundled_knowledge.entry("dokdo-conflict")
    answer = answerer.answer_entry("dokdo-conflict")
    assert answer.answered and answer.reason == MATCHED
    assert (answer.question, answer.answer, answer.entry_id, answer.question_matched, answer.source) == (
        entry.question, entry.answer, entry.id, entry.question, entry.source)
    assert answer.score == 100.0
    asked = answerer.answer_entry("dokdo-conflict", question="is dokdo sorted?", score=70.0)
    assert asked.question == "is dokdo sorted?" and asked.score == 70.0


def test_answer_entry_unknown_id(answerer):
    answer = answerer.answer_entry("no-such-entry")
    assert not answer.answered and answer.reason == NOT_IN_ARTICLE and answer.entry_id is None


# --- to_dict ------------------------------------------------------------------------------------------

KEYS = ["question", "answered", "answer", "entry_id", "question_matched", "score", "source", "suggestions"]


def test_to_dict_of_an_answer(answerer):
    data = answerer.ask("In what city did the Indo-Pacific Dialogue take place?").to_dict()
    assert list(data) == KEYS
    assert data["answered"] is True and data["entry_id"] == "indo-pacific-dialogue-place"
    assert set(data["source"]) == {"paragraph", "quote"} and data["source"]["paragraph"] == 4
    assert isinstance(data["score"], float) and data["score"] == round(data["score"], 2)
    assert data["suggestions"] == []
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_to_dict_of_an_abstention_with_suggestions(answerer):
    answer = answerer.ask("When did the air forces start?")
    data = answer.to_dict()
    assert list(data) == KEYS
    assert data["answered"] is False and data["entry_id"] is None and data["source"] is None
    assert data["question_matched"] is None
    assert [s["entry_id"] for s in data["suggestions"]] == [s.entry_id for s in answer.suggestions]
    assert all(set(s) == {"entry_id", "question", "score"} for s in data["suggestions"])


def test_describe_source(bundled_knowledge):
    from bot.core.knowledge.faq import Source

    assert describe_source(bundled_knowledge, Source(3, "x")) == "Paragraph 3"
    assert describe_source(bundled_knowledge, Source(0, "Si-ho Park")) == "Article header"
    assert "not from the article" in describe_source(bundled_knowledge, None)


# --- the fact base: article sentences answer what no entry covers --------------------------------------

FEW_ENTRIES = """\
version: 1
article: article.md
entries:
  - id: summit-venue
    question: "Where did the three leaders hold their first stand-alone summit?"
    answer: "At Camp David."
    source:
      paragraph: 2
      quote: "first stand-alone summit at Camp David"
  - id: club-meetings
    question: "When does the newspaper club meet?"
    answer: "Every Tuesday after school."
    tags: [club]
"""


@pytest.fixture
def few(make_knowledge):
    return Answerer(load_knowledge(make_knowledge(FEW_ENTRIES)))


@pytest.mark.parametrize(
    "question, paragraph, phrase",
    [
        ("Is the conflict over Dokdo resolved?", 11, "the conflict over Dokdo has not been resolved"),
        ("what is the biggest pillar in international politics", 12, "biggest pillar in international politics"),
        ("Who will the Federation of Korean Industries hold regular business summits with?", 10,
         "the Japan Business Federation and the U.S. Chamber of Commerce"),
    ],
)
def test_fact_fallback_answers_with_the_articles_sentence(few, question, paragraph, phrase):
    """With no entry for it, the best candidate is the article's own sentence: what the bot says once the
    decision is confident (the cut-off itself is the decision's: see test_decision.py)."""
    [attempt] = few.attempts(few.plan(question))
    assert attempt.probability >= few.decision.suggest_at
    answer = attempt.answer
    assert answer.answered and answer.reason == FACT, answer
    assert answer.entry_id is None
    assert_sourced(answer, paragraph)
    assert phrase in answer.source.quote
    assert answer.source.quote in answer.answer  # the member sees the supporting sentence
    assert answer.to_dict()["source"] == {"paragraph": paragraph, "quote": answer.source.quote}


def test_fact_fallback_still_abstains_off_topic(few):
    for question in ("Who is the prime minister of Japan?", "How many soldiers joined the aerial exercise?"):
        assert not few.ask(question).answered


def test_entries_win_over_sentences(few):
    answer = few.ask("Where did the three leaders hold their first stand-alone summit?")
    assert answer.reason == MATCHED and answer.entry_id == "summit-venue"


def test_club_entry_answers_without_a_source(few):
    [attempt] = few.attempts(few.plan("when does the club meet"))
    answer = attempt.answer
    assert answer.answered and answer.entry_id == "club-meetings" and answer.source is None
    assert answer.to_dict()["source"] is None


def test_a_question_asked_exactly_as_an_entry_phrases_it_is_that_entry(few):
    """Even where the decision has little to go on (a two-entry FAQ), a phrasing a moderator wrote answers."""
    for asked in ("When does the newspaper club meet?", "when does the newspaper club meet", "WHEN DOES THE NEWSPAPER CLUB MEET!!"):
        answer = few.ask(asked)
        assert answer.answered and answer.entry_id == "club-meetings" and answer.score == 100.0


def test_a_half_answer_is_not_given_when_a_part_is_only_likely(answerer):
    """One part answered and one the bot is unsure of: no reply that calls the second part missing;
    the part it found is offered first."""
    from bot.core.answering.answer import Attempt, Suggestion, compose, not_answered, Answer, UNSURE_TEXT

    found = answerer.answer_entry("camp-david-when")
    unsure = Answer("who went", False, UNSURE_TEXT, "not_in_article", score=50.0,
                    suggestions=(Suggestion("camp-david-participants", "Who took part?", 50.0),))
    reply = compose("when and who", [Attempt("when", 0.95, found, found), Attempt("who", 0.5, unsure, unsure)], 0.9)
    assert not reply.answered
    assert [s.entry_id for s in reply.suggestions] == ["camp-david-when", "camp-david-participants"]
    missing = not_answered("who went")
    reply = compose("when and who", [Attempt("when", 0.95, found, found), Attempt("who", 0.1, missing, missing)], 0.9)
    assert reply.answered and "doesn’t say" in reply.answer


def test_a_claim_naming_a_place_the_article_does_not_give_is_corrected():
    from bot.core.answering.answer import check_claim

    said = "The first trilateral Indo-Pacific Dialogue was held in Washington on January 5, 2024."
    assert check_claim("the Indo-Pacific Dialogue was held in Tokyo", said).startswith(
        "Not quite: the article doesn't say Tokyo.")
    assert check_claim("the Indo-Pacific Dialogue was held in Washington", said).startswith("Here is what")
