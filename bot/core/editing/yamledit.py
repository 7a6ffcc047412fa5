"""Edit one entry of faq.yaml as text, keeping every other byte: comments, blank lines, other entries.

PyYAML's composed nodes tell where each entry and each of its keys stand in the text; an edit splices
freshly written text into exactly those places and leaves the rest alone:
- `update_entry` rewrites only the keys whose values changed (comments between keys survive);
- `append_entry` adds a new entry after the last one, in the file's hand-written style;
- `remove_entry` takes out the entry's own lines (comments above it belong to its neighbours and stay);
- `entry_block` / `replace_block` / `insert_block` move an entry's exact text (for history and undo).

An entry's dash is the parser's own `-` token (a '-' inside a comment or a value is never taken for it).
Every splice is checked whole before it is returned (`check_splice`): every other entry, every date and
every other top-level key must read exactly as before, else LayoutError (the store then writes nothing). Nothing
here validates knowledge: the caller checks the whole result with parse_knowledge (and reads the edited
entry back) before saving.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import yaml

from bot.core.knowledge.faq import Entry

#: The order of an entry's keys, as docs/knowledge-format.md writes them.
FIELD_ORDER = ("id", "question", "alternates", "answer", "source", "tags")


class LayoutError(ValueError):
    """The text is not a knowledge file whose entries can be located (malformed YAML, no `entries:` list)."""


# --- emitting ---------------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _printable(ch: str) -> bool:
    """Safe to write raw inside a YAML double-quoted string (PyYAML's printable set, minus line breaks)."""
    code = ord(ch)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF) and ch not in "\u2028\u2029\ufeff"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar for `text` (Korean, curly quotes etc. stay readable)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


_PLAIN_TAG = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def _tag(text: str) -> str:
    """A tag in a flow list: plain when it is a simple word YAML reads as text, else double-quoted."""
    if _PLAIN_TAG.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return quoted(text)


def entry_fields(entry: Entry) -> dict[str, Any]:
    """The entry as the keys it writes, in order; empty optional keys left out."""
    fields: dict[str, Any] = {"id": entry.id, "question": entry.question}
    if entry.alternates:
        fields["alternates"] = tuple(entry.alternates)
    fields["answer"] = entry.answer
    if entry.source is not None:
        fields["source"] = (entry.source.paragraph, entry.source.quote)
    if entry.tags:
        fields["tags"] = tuple(entry.tags)
    return fields


def emit_pair(key: str, value: Any, column: int, nl: str = "\n") -> str:
    """`key: value` for a key written at `column`; lines after the first are indented absolutely."""
    inner = " " * (column + 2)
    if key == "id":
        return f"id: {value}"
    if key in ("question", "answer"):
        return f"{key}: {quoted(value)}"
    if key == "alternates":
        return "alternates:" + "".join(f"{nl}{inner}- {quoted(v)}" for v in value)
    if key == "source":
        paragraph, quote = value
        return f"source:{nl}{inner}paragraph: {int(paragraph)}{nl}{inner}quote: {quoted(quote)}"
    if key == "tags":
        return "tags: [" + ", ".join(_tag(t) for t in value) + "]"
    raise KeyError(key)


def emit_entry(entry: Entry, dash_column: int = 2, nl: str = "\n") -> str:
    """A whole entry, `- id: ...` at `dash_column`, each line ending with `nl`."""
    column = dash_column + 2
    lines = []
    for index, (key, value) in enumerate(entry_fields(entry).items()):
        prefix = " " * dash_column + "- " if index == 0 else " " * column
        lines.append(prefix + emit_pair(key, value, column, nl) + nl)
    return "".join(lines)


# --- locating ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PairSpan:
    key: str
    key_start: int  # index of the key's first character
    value_end: int  # index just after the value's last character (trailing spaces, comments excluded)


@dataclass(frozen=True, slots=True)
class EntrySpan:
    id: str | None
    index: int  # position in `entries:`
    dash: int  # index of the entry's '-'
    key_column: int  # column of its keys
    end: int  # index just after its last character
    pairs: tuple[PairSpan, ...]  # in file order
    flow: bool = False  # written as {id: ..., ...}: can be moved or removed whole, not edited key by key

    def pair(self, key: str) -> PairSpan | None:
        return next((p for p in self.pairs if p.key == key), None)


