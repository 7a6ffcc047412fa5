"""Loading and validating faq.yaml: every defect is reported with its exact file, line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge.faq import load_knowledge, parse_knowledge
from bot.core.knowledge.problems import KnowledgeError, Problem

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_FAQ = REPO_ROOT / "knowledge" / "faq.yaml"
BUNDLED_ARTICLE = REPO_ROOT / "knowledge" / "article.md"


def position(text: str, needle: str, at: str | None = None) -> tuple[int, int]:
    """1-based (line, column) of the first `needle` in text, or of `at` inside that needle."""
    index = text.index(needle)
    if at is not None:
        index += needle.index(at)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def problems_of(path) -> list[Problem]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(path)
    assert info.value.problems, "a KnowledgeError must carry at least one problem"
    return info.value.problems


def only_problem(path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def at(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def test_minimal_file_loads(make_knowledge):
    knowledge = load_knowledge(make_knowledge())
    assert [e.id for e in knowledge.entries] == ["summit-venue"]
    assert [d.id for d in knowledge.dates] == ["summit"]
    assert knowledge.entries[0].source.paragraph == 2
    assert len(knowledge.article.paragraphs) == 12


def test_problem_renders_as_file_line_column(make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq.replace("paragraph: 2\n      quote: \"first", "paragraph: 99\n      quote: \"first"))
    problem = only_problem(path)
    assert str(problem) == f"{path}:{problem.line}:{problem.column}: {problem.message}"
    assert str(problem).startswith(f"{path}:16:18: ")


# --- malformed YAML -----------------------------------------------------------------------------


def test_over_indented_key_points_at_that_key(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."', '      answer: "At Camp David."')
    problem = only_problem(make_knowledge(text))
    assert problem.message.startswith("malformed YAML")
    assert at(problem) == (14, 7) == position(text, "answer:")


def test_tab_indentation_points_at_the_tab(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."', '\tanswer: "At Camp David."')
    problem = only_problem(make_knowledge(text))
    assert "malformed YAML" in problem.message and "\\t" in problem.message
    assert at(problem) == (14, 1)


def test_unclosed_quote_points_at_the_opening_quote(make_knowledge, minimal_faq):
    # The scanner only notices at the end of the file; the useful place is where the quote opened.
    text = minimal_faq.replace('quote: "first stand-alone summit at Camp David"', 'quote: "first stand-alone summit at Camp David')
    problem = only_problem(make_knowledge(text))
    assert "malformed YAML" in problem.message and "quoted scalar" in problem.message
    assert at(problem) == (17, 14) == position(text, '"first stand-alone')


def test_missing_colon_points_at_the_line_without_it(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."', '    answer "At Camp David."')
    problem = only_problem(make_knowledge(text))
    assert "could not find expected ':'" in problem.message
    assert at(problem) == (14, 5)


def test_empty_file(make_knowledge):
    problem = only_problem(make_knowledge("# nothing but a comment\n"))
    assert at(problem) == (1, 1) and "empty" in problem.message


def test_top_level_must_be_a_mapping(make_knowledge):
    problem = only_problem(make_knowledge("- just\n- a list\n"))
    assert at(problem) == (1, 1) and "mapping" in problem.message


# --- keys ---------------------------------------------------------------------------------------


def test_missing_required_key_points_at_the_entry(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."\n', "")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "an entry is missing required key 'answer'"
    assert at(problem) == (12, 5) == position(text, "id: summit-venue")


def test_missing_required_key_of_a_date(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    event: "Summit at Camp David"\n', "")
    problem = only_problem(make_knowledge(text))
    assert "missing required key 'event'" in problem.message
    assert at(problem) == (4, 5)


def test_missing_top_level_entries(make_knowledge):
    problem = only_problem(make_knowledge("version: 1\narticle: article.md\n"))
    assert "missing required key 'entries'" in problem.message
    assert at(problem) == (1, 1)


def test_unknown_key_points_at_the_key(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."\n', '    answer: "At Camp David."\n    answr: "typo"\n')
    problem = only_problem(make_knowledge(text))
    assert problem.message.startswith("unknown key 'answr' in an entry")
    assert "allowed:" in problem.message
    assert at(problem) == (15, 5) == position(text, "answr:")


def test_unknown_key_in_a_source(make_knowledge, minimal_faq):
    text = minimal_faq.replace("      quote: \"in August 2023\"\n", "      quote: \"in August 2023\"\n      page: 3\n")
    problem = only_problem(make_knowledge(text))
    assert "unknown key 'page'" in problem.message
    assert at(problem) == position(text, "page: 3") == (11, 7)


def test_duplicate_key_in_an_entry(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    answer: "At Camp David."\n', '    answer: "At Camp David."\n    answer: "Again"\n')
    problem = only_problem(make_knowledge(text))
    assert "duplicate key 'answer'" in problem.message
    assert at(problem) == (15, 5)


# --- ids ----------------------------------------------------------------------------------------

SECOND_ENTRY = """\
  - id: {id}
    question: "Where was the summit held?"
    answer: "At Camp David."
    source:
      paragraph: 2
      quote: "Camp David"
