"""The knowledge base: FAQ entries, key dates and the article, loaded and validated from faq.yaml (with
the folder's own word lists, lexicon.yaml, when it has one: bot/core/knowledge/lexicon.py).

Every defect is reported with file, line and column (see bot.core.knowledge.problems). Loading never
half-succeeds: it returns a complete, valid Knowledge or raises KnowledgeError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge.article import Article, load_article
from bot.core.knowledge.lexicon import Lexicon, load_lexicon
from bot.core.knowledge.problems import KnowledgeError, Problem, compose_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
PRECISIONS = ("year", "month", "day")
CLUB_TAG = "club"

TOP_KEYS = {"version": False, "article": True, "dates": False, "entries": True}
ENTRY_KEYS = {"id": True, "question": True, "alternates": False, "answer": True, "source": False, "tags": False}
DATE_KEYS = {"id": True, "date": True, "precision": True, "year_inferred": False, "event": True, "source": True}
SOURCE_KEYS = {"paragraph": True, "quote": True}


@dataclass(frozen=True, slots=True)
class Source:
    paragraph: int  # 0 = the article's header (title, author, date, ...)
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    question: str
    answer: str
    alternates: tuple[str, ...] = ()
    source: Source | None = None
    tags: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.question, *self.alternates)

    @property
    def is_club(self) -> bool:
        return CLUB_TAG in self.tags


@dataclass(frozen=True, slots=True)
class KeyDate:
    id: str
    date: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # year | month | day
    event: str
    source: Source
    year_inferred: bool = False

    @property
    def sort_key(self) -> tuple[int, int, int]:
        parts = [int(p) for p in self.date.split("-")] + [0, 0]
        return parts[0], parts[1], parts[2]


@dataclass(frozen=True, slots=True)
class Knowledge:
    path: Path
    article: Article
    entries: tuple[Entry, ...]
    dates: tuple[KeyDate, ...]
    version: str  # short content hash of faq.yaml and lexicon.yaml: changes whenever either does
    lexicon: Lexicon = field(default_factory=Lexicon)  # the folder's lexicon.yaml (empty without one)
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entries)

    def entry(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)


def load_knowledge(path: str | Path) -> Knowledge:
    """Read and validate faq.yaml (and the article it names, and the lexicon.yaml beside it)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError([Problem(path, 1, 1, f"cannot read the knowledge file: {exc.strerror or exc}")]) from exc
    return decode_knowledge(data, path)


