"""Order questions answered from the key-dates table: which came first, what came after or before an
event, the earliest and the latest. Events are found by meaning (the sentence encoder) and words."""

from __future__ import annotations

import numpy as np

from bot.core.answering.dates import format_date
from bot.core.answering import lexicon
from bot.core.answering.encoder import Encoder
from bot.core.answering.forms import OrderQuestion
from bot.core.answering.normalise import gloss, normalise
from bot.core.knowledge.faq import KeyDate, Knowledge, Source

#: An event named in a question must be at least this close (cosine, blended with word overlap) to a
#: key date's event to be read as that date.
EVENT_MATCH = 0.45


class Timeline:
    def __init__(self, knowledge: Knowledge, encoder: Encoder):
        # Paragraph 0 is the article's own header (its publication): not an event it reports.
        self.dates = sorted((d for d in knowledge.dates if d.source.paragraph != 0), key=lambda d: d.sort_key)
        self.encoder = encoder
        self.lexicon = lex = lexicon.merged(knowledge.lexicon)
        texts = [gloss(f"{d.event} {d.id.replace('-', ' ')}", lex) for d in self.dates]
        self._matrix = encoder.embed_many(texts) if texts else np.zeros((0, 384), dtype=np.float32)
        self._words = [frozenset(normalise(f"{d.event} {d.source.quote} {d.id.replace('-', ' ')}", lexicon=lex).tokens)
                       for d in self.dates]

    def find(self, fragment: str) -> KeyDate | None:
        if not self.dates or not fragment.strip():
            return None
        sims = self._matrix @ self.encoder.embed(gloss(fragment, self.lexicon))
        tokens = set(normalise(fragment, lexicon=self.lexicon).tokens)
        scores = []
        for i, words in enumerate(self._words):
            overlap = len(tokens & words) / len(tokens) if tokens else 0.0
            scores.append(0.5 * float(sims[i]) + 0.5 * overlap)
        best = int(np.argmax(scores))
        ranked = sorted(scores, reverse=True)
        if scores[best] < EVENT_MATCH or (len(ranked) > 1 and ranked[0] - ranked[1] < 0.02):
            return None
        return self.dates[best]

    def answer(self, question: OrderQuestion) -> tuple[str, Source] | None:
        if not self.dates:
            return None
        if question.kind == "latest":
            d = self.dates[-1]
            return f"The latest event the article dates: {_event(d)} ({format_date(d)}).", d.source
        if question.kind == "earliest":
            d = self.dates[0]
            return f"The earliest event the article dates: {_event(d)} ({format_date(d)}).", d.source
        if question.kind == "order_all":
            listed = "; ".join(f"{format_date(d)}: {_event(d)}" for d in self.dates)
            return f"In time order, the article's dated events: {listed}.", self.dates[0].source
        found = [self.find(e) for e in question.events]
        if not found or any(d is None for d in found):
            return None
        if question.kind in ("first_of_two", "later_of_two") and len(found) == 2:
            a, b = sorted(found, key=lambda d: d.sort_key)
            if a.id == b.id or a.sort_key == b.sort_key:
                return None
            if question.kind == "later_of_two":
                return (f"This came later: {format_date(b)}, {_lower(_event(b))}. Earlier: {format_date(a)}, "
                        f"{_lower(_event(a))}.", b.source)
            return (f"This came first: {format_date(a)}, {_lower(_event(a))}. Then: {format_date(b)}, "
                    f"{_lower(_event(b))}.", a.source)
        if question.kind in ("after", "before") and len(found) == 1:
            anchor = found[0]
            i = self.dates.index(anchor)
            j = i + 1 if question.kind == "after" else i - 1
            if not 0 <= j < len(self.dates):
                return None
            other = self.dates[j]
            word = "next" if question.kind == "after" else "one before"
            return (f"The article's {word} dated event: {format_date(other)}, {_lower(_event(other))}. "
                    f"(The one you named: {format_date(anchor)}, {_lower(_event(anchor))}.)", other.source)
        return None


def _event(d: KeyDate) -> str:
    return d.event.rstrip(".")


def _lower(text: str) -> str:
    """'The leaders ...' -> 'the leaders ...' inside a sentence; names keep their capitals."""
    return text[:1].lower() + text[1:] if text.startswith(("The ", "A ", "An ")) else text
