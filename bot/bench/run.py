"""`python -m bot bench`: cold start and bundled latency first, then quality, scale, Discord throughput, report."""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bot.bench import coldstart, machine, quality, report, speed

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl"
SIZES = (0, 1_000, 10_000, 100_000)  # 0: the bundled knowledge alone
QUICK_SIZES = (0, 200)

#: Per mode: latency repeats (bundled in-process / each scale size), naive questions per size (None = the
#: whole mix), cold-start runs, the largest size whose naive dev accuracy is measured (one extractOne per dev
#: question: about a second each at 100,000 entries), whether the scale mix and accuracy include the
#: validation sets, how many questions warm the bundled answerer before timing (None = the whole mix),
#: and how many /ask interactions go through the Discord adapter. Quick mode also times the bundled latency on
#: the dev and archive questions only (the validation sets are still answered, for the quality tables).
MODES = {
    "full": {"repeats": 5, "scale_repeats": 3, "naive_limit": {100_000: 120}, "cold_runs": 10,
             "naive_accuracy_max": 10_000, "scale_validation": True, "warm": None, "discord": 1000,
             "sizes": SIZES},
    "quick": {"repeats": 1, "scale_repeats": 1, "naive_limit": {}, "cold_runs": 2, "naive_accuracy_max": 10**9,
              "scale_validation": False, "warm": 40, "discord": 100, "sizes": QUICK_SIZES},
}


def _log(message: str) -> None:
    print(message, flush=True)


def cache_dir(out: Path, entries: int) -> Path:
    """Where the embedding cache of one knowledge-base size lives (reused by the next run into `out`).
    One folder per size: the bundled bot (and its cold start) never reads the 100,000-entry cache."""
    return (out / ".cache" / str(entries)).resolve()


def run(knowledge: Path, questions_path: Path, out: Path, *, quick: bool = False,
        sizes: tuple[int, ...] | None = None, every: int = 1) -> dict[str, Any]:
    from bot.core.answering.evaluation import load_questions
    from bot.core.knowledge.faq import load_knowledge

    mode = MODES["quick" if quick else "full"]
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    bundled = load_knowledge(knowledge)
    sets = quality.load_sets(load_questions(questions_path), dev_name=_shown(questions_path), every=every)
    results: dict[str, Any] = {
        "mode": "quick" if quick else "full", "every": every, "knowledge": _shown(knowledge),
        "questions": _shown(questions_path),
        "bundled_entries": len(bundled.entries), "question_count": len(sets.dev), "machine": machine.describe(),
        "train_sets": sets.train_files, "train_questions": len(sets.train),
        "validation_sets": {name: len(qs) for name, qs in sets.validation.items()},
        "validation_questions": len(sets.validation_all),
    }
    sizes = tuple(sorted({max(s, len(bundled.entries)) for s in (sizes or mode["sizes"])}))
    specs = [{"knowledge": str(knowledge), "questions": str(questions_path), "size": s,
              "repeats": mode["scale_repeats"], "naive_limit": mode["naive_limit"].get(s),
              "naive_accuracy": s <= mode["naive_accuracy_max"], "validation": mode["scale_validation"],
              "cache_dir": str(cache_dir(out, s))} for s in sizes]

    # The bundled bot in this process (and `ask` in the cold-start runs) reads its embedding cache from
    # DIR/.cache/<entries>: a repeated run into the same DIR reuses it.
    os.environ["BOT_CACHE_DIR"] = str(cache_dir(out, len(bundled.entries)))
    from bot.core.answering.answer import Answerer
    from bot.core.answering.encoder import shared_encoder

    t0 = time.perf_counter()
    shared_encoder()
    encoder_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    answerer = Answerer(bundled)
    build_s = time.perf_counter() - t0
    results["bundled_build"] = {"encoder_load_s": encoder_s, "answerer_build_s": build_s}

    # Quick mode: the scale sizes run in child processes beside the rest (a smoke run, noisier timings;
    # naive's cut-off is not known yet, so its accuracy at size is not measured). The full run keeps every
    # measurement alone on the machine.
    pool = ThreadPoolExecutor(max_workers=1) if quick else None
    early = pool.submit(lambda: [speed.run_size(dict(spec, naive_cutoff=None)) for spec in specs]) if pool else None

    phases = results["phases_s"] = {"bundled answerer": encoder_s + build_s}
    t_phase = time.perf_counter()

    # 1. The two figures the issue asks to see first.
    results["coldstart"] = coldstart.measure(knowledge, runs=mode["cold_runs"])
    cold = results["coldstart"]
    if "median_s" in cold:
        _log(f"cold start: `python -m bot ask` {cold['median_s'] * 1000:.0f} ms wall (median of {cold['runs']}, "
             f"max {cold['max_s'] * 1000:.0f} ms; discord imported: "
             f"{'unknown' if cold['discord_imported'] is None else 'yes' if cold['discord_imported'] else 'no'})")
    else:
        _log(f"cold start: not measured ({cold['error']})")
    phases["cold start"] = time.perf_counter() - t_phase
    t_phase = time.perf_counter()
    mix = speed.question_mix([q.q for q in sets.dev], [] if quick else [q.q for q in sets.validation_all])
    results["bundled_latency"] = _bundled_latency(answerer, mix, mode)
    b = results["bundled_latency"]
    _log(f"in-process latency on the bundled knowledge ({len(bundled.entries)} entries, semantic layer on): "
         f"p50 {b['p50_ms']:.3f} ms, p99 {b['p99_ms']:.3f} ms per question ({b['samples']} samples)")

    phases["bundled latency"] = time.perf_counter() - t_phase
    t_phase = time.perf_counter()

    # 2. Quality: every method on the bundled knowledge; baseline cut-offs fitted on the training sets.
    _log(f"quality on the validation sets ({len(sets.validation_all)} questions) and the dev set "
         f"({len(sets.dev)}); baseline cut-offs fitted on the training sets ({len(sets.train)}):")
    methods = quality.run(bundled, sets, answerer, answerer_build_s=build_s, log=_log)
    results["quality"] = [m.to_dict() for m in methods]
    naive = next(m for m in methods if m.key == "naive")
    for spec in specs:
        spec["naive_cutoff"] = naive.cutoff

    phases["quality"] = time.perf_counter() - t_phase
    t_phase = time.perf_counter()

    # 3. Scale, one child process per size.
    rows = []
    if early is None:
        for spec in specs:
            _log(f"scale: {spec['size']:,} entries ...")
            rows.append(speed.run_size(spec))
            _log_row(rows[-1])
    else:
        _log("scale: " + ", ".join(f"{s['size']:,}" for s in specs) + " entries (started in parallel) ...")
        rows = early.result()
        for row in rows:
            _log_row(row)
        pool.shutdown()
    results["scale"] = rows

    phases["scale (after the rest)" if quick else "scale"] = time.perf_counter() - t_phase
    t_phase = time.perf_counter()

    # 4. Throughput through the Discord adapter.
    try:
        from bot.bench import discord_load
    except ImportError as exc:
        results["discord"] = {"skipped": f"the Discord load test is not available ({exc})"}
    else:
        try:
            results["discord"] = discord_load.measure(knowledge, total=mode["discord"], concurrency=50)
        except Exception as exc:  # the adapter is another team's moving target: report, never lose the run
            results["discord"] = {"skipped": f"the Discord load test failed: {type(exc).__name__}: {exc}"}
    d = results["discord"]
    if "errors" in d:
        _log(f"discord: {d['sent']} /ask at {d['concurrency']} concurrent: {d['replies_per_s']:.0f} replies/s, "
             f"p50 {d['p50_ms']:.1f} ms, p99 {d['p99_ms']:.1f} ms, {d['errors']} errors")
    else:
        _log(f"discord: skipped ({d['skipped']})")

    phases["discord"] = time.perf_counter() - t_phase
    results["elapsed_s"] = time.perf_counter() - started
    results["machine"]["load_average_end"] = machine.load_average()
    path = report.write(results, out)
    _log("")
    for goal, measured, met in report.goals(results):
        _log(f"  [{'ok' if met else 'MISSED' if met is False else '--'}] {goal}: {measured}")
    _log(f"\nwrote {path} ({results['elapsed_s']:.0f} s)")
    return results


