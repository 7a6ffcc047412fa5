"""Splicing one entry into faq.yaml's text: only that entry's bytes change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.editing import yamledit
from bot.core.knowledge.faq import Entry, Source, parse_knowledge

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "moderation" / "faq.yaml"


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "article.md")
    shutil.copy(SAMPLE, tmp_path / "faq.yaml")
    return tmp_path / "faq.yaml"


def entries(text: str, path: Path) -> dict[str, Entry]:
    return {e.id: e for e in parse_knowledge(text, path).entries}


def without(text: str, block: str) -> str:
    assert text.count(block) == 1
    return text.replace(block, "")


def test_unchanged_entry_writes_the_same_bytes(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    for entry in parse_knowledge(text, sample).entries:
        assert yamledit.update_entry(text, entry, entry) == text


def test_changing_the_answer_rewrites_only_that_value(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    old = entries(text, sample)["summit-venue"]
    new_text = yamledit.update_entry(text, old, Entry(**{**_fields(old), "answer": 'At "Camp David", Maryland.'}))
    assert new_text == text.replace('answer: "At Camp David (in August 2023)."',
                                    'answer: "At \\"Camp David\\", Maryland."')
    assert entries(new_text, sample)["summit-venue"].answer == 'At "Camp David", Maryland.'


def test_comments_inside_the_entry_survive_an_edit(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    old = entries(text, sample)["summit-venue"]
    new = Entry(**{**_fields(old), "question": "Where was the first summit?", "alternates": ("Camp David?",)})
    new_text = yamledit.update_entry(text, old, new)
    assert "  - id: summit-venue   # the venue\n" in new_text
    assert "    # members often ask it this way:\n" in new_text
    assert entries(new_text, sample)["summit-venue"] == new


def test_adding_and_dropping_optional_keys(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    old = entries(text, sample)["aerial-exercise"]
    with_alternates = Entry(**{**_fields(old), "alternates": ("When was the air drill?",), "tags": ("military",)})
    added = yamledit.update_entry(text, old, with_alternates)
    assert entries(added, sample)["aerial-exercise"] == with_alternates
    block = yamledit.entry_block(added, "aerial-exercise")
    assert block is not None and block.index("alternates:") < block.index("answer:") < block.index("tags:")
    back = yamledit.update_entry(added, with_alternates, old)
    assert back == text


def test_folded_scalar_replaced_cleanly(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    old = entries(text, sample)["club-meeting-room"]
    new = Entry(**{**_fields(old), "answer": "Room 301 now.\nBring a pen."})
    new_text = yamledit.update_entry(text, old, new)
    assert entries(new_text, sample)["club-meeting-room"] == new
    assert "\n\n  - id: article-author" in new_text  # the blank line after the folded answer stayed


def test_append_goes_after_the_last_entry_before_trailing_comment(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    entry = Entry("new-one", "Is this new?", "Yes.", ("새 질문?",), Source(2, "Camp David"), ("club", "x y"))
    new_text = yamledit.append_entry(text, entry)
    block = yamledit.emit_entry(entry)
    assert block == ('  - id: new-one\n    question: "Is this new?"\n    alternates:\n      - "새 질문?"\n'
                     '    answer: "Yes."\n    source:\n      paragraph: 2\n      quote: "Camp David"\n'
                     '    tags: [club, "x y"]\n')
    assert without(new_text, "\n" + block) == text
    assert new_text.rstrip().endswith("# end of the entries; keep this comment")
    assert entries(new_text, sample)["new-one"] == entry


def test_remove_takes_the_entry_and_one_blank_line_and_keeps_neighbours_comments(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    new_text = yamledit.remove_entry(text, "aerial-exercise")
    assert "aerial-exercise" not in new_text
    assert "  # --- About the club (no article source needed) ---\n" in new_text
    assert "  # --- The summit ---\n" in new_text
    block = yamledit.entry_block(text, "aerial-exercise")
    assert block is not None
    assert new_text == text.replace(block + "\n", "")


@pytest.mark.parametrize("entry_id", ["summit-venue", "aerial-exercise", "club-meeting-room", "article-author"])
def test_remove_then_insert_at_its_anchor_restores_every_byte(sample: Path, entry_id: str) -> None:
    text = sample.read_text(encoding="utf-8")
    block = yamledit.entry_block(text, entry_id)
    where = yamledit.anchor(text, entry_id)
    removed = yamledit.remove_entry(text, entry_id)
    assert set(entries(removed, sample)) == set(entries(text, sample)) - {entry_id}
    assert yamledit.insert_block(removed, block, where) == text


def test_insert_without_its_anchor_goes_last(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    block = yamledit.entry_block(text, "summit-venue")
    removed = yamledit.remove_entry(text, "summit-venue")
    restored = yamledit.insert_block(removed, block, "before:gone-meanwhile")
    assert [e.id for e in parse_knowledge(restored, sample).entries][-1] == "summit-venue"


def test_first_entry_into_an_empty_list(tmp_path: Path) -> None:
    entry = Entry("first", "First?", "Yes.", (), None, ("club",))
    for empty in ("entries:\n", "entries: []\n", "entries: ~  # none yet\ndates: []\n"):
        text = "version: 1\narticle: article.md\n" + empty
        out = yamledit.append_entry(text, entry)
        loaded = yaml.safe_load(out)
        assert loaded["entries"] == [{"id": "first", "question": "First?", "answer": "Yes.", "tags": ["club"]}]


def test_crlf_files_stay_crlf(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8").replace("\n", "\r\n")
    entry = Entry("crlf", "Q?", "A.", ("B?",), None, ("club",))
    out = yamledit.append_entry(text, entry)
    assert "\n" not in out.replace("\r\n", "")


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@example(question="0", answer="yes", alternates=["null", "~", "- a", "#x"], tags=["0", "yes", "1e3", "y", "x y"])
@given(question=_text, answer=_text, alternates=st.lists(_text, max_size=3), tags=st.lists(_text, max_size=2))
def test_any_text_round_trips_through_the_emitter(question: str, answer: str, alternates: list[str],
                                                  tags: list[str]) -> None:
    entry = Entry("x", question, answer, tuple(alternates), Source(1, answer), tuple(tags))
    data = yaml.safe_load("entries:\n" + yamledit.emit_entry(entry))["entries"][0]
    assert data["question"] == question and data["answer"] == answer
    assert data.get("alternates", []) == alternates
    assert data.get("tags", []) == tags
    assert data["source"] == {"paragraph": 1, "quote": answer}


def _fields(entry: Entry) -> dict:
    return {"id": entry.id, "question": entry.question, "answer": entry.answer, "alternates": entry.alternates,
            "source": entry.source, "tags": entry.tags}
