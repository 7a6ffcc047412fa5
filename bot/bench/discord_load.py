"""Throughput through the Discord adapter: /ask interactions through the loopback Discord test server.

The real bot (bot.discord_bot.client.FaqBot on discord.py) connects to FakeDiscord
(the top-level fakediscord test-support package: REST + gateway on 127.0.0.1) exactly as it would to Discord. We send
`total` /ask interactions, `concurrency` in flight at a time, each from a different member (so the
per-member limit never applies; pointers to an earlier answer are off), cycling through the dev questions, and time each one from the
INTERACTION_CREATE dispatch to the REST call that carries the bot's reply. Errors: interactions with
no successful reply within the timeout, replies the server rejected, and ERROR log records.
Server and bot share one process and one event loop, so the figures include the server's own work.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.bench.speed import percentile

REPLY_TIMEOUT = 30.0
FALLBACK_QUESTIONS = ("When was the Camp David summit?", "What is Chip 4?", "Who won the 2022 World Cup?")


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()[:200]}")


def _import_fake_discord():
    # A test-support package next to bot/ in a checkout (not shipped in the wheel): without it, skip.
    from fakediscord import FakeDiscord  # noqa: PLC0415

    return FakeDiscord


def measure(knowledge: Path, *, total: int = 1000, concurrency: int = 50,
            questions: list[str] | None = None) -> dict[str, Any]:
    try:
        FakeDiscord = _import_fake_discord()
        from bot.core.state.activity import ActivityLog
        from bot.discord_bot.client import FaqBot
        from bot.discord_bot.config import load_config
    except ImportError as exc:
        return {"skipped": f"the loopback Discord test server or the adapter is not importable ({exc}); run the "
                           f"benchmark from the project folder (python -m bot bench), where fakediscord/ is"}
    if not questions:  # bot.bench.run passes the dev questions; alone, a few of every kind
        questions = list(FALLBACK_QUESTIONS)
    with tempfile.TemporaryDirectory(prefix="bench-discord-") as tmp:
        folder = Path(tmp)
        for name in ("faq.yaml", "article.md"):
            source = knowledge.parent / name if name != "faq.yaml" else knowledge
            shutil.copy(source, folder / name)
        (folder / "data").mkdir()
        return asyncio.run(_run(FakeDiscord, FaqBot, ActivityLog, load_config, folder, total, concurrency, questions))


async def _run(FakeDiscord, FaqBot, ActivityLog, load_config, folder: Path, total: int, concurrency: int,
               questions: list[str]) -> dict[str, Any]:
    counter = _ErrorCounter()
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(counter)
    quiet = {name: logging.getLogger(name).level for name in ("discord", "bot")}
    for name in quiet:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        async with FakeDiscord() as server:
            config = load_config({
                "DISCORD_TOKEN": server.token, "DISCORD_API_BASE": server.api_base,
                "BOT_GUILD_IDS": server.guild_id, "BOT_DATA_DIR": str(folder / "data"),
                # The dev questions repeat in one channel: measure answers, not pointers to earlier ones.
                "BOT_REPEAT_WINDOW_SECONDS": "0",
            }, knowledge=folder / "faq.yaml")
            bot = FaqBot(config, activity_log=ActivityLog(data_dir=folder / "data"))
            task = asyncio.create_task(bot.start(config.token), name="faq-bot")
            try:
                await _ready(server, bot, task)
                return await _load(server, total, concurrency, questions, counter)
            finally:
                await bot.close()
                await asyncio.wait_for(task, 10)
    except Exception as exc:  # the harness itself failed: report it, do not crash the whole benchmark
        return {"skipped": f"the Discord load test failed to run: {type(exc).__name__}: {exc}"}
    finally:
        root.removeHandler(counter)
        root.setLevel(previous_level)
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)


async def _ready(server, bot, task) -> None:
    identified = asyncio.ensure_future(server.wait_identified(timeout=15))
    await asyncio.wait({identified, task}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        identified.cancel()
        task.result()
        raise RuntimeError("the bot stopped before it identified")
    await identified
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the guild cached and /ask synced
        try:
            if bot.get_guild(int(server.guild_id)) is not None and server.command("ask"):
                return
        except (KeyError, LookupError, StopIteration):
            pass
        await asyncio.sleep(0.02)
    raise RuntimeError("/ask was never synced to the test server")


async def _load(server, total: int, concurrency: int, questions: list[str], counter: _ErrorCounter) -> dict[str, Any]:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    failures: list[str] = []
    members = [server.member(f"reader{i}") for i in range(total)]

    async def one(i: int) -> None:
        async with gate:
            try:
                sent = await server.slash("ask", question=questions[i % len(questions)], user=members[i])
                reply = await server.reply(sent, timeout=REPLY_TIMEOUT)
            except (asyncio.TimeoutError, TimeoutError):
                failures.append(f"#{i}: no reply within {REPLY_TIMEOUT:g} s")
                return
            except Exception as exc:
                failures.append(f"#{i}: {type(exc).__name__}: {exc}")
                return
            if not (reply.message.get("embeds") or reply.message.get("content")):
                failures.append(f"#{i}: an empty reply")
                return
            latencies.append((reply.call.at - sent.sent_at) * 1000)

    # A short warm-up (first-call costs: connection pools, lazy imports), not counted.
    await asyncio.gather(*(one(i) for i in range(min(20, total))))
    latencies.clear()
    failures.clear()
    members[:] = [server.member(f"member{i}") for i in range(total)]
    errors_before = len(counter.records)
    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(total)))
    wall = time.perf_counter() - started
    logged = counter.records[errors_before:]
    return {
        "sent": total, "concurrency": concurrency, "replies": len(latencies), "wall_s": wall,
        "replies_per_s": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies, default=float("nan")),
        "errors": len(failures) + len(logged), "failures": failures[:10], "error_logs": logged[:10],
    }
