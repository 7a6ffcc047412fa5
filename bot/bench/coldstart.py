"""Cold start: the wall time of `python -m bot ask "..."` in a fresh interpreter, and whether it imports discord."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

QUESTION = "When was the Camp David summit?"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _command(knowledge: Path, *extra: str) -> list[str]:
    return [sys.executable, *extra, "-m", "bot", "ask", "--knowledge", str(knowledge), QUESTION]


def measure(knowledge: Path, runs: int = 5) -> dict[str, Any]:
    # Bytecode caches allowed, as in an installed bot (PYTHONDONTWRITEBYTECODE is set on some machines;
    # any non-empty value disables them, so it is removed rather than set to 0).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # One untimed run first: bytecode caches written, the OS page cache warm (what a member's second
    # question would see); then `runs` timed runs.
    first = subprocess.run(_command(knowledge), capture_output=True, text=True, cwd=PROJECT_ROOT, env=env)
    if first.returncode != 0:
        reason = (first.stderr or first.stdout).strip().splitlines()[-1:] or [f"exit {first.returncode}"]
        return {"error": f"`python -m bot ask` failed: {reason[0]}"}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(_command(knowledge), capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, check=True)
        times.append(time.perf_counter() - t0)
    traced = subprocess.run(_command(knowledge, "-X", "importtime"), capture_output=True, text=True,
                            cwd=PROJECT_ROOT, env=env)
    modules = [line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if line.startswith("import time:")]
    discord = sorted({m for m in modules if m == "discord" or m.startswith("discord.")})
    # A bare interpreter, for scale: what `python -c pass` costs on this machine.
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t0
    return {
        "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": runs,
        "python_bare_s": bare, "discord_imported": bool(discord), "modules_imported": len(modules),
        "answer": first.stdout.strip()[:200],
    }
