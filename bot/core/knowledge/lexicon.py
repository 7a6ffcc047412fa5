"""A knowledge's own word lists: the optional lexicon.yaml beside its faq.yaml.

It holds the spellings, abbreviations and Korean names of the things its article names (the rule is at
the top of knowledge/lexicon.yaml); general vocabulary stays in the core's lexicon
(bot/core/answering/data/lexicon.yaml), and bot.core.answering.lexicon.merged puts the two together.
A folder without lexicon.yaml is read with the core's lexicon alone. The file is checked like faq.yaml:
each problem names file, line and column, and a bad lexicon fails the whole knowledge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.knowledge.problems import KnowledgeError, Problem, compose_yaml

FILE_NAME = "lexicon.yaml"
SECTIONS = ("variants", "korean_glossary")
#: What a variant or glossary entry turns text into: the lower-case words the normaliser's tokens are.
TOKENS = re.compile(r"[a-z0-9_\- ]+")


@dataclass(frozen=True)
class Lexicon:
    """Word lists the normaliser applies: `variants` (whole-word regex -> canonical token, applied in
    order) and `korean_glossary` (Korean term -> English tokens, the longest term first)."""

    variants: tuple[tuple[str, str], ...] = ()
    korean_glossary: tuple[tuple[str, str], ...] = ()
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Hashed once: the normaliser looks its compiled patterns up by the lexicon on every call.
        object.__setattr__(self, "_hash", hash((self.variants, self.korean_glossary)))

    def __hash__(self) -> int:
        return self._hash


def load_lexicon(folder: str | Path) -> tuple[Lexicon, bytes]:
    """The lexicon.yaml in `folder` and its bytes; an empty Lexicon and b"" when there is none."""
    path = Path(folder) / FILE_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Lexicon(), b""
    except OSError as exc:
        raise KnowledgeError([Problem(path, 1, 1, f"cannot read the lexicon: {exc.strerror or exc}")]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise KnowledgeError([Problem(path, line, 1, "the lexicon is not UTF-8 text")]) from exc
    return parse_lexicon(text, path), data


def parse_lexicon(text: str, path: str | Path) -> Lexicon:
    """Validate a lexicon's text as the file at `path`: a mapping of `variants` and `korean_glossary`,
    each a mapping of text to lower-case words; every variant must be a valid regular expression."""
    path = Path(path)
    root = compose_yaml(text, path)
    if root is None:
        return Lexicon()  # only comments: nothing to add
    problems: list[Problem] = []

    def problem(node: yaml.Node, message: str) -> None:
        problems.append(Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def pairs(node: yaml.Node, what: str) -> dict[str, tuple[str, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return {}
        if not isinstance(node, yaml.MappingNode):
            problem(node, f"{what} must be a mapping")
            return {}
        out: dict[str, tuple[str, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or not str(key.value).strip():
                problem(key, f"a key of {what} must be text")
            elif key.value in out:
                problem(key, f"duplicate key {key.value!r} in {what}")
            elif not isinstance(value, yaml.ScalarNode) or value.tag == "tag:yaml.org,2002:null" \
                    or not str(value.value).strip():
                problem(value, f"the value of {key.value!r} in {what} must be text")
            elif not TOKENS.fullmatch(str(value.value).strip()):
                problem(value, f"the value of {key.value!r} in {what} must be lower-case words "
                               "(letters, digits, '_', '-' and spaces)")
            else:
                out[key.value] = (str(value.value).strip(), key)
        return out

    sections: dict[str, dict[str, tuple[str, yaml.Node]]] = {}
    if not isinstance(root, yaml.MappingNode):
        problem(root, "the lexicon must be a mapping of " + " and ".join(SECTIONS))
    else:
        for key, value in root.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in SECTIONS:
                problem(key, f"unknown key {name!r} in the lexicon (allowed: {', '.join(SECTIONS)})")
            elif name in sections:
                problem(key, f"duplicate key {name!r} in the lexicon")
            else:
                sections[name] = pairs(value, f"'{name}'")
    variants = sections.get("variants", {})
    for pattern, (_, node) in variants.items():
        try:
            re.compile(f"(?:{pattern})")  # as the normaliser embeds it, between word boundaries
        except re.error as exc:
            problem(node, f"variant {pattern!r} is not a valid regular expression: {exc}")
    if problems:
        raise KnowledgeError(sorted(problems, key=lambda p: (p.line, p.column)))
    return Lexicon(tuple((k, v) for k, (v, _) in variants.items()),
                   tuple((k, v) for k, (v, _) in sections.get("korean_glossary", {}).items()))
