"""Hybrid retrieval: the lexical matcher, BM25 and sentence embeddings, each over the same candidates
(FAQ entries and the article's sentences), fused into one pool with the features the decision reads.

Nothing here knows the article: every signal comes from the knowledge it is built from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from bot.core.answering import answer_types
from bot.core.answering.bm25 import BM25
from bot.core.answering.encoder import Encoder, encoder_loading
from bot.core.answering.match import QUALIFIERS, TYPED, Candidate, MatchConfig, Matcher
from bot.core.answering.normalise import Normalised, clean, gloss, normalise, stem
from bot.core.answering.topk import best_first
from bot.core.knowledge.article import METADATA_KEYS
from bot.core.knowledge.faq import Knowledge
from bot.core.knowledge.lexicon import Lexicon
from bot.core.text import collapse_spaces, group_key

#: How many of each retriever's best candidates join the pool the decision scores.
POOL_PER_RETRIEVER = 4
#: How deep each retriever's ranking is read (a candidate below it counts as ranked RANKED).
RANKED = 50
#: Above this many FAQ phrasings, an entry is embedded by its canonical question only (the alternates
#: still count for the lexical retrievers): it bounds start-up time, memory and the per-question
#: product at scale. Answers are embedded at every size, and read for the pooled candidates only.
EMBED_ALL_PHRASINGS_UP_TO = 20_000

#: The decision model's inputs, in order (bot/core/answering/data/decision.json stores a weight for each).
FEATURES = (
    "lexical", "lexical_top", "lexical_margin", "lexical_rank",
    "bm25", "bm25_top", "bm25_rank",
    "semantic", "semantic_top", "semantic_margin", "semantic_rank", "semantic_answer",
    "agreement", "coverage", "unknown_share",
    "type_mismatch", "number_mismatch", "focus_missing", "fact", "information", "korean", "single_word",
    "source_semantic",
)


@dataclass(frozen=True, slots=True)
class Pooled:
    """One candidate the question could be asking about, with what each retriever thought of it."""

    candidate: Candidate
    features: tuple[float, ...]
    lexical: float  # the lexical matcher's 0-100 score (0 when it did not rank it)
    semantic: float  # cosine similarity to the closest of its texts
    detail_missing: str | None  # a detail the question asks for that this candidate's answer lacks


@dataclass(frozen=True, slots=True)
class Retrieved:
    query: Normalised
    pool: tuple[Pooled, ...]  # in no particular order; the decision ranks them
    information: float  # how specific the question is (see MatchResult.information)


class HybridRetriever:
    def __init__(self, knowledge: Knowledge, *, config: MatchConfig | None = None, encoder: Encoder | None = None):
        self.knowledge = knowledge
        # The encoder loads (a few hundred ms, first time in the process) while the lexical side builds.
        loading = None if encoder is not None else encoder_loading()
        self.matcher = Matcher(knowledge, config=config)
        self.config = self.matcher.config
        self.lexicon = lex = self.matcher.lexicon
        candidates = self.matcher.index.candidates
        self._position = {c.key: i for i, c in enumerate(candidates)}
        self.answers = [_answer_text(knowledge, c) for c in candidates]
        self.bm25 = BM25([_document(knowledge, c, lex) for c in candidates])
        self.encoder = encoder or loading.result()
        # Two matrices: the texts a question is compared with (an entry's phrasings, a sentence itself),
        # whose best match ranks every candidate, and each candidate's answer, read for the pool only.
        texts, owners = [], []
        every_phrasing = sum(len(c.phrasings) for c in candidates) <= EMBED_ALL_PHRASINGS_UP_TO
        for i, c in enumerate(candidates):
            for text in _semantic_texts(knowledge, c, every_phrasing=every_phrasing):
                texts.append(gloss(text, lex))
                owners.append(i)
        answers = [gloss(self.answers[i] if c.kind == "entry" else c.text, lex) for i, c in enumerate(candidates)]
        self._owners = np.asarray(owners, dtype=np.int64)  # ascending: each candidate's texts are adjacent
        self._starts = np.flatnonzero(np.r_[True, self._owners[1:] != self._owners[:-1]]) if owners else self._owners
        matrix = self.encoder.embed_many(texts + answers)
        self._matrix, self._answer_matrix = matrix[:len(texts)], matrix[len(texts):]
        self._people = answer_types.people(knowledge)
        self._sources = _source_links(candidates)
        # What the article itself says, and the names of its header's fields (title, author, views...):
        # a one-word question must name one of these ("dokdo", "views"), not a word that only an FAQ
        # phrasing or answer uses ("past", "school").
        # (Sentence by sentence: the normaliser reads a text only up to MAX_CHARS, shorter than a paragraph.)
        said = [knowledge.article.title, *(s.text for s in knowledge.article.sentences()),
                *knowledge.article.metadata_values, *METADATA_KEYS]
        self.content_words = frozenset(t for text in said for t in normalise(text, lexicon=lex).tokens)
        self.written_words = frozenset(w for text in said for w in group_key(text).split())

    def written_in_article(self, text: str, token: str) -> bool:
        """Whether a one-word question's word (`token`, as normalised) is the article's as `text` writes
        it: the article says it so ("parts", "exercises"; not "part"), or the lexicon names one of the
        article's words by it ("drills" -> exercise, "독도" -> dokdo, "view count" -> views). A word that
        only stems like an article word is not enough."""
        if token not in self.content_words:
            return False
        written = [w for w in group_key(text).split() if normalise(w, lexicon=self.lexicon).tokens == (token,)]
        return any(w in self.written_words or stem(w) != token for w in written) or not written

    def normalise(self, text: str) -> Normalised:
        return self.matcher.normalise(text)

    def encoder_text(self, text: str) -> str:
        """What the encoder reads of a question: typos mended by the knowledge's speller, Korean glossed."""
        return gloss(self.matcher.speller(clean(text).lower()), self.lexicon)

    @property
    def embedded_texts(self) -> int:
        """How many knowledge texts the semantic layer holds a vector for."""
        return int(self._matrix.shape[0] + self._answer_matrix.shape[0])

    def question_vector(self, text: str) -> np.ndarray:
        return self.encoder.embed(self.encoder_text(text))

    def encode_questions(self, texts: Sequence[str]) -> None:
        """Encode several questions at once (the parts of one message), ahead of retrieving each."""
        self.encoder.embed_questions([self.encoder_text(t) for t in texts])

    def semantic_scores(self, vector: np.ndarray) -> np.ndarray:
        """Each candidate's best cosine similarity to the question (-1 for a candidate with no text)."""
        best = np.full(len(self.matcher.index.candidates), -1.0, dtype=np.float32)
        if len(self._starts):
            best[self._owners[self._starts]] = np.maximum.reduceat(self._matrix @ vector, self._starts)
        return best

    def retrieve(self, text: str, query: Normalised | None = None) -> Retrieved:
        query = query or self.normalise(text)
        index = self.matcher.index
        result = self.matcher.match(query)
        lexical = {self._position[s.candidate.key]: s.score for s in result.ranked}
        bm25 = self.bm25.scores(query.tokens)
        vector = self.question_vector(text)
        semantic = self.semantic_scores(vector)

        rankings = (sorted(lexical, key=lexical.__getitem__, reverse=True),
                    best_first(bm25, RANKED, positive=True),
                    best_first(semantic, RANKED))
        ranks = [{i: r for r, i in enumerate(ranking)} for ranking in rankings]
        pool: list[int] = []
        for ranking in rankings:
            for i in ranking[:POOL_PER_RETRIEVER]:
                if i not in pool:
                    pool.append(i)
        if not pool:
            return Retrieved(query, (), result.information)

        tops = tuple(ranking[0] if ranking else -1 for ranking in rankings)
        weights, unknown = self.matcher.weights(query)
        total = sum(weights.values()) + unknown
        qualifiers = query.token_set & QUALIFIERS
        korean = 1.0 if query.lang in ("ko", "mixed") else 0.0
        single = 1.0 if len(set(query.tokens)) <= 1 else 0.0
        information = math.log1p(result.information)
        detail = answer_types.asked_detail(text)
        focus = answer_types.focus_word(text)
        focus_tokens = set(normalise(focus, lexicon=self.lexicon).tokens) if focus else set()
        answer_sims = dict(zip(pool, (self._answer_matrix[pool] @ vector).tolist()))
        # Each candidate's margin is against the best of the others: the top two scores say it.
        lex_best = [lexical[j] for j in rankings[0][:2]] + [0.0, 0.0]
        sem_best = [float(semantic[j]) for j in rankings[2][:2]] + [0.0, 0.0]
        out = []
        for i in pool:
            c = index.candidates[i]
            lex = lexical.get(i, 0.0)
            sem = float(semantic[i])
            others_lex = lex_best[1] if rankings[0] and i == rankings[0][0] else lex_best[0]
            others_sem = sem_best[1] if i == rankings[2][0] else sem_best[0]
            covered = sum(w for t, w in weights.items() if t in c.bag)
            features = (
                lex / 100.0, float(tops[0] == i), (lex - others_lex) / 100.0, 1.0 / (1 + ranks[0].get(i, RANKED)),
                float(bm25[i]), float(tops[1] == i), 1.0 / (1 + ranks[1].get(i, RANKED)),
                sem, float(tops[2] == i), sem - others_sem, 1.0 / (1 + ranks[2].get(i, RANKED)),
                answer_sims[i],
                float(sum(t == i for t in tops)),
                covered / total if total else 0.0,
                unknown / total if total else 1.0,
                float(query.qtype in TYPED and query.qtype not in c.types),
                float(bool(query.numbers - c.numbers or qualifiers - c.bag)),
                float(bool(focus_tokens) and not focus_tokens & c.bag),
                float(c.kind == "fact"), information, korean, single,
                max((float(semantic[j]) for j in self._sources[i]), default=0.0),
            )
            missing = answer_types.missing(detail, self.answers[i], people=self._people)
            out.append(Pooled(c, features, lex, sem, missing))
        return Retrieved(query, tuple(out), result.information)

    def answer_text(self, candidate: Candidate) -> str:
        return self.answers[self._position[candidate.key]]