def _bundled_latency(answerer, mix: list[str], mode: dict[str, Any]) -> dict[str, Any]:
    """Quick mode warms on the first questions only (the encoder loaded, caches hot) to stay fast."""
    if mode["warm"] is None:
        return speed.bundled_latency(answerer, mix, repeats=mode["repeats"])
    for q in mix[:mode["warm"]]:
        answerer.ask(q)
    samples = speed.time_calls(answerer.ask, mix, mode["repeats"], before=speed.forget_questions(answerer))
    return {"p50_ms": speed.percentile(samples, 50), "p99_ms": speed.percentile(samples, 99),
            "mean_ms": sum(samples) / len(samples), "max_ms": max(samples), "samples": len(samples),
            "mix": len(mix), "warm_questions": mode["warm"]}


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the project (or its parent, for ../shared) when inside."""
    path = Path(os.path.abspath(path))  # not resolve(): a symlinked checkout keeps its own layout
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
    _log(f"  {row['entries']:,} entries: load {row['ours_load_s']:.2f} s ({row['embeddings_encoded']:,} texts encoded, "
         f"{row['embeddings_cached']:,} from the cache), RSS {row['rss_total_mib']:.0f} MiB; "
         f"ours p50 {row['ours_p50_ms']:.3f} / p99 {row['ours_p99_ms']:.3f} ms; naive p50 {row['naive_p50_ms']:.2f} / "
         f"p99 {row['naive_p99_ms']:.2f} ms; dev accuracy {100 * acc[0] / acc[1]:.1f}%")


def main(args) -> int:
    questions = Path(args.questions) if args.questions else DEFAULT_QUESTIONS
    if not questions.is_file():
        print(f"error: no question set at {questions} (use --questions PATH)", file=sys.stderr)
        return 2
    sizes = tuple(args.sizes) if args.sizes else None
    run(Path(args.knowledge), questions, Path(args.out), quick=args.quick, sizes=sizes, every=args.every)
    return 0