@dataclass(frozen=True, slots=True)
class Layout:
    entries: tuple[EntrySpan, ...]
    entries_node: yaml.Node | None  # the value of `entries:` (None if the key is absent)
    newline: str

    def find(self, entry_id: str) -> EntrySpan | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def _content_end(text: str, node: yaml.Node) -> int:
    """Where a node's own text ends: block scalars lose their trailing line breaks, block collections end
    with their last child (PyYAML's end marks run on to the next token, past comments and blank lines)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        start, end = node.start_mark.index, node.end_mark.index
        return start + len(text[start:end].rstrip())
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    if not children:
        return node.start_mark.index
    return max(_content_end(text, child) for child in children)


#: libyaml when present (8x faster); its marks count characters, like PyYAML's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dashes(text: str) -> list[int]:
    """The index of every block-sequence '-' token, in order (from the scanner, so never one in a comment,
    a quoted string or a plain scalar such as `2023-08`)."""
    return [token.start_mark.index for token in yaml.scan(text, Loader=_LOADER)
            if isinstance(token, yaml.BlockEntryToken)]


def _dash_before(dashes: list[int], index: int) -> int | None:
    """The last '-' token before `index` (an entry's dash precedes its first key)."""
    at = bisect.bisect_left(dashes, index)
    return dashes[at - 1] if at else None


def layout(text: str) -> Layout:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise LayoutError(f"malformed YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise LayoutError("the knowledge file is not a mapping")
    node = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "entries"), None)
    newline = "\r\n" if "\r\n" in text else "\n"
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return Layout((), node, newline)
    if not isinstance(node, yaml.SequenceNode):
        raise LayoutError("'entries' is not a list")
    if node.flow_style and node.value:  # `entries: []` is fine: the first entry replaces it with a block
        raise LayoutError("'entries' is written in flow style [...]; write it as a block list (one '- id:' "
                          "per entry) to edit it here")
    dashes = _dashes(text) if node.value else []
    spans = []
    for index, item in enumerate(node.value):
        if not isinstance(item, yaml.MappingNode) or not item.value:
            raise LayoutError(f"entry {index + 1} (line {item.start_mark.line + 1}) is not a mapping")
        dash = _dash_before(dashes, item.start_mark.index)
        if dash is None or dash < node.start_mark.index:
            raise LayoutError(f"entry {index + 1} (line {item.start_mark.line + 1}): cannot find its '-'")
        pairs = []
        entry_id = None
        for key, value in item.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if name == "id" and isinstance(value, yaml.ScalarNode):
                entry_id = str(value.value).strip()
            pairs.append(PairSpan(name, key.start_mark.index, max(_content_end(text, value), key.end_mark.index)))
        spans.append(EntrySpan(entry_id, index, dash, item.start_mark.column, _content_end(text, item),
                               tuple(pairs), bool(item.flow_style)))
    return Layout(tuple(spans), node, newline)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Just after the line break ending the line that holds `index` (or the end of the text)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _require(lay: Layout, entry_id: str) -> EntrySpan:
    span = lay.find(entry_id)
    if span is None:
        raise LayoutError(f"no entry with id {entry_id!r}")
    return span


# --- checking ---------------------------------------------------------------------------------------

def _entry_id(item: Any) -> str | None:
    return str(item.get("id")).strip() if isinstance(item, dict) and item.get("id") is not None else None


