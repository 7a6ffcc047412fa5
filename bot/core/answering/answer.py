"""What the bot says back: the Answer, composed from a match. Adapters only render it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bot.core.answering import answer_types, forms
from bot.core.answering.decide import Decision, load_decision
from bot.core.answering.match import MatchConfig
from bot.core.answering.normalise import Normalised, clean, normalise, question_type
from bot.core.answering.retrieve import HybridRetriever, Retrieved
from bot.core.answering.timeline import Timeline
from bot.core.knowledge.faq import Knowledge, Source
from bot.core.text import group_key


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
DATES = "dates"  # a question about the order of the article's key dates


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
    parts: tuple["Answer", ...] = ()  # a message of several questions: each one's answer

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
UNCHECKABLE_TEXT = "The article neither says nor contradicts that."
UNSURE_TEXT = "I can't match that to the article with confidence."
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


@dataclass(frozen=True, slots=True)
class Step:
    """One question of a message and what retrieval found for it, before any decision."""

    text: str  # the part of the message
    claim: str | None = None  # its claim, for a true-or-false question
    dated: tuple[str, Source] | None = None  # answered from the key dates (order questions)
    retrieved: Retrieved | None = None  # the pooled candidates otherwise
    exact_entry: str | None = None  # asked exactly as this entry phrases it
    vague: bool = False  # names too little to be answered, whatever the decision (suggestions at most)
    as_asked: "Step | None" = None  # a follow-up read without the subject lent it by the part before


@dataclass(frozen=True, slots=True)
class Attempt:
    """One question of a message, settled for every cut-off: `answer` is said when `probability`
    reaches the cut-off, `fallback` below it. When the best candidate is a sentence of the article,
    `curated` is the same question settled on the best FAQ entry instead: a moderator's curated entry
    is said whenever its own probability reaches the cut-off."""

    part: str
    probability: float
    answer: Answer
    fallback: Answer
    curated: "Attempt | None" = None

    def at(self, cutoff: float) -> Answer:
        """What is said of this question at `cutoff`."""
        if self.curated is not None and self.curated.probability >= cutoff:
            return self.curated.answer
        return self.answer if self.probability >= cutoff else self.fallback


def _without(text: str, tokens: tuple[str, ...], lexicon) -> str:
    """The text without its words that normalise to `tokens`: what is left of "what about reason"
    once "reason" is gone, to tell a question word from the one word asked about."""
    return " ".join(w for w in text.split() if normalise(w, lexicon=lexicon).tokens != tokens)


class Answerer:
    """text -> parts -> normalise -> retrieve (lexical, BM25, embeddings) -> decide -> Answer.

    Build once per knowledge version; ask() never raises.
    """

    def __init__(self, knowledge: Knowledge, *, config: MatchConfig | None = None,
                 decision: Decision | None = None):
        self.knowledge = knowledge
        self.retriever = HybridRetriever(knowledge, config=config)
        self.matcher = self.retriever.matcher
        self.config = self.retriever.config
        self.decision = decision or load_decision()
        self.timeline = Timeline(knowledge, self.retriever.encoder)
        # A question asked exactly as an entry phrases it (case, spaces and punctuation aside) is that
        # entry: what a moderator adds a phrasing for. (No evaluation question stands in the FAQ.)
        self._phrased = {group_key(p): e.id for e in knowledge.entries for p in e.phrasings}

    def ask(self, question: str) -> Answer:
        if not isinstance(question, str):
            question = str(question)
        steps = self.plan(question)
        if isinstance(steps, Answer):
            return steps
        return compose(question, self.attempts(steps), self.decision.answer_at)

    def plan(self, question: str) -> list[Step] | Answer:
        """The message's questions and what the retrievers found for each (an Answer when there is
        nothing to ask)."""
        query = self.matcher.normalise(question)
        if not query.tokens:
            has_words = any(ch.isalnum() for ch in question[:2000])
            return not_answered(question) if has_words else empty(question)
        parts = forms.question_parts(question)
        if (len(parts) == 1 and parts[0] != clean(question) and len(set(query.tokens)) > 1
                and len(set(self.matcher.normalise(parts[0]).tokens)) <= 1):
            # "... I heard they still have problems. What does the article say?": a question that names
            # nothing on its own is asked with the message around it.
            parts = [question]
        if len(parts) == 1:
            return [self.step(parts[0])]
        # A follow-up is read with the subject of the part before it, and as asked: whichever reading
        # the decision is surer of is answered (see attempts).
        as_asked = [forms.without_context(part) for part in parts]
        self.retriever.encode_questions([*parts, *(b for b in as_asked if b)])
        return [replace(self.step(part), as_asked=self.step(b)) if b else self.step(part)
                for part, b in zip(parts, as_asked)]

    def step(self, text: str) -> Step:
        exact = self._phrased.get(group_key(text))
        if exact is not None:
            return Step(text, exact_entry=exact)
        order = forms.order_question(text)
        if order is not None:
            dated = self.timeline.answer(order)
            if dated is not None:
                return Step(text, dated=dated)
        claim = forms.claim(text)
        # A claim is looked up by its topic; the dates and numbers it names are what gets checked.
        asked = (_CLAIM_DETAIL.sub(" ", claim).strip() or claim) if claim else text
        query = self.matcher.normalise(asked)
        if not query.tokens or all(token.isdigit() for token in query.tokens):
            return Step(text, claim)  # a bare number is not a question ("1" is not "1 like")
        vague = False
        if len(set(query.tokens)) == 1 and self._bare(asked, query):
            # A bare word ("past", "what about past", "what about reason": no question word but the word
            # itself) answers only when the article uses it as written. A question with a question word
            # ("who wrote it") goes to the decision.
            if (query.tokens[0] not in self.retriever.content_words
                    or normalise(asked, lexicon=self.matcher.lexicon).tokens != query.tokens):
                # Not the article's word: one only an FAQ phrasing uses, or an ordinary word the speller
                # bent into a knowledge word.
                return Step(text, claim)
            # A word that only stems like one of the article's ("part": it says "parts") is offered as
            # suggestions, never answered.
            vague = not self.retriever.written_in_article(asked, query.tokens[0])
        return Step(text, claim, retrieved=self.retriever.retrieve(asked, query), vague=vague)

    def _bare(self, asked: str, query: Normalised) -> bool:
        """A one-word question without a question word of its own (the word itself may read as one)."""
        return query.qtype is None or question_type(_without(asked, query.tokens, self.matcher.lexicon)) is None

    def attempts(self, steps: list[Step], decision: Decision | None = None) -> list[Attempt]:
        decision = decision or self.decision
        out = []
        for step in steps:
            attempt = self.attempt(step, decision)
            if step.as_asked is not None:
                as_asked = self.attempt(step.as_asked, decision)
                if as_asked.probability > attempt.probability:
                    attempt = as_asked
            out.append(attempt)
        return out

    def attempt(self, step: Step, decision: Decision) -> Attempt:
        text = step.text
        if step.exact_entry is not None:
            answer = self.answer_entry(step.exact_entry, question=text)
            return Attempt(text, 1.0, answer, answer)
        if step.dated is not None:
            answer_text, source = step.dated
            answer = Answer(text, True, answer_text, DATES, score=100.0, source=source)
            return Attempt(text, 1.0, answer, answer)
        retrieved = step.retrieved
        if retrieved is None or not retrieved.pool:
            nothing = Answer(text, False, UNCHECKABLE_TEXT, NOT_IN_ARTICLE) if step.claim else not_answered(text)
            return Attempt(text, 0.0, nothing, nothing)
        order = decision.rank([p.features for p in retrieved.pool])
        first, top_logit = order[0]
        runner_up = order[1][1] if len(order) > 1 else top_logit - 10.0
        best = retrieved.pool[first]
        settled = self._settle(step, decision, order, best, decision.probability(best.features, top_logit, runner_up))
        if best.candidate.kind == "fact":
            entry = next(((i, logit) for i, logit in order if retrieved.pool[i].candidate.kind == "entry"), None)
            if entry is not None:
                entry_p = decision.probability(retrieved.pool[entry[0]].features, entry[1], top_logit)
                curated = self._settle(step, decision, order, retrieved.pool[entry[0]], entry_p)
                settled = replace(settled, curated=curated)
        return settled

    def _settle(self, step: Step, decision: Decision, order: list[tuple[int, float]], best, probability: float) -> Attempt:
        """The question answered with `best` at P(correct) `probability`, or what is said below the cut-off."""
        text, retrieved = step.text, step.retrieved
        score = 100 * probability
        suggestions = tuple(
            Suggestion(retrieved.pool[i].candidate.key, retrieved.pool[i].candidate.text, round(score, 1))
            for i, _ in order if retrieved.pool[i].candidate.kind == "entry"
        )[: self.config.max_suggestions] if probability >= decision.suggest_at else ()
        if suggestions:
            fallback = Answer(text, False, UNSURE_TEXT, NOT_IN_ARTICLE, score=score, suggestions=suggestions)
        elif step.claim is not None:
            fallback = Answer(text, False, UNCHECKABLE_TEXT, NOT_IN_ARTICLE, score=score)
        else:
            fallback = not_answered(text, score=score)
        if step.vague or (retrieved.information < self.config.min_information and suggestions):
            # "korea" alone could mean any entry: ask which one is meant, however sure the best guess
            vague = Answer(text, False, VAGUE_TEXT, VAGUE, score=score, suggestions=suggestions) if suggestions \
                else fallback
            return Attempt(text, probability, vague, vague)
        c = best.candidate
        if best.detail_missing is not None:
            # The question asks for a detail this answer lacks: never answered. When the topic is
            # likely right the member hears what the article does give instead.
            said = f"The article doesn't give {answer_types.DESCRIPTIONS[best.detail_missing]}."
            detail = Answer(text, False, said, NOT_IN_ARTICLE, score=score, suggestions=suggestions)
            given = Answer(text, False, f"{said} What it does say: {self.retriever.answer_text(c)}", NOT_IN_ARTICLE,
                           score=score, source=c.source)
            return Attempt(text, probability, given, detail if probability >= decision.suggest_at else fallback)
        if c.kind == "entry":
            answer = self.answer_entry(c.key, question=text, score=score)
        else:
            answer = Answer(text, True, f"The article says: “{c.text}”", FACT, score=score, source=c.source)
        if step.claim is not None and answer.answered:
            answer = replace(answer, answer=check_claim(step.claim, answer.answer))
        return Attempt(text, probability, answer, fallback)

    def answer_entry(self, entry_id: str, *, question: str | None = None, score: float = 100.0) -> Answer:
        """The answer a given entry gives (a confident match, or a 'did you mean' picked by the member)."""
        entry = self.knowledge.entry(entry_id)
        if entry is None:
            return not_answered(question or entry_id)
        return Answer(question if question is not None else entry.question, True, entry.answer, MATCHED,
                      entry_id=entry.id, question_matched=entry.question, score=score, source=entry.source)


def compose(question: str, attempts: list[Attempt], answer_at: float) -> Answer:
    """The reply to a whole message at one cut-off: one question's answer, or each part's in turn."""
    chosen = [a.at(answer_at) for a in attempts]
    # Two parts answered by the same text ("when was it, and in what year?") are one answer.
    seen: set[str] = set()
    chosen = [a for a in chosen if not (a.answered and (a.answer in seen or seen.add(a.answer)))]
    if len(chosen) == 1:
        return replace(chosen[0], question=question)
    answered = [a for a in chosen if a.answered]
    if answered and any(not a.answered and a.suggestions for a in chosen):
        # A part the article may answer but the bot is unsure of: no half answer that calls it missing.
        # What it did find is offered first, one click away.
        found = tuple(Suggestion(a.entry_id, a.question_matched, round(a.score, 1)) for a in answered if a.entry_id)
        suggestions = tuple({s.entry_id: s for s in (*found, *(s for a in chosen for s in a.suggestions))}.values())
        return Answer(question, False, UNSURE_TEXT, NOT_IN_ARTICLE, score=max(a.score for a in chosen),
                      suggestions=suggestions[:3])
    if not answered:
        suggestions = tuple(s for a in chosen for s in a.suggestions)[:3]
        return not_answered(question, suggestions, score=max(a.score for a in chosen))
    lines = [f"• {a.question} — {a.answer if a.answered else 'the article doesn’t say.'}" for a in chosen]
    first = answered[0]
    return Answer(question, True, "\n".join(lines), first.reason, entry_id=first.entry_id,
                  question_matched=first.question_matched, score=min(a.score for a in answered),
                  source=first.source, parts=tuple(chosen))


_CLAIM_DETAIL = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}\b|\b(?:january|february|march|april|may|june|july|august|"
                           r"september|october|november|december)\b", re.IGNORECASE)


_NAME = re.compile(r"(?<=[a-z,;]\s)[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*")


def check_claim(claim: str, answer_text: str) -> str:
    """Confirming a claim needs more than a match; a date, number or name the claim states that the
    article's answer lacks contradicts it ("... was held in Tokyo")."""
    lowered = answer_text.lower()
    details = [*_CLAIM_DETAIL.findall(claim), *(name.rstrip(".") for name in _NAME.findall(claim))]
    wrong = [d for d in details if d.lower() not in lowered]
    if wrong:
        return f"Not quite: the article doesn't say {', '.join(dict.fromkeys(wrong))}. {answer_text}"
    return f"Here is what the article says: {answer_text}"