"""


def test_duplicate_entry_ids(make_knowledge, minimal_faq):
    text = minimal_faq + SECOND_ENTRY.format(id="summit-venue")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "duplicate id 'summit-venue' (already used by the entry at line 12)"
    assert at(problem) == (18, 9)


def test_entry_id_duplicating_a_date_id(make_knowledge, minimal_faq):
    text = minimal_faq + SECOND_ENTRY.format(id="summit")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "duplicate id 'summit' (already used by the date at line 4)"
    assert at(problem) == (18, 9)


def test_badly_formed_id(make_knowledge, minimal_faq):
    text = minimal_faq.replace("id: summit-venue", "id: Summit Venue")
    problem = only_problem(make_knowledge(text))
    assert "lowercase letters, digits and dashes" in problem.message
    assert at(problem) == position(text, "Summit Venue")


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['""', "''", '"   "'])
def test_empty_answer(make_knowledge, minimal_faq, value):
    text = minimal_faq.replace('answer: "At Camp David."', f"answer: {value}")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "the answer of entry 'summit-venue' is empty"
    assert at(problem) == (14, 13)


def test_null_answer(make_knowledge, minimal_faq):
    text = minimal_faq.replace('answer: "At Camp David."', "answer:")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "the answer of entry 'summit-venue' must be text"
    assert at(problem) == (14, 12)  # right after "answer:"


def test_paragraph_that_does_not_exist(make_knowledge, minimal_faq):
    text = minimal_faq.replace('paragraph: 2\n      quote: "first', 'paragraph: 13\n      quote: "first')
    problem = only_problem(make_knowledge(text))
    assert problem.message == "entry 'summit-venue' cites paragraph 13, but the article has 12"
    assert at(problem) == (16, 18)


@pytest.mark.parametrize("value", ["-1", "two", "2.5"])
def test_paragraph_not_a_whole_number(make_knowledge, minimal_faq, value):
    text = minimal_faq.replace('paragraph: 2\n      quote: "first', f'paragraph: {value}\n      quote: "first')
    problem = only_problem(make_knowledge(text))
    assert "must be a whole number" in problem.message
    assert at(problem) == (16, 18)


def test_quote_not_verbatim(make_knowledge, minimal_faq):
    text = minimal_faq.replace('"first stand-alone summit at Camp David"', '"first standalone summit in Camp David"')
    problem = only_problem(make_knowledge(text))
    assert problem.message == "the quote of entry 'summit-venue' is not verbatim in paragraph 2"
    assert at(problem) == (17, 14)


def test_quote_in_another_paragraph_names_that_paragraph(make_knowledge, minimal_faq):
    text = minimal_faq.replace('"first stand-alone summit at Camp David"',
                               '"held the first trilateral Indo-Pacific Dialogue in Washington"')
    problem = only_problem(make_knowledge(text))
    assert problem.message.startswith("the quote of entry 'summit-venue' is not verbatim in paragraph 2")
    assert "(it is in paragraph 4 as 'held the first trilateral Indo-Pacific Dialogue in Washington')" in problem.message
    assert at(problem) == (17, 14)


def test_straight_apostrophe_hint_gives_the_articles_curly_text(make_knowledge, minimal_faq):
    # The article has "North Korea’s expanding threat" (curly ’); a straight ' is not verbatim.
    text = minimal_faq.replace('"first stand-alone summit at Camp David"', '"North Korea\'s expanding threat"')
    problem = only_problem(make_knowledge(text))
    assert "not verbatim in paragraph 2" in problem.message
    assert "(it is in paragraph 2 as 'North Korea’s expanding threat')" in problem.message


def test_quote_may_differ_in_runs_of_whitespace(make_knowledge, minimal_faq):
    text = minimal_faq.replace('"first stand-alone summit at Camp David"', '"first   stand-alone summit\\tat Camp David"')
    knowledge = load_knowledge(make_knowledge(text))
    assert knowledge.entries[0].source.paragraph == 2


def test_header_quote_paragraph_zero(make_knowledge, minimal_faq):
    good = minimal_faq.replace('paragraph: 2\n      quote: "first stand-alone summit at Camp David"',
                               'paragraph: 0\n      quote: "Si-ho Park"')
    assert load_knowledge(make_knowledge(good)).entries[0].source.paragraph == 0
    bad = minimal_faq.replace('paragraph: 2\n      quote: "first stand-alone summit at Camp David"',
                              'paragraph: 0\n      quote: "Jane Doe"')
    problem = only_problem(make_knowledge(bad, name="bad.yaml"))
    assert "not verbatim in the article's header" in problem.message
    assert at(problem) == (17, 14)


@pytest.mark.parametrize(
    "date, precision, bad",
    [
        ("2023-13", "month", "date"),  # no 13th month
        ("2023-02-30", "day", "date"),  # no 30 February
        ("2023-08", "day", "date"),  # form disagrees with precision
        ("2023", "month", "date"),
        ("August 2023", "month", "date"),
        ("2023-08", "week", "precision"),
    ],
)
def test_bad_date_or_precision(make_knowledge, minimal_faq, date, precision, bad):
    text = minimal_faq.replace('date: "2023-08"\n    precision: month', f'date: "{date}"\n    precision: {precision}')
    problem = only_problem(make_knowledge(text))
    if bad == "date":
        assert problem.message.startswith(f"'{date}' is not a valid date of {precision} precision")
        assert at(problem) == (5, 11)
    else:
        assert problem.message == "precision of date 'summit' must be one of year, month, day"
        assert at(problem) == (6, 16)


def test_year_inferred_must_be_a_boolean(make_knowledge, minimal_faq):
    text = minimal_faq.replace("    precision: month\n", "    precision: month\n    year_inferred: maybe\n")
    problem = only_problem(make_knowledge(text))
    assert problem.message == "year_inferred of date 'summit' must be true or false"
    assert at(problem) == (7, 20)


def test_year_inferred_is_read(make_knowledge, minimal_faq):
    text = minimal_faq.replace("    precision: month\n", "    precision: month\n    year_inferred: true\n")
    assert load_knowledge(make_knowledge(text)).dates[0].year_inferred is True
    assert load_knowledge(make_knowledge(minimal_faq, name="plain.yaml")).dates[0].year_inferred is False


# --- sources and the club tag -------------------------------------------------------------------

CLUB_ENTRY = """\
  - id: club-meetings
    question: "When does the newspaper club meet?"
    answer: "Every Tuesday after school."
