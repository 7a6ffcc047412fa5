from bot.core.answering.browse import find_entries


def test_every_typed_word_must_appear(bundled_knowledge):
    ids = [e.id for e in find_entries(bundled_knowledge, "camp david when")]
    assert ids[0] == "camp-david-when"
    assert all("camp" in f"{e.id} {e.question} {' '.join(e.alternates)}".casefold()
               for e in find_entries(bundled_knowledge, "camp david when"))


def test_id_and_question_matches_come_before_alternate_matches(bundled_knowledge):
    found = find_entries(bundled_knowledge, "chip")
    direct = [e for e in found if "chip" in f"{e.id} {e.question}".casefold()]
    assert found[: len(direct)] == direct and direct


def test_typos_fall_back_to_close_spellings(bundled_knowledge):
    ids = [e.id for e in find_entries(bundled_knowledge, "cyber initiatves")]
    assert ids and ids[0].startswith("cyber-initiatives")
    assert find_entries(bundled_knowledge, "zzzz qqqq") == []


def test_nothing_typed_lists_every_entry(bundled_knowledge):
    assert find_entries(bundled_knowledge, "   ") == list(bundled_knowledge.entries)
