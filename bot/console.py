"""The terminal adapter: renders core Answers and key dates as text, and runs the interactive chat."""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

from bot.core.answering.answer import Answer, describe_source
from bot.core.answering.dates import format_date, search_dates
from bot.core.knowledge.faq import KeyDate, Knowledge
from bot.core.serving.live import LiveKnowledge

WIDTH = 88
QUIT_WORDS = frozenset({"quit", "exit", "q", ":q", "bye", "종료", "그만"})
HELP = """Ask anything about the article, in English or Korean. Examples:
  when was the camp david summit?      what is chip 4?      캠프 데이비드 정상회의는 언제였어?
Commands: 'dates' lists the key dates, 'dates cyber' looks one up, a number picks a suggestion,
'help' shows this, 'quit' leaves."""


def _wrap(text: str, indent: str) -> str:
    """Each line of `text` filled to WIDTH (an answer to several questions keeps one line per question)."""
    return "\n".join(textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent + "  " * line.startswith("•"))
                     for line in text.split("\n"))


def render_answer(answer: Answer, knowledge: Knowledge) -> str:
    lines = [_wrap(answer.answer, "  ")]
    if answer.answered:
        where = describe_source(knowledge, answer.source)
        if answer.source is not None:
            lines.append(_wrap(f"Source: {where} of “{knowledge.article.title}”: “{answer.source.quote}”", "  "))
        else:
            lines.append(f"  Source: {where}")
        if answer.question_matched:
            lines.append(_wrap(f"(matched: {answer.question_matched} · score {answer.score:.0f})", "  "))
    elif answer.suggestions:
        lines.append("  Did you mean:")
        for number, suggestion in enumerate(answer.suggestions, start=1):
            lines.append(f"    {number}. {suggestion.question}")
    elif answer.reason != "empty":
        lines.append("  Try 'dates' for the article's key dates, or 'help' for examples.")
    return "\n".join(lines)


def render_date(key_date: KeyDate) -> str:
    quote = f"(paragraph {key_date.source.paragraph}: “{key_date.source.quote}”)" if key_date.source.paragraph \
        else "(article header)"
    return _wrap(f"{format_date(key_date)} — {key_date.event} {quote}", "  ")


def render_dates(knowledge: Knowledge, query: str | None = None) -> str:
    dates = search_dates(knowledge, query)
    if not dates:
        return f"  No key date matches {query!r}. Try 'dates' for all of them."
    return "\n".join(render_date(d) for d in sorted(dates, key=lambda d: d.sort_key))


def run_chat(live: LiveKnowledge, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    article = live.knowledge.article
    if interactive:
        print(f"Ask me about “{article.title}” by {article.author} ({article.published}). "
              "Type 'help' for examples, 'quit' to leave.", file=stdout)
    last: Answer | None = None
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT_WORDS:
            break
        live.reload_if_changed()  # pick up hand edits between questions; bad edits keep the old knowledge
        knowledge = live.knowledge
        if text.lower() == "help":
            print(HELP, file=stdout)
            continue
        if text.lower() == "dates" or text.lower().startswith("dates "):
            print(render_dates(knowledge, text[5:].strip() or None), file=stdout)
            continue
        if not interactive:
            print(f"Q: {text}", file=stdout)
        if text.isdigit() and last is not None and last.suggestions:
            if not 1 <= int(text) <= len(last.suggestions):
                print(f"  Pick a suggestion from 1 to {len(last.suggestions)}, or ask a question.", file=stdout)
                continue
            last = live.answer_entry(last.suggestions[int(text) - 1].entry_id)
        else:
            last = live.ask(text)
        print(render_answer(last, knowledge), file=stdout, flush=True)
    return 0
