"""results.md (tables), results.json (everything) and the plots (matplotlib, when installed)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

KIND_ORDER = ("paraphrase", "informal", "typo", "keyword", "date", "ko", "mixed", "oos", "near")
LANG_ORDER = ("en", "ko", "mixed")

# Goals from the benchmark issue.
GOAL_COLD_S = 0.5
GOAL_BUNDLED_P99_MS = 1.0
GOAL_LARGE_P99_MS = 20.0
GOAL_SPEEDUP = 10.0
GOAL_ACCURACY_POINTS = 2.0


def _pct(pair: list[int] | tuple[int, int] | None) -> str:
    if not pair or not pair[1]:
        return "–"
    return f"{100 * pair[0] / pair[1]:.1f}% ({pair[0]}/{pair[1]})"


def _rate(pair) -> float | None:
    return None if not pair or not pair[1] else 100 * pair[0] / pair[1]


def _ms(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _ok(flag: bool | None) -> str:
    return "–" if flag is None else ("**met**" if flag else "**missed**")


def goals(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met?) for every goal of the issue."""
    out: list[tuple[str, str, bool | None]] = []
    quality = [m for m in results.get("quality", []) if not m.get("skipped")]
    ours = next((m for m in quality if m["key"] == "ours"), None)
    others = [m for m in quality if m["key"] != "ours"]
    if ours and others:
        beats = all(_rate(ours["answerable"]) > _rate(m["answerable"]) and _rate(ours["abstain"]) > _rate(m["abstain"])
                    for m in others)
        fewest = all(ours["confident_wrong"][0] < m["confident_wrong"][0] for m in others)
        detail = "; ".join(f"{m['label']}: {_rate(m['answerable']):.0f}% / {_rate(m['abstain']):.0f}%"
                           for m in others)
        out.append(("ours beats every baseline on answerable and abstain accuracy at once",
                    f"ours {_rate(ours['answerable']):.0f}% / {_rate(ours['abstain']):.0f}%; {detail}", beats))
        out.append(("ours has the fewest confident wrong answers",
                    f"ours {ours['confident_wrong'][0]}; " + ", ".join(
                        f"{m['label']} {m['confident_wrong'][0]}" for m in others), fewest))
    cold = results.get("coldstart") or {}
    if "median_s" in cold:
        out.append((f"cold start of `python -m bot ask` under {GOAL_COLD_S} s",
                    f"{cold['median_s']:.3f} s median of {cold['runs']}", cold["median_s"] < GOAL_COLD_S))
        out.append(("`ask` does not import discord", "imports discord" if cold["discord_imported"] else "no discord module",
                    not cold["discord_imported"]))
    else:
        out.append((f"cold start of `python -m bot ask` under {GOAL_COLD_S} s", cold.get("error", "not measured"), None))
    bundled = results.get("bundled_latency") or {}
    if "p99_ms" in bundled:
        out.append((f"p99 under {GOAL_BUNDLED_P99_MS:g} ms on the bundled knowledge",
                    f"{_ms(bundled['p99_ms'])} ms", bundled["p99_ms"] < GOAL_BUNDLED_P99_MS))
    rows = [r for r in results.get("scale", []) if "error" not in r]
    base = next((r for r in rows if r["size"] == min(r["size"] for r in rows)), None) if rows else None
    top = max(rows, key=lambda r: r["size"]) if rows else None
    if top and top is not base:
        n = f"{top['entries']:,}"
        out.append((f"p99 under {GOAL_LARGE_P99_MS:g} ms at {n} entries", f"{_ms(top['ours_p99_ms'])} ms",
                    top["ours_p99_ms"] < GOAL_LARGE_P99_MS))
        p50x, p99x = top["naive_p50_ms"] / top["ours_p50_ms"], top["naive_p99_ms"] / top["ours_p99_ms"]
        out.append((f"at least {GOAL_SPEEDUP:g}x faster than naive extractOne at {n} entries",
                    f"{p50x:.0f}x at p50, {p99x:.0f}x at p99", min(p50x, p99x) >= GOAL_SPEEDUP))
        a0, a1 = _rate(base["ours_accuracy"]["overall"]), _rate(top["ours_accuracy"]["overall"])
        out.append((f"dev accuracy at {n} entries within {GOAL_ACCURACY_POINTS:g} points of the bundled figure",
                    f"{a1:.1f}% vs {a0:.1f}% ({a1 - a0:+.1f} points)", abs(a1 - a0) <= GOAL_ACCURACY_POINTS))
    discord = results.get("discord") or {}
    if "errors" in discord:
        out.append(("Discord adapter: 1,000 /ask interactions, 50 at a time, no errors",
                    f"{discord['errors']} errors in {discord['sent']}", discord["errors"] == 0))
    else:
        out.append(("Discord adapter: 1,000 /ask interactions, 50 at a time, no errors",
                    discord.get("skipped", "not measured"), None))
    return out