"""


def test_sourceless_entry_not_tagged_club(make_knowledge, minimal_faq):
    text = minimal_faq + CLUB_ENTRY + "    tags: [events]\n"
    problem = only_problem(make_knowledge(text))
    assert problem.message == "entry 'club-meetings' has no source; only entries tagged 'club' may omit it"
    assert at(problem) == (18, 5)


def test_sourceless_entry_tagged_club_loads(make_knowledge, minimal_faq):
    knowledge = load_knowledge(make_knowledge(minimal_faq + CLUB_ENTRY + "    tags: [events, club]\n"))
    entry = knowledge.entry("club-meetings")
    assert entry is not None and entry.source is None and entry.is_club


def test_date_needs_a_source(make_knowledge, minimal_faq):
    text = minimal_faq.replace('    source:\n      paragraph: 2\n      quote: "in August 2023"\n', "", 1)
    problem = only_problem(make_knowledge(text))
    assert "missing required key 'source'" in problem.message
    assert at(problem) == (4, 5)


# --- files --------------------------------------------------------------------------------------


def test_non_utf8_file_names_the_line(make_knowledge, minimal_faq, tmp_path):
    path = make_knowledge(minimal_faq)
    path.write_bytes(minimal_faq.replace("At Camp David.", "At Camp Dav\xefd.").encode("latin-1"))
    problem = only_problem(path)
    assert problem.message == "the knowledge file is not UTF-8 text"
    assert problem.path == path
    assert at(problem) == (14, 1)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    problem = only_problem(path)
    assert problem.path == path and at(problem) == (1, 1)
    assert problem.message.startswith("cannot read the knowledge file")


def test_missing_article(make_knowledge, minimal_faq):
    text = minimal_faq.replace("article: article.md", "article: missing.md")
    problem = problems_of(make_knowledge(text))[0]
    assert problem.path.name == "missing.md" and at(problem) == (1, 1)
    assert "cannot read the article" in problem.message


def test_article_paragraph_numbering_is_checked(make_knowledge, minimal_faq, tmp_path):
    path = make_knowledge(minimal_faq)
    article = tmp_path / "article.md"
    lines = article.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("[5] "))
    lines[index] = "[7] " + lines[index][4:]
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(path)
    assert any(p.path.name == "article.md" and at(p) == (index + 1, 2) and "expected 5" in p.message
               for p in problems), [str(p) for p in problems]


def test_every_problem_is_reported_not_just_the_first(make_knowledge, minimal_faq):
    text = (minimal_faq.replace('answer: "At Camp David."', 'answer: ""')
            .replace('date: "2023-08"', 'date: "2023-99"')
            + SECOND_ENTRY.format(id="summit-venue"))
    problems = problems_of(make_knowledge(text))
    assert sorted(at(p) for p in problems) == [(5, 11), (14, 13), (18, 9)]


def test_parse_knowledge_validates_text_as_that_path(make_knowledge, minimal_faq):
    path = make_knowledge(minimal_faq)
    assert parse_knowledge(minimal_faq, path).entries[0].id == "summit-venue"
    with pytest.raises(KnowledgeError) as info:
        parse_knowledge(minimal_faq.replace('answer: "At Camp David."', 'answer: ""'), path)
    assert info.value.first.path == path and at(info.value.first) == (14, 13)


def test_version_changes_with_the_bytes(make_knowledge, minimal_faq):
    a = load_knowledge(make_knowledge(minimal_faq, name="a.yaml"))
    b = load_knowledge(make_knowledge(minimal_faq + "# a comment\n", name="b.yaml"))
    assert a.version != b.version


# --- the bundled knowledge ----------------------------------------------------------------------


def _article_text() -> tuple[dict, dict[int, str]]:
    """An independent reading of article.md: front matter and numbered paragraphs."""
    text = BUNDLED_ARTICLE.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    paragraphs = {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[(\d+)\] (.*)$", body, re.MULTILINE)}
    return yaml.safe_load(front), paragraphs


def _spaces(text: str) -> str:
    return " ".join(text.split())


def test_bundled_knowledge_loads_with_enough_entries(bundled_knowledge):
    assert len(bundled_knowledge.entries) >= 45
    ids = [e.id for e in bundled_knowledge.entries] + [d.id for d in bundled_knowledge.dates]
    assert len(ids) == len(set(ids))
    assert all(e.answer.strip() and e.question.strip() for e in bundled_knowledge.entries)


def test_bundled_article_paragraphs_are_the_files(bundled_knowledge):
    meta, paragraphs = _article_text()
    assert bundled_knowledge.article.paragraphs == tuple(paragraphs[n] for n in sorted(paragraphs))
    assert sorted(paragraphs) == list(range(1, len(paragraphs) + 1))
    assert bundled_knowledge.article.title == meta["title"]
    for chrome in ("메뉴", "좋아요", "조회수"):
        assert all(chrome not in p for p in bundled_knowledge.article.paragraphs)


def test_every_sourced_entry_quotes_its_paragraph_verbatim(bundled_knowledge):
    meta, paragraphs = _article_text()
    header = {str(v) for v in meta.values()} | {f"{meta['views']:,}"}
    for item in (*bundled_knowledge.entries, *bundled_knowledge.dates):
        source = item.source
        if source is None:
            assert "club" in item.tags, f"{item.id} has no source and is not tagged club"
            continue
        quote = _spaces(source.quote)
        if source.paragraph == 0:
            assert any(quote == v or quote in v for v in header), f"{item.id}: {quote!r} not in the header"
        else:
            assert source.paragraph in paragraphs, item.id
            assert quote in _spaces(paragraphs[source.paragraph]), f"{item.id}: {quote!r} not in ¶{source.paragraph}"


def test_bundled_key_dates(bundled_knowledge):
    dates = {d.date: d for d in bundled_knowledge.dates}
    summit = dates["2023-08"]
    assert summit.precision == "month" and not summit.year_inferred
    assert "Camp David" in summit.source.quote and "August 2023" in summit.source.quote
    for iso, stated in (("2023-10-22", "October 22"), ("2023-12-09", "December 9")):
        assert dates[iso].precision == "day" and dates[iso].year_inferred is True
        assert stated in dates[iso].source.quote
    january = dates["2024-01-05"]
    assert january.precision == "day" and not january.year_inferred
    assert "January 5, 2024" in january.source.quote
    # a year is only marked inferred when the quote itself does not state it
    for d in bundled_knowledge.dates:
        if d.source.paragraph:
            assert d.year_inferred == (d.date[:4] not in d.source.quote), d.id


def test_bundled_dates_are_sorted(bundled_knowledge):
    keys = [d.date for d in bundled_knowledge.dates]
    assert keys == sorted(keys)


def test_bundled_answers_never_state_an_inferred_year_as_fact(bundled_knowledge):
    for entry in bundled_knowledge.entries:
        for day in ("October 22", "December 9"):
            if re.search(rf"{day},? 20\d\d", entry.answer):
                pytest.fail(f"{entry.id} presents the inferred year as stated: {entry.answer!r}")
            if day in entry.answer and re.search(r"20\d\d", entry.answer):
                assert re.search(r"no year|not stated|inferred|from context", entry.answer), entry.id


def test_bundled_faq_is_the_default(bundled_knowledge):
    assert bundled_knowledge.path == BUNDLED_FAQ
