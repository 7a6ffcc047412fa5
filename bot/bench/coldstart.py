"""Cold start: the wall time of `python -m bot ask "..."` in a fresh interpreter, and what it imports.

The timed runs are the real command. What it imports is read in one more fresh interpreter that runs
the same command (`runpy` on the `bot` package, argv as given) and then lists `sys.modules`: whether
any discord module is loaded (it must not be), and whether the semantic layer (onnxruntime) is.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

QUESTION = "When was the Camp David summit?"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
_MARK = "@@bench-modules "
_PROBE = f"""
import json, runpy, sys
sys.argv = ["bot", *sys.argv[1:]]
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
names = sorted(sys.modules)
discord = [m for m in names if m == "discord" or m.startswith("discord.")]
sys.stderr.write("\\n{_MARK}" + json.dumps({{"discord": discord, "count": len(names),
                                            "onnxruntime": "onnxruntime" in sys.modules}}) + "\\n")
"""


def _args(knowledge: Path) -> list[str]:
    return ["ask", "--knowledge", str(knowledge), QUESTION]


def modules(knowledge: Path, env: dict[str, str]) -> dict[str, Any]:
    """What `python -m bot ask` has in sys.modules when it is done (a fresh interpreter)."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *_args(knowledge)], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env=env)
    for line in reversed(done.stderr.splitlines()):
        if line.startswith(_MARK):
            return json.loads(line[len(_MARK):])
    tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
    return {"error": tail[0]}


def measure(knowledge: Path, runs: int = 5) -> dict[str, Any]:
    # Bytecode caches allowed, as in an installed bot (PYTHONDONTWRITEBYTECODE is set on some machines;
    # any non-empty value disables them, so it is removed rather than set to 0). BOT_CACHE_DIR (the
    # embedding cache) is inherited: the bench points it at DIR/.cache/<entries>.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "bot", *_args(knowledge)]
    # One untimed run first: bytecode caches written, the embedding cache filled, the OS page cache
    # warm (what a member's second question would see); then `runs` timed runs.
    t0 = time.perf_counter()
    first = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env)
    first_s = time.perf_counter() - t0
    if first.returncode != 0:
        reason = (first.stderr or first.stdout).strip().splitlines()[-1:] or [f"exit {first.returncode}"]
        return {"error": f"`python -m bot ask` failed: {reason[0]}"}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, check=True)
        times.append(time.perf_counter() - t0)
    imported = modules(knowledge, env)
    # A bare interpreter, for scale: what `python -c pass` costs on this machine.
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - t0
    return {
        "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": runs,
        "times_s": times, "first_run_s": first_s, "python_bare_s": bare,
        "discord_imported": bool(imported.get("discord")) if "error" not in imported else None,
        "discord_modules": imported.get("discord", []), "modules_imported": imported.get("count"),
        "semantic_loaded": imported.get("onnxruntime"), "modules_error": imported.get("error"),
        "answer": first.stdout.strip()[:200],
    }
