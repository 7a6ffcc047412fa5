"""Korean typed in Latin letters reads like the Hangul: "bukhan" is 북한 (north_korea)."""

from __future__ import annotations

from bot.core.answering.normalise import normalise
from bot.core.answering import lexicon
from bot.core.answering.normalise import gloss
from bot.core.answering.romanize import MIN_ROMANIZED, english_words, romanizations, romanized_variants
from bot.core.text import STOPWORDS


def test_revised_romanization_syllable_by_syllable():
    assert romanizations("북한") == ("bukhan",)
    assert romanizations("일본") == ("ilbon",)
    assert romanizations("반도체") == ("bandoche",)
    assert romanizations("러시아") == ("reosia", "rosia")  # the informal "o" for "eo" beside the official
    assert romanizations("우크라이나") == ("ukeuraina", "ukuraina")
    assert romanizations("Chip 4") == romanizations("한 미") == ()  # Hangul syllables only


def test_a_romanized_glossary_term_reads_as_the_term():
    assert normalise("bukhan missile").tokens == normalise("북한 missile").tokens == ("north_korea", "missil")
    assert normalise("fki partner in ilbon").tokens == ("fki", "partner", "japan")
    assert gloss("bukhan rosia alliance too??") == "north korea russia alliance too??"  # what the encoder reads
    assert gloss("when was the camp david summit") == "when was the camp david summit"


def test_a_romanization_that_is_an_english_word_is_left_alone():
    """서울 is "seoul" and, informally, "soul": "soul" stays the English word."""
    assert "soul" in romanizations("서울")
    assert normalise("soul music").tokens == ("soul", "music")
    spellings = {spelling for spelling, _ in romanized_variants(dict(lexicon.KOREAN_GLOSSARY))}
    assert spellings and not spellings & (english_words() | STOPWORDS)
    assert all(len(s) >= MIN_ROMANIZED for s in spellings)


def test_a_spelling_two_terms_share_reads_as_neither():
    """각가 and 갘가 are both "gakga": a member typing it could mean either, so it reads as neither."""
    read = dict(romanized_variants({"각가": "one_thing", "갘가": "another_thing", "가나다": "third_thing"}))
    assert "gakga" not in read
    assert read["ganada"] == "third_thing"
