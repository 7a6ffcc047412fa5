"""The lexical retriever (one of three, see retrieve.py): a normalised question scored against FAQ entries and
the article's sentences. Its scores are features of the learned decision; nothing here decides to answer.

How a candidate is scored (0-100), all knobs pinned in MatchConfig:
- coverage: how much of the question (IDF-weighted content tokens) the candidate's text holds
  (its phrasings, answer and source quote). Words the knowledge has never seen weigh like the rarest
  word: a question about something the article does not mention cannot reach a high score.
- similarity: rapidfuzz's scorer between the question and the closest phrasing.
- focus: how much of that closest phrasing the question covers.
Then two consistency checks: a question that asks who / when / where / how many is only answered by
an entry whose phrasings ask the same, and every number the question names must appear in the
candidate. An inverted index shortlists candidates, so the cost grows with the overlap, not the size.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from rapidfuzz import fuzz

from bot.core.answering import lexicon
from bot.core.answering.normalise import HANGUL_WORD, Normalised, Speller, normalise, stem
from bot.core.answering.topk import best_first
from bot.core.knowledge.faq import Knowledge, Source
from bot.core.knowledge.lexicon import Lexicon


@dataclass(frozen=True, kw_only=True, slots=True)
class MatchConfig:
    """Every knob of the lexical matcher in one place (set by the previous matcher's tuning and left as they
    were: what is fitted now is the decision that reads these scores, bot/core/answering/decide.py)."""

    scorer: Callable[..., float] = fuzz.WRatio
    processor: Callable[[str], str] | None = None  # texts arrive already normalised
    suggest_threshold: float = 40.0  # the lowest score the ranking keeps (the pool reads its best few)
    max_suggestions: int = 3  # "did you mean" offers at most this many
    min_information: float = 2.5  # below this a question ("korea" alone) is asked to be more specific
    question_type_information: float = 1.0  # what asking who/when/where/why/how many adds to that
    speller_cutoff: float = 85.0  # rapidfuzz ratio to read a misspelt word as a word of the knowledge
    unknown_weight: float = 1.2  # x the rarest known word's weight, for words the knowledge lacks
    korean_unknown_weight: float = 0.8
    weights: tuple[float, float, float] = (0.70, 0.15, 0.15)  # coverage, similarity, focus
    type_penalty: float = 0.6  # x score when the question type is not one the entry answers
    number_penalty: float = 0.5  # x score when the question names a number or qualifier the candidate lacks
    shortlist: int = 40  # candidates given the full (rapidfuzz) scoring


TYPED = frozenset({"count", "when", "where", "who", "why", "define", "action"})
QUALIFIERS = frozenset(stem(word) for word in lexicon.QUALIFIERS)
_DATEY = re.compile(r"\b(?:19|20)\d\d\b|january|february|march|april|may|june|july|august|september|"
                    r"october|november|december", re.IGNORECASE)
_COUNTY = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One thing a question can match: an FAQ entry, or one sentence of the article."""

    key: str  # entry id, or 'p{paragraph}s{n}' for a sentence
    kind: str  # 'entry' | 'fact'
    phrasings: tuple[Normalised, ...]
    bag: frozenset[str]
    numbers: frozenset[str]
    types: frozenset[str]
    text: str  # the entry's canonical question, or the sentence
    source: Source | None


@dataclass(frozen=True, slots=True)
class Scored:
    candidate: Candidate
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    query: Normalised
    ranked: tuple[Scored, ...]  # best first, entries and facts together
    information: float = 0.0  # how specific the question is: its known words' IDF, plus a bonus for a question type


@dataclass(slots=True)
class Index:
    candidates: list[Candidate] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    postings: dict[str, np.ndarray] = field(default_factory=dict)  # token -> the candidates holding it
    phrase_weights: list[tuple[float, ...]] = field(default_factory=list)  # per candidate, per phrasing
    max_idf: float = 1.0


def _candidates(knowledge: Knowledge, lex: Lexicon) -> list[Candidate]:
    out = []
    for entry in knowledge.entries:
        phrasings = tuple(normalise(p, lexicon=lex) for p in entry.phrasings)
        extra = normalise(entry.answer + " " + (entry.source.quote if entry.source else ""), lexicon=lex)
        bag = frozenset(t for p in (*phrasings, extra) for t in p.tokens)
        numbers = frozenset(n for p in (*phrasings, extra) for n in p.numbers)
        types = frozenset(p.qtype for p in phrasings if p.qtype)
        out.append(Candidate(entry.id, "entry", phrasings, bag, numbers, types, entry.question, entry.source))
    counts: dict[int, int] = defaultdict(int)
    for sentence in knowledge.article.sentences():
        counts[sentence.paragraph] += 1
        n = normalise(sentence.text, lexicon=lex)
        types = set()
        if _DATEY.search(sentence.text):
            types.add("when")
        if _COUNTY.search(_DATEY.sub("", sentence.text)):
            types.add("count")
        types |= {"who", "where", "action"}  # sentences name people and places, and say what they did
        key = f"p{sentence.paragraph}s{counts[sentence.paragraph]}"
        out.append(Candidate(key, "fact", (n,), frozenset(n.tokens), n.numbers, frozenset(types), sentence.text,
                             Source(sentence.paragraph, sentence.text)))
    return out


