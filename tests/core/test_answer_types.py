"""Answer-type checks: an answer must hold the detail asked (bot.core.answering.answer_types and its data)."""

from __future__ import annotations

import pytest

from bot.core.answering import answer_types


@pytest.mark.parametrize("question, detail", [
    ("On exactly which day in August was the summit?", "exact_day"),
    ("what day did the air drill happen", "exact_day"),
    ("캠프데이비드 회의 정확한 날짜가 며칠이야?", "exact_day"),
    ("What are the names of the leaders who met?", "name"),
    ("Who is the president of the FKI?", "name"),
    ("who led the consultative group", "name"),
    ("How many jets flew in the exercise?", "count"),
    ("몇 명이 참석했어?", "count"),
    ("How much did the summit cost?", "cost"),
    ("How did China react to the dialogue?", "reaction"),
    ("북한의 반응은?", "reaction"),
    ("Name the two presidents who met.", "name"),
    ("who were the three leaders at the summit", "name"),
    ("what did russia say abt the drills", "reaction"),
    ("What does Beijing officially think of the pact?", "reaction"),
    ("how did the opposition respond", "reaction"),
    ("what is the UN's stance on the pact?", "reaction"),
    ("What is the name of the Japanese minister who spoke?", "name"),
    ("what was her name", "name"),
    ("일본 총리 이름이 뭐야?", "name"),
])
def test_details_asked(question, detail):
    assert answer_types.asked_detail(question) == detail


@pytest.mark.parametrize("question", [
    "When was the Camp David summit?", "Where was the Indo-Pacific Dialogue held?", "What is Chip 4?",
    "Who wrote the article?", "Why are the three countries cooperating?", "What does FKI stand for?",
    "What did the three countries agree on December 9?", "Which countries are forming their own alliance?",
    "How often will they hold dialogue meetings?", "What was the purpose of the exercise?",
    "What did the article say about Chip 4?", "what does the author think about the future",
    "name the section the story ran in", "How will the three countries respond to threats?",
    "What did they say they would do next?", "What do you think of the alliance?",
    "What is the name of the new chip alliance?", "whats the name of that cyber group",
    "그 협의체 이름이 뭐였지?", "새로 만든 동맹 이름 알려줘",
])
def test_ordinary_questions_ask_no_detail(question):
    """False positives here would make the bot refuse questions the article answers."""
    assert answer_types.asked_detail(question) is None


def test_a_day_precise_date():
    assert answer_types.holds("day_date", "On October 22, the air forces held an exercise.")
    assert answer_types.holds("day_date", "It was published on 2024-02-20.")
    assert not answer_types.holds("day_date", "The summit was held in August 2023.")


def test_a_count_is_a_number_that_is_not_a_date():
    assert answer_types.holds("count", "The article has 9,433 views.")
    assert answer_types.holds("count", "three countries")
    assert not answer_types.holds("count", "They started sharing data in December 2023.")
    assert not answer_types.holds("count", "On October 22, the air forces held their first exercise.")


def test_a_name_must_be_a_person_the_knowledge_names():
    assert answer_types.holds("person_name", "Written by reporter Si-ho Park.", people=("Si-ho Park",))
    assert not answer_types.holds("person_name", "The leaders of South Korea, the U.S. and Japan.", people=("Si-ho Park",))


def test_missing_reports_the_detail_only_when_absent():
    assert answer_types.missing("exact_day", "In August 2023.") == "exact_day"
    assert answer_types.missing("exact_day", "On January 5, 2024.") is None
    assert answer_types.missing(None, "anything") is None


@pytest.mark.parametrize("question, focus", [("Over which sea was the drill?", "sea"), ("how old is he", "old"),
                                             ("What is Chip 4?", None), ("what kind of summit was it", "summit")])
def test_focus_word(question, focus):
    assert answer_types.focus_word(question) == focus


def test_the_bot_says_what_the_article_gives_instead_of_a_guess(answerer):
    answer = answerer.ask("On exactly which day in August 2023 did the Camp David summit take place?")
    assert not answer.answered
    assert "exact day" in answer.answer


def test_a_day_the_article_gives_is_answered(answerer):
    answer = answerer.ask("What day was the first trilateral aerial exercise held?")
    assert answer.answered and "October 22" in answer.answer
