"""Paraphrases reach the right entry: the sentence encoder's job now, not a synonym list.

The lexicon keeps spellings and inflections only (bot/core/answering/data/lexicon.yaml); these questions use
words no entry's phrasing uses, and the right entry must still rank first. Whether the bot then
answers or offers it as "did you mean" is the decision's call (tests/core/test_decision.py).
"""

import pytest


def best_entry(answerer, question):
    """The candidate the bot would answer with once confident (its top-ranked one)."""
    [attempt] = answerer.attempts(answerer.plan(question))
    return attempt.answer.entry_id or attempt.answer.reason


CASES = [
    ("did the cooperation extend past north korea", "security-beyond-north-korea"),  # extend ~ expand, past ~ beyond
    ("how has military cooperation been formalized", "military-cooperation-institutionalized"),
    ("what did america achieve through the military alliance", "us-gains"),  # achieve ~ gain
    ("what did seoul gain", "south-korea-gains"),  # Seoul stands for South Korea
    ("why did chip 4 come about", "chip4-background"),
]


@pytest.mark.parametrize("question, entry_id", CASES)
def test_a_paraphrase_ranks_its_entry_first(answerer, question, entry_id):
    assert best_entry(answerer, question) == entry_id


def test_a_regex_fragment_is_never_a_spelling_the_speller_corrects_to(answerer):
    speller = answerer.matcher.speller
    assert "institutionali" not in speller.words  # from the pattern institutionali[sz]\w*, not a word
    assert speller.correct("formalized") == "formalized"


KOREAN_CASES = [
    ("고위급 대화는 얼마나 자주 해?", "camp-david-annual-dialogue"),  # 얼마나 자주 = how often, not how much
    ("기자가 독자에게 바라는 것은?", "author-hope-for-readers"),  # 독자 = readers, 바라다 = hope
    ("미국이 군사 동맹으로 얻은 것은?", "us-gains"),
    ("칩4는 왜 생겼어?", "chip4-background"),
]


@pytest.mark.parametrize("question, entry_id", KOREAN_CASES)
def test_korean_glossary_reaches_the_entry(answerer, question, entry_id):
    assert best_entry(answerer, question) == entry_id


@pytest.mark.parametrize("question", ["is the dokdo dispute settled", "has the dokdo conflict been resolved",
                                      "dokdo still unresolved?"])
def test_settled_and_unresolved_both_reach_the_dokdo_entry(answerer, question):
    answer = answerer.ask(question)
    assert answer.answered and answer.entry_id == "dokdo-conflict", (answer.entry_id, answer.score)


def test_founding_is_not_starting(answerer):
    """'founded' (an organisation) and 'started' (an activity) are different words here."""
    assert not answerer.ask("When was the South Korean air force founded?").answered
    assert answerer.ask("when did they start sharing missile warning data").entry_id == "missile-data-start"


def test_the_speller_knows_a_variants_optional_plural(answerer):
    answer = answerer.ask("what do north korean hackers fund")
    assert answer.entry_id == "cyber-finances-weapons", (answer.entry_id, answer.score)
