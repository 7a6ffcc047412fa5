"""Crash safety and concurrency of FaqStore saves.

- crash safety: a child process saves in a loop and acknowledges each save on a pipe; it is SIGKILLed
  at a random moment, 200 times. Every time, the file must load and hold every acknowledged edit
  (plus at most the one in flight), never a torn write.
- concurrency: 50 adds at once, 25 from threads of this process (the bot's tasks), 20 from forked
  processes and 5 from `python -m bot faq add` commands: all 50 entries and all 50 history records
  are there.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import select
import shutil
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.core.editing.history import History
from bot.core.editing.store import Draft, FaqStore
from bot.core.knowledge.faq import load_knowledge, parse_knowledge

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 200

BASELINE = """\
# crash-safety baseline
version: 1
article: article.md

entries:
  - id: seed   # the first entry
    question: "What is this file for?"
    answer: "Testing saves that get killed."
    tags: [club]
"""


@pytest.fixture()
def small_faq(tmp_path: Path) -> Path:
    (tmp_path / "kb").mkdir()
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "kb" / "article.md")
    path = tmp_path / "kb" / "faq.yaml"
    path.write_text(BASELINE, encoding="utf-8")
    return path


def _save_forever(path: str, data_dir: str, ack_fd: int) -> None:
    """The child: add entries crash-0, crash-1, ... and acknowledge each once save() has returned."""
    store = FaqStore(path, data_dir=data_dir)
    number = 0
    while True:
        saved = store.add(Draft(f"Crash question number {number}?", f"Answer {number}."),
                          by="crash-test", via="test", entry_id=f"crash-{number}")
        os.write(ack_fd, f"{saved.entry_id}\n".encode())
        number += 1


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
@pytest.mark.timeout(180)
def test_sigkill_at_random_moments_never_loses_an_acknowledged_edit(small_faq: Path, tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    rng = random.Random(20240220)
    data_dir = tmp_path / "data"
    acknowledged_total = mid_write = 0
    all_acknowledged: list[str] = []
    started = time.monotonic()
    for round_number in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        child = context.Process(target=_save_forever, args=(str(small_faq), str(data_dir), write_fd), daemon=True)
        child.start()
        os.close(write_fd)
        received = b""
        if round_number % 2:  # every other round kills only after a first acknowledged save, so a busy
            ready, _, _ = select.select([read_fd], [], [], 30)  # machine still exercises saves, not start-ups
            if ready:
                received = os.read(read_fd, 65536)
        time.sleep(rng.uniform(0.0, 0.045))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        with os.fdopen(read_fd, "rb") as pipe:
            acknowledged = (received + pipe.read()).decode().split()
        if any(p.name.endswith(".tmp") for p in small_faq.parent.iterdir()):
            mid_write += 1

        text = small_faq.read_text(encoding="utf-8")
        knowledge = parse_knowledge(text, small_faq)  # never torn: it always loads
        ids = [e.id for e in knowledge.entries][1:]
        assert ids == [f"crash-{n}" for n in range(len(ids))], f"round {round_number}: entries out of order"
        assert len(acknowledged) <= len(ids) <= len(acknowledged) + 1, \
            f"round {round_number}: acknowledged {acknowledged}, file holds {ids}"
        assert text.startswith(BASELINE)
        acknowledged_total += len(acknowledged)
        all_acknowledged += [f"{round_number}:{a}" for a in acknowledged]
        small_faq.write_text(BASELINE, encoding="utf-8")  # the next round starts from the baseline again
    elapsed = time.monotonic() - started

    # every acknowledged save is in the history too (the history is written before the acknowledgement)
    adds = [c for c in History(small_faq, data_dir=data_dir).changes(limit=100_000) if c.action == "add"]
    assert len(adds) >= acknowledged_total
    print(f"\ncrash safety: {ROUNDS} SIGKILLs in {elapsed:.1f}s, {acknowledged_total} acknowledged saves all "
          f"present, {mid_write} kills left a temporary file behind (killed mid-write)")
    assert acknowledged_total > ROUNDS / 4  # the test did exercise saves, not just start-ups


def _add_when_told(path: str, data_dir: str, number: int, go) -> None:
    """A forked process: wait for the starting signal, then add one entry."""
    go.wait()
    FaqStore(path, data_dir=data_dir).add(Draft(f"Forked question number {number}?", f"Answer {number}."),
                                          by="other-process", via="test", entry_id=f"fork-{number}")


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork")
@pytest.mark.timeout(180)
async def test_fifty_edits_at_once_from_tasks_and_processes(small_faq: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    context = multiprocessing.get_context("fork")
    go = context.Event()
    # forked before any thread exists; they all wait for `go`
    forked = [context.Process(target=_add_when_told, args=(str(small_faq), str(data_dir), n, go)) for n in range(20)]
    for process in forked:
        process.start()

    store = FaqStore(small_faq, data_dir=data_dir)
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir), "BOT_MODERATOR": "terminal-user"}
    loop = asyncio.get_running_loop()

    async def from_terminal(number: int) -> str:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "faq", "add", "--knowledge", str(small_faq),
            "--question", f"Terminal question number {number}?", "--answer", f"Answer {number}.",
            "--id", f"cli-{number}", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await proc.communicate()
        assert proc.returncode == 0, err.decode()
        return out.decode().strip()

    def from_task(number: int) -> str:
        return store.add(Draft(f"Task question number {number}?", f"Answer {number}."),
                         by="discord-user", via="discord", entry_id=f"task-{number}").entry_id

    async def from_fork(process) -> None:
        await loop.run_in_executor(None, process.join, 60)
        assert process.exitcode == 0

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=25) as pool:
        terminals = [asyncio.ensure_future(from_terminal(n)) for n in range(5)]
        go.set()
        results = await asyncio.gather(
            *(loop.run_in_executor(pool, from_task, n) for n in range(25)),
            *terminals,
            *(from_fork(p) for p in forked),
        )
    elapsed = time.monotonic() - started

    expected = ({f"task-{n}" for n in range(25)} | {f"fork-{n}" for n in range(20)}
                | {f"cli-{n}" for n in range(5)})
    assert set(results[:30]) == {f"task-{n}" for n in range(25)} | {f"cli-{n}" for n in range(5)}
    knowledge = load_knowledge(small_faq)
    assert {e.id for e in knowledge.entries} == expected | {"seed"}
    assert small_faq.read_text(encoding="utf-8").startswith(BASELINE)
    changes = History(small_faq, data_dir=data_dir).changes(limit=1000)
    assert sorted(c.entry_id for c in changes) == sorted(expected)
    assert {c.by for c in changes} == {"discord-user", "other-process", "terminal-user"}
    print(f"\nconcurrency: 50 adds at once (25 threads, 20 forked processes, 5 `faq add` commands) "
          f"in {elapsed:.1f}s, all 50 present")
