"""`python -m bot bench --quick --every 3` end to end: the first lines, every method on (a third of) the validation sets and on dev
(baseline cut-offs fitted on the training sets), the coverage / confident-wrong curves and plot, cold start
without discord, and every scale size through the full Answerer."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.answering import calibrate
from bot.core.answering.decide import load_decision
from bot.core.answering.evaluation import load_questions

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_SET = REPO_ROOT.parent / "shared" / "eval" / "dev.jsonl"
QUICK_SIZES = {200}
EVERY = 3  # one question in three of each set: the same tables, a third of the answering
METHODS = {"ours", "naive", "bm25", "bm25_ours", "minilm"}
ALWAYS = ("ours", "naive", "bm25_ours", "minilm")  # runtime dependencies only: always measured
BASELINE_MODULES = {"bm25": ("rank_bm25", "numpy")}


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    if not DEV_SET.is_file():
        pytest.skip(f"no dev question set at {DEV_SET}")
    out = tmp_path_factory.mktemp("bench")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", "bench", "--quick", "--every", str(EVERY),
                           "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=450)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    print(done.stdout)
    print(f"bench --quick took {elapsed:.0f} s")  # about 90 s on a slow 2-core machine; not asserted (not a timed test)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    markdown = (out / "results.md").read_text(encoding="utf-8")
    return done.stdout.splitlines(), results, markdown, out


@pytest.mark.timeout(480)
def test_first_lines_and_cold_start(quick_run):
    lines, results, markdown, _ = quick_run
    assert lines[0].startswith("cold start: `python -m bot ask`"), lines[:3]
    assert "discord imported: no" in lines[0]
    assert lines[1].startswith("in-process latency on the bundled knowledge"), lines[:3]
    assert "semantic layer on" in lines[1] and "p99" in lines[1]
    cold = results["coldstart"]
    assert cold["discord_imported"] is False and cold["discord_modules"] == []
    assert cold["semantic_loaded"] is True  # the answer went through the hybrid path
    assert cold["median_s"] > 0 and cold["max_s"] >= cold["median_s"]
    assert results["bundled_latency"]["p99_ms"] >= results["bundled_latency"]["p50_ms"] > 0
    assert "no discord module" in markdown


@pytest.mark.timeout(480)
def test_quality_on_validation_and_dev(quick_run):
    _, results, markdown, _ = quick_run
    def sampled(path) -> int:
        return len(calibrate.load_sets([path])[::EVERY])

    validation = {p.stem: sampled(p) for p in calibrate.question_files(calibrate.VALIDATION_DIR)}
    n_train = sum(sampled(p) for p in calibrate.question_files(calibrate.TRAIN_DIR))
    assert results["every"] == EVERY
    assert results["validation_sets"] == validation and results["train_questions"] == n_train
    methods = {m["key"]: m for m in results["quality"]}
    assert set(methods) == METHODS
    for key in ALWAYS:
        assert not methods[key]["skipped"], methods[key]["skipped"]
    for key, modules in BASELINE_MODULES.items():
        if _installed(*modules):
            assert not methods[key]["skipped"], methods[key]["skipped"]
        else:
            assert "pip install" in methods[key]["skipped"]

    assert methods["ours"]["cutoff"] == pytest.approx(load_decision().answer_at)
    for m in methods.values():
        if m["skipped"]:
            assert f"{m['label']}: skipped" in markdown
            continue
        v, d = m["sets"]["validation"], m["sets"]["dev"]
        assert v["overall"][1] == sum(validation.values()) and d["overall"][1] == results["question_count"]
        assert v["answerable"][1] + v["abstain"][1] == v["overall"][1]
        assert 0 < v["korean_mixed"][1] < v["answerable"][1]
        assert v["confident_wrong"][0] <= v["answered"][0]
        for name, n in validation.items():
            assert m["sets"][f"validation:{name}"]["overall"][1] == n
        assert sum(m["sets"][f"validation:{name}"]["answerable"][0] for name in validation) == v["answerable"][0]
        assert f"| {m['label']} |" in markdown
        for set_name in ("validation", "dev"):
            curve = m["curves"][set_name]
            assert len(curve) > 2
            answered = [p["answered"] for p in curve]  # lowest cut-off first: coverage only falls
            assert answered == sorted(answered, reverse=True)
        if m["key"] == "ours":
            # The production figures are the curve's point at the production cut-off.
            point = next(p for p in m["curves"]["validation"] if p["cutoff"] == pytest.approx(m["cutoff"]))
            assert (point["answerable_right"], point["abstain_right"], point["confident_wrong"]) == (
                v["answerable"][0], v["abstain"][0], v["confident_wrong"][0])
        else:
            # Baseline cut-offs come from the training sets; the same-risk one keeps ours' budget there.
            assert m["sets"]["train"]["overall"][1] == n_train
            assert m["curves"]["validation"][-1]["answered"] == 0  # the sweep ends at 'never answer'
            assert set(m["same_risk"]) >= {"validation", "dev"}
            train = m["same_risk"]["train"]
            assert train["confident_wrong"][0] <= calibrate.WRONG_BUDGET * n_train
    assert f"One question in {EVERY} of each set" in markdown
    assert "### Validation sets" in markdown and "### Dev set" in markdown and "### Baselines at ours' risk" in markdown
    for name in validation:
        assert f"| {name} (" in markdown


@pytest.mark.timeout(480)
def test_scale_and_plots(quick_run):
    _, results, markdown, out = quick_run
    rows = {r["size"]: r for r in results["scale"]}
    assert set(rows) == QUICK_SIZES | {results["bundled_entries"]}
    for size, row in rows.items():
        assert "error" not in row, row
        assert row["entries"] == size
        for key in ("ours_p50_ms", "ours_p99_ms", "naive_p50_ms", "naive_p99_ms", "ours_load_s", "rss_total_mib",
                    "embedded_texts"):
            assert row[key] > 0, (size, key)
        assert row["ours_accuracy"]["overall"][1] == len(load_questions(DEV_SET))  # --every samples quality only
        assert f"| {size:,} |" in markdown
    # Each size has its own embedding cache under the output folder: a second run would reuse it.
    for size in rows:
        assert (out / ".cache" / str(size) / "minilm-int8-embeddings.npz").is_file()
    assert "## Goals" in markdown and "## Machine" in markdown
    if _installed("matplotlib"):
        for plot in ("coverage_vs_wrong.png", "accuracy_by_method.png", "latency_vs_size.png"):
            assert (out / plot).stat().st_size > 10_000, plot
            assert f"![{plot}]({plot})" in markdown
