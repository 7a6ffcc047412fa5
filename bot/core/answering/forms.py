"""How a message frames its question(s): several questions in one message, a claim to check
("is it true that ..."), or the order of dated events ("which came first, X or Y?").

The patterns are data (bot/core/answering/data/question_forms.yaml); this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.core.answering.normalise import clean

DATA_PATH = Path(__file__).with_name("data") / "question_forms.yaml"
MAX_PARTS = 3  # a message asking more than this is answered on its first three questions


@dataclass(frozen=True, slots=True)
class Forms:
    claim_prefixes: tuple[re.Pattern[str], ...]
    claim_suffixes: tuple[re.Pattern[str], ...]
    order: dict[str, tuple[re.Pattern[str], ...]]
    part_joiners: re.Pattern[str]
    korean_part_joiners: re.Pattern[str]
    korean_question_words: re.Pattern[str]
    question_starts: re.Pattern[str]
    abbreviation_ends: re.Pattern[str]


@lru_cache(maxsize=4)
def load_forms(path: Path = DATA_PATH) -> Forms:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

    return Forms(compile_all("claim_prefixes"), compile_all("claim_suffixes"),
                 {k: compile_all(k) for k in ("first_of_two", "later_of_two", "after", "before", "latest", "order_all", "earliest")},
                 re.compile(data["part_joiners"], re.IGNORECASE), re.compile(f"({data['korean_part_joiners']})"),
                 re.compile(data["korean_question_words"]), re.compile(data["question_starts"], re.IGNORECASE),
                 re.compile(data["abbreviation_ends"], re.IGNORECASE))


_LETTERS = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"(?<=[?!.])\s+|\n+")


def question_parts(message: str, *, forms: Forms | None = None) -> list[str]:
    """The questions a message asks, each with the sentence before it when it leans on it ("... the
    summit. When was it?"). A message with one question, or none found, is returned whole."""
    forms = forms or load_forms()
    text = clean(message)
    sentences: list[str] = []
    for sentence in (s.strip() for s in _sentences(text, forms) if s.strip()):
        if sentences and _only_a_claim_marker(sentence, forms):
            sentences[-1] = f"{sentences[-1]} {sentence}"  # "X was held in Tokyo. True or false?" asks about X
        else:
            sentences.append(sentence)
    asking = [i for i, s in enumerate(sentences) if s.endswith("?") or forms.question_starts.search(s)]
    if not asking and len(sentences) == 1:
        asking = [0]  # "missile data start date n what missiles": one line, asking without a question mark
    parts: list[str] = []
    for i in asking:
        pieces: list[str] = []
        for piece in _split_questions(sentences[i], forms):
            if pieces and _too_short(piece):
                # "... and who was it against?", "... n when": its own question, about what the first names
                piece = with_context(piece, _subject(pieces[0]))
            pieces.append(piece)
        for piece in pieces:
            if i > 0 and len(pieces) == 1 and i - 1 not in asking and _leans_on_context(piece):
                piece = f"{sentences[i - 1]} {piece}"
            parts.append(piece)
    # A piece with no word ("?") asks nothing; the same question twice is one question.
    seen: set[str] = set()
    parts = [p for p in parts if _LETTERS.search(p) and not (p.lower() in seen or seen.add(p.lower()))]
    if len(parts) <= 1:
        if parts and len(sentences) > 1 and not _leans_on_context(parts[0]):
            return parts  # the one question, without the greeting and context around it
        return [text]
    return parts[:MAX_PARTS]


def _sentences(text: str, forms: Forms) -> list[str]:
    """The text cut at sentence ends: ?, ! or . before a space, or a line break; not the full stop of
    an abbreviation ("What did the U.S. gain?" is one sentence)."""
    out, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if "\n" not in end.group() and forms.abbreviation_ends.search(text, start, end.start()):
            continue
        out.append(text[start:end.start()])
        start = end.end()
    out.append(text[start:])
    return out


def _only_a_claim_marker(sentence: str, forms: Forms) -> bool:
    """"True or false?", "Right?", "맞아?": a sentence that only asks whether the one before holds."""
    if not _LETTERS.search(sentence):
        return False  # "?" alone asks nothing
    return any(p.sub("", sentence, count=1).strip(" ?!.,") == "" for p in forms.claim_suffixes)


def _split_questions(sentence: str, forms: Forms) -> list[str]:
    """One sentence's questions: split at English joiners, then at Korean clause endings where both
    sides hold a question word."""
    out: list[str] = []
    for piece in (p.strip() for p in forms.part_joiners.split(sentence) if p and p.strip()):
        chunks = forms.korean_part_joiners.split(piece)  # text, joiner, text, ...
        merged = [chunks[0]]
        for joiner, clause in zip(chunks[1::2], chunks[2::2]):
            if forms.korean_question_words.search(clause) and forms.korean_question_words.search(merged[-1]):
                merged.append(clause)
            else:
                merged[-1] += joiner + clause  # an ordinary "-고": one question
        out += [m.strip() for m in merged if m.strip()] if len(merged) > 1 else [piece]
    return out


def with_context(piece: str, subject: str) -> str:
    """A follow-up question with the subject of the question before it: "who was it against? (the exercise)"."""
    return f"{piece} ({subject})"


_WITH_CONTEXT = re.compile(r"^(?P<piece>.+?) \((?P<subject>[^()]+)\)$")


def without_context(part: str) -> str | None:
    """A part as asked, without the subject `with_context` lent it (None when it has none). The subject
    may be wrong ("Who's the reporter and what section is it in?": "it" is the article)."""
    found = _WITH_CONTEXT.match(part)
    return found.group("piece") if found else None


def _subject(question: str) -> str:
    """What a question is about, without its question words: the context a pronoun follow-up needs."""
    words = [w for w in question.split() if w.lower().strip("?,.!") not in _QUESTION_WORDS]
    return " ".join(words).strip(" ?,.!")


_WORD = re.compile(r"[^\W\d_]{3,}")
_HANGUL = re.compile(r"[가-힣]")
_QUESTION_WORDS = frozenset("what when where who whom why how which is are was were did does do can could year "
                            "month day date".split())


def _too_short(piece: str) -> bool:
    """A joined piece with no subject of its own ("in what year?", "who was it against?"). A Korean
    piece was split only where it asks something of its own."""
    if _HANGUL.search(piece):
        return False
    return sum(1 for w in _WORD.findall(piece.lower()) if w not in _QUESTION_WORDS) < 2


_PRONOUN = re.compile(r"\b(?:it|this|that|they|them|those|these|he|she|there)\b", re.IGNORECASE)


def _leans_on_context(question: str) -> bool:
    """A short question whose subject is a pronoun ("When was it?") needs the sentence before it."""
    return len(question.split()) <= 6 and bool(_PRONOUN.search(question))


def claim(question: str, *, forms: Forms | None = None) -> str | None:
    """The claim of a true-or-false question, or None when the question is not one."""
    forms = forms or load_forms()
    text = clean(question)
    found = False
    for pattern in forms.claim_prefixes:
        stripped = pattern.sub("", text, count=1)
        if stripped != text:
            text, found = stripped, True
            break
    for pattern in forms.claim_suffixes:
        stripped = pattern.sub("", text, count=1)
        if stripped != text:
            text, found = stripped, True
            break
    return text.strip(" ?") if found and text.strip(" ?") else None


@dataclass(frozen=True, slots=True)
class OrderQuestion:
    kind: str  # first_of_two | later_of_two | after | before | latest | order_all | earliest
    events: tuple[str, ...]  # the events named (two, one or none)


def order_question(question: str, *, forms: Forms | None = None) -> OrderQuestion | None:
    forms = forms or load_forms()
    text = clean(question)
    for kind, patterns in forms.order.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                events = tuple(g.strip(" ,.?") for g in match.groupdict().values() if g and g.strip(" ,.?"))
                return OrderQuestion(kind, events)
    return None
