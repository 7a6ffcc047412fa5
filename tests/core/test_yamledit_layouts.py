"""Splicing files written in other hands: comments where a '-' could be mistaken for the entry's dash, odd
indentation, flow style; and the checks that stop a wrong splice from being saved."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.core.editing import yamledit
from bot.core.editing.store import Draft, FaqStore, Refused
from bot.core.knowledge.faq import Entry, parse_knowledge

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "moderation" / "faq.yaml"

HEAD = 'version: 1\narticle: article.md\ndates:\n  - {id: d1, date: "2023-08", precision: month, event: "Summit.", ' \
       'source: {paragraph: 2, quote: "in August 2023"}}\n'
NEW = Entry("new-one", "Where does the club meet?", "Room 204.", (), None, ("club",))


def club(entry_id: str, question: str, answer: str = "Yes.") -> dict:
    return {"id": entry_id, "question": question, "answer": answer, "tags": ["club"]}


def read(text: str) -> dict:
    return yaml.safe_load(text)


def entry(text: str, entry_id: str, folder: Path) -> Entry:
    found = parse_knowledge(text, folder / "faq.yaml").entry(entry_id)
    assert found is not None
    return found


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "article.md")
    return tmp_path


# --- the dash is the parser's '-' token -----------------------------------------------------------------

HYPHEN_COMMENTS = HEAD + """entries:
  - id: first
    question: "First?"
    answer: "Yes."
    tags: [club]

  - # hand-written: see-also the first one -- keep it short
    id: second
    question: "Second?"
    answer: "Yes."   # a-b-c
    tags: [club]
"""


def test_a_hyphen_in_a_comment_between_the_dash_and_the_first_key_is_not_the_dash():
    span = yamledit.layout(HYPHEN_COMMENTS).find("second")
    assert HYPHEN_COMMENTS[span.dash:span.dash + 4] == "- # "
    out = yamledit.append_entry(HYPHEN_COMMENTS, NEW)
    assert out.startswith(HYPHEN_COMMENTS)  # every earlier byte stays
    assert out.endswith("\n  - id: new-one\n    question: \"Where does the club meet?\"\n"
                        "    answer: \"Room 204.\"\n    tags: [club]\n"), "the new entry is at the entries' column"
    assert read(out)["entries"][-1] == club("new-one", "Where does the club meet?", "Room 204.")


def test_an_entry_whose_dash_line_is_a_comment_is_removed_whole_and_edited_in_place(folder: Path):
    removed = yamledit.remove_entry(HYPHEN_COMMENTS, "second")
    assert "see-also" not in removed and "second" not in removed
    assert read(removed)["entries"] == [club("first", "First?")]
    old = entry(HYPHEN_COMMENTS, "second", folder)
    edited = yamledit.update_entry(HYPHEN_COMMENTS, old, replace(old, answer="No."))
    assert edited == HYPHEN_COMMENTS.replace('answer: "Yes."   # a-b-c', 'answer: "No."   # a-b-c')


def test_dashes_inside_values_are_not_dashes():
    text = HEAD + 'entries:\n  - id: a-b\n    question: "- not a dash?"\n    answer: 2023-08-18 - done\n' \
                  '    tags: [club]\n'
    span = yamledit.layout(text).find("a-b")
    assert text[span.dash:span.dash + 7] == "- id: a"


# --- odd indentation --------------------------------------------------------------------------------------

@pytest.mark.parametrize("entries_text", [
    # the list flush with `entries:`
    "entries:\n- id: first\n  question: \"First?\"\n  answer: \"Yes.\"\n  tags: [club]\n"
    "- id: second\n  question: \"Second?\"\n  answer: \"Yes.\"\n  tags: [club]\n",
    # four spaces before the dash and three after it
    "entries:\n    -   id: first\n        question: \"First?\"\n        answer: \"Yes.\"\n        tags: [club]\n\n"
    "    -   id: second\n        question: \"Second?\"\n        answer: \"Yes.\"\n        tags: [club]\n",
    # the dash alone on its line
    "entries:\n  -\n    id: first\n    question: \"First?\"\n    answer: \"Yes.\"\n    tags: [club]\n"
    "  -\n    id: second\n    question: \"Second?\"\n    answer: \"Yes.\"\n    tags: [club]\n",
], ids=["flush", "wide", "dash-alone"])
def test_odd_indentation_edit_add_remove_and_put_back(entries_text: str, folder: Path):
    text = HEAD + entries_text
    both = [club("first", "First?"), club("second", "Second?")]
    old = entry(text, "first", folder)
    edited = yamledit.update_entry(text, old, replace(old, answer="No.", alternates=("Number one?",)))
    assert read(edited)["entries"] == [{**both[0], "answer": "No.", "alternates": ["Number one?"]}, both[1]]
    added = yamledit.append_entry(text, NEW)
    assert added.startswith(text) and read(added)["entries"] == [*both, club("new-one", "Where does the club meet?",
                                                                             "Room 204.")]
    new_dash = yamledit.layout(added).find("new-one").dash
    first_dash = yamledit.layout(added).find("first").dash
    column = lambda text, at: at - (text.rfind("\n", 0, at) + 1)  # noqa: E731
    assert column(added, new_dash) == column(added, first_dash), "a new entry follows the file's own indentation"
    where = yamledit.anchor(text, "first")
    block = yamledit.entry_block(text, "first")
    removed = yamledit.remove_entry(text, "first")
    assert read(removed)["entries"] == [both[1]]
    assert read(yamledit.insert_block(removed, block, where))["entries"] == both


# --- flow style ---------------------------------------------------------------------------------------------

FLOW_ENTRY = HEAD + """entries:
  - {id: first, question: "First?", answer: "Yes.", tags: [club]}

  - id: second
    question: "Second?"
    answer: "Yes."
    tags: [club]
