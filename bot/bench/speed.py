"""Speed and scale: per knowledge-base size, load time, memory, latency and accuracy, ours vs naive.

Each size runs in a fresh child process (`python -m bot.bench.speed '{json}'`), so resident memory is
that size's alone and one size's garbage cannot slow the next. In the child:

1. the bundled knowledge plus the first (size - bundled) distractors of bot.bench.synthetic;
2. the shared sentence encoder is loaded first (the model, and its embedding cache file from
   $BOT_CACHE_DIR, which the bench points at DIR/.cache/<entries>), timed on its own;
3. load time: building our full Answerer (lexical index, BM25, embeddings of every text the semantic
   layer compares with: texts already in the cache file are read, the rest are encoded) on that
   knowledge; RSS before and after, and how many texts were encoded afresh;
4. the naive baseline's "index": the flat list of every question and alternate;
5. latency, in-process and warm (one untimed pass first), one `perf_counter_ns` pair around each call,
   over a fixed mix: the dev questions, the validation questions and 80 archive-style questions on
   other stories (fresh distractor phrasings from another seed), the encoder's memo of recent
   questions cleared before each timed call (forget_questions). Ours runs the mix `repeats` times;
   naive extractOne runs it once (or a fixed, evenly spaced subset), side by side in the same process;
6. dev and validation accuracy at this size (same judge as the quality tables), how many dev answers
   came from a distractor, and naive's dev accuracy with its cut-off fitted on the training sets.
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


def question_mix(*question_lists: list[str]) -> list[str]:
    """The latency mix: the given questions (dev, validation) and archive-style questions on other stories."""
    from bot.bench import synthetic

    return [q for questions in question_lists for q in questions] + synthetic.questions(ARCHIVE_QUESTIONS)


def validation_questions():
    from bot.core.answering import calibrate

    return calibrate.load_sets(calibrate.question_files(calibrate.VALIDATION_DIR))


def time_calls(fn, questions: list[str], repeats: int, *, before=None) -> list[float]:
    """Milliseconds per call, one sample per call; `before()` runs before each call, outside the timing."""
    samples = []
    clock = time.perf_counter_ns
    for _ in range(repeats):
        for q in questions:
            if before is not None:
                before()
            t0 = clock()
            fn(q)
            samples.append((clock() - t0) / 1e6)
    return samples


def forget_questions(answerer):
    """What makes every timed question a new one: the shared encoder remembers the vectors of recent
    questions (a member repeating a question costs no encoding), so a latency mix repeated or warmed up
    would time memo hits, not the encoder. Clearing that memo before each timed call times the question
    as a member's new question meets it; caches of the knowledge stay warm."""
    encoder = getattr(getattr(answerer, "retriever", None), "encoder", None)
    memo = getattr(encoder, "_questions", None)
    if not isinstance(memo, dict):
        return None
    lock = getattr(encoder, "_lock", None)

    def forget() -> None:
        if lock is None:
            memo.clear()
        else:
            with lock:
                memo.clear()
    return forget


