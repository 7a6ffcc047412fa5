"""FaqStore: validated, byte-preserving, recorded changes to faq.yaml, and undo."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.core.answering.similar import AlreadyAnswered
from bot.core.editing import yamledit
from bot.core.editing.atomic import atomic_write
from bot.core.editing.history import History
from bot.core.editing.store import Draft, FaqStore, Refused, slug
from bot.core.knowledge.faq import Source, load_knowledge
from bot.core.knowledge.problems import KnowledgeError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "moderation" / "faq.yaml"


@pytest.fixture()
def faq(tmp_path: Path) -> Path:
    (tmp_path / "kb").mkdir()
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "kb" / "article.md")
    shutil.copy(SAMPLE, tmp_path / "kb" / "faq.yaml")
    return tmp_path / "kb" / "faq.yaml"


@pytest.fixture()
def store(faq: Path, tmp_path: Path) -> FaqStore:
    return FaqStore(faq, data_dir=tmp_path / "data")


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- add ---------------------------------------------------------------------------------------------

def test_add_appends_one_entry_and_keeps_every_other_byte(store: FaqStore, faq: Path) -> None:
    before = faq.read_text(encoding="utf-8")
    saved = store.add(Draft("What did the FKI aim to hold?", "Regular business summits.",
                            ("FKI 목표가 뭐야?",), "aims to hold regular business summits"), by="mod", via="terminal")
    assert saved.entry_id == "fki-aim"
    after = faq.read_text(encoding="utf-8")
    block = yamledit.entry_block(after, saved.entry_id)
    assert after.replace("\n" + block, "", 1) == before
    entry = load_knowledge(faq).entry(saved.entry_id)
    assert entry is not None and entry.source == Source(10, "aims to hold regular business summits")
    assert entry.alternates == ("FKI 목표가 뭐야?",)
    assert saved.knowledge.entry(saved.entry_id) == entry
    [change] = store.history.changes()
    assert (change.by, change.via, change.action, change.entry_id) == ("mod", "terminal", "add", saved.entry_id)
    assert change.before is None and change.after == block


def test_the_quote_is_stored_as_the_articles_own_text(store: FaqStore, faq: Path) -> None:
    # typed with a straight apostrophe; the article has a curly one
    saved = store.add(Draft("What does North Korea do?", "It expands its threat.", (),
                            "North Korea's expanding threat"), by="mod", via="terminal")
    assert load_knowledge(faq).entry(saved.entry_id).source == Source(2, "North Korea’s expanding threat")


def test_a_header_quote_is_paragraph_zero(store: FaqStore, faq: Path) -> None:
    saved = store.add(Draft("Which section is it in?", "World.", (), "World"), by="mod", via="terminal")
    assert load_knowledge(faq).entry(saved.entry_id).source == Source(0, "World")


def test_no_quote_makes_a_club_entry(store: FaqStore, faq: Path) -> None:
    saved = store.add(Draft("When is the submission deadline?", "Fridays at 5 pm."), by="mod", via="discord")
    entry = load_knowledge(faq).entry(saved.entry_id)
    assert entry.source is None and entry.tags == ("club",)
    assert any("club" in note for note in saved.notes)


@pytest.mark.parametrize("draft, reason", [
    (Draft("Who won the election?", "Nobody.", (), "an election was won by nobody"), "not in the article"),
    (Draft("What is Chip 4?", "   "), "answer is empty"),
    (Draft("  ", "Something."), "question is empty"),
    (Draft("Who wrote the article?", "Someone."), "duplicates a question of entry 'article-author'"),
    (Draft("who WROTE the article", "Someone."), "duplicates a question of entry 'article-author'"),
    (Draft("A new question?", "Yes.", ("Where was the Camp David summit held?",)), "entry 'summit-venue'"),
])
def test_refused_adds_write_nothing(store: FaqStore, faq: Path, draft: Draft, reason: str) -> None:
    before = snapshot(faq)
    with pytest.raises(Refused, match=reason):
        store.add(draft, by="mod", via="discord")
    assert snapshot(faq) == before
    assert store.history.changes() == []


def test_a_question_the_bot_already_answers_is_saved_with_a_note(faq: Path, tmp_path: Path) -> None:
    store = FaqStore(faq, data_dir=tmp_path / "data", similar=AlreadyAnswered())
    saved = store.add(Draft("Who wrote this article", "Si-ho Park, with the editors."), by="m", via="t")
    assert saved.changed
    assert any("already answers 'Who wrote this article' with entry 'article-author'" in n for n in saved.notes)
    saved = store.alias("aerial-exercise", "who is the author of this article", by="m", via="t")
    assert any("'article-author'" in n for n in saved.notes)
    plain = store.add(Draft("Where is the darkroom?", "Room 12."), by="m", via="t")
    assert not any("already answers" in n for n in plain.notes)


def test_explicit_ids_are_checked(store: FaqStore, faq: Path) -> None:
    with pytest.raises(Refused, match="already an entry or date"):
        store.add(Draft("New?", "Yes."), by="m", via="t", entry_id="camp-david-summit")
    with pytest.raises(Refused, match="lowercase"):
        store.add(Draft("New?", "Yes."), by="m", via="t", entry_id="Bad Id")
    assert store.add(Draft("New?", "Yes."), by="m", via="t", entry_id="my-id").entry_id == "my-id"


def test_generated_ids_do_not_collide(store: FaqStore) -> None:
    first = store.add(Draft("Where does the club meet on Fridays?", "Room 1."), by="m", via="t")
    second = store.add(Draft("Where does the club meet, on Fridays, then?", "Room 2."), by="m", via="t")
    assert (first.entry_id, second.entry_id) == ("club-meet-fridays", "club-meet-fridays-2")
    third = store.add(Draft("club meet Fridays!!", "Room 3."), by="m", via="t")
    assert third.entry_id == "club-meet-fridays-3"
    assert slug("한미일 정상회의?") == "entry"


# --- edit, alias -------------------------------------------------------------------------------------

def test_saving_an_unchanged_entry_changes_nothing(store: FaqStore, faq: Path) -> None:
    before = snapshot(faq)
    for entry in load_knowledge(faq).entries:
        saved = store.edit(entry.id, Draft.from_entry(entry), by="mod", via="discord")
        assert not saved.changed
    assert snapshot(faq) == before
    assert store.history.changes() == []


def test_edit_changes_only_that_entrys_bytes(store: FaqStore, faq: Path) -> None:
    before = faq.read_text(encoding="utf-8")
    entry = load_knowledge(faq).entry("aerial-exercise")
    draft = Draft(entry.question, "On October 22, 2023.", ("When was the air drill?",), entry.source.quote)
    saved = store.edit("aerial-exercise", draft, by="mod", via="discord")
    after = faq.read_text(encoding="utf-8")
    old_block = yamledit.entry_block(before, "aerial-exercise")
    new_block = yamledit.entry_block(after, "aerial-exercise")
    assert after == before.replace(old_block, new_block)
    assert "answer: \"On October 22, 2023.\"" in new_block and "      - \"When was the air drill?\"\n" in new_block
    [change] = store.history.changes("aerial-exercise")
    assert (change.action, change.before, change.after) == ("edit", old_block, new_block)
    assert saved.knowledge.entry("aerial-exercise").answer == "On October 22, 2023."


def test_edit_keeps_a_short_quotes_paragraph(store: FaqStore, faq: Path) -> None:
    entry = load_knowledge(faq).entry("article-author")
    store.edit("article-author", Draft(entry.question, "Si-ho Park.", (), "Si-ho Park"), by="m", via="t")
    assert load_knowledge(faq).entry("article-author").source == Source(0, "Si-ho Park")


def test_edit_may_reuse_its_own_question_but_not_anothers(store: FaqStore, faq: Path) -> None:
    entry = load_knowledge(faq).entry("aerial-exercise")
    with pytest.raises(Refused, match="summit-venue"):
        store.edit("aerial-exercise", Draft("Where was the Camp David summit held?", entry.answer, (),
                                            entry.source.quote), by="m", via="t")
    with pytest.raises(Refused, match="no entry 'nope'"):
        store.edit("nope", Draft("Q?", "A."), by="m", via="t")


def test_alias(store: FaqStore, faq: Path) -> None:
    saved = store.alias("aerial-exercise", "When did the jets fly together?", by="mod", via="terminal")
    assert saved.changed
    assert load_knowledge(faq).entry("aerial-exercise").alternates == ("When did the jets fly together?",)
    again = store.alias("aerial-exercise", "when did the jets fly together", by="mod", via="terminal")
    assert not again.changed
    with pytest.raises(Refused, match="summit-venue"):
        store.alias("aerial-exercise", "Where was the Camp David summit held", by="mod", via="terminal")
    assert [c.action for c in store.history.changes()] == ["alias"]


# --- remove, undo ------------------------------------------------------------------------------------

def test_remove_then_undo_restores_the_file_exactly(store: FaqStore, faq: Path) -> None:
    original = faq.read_bytes()
    store.remove("aerial-exercise", by="mod", via="discord")
    assert load_knowledge(faq).entry("aerial-exercise") is None
    assert "# --- About the club (no article source needed) ---" in faq.read_text(encoding="utf-8")
    saved = store.undo(by="lead", via="terminal")
    assert faq.read_bytes() == original
    undo, remove = store.history.changes()
    assert (undo.action, undo.undoes, undo.by) == ("undo", remove.id, "lead")
    assert remove.undone_by == undo.id
    assert saved.knowledge.entry("aerial-exercise") is not None


def test_undo_walks_back_through_every_change(store: FaqStore, faq: Path) -> None:
    original = faq.read_bytes()
    store.add(Draft("Is there a meeting on Friday?", "No."), by="a", via="discord")
    entry = load_knowledge(faq).entry("summit-venue")
    store.edit("summit-venue", Draft(entry.question, "Camp David.", entry.alternates, entry.source.quote),
               by="b", via="discord")
    store.alias("article-author", "byline?", by="c", via="terminal")
    store.remove("club-meeting-room", by="d", via="terminal")
    for _ in range(4):
        store.undo(by="e", via="terminal")
    assert faq.read_bytes() == original
    with pytest.raises(Refused, match="nothing to undo"):
        store.undo(by="e", via="terminal")


def test_undo_refuses_to_overwrite_a_later_hand_edit(store: FaqStore, faq: Path) -> None:
    entry = load_knowledge(faq).entry("summit-venue")
    store.edit("summit-venue", Draft(entry.question, "Camp David.", entry.alternates, entry.source.quote),
               by="b", via="discord")
    text = faq.read_text(encoding="utf-8").replace('answer: "Camp David."', 'answer: "Camp David, by hand."')
    faq.write_text(text, encoding="utf-8")
    with pytest.raises(Refused, match="has changed since"):
        store.undo(by="e", via="terminal")
    assert faq.read_text(encoding="utf-8") == text


# --- hand edits --------------------------------------------------------------------------------------

def test_a_hand_edited_comment_survives_a_bot_save(store: FaqStore, faq: Path) -> None:
    note = "  # hand-written note: check the date with the reporter\n"
    text = faq.read_text(encoding="utf-8").replace("  - id: aerial-exercise\n", note + "  - id: aerial-exercise\n")
    faq.write_text(text, encoding="utf-8")
    store.alias("summit-venue", "Camp David summit venue?", by="mod", via="discord")
    store.add(Draft("Who edits the paper?", "The student editors."), by="mod", via="discord")
    store.remove("club-meeting-room", by="mod", via="discord")
    assert note + "  - id: aerial-exercise\n" in faq.read_text(encoding="utf-8")


def test_a_broken_file_is_reported_and_left_alone(store: FaqStore, faq: Path) -> None:
    text = faq.read_text(encoding="utf-8").replace('quote: "first stand-alone summit at Camp David"',
                                                   'quote: "first summit on the Moon"')
    faq.write_text(text, encoding="utf-8")
    with pytest.raises(Refused) as refused:
        store.add(Draft("New?", "Yes."), by="mod", via="discord")
    assert f"{faq}:25:14:" in refused.value.reason
    assert refused.value.problems[0].line == 25
    assert faq.read_text(encoding="utf-8") == text


def test_an_entry_in_flow_style_is_refused_not_crashed(store: FaqStore, faq: Path) -> None:
    text = faq.read_text(encoding="utf-8").replace(
        "# end of the entries", '  - {id: flow-entry, question: "Flow?", answer: "Yes.", tags: [club]}\n# end', 1)
    faq.write_text(text, encoding="utf-8")
    with pytest.raises(Refused, match="edit that entry by hand"):
        store.alias("flow-entry", "flowing?", by="m", via="t")
    assert faq.read_text(encoding="utf-8") == text
    store.alias("summit-venue", "venue?", by="m", via="t")  # the other entries stay editable
    store.add(Draft("After the flow entry?", "Yes."), by="m", via="t")
    store.remove("flow-entry", by="m", via="t")
    store.undo(by="m", via="t")
    assert '  - {id: flow-entry, question: "Flow?", answer: "Yes.", tags: [club]}\n' in faq.read_text(encoding="utf-8")


# --- the file itself ---------------------------------------------------------------------------------

def test_atomic_write_keeps_mode_and_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_a_killed_writers_temp_file_is_cleaned_up(store: FaqStore, faq: Path) -> None:
    leftover = faq.with_name(".faq.yaml.abc123.tmp")
    leftover.write_text("half a file", encoding="utf-8")
    store.alias("summit-venue", "venue?", by="m", via="t")
    assert not leftover.exists()


def test_history_belongs_to_its_knowledge_file(store: FaqStore, faq: Path, tmp_path: Path) -> None:
    store.alias("summit-venue", "venue?", by="m", via="t")
    other = History(tmp_path / "elsewhere.yaml", data_dir=tmp_path / "data")
    assert other.changes() == [] and other.last_undoable() is None
    assert len(History(faq, data_dir=tmp_path / "data").changes()) == 1


REAL = ROOT / "knowledge" / "faq.yaml"


def test_the_real_knowledge_file_round_trips(tmp_path: Path) -> None:
    try:
        knowledge = load_knowledge(REAL)
    except KnowledgeError:
        pytest.skip("knowledge/faq.yaml is not valid right now")
    shutil.copy(REAL, tmp_path / "faq.yaml")
    shutil.copy(knowledge.article.path, tmp_path / knowledge.article.path.name)
    path = tmp_path / "faq.yaml"
    store = FaqStore(path, data_dir=tmp_path / "data")
    original = path.read_bytes()
    text = original.decode("utf-8")
    for entry in knowledge.entries:  # every entry, saved unchanged, writes the same bytes
        assert yamledit.update_entry(text, entry, entry) == text
    assert not store.edit(knowledge.entries[3].id, Draft.from_entry(knowledge.entries[3]), by="m", via="t").changed
    store.add(Draft("Where is the newsroom?", "Room 204."), by="m", via="t")
    store.remove(knowledge.entries[0].id, by="m", via="t")
    store.alias(knowledge.entries[-1].id, "a brand new phrasing nobody used", by="m", via="t")
    for _ in range(3):
        store.undo(by="m", via="t")
    assert path.read_bytes() == original
    assert not os.path.exists(tmp_path / ".faq.yaml.tmp")
