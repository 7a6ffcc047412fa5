"""What is wrong with a knowledge file, and where: every problem names file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge (faq.yaml, article.md or lexicon.yaml) is invalid; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the FAQ parses ~10x faster


def compose_yaml(text: str, path: Path) -> yaml.Node | None:
    """The YAML node tree of a knowledge file's text (None when it holds no document); malformed YAML
    raises KnowledgeError with the one place it went wrong."""
    try:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            # Report a malformed file with the pure-Python parser: its marks and wording are the ones
            # the problem messages (and their tests) are written for.
            return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        # A scanner error (unclosed quote, missing ':') is noticed lines later; where its token began is the place.
        mark = (exc.context_mark if isinstance(exc, yaml.scanner.ScannerError) else None) or exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "malformed YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise KnowledgeError([Problem(path, line, column, f"malformed YAML: {what}")]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError([Problem(path, 1, 1, f"malformed YAML: {exc}")]) from exc
