"""What the bot says back: the Answer, composed from a match. Adapters only render it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.knowledge import Knowledge, Source
from bot.core.match import MatchConfig, Matcher


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A 'did you mean ...?' candidate: an entry close to the question but not confidently it."""

    entry_id: str
    question: str
    score: float


# Why an Answer is what it is (Answer.reason).
MATCHED = "matched"  # a curated FAQ entry answers it
FACT = "fact"  # no entry did, but a sentence of the article does
NOT_IN_ARTICLE = "not_in_article"  # the article does not answer it (maybe with suggestions)
EMPTY = "empty"  # nothing to answer: empty, whitespace or symbols only
VAGUE = "vague"  # too general to pick one answer ("korea"): suggestions instead


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    answered: bool
    answer: str
    reason: str
    entry_id: str | None = None
    question_matched: str | None = None
    score: float = 0.0
    source: Source | None = None
    suggestions: tuple[Suggestion, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.answer,
            "entry_id": self.entry_id,
            "question_matched": self.question_matched,
            "score": round(self.score, 2),
            "source": self.source.to_dict() if self.source else None,
            "suggestions": [
                {"entry_id": s.entry_id, "question": s.question, "score": round(s.score, 2)} for s in self.suggestions
            ],
        }


NOT_IN_ARTICLE_TEXT = "The article doesn't say."
VAGUE_TEXT = "That could mean several things in the article. Could you ask more specifically?"
EMPTY_TEXT = "Ask me a question about the article, for example: \"When was the Camp David summit?\""


def not_answered(question: str, suggestions: tuple[Suggestion, ...] = (), *, score: float = 0.0) -> Answer:
    return Answer(question, False, NOT_IN_ARTICLE_TEXT, NOT_IN_ARTICLE, score=score, suggestions=suggestions)


def empty(question: str) -> Answer:
    return Answer(question, False, EMPTY_TEXT, EMPTY)


def describe_source(knowledge: Knowledge, source: Source | None) -> str:
    """'Paragraph 3' / 'Article header' / 'Club FAQ (not from the article)'."""
    if source is None:
        return "Club FAQ (not from the article)"
    if source.paragraph == 0:
        return "Article header"
    return f"Paragraph {source.paragraph}"


class Answerer:
    """text -> normalise -> match -> Answer. Build once per knowledge version; ask() never raises."""

    def __init__(self, knowledge: Knowledge, *, config: MatchConfig | None = None):
        self.knowledge = knowledge
        self.matcher = Matcher(knowledge, config=config)
        self.config = self.matcher.config

    def ask(self, question: str) -> Answer:
        if not isinstance(question, str):
            question = str(question)
        query = self.matcher.normalise(question)
        if not query.tokens:
            has_words = any(ch.isalnum() for ch in question[:2000])
            return not_answered(question) if has_words else empty(question)
        if all(token.isdigit() for token in query.tokens):
            return not_answered(question)  # a bare number is not a question ("1" is not "1 like")
        result = self.matcher.match(query)
        cfg = self.config
        entries = [s for s in result.ranked if s.candidate.kind == "entry"]
        best = result.ranked[0] if result.ranked else None
        specific = result.information >= cfg.min_information  # "korea" alone could mean any entry
        if specific and entries and entries[0].score >= cfg.answer_threshold:
            return self.answer_entry(entries[0].candidate.key, question=question, score=entries[0].score)
        if specific and best is not None and best.candidate.kind == "fact" and best.score >= cfg.fact_threshold:
            c = best.candidate
            return Answer(question, True, f"The article says: “{c.text}”", FACT, score=best.score, source=c.source)
        suggestions = tuple(
            Suggestion(s.candidate.key, s.candidate.text, s.score)
            for s in entries[: cfg.max_suggestions]
            if s.score >= cfg.suggest_threshold
        )
        if not specific and suggestions:
            return Answer(question, False, VAGUE_TEXT, VAGUE, score=best.score, suggestions=suggestions)
        return not_answered(question, suggestions, score=best.score if best else 0.0)

    def answer_entry(self, entry_id: str, *, question: str | None = None, score: float = 100.0) -> Answer:
        """The answer a given entry gives (a confident match, or a 'did you mean' picked by the member)."""
        entry = self.knowledge.entry(entry_id)
        if entry is None:
            return not_answered(question or entry_id)
        return Answer(question if question is not None else entry.question, True, entry.answer, MATCHED,
                      entry_id=entry.id, question_matched=entry.question, score=score, source=entry.source)
