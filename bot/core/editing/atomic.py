"""Atomic, durable file replacement: a crash at any moment leaves the old file or the new one, never a mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, rename it over `path`, fsync the directory.

    A symlinked `path` keeps its link: the file it points to is replaced. The new file keeps the old
    one's permission bits.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, temp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, data)
            _fsync(handle.fileno())
        os.chmod(temp, mode)
        _replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    fsync_directory(directory)


# The three steps that can fail on a sick disk, as functions of their own so fault tests can make each one
# fail the way the OS would (ENOSPC, EIO, EROFS) without a real full or broken disk.

def _write(handle, data: bytes) -> None:
    handle.write(data)
    handle.flush()


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _replace(source: str, target: Path) -> None:
    os.replace(source, target)


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(path: str | Path) -> int:
    """Delete temporary files a killed writer left beside `path`. Call only while holding the file lock."""
    target = Path(os.path.realpath(path))
    removed = 0
    for leftover in target.parent.glob(f"{temp_prefix(target)}*{TEMP_SUFFIX}"):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass
    return removed