def build_knowledge(knowledge_path: Path, size: int):
    from bot.bench import synthetic
    from bot.core.knowledge.faq import load_knowledge

    bundled = load_knowledge(knowledge_path)
    extra = synthetic.distractors(max(0, size - len(bundled.entries)))
    return bundled, dataclasses.replace(bundled, entries=bundled.entries + extra)


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """One size, in this process. spec: knowledge, questions, size, repeats, naive_limit, naive_cutoff,
    naive_accuracy, cache_dir."""
    if spec.get("cache_dir"):
        os.environ["BOT_CACHE_DIR"] = spec["cache_dir"]
    from bot.bench import synthetic
    from bot.bench.baselines import NaiveFuzzy
    from bot.core.answering.answer import Answerer
    from bot.core.answering.encoder import shared_encoder
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
    encoder = shared_encoder()
    out["encoder_load_s"] = time.perf_counter() - t0
    cached = len(getattr(encoder, "_memo", ()))
    out["embeddings_cached"] = cached
    gc.collect()
    rss_encoder = rss_mib()
    out["encoder_mib"] = rss_encoder - rss_kb

    t0 = time.perf_counter()
    answerer = Answerer(knowledge)
    out["ours_load_s"] = time.perf_counter() - t0
    out["embeddings_encoded"] = len(getattr(encoder, "_memo", ())) - cached
    out["embedded_texts"] = getattr(answerer.retriever, "embedded_texts", None)
    gc.collect()
    rss_ours = rss_mib()
    out["ours_index_mib"] = rss_ours - rss_encoder

    t0 = time.perf_counter()
    naive = NaiveFuzzy(knowledge)
    out["naive_load_s"] = time.perf_counter() - t0
    gc.collect()
    out["naive_index_mib"] = rss_mib() - rss_ours
    out["rss_total_mib"] = rss_mib()

    questions = load_questions(spec["questions"])
    validation = validation_questions() if spec.get("validation", True) else []
    mix = question_mix([q.q for q in questions], [q.q for q in validation])
    out["mix"] = len(mix)

    for q in mix:  # warm: caches, lazy imports, branch predictors
        answerer.ask(q)
    ours = time_calls(answerer.ask, mix, spec["repeats"], before=forget_questions(answerer))
    out["ours_p50_ms"], out["ours_p99_ms"] = percentile(ours, 50), percentile(ours, 99)
    out["ours_mean_ms"], out["ours_max_ms"] = statistics.fmean(ours), max(ours)
    out["ours_samples"] = len(ours)
    out["rss_peak_mib"] = peak_rss_mib()

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

    for name, qs in (("ours_accuracy", questions), ("ours_validation", validation)):
        if not qs:
            continue
        report = score(answer_fn, qs)
        ok_a, n_a = report.accuracy(answerable=True)
        ok_b, n_b = report.accuracy(answerable=False)
        out[name] = {"answerable": [ok_a, n_a], "abstain": [ok_b, n_b], "overall": [ok_a + ok_b, n_a + n_b],
                     "confident_wrong": report.confident_wrong}
        if name == "ours_accuracy":
            out["ours_distractor_answers"] = sum(synthetic.is_synthetic(answers[q.q].entry_id) for q in questions)
            # Per dev question: judged correct?, and what answered (entry id, 'fact', or None when it abstained).
            out["ours_outcomes"] = {
                o.question.id: [o.correct, (answers[o.question.q].entry_id or answers[o.question.q].reason)
                                if o.answered else None]
                for o in report.outcomes
            }
    if validation:
        out["ours_validation"]["distractor_answers"] = sum(
            synthetic.is_synthetic(answers[q.q].entry_id) for q in validation)

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
    out["rss_peak_mib"] = peak_rss_mib()
    return out


def peak_rss_mib() -> float | None:
    """The process's peak resident set size so far (getrusage), in MiB."""
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
    except (ImportError, OSError):
        return None


def run_size(spec: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
    """measure(spec) in a fresh interpreter; a failure comes back as {'size': ..., 'error': ...}."""
    cmd = [sys.executable, "-m", "bot.bench.speed", json.dumps(spec)]
    env = dict(os.environ)
    if spec.get("cache_dir"):
        env["BOT_CACHE_DIR"] = spec["cache_dir"]
    started = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:
        return {"size": spec["size"], "error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return {"size": spec["size"], "error": " | ".join(tail) or f"exit {done.returncode}"}
    row = json.loads(done.stdout.strip().splitlines()[-1])
    row["child_wall_s"] = time.perf_counter() - started
    return row


def bundled_latency(answerer, mix: list[str], repeats: int = 5) -> dict[str, float]:
    """In-process p50/p99 per question on the bundled knowledge, semantic layer on (the first lines of `bench`).
    One untimed pass over the mix first: the shared encoder is loaded and warm before anything is timed."""
    t0 = time.perf_counter()
    for q in mix:
        answerer.ask(q)
    warm_s = time.perf_counter() - t0
    samples = time_calls(answerer.ask, mix, repeats, before=forget_questions(answerer))
    return {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "mean_ms": statistics.fmean(samples),
            "max_ms": max(samples), "samples": len(samples), "mix": len(mix), "warm_pass_s": warm_s}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(sys.argv[1]))))
