"""The sentence encoder reads a question up to QUESTION_TOKENS wordpieces and a knowledge text up to MAX_TOKENS."""

from __future__ import annotations

import numpy as np

from bot.core.answering.encoder import MAX_TOKENS, QUESTION_TOKENS


def _long(tail: str) -> str:
    # ~70 plain words: past QUESTION_TOKENS but inside MAX_TOKENS
    head = "when did the three leaders meet at camp david " + "and then talk again " * 15
    return f"{head}{tail}"


def test_a_question_is_read_up_to_its_first_question_tokens(answerer):
    encoder = answerer.retriever.encoder
    first, second = _long("about missiles"), _long("about trade with china and russia")
    assert len(encoder.tokenizer.encode(first).ids) > QUESTION_TOKENS
    assert len(encoder.tokenizer.encode(second).ids) < MAX_TOKENS
    one, two = encoder.embed_questions([first, second])
    assert np.allclose(one, two)


def test_a_knowledge_text_is_read_past_the_question_limit(answerer):
    encoder = answerer.retriever.encoder
    one, two = encoder.embed_many([_long("about missiles"), _long("about trade with china and russia")])
    assert not np.allclose(one, two)


def test_a_short_question_gets_the_vector_its_text_gets_as_knowledge(answerer):
    encoder = answerer.retriever.encoder
    text = "When was the Camp David summit held?"
    assert np.allclose(encoder.embed_questions([text])[0], encoder.embed_many([text])[0])
