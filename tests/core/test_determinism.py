"""Answering reads a question the same way in every process: nothing it computes may depend on the
order a set happens to iterate in (which PYTHONHASHSEED changes), or a refit of the decision would not
reproduce the stored one and a member could get a different answer after a restart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two candidates tie on their lexical score here, so a sum taken in set order ranks them either way.
QUESTIONS = ["waht kind of missle data r they sharing", "when was the camp david summit"]

_PROBE = """
import json, sys
from bot.core.answering.answer import Answerer
from bot.core.knowledge.faq import load_knowledge
answerer = Answerer(load_knowledge("knowledge/faq.yaml"))
out = []
for question in json.loads(sys.argv[1]):
    retrieved = answerer.retriever.retrieve(question)
    out.append(sorted([p.candidate.key, *p.features] for p in retrieved.pool))
print(json.dumps(out))
"""


def _features(seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(QUESTIONS)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)


def test_retrieval_features_do_not_depend_on_the_hash_seed():
    first = _features("0")
    assert first and all(first)
    for seed in ("13", "22"):
        assert _features(seed) == first, seed