def _texts(knowledge: Knowledge) -> list[str]:
    texts = [knowledge.article.title, *knowledge.article.paragraphs]
    for entry in knowledge.entries:
        texts += [*entry.phrasings, entry.answer]
    return texts


def build_index(knowledge: Knowledge, lex: Lexicon) -> Index:
    index = Index(candidates=_candidates(knowledge, lex))
    df: dict[str, int] = defaultdict(int)
    for i, candidate in enumerate(index.candidates):
        for token in candidate.bag:
            df[token] += 1
            index.postings.setdefault(token, []).append(i)
    index.postings = {t: np.asarray(rows, dtype=np.int64) for t, rows in index.postings.items()}
    total = max(len(index.candidates), 1)
    index.idf = {t: math.log(1 + total / d) for t, d in df.items()}
    index.max_idf = max(index.idf.values(), default=1.0)
    # fsum: a set's order changes from process to process, and an exact sum does not depend on it.
    index.phrase_weights = [tuple(math.fsum(index.idf[t] for t in p.token_set) for p in c.phrasings)
                            for c in index.candidates]
    return index


class Matcher:
    def __init__(self, knowledge: Knowledge, *, config: MatchConfig | None = None):
        self.config = config or MatchConfig()
        self.lexicon = lexicon.merged(knowledge.lexicon)  # the core's words and this knowledge's names
        self.index = build_index(knowledge, self.lexicon)
        self.speller = Speller(_texts(knowledge), cutoff=self.config.speller_cutoff, lexicon=self.lexicon)

    def normalise(self, text: str) -> Normalised:
        return normalise(text, self.speller, self.lexicon)

    def weights(self, query: Normalised) -> tuple[dict[str, float], float]:
        """Each known token's IDF weight, and the summed weight of the tokens the knowledge lacks."""
        cfg, index = self.config, self.index
        weights: dict[str, float] = {}
        unknown = 0.0
        for token in dict.fromkeys(query.tokens):
            if token in index.idf:
                weights[token] = index.idf[token]
            elif HANGUL_WORD.match(token):  # Korean morphology is rough here: count it a little less
                unknown += index.max_idf * cfg.korean_unknown_weight
            else:
                unknown += index.max_idf * cfg.unknown_weight
        return weights, unknown

    def match(self, query: Normalised) -> MatchResult:
        cfg, index = self.config, self.index
        weights, unknown = self.weights(query)
        total = sum(weights.values()) + unknown
        if not weights or total <= 0:
            return MatchResult(query, ())

        coverage = np.zeros(len(index.candidates), dtype=np.float64)
        for token, weight in weights.items():
            rows = index.postings.get(token)
            if rows is not None:
                coverage[rows] += weight
        shortlist = best_first(coverage, cfg.shortlist, positive=True)
        text = " ".join(dict.fromkeys(query.tokens))
        asked = weights.keys()
        qualifiers = query.token_set & QUALIFIERS
        w_cov, w_sim, w_focus = cfg.weights
        scored: list[Scored] = []
        floor = cfg.suggest_threshold  # rises to the weakest score still worth keeping
        best_scores: list[float] = []  # a min-heap of the top scores so far
        keep = cfg.max_suggestions + 1
        for i in shortlist:
            share = float(coverage[i]) / total
            bound = 100.0 * (w_cov * share + w_sim + w_focus)
            if bound < floor:
                break  # sorted by coverage: no later candidate can do better
            candidate = index.candidates[i]
            penalty = 1.0
            if query.qtype in TYPED and query.qtype not in candidate.types:
                penalty *= cfg.type_penalty
            if query.numbers - candidate.numbers or qualifiers - candidate.bag:
                penalty *= cfg.number_penalty
            if bound * penalty < floor:
                continue
            best = 0.0
            for phrasing, p_weight in zip(candidate.phrasings, index.phrase_weights[i]):
                focus = math.fsum(weights[t] for t in phrasing.token_set & asked) / p_weight if p_weight else 0.0
                if w_sim + w_focus * focus <= best:
                    continue  # even a perfect similarity would not beat the best phrasing so far
                sim = cfg.scorer(text, phrasing.text, processor=cfg.processor) / 100.0
                best = max(best, w_sim * sim + w_focus * focus)
            score = 100.0 * (w_cov * share + best) * penalty
            scored.append(Scored(candidate, score))
            heapq.heappush(best_scores, score)
            if len(best_scores) > keep:
                heapq.heappop(best_scores)
            if len(best_scores) == keep:
                floor = max(floor, best_scores[0])
        scored.sort(key=lambda s: (-s.score, s.candidate.kind != "entry"))
        information = sum(weights.values()) + (cfg.question_type_information if query.qtype else 0.0)
        return MatchResult(query, tuple(scored), information)
