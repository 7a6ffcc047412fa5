"""What the bot says back: the Answer, composed from a match. Adapters only render it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.knowledge import Knowledge, Source


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
