"""The article itself: metadata and numbered paragraphs, parsed from knowledge/article.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.knowledge.problems import KnowledgeError, Problem
from bot.core.text import collapse_spaces

_PARAGRAPH = re.compile(r"^\[(\d+)\]\s+(.*\S)\s*$")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])(?<!\.[A-Z]\.)|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"])")

#: Front-matter keys every article must carry.
METADATA_KEYS = ("title", "author", "role", "published", "issue", "section", "likes", "views")


@dataclass(frozen=True, slots=True)
class Sentence:
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its header (metadata) and its paragraphs, numbered from 1."""

    path: Path
    title: str
    author: str
    role: str
    published: str
    issue: int
    section: str
    likes: int
    views: int
    paragraphs: tuple[str, ...]
    headings: tuple[tuple[int, str], ...] = ()  # (first paragraph under it, heading text)

    @property
    def metadata_values(self) -> tuple[str, ...]:
        """The header's values as text: what a paragraph-0 source may quote."""
        return (self.title, self.author, self.role, self.published, str(self.issue), self.section,
                str(self.likes), str(self.views), f"{self.views:,}")

    def paragraph(self, number: int) -> str | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    def quote_in(self, quote: str, number: int) -> bool:
        """Is `quote` verbatim (up to runs of whitespace) in paragraph `number` (0 = header)?"""
        wanted = collapse_spaces(quote)
        if not wanted:
            return False
        if number == 0:  # a whole header value, or a long enough piece of one (the title)
            return any(wanted == value or (len(wanted) >= 8 and wanted in value) for value in self.metadata_values)
        text = self.paragraph(number)
        return text is not None and wanted in collapse_spaces(text)

    def find_quote(self, quote: str) -> tuple[int, str] | None:
        """Where a quote stands: (paragraph, the article's exact text of it), or None.

        Lenient about typographic quotes and spacing, so a moderator can paste a sentence typed
        with straight quotes; the text returned is the article's own, ready to store verbatim.
        """
        wanted = _loose(quote)
        if len(wanted) < 3:
            return None
        for number, text in enumerate(self.paragraphs, start=1):
            spaced = collapse_spaces(text)
            index = _loose(spaced).find(wanted)
            if index >= 0:
                return number, spaced[index:index + len(wanted)]
        return None

    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for number, text in enumerate(self.paragraphs, start=1):
            for part in _SENTENCE_END.split(collapse_spaces(text)):
                part = part.strip()
                if part:
                    out.append(Sentence(number, part))
        return tuple(out)


_LOOSE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _loose(text: str) -> str:
    """Same length as the spaced text: only one-for-one character swaps, then case-folded."""
    return collapse_spaces(text).translate(_LOOSE).lower()


def load_article(path: Path) -> Article:
    """Parse article.md; raise KnowledgeError naming file, line and column on any defect."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError([Problem(path, 1, 1, f"cannot read the article: {exc.strerror or exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError([Problem(path, 1, 1, f"the article is not UTF-8 text: {exc.reason}")]) from exc
    lines = text.splitlines()
    problems: list[Problem] = []
    if not lines or lines[0].strip() != "---":
        raise KnowledgeError([Problem(path, 1, 1, "the article must start with '---' front matter")])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise KnowledgeError([Problem(path, 1, 1, "the front matter is not closed with '---'")]) from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        column = mark.column + 1 if mark else 1
        raise KnowledgeError([Problem(path, line, column, f"malformed front matter: {getattr(exc, 'problem', exc)}")]) from exc
    if not isinstance(meta, dict):
        raise KnowledgeError([Problem(path, 2, 1, "the front matter must be a mapping")])
    for key in METADATA_KEYS:
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(path, 2, 1, f"front matter lacks '{key}'"))

    paragraphs: list[str] = []
    headings: list[tuple[int, str]] = []
    for index in range(end + 1, len(lines)):
        line = lines[index].strip()
        if not line:
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            if not line.startswith("# "):  # the top-level title is not a section heading
                headings.append((len(paragraphs) + 1, heading))
            continue
        match = _PARAGRAPH.match(line)
        if not match:
            problems.append(Problem(path, index + 1, 1, "a paragraph line must start with '[N] '"))
            continue
        number = int(match.group(1))
        if number != len(paragraphs) + 1:
            problems.append(Problem(path, index + 1, 2, f"paragraph numbered {number}, expected {len(paragraphs) + 1}"))
        paragraphs.append(match.group(2))
    if not paragraphs:
        problems.append(Problem(path, end + 2, 1, "the article has no paragraphs"))
    if problems:
        raise KnowledgeError(problems)
    return Article(
        path=path,
        title=str(meta["title"]),
        author=str(meta["author"]),
        role=str(meta["role"]),
        published=str(meta["published"]),
        issue=int(meta["issue"]),
        section=str(meta["section"]),
        likes=int(meta["likes"]),
        views=int(meta["views"]),
        paragraphs=tuple(paragraphs),
        headings=tuple(headings),
    )
