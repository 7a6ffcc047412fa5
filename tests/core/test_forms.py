"""How a message frames its questions: parts, claims and order questions (bot.core.answering.forms)."""

from __future__ import annotations

import pytest

from bot.core.answering import forms


def test_a_single_question_is_returned_whole():
    assert forms.question_parts("When was the Camp David summit?") == ["When was the Camp David summit?"]


def test_greetings_and_context_are_dropped_around_one_question():
    message = "hey everyone!! hope you're all good. I'm doing a project on this. Who wrote the article?"
    assert forms.question_parts(message) == ["Who wrote the article?"]


def test_two_questions_in_two_sentences():
    parts = forms.question_parts("What is Chip 4? Also, where was the Indo-Pacific Dialogue held?")
    assert parts == ["What is Chip 4?", "Also, where was the Indo-Pacific Dialogue held?"]


@pytest.mark.parametrize("message", [
    "What did the U.S. gain by strengthening the trilateral military alliance?",
    "Which U.S. official hosted the Indo-Pacific Dialogue?",
    "Did S. Korea join the drill?",
    "What else is in issue No. 21 besides this article?",
])
def test_an_abbreviation_s_full_stop_ends_no_sentence(message):
    assert forms.question_parts(message) == [message]


def test_a_full_stop_after_an_abbreviation_still_ends_a_question():
    assert forms.question_parts("Was it the U.S.? Or was it Japan?") == ["Was it the U.S.?", "Or was it Japan?"]
    assert forms.question_parts("Issue No. 21 is this one. Who wrote it?") == [
        "Issue No. 21 is this one. Who wrote it?"]  # the pronoun leans on the sentence before


def test_two_questions_joined_by_and():
    parts = forms.question_parts("When was the Camp David summit and where was the Indo-Pacific Dialogue?")
    assert parts == ["When was the Camp David summit", "where was the Indo-Pacific Dialogue?"]


def test_and_between_nouns_does_not_split():
    assert forms.question_parts("What do Korea and Japan still argue about?") == [
        "What do Korea and Japan still argue about?"]


def test_a_pronoun_question_keeps_the_sentence_it_leans_on():
    parts = forms.question_parts("I'm reading about the cyber consultative group. What does it counter?")
    assert parts == ["I'm reading about the cyber consultative group. What does it counter?"]


def test_a_short_follow_up_is_its_own_question_about_the_first_ones_subject():
    parts = forms.question_parts("when was the air exercise and who was it against?")
    assert parts == ["when was the air exercise", "who was it against? (the air exercise)"]
    assert forms.question_parts("who wrote it n when") == ["who wrote it", "when (wrote it)"]


def test_a_follow_up_can_be_read_without_the_subject_it_was_lent():
    parts = forms.question_parts("who is the author and what section is it in?")
    assert parts == ["who is the author", "what section is it in? (the author)"]
    assert forms.without_context(parts[1]) == "what section is it in?"
    assert forms.without_context(parts[0]) is None
    assert forms.without_context(forms.with_context("when", "wrote it")) == "when"


def test_korean_questions_joined_by_a_clause_ending_are_split():
    assert forms.question_parts("미사일 경보 공유는 언제부터고, 공중훈련은 언제 했어?") == [
        "미사일 경보 공유는 언제부터", "공중훈련은 언제 했어?"]


def test_an_ordinary_korean_clause_ending_does_not_split():
    message = "한국과 일본이 협력하고 있고 미국도 같이 하는 거야?"
    assert forms.question_parts(message) == [message]


def test_a_sentence_that_only_asks_true_or_false_joins_the_claim_before_it():
    message = "Quick one: the dialogue was held in Tokyo. True or false?"
    assert forms.question_parts(message) == [message]
    assert forms.claim(message) == "Quick one: the dialogue was held in Tokyo"


def test_at_most_three_parts():
    message = "Who wrote it? When was it published? What section? How many views? How many likes?"
    assert len(forms.question_parts(message)) == forms.MAX_PARTS


@pytest.mark.parametrize("question, claim", [
    ("Is it true that the summit was held in July 2023?", "the summit was held in July 2023"),
    ("True or false: Chip 4 is about semiconductors", "Chip 4 is about semiconductors"),
    ("the dialogue was in Washington, right?", "the dialogue was in Washington"),
    ("캠프데이비드 회의 2023년 7월이었지? 맞아?", "캠프데이비드 회의 2023년 7월이었지"),
    ("is it true the dialogue was in Tokyo?", "the dialogue was in Tokyo"),
])
def test_claims(question, claim):
    assert forms.claim(question) == claim


@pytest.mark.parametrize("question", ["When was the summit?", "Is Chip 4 about chips?", "what is true about chip 4"])
def test_not_claims(question):
    assert forms.claim(question) is None


@pytest.mark.parametrize("question, kind, events", [
    ("Which came first, the aerial exercise or the Indo-Pacific Dialogue?", "first_of_two",
     ("aerial exercise", "Indo-Pacific Dialogue")),
    ("which happened later: camp david or the cyber initiatives?", "later_of_two", ("camp david", "cyber initiatives")),
    ("What happened after the aerial exercise?", "after", ("aerial exercise",)),
    ("what did the three countries do right after the Camp David summit?", "after", ("Camp David summit",)),
    ("What happened before the Indo-Pacific Dialogue?", "before", ("Indo-Pacific Dialogue",)),
    ("What is the most recent event in the article?", "latest", ()),
    ("what's the earliest event mentioned?", "earliest", ()),
    ("캠프데이비드 끝나고 세 나라가 한 게 뭐야?", "after", ("캠프데이비드",)),
    ("Which is earlier: the cyber initiatives or the aerial exercise?", "first_of_two",
     ("cyber initiatives", "aerial exercise")),
    ("What was the first concrete step they took after the Camp David summit?", "after", ("Camp David summit",)),
    ("article에 나온 latest event가 뭐야?", "latest", ()),
    ("Put these in chronological order: the dialogue, the summit, the drill", "order_all", ()),
    ("In the article's timeline, what comes right after the aerial exercise?", "after", ("aerial exercise",)),
])
def test_order_questions(question, kind, events):
    found = forms.order_question(question)
    assert found is not None and found.kind == kind and found.events == events


@pytest.mark.parametrize("question", ["When was the aerial exercise?", "What was the first-ever aerial exercise for?",
                                      "What did the first summit address?"])
def test_not_order_questions(question):
    assert forms.order_question(question) is None
