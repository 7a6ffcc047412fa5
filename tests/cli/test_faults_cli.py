"""The terminal commands under OS faults: one line saying why, exit code 1, and the file as it was."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.editing import atomic

ROOT = Path(__file__).resolve().parents[2]
ADD = ["add", "--question", "Where does the club meet?", "--answer", "Room 204, Tuesdays."]


@pytest.fixture()
def faq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "kb").mkdir()
    for name in ("article.md", "faq.yaml"):
        shutil.copy(ROOT / "knowledge" / name, tmp_path / "kb" / name)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "kb" / "faq.yaml"


def one_error_line(stderr: str, *phrases: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Traceback" not in stderr
    for phrase in phrases:
        assert phrase in lines[0], stderr
    return lines[0]


def test_faq_add_on_a_full_disk_is_one_line_exit_1_and_the_file_unchanged(faq, monkeypatch, capsys):
    before = faq.read_bytes()

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic, "_write", full)
    code = main(["faq", *ADD, "--knowledge", str(faq)])
    line = one_error_line(capsys.readouterr().err, "the disk is full", "faq.yaml")
    print(f"\nfaq add, full disk: exit {code}: {line}")
    assert code == 1
    assert faq.read_bytes() == before
    assert not [p for p in faq.parent.iterdir() if p.name.endswith(".tmp")], "no temporary file is left"


def _without_root_override() -> None:  # root ignores permissions: meet a read-only folder as anyone would
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


def test_faq_add_on_a_read_only_folder_is_one_line_exit_1_and_the_file_unchanged(faq, tmp_path):
    if os.geteuid() == 0:
        _can_drop_root_override()
    before = faq.read_bytes()
    os.chmod(faq.parent, 0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "faq", *ADD, "--knowledge", str(faq), "--data-dir", str(tmp_path / "d")],
            capture_output=True, text=True, cwd=tmp_path, timeout=60,
            preexec_fn=_without_root_override if os.geteuid() == 0 else None)
    finally:
        os.chmod(faq.parent, 0o755)
    line = one_error_line(result.stderr, "faq.yaml")
    print(f"\nfaq add, read-only folder: exit {result.returncode}: {line}")
    assert result.returncode == 1
    assert "read-only" in line or "permission denied" in line
    assert faq.read_bytes() == before


def test_a_data_dir_that_is_a_file_is_one_line_for_history(faq, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code = main(["faq", "history", "--knowledge", str(faq), "--data-dir", str(blocker)])
    one_error_line(capsys.readouterr().err, "history is unavailable", "a file is in the way")
    assert code == 1


def test_faq_add_with_a_garbage_history_saves_and_says_it_was_not_recorded(faq, tmp_path, capsys):
    data = tmp_path / "garbage"
    data.mkdir()
    (data / "bot.sqlite3").write_bytes(b"garbage" * 500)
    code = main(["faq", *ADD, "--knowledge", str(faq), "--data-dir", str(data)])
    out = capsys.readouterr()
    assert code == 0 and out.out.strip() == "club-meet"
    assert "saved, but not recorded in the history" in out.err and "undo unavailable" in out.err
    assert "club-meet" in faq.read_text(encoding="utf-8")
    code = main(["faq", "undo", "--knowledge", str(faq), "--data-dir", str(data)])
    one_error_line(capsys.readouterr().err, "undo needs the history", "damaged")
    assert code == 1


def test_any_command_with_an_unreadable_path_is_one_line(tmp_path, capsys):
    code = main(["faq", "show", "x", "--knowledge", str(tmp_path / "missing" / "faq.yaml")])
    one_error_line(capsys.readouterr().err)
    assert code == 1
