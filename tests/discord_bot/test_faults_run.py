"""`python -m bot run` under faults, as a new user would run it, against the loopback Discord:
SIGTERM with work in flight, a form submitted across a restart, a bad data directory, a dead gateway."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, AsyncIterator

import pytest

from fakediscord import FakeDiscord

REPO_ROOT = Path(__file__).resolve().parents[2]
CALLBACK = r"/interactions/\d+/[^/]+/callback"


def knowledge_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("faq.yaml", "article.md"):
        shutil.copy(REPO_ROOT / "knowledge" / name, folder / name)
    return folder / "faq.yaml"


def bot_env(server: FakeDiscord, knowledge: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BOT_"))}
    env.update(DISCORD_TOKEN=server.token, DISCORD_API_BASE=server.api_base, BOT_GUILD_IDS=server.guild_id,
               BOT_KNOWLEDGE=str(knowledge), BOT_DATA_DIR=str(data_dir), BOT_LOG_LEVEL="INFO")
    return env


class Bot:
    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.stderr = ""

    async def stop(self, timeout: float = 10.0) -> float:
        """SIGTERM; the seconds until it exited (it must within `timeout`)."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(self.process.communicate(), timeout)
        self.stderr = err.decode()
        return time.monotonic() - started


@contextlib.asynccontextmanager
async def running(server: FakeDiscord, env: dict[str, str], cwd: Path, **popen: Any) -> AsyncIterator[Bot]:
    identified = len(server.identify_payloads)
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
                                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                   stderr=subprocess.PIPE, **popen)
    bot = Bot(process)
    try:
        deadline = time.monotonic() + 30
        while len(server.identify_payloads) == identified or not server.gateway.sessions \
                or not server.gateway.sessions[-1].ready.is_set():
            if process.returncode is not None or time.monotonic() > deadline:
                _, err = await process.communicate()
                raise AssertionError(f"the bot did not start: {err.decode()}")
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # GUILD_CREATE parsed, commands synced
        yield bot
    finally:
        if process.returncode is None:
            process.kill()
            _, err = await process.communicate()
            bot.stderr = bot.stderr or err.decode()


async def open_form(server: FakeDiscord, moderator) -> dict[str, Any]:
    sent = await server.slash("faqmod add", user=moderator)
    call = await server.wait_for_arrival(lambda c: c.path.endswith(f"/{sent.token}/callback"), timeout=10)
    assert call.json["type"] == 9
    return call.json["data"]


async def submit(server: FakeDiscord, modal: dict[str, Any], values: dict[str, str], user):
    rows = [{"type": 1, "components": [{"type": 4, "custom_id": item["custom_id"],
                                        "value": values.get(item["label"], "")}]}
            for row in modal["components"] for item in row["components"]]
    data = {"custom_id": modal["custom_id"], "components": rows}
    return await server.send_interaction(server._interaction(5, data, user, None))


# --- graceful shutdown ------------------------------------------------------------------------------------

async def test_sigterm_finishes_the_answers_in_flight_and_exits_0(tmp_path):
    async with FakeDiscord() as server:
        env = bot_env(server, knowledge_in(tmp_path / "kb"), tmp_path / "data")
        faq = env["BOT_KNOWLEDGE"]
        async with running(server, env, tmp_path) as bot:
            moderator = server.member("editor", moderator=True)
            modal = await open_form(server, moderator)
            # Discord is slow today: each answer takes a second to get there; one the bot abandons never does
            server.fault("POST", CALLBACK, "slow", count=None, delay=1.0)
            since = len(server.arrivals)
            sent = [await server.slash("ask", question="Who wrote the article?", user=server.member(f"m{n}"))
                    for n in range(50)]
            tokens = {s.token for s in sent}
            save = await submit(server, modal, {"Question": "Where does the club meet?", "Answer": "Room 204."},
                                moderator)
            tokens_and_save = tokens | {save.token}
            while sum(1 for c in server.arrivals[since:] if c.path.split("/")[-2] in tokens_and_save) < 51:
                await asyncio.sleep(0.01)  # all 50 answers and the save's reply are on their way back
            took = await bot.stop()
        answered = sum(1 for c in server.calls if c.path.endswith("/callback") and c.path.split("/")[-2] in tokens
                       and c.status == 200)
        try:  # the reply itself, or (a save slowed by this load is deferred) the edit that put it in place
            save_reply = (await server.reply(save, timeout=0.1)).embed.get("description", "")
        except asyncio.TimeoutError:
            save_reply = ""
    print(f"\nSIGTERM with 50 in flight: {answered}/50 answered, the save replied to: {bool(save_reply)}; "
          f"exited in {took:.1f} s, code {bot.process.returncode}")
    assert "Added `club-meet`" in save_reply, bot.stderr
    assert "club-meet" in Path(faq).read_text(encoding="utf-8")
    assert bot.process.returncode == 0, bot.stderr
    assert took < 10
    assert answered >= 49
    assert bot.stderr.count("answered via=ask") >= 49, bot.stderr
    assert "Traceback" not in bot.stderr and "Session is closed" not in bot.stderr, bot.stderr


