"""A knowledge folder's own lexicon.yaml: applied to that knowledge, optional, checked like faq.yaml; and the
core lexicon keeps to general vocabulary (this article's names live in knowledge/lexicon.yaml)."""

from __future__ import annotations

import re
import textwrap

import pytest
import yaml

import bot.cli
from bot.core.answering import lexicon
from bot.core.answering.dates import search_dates
from bot.core.answering.match import Matcher
from bot.core.answering.normalise import gloss, normalise
from bot.core.knowledge.faq import load_knowledge
from bot.core.knowledge.lexicon import Lexicon, load_lexicon
from bot.core.knowledge.problems import KnowledgeError
from bot.core.serving.live import LiveKnowledge
from bot.settings import BUNDLED_KNOWLEDGE

OWN_LEXICON = """\
variants:
  "camp\\\\s?david|cdv|c\\\\.d\\\\.v\\\\.": "camp_david"
korean_glossary:
  "캠데": "camp_david"
"""


def with_lexicon(path, text: str):
    (path.parent / "lexicon.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- a folder's lexicon.yaml is applied -------------------------------------------------------------

def test_a_knowledge_folders_lexicon_is_applied(make_knowledge):
    knowledge = load_knowledge(with_lexicon(make_knowledge(), OWN_LEXICON))
    assert knowledge.lexicon == Lexicon((("camp\\s?david|cdv|c\\.d\\.v\\.", "camp_david"),), (("캠데", "camp_david"),))
    matcher = Matcher(knowledge)
    assert matcher.normalise("Where was the C.D.V. summit?").tokens == ("camp_david", "summit")
    assert matcher.normalise("캠데 정상회의 어디").tokens == ("camp_david", "summit")
    assert matcher.normalise("U.S. drills").tokens == ("usa", "exercis")  # the core's words still apply
    assert "cdv" in matcher.speller.words  # a variant's plain spelling is a known word, never "corrected"
    assert gloss("캠데", matcher.lexicon) == "camp david"  # what the encoder reads
    assert [d.id for d in search_dates(knowledge, "cdv")] == ["summit"]
    assert "camp_david" not in normalise("cdv").tokens  # the bundled default does not know this folder's words


def test_the_knowledge_version_follows_its_lexicon(make_knowledge):
    path = make_knowledge()
    plain = load_knowledge(path).version
    with_lexicon(path, OWN_LEXICON)
    assert load_knowledge(path).version != plain


# --- a folder without one works with the core lexicon alone -------------------------------------------

def test_a_folder_without_a_lexicon_uses_the_core_alone(make_knowledge):
    knowledge = load_knowledge(make_knowledge())
    assert knowledge.lexicon == Lexicon()
    matcher = Matcher(knowledge)
    assert matcher.lexicon == lexicon.merged()
    assert matcher.normalise("U.S. and N. Korea drills").tokens == ("usa", "north_korea", "exercis")
    assert matcher.normalise("Camp David").tokens == ("camp", "david")  # the bundled article's name, not core's
    query = matcher.normalise("Where did the three leaders hold their first stand-alone summit?")
    assert matcher.match(query).ranked[0].candidate.key == "summit-venue"


def test_a_lexicon_of_comments_only_adds_nothing(make_knowledge):
    knowledge = load_knowledge(with_lexicon(make_knowledge(), "# nothing of its own yet\n"))
    assert knowledge.lexicon == Lexicon()


# --- a bad lexicon.yaml is a knowledge problem: file:line:column, no crash ------------------------------

def test_malformed_lexicon_names_file_line_and_column(make_knowledge):
    path = with_lexicon(make_knowledge(), 'variants:\n  "cdv": "camp_david"\n  "fki: "fki"\n')
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    problem = caught.value.first
    assert (problem.path, problem.line, problem.column) == (path.parent / "lexicon.yaml", 3, 3)
    line = str(problem)
    assert "\n" not in line and re.fullmatch(rf"{re.escape(str(path.parent / 'lexicon.yaml'))}:3:3: malformed YAML.+", line)


def test_check_reports_a_bad_lexicon_on_one_line(capsys, make_knowledge):
    path = with_lexicon(make_knowledge(), "variants:\n\t\"cdv\": \"camp_david\"\n")
    assert bot.cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path.parent / 'lexicon.yaml'}:2:1: malformed YAML")
    assert err[1] == f"{path}: 1 problem"