def _flips(results: dict[str, Any]) -> list[str]:
    """Dev questions whose judgement changes between the bundled knowledge and the larger ones."""
    rows = [r for r in results.get("scale", []) if "error" not in r and r.get("ours_outcomes")]
    if len(rows) < 2:
        return []
    base = rows[0]["ours_outcomes"]
    lines = ["", "### Dev questions whose judgement changes with size", "",
             "| entries | now wrong (answered by) | now right |", "| --- | --- | --- |"]
    for r in rows[1:]:
        worse = [f"{qid} ({what or 'abstained'})" for qid, (ok, what) in sorted(r["ours_outcomes"].items())
                 if base.get(qid, [False])[0] and not ok]
        better = [qid for qid, (ok, _) in sorted(r["ours_outcomes"].items()) if ok and not base.get(qid, [True])[0]]
        lines.append(f"| {r['entries']:,} | {', '.join(worse) or '–'} | {', '.join(better) or '–'} |")
    return lines


def machine_lines(m: dict[str, Any]) -> list[str]:
    if not m:
        return ["unknown"]
    return [f"- CPU: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable)",
            f"- Memory: {m['memory_gib']:.1f} GiB" if m.get("memory_gib") else "- Memory: unknown",
            f"- OS: {m['os']}", f"- Python: {m['python']}",
            f"- Load average (1, 5, 15 min) at the start: {m.get('load_average')}, at the end: "
            f"{m.get('load_average_end')} (other work on the machine makes timings noisier)",
            "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
            f"- Commit: {m.get('commit')}"]


