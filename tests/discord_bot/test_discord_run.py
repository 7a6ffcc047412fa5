"""`python -m bot run` as a subprocess: start-up errors are one line and exit code 2; a good start answers."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path


from fakediscord import FakeDiscord

REPO_ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any bot or Discord setting, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "BOT_"))}
    env.update(extra)
    return env


async def run_bot(cwd: Path, env: dict[str, str], timeout: float = 20) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
                                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                                   stderr=subprocess.PIPE)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode, stderr.decode()


def knowledge_in(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name in ("faq.yaml", "article.md"):
        shutil.copy(REPO_ROOT / "knowledge" / name, folder / name)
    return folder / "faq.yaml"


def assert_one_line_error(stderr: str, *phrases: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, stderr
    for phrase in phrases:
        assert phrase in errors[0], stderr


async def test_missing_token_is_one_clear_line_and_exit_2(tmp_path):
    code, stderr = await run_bot(tmp_path, clean_env())
    assert code == 2
    assert_one_line_error(stderr, "DISCORD_TOKEN is not set")
    assert len(stderr.strip().splitlines()) == 1


async def test_rejected_token_is_one_clear_line_and_exit_2(tmp_path):
    async with FakeDiscord() as server:
        env = clean_env(DISCORD_TOKEN="not-the-right-token", DISCORD_API_BASE=server.api_base,
                        BOT_KNOWLEDGE=str(knowledge_in(tmp_path / "kb")), BOT_DATA_DIR=str(tmp_path / "data"))
        code, stderr = await run_bot(tmp_path, env)
        assert [c.status for c in server.calls] == [401]  # it asked once, was refused, and stopped
    assert code == 2
    assert_one_line_error(stderr, "Discord rejected DISCORD_TOKEN")


async def test_invalid_knowledge_is_one_clear_line_and_exit_2(tmp_path):
    broken = tmp_path / "faq.yaml"
    broken.write_text("version: 1\narticle: nowhere.md\nentries: []\n", encoding="utf-8")
    code, stderr = await run_bot(tmp_path, clean_env(DISCORD_TOKEN="t", BOT_KNOWLEDGE=str(broken)))
    assert code == 2
    assert_one_line_error(stderr, "the knowledge is invalid", "nowhere.md:1:1: cannot read the article")


async def test_bad_setting_is_one_clear_line_and_exit_2(tmp_path):
    code, stderr = await run_bot(tmp_path, clean_env(DISCORD_TOKEN="t", BOT_GUILD_IDS="our-club"))
    assert code == 2
    assert_one_line_error(stderr, "BOT_GUILD_IDS")


async def test_run_reads_dotenv_connects_answers_and_stops_on_sigterm(tmp_path):
    async with FakeDiscord() as server:
        (tmp_path / ".env").write_text(
            f"DISCORD_TOKEN={server.token}\nDISCORD_API_BASE={server.api_base}\nBOT_GUILD_IDS={server.guild_id}\n"
            f"BOT_KNOWLEDGE={knowledge_in(tmp_path / 'kb')}\nBOT_DATA_DIR={tmp_path / 'data'}\n", encoding="utf-8")
        process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=tmp_path,
                                                       env=clean_env(), stdin=subprocess.DEVNULL,
                                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            await server.wait_identified(timeout=20)
            assert any(c.method == "PUT" and c.path.endswith(f"/guilds/{server.guild_id}/commands")
                       for c in server.calls)
            await asyncio.sleep(0.2)  # let the client parse GUILD_CREATE
            reply = await server.reply(await server.slash("ask", question="Who wrote the article?"), timeout=10)
            assert "Si-ho Park" in reply.text
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 15)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert "answered via=ask" in stderr.decode()  # the per-question log line
    assert (tmp_path / "data").is_dir()  # BOT_DATA_DIR from .env: the activity log lives there


def test_the_run_command_does_not_import_discord_until_it_runs():
    code = ("import sys, bot.cli, bot.cli.run; bot.cli.build_parser(); "
            "sys.exit(1 if 'discord' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, timeout=60).returncode == 0