def _read(text: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise LayoutError(f"the edited text would not be valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LayoutError("the edited text would not be a mapping any more")
    return data


def check_splice(before: str, after: str, entry_id: str) -> None:
    """A splice touched entry `entry_id` only: every other entry (in order), every date and every other
    top-level key reads exactly as before, and `entry_id` is there at most once. Else LayoutError."""
    old, new = _read(before), _read(after)
    for key in sorted(set(old) | set(new), key=str):
        if key != "entries" and old.get(key) != new.get(key):
            raise LayoutError(f"editing entry {entry_id!r} would also change {key!r}")
    old_entries, new_entries = old.get("entries") or [], new.get("entries") or []
    if sum(_entry_id(e) == entry_id for e in new_entries) > 1:
        raise LayoutError(f"editing entry {entry_id!r} would leave two entries with that id")
    old_others = [e for e in old_entries if _entry_id(e) != entry_id]
    new_others = [e for e in new_entries if _entry_id(e) != entry_id]
    if old_others != new_others:
        hit = next((a for a, b in zip(old_others, new_others) if a != b), None)
        hit = hit or (old_others[len(new_others)] if len(old_others) > len(new_others) else new_others[len(old_others)])
        raise LayoutError(f"editing entry {entry_id!r} would also change entry {_entry_id(hit)!r}")


def _block_id(block: str) -> str:
    try:
        items = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise LayoutError(f"the entry to put back is not valid YAML ({exc})") from exc
    found = _entry_id(items[0]) if isinstance(items, list) and len(items) == 1 else None
    if found is None:
        raise LayoutError("the entry to put back is not one '- id: ...' entry")
    return found


# --- editing ----------------------------------------------------------------------------------------

def entry_block(text: str, entry_id: str) -> str | None:
    """The entry's exact lines (indentation, inline comments, final line break included), or None."""
    span = layout(text).find(entry_id)
    if span is None:
        return None
    return text[_line_start(text, span.dash):_line_end(text, span.end)]


def _same(key: str, old: Any, new: Any) -> bool:
    return old == new or (key in ("alternates", "tags") and not old and not new)


def _update_entry(text: str, old: Entry, new: Entry) -> str:
    """Rewrite the keys of entry `old.id` whose values differ in `new`; every other byte stays."""
    lay = layout(text)
    span = _require(lay, old.id)
    if span.flow:
        raise LayoutError(f"entry {old.id!r} is written in flow style {{...}}")
    nl = lay.newline
    before, after = entry_fields(old), entry_fields(new)
    edits: list[tuple[int, int, str]] = []
    present = {p.key: p for p in span.pairs}
    for key in FIELD_ORDER:
        old_value, new_value = before.get(key), after.get(key)
        if key in present and _same(key, old_value, new_value):
            continue
        pair = present.get(key)
        if pair is not None and key in after:  # changed: rewrite the value in place
            edits.append((pair.key_start, pair.value_end, emit_pair(key, new_value, span.key_column, nl)))
        elif pair is not None:  # dropped
            position = span.pairs.index(pair)
            if _line_start(text, pair.key_start) <= span.dash:  # shares the '- ' line: pull the next key up
                following = span.pairs[position + 1] if position + 1 < len(span.pairs) else None
                end = following.key_start if following else pair.value_end
                edits.append((pair.key_start, end, ""))
            else:
                edits.append((_line_start(text, pair.key_start), _line_end(text, pair.value_end), ""))
        elif key in after:  # new key: after the last present key that comes before it
            earlier = [p for p in span.pairs if p.key in FIELD_ORDER[:FIELD_ORDER.index(key)]]
            anchor = max(earlier or span.pairs, key=lambda p: p.value_end)
            at = _line_end(text, anchor.value_end)
            lead = nl if at == len(text) and not text.endswith("\n") else ""
            line = " " * span.key_column + emit_pair(key, new_value, span.key_column, nl) + nl
            edits.append((at, at, lead + line))
    return _splice(text, edits)


def _entries_insert_point(text: str, lay: Layout) -> tuple[int, int, str]:
    """Where a new last entry goes: (index, dash column, text to put before the entry)."""
    nl = lay.newline
    if lay.entries:
        last = lay.entries[-1]
        at = _line_end(text, last.end)
        lead = nl if at == len(text) and not text.endswith("\n") else ""
        column = last.dash - _line_start(text, last.dash)
        return at, column, lead + nl
    raise LayoutError("'entries' is empty; add the first entry by hand")


def _append_entry(text: str, entry: Entry) -> str:
    """Add `entry` after the last entry, separated by one blank line."""
    lay = layout(text)
    if not lay.entries and lay.entries_node is not None:
        return _first_entry(text, lay, entry)
    at, column, lead = _entries_insert_point(text, lay)
    return _splice(text, [(at, at, lead + emit_entry(entry, column, lay.newline))])


def _first_entry(text: str, lay: Layout, entry: Entry) -> str:
    """`entries:` with nothing in it (empty, `[]` or `~`): write the list as a block."""
    node = lay.entries_node
    assert node is not None
    nl = lay.newline
    block = emit_entry(entry, 2, nl)
    start, end = node.start_mark.index, node.end_mark.index
    if start == end:  # `entries:` followed by nothing: put the block on the next line
        at = _line_end(text, start)
        lead = nl if at == len(text) and not text.endswith("\n") else ""
        return _splice(text, [(at, at, lead + block)])
    # `entries: []` or `entries: ~`: drop the value, keep the rest of that line, then the block
    line_end = _line_end(text, end)
    rest = text[end:line_end]
    if not rest.endswith("\n"):
        rest += nl
    return text[:start].rstrip(" ") + rest + block + text[line_end:]


def _remove_entry(text: str, entry_id: str) -> str:
    """Take out the entry's lines and one blank line that separated it from a neighbour."""
    lay = layout(text)
    span = _require(lay, entry_id)
    if len(lay.entries) == 1:
        raise LayoutError("cannot remove the only entry")
    start, end = _line_start(text, span.dash), _line_end(text, span.end)
    following = text[end:_line_end(text, end)]
    if end < len(text) and not following.strip():
        end = _line_end(text, end)  # the blank line after it
    elif start > 0:
        previous_start = _line_start(text, start - 1)
        if not text[previous_start:start].strip():
            start = previous_start  # or the blank line before it
    return text[:start] + text[end:]


def _replace_block(text: str, entry_id: str, block: str) -> str:
    """Put `block` (an entry's exact lines, e.g. from history) in place of entry `entry_id`'s lines."""
    span = _require(layout(text), entry_id)
    return text[:_line_start(text, span.dash)] + block + text[_line_end(text, span.end):]


def anchor(text: str, entry_id: str) -> str | None:
    """Where an entry stands, for putting it back after a remove: 'after:<id>' when a blank line
    separates it from the entry before, 'before:<id>' when comments above it (a section heading) lead
    into it. None when it is the only entry."""
    lay = layout(text)
    span = _require(lay, entry_id)
    previous = lay.entries[span.index - 1] if span.index > 0 else None
    following = lay.entries[span.index + 1] if span.index + 1 < len(lay.entries) else None
    start = _line_start(text, span.dash)
    line_before = text[_line_start(text, start - 1):start] if start > 0 else ""
    if previous is not None and (not line_before.strip() or following is None):
        return f"after:{previous.id}"
    if following is not None:
        return f"before:{following.id}"
    return None


def _insert_block(text: str, block: str, where: str | None = None) -> str:
    """Put an entry's exact lines back where `anchor()` said it stood (else after the last entry)."""
    lay = layout(text)
    nl = lay.newline
    if not block.endswith("\n"):
        block += nl
    side, _, other = (where or "").partition(":")
    span = lay.find(other) if other else None
    if span is not None and side == "before":
        at = _line_start(text, span.dash)
        return text[:at] + block + nl + text[at:]
    if span is not None and side == "after":
        at = _line_end(text, span.end)
        lead = nl if at == len(text) and not text.endswith("\n") else ""
        return text[:at] + lead + nl + block + text[at:]
    at, _column, lead = _entries_insert_point(text, lay)
    return text[:at] + lead + block + text[at:]


# --- the checked splices -------------------------------------------------------------------------------

def update_entry(text: str, old: Entry, new: Entry) -> str:
    """Rewrite the keys of entry `old.id` whose values differ in `new`; every other byte stays."""
    out = _update_entry(text, old, new)
    check_splice(text, out, old.id)
    return out


def append_entry(text: str, entry: Entry) -> str:
    """Add `entry` after the last entry, separated by one blank line."""
    out = _append_entry(text, entry)
    check_splice(text, out, entry.id)
    return out


def remove_entry(text: str, entry_id: str) -> str:
    """Take out the entry's lines and one blank line that separated it from a neighbour."""
    out = _remove_entry(text, entry_id)
    check_splice(text, out, entry_id)
    return out


def replace_block(text: str, entry_id: str, block: str) -> str:
    """Put `block` (an entry's exact lines, e.g. from history) in place of entry `entry_id`'s lines."""
    out = _replace_block(text, entry_id, block)
    check_splice(text, out, entry_id)
    return out


def insert_block(text: str, block: str, where: str | None = None) -> str:
    """Put an entry's exact lines back where `anchor()` said it stood (else after the last entry)."""
    out = _insert_block(text, block, where)
    check_splice(text, out, _block_id(block))
    return out
