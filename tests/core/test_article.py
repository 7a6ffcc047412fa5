"""The article: metadata, numbered paragraphs, verbatim quotes, sentences for the fact base, and its errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge.article import collapse_spaces, load_article
from bot.core.knowledge.problems import KnowledgeError

ARTICLE = Path(__file__).resolve().parents[2] / "knowledge" / "article.md"


@pytest.fixture(scope="module")
def article():
    return load_article(ARTICLE)


def raw_paragraphs() -> dict[int, str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[(\d+)\] (.*)$", text, re.MULTILINE)}


def test_metadata_comes_from_front_matter(article):
    front = yaml.safe_load(ARTICLE.read_text(encoding="utf-8").split("---\n")[1])
    assert article.title == front["title"]
    assert article.author == front["author"]
    assert article.role == front["role"]
    assert article.published == str(front["published"])
    assert (article.issue, article.section, article.likes, article.views) == (
        front["issue"], front["section"], front["likes"], front["views"])


def test_paragraphs_are_numbered_from_one(article):
    paragraphs = raw_paragraphs()
    assert len(article.paragraphs) == len(paragraphs) == max(paragraphs)
    for number, text in paragraphs.items():
        assert article.paragraph(number) == text
    assert article.paragraph(0) is None and article.paragraph(len(paragraphs) + 1) is None


def test_section_headings_are_not_paragraphs(article):
    assert [h for _, h in article.headings] == [
        "Purpose and Process of Strengthening Trilateral Cooperation",
        "Cooperation in Fields: Military Security, Technology, and Economy",
    ]
    assert all(not p.startswith("#") for p in article.paragraphs)
    # the first heading stands before paragraph 2, the second before paragraph 7
    assert [n for n, _ in article.headings] == [2, 7]


def test_quote_in_paragraph_is_verbatim_up_to_spacing(article):
    assert article.quote_in("held a first stand-alone summit at Camp David", 2)
    assert article.quote_in("held  a first\nstand-alone   summit", 2)
    assert not article.quote_in("held a first stand-alone summit at Camp David", 3)
    assert not article.quote_in("held a first standalone summit", 2)
    assert not article.quote_in("   ", 2)
    assert not article.quote_in("Camp David", 99)
    # the article's typography counts: a straight apostrophe is not the article's ’
    assert article.quote_in("North Korea’s expanding threat", 2)
    assert not article.quote_in("North Korea's expanding threat", 2)


def test_quote_in_header(article):
    for value in ("Si-ho Park", "Reporter", "2024-02-20", "21", "World", "9433", "9,433"):
        assert article.quote_in(value, 0), value
    assert article.quote_in("Strengthen Trilateral Cooperation", 0)  # a long enough piece of the title
    assert not article.quote_in("Wor", 0)  # a fragment of a short value is not a quote of it
    assert not article.quote_in("Jane Doe", 0)


def test_find_quote_is_lenient_and_returns_the_articles_text(article):
    assert article.find_quote("north korea's expanding threat") == (2, "North Korea’s expanding threat")
    assert article.find_quote('new alliances through "Chip 4."') == (9, "new alliances through “Chip 4.”")
    assert article.find_quote("the   AIR forces of South Korea") == (3, "the air forces of South Korea")
    assert article.find_quote("not in the article at all") is None
    assert article.find_quote("ab") is None


def test_sentences_cover_every_paragraph_verbatim(article):
    sentences = article.sentences()
    assert {s.paragraph for s in sentences} == set(range(1, len(article.paragraphs) + 1))
    for number, text in enumerate(article.paragraphs, start=1):
        parts = [s.text for s in sentences if s.paragraph == number]
        for part in parts:
            assert part in collapse_spaces(text)
        # nothing lost but the spaces between sentences
        assert "".join(parts).replace(" ", "") == collapse_spaces(text).replace(" ", "")


def test_sentences_do_not_split_after_an_abbreviation(article):
    # "... with the Japan Business Federation and the U.S. Chamber of Commerce." is one sentence.
    paragraph_10 = [s.text for s in article.sentences() if s.paragraph == 10]
    assert any(s.endswith("the U.S. Chamber of Commerce.") for s in paragraph_10), paragraph_10
    assert "Chamber of Commerce." not in paragraph_10


def test_sentences_keep_a_closing_quotation_mark(article):
    paragraph_9 = [s.text for s in article.sentences() if s.paragraph == 9]
    assert paragraph_9[0].endswith("with new alliances through “Chip 4.”"), paragraph_9[0][-40:]
    assert paragraph_9[1].startswith("They are expanding")


def test_sentences_split_where_a_sentence_ends(article):
    paragraph_3 = [s.text for s in article.sentences() if s.paragraph == 3]
    assert paragraph_3[0] == "After the Camp David summit, the three countries began full cooperation."
    assert paragraph_3[1].startswith("On October 22,the air forces")
    assert len(paragraph_3) == 4


# --- errors ---------------------------------------------------------------------------------------


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return path


def failure(path: Path):
    with pytest.raises(KnowledgeError) as info:
        load_article(path)
    return info.value.problems


HEADER = ('---\ntitle: "T"\nauthor: "A"\nrole: "R"\npublished: 2024-02-20\nissue: 1\nsection: "S"\n'
          "likes: 0\nviews: 0\n---\n")


def test_minimal_article_loads(tmp_path):
    article = load_article(write(tmp_path, HEADER + "\n[1] One.\n\n[2] Two. Three.\n"))
    assert article.paragraphs == ("One.", "Two. Three.")
    assert [s.text for s in article.sentences()] == ["One.", "Two.", "Three."]


def test_no_front_matter(tmp_path):
    [problem] = failure(write(tmp_path, "[1] Text.\n"))
    assert (problem.line, problem.column) == (1, 1) and "front matter" in problem.message


def test_unclosed_front_matter(tmp_path):
    [problem] = failure(write(tmp_path, "---\ntitle: x\n[1] Text.\n"))
    assert (problem.line, problem.column) == (1, 1) and "not closed" in problem.message


def test_missing_metadata_key(tmp_path):
    problems = failure(write(tmp_path, HEADER.replace('author: "A"\n', "") + "[1] Text.\n"))
    assert [p.message for p in problems] == ["front matter lacks 'author'"]


def test_malformed_front_matter_points_into_the_file(tmp_path):
    # the over-indented key is on line 4 of the file (line 3 of the front matter)
    [problem] = failure(write(tmp_path, HEADER.replace('role: "R"', '  role: "R"') + "[1] One.\n"))
    assert problem.message.startswith("malformed front matter")
    assert (problem.line, problem.column) == (4, 3)


def test_paragraph_line_without_number(tmp_path):
    [problem] = failure(write(tmp_path, HEADER + "[1] One.\nA stray line.\n"))
    assert (problem.line, problem.column) == (12, 1)
    assert "must start with '[N] '" in problem.message


def test_paragraph_numbers_must_follow_on(tmp_path):
    [problem] = failure(write(tmp_path, HEADER + "[1] One.\n[3] Three.\n"))
    assert (problem.line, problem.column) == (12, 2)
    assert problem.message == "paragraph numbered 3, expected 2"


def test_article_without_paragraphs(tmp_path):
    [problem] = failure(write(tmp_path, HEADER + "# Only a title\n"))
    assert "no paragraphs" in problem.message


def test_article_not_utf8(tmp_path):
    path = tmp_path / "article.md"
    path.write_bytes((HEADER + "[1] Caf\xe9.\n").encode("latin-1"))
    [problem] = failure(path)
    assert "not UTF-8" in problem.message and problem.path == path
