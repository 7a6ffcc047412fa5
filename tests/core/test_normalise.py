"""The normaliser: one vocabulary for members' questions and the FAQ's phrasings."""

from __future__ import annotations

import pytest

from bot.core.answering.normalise import MAX_CHARS, Speller, clean, language, normalise, stem


def tokens(text: str) -> tuple[str, ...]:
    return normalise(text).tokens


def same(a: str, b: str) -> bool:
    return normalise(a).tokens == normalise(b).tokens


# --- Unicode, case, punctuation, spacing --------------------------------------------------------


def test_nfkc_full_width_letters_and_spaces():
    assert same("ＣＡＭＰ　ＤＡＶＩＤ", "camp david")
    assert same("ＦＫＩ", "FKI")
    assert clean("ｓｕｍｍｉｔ　２０２３") == "summit 2023"


def test_case_punctuation_and_spacing_do_not_matter():
    reference = tokens("camp david summit")
    for variant in ("Camp David Summit", "CAMP   DAVID   SUMMIT", "camp david summit???", "...camp david; summit!",
                    "\tcamp\ndavid\r\nsummit  "):
        assert tokens(variant) == reference, variant


def test_clean_drops_control_and_format_characters():
    assert clean("a\x00b\x07c") == "a b c"
    assert clean("\u200bsummit\u200b") == "summit"
    assert clean("\u202eknil\u202c") == "knil"  # bidi overrides are not text
    assert clean("x" * (MAX_CHARS * 10)) == "x" * MAX_CHARS


def test_curly_apostrophes_and_possessives():
    assert same("North Korea’s threat", "North Korea's threat")
    assert same("North Korea's threat", "North Korea threat")


# --- variants and abbreviations -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["US", "U.S.", "u.s.", "U.S.A.", "USA", "America", "the United States",
                                  "United States of America", "Americans"])
def test_usa_variants(text):
    assert tokens(text) == ("usa",)


def test_lower_case_us_is_a_pronoun_unless_it_names_the_country():
    assert "usa" not in tokens("tell us about the summit")
    assert "usa" in tokens("the us and japan")
    assert "usa" in tokens("us-china conflict")


@pytest.mark.parametrize("text", ["DPRK", "NK", "North Korea", "N. Korea", "north korean"])
def test_north_korea_variants(text):
    assert tokens(text) == ("north_korea",)


@pytest.mark.parametrize("text", ["ROK", "South Korea", "S. Korea", "Republic of Korea", "south korean"])
def test_south_korea_variants(text):
    assert tokens(text) == ("south_korea",)


@pytest.mark.parametrize("text", ["EV", "EVs", "electric vehicle", "electric vehicles", "electric cars"])
def test_electric_vehicle_variants(text):
    assert tokens(text) == ("electric_vehicle",)


@pytest.mark.parametrize("text", ["chips", "chip", "semiconductor", "semiconductors", "microchips"])
def test_semiconductor_variants(text):
    assert tokens(text) == ("semiconductor",)


@pytest.mark.parametrize("text", ["drills", "drill", "exercise", "exercises", "war games", "maneuvers"])
def test_exercise_variants(text):
    assert tokens(text) == (stem("exercise"),)


@pytest.mark.parametrize("text", ["Chip 4", "chip4", "Chip-4", "CHIP 4", "Chip four", "“Chip 4”", "Chip 4가", "칩4"])
def test_chip4_is_one_token_and_not_a_semiconductor(text):
    result = normalise(text)
    assert result.tokens == ("chip4",)
    assert "4" not in result.numbers


def test_chip4_inside_a_korean_question():
    result = normalise("Chip 4가 뭐야?")
    assert "chip4" in result.tokens and "semiconductor" not in result.tokens
    assert result.lang == "mixed"


def test_other_variants():
    assert tokens("Takeshima") == tokens("Dokdo") == ("dokdo",)
    assert tokens("comfort women") == ("comfort_women",)
    assert tokens("Indo Pacific") == tokens("Indo-Pacific") == ("indo_pacific",)
    assert tokens("missles") == tokens("missiles")


def test_numbers_ordinals_and_month_abbreviations():
    assert same("October 22nd", "october 22")
    assert same("Oct. 22", "October 22")
    assert normalise("9,433 views").numbers == frozenset({"9433"})
    assert normalise("in 2023").numbers == frozenset({"2023"})