"""


def test_a_flow_mapping_entry_is_not_edited_key_by_key_but_can_be_removed_and_added_after(folder: Path):
    old = entry(FLOW_ENTRY, "first", folder)
    with pytest.raises(yamledit.LayoutError, match="flow style"):
        yamledit.update_entry(FLOW_ENTRY, old, replace(old, answer="No."))
    assert read(yamledit.remove_entry(FLOW_ENTRY, "first"))["entries"] == [club("second", "Second?")]
    second = entry(FLOW_ENTRY, "second", folder)
    edited = yamledit.update_entry(FLOW_ENTRY, second, replace(second, answer="No."))
    assert edited == FLOW_ENTRY.replace('    answer: "Yes."', '    answer: "No."')


def test_an_entries_list_in_flow_style_is_refused_with_what_to_do():
    text = HEAD + 'entries: [{id: first, question: "First?", answer: "Yes.", tags: [club]}]\n'
    with pytest.raises(yamledit.LayoutError, match="block list"):
        yamledit.append_entry(text, NEW)


# --- every splice is checked whole ----------------------------------------------------------------------------

def test_check_splice_names_the_other_entry_or_key_a_splice_changed():
    text = FLOW_ENTRY
    yamledit.check_splice(text, text.replace('answer: "Yes."\n', 'answer: "No."\n'), "second")  # that entry: fine
    with pytest.raises(yamledit.LayoutError, match="also change entry 'first'"):
        yamledit.check_splice(text, text.replace('answer: "Yes.", tags', 'answer: "No.", tags'), "second")
    with pytest.raises(yamledit.LayoutError, match="also change 'dates'"):
        yamledit.check_splice(text, text.replace("Summit.", "Summit!"), "second")
    with pytest.raises(yamledit.LayoutError, match="two entries"):
        yamledit.check_splice(text, text + FLOW_ENTRY.split("\n\n")[1], "second")


@pytest.mark.parametrize("operation", ["update", "append", "remove", "replace", "insert"])
def test_a_splice_that_also_changes_a_neighbour_is_refused(monkeypatch, folder: Path, operation: str):
    text = SAMPLE.read_text(encoding="utf-8")
    private = f"_{operation}_block" if operation in ("replace", "insert") else f"_{operation}_entry"
    real = getattr(yamledit, private)

    def sloppy(*args, **kwargs):  # a splicer bug: it also touches the aerial-exercise entry
        return real(*args, **kwargs).replace("On October 22 (2023).", "On October 23 (2023).")

    monkeypatch.setattr(yamledit, private, sloppy)
    venue = entry(text, "summit-venue", folder)
    block = yamledit.entry_block(text, "summit-venue")
    calls = {
        "update": lambda: yamledit.update_entry(text, venue, replace(venue, answer="At Camp David.")),
        "append": lambda: yamledit.append_entry(text, NEW),
        "remove": lambda: yamledit.remove_entry(text, "summit-venue"),
        "replace": lambda: yamledit.replace_block(text, "summit-venue", block.replace("(in August 2023)", "")),
        "insert": lambda: yamledit.insert_block(yamledit.remove_entry(text, "summit-venue"), block),
    }
    with pytest.raises(yamledit.LayoutError, match="also change entry 'aerial-exercise'"):
        calls[operation]()


def test_the_store_saves_nothing_when_a_splice_touches_another_entry(monkeypatch, folder: Path):
    shutil.copy(SAMPLE, folder / "faq.yaml")
    before = (folder / "faq.yaml").read_bytes()
    real = yamledit._update_entry
    monkeypatch.setattr(yamledit, "_update_entry", lambda *a: real(*a).replace("Si-ho Park, a reporter.", "Nobody."))
    store = FaqStore(folder / "faq.yaml", data_dir=folder / "data")
    with pytest.raises(Refused, match="also change entry 'article-author'"):
        store.alias("summit-venue", "where did they meet", by="mod", via="terminal")
    assert (folder / "faq.yaml").read_bytes() == before
    assert store.history.changes(None, limit=5) == []


def test_the_store_reads_the_edited_entry_back_and_saves_nothing_when_it_differs(monkeypatch, folder: Path):
    """The splice wrote valid YAML that leaves the other entries alone but says something else than asked:
    the store's read-back refuses it."""
    shutil.copy(SAMPLE, folder / "faq.yaml")
    before = (folder / "faq.yaml").read_bytes()
    real = yamledit._update_entry
    monkeypatch.setattr(yamledit, "_update_entry",
                        lambda text, old, new: real(text, old, replace(new, answer=new.answer + " (sic)")))
    store = FaqStore(folder / "faq.yaml", data_dir=folder / "data")
    venue = entry(before.decode("utf-8"), "summit-venue", folder)
    draft = Draft(venue.question, "At Camp David.", venue.alternates, venue.source.quote)
    with pytest.raises(Refused, match="does not read back"):
        store.edit("summit-venue", draft, by="mod", via="terminal")
    assert (folder / "faq.yaml").read_bytes() == before
