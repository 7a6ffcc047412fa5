"""General synonyms in the lexicon reach the right entry (regression tests for the normaliser's word lists)."""

import pytest

CASES = [
    ("what did the leaders commit to at camp david", "camp-david-aims"),  # commit ~ commitment
    ("did the cooperation extend past north korea", "security-beyond-north-korea"),  # extend ~ expand, past ~ beyond
    ("how has military cooperation been formalized", "military-cooperation-institutionalized"),
    ("what did america achieve through the military alliance", "us-gains"),  # achieve ~ gain
    ("what did seoul gain", "south-korea-gains"),  # Seoul stands for South Korea, like Beijing for China
    ("why did chip 4 come about", "chip4-background"),
    ("what was a central part of the camp david deal", "missile-data-camp-david-element"),  # central ~ key
]


@pytest.mark.parametrize("question, entry_id", CASES)
def test_synonym_reaches_the_entry(answerer, question, entry_id):
    answer = answerer.ask(question)
    assert answer.answered and answer.entry_id == entry_id, (answer.entry_id, answer.score)


def test_a_regex_fragment_is_never_a_spelling_the_speller_corrects_to(answerer):
    speller = answerer.matcher.speller
    assert "formali" not in speller.words  # from the pattern formali[sz]\w*, not a word
    assert speller.correct("formalized") == "formalized"


KOREAN_CASES = [
    ("고위급 대화는 얼마나 자주 해?", "camp-david-annual-dialogue"),  # 얼마나 자주 = how often, not how much
    ("기자가 독자에게 바라는 것은?", "author-hope-for-readers"),  # 독자 = readers, 바라다 = hope
    ("미국이 군사 동맹으로 얻은 것은?", "us-gains"),
    ("칩4는 왜 생겼어?", "chip4-background"),
]


@pytest.mark.parametrize("question, entry_id", KOREAN_CASES)
def test_korean_glossary_reaches_the_entry(answerer, question, entry_id):
    answer = answerer.ask(question)
    assert answer.answered and answer.entry_id == entry_id, (answer.entry_id, answer.score)


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
    speller = answerer.matcher.speller
    assert speller.correct("fund") == "fund"  # from funds?, so not "corrected" to another word
    answer = answerer.ask("what do north korean hackers fund")
    assert answer.entry_id == "cyber-finances-weapons", (answer.entry_id, answer.score)
