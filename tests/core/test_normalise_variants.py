"""The variant replacements skip patterns by first letters; that must never change the result."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answering import lexicon
from bot.core.answering.normalise import _alternatives, _apply_variants, _rules, _triggers, clean
from bot.core.knowledge.lexicon import load_lexicon
from bot.settings import BUNDLED_KNOWLEDGE

VARIANTS = _rules(None).variants  # the bundled lexicon: the core's and knowledge/lexicon.yaml's

WORDS = ["us", "u.s.", "u.s", "america", "north korea", "n. korea", "dprk", "nk", "chip 4", "chips", "evs",
         "ev", "drills", "camp david", "indo-pacific", "korea-us-japan", "usa chamber of commerce",
         "japan business federation", "the three countries", "stand-alone", "si-ho park", "issue number",
         "when", "what", "summit", "2023", "october", "crypto", "hackers", "real-time", "air forces", "4가"]


def every_pattern(text: str) -> str:
    for pattern, canonical, _ in VARIANTS:
        text = pattern.sub(canonical, text)
    return text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz .-4", max_size=8),
                max_size=12))
def test_skipping_patterns_gives_the_same_text_as_running_them_all(words):
    text = clean(" ".join(words)).lower()
    assert _apply_variants(text, VARIANTS) == every_pattern(text)


def test_every_lexicon_variant_is_in_use():
    own = load_lexicon(BUNDLED_KNOWLEDGE.parent)[0].variants  # knowledge/lexicon.yaml
    romanized = _rules(None).romanized  # the glossary's terms in Latin letters, read after the listed variants
    assert own and romanized
    assert len(VARIANTS) == len(lexicon.COUNTRY_VARIANTS) + len(own) + len(lexicon.VARIANTS) + len(romanized)


def test_triggers_of_a_pattern():
    assert _alternatives("a|b(c|d)|e") == ["a", "b(c|d)", "e"]
    assert _triggers("drills?|exercises?") == frozenset({"dr", "ex"})
    assert _triggers("e\\.v\\.s?|evs?") == frozenset({"e", "ev"})
    assert _triggers("s?korea") is None  # an optional first letter: the pattern always runs
    assert _triggers("(?<=china[\\s-])us\\b") is None