def markdown(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    lines = [
        "# Benchmark results",
        "",
        f"Mode: **{results['mode']}**. Commit {m.get('commit', '?')}. Knowledge: {results['knowledge']} "
        f"({results.get('bundled_entries', '?')} entries); questions: {results['questions']} "
        f"({results.get('question_count', '?')}). Total run time {results.get('elapsed_s', 0):.0f} s.",
        "",
    ]
    if results["mode"] == "quick":
        lines += ["> Quick mode: fewer repeats and a subset of the naive baseline's questions at large sizes; the figures",
                  "> show the shape, not the committed numbers (see benchmarks/results/ for a full run).", ""]
    lines += ["## Goals", "", "| goal | measured | |", "| --- | --- | --- |"]
    lines += [f"| {g} | {measured} | {_ok(flag)} |" for g, measured, flag in goals(results)]

    lines += ["", "## Answer quality (dev set, bundled knowledge)", "",
              "Answerable accuracy: the answer holds every expected fact. Abstain accuracy: the bot says the article "
              "doesn't say. Confident wrong: an answer given that is wrong (a wrong fact, or an answer where it "
              "should abstain), as a share of all questions. Baseline cutoffs are tuned on these same questions "
              "to maximise each baseline's own accuracy.", "",
              "| method | answerable | abstain | overall | confident wrong | cutoff | answerable when abstaining "
              "as well as ours | build | per question |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for q in results.get("quality", []):
        if q.get("skipped"):
            lines.append(f"| {q['label']} | skipped: {q['skipped']} | | | | | | | |")
            continue
        cutoff = "–" if q.get("cutoff") is None else f"{q['cutoff']:.3g}"
        level = q.get("at_ours_abstain")
        level_cell = "–" if q["key"] == "ours" else (
            f"{_pct(level['answerable'])}, {level['confident_wrong']} confident wrong" if level else "never")
        lines.append(f"| {q['label']} | {_pct(q['answerable'])} | {_pct(q['abstain'])} | {_pct(q['overall'])} | "
                     f"{_pct(q['confident_wrong'])} | {cutoff} | {level_cell} | {q['build_s']:.2f} s | "
                     f"{_ms(q['per_question_ms'])} ms |")
    lines += ["", "A thresholded method trades answerable for abstain accuracy as its cutoff moves; the "
              "'abstaining as well as ours' column reads each baseline's best answerable accuracy among the "
              "cutoffs whose abstain accuracy is at least ours (tradeoff.png plots every cutoff)."]
    ran = [q for q in results.get("quality", []) if not q.get("skipped")]
    for title, field, order in (("kind", "by_kind", KIND_ORDER), ("language", "by_lang", LANG_ORDER)):
        lines += ["", f"### Accuracy per {title} (correct / total; confident wrong in brackets)", "",
                  f"| {title} | " + " | ".join(q["label"] for q in ran) + " |",
                  "| --- |" + " --- |" * len(ran)]
        keys = sorted({k for q in ran for k in q[field]},
                      key=lambda k: (k.startswith("abstain"), order.index(k.split(":")[1]) if k.split(":")[1] in order else 99))
        for key in keys:
            cells = []
            for q in ran:
                c, n, w = q[field].get(key, [0, 0, 0])
                cells.append(f"{100 * c / n:.0f}% ({c}/{n}) [{w}]" if n else "–")
            group, name = key.split(":")
            lines.append(f"| {name} ({group}) | " + " | ".join(cells) + " |")

    lines += ["", "## Speed and scale", "",
              "Knowledge = the bundled entries + seeded synthetic distractors (bot/bench/synthetic.py). Latency is "
              "in-process and warm, per question, over a fixed mix (the dev questions + archive-style questions "
              "on other stories). Load = building the matcher's index from loaded entries (naive: the list of every "
              "phrasing); RSS = the process's resident memory after loading both, and what each added. "
              "Accuracy = dev set, same judge; naive's accuracy uses its cutoff tuned on the bundled knowledge.", "",
              "| entries | phrasings | load: ours / naive | RSS: process (ours' index, naive's list) | ours p50 | "
              "ours p99 | naive p50 | naive p99 | speed-up p50 / p99 | ours accuracy (answerable / abstain) | "
              "answers from distractors | naive accuracy |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results.get("scale", []):
        if "error" in r:
            lines.append(f"| {r['size']:,} | failed: {r['error']} |" + " |" * 10)
            continue
        acc = r["ours_accuracy"]
        naive_acc = r.get("naive_accuracy")
        naive_cell = f"{_rate(naive_acc['overall']):.1f}%" if naive_acc else "not run"
        naive_note = "" if r["naive_samples"] >= r["mix"] else f" (n={r['naive_samples']})"
        lines.append(
            f"| {r['entries']:,} | {r['phrasings']:,} | {r['ours_load_s']:.2f} s / {r['naive_load_s']:.2f} s | "
            f"{r['rss_total_mib']:.0f} MiB ({r['ours_index_mib']:+.0f}, {r['naive_index_mib']:+.0f}) | "
            f"{_ms(r['ours_p50_ms'])} ms | {_ms(r['ours_p99_ms'])} ms | "
            f"{_ms(r['naive_p50_ms'])} ms{naive_note} | {_ms(r['naive_p99_ms'])} ms{naive_note} | "
            f"{r['naive_p50_ms'] / r['ours_p50_ms']:.0f}x / {r['naive_p99_ms'] / r['ours_p99_ms']:.0f}x | "
            f"{_rate(acc['overall']):.1f}% ({_pct(acc['answerable'])} / {_pct(acc['abstain'])}) | "
            f"{r['ours_distractor_answers']} | {naive_cell} |")

    lines += _flips(results)

    cold = results.get("coldstart") or {}
    lines += ["", "## Cold start", ""]
    if "median_s" in cold:
        lines += [f"`python -m bot ask \"...\"`, wall time over {cold['runs']} runs after one warm-up: median "
                  f"{cold['median_s']:.3f} s (min {cold['min_s']:.3f}, max {cold['max_s']:.3f}); a bare "
                  f"`python -c pass` takes {cold['python_bare_s']:.3f} s here. discord imported: "
                  f"{'yes' if cold['discord_imported'] else 'no'} ({cold['modules_imported']} modules imported)."]
    else:
        lines += [f"Not measured: {cold.get('error', 'skipped')}."]

    discord = results.get("discord") or {}
    lines += ["", "## Throughput through the Discord adapter", ""]
    if "errors" in discord:
        lines += [f"{discord['sent']} `/ask` interactions through the loopback Discord test server, "
                  f"{discord['concurrency']} at a time: {discord['replies_per_s']:.1f} replies/s, interaction-to-reply "
                  f"p50 {_ms(discord['p50_ms'])} ms, p99 {_ms(discord['p99_ms'])} ms, {discord['errors']} errors "
                  f"(wall {discord['wall_s']:.2f} s)."]
        if discord.get("note"):
            lines += ["", discord["note"]]
    else:
        lines += [f"Not measured: {discord.get('skipped', 'skipped')}."]

    lines += ["", "## Machine", ""] + machine_lines(m)
    plots = results.get("plots") or []
    if plots:
        lines += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    elif results.get("plots_skipped"):
        lines += ["", f"Plots skipped: {results['plots_skipped']}."]
    return "\n".join(lines) + "\n"


def plots(results: dict[str, Any], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    rows = [r for r in results.get("scale", []) if "error" not in r]
    if rows:
        sizes = [r["entries"] for r in rows]
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for key, label, colour in (("ours", "ours", "tab:blue"), ("naive", "naive extractOne", "tab:red")):
            ax.plot(sizes, [r[f"{key}_p50_ms"] for r in rows], "o-", color=colour, label=f"{label} p50")
            ax.plot(sizes, [r[f"{key}_p99_ms"] for r in rows], "s--", color=colour, label=f"{label} p99")
        ax.axhline(GOAL_LARGE_P99_MS, color="grey", lw=0.8, ls=":", label=f"{GOAL_LARGE_P99_MS:g} ms goal (100k)")
        ax.axhline(GOAL_BUNDLED_P99_MS, color="grey", lw=0.8, ls="-.", label=f"{GOAL_BUNDLED_P99_MS:g} ms goal (bundled)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("knowledge-base entries")
        ax.set_ylabel("latency per question (ms)")
        ax.set_title("Latency against knowledge-base size")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "latency_vs_size.png", dpi=120)
        plt.close(fig)
        written.append("latency_vs_size.png")

    ran = [q for q in results.get("quality", []) if not q.get("skipped")]
    if ran:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        metrics = (("answerable", "answerable accuracy"), ("abstain", "abstain accuracy"),
                   ("confident_wrong", "confident wrong (share of all)"))
        width = 0.8 / len(ran)
        for i, q in enumerate(ran):
            values = [_rate(q[key]) or 0 for key, _ in metrics]
            bars = ax.bar([j + i * width for j in range(len(metrics))], values, width, label=q["label"])
            ax.bar_label(bars, fmt="%.0f", fontsize=7)
        ax.set_xticks([j + width * (len(ran) - 1) / 2 for j in range(len(metrics))], [t for _, t in metrics])
        ax.set_ylabel("%")
        ax.set_ylim(0, 105)
        ax.set_title("Answer quality per method (dev set)")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "accuracy_by_method.png", dpi=120)
        plt.close(fig)
        written.append("accuracy_by_method.png")

    curves = [q for q in ran if q.get("curve")]
    ours = next((q for q in ran if q["key"] == "ours"), None)
    if curves and ours:
        fig, ax = plt.subplots(figsize=(6, 5))
        for q in curves:
            na, nb = ours["answerable"][1], ours["abstain"][1]
            ax.plot([100 * p["abstain"] / nb for p in q["curve"]], [100 * p["answerable"] / na for p in q["curve"]],
                    ".-", ms=3, lw=1, label=f"{q['label']} (every cutoff)")
        ax.plot([_rate(ours["abstain"])], [_rate(ours["answerable"])], "*", ms=16, color="black", label="ours")
        ax.set_xlabel("abstain accuracy (%)")
        ax.set_ylabel("answerable accuracy (%)")
        ax.set_xlim(0, 102)
        ax.set_ylim(0, 102)
        ax.set_title("Answerable vs abstain accuracy: baselines at every cutoff")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="lower left")
        fig.tight_layout()
        fig.savefig(out / "tradeoff.png", dpi=120)
        plt.close(fig)
        written.append("tradeoff.png")

    if rows:
        fig, ax = plt.subplots(figsize=(7, 4))
        sizes = [r["entries"] for r in rows]
        for key, label in (("answerable", "answerable"), ("abstain", "abstain"), ("overall", "overall")):
            ax.plot(sizes, [_rate(r["ours_accuracy"][key]) for r in rows], "o-", label=f"ours {label}")
        naive = [r for r in rows if r.get("naive_accuracy")]
        if naive:
            ax.plot([r["entries"] for r in naive], [_rate(r["naive_accuracy"]["overall"]) for r in naive], "s--",
                    color="tab:red", label="naive overall")
        ax.set_xscale("log")
        ax.set_ylim(0, 100)
        ax.set_xlabel("knowledge-base entries")
        ax.set_ylabel("dev accuracy (%)")
        ax.set_title("Dev accuracy against knowledge-base size")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "accuracy_vs_size.png", dpi=120)
        plt.close(fig)
        written.append("accuracy_vs_size.png")
    return written


def write(results: dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    try:
        results["plots"] = plots(results, out)
    except ImportError:
        results["plots"] = []
        results["plots_skipped"] = "matplotlib is not installed (pip install -e '.[bench]')"
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n",
                                      encoding="utf-8")
    (out / "machine.md").write_text("# Machine\n\n" + "\n".join(machine_lines(results.get("machine", {}))) + "\n",
                                    encoding="utf-8")
    path = out / "results.md"
    path.write_text(markdown(results), encoding="utf-8")
    return path
