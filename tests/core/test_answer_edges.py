"""Edge cases of the answering path: vague keywords, chat markup, invisible characters, other scripts."""

from bot.core.answering.answer import EMPTY, NOT_IN_ARTICLE, VAGUE
from bot.core.answering.normalise import normalise


def test_a_lone_common_word_gets_suggestions_not_an_answer(answerer):
    answer = answerer.ask("korea")
    assert not answer.answered and answer.reason == VAGUE
    assert 1 <= len(answer.suggestions) <= 3
    assert "specific" in answer.answer


def test_a_vague_question_is_never_answered_however_sure_the_decision(answerer):
    """Vagueness is the question's (how little it names), not the model's: even a decision that would answer
    anything asks which entry is meant."""
    from dataclasses import replace

    bold = replace(answerer.decision, answer_at=0.0, suggest_at=0.0)
    for word in ("korea", "japan", "north korea", "한국"):
        [attempt] = answerer.attempts(answerer.plan(word), bold)
        assert not attempt.answer.answered and attempt.answer.reason == VAGUE, word


def test_what_about_a_word_that_only_sounds_like_a_question_word(answerer):
    """"reason" reads as a why-question, but "what about reason" asks nothing about the article, whose text
    never says "reason"; a real question word still goes to the decision."""
    assert "reason" not in answerer.retriever.content_words
    for question in ("what about reason", "reason?", "tell me about reasons", "what reason"):
        assert not answerer.ask(question).answered, question
    [step] = answerer.plan("who wrote it")
    assert step.retrieved is not None


def test_a_specific_keyword_is_answered(answerer):
    answer = answerer.ask("dokdo")
    assert answer.answered and answer.entry_id == "dokdo-conflict"


def test_a_question_type_makes_a_common_word_specific_enough(answerer):
    answer = answerer.ask("camp david when")
    assert answer.answered and answer.entry_id == "camp-david-when"


def test_chat_mentions_are_not_part_of_the_question(answerer):
    plain = answerer.ask("when was the camp david summit")
    for noisy in ("<@1234567890> when was the camp david summit", "@everyone when was the camp david summit",
                  "<@&42> <#77> when was the camp david summit <:pepe:123456>"):
        answer = answerer.ask(noisy)
        assert answer.answered and answer.entry_id == plain.entry_id, noisy


def test_zero_width_characters_inside_a_word_are_removed():
    assert normalise("Camp Da\u200bvid").tokens == normalise("Camp David").tokens == ("camp_david",)
    assert normalise("semi\u00adconductors").tokens == ("semiconductor",)


def test_us_without_the_last_dot_is_the_country():
    assert normalise("What did the U.S gain?").tokens[0] == "usa"


def test_other_scripts_are_not_in_the_article_rather_than_empty(answerer):
    for text in ("ما هو التحالف؟", "Что такое альянс?", "これは何ですか", "מה זה"):
        answer = answerer.ask(text)
        assert not answer.answered and answer.reason == NOT_IN_ARTICLE, text
    assert answerer.ask("?!… 🙂").reason == EMPTY


def test_a_bare_number_is_not_answered(answerer):
    for text in ("1", "9", "2023", " 21 "):
        assert not answerer.ask(text).answered, text


def test_every_word_of_a_long_paragraph_counts_as_the_articles(answerer):
    """The normaliser reads a text only up to MAX_CHARS: the article's words are read sentence by
    sentence, so a word near the end of a long paragraph ("Washington") is one the article uses."""
    assert "washington" in answerer.retriever.content_words


def test_a_question_word_with_one_content_word_goes_to_the_decision(answerer):
    assert answerer.plan("who wrote it")[0].retrieved is not None
    assert answerer.plan("what about past")[0].retrieved is None
    assert answerer.plan("past")[0].retrieved is None


def test_a_question_that_names_nothing_is_asked_with_its_message(answerer):
    message = "My grandpa always talks about Dokdo at dinner. What does the article say?"
    steps = answerer.plan(message)
    assert [s.text for s in steps] == [message]
