"""Interaction-to-reply latency through the loopback test server.

Latency = from the moment FakeDiscord sends INTERACTION_CREATE on the gateway to the moment the bot's
answering REST call (the interaction callback carrying the message) arrives. It covers gateway parsing,
discord.py's dispatch, the core's answer, rendering and the HTTP request; not Discord's own network.

    PYTHONPATH=. python tests/discord_bot/discord_latency.py [N]   # from the repo root; starts FakeDiscord and the bot, asks N /ask questions
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]

QUESTIONS = ["What is Chip 4?", "When was the Camp David summit?", "Who wrote the article?",
             "When did the three countries agree on cyber initiatives?", "Where was the Indo-Pacific Dialogue held?",
             "Who won the 2022 World Cup?", "What did Russia do in 2023?", "칩4가 뭐예요?"]


async def measure(server, count: int, *, warmup: int = 3) -> list[float]:
    """Ask `count` questions one after another (each from a new member: no cooldown); seconds each."""
    latencies = []
    for number in range(warmup + count):
        question = QUESTIONS[number % len(QUESTIONS)]
        sent = await server.slash("ask", question=question, user=server.member(f"m{number}"))
        reply = await server.reply(sent, timeout=10)
        if number >= warmup:
            latencies.append(reply.call.at - sent.sent_at)
    return latencies


def summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000
    return {"n": len(ordered), "median_ms": statistics.median(ordered) * 1000, "p90_ms": pct(90), "p99_ms": pct(99),
            "max_ms": ordered[-1] * 1000, "mean_ms": statistics.fmean(ordered) * 1000}


async def main(count: int) -> dict[str, float]:
    from fakediscord import FakeDiscord

    from bot.discord_bot.client import FaqBot
    from bot.discord_bot.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        for name in ("faq.yaml", "article.md"):
            shutil.copy(REPO_ROOT / "knowledge" / name, Path(folder) / name)
        async with FakeDiscord() as server:
            config = load_config({"DISCORD_TOKEN": server.token, "DISCORD_API_BASE": server.api_base,
                                  "BOT_GUILD_IDS": server.guild_id, "BOT_DATA_DIR": folder,
                                  "BOT_REPEAT_WINDOW_SECONDS": "0"},  # questions repeat: no pointers
                                 knowledge=Path(folder) / "faq.yaml")
            bot = FaqBot(config)
            task = asyncio.create_task(bot.start(config.token))
            try:
                await server.wait_identified()
                await asyncio.sleep(0.2)
                return summary(await measure(server, count))
            finally:
                await bot.close()
                await task


if __name__ == "__main__":
    result = asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
    print(" ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))