def test_lexicon_problems_are_listed_with_the_faqs(make_knowledge, minimal_faq):
    path = with_lexicon(make_knowledge(minimal_faq.replace("    answer:", "    colour: blue\n    answer:")), """\
        variants:
          "cdv(": "camp_david"
          "fki": ""
        glossary:
          "캠데": "camp_david"
        """)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    lexicon_file = path.parent / "lexicon.yaml"
    assert [(p.path, p.line, p.column) for p in caught.value.problems] == [
        (path, 14, 5), (lexicon_file, 2, 3), (lexicon_file, 3, 10), (lexicon_file, 4, 1)]
    messages = [p.message for p in caught.value.problems]
    assert messages[1].startswith("variant 'cdv(' is not a valid regular expression")
    assert messages[2] == "the value of 'fki' in 'variants' must be text"
    assert messages[3].startswith("unknown key 'glossary' in the lexicon")


@pytest.mark.parametrize("entry, message", [
    ('variants:\n  "(?i)cdv": "camp_david"\n', "variant '(?i)cdv' is not a valid regular expression"),
    ('variants:\n  "cdv": "Camp David"\n', "the value of 'cdv' in 'variants' must be lower-case words"),
    ('variants:\n  "cdv": "\\\\1"\n', "the value of 'cdv' in 'variants' must be lower-case words"),
    ('korean_glossary:\n  "캠데": [camp_david]\n', "the value of '캠데' in 'korean_glossary' must be text"),
    ('variants: [cdv]\n', "'variants' must be a mapping"),
    ('- cdv\n', "the lexicon must be a mapping"),
])
def test_what_the_normaliser_could_not_read_is_refused(make_knowledge, entry, message):
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(with_lexicon(make_knowledge(), entry))
    assert [p.message for p in caught.value.problems if p.message.startswith(message)]


def test_a_bad_lexicon_on_reload_keeps_the_last_good_knowledge(make_knowledge):
    path = make_knowledge()
    live = LiveKnowledge(path)
    good = live.knowledge
    with_lexicon(path, 'variants: ["cdv"\n')
    result = live.reload()
    assert not result.ok and live.knowledge is good
    assert f"{path.parent / 'lexicon.yaml'}:" in result.message
    assert live.ask("where was the first stand-alone summit").entry_id == "summit-venue"


# --- the core keeps to general vocabulary ------------------------------------------------------------

ARTICLE_NAMES = ("camp", "david", "fki", "chip4", "dokdo", "keidanren", "chamber", "si_ho", "comfort")


def test_the_core_lexicon_holds_none_of_this_articles_names():
    core = yaml.safe_load(lexicon.DATA_PATH.read_text(encoding="utf-8"))
    targets = [*core["country_variants"].values(), *core["variants"].values(), *core["korean_glossary"].values()]
    for name in (*ARTICLE_NAMES, "chip"):
        assert not [t for t in targets if name in t], name
    patterns = " ".join([*core["country_variants"], *core["variants"]])
    for name in ("camp", "david", "fki", "dokdo", "takeshima", "keidanren", "comfort", "si[\\s-]?ho"):
        assert name not in patterns, name
    for term in ("캠프", "데이비드", "칩4", "전경련", "경단련", "게이단렌", "상공회의소", "독도", "위안부", "시호"):
        assert not [k for k in core["korean_glossary"] if term in k], term


def test_the_bundled_knowledge_lexicon_holds_them():
    own = load_lexicon(BUNDLED_KNOWLEDGE.parent)[0]
    targets = {canonical for _, canonical in (*own.variants, *own.korean_glossary)}
    assert targets == {"camp_david", "fki", "keidanren", "chamber_of_commerce", "chip4", "si_ho_park",
                       "comfort_women", "dokdo"}
    assert normalise("캠프 데이비드").tokens == normalise("Camp David").tokens == ("camp_david",)


def test_names_are_read_after_countries_and_before_general_words():
    chip = lexicon.merged(Lexicon((("chip[\\s-]?4", "chip4"), ("usa chamber", "usa_chamber"))))
    assert normalise("chip 4 chips", lexicon=chip).tokens == ("chip4", "semiconductor")  # not "semiconductor 4"
    assert normalise("U.S. chamber", lexicon=chip).tokens == ("usa_chamber",)  # "U.S." was "usa" first


def test_the_bot_answers_with_the_served_knowledge_lexicon(make_knowledge):
    live = LiveKnowledge(with_lexicon(make_knowledge(), OWN_LEXICON))
    assert live.answerer.retriever.lexicon is live.answerer.timeline.lexicon is lexicon.merged(live.knowledge.lexicon)
    assert live.ask("where was the first stand-alone summit, the cdv one?").entry_id == "summit-venue"


def test_an_edited_lexicon_is_picked_up_like_an_edited_faq(make_knowledge):
    path = make_knowledge()
    live = LiveKnowledge(path)
    assert live.reload_if_changed() is None
    with_lexicon(path, OWN_LEXICON)
    result = live.reload_if_changed()
    assert result is not None and result.ok and result.changed
    assert live.knowledge.lexicon.variants and live.reload_if_changed() is None
    assert live.ask("where was the cdv summit?").entry_id == "summit-venue"
