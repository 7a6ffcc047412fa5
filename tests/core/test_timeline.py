"""Order questions answered from the key dates (bot.core.answering.timeline), through the answerer."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, first, then", [
    ("Which came first, the Indo-Pacific Dialogue or the aerial exercise?", "aerial exercise", "Indo-Pacific"),
    ("which came first: the cyber initiatives or camp david", "Camp David", "cyber"),
    ("Which happened later, the Camp David summit or the missile-warning data sharing?", "Camp David", "missile"),
])
def test_which_came_first(answerer, question, first, then):
    answer = answerer.ask(question)
    assert answer.answered and answer.reason == "dates"
    assert answer.answer.index(first) < answer.answer.index(then) or "came later" in answer.answer


def test_what_came_after(answerer):
    answer = answerer.ask("What happened after the first trilateral aerial exercise?")
    assert answer.answered and "missile-warning" in answer.answer and "December 2023" in answer.answer
    assert answer.source is not None and answer.source.paragraph == 3


def test_latest_and_earliest(answerer):
    assert "Indo-Pacific Dialogue" in answerer.ask("What is the most recent event in the article?").answer
    assert "2022" in answerer.ask("What is the earliest event the article mentions?").answer


def test_an_event_the_dates_do_not_hold_is_not_guessed(answerer):
    answer = answerer.ask("Which came first, the moon landing or the invention of the telephone?")
    assert answer.reason != "dates"
    assert not answer.answered


def test_every_dated_event_in_order(answerer):
    answer = answerer.ask("Can you list the events in chronological order?")
    assert answer.answered and answer.reason == "dates"
    text = answer.answer
    assert text.index("2022") < text.index("August 2023") < text.index("October 22") < text.index("January 5, 2024")
