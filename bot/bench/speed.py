"""Speed and scale: per knowledge-base size, load time, memory, latency and dev accuracy, ours vs naive.

Each size runs in a fresh child process (`python -m bot.bench.speed '{json}'`), so resident memory is
that size's alone and one size's garbage cannot slow the next. In the child:

1. the bundled knowledge plus the first (size - bundled) distractors of bot.bench.synthetic;
2. load time: building our Answerer (its index) on that knowledge; RSS before and after;
3. the naive baseline's "index": the flat list of every question and alternate;
4. latency, in-process and warm (one untimed pass first), one `perf_counter_ns` pair around each call,
   over a fixed mix: the 120 dev questions plus 80 archive-style questions on other stories (fresh
   distractor phrasings from another seed). Ours runs the mix `repeats` times; naive extractOne
   runs it once (or a fixed, evenly spaced subset in --quick), side by side in the same process;
5. dev accuracy at this size (same judge as the quality table), how many answers came from a
   distractor, and naive's accuracy at this size with the cutoff tuned on the bundled knowledge.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ARCHIVE_QUESTIONS = 80


def rss_mib() -> float:
    """This process's resident set size now, in MiB (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100) of samples."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def question_mix(dev_questions: list[str]) -> list[str]:
    from bot.bench import synthetic

    return list(dev_questions) + synthetic.questions(ARCHIVE_QUESTIONS)


def time_calls(fn, questions: list[str], repeats: int) -> list[float]:
    """Milliseconds per call, one sample per call."""
    samples = []
    clock = time.perf_counter_ns
    for _ in range(repeats):
        for q in questions:
            t0 = clock()
            fn(q)
            samples.append((clock() - t0) / 1e6)
    return samples


def build_knowledge(knowledge_path: Path, size: int):
    from bot.bench import synthetic
    from bot.core.knowledge.faq import load_knowledge

    bundled = load_knowledge(knowledge_path)
    extra = synthetic.distractors(max(0, size - len(bundled.entries)))
    return bundled, dataclasses.replace(bundled, entries=bundled.entries + extra)


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """One size, in this process. spec: knowledge, questions, size, repeats, naive_limit, naive_cutoff."""
    from bot.bench import synthetic
    from bot.bench.baselines import NaiveFuzzy
    from bot.core.answering.answer import Answerer
    from bot.core.answering.evaluation import judge, load_questions, score

    out: dict[str, Any] = {"size": spec["size"]}
    rss_start = rss_mib()
    t0 = time.perf_counter()
    bundled, knowledge = build_knowledge(Path(spec["knowledge"]), spec["size"])
    out["generate_s"] = time.perf_counter() - t0
    out["entries"] = len(knowledge.entries)
    out["phrasings"] = sum(len(e.phrasings) for e in knowledge.entries)
    out["bundled_entries"] = len(bundled.entries)
    gc.collect()
    rss_kb = rss_mib()
    out["rss_knowledge_mib"] = rss_kb - rss_start

    t0 = time.perf_counter()
    answerer = Answerer(knowledge)
    out["ours_load_s"] = time.perf_counter() - t0
    gc.collect()
    rss_ours = rss_mib()
    out["ours_index_mib"] = rss_ours - rss_kb

    t0 = time.perf_counter()
    naive = NaiveFuzzy(knowledge)
    out["naive_load_s"] = time.perf_counter() - t0
    gc.collect()
    out["naive_index_mib"] = rss_mib() - rss_ours
    out["rss_total_mib"] = rss_mib()

    questions = load_questions(spec["questions"])
    mix = question_mix([q.q for q in questions])
    out["mix"] = len(mix)

    for q in mix:  # warm: caches, lazy imports, branch predictors
        answerer.ask(q)
    ours = time_calls(answerer.ask, mix, spec["repeats"])
    out["ours_p50_ms"], out["ours_p99_ms"] = percentile(ours, 50), percentile(ours, 99)
    out["ours_mean_ms"], out["ours_max_ms"] = statistics.fmean(ours), max(ours)
    out["ours_samples"] = len(ours)

    limit = spec.get("naive_limit") or len(mix)
    step = max(1, len(mix) // limit)
    naive_mix = mix[::step][:limit]
    naive.top(naive_mix[0])
    slow = time_calls(naive.top, naive_mix, 1)
    out["naive_p50_ms"], out["naive_p99_ms"] = percentile(slow, 50), percentile(slow, 99)
    out["naive_mean_ms"], out["naive_max_ms"] = statistics.fmean(slow), max(slow)
    out["naive_samples"] = len(slow)

    answers = {}

    def answer_fn(text: str) -> tuple[bool, str]:
        answer = answerer.ask(text)
        answers[text] = answer
        return answer.answered, answer.answer

    report = score(answer_fn, questions)
    ok_a, n_a = report.accuracy(answerable=True)
    ok_b, n_b = report.accuracy(answerable=False)
    out["ours_accuracy"] = {"answerable": [ok_a, n_a], "abstain": [ok_b, n_b], "overall": [ok_a + ok_b, n_a + n_b],
                            "confident_wrong": report.confident_wrong}
    out["ours_distractor_answers"] = sum(synthetic.is_synthetic(a.entry_id) for a in answers.values())
    # Per question: judged correct?, and what answered (entry id, 'fact', or None when it abstained).
    out["ours_outcomes"] = {
        o.question.id: [o.correct, (answers[o.question.q].entry_id or answers[o.question.q].reason)
                        if o.answered else None]
        for o in report.outcomes
    }

    cutoff = spec.get("naive_cutoff")
    if cutoff is not None and spec.get("naive_accuracy", True):
        correct = [0, 0]
        totals = [0, 0]
        wrong = 0
        for q in questions:
            hit = naive.top(q.q)
            answered = hit is not None and hit.score >= cutoff
            ok = judge(q, answered, hit.answer if answered else "")
            correct[q.answerable] += ok
            totals[q.answerable] += 1
            wrong += answered and not ok
        out["naive_accuracy"] = {"answerable": [correct[1], totals[1]], "abstain": [correct[0], totals[0]],
                                 "overall": [sum(correct), sum(totals)], "confident_wrong": wrong}
    return out


def run_size(spec: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
    """measure(spec) in a fresh interpreter; a failure comes back as {'size': ..., 'error': ...}."""
    cmd = [sys.executable, "-m", "bot.bench.speed", json.dumps(spec)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:
        return {"size": spec["size"], "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return {"size": spec["size"], "error": " | ".join(tail) or f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def bundled_latency(knowledge_path: Path, questions_path: Path, repeats: int = 5) -> dict[str, float]:
    """In-process p50/p99 per question on the bundled knowledge (the first line of `bench`)."""
    from bot.core.answering.answer import Answerer
    from bot.core.answering.evaluation import load_questions
    from bot.core.knowledge.faq import load_knowledge

    answerer = Answerer(load_knowledge(knowledge_path))
    mix = question_mix([q.q for q in load_questions(questions_path)])
    for q in mix:
        answerer.ask(q)
    samples = time_calls(answerer.ask, mix, repeats)
    return {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "samples": len(samples)}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(sys.argv[1]))))
