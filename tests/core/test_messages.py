"""Whole messages through the answerer: two questions in one, chatty context, true-or-false claims."""

from __future__ import annotations

from bot.core.answering.answer import UNCHECKABLE_TEXT


def test_two_questions_get_both_answers(answerer):
    answer = answerer.ask("When did the first trilateral aerial exercise take place and in which city was the "
                          "first Indo-Pacific Dialogue held?")
    assert answer.answered and len(answer.parts) == 2
    assert "October 22" in answer.answer and "Washington" in answer.answer
    assert answer.source is not None  # the first answered part's source


def test_the_part_the_article_does_not_answer_is_named(answerer):
    answer = answerer.ask("Who wrote the article? And what is the capital of Australia?")
    assert answer.answered and len(answer.parts) == 2
    answered, unanswered = answer.parts
    assert answered.answered and "Si-ho Park" in answered.answer
    assert not unanswered.answered
    assert "capital of Australia? — the article doesn’t say." in answer.answer


def test_a_chatty_message_is_answered_on_its_question(answerer):
    message = ("hiii everyone, sorry to bother, I'm making slides for club tomorrow and I got lost. "
               "Who wrote the article?")
    answer = answerer.ask(message)
    assert answer.answered and "Si-ho Park" in answer.answer and not answer.parts
    assert answer.question == message


def test_a_false_claim_is_corrected(answerer):
    answer = answerer.ask("Is it true that the first trilateral aerial exercise was on October 12?")
    assert answer.answered
    assert answer.answer.startswith("Not quite") and "October 22" in answer.answer


def test_a_true_claim_is_answered_with_what_the_article_says(answerer):
    answer = answerer.ask("True or false: the air forces of the three countries held their first-ever "
                          "trilateral aerial exercise on October 22")
    assert answer.answered and not answer.answer.startswith("Not quite") and "October 22" in answer.answer


def test_a_claim_the_article_does_not_touch_is_said_to_be_so(answerer):
    answer = answerer.ask("True or false: the moon is made of cheese")
    assert not answer.answered and answer.answer == UNCHECKABLE_TEXT


def test_a_follow_up_about_the_article_is_not_read_as_about_the_first_parts_subject(answerer):
    """'it' is the article, not the author: of the two readings of the follow-up, with the first
    part's subject lent to it and as asked, the one the decision is surer of is answered."""
    answer = answerer.ask("who is the author and what section is it in?")
    assert answer.answered and len(answer.parts) == 2
    author, section = answer.parts
    assert "Si-ho Park" in author.answer
    assert section.answered and "World" in section.answer
    assert section.question == "what section is it in?"  # the reply quotes the part as asked


def test_the_parts_of_a_message_are_encoded_in_one_run_with_the_same_vectors(answerer, monkeypatch):
    """A two-question message costs one run of the sentence encoder, and each part's vector is the one
    it gets when asked alone (a text's vector does not depend on its batch)."""
    encoder = answerer.retriever.encoder
    first, second = "When was the first aerial exercise", "where was the first Indo-Pacific Dialogue held?"
    alone = [encoder._run([answerer.retriever.encoder_text(t)])[0] for t in (first, second)]
    runs = []
    real_run = encoder._run
    monkeypatch.setattr(encoder, "_run", lambda texts, **kw: runs.append(len(texts)) or real_run(texts, **kw))
    monkeypatch.setattr(encoder, "_questions", {})
    steps = answerer.plan(f"{first}, and {second}")
    assert [s.text for s in steps] == [first, second]
    assert runs == [2]
    for step, vector in zip(steps, alone):
        assert (answerer.retriever.question_vector(step.text) == vector).all()
