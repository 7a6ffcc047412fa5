"""Shared fixtures: the bundled knowledge (loaded once) and small knowledge files built in tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

# One embedding cache for this test run, shared with the commands the tests start (they inherit the
# environment): the sentence encoder encodes each knowledge text once, and no test touches ~/.cache.
os.environ.setdefault("BOT_CACHE_DIR", tempfile.mkdtemp(prefix="faqbot-cache-"))

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_FAQ = REPO_ROOT / "knowledge" / "faq.yaml"
BUNDLED_ARTICLE = REPO_ROOT / "knowledge" / "article.md"

#: A small valid knowledge file: one key date and one entry, both citing paragraph 2 of the real article.
MINIMAL_FAQ = """\
version: 1
article: article.md
dates:
  - id: summit
    date: "2023-08"
    precision: month
    event: "Summit at Camp David"
    source:
      paragraph: 2
      quote: "in August 2023"
entries:
  - id: summit-venue
    question: "Where did the three leaders hold their first stand-alone summit?"
    answer: "At Camp David."
    source:
      paragraph: 2
      quote: "first stand-alone summit at Camp David"
"""


@pytest.fixture
def minimal_faq() -> str:
    return MINIMAL_FAQ


@pytest.fixture(scope="session")
def bundled_knowledge():
    from bot.core.knowledge.faq import load_knowledge

    return load_knowledge(BUNDLED_FAQ)


@pytest.fixture(scope="session")
def answerer(bundled_knowledge):
    from bot.core.answering.answer import Answerer

    return Answerer(bundled_knowledge)


@pytest.fixture
def make_knowledge(tmp_path):
    """make_knowledge(yaml_text, name='faq.yaml') -> path of a faq file next to a copy of the real article."""
    shutil.copy(BUNDLED_ARTICLE, tmp_path / "article.md")

    def make(text: str = MINIMAL_FAQ, name: str = "faq.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make


@pytest.fixture
def run_bot():
    """run_bot(*args, input=None, env=None) -> CompletedProcess of `python -m bot ARGS` from the repo root.

    BOT_KNOWLEDGE is removed from the environment unless `env` sets it, so the default is the bundled file.
    """
    import os
    import subprocess
    import sys

    def run(*args, input=None, env=None, text=True):
        environment = {k: v for k, v in os.environ.items() if k != "BOT_KNOWLEDGE"}
        environment.update(env or {})
        return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO_ROOT, input=input, env=environment,
                              capture_output=True, text=text, encoding="utf-8" if text else None, timeout=60)

    return run