# --- Korean -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "korean, english",
    [
        ("캠프 데이비드", "Camp David"),
        ("캠프데이비드", "Camp David"),
        ("북한", "North Korea"),
        ("미사일", "missile"),
        ("반도체", "semiconductors"),
        ("독도", "Dokdo"),
        ("위안부", "comfort women"),
        ("전기차", "electric vehicles"),
        ("공급망", "supply chains"),
        ("인도태평양", "Indo-Pacific"),
    ],
)
def test_korean_glossary_meets_english(korean, english):
    assert tokens(korean) == tokens(english) != ()
    assert normalise(korean).lang == "ko"


def test_korean_particles_do_not_block_glossary_terms():
    assert "north_korea" in tokens("북한의 미사일은")
    assert "dokdo" in tokens("독도는")
    assert "camp_david" in tokens("캠프 데이비드에서")


def test_korean_dates():
    assert same("10월 22일", "October 22")
    assert same("12월 9일에", "December 9")
    assert same("2023년 8월", "2023 August")
    assert normalise("10월 22일").numbers == frozenset({"22"})
    assert "october" not in tokens("13월 22일")  # not a month


@pytest.mark.parametrize(
    "text, lang",
    [("when was it", "en"), ("언제였어?", "ko"), ("Chip 4가 뭐야?", "mixed"), ("", "none"), ("!!! 😀", "none"),
     ("مرحبا", "none")],
)
def test_language(text, lang):
    assert normalise(text).lang == lang
    assert language(text.lower()) == lang


# --- question types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, qtype",
    [
        ("How many views does it have?", "count"),
        ("how much did it cost", "count"),
        ("When was the summit?", "when"),
        ("What year was the summit?", "when"),
        ("which month was it", "when"),
        ("Where was the dialogue held?", "where"),
        ("In which city was it?", "where"),
        ("Who wrote it?", "who"),
        ("why did they do it", "why"),
        ("what is the purpose", "why"),
        ("What is Chip 4?", None),
        ("정상회의는 언제였어?", "when"),
        ("어디서 열렸어?", "where"),
        ("누가 썼어?", "who"),
        ("몇 개 있어?", "count"),
    ],
)
def test_question_types(text, qtype):
    assert normalise(text).qtype == qtype


def test_stopwords_and_question_words_leave_no_tokens():
    assert tokens("what is it, who was there and when?") == ()
    assert normalise("").tokens == () and normalise("   ").text == ""


# --- stemming and spelling -----------------------------------------------------------------------


def test_stem_meets_inflections():
    assert stem("launches") == stem("launch")
    assert stem("strengthening") == stem("strengthened") == stem("strengthen")
    assert stem("north_korea") == "north_korea"  # canonical tokens are left alone
    assert stem("2023") == "2023"


def test_speller_reads_a_typo_as_a_word_of_the_knowledge():
    speller = Speller(["the summit at Camp David", "the aerial exercise"])
    assert speller("sumit") == "summit"
    assert speller("aerail") == "aerial"
    assert speller("the") == "the"  # a stopword is a known word, never corrected
    assert speller("zebra") == "zebra"  # nothing close: left alone
    assert speller("sumit aerail") == "summit aerial"


def test_speller_keeps_short_words():
    speller = Speller(["summit"])
    assert speller("sum") == "sum"


def test_normalise_with_speller_fixes_typos():
    speller = Speller(["When was the Camp David summit held?"])
    assert normalise("wen was the camp dvid sumit", speller).tokens == normalise("camp david summit").tokens


@pytest.mark.parametrize("text", ["", " ", "\x00", "\u200b", "😀" * 50, "ا" * 1000, "a" * 100_000, "?" * 10, "_" * 10,
                                  "월일년", "99월 99일", "9" * 5000])
def test_normalise_never_raises(text):
    result = normalise(text)
    assert isinstance(result.text, str) and len(result.text) <= MAX_CHARS * 2


def test_markdown_emphasis_is_not_part_of_words():
    reference = tokens("when was the camp david summit")
    for variant in ("when was the _camp david_ summit", "when was the __camp david__ summit",
                    "when was the *camp david* summit", "**when** was the camp david summit",
                    "`when was the camp david summit`", "> when was the camp david summit"):
        assert tokens(variant) == reference, variant
