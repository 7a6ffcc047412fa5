"""`python -m bot chat`: the terminal console, driven through piped stdin."""

from __future__ import annotations

import io
import re

from bot.console import render_answer, run_chat
from bot.core.answering.dates import format_date
from bot.core.serving.live import LiveKnowledge


def flat(text: str) -> str:
    """Output with its line wrapping undone (textwrap also breaks after a word's hyphen)."""
    return " ".join(re.sub(r"(?<=\w-)\n\s+", "", text).split())


def chat(live: LiveKnowledge, lines: list[str], stdin_class=io.StringIO) -> str:
    stdin, stdout = stdin_class("\n".join(lines) + "\n"), io.StringIO()
    assert run_chat(live, stdin=stdin, stdout=stdout) == 0
    return stdout.getvalue()


def test_piped_session(run_bot, bundled_knowledge):
    script = ["when was the camp david summit", "When did the air forces start?", "1", "", "dates", "dates cyber",
              "dates camp david", "help", "quit", "what is chip 4"]
    result = run_bot("chat", input="\n".join(script) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    text = flat(out)
    title = bundled_knowledge.article.title

    # 1. an answer with its source
    summit = bundled_knowledge.entry("camp-david-when")
    first = text.index("Q: when was the camp david summit")
    assert text.index(flat(summit.answer), first) > first
    assert f"Source: Paragraph 2 of “{title}”: “{summit.source.quote}”" in text

    # 2. suggestions, numbered
    second = text.index("Q: When did the air forces start?")
    suggestions = re.findall(r"^ {4}(\d)\. (.+)$", out, re.MULTILINE)
    assert 1 <= len(suggestions) <= 3 and [n for n, _ in suggestions] == [str(i + 1) for i in range(len(suggestions))]
    assert text.index("Did you mean:", second) > second

    # 3. picking "1" answers the first suggestion
    picked = next(e for e in bundled_knowledge.entries if e.question == suggestions[0][1])
    third = text.index("Q: 1")
    assert text.index(flat(picked.answer), third) > third
    assert f"(matched: {picked.question}" in text

    # 4. dates: all of them in time order, then the looked-up ones
    shown = [format_date(d) for d in sorted(bundled_knowledge.dates, key=lambda d: d.sort_key)]
    positions = [text.index(s, third) for s in shown]
    assert positions == sorted(positions)
    after_all = positions[-1]
    cyber = next(d for d in bundled_knowledge.dates if d.id == "cyber-initiatives")
    assert text.index(format_date(cyber), after_all) > after_all

    # 5. help, then quit ends the session: the question after it is never answered
    assert "'quit' leaves" in text
    assert "chip 4" not in text.split("'quit' leaves.")[-1].lower()
    assert "Q: what is chip 4" not in text


def test_no_prompt_or_banner_when_piped(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["what is chip 4"])
    assert out.startswith("Q: what is chip 4\n")
    assert "> " not in out.splitlines()[0]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_interactive_session_has_banner_and_prompts(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["what is chip 4", "exit"], stdin_class=Terminal)
    article = bundled_knowledge.article
    assert out.startswith(f"Ask me about “{article.title}” by {article.author} ({article.published}).")
    assert out.count("> ") == 2  # one prompt per line read
    assert "Q: " not in out  # the member typed it; no echo
    assert flat(bundled_knowledge.entry("chip4-what").answer) in flat(out)


def test_end_of_input_ends_the_session(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    stdout = io.StringIO()
    assert run_chat(live, stdin=io.StringIO(""), stdout=stdout) == 0
    assert stdout.getvalue() == ""


def test_quit_words(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    for word in ("quit", "QUIT", "exit", "q", "bye", "종료", "그만"):
        assert chat(live, [word, "what is chip 4"]) == "", word


def test_a_number_without_suggestions_is_not_answered_with_a_fact(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["what is chip 4", "1"])
    reply = out.split("Q: 1")[1]
    assert "Source:" not in reply, reply


def test_out_of_range_pick_is_not_answered_with_a_fact(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["When did the air forces start?", "9"])
    reply = out.split("Q: 9")[1]
    assert "Source:" not in reply, reply


def test_a_number_after_an_abstention_without_suggestions(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["who won the world cup", "2"])
    assert "Q: 2" in out  # no suggestion to pick: it is read as a question, and gets a reply
    assert out.split("Q: 2")[1].strip()


def test_dates_with_no_match(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["dates zebra crossing"])
    assert "No key date matches 'zebra crossing'" in out


def test_empty_and_odd_lines(bundled_knowledge):
    live = LiveKnowledge(bundled_knowledge.path)
    out = chat(live, ["   ", "\u200b", "🤔", "@everyone", "متى"])
    assert "Traceback" not in out
    assert out.count("Q: ") == 4  # the blank line is skipped; each other line gets a reply
    assert "Ask me a question about the article" in out


def test_chat_picks_up_a_valid_edit_and_survives_a_bad_one(make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq)
    live = LiveKnowledge(path)
    club = minimal_faq + ('  - id: club-meetings\n    question: "When does the newspaper club meet?"\n'
                          '    answer: "Every Tuesday after school."\n    tags: [club]\n')

    class Editing(io.StringIO):
        """Hand-edits the knowledge file after the first question, and breaks it after the second."""

        def __init__(self, text):
            super().__init__(text)
            self.reads = 0

        def readline(self, *args):
            self.reads += 1
            if self.reads == 2:
                path.write_text(club, encoding="utf-8")
            if self.reads == 3:
                path.write_text(club.replace("id: club-meetings", "id: summit-venue"), encoding="utf-8")
            return super().readline(*args)

    out = chat(live, ["when does the club meet", "when does the club meet", "when does the club meet"],
               stdin_class=Editing)
    replies = out.split("Q: when does the club meet")[1:]
    assert "Every Tuesday" not in replies[0]
    assert "Every Tuesday after school." in replies[1]
    assert "Every Tuesday after school." in replies[2]  # the broken edit kept the last good knowledge
    assert "Club FAQ (not from the article)" in replies[1]


def test_render_answer_of_a_fact_and_of_an_abstention(bundled_knowledge, answerer):
    abstained = render_answer(answerer.ask("who won the world cup"), bundled_knowledge)
    assert abstained.splitlines() == ["  The article doesn't say.",
                                      "  Try 'dates' for the article's key dates, or 'help' for examples."]
    empty = render_answer(answerer.ask(""), bundled_knowledge)
    assert "Try 'dates'" not in empty and "question" in empty


def test_chat_with_invalid_knowledge_exits_2(run_bot, make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace("id: summit-venue", "id: summit"))
    result = run_bot("chat", "--knowledge", str(path), input="hello\n")
    assert result.returncode == 2
    assert f"{path}:12:9: duplicate id 'summit'" in result.stderr
    assert result.stdout == ""