def _source_links(candidates: list[Candidate]) -> list[tuple[int, ...]]:
    """Each entry's source sentences, and each sentence's entries: candidates that say the same thing.
    A question close to both an entry and the article's own words for it is more likely that entry's
    (the source_semantic feature), whatever the entry's phrasings happened to be."""
    by_paragraph: dict[int, list[tuple[int, str]]] = {}
    for j, c in enumerate(candidates):
        if c.kind == "fact" and c.source is not None:
            by_paragraph.setdefault(c.source.paragraph, []).append((j, collapse_spaces(c.text)))
    links: list[set[int]] = [set() for _ in candidates]
    for i, c in enumerate(candidates):
        if c.kind != "entry" or c.source is None:
            continue
        quote = collapse_spaces(c.source.quote)
        for j, sentence in by_paragraph.get(c.source.paragraph, ()):
            if quote in sentence or sentence in quote:
                links[i].add(j)
                links[j].add(i)
    return [tuple(sorted(linked)) for linked in links]


def _entry_of(knowledge: Knowledge, candidate: Candidate):
    return knowledge.entry(candidate.key) if candidate.kind == "entry" else None


def _answer_text(knowledge: Knowledge, candidate: Candidate) -> str:
    """What the bot says when it answers with this candidate."""
    entry = _entry_of(knowledge, candidate)
    if entry is not None:
        return entry.answer
    return f"The article says: “{candidate.text}”"


def _document(knowledge: Knowledge, candidate: Candidate, lex: Lexicon) -> list[str]:
    entry = _entry_of(knowledge, candidate)
    if entry is None:
        return list(candidate.phrasings[0].tokens)
    tokens = [t for p in candidate.phrasings for t in p.tokens]
    tokens += normalise(entry.answer + " " + (entry.source.quote if entry.source else ""), lexicon=lex).tokens
    return tokens


def _semantic_texts(knowledge: Knowledge, candidate: Candidate, *, every_phrasing: bool = True) -> list[str]:
    """What the encoder compares a question with (the answer itself is added by the caller)."""
    entry = _entry_of(knowledge, candidate)
    if entry is None:
        return [candidate.text]
    return list(entry.phrasings) if every_phrasing else [entry.question]
