"""LiveKnowledge: reloads swap knowledge and answerer together; an invalid file never replaces good knowledge."""

from __future__ import annotations

import pytest

from bot.core.knowledge.problems import KnowledgeError
from bot.core.serving.live import LiveKnowledge

EXTRA_ENTRY = """\
  - id: dokdo
    question: "Is the conflict over Dokdo resolved?"
    answer: "No, the conflict over Dokdo has not been resolved."
    source:
      paragraph: 11
      quote: "the conflict over Dokdo has not been resolved"
"""


@pytest.fixture
def live_path(make_knowledge, minimal_faq):
    return make_knowledge(minimal_faq)


def test_starts_on_valid_knowledge(live_path):
    live = LiveKnowledge(live_path)
    assert [e.id for e in live.knowledge.entries] == ["summit-venue"]
    assert live.answerer.knowledge is live.knowledge
    assert live.ask("where was the first stand-alone summit").entry_id == "summit-venue"
    assert live.answer_entry("summit-venue").answered
    assert live.last_error is None


def test_refuses_to_start_on_invalid_knowledge(make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace('answer: "At Camp David."', 'answer: ""'))
    with pytest.raises(KnowledgeError) as info:
        LiveKnowledge(path)
    assert (info.value.first.line, info.value.first.column) == (14, 13)


def test_valid_change_swaps(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    before = live.knowledge
    assert live.ask("is the dokdo conflict resolved").entry_id != "dokdo"
    live_path.write_text(minimal_faq + EXTRA_ENTRY, encoding="utf-8")
    result = live.reload()
    assert result.ok and result.changed and result.error is None
    assert "2 entries" in result.message
    assert live.knowledge is not before and live.knowledge.version != before.version
    assert live.answerer.knowledge is live.knowledge
    answer = live.ask("is the dokdo conflict resolved")
    assert answer.answered and answer.entry_id == "dokdo"


def test_reload_of_the_same_bytes_is_unchanged(live_path):
    live = LiveKnowledge(live_path)
    answerer = live.answerer
    result = live.reload()
    assert result.ok and not result.changed and "Unchanged" in result.message
    assert live.answerer is answerer


def test_invalid_change_keeps_the_old_knowledge_and_says_where(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    good = live.knowledge
    bad = minimal_faq.replace('paragraph: 2\n      quote: "first', 'paragraph: 40\n      quote: "first') + EXTRA_ENTRY
    live_path.write_text(bad, encoding="utf-8")
    result = live.reload()
    assert not result.ok and not result.changed
    assert isinstance(result.error, KnowledgeError) and live.last_error is result.error
    assert f"{live_path}:16:18:" in result.message
    assert "Kept the last good knowledge" in result.message and good.version in result.message
    assert live.knowledge is good
    assert live.ask("where was the first stand-alone summit").entry_id == "summit-venue"
    assert live.ask("is the dokdo conflict resolved").entry_id != "dokdo"


def test_malformed_yaml_on_reload_reports_line_and_column(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    live_path.write_text(minimal_faq.replace('    answer: "At Camp David."', '      answer: "At Camp David."'),
                         encoding="utf-8")
    result = live.reload()
    assert not result.ok and f"{live_path}:14:7: malformed YAML" in result.message


def test_deleted_file_keeps_the_old_knowledge(live_path):
    live = LiveKnowledge(live_path)
    good = live.knowledge
    live_path.unlink()
    result = live.reload()
    assert not result.ok and f"{live_path}:1:1:" in result.message
    assert live.knowledge is good


def test_fixing_the_file_clears_the_error(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    live_path.write_text(minimal_faq.replace('answer: "At Camp David."', 'answer: ""'), encoding="utf-8")
    assert not live.reload().ok and live.last_error is not None
    live_path.write_text(minimal_faq + EXTRA_ENTRY, encoding="utf-8")
    result = live.reload()
    assert result.ok and result.changed and live.last_error is None


def test_reload_if_changed(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    assert live.reload_if_changed() is None  # nothing changed since loading
    live_path.write_text(minimal_faq + EXTRA_ENTRY, encoding="utf-8")
    result = live.reload_if_changed()
    assert result is not None and result.ok and result.changed
    assert live.knowledge.entry("dokdo") is not None
    assert live.reload_if_changed() is None  # and now it is current


def test_reload_if_changed_reports_a_bad_edit_once(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    live_path.write_text(minimal_faq.replace("id: summit-venue", "id: summit"), encoding="utf-8")
    result = live.reload_if_changed()
    assert result is not None and not result.ok
    assert "duplicate id 'summit'" in result.message
    assert live.reload_if_changed() is None  # the same bad bytes are not reported again
    assert live.knowledge.entry("summit-venue") is not None


def test_comment_only_change_reloads_without_changing_answers(live_path, minimal_faq):
    live = LiveKnowledge(live_path)
    live_path.write_text(minimal_faq + "# a moderator's note\n", encoding="utf-8")
    result = live.reload_if_changed()
    assert result is not None and result.ok and result.changed  # the version is the file's bytes
    assert [e.id for e in live.knowledge.entries] == ["summit-venue"]
