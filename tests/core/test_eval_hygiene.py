"""No evaluation question stands in the FAQ, word for word or nearly: a question the knowledge already
phrases would be answered by the exact-phrasing rule and by the phrasing's own vector, so the figures it
counts towards would measure memory, not generalisation. (Curated phrasings are written from the article.)"""

from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from bot.core.answering.calibrate import TRAIN_DIR, VALIDATION_DIR, question_files
from bot.core.answering.evaluation import load_questions
from bot.core.knowledge.faq import load_knowledge
from bot.core.text import group_key

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
NEAR_COPY = 90  # rapidfuzz ratio of the two texts as the bot groups them (case, spaces, punctuation aside)

SETS = [*question_files(TRAIN_DIR), *question_files(VALIDATION_DIR), ROOT / "tests" / "data" / "probe.jsonl",
        *([DEV] if DEV.exists() else [])]


@pytest.fixture(scope="module")
def phrasings() -> dict[str, str]:
    knowledge = load_knowledge(ROOT / "knowledge" / "faq.yaml")
    return {group_key(p): entry.id for entry in knowledge.entries for p in entry.phrasings}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name if p.parent.name != "validation" else f"validation/{p.name}")
def test_no_evaluation_question_is_an_faq_phrasing(path, phrasings):
    keys = list(phrasings)
    copies = []
    for question in load_questions(path):
        found = process.extractOne(group_key(question.q), keys, scorer=fuzz.ratio, score_cutoff=NEAR_COPY)
        if found is not None:
            copies.append(f"{question.id} {question.q!r} ~ {phrasings[found[0]]}: {found[0]!r} ({found[1]:.0f})")
    assert not copies, "\n".join(copies)


def test_the_guard_sees_a_near_copy(phrasings):
    key = next(iter(phrasings))
    assert process.extractOne(group_key(key.upper() + " ?"), list(phrasings), scorer=fuzz.ratio,
                              score_cutoff=NEAR_COPY) is not None