async def test_a_form_opened_before_a_restart_is_saved_after_it(tmp_path):
    async with FakeDiscord() as server:
        faq = knowledge_in(tmp_path / "kb")
        env = bot_env(server, faq, tmp_path / "data")
        moderator = server.member("editor", moderator=True)
        async with running(server, env, tmp_path) as first:
            modal = await open_form(server, moderator)
            await first.stop()
        assert first.process.returncode == 0, first.stderr
        async with running(server, env, tmp_path) as second:
            sent = await submit(server, modal, {"Question": "Where does the club meet?",
                                                "Answer": "Room 204, Tuesdays."}, moderator)
            reply = await server.reply(sent, timeout=10)
            await second.stop()
    assert "Added `club-meet`" in reply.text
    assert "club-meet:" in faq.read_text(encoding="utf-8") or "id: club-meet" in faq.read_text(encoding="utf-8")


# --- degrade, don't die -----------------------------------------------------------------------------------

def _without_root_override() -> None:
    """Root ignores file permissions (CAP_DAC_OVERRIDE): drop that from the child's capability bounding set
    so it meets a read-only folder as anyone else would."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE")


def _can_drop_root_override() -> None:
    """Skip (rather than fail) where root may not drop capabilities (no CAP_SETPCAP in this container)."""
    try:
        subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_without_root_override, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"running as root and cannot drop CAP_DAC_OVERRIDE to meet a read-only folder: {exc}")


@pytest.mark.parametrize("kind", ["read-only", "a file", "garbage db"])
async def test_a_bad_data_dir_starts_answers_and_tells_moderators(tmp_path, kind):
    base = Path(tempfile.mkdtemp(prefix="bad-data-"))  # outside pytest's 0700 tmp tree, for `nobody`
    try:
        os.chmod(base, 0o755)
        faq = knowledge_in(base / "kb")
        data = base / "data"
        popen: dict[str, Any] = {}
        if kind == "read-only":
            data.mkdir()
            os.chmod(data, 0o555)
            if os.geteuid() == 0:
                _can_drop_root_override()
                popen["preexec_fn"] = _without_root_override
        elif kind == "a file":
            data.write_text("not a folder\n")
        else:
            data.mkdir()
            (data / "bot.sqlite3").write_bytes(b"this is not a database, just garbage" * 100)
        async with FakeDiscord() as server:
            env = bot_env(server, faq, data)
            async with running(server, env, base, **popen) as bot:
                answer = await server.reply(await server.slash("ask", question="Who wrote the article?"), timeout=10)
                moderator = server.member("editor", moderator=True)
                history = await server.reply(await server.slash("faqmod history", user=moderator), timeout=10)
                stats = await server.reply(await server.slash("faqmod stats", user=moderator), timeout=10)
                modal = await open_form(server, moderator)
                saved = await server.reply(await submit(server, modal, {"Question": "Where does the club meet?",
                                                                         "Answer": "Room 204."}, moderator),
                                           timeout=10)
                await bot.stop()
        print(f"\nbad data dir ({kind}): started, answered: {'Si-ho Park' in answer.text}; "
              f"history reply: {history.text[:90]!r}")
        assert bot.process.returncode == 0, bot.stderr
        assert "Si-ho Park" in answer.text
        assert "unavailable" in history.text, history.text
        assert "not being recorded" in stats.text or "unavailable" in stats.text, stats.text
        assert "Added `club-meet`" in saved.text and "saved, but not recorded in the history" in saved.text, \
            saved.text
        assert "club-meet" in faq.read_text(encoding="utf-8")
        warnings = [line for line in bot.stderr.splitlines() if "WARNING" in line]
        assert len([w for w in warnings if "data directory is unusable" in w]) == 1, bot.stderr
        assert "Traceback" not in bot.stderr, bot.stderr
    finally:
        for folder in (base / "data", base):
            if folder.is_dir():
                os.chmod(folder, 0o755)
        shutil.rmtree(base, ignore_errors=True)


# --- a dead gateway ---------------------------------------------------------------------------------------

async def test_a_silent_gateway_is_noticed_and_the_session_resumed(tmp_path):
    async with FakeDiscord() as server:
        env = bot_env(server, knowledge_in(tmp_path / "kb"), tmp_path / "data")
        async with running(server, env, tmp_path) as bot:
            session = server.gateway.sessions[-1].session_id
            server.gateway.freeze()  # no heartbeat ACKs, no events: a dead connection
            frozen_at = time.monotonic()
            asked = await server.slash("ask", question="Who wrote the article?")  # kept, replayed on resume
            await asyncio.wait_for(server.gateway.resumed.wait(), 30)
            took = time.monotonic() - frozen_at
            reply = await server.reply(asked, timeout=10)
            await bot.stop()
    print(f"\ngateway with heartbeat ACKs stopped: resumed after {took:.1f} s")
    assert server.gateway.resumes == [session]  # the same session, resumed (not a new IDENTIFY)
    assert took <= 20
    assert "Si-ho Park" in reply.text
    assert bot.process.returncode == 0, bot.stderr
