"""Hand edits are picked up while the bot runs; an invalid one keeps the last good knowledge."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.core.knowledge.faq import load_knowledge
from bot.core.serving.live import LiveKnowledge, ReloadResult
from bot.core.serving.watch import KnowledgeWatcher

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "moderation" / "faq.yaml"


@pytest.fixture()
def faq(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "knowledge" / "article.md", tmp_path / "article.md")
    shutil.copy(SAMPLE, tmp_path / "faq.yaml")
    return tmp_path / "faq.yaml"


async def test_a_hand_edit_is_reloaded_and_a_broken_one_reported(faq: Path) -> None:
    live = LiveKnowledge(faq)
    heard: list[ReloadResult] = []

    async def on_reload(result: ReloadResult) -> None:
        heard.append(result)

    watcher = KnowledgeWatcher(live, on_reload, interval=0.05, settle=0.05)
    assert await watcher.check() is None  # nothing changed yet

    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("Si-ho Park, a reporter.", "Si-ho Park (reporter)."), encoding="utf-8")
    result = await watcher.check()
    assert result is not None and result.ok and result.changed
    assert live.knowledge.entry("article-author").answer == "Si-ho Park (reporter)."
    good_version = live.knowledge.version

    faq.write_text(text.replace("    answer: 'On October 22 (2023).'\n", ""), encoding="utf-8")
    result = await watcher.check()
    assert result is not None and not result.ok
    assert f"{faq}:28:5: " in result.message  # file:line:col of the entry missing its answer
    assert live.knowledge.version == good_version  # still answering from the last good knowledge
    assert live.ask("Who wrote the article?").entry_id == "article-author"
    assert await watcher.check() is None  # reported once, not on every poll
    assert [r.ok for r in heard] == [True, False]


async def test_the_running_watcher_notices_by_itself_and_waits_for_the_write_to_settle(faq: Path) -> None:
    live = LiveKnowledge(faq)
    heard: asyncio.Queue[ReloadResult] = asyncio.Queue()
    watcher = KnowledgeWatcher(live, heard.put, interval=0.02, settle=0.5)
    watcher.start()
    try:
        text = faq.read_text(encoding="utf-8")
        with faq.open("w", encoding="utf-8") as handle:  # an editor writing in two steps
            handle.write(text[: len(text) // 2])
            handle.flush()
            await asyncio.sleep(0.05)
            handle.write(text[len(text) // 2:].replace("Si-ho Park, a reporter.", "Si-ho Park."))
        result = await asyncio.wait_for(heard.get(), 5)
        assert result.ok, result.message  # the half-written file was never reported
        assert live.knowledge.entry("article-author").answer == "Si-ho Park."
    finally:
        await watcher.stop()


async def test_a_read_that_catches_a_save_half_way_is_not_reported(faq: Path) -> None:
    """An editor rewriting the file in place (truncate, then write) while the bot reads it: the empty read
    is not reported as an invalid edit; the finished save is loaded at the next check."""
    live = LiveKnowledge(faq)
    heard: list[ReloadResult] = []

    async def on_reload(result: ReloadResult) -> None:
        heard.append(result)

    watcher = KnowledgeWatcher(live, on_reload, interval=0.01, settle=0.01)
    final = faq.read_text(encoding="utf-8").replace("entries:\n", "entries:\n# a moderator's note\n", 1)
    real_reload = live.reload

    def reload_during_a_save() -> ReloadResult:
        faq.write_text("", encoding="utf-8")  # the editor has truncated the file...
        result = real_reload()  # ...the bot reads it now...
        faq.write_text(final, encoding="utf-8")  # ...and the editor finishes writing
        return result

    faq.write_text(final + "\n", encoding="utf-8")  # a first save, so the watcher sees a change
    live.reload = reload_during_a_save  # type: ignore[method-assign]
    assert await watcher.check() is None
    assert heard == []
    live.reload = real_reload  # type: ignore[method-assign]
    result = await watcher.check()
    assert result is not None and result.ok and heard == [result]
    assert live.knowledge.version == load_knowledge(faq).version
