"""`python -m bot bench`: cold start and bundled latency first, then quality, scale, Discord throughput, report."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bot.bench import coldstart, machine, quality, report, speed

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl"
SIZES = (0, 1_000, 10_000, 100_000)  # 0: the bundled knowledge alone

#: Per mode: latency repeats for ours, naive questions per size (None = the whole mix), cold-start runs,
#: whether naive's dev accuracy is measured at sizes above 10,000 (one extractOne per dev question).
MODES = {
    "full": {"repeats": 5, "naive_limit": {}, "cold_runs": 10, "naive_accuracy_max": 10**9, "discord": 1000},
    "quick": {"repeats": 1, "naive_limit": {10_000: 30, 100_000: 8}, "cold_runs": 3, "naive_accuracy_max": 1_000,
              "discord": 1000},
}


def _log(message: str) -> None:
    print(message, flush=True)


def run(knowledge: Path, questions_path: Path, out: Path, *, quick: bool = False,
        sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    from bot.core.answering.evaluation import load_questions
    from bot.core.knowledge.faq import load_knowledge

    mode = MODES["quick" if quick else "full"]
    started = time.perf_counter()
    bundled = load_knowledge(knowledge)
    questions = load_questions(questions_path)
    results: dict[str, Any] = {
        "mode": "quick" if quick else "full", "knowledge": _shown(knowledge), "questions": _shown(questions_path),
        "bundled_entries": len(bundled.entries), "question_count": len(questions), "machine": machine.describe(),
    }
    sizes = tuple(sorted({max(s, len(bundled.entries)) for s in sizes}))
    specs = [{"knowledge": str(knowledge), "questions": str(questions_path), "size": s, "repeats": mode["repeats"],
              "naive_limit": mode["naive_limit"].get(s), "naive_accuracy": s <= mode["naive_accuracy_max"]}
             for s in sizes]

    # The largest size takes longest (building its index); in quick mode start it first, in a child
    # process beside the rest, so the whole run fits its budget (its naive accuracy is not measured).
    # The full run keeps every measurement alone on the machine.
    pool = ThreadPoolExecutor(max_workers=1) if quick else None
    early = pool.submit(speed.run_size, dict(specs[-1], naive_cutoff=None)) if pool is not None else None

    # 1. The two figures the issue asks to see first.
    results["coldstart"] = coldstart.measure(knowledge, runs=mode["cold_runs"])
    cold = results["coldstart"]
    if "median_s" in cold:
        _log(f"cold start: `python -m bot ask` {cold['median_s'] * 1000:.0f} ms wall (median of {cold['runs']}; "
             f"discord imported: {'yes' if cold['discord_imported'] else 'no'})")
    else:
        _log(f"cold start: not measured ({cold['error']})")
    results["bundled_latency"] = speed.bundled_latency(knowledge, questions_path, repeats=mode["repeats"] * 5)
    b = results["bundled_latency"]
    _log(f"in-process latency on the bundled knowledge ({len(bundled.entries)} entries): p50 {b['p50_ms']:.3f} ms, "
         f"p99 {b['p99_ms']:.3f} ms per question ({b['samples']} samples)")

    # 2. Quality: every method on the bundled knowledge; naive's tuned cutoff is reused at every size.
    _log("quality on the dev set:")
    methods = quality.run(bundled, questions, log=_log)
    results["quality"] = [{"key": m.key, "label": m.label, "skipped": m.skipped, "cutoff": m.cutoff,
                           "build_s": m.build_s, "per_question_ms": m.per_question_ms, **m.summary} for m in methods]
    naive = next(m for m in methods if m.key == "naive")
    for spec in specs:
        spec["naive_cutoff"] = naive.cutoff

    # 3. Scale, one child process per size.
    rows = []
    for spec in specs if early is None else specs[:-1]:
        _log(f"scale: {spec['size']:,} entries ...")
        rows.append(speed.run_size(spec))
        _log_row(rows[-1])
    if early is not None:
        _log(f"scale: {specs[-1]['size']:,} entries (started in parallel) ...")
        rows.append(early.result())
        _log_row(rows[-1])
        pool.shutdown()
    results["scale"] = rows

    # 4. Throughput through the Discord adapter.
    try:
        from bot.bench import discord_load
    except ImportError as exc:
        results["discord"] = {"skipped": f"the Discord load test is not available ({exc})"}
    else:
        results["discord"] = discord_load.measure(knowledge, total=mode["discord"], concurrency=50,
                                                  questions=[q.q for q in questions])
    d = results["discord"]
    if "errors" in d:
        _log(f"discord: {d['sent']} /ask at {d['concurrency']} concurrent: {d['replies_per_s']:.0f} replies/s, "
             f"p50 {d['p50_ms']:.1f} ms, p99 {d['p99_ms']:.1f} ms, {d['errors']} errors")
    else:
        _log(f"discord: skipped ({d['skipped']})")

    results["elapsed_s"] = time.perf_counter() - started
    results["machine"]["load_average_end"] = machine.load_average()
    path = report.write(results, out)
    _log("")
    for goal, measured, met in report.goals(results):
        _log(f"  [{'ok' if met else 'MISSED' if met is False else '--'}] {goal}: {measured}")
    _log(f"\nwrote {path} ({results['elapsed_s']:.0f} s)")
    return results


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the project (or its parent, for ../shared) when inside."""
    path = path.resolve()
    for base, prefix in ((PROJECT_ROOT, ""), (PROJECT_ROOT.parent, "../")):
        try:
            return prefix + str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def _log_row(row: dict[str, Any]) -> None:
    if "error" in row:
        _log(f"  failed: {row['error']}")
        return
    acc = row["ours_accuracy"]["overall"]
    _log(f"  {row['entries']:,} entries: load {row['ours_load_s']:.2f} s, RSS {row['rss_total_mib']:.0f} MiB; "
         f"ours p50 {row['ours_p50_ms']:.3f} / p99 {row['ours_p99_ms']:.3f} ms; naive p50 {row['naive_p50_ms']:.2f} / "
         f"p99 {row['naive_p99_ms']:.2f} ms; dev accuracy {100 * acc[0] / acc[1]:.1f}%")


def main(args) -> int:
    questions = Path(args.questions) if args.questions else DEFAULT_QUESTIONS
    if not questions.is_file():
        print(f"error: no question set at {questions} (use --questions PATH)", file=sys.stderr)
        return 2
    sizes = tuple(args.sizes) if args.sizes else SIZES
    run(Path(args.knowledge), questions, Path(args.out), quick=args.quick, sizes=sizes)
    return 0