def decode_knowledge(data: bytes, path: str | Path) -> Knowledge:
    """Validate the knowledge file's bytes as read from `path`."""
    path = Path(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KnowledgeError([Problem(path, line, 1, "the knowledge file is not UTF-8 text")]) from exc
    return parse_knowledge(text, path)


def parse_knowledge(text: str, path: str | Path) -> Knowledge:
    """Validate knowledge given as text (e.g. a proposed edit) as if it were the file at `path`."""
    path = Path(path)
    root = _compose(text, path)
    return _Validator(path, root).build(text)


def _compose(text: str, path: Path) -> yaml.Node:
    root = compose_yaml(text, path)
    if root is None:
        raise KnowledgeError([Problem(path, 1, 1, "the knowledge file is empty")])
    return root


class _Validator:
    """Walks the composed YAML nodes, so each problem can point at its line and column."""

    def __init__(self, path: Path, root: yaml.Node):
        self.path = path
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    def mapping(self, node: yaml.Node, keys: dict[str, bool], what: str) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                allowed = ", ".join(keys)
                self.problem(key_node, f"unknown key {key!r} in {what} (allowed: {allowed})")
            elif key in out:
                self.problem(key_node, f"duplicate key {key!r} in {what}")
            else:
                out[key] = value_node
        for key, required in keys.items():
            if required and key not in out:
                self.problem(node, f"{what} is missing required key {key!r}")
        return out

    def text(self, node: yaml.Node | None, what: str, *, required: bool = True) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            if required or not isinstance(node, yaml.ScalarNode):
                self.problem(node, f"{what} must be text")
            return None
        value = str(node.value).strip()
        if required and not value:
            self.problem(node, f"{what} is empty")
            return None
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"\d+", str(node.value).strip()):
            return int(node.value)
        self.problem(node, f"{what} must be a whole number")
        return None

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return ()
        out = []
        for item in node.value:
            value = self.text(item, f"an item of {what}")
            if value:
                out.append(value)
        return tuple(out)

    def build(self, text: str) -> Knowledge:
        top = self.mapping(self.root, TOP_KEYS, "the knowledge file")
        if top is None:
            raise KnowledgeError(self.problems)
        article = None
        if "article" in top:
            name = self.text(top["article"], "'article'")
            if name:
                try:
                    article = load_article((self.path.parent / name).resolve())
                except KnowledgeError as exc:
                    self.problems.extend(exc.problems)
        if "version" in top:
            self.integer(top["version"], "'version'")
        seen: dict[str, str] = {}
        dates = self.dates(top.get("dates"), article, seen)
        entries = self.entries(top.get("entries"), article, seen)
        digest = hashlib.sha256(text.encode("utf-8"))
        lexicon = Lexicon()
        try:
            lexicon, lexicon_bytes = load_lexicon(self.path.parent)
            if lexicon_bytes:
                digest.update(b"\0lexicon.yaml\0" + lexicon_bytes)
        except KnowledgeError as exc:
            self.problems.extend(exc.problems)
        if self.problems or article is None:
            raise KnowledgeError(self.problems or [Problem(self.path, 1, 1, "no article")])
        return Knowledge(self.path, article, entries, dates, digest.hexdigest()[:12], lexicon)

    def check_id(self, node: yaml.Node | None, what: str, seen: dict[str, str]) -> str | None:
        value = self.text(node, f"{what} id") if node is not None else None
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.problem(node, f"id {value!r} must be lowercase letters, digits and dashes")
        elif value in seen:
            self.problem(node, f"duplicate id {value!r} (already used by {seen[value]})")
        else:
            seen[value] = f"the {what} at line {node.start_mark.line + 1}"
        return value

    def source(self, node: yaml.Node, article: Article | None, owner: str) -> Source | None:
        fields = self.mapping(node, SOURCE_KEYS, f"the source of {owner}")
        if not fields or "paragraph" not in fields or "quote" not in fields:
            return None
        paragraph = self.integer(fields["paragraph"], f"the source paragraph of {owner}")
        quote = self.text(fields["quote"], f"the source quote of {owner}")
        if paragraph is None or quote is None or article is None:
            return None
        if paragraph > len(article.paragraphs):
            self.problem(fields["paragraph"],
                         f"{owner} cites paragraph {paragraph}, but the article has {len(article.paragraphs)}")
            return None
        if not article.quote_in(quote, paragraph):
            found = article.find_quote(quote)
            hint = f" (it is in paragraph {found[0]} as {found[1]!r})" if found else ""
            where = "the article's header" if paragraph == 0 else f"paragraph {paragraph}"
            self.problem(fields["quote"], f"the quote of {owner} is not verbatim in {where}{hint}")
            return None
        return Source(paragraph, quote)

    def entries(self, node: yaml.Node | None, article: Article | None, seen: dict[str, str]) -> tuple[Entry, ...]:
        if node is None or not isinstance(node, yaml.SequenceNode):
            if node is not None:
                self.problem(node, "'entries' must be a list of entries")
            return ()
        out = []
        for item in node.value:
            fields = self.mapping(item, ENTRY_KEYS, "an entry")
            if fields is None:
                continue
            entry_id = self.check_id(fields.get("id"), "entry", seen)
            owner = f"entry {entry_id!r}" if entry_id else "this entry"
            question = self.text(fields.get("question"), f"the question of {owner}")
            answer = self.text(fields.get("answer"), f"the answer of {owner}")
            alternates = self.texts(fields.get("alternates"), f"the alternates of {owner}")
            tags = self.texts(fields.get("tags"), f"the tags of {owner}")
            source = None
            if "source" in fields:
                source = self.source(fields["source"], article, owner)
            elif CLUB_TAG not in tags:
                self.problem(item, f"{owner} has no source; only entries tagged '{CLUB_TAG}' may omit it")
            if entry_id and question and answer:
                out.append(Entry(entry_id, question, answer, alternates, source, tags))
        return tuple(out)

    def dates(self, node: yaml.Node | None, article: Article | None, seen: dict[str, str]) -> tuple[KeyDate, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'dates' must be a list of key dates")
            return ()
        out = []
        for item in node.value:
            fields = self.mapping(item, DATE_KEYS, "a key date")
            if fields is None:
                continue
            date_id = self.check_id(fields.get("id"), "date", seen)
            owner = f"date {date_id!r}" if date_id else "this date"
            value = self.text(fields.get("date"), f"the date of {owner}")
            precision = self.text(fields.get("precision"), f"the precision of {owner}")
            event = self.text(fields.get("event"), f"the event of {owner}")
            inferred = False
            if "year_inferred" in fields:
                flag = fields["year_inferred"]
                if isinstance(flag, yaml.ScalarNode) and flag.tag == "tag:yaml.org,2002:bool":
                    inferred = flag.value.lower() in ("true", "yes", "on")
                else:
                    self.problem(flag, f"year_inferred of {owner} must be true or false")
            if value is not None and precision is not None:
                if precision not in PRECISIONS:
                    self.problem(fields["precision"], f"precision of {owner} must be one of {', '.join(PRECISIONS)}")
                elif not _valid_date(value, precision):
                    self.problem(fields["date"], f"{value!r} is not a valid date of {precision} precision "
                                                 "(use YYYY, YYYY-MM or YYYY-MM-DD)")
            source = self.source(fields["source"], article, owner) if "source" in fields else None
            if date_id and value and precision in PRECISIONS and event and source and _valid_date(value, precision):
                out.append(KeyDate(date_id, value, precision, event, source, inferred))
        return tuple(sorted(out, key=lambda d: d.sort_key))


def _valid_date(value: str, precision: str) -> bool:
    forms = {"year": (r"\d{4}", "%Y"), "month": (r"\d{4}-\d{2}", "%Y-%m"), "day": (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d")}
    pattern, fmt = forms[precision]
    if not re.fullmatch(pattern, value):
        return False
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True
