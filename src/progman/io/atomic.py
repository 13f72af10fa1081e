"""Writing a file atomically: the old file or the new one, never half of either.

Every file progman writes (a saved definition, an imported plan, an exported
register or plan, a board report) goes through `write_atomic`: the content is
written to a temporary file in the target's folder, flushed to disk, given the
target's permissions and then renamed over the target with `os.replace`, which
is atomic on one file system. A full disk or a killed process leaves the
previous file untouched (and at worst a `.NAME.*.tmp` file beside it, which the
next write of NAME removes once it is a minute old). A symbolic link is written
through (the link stays a link), and a read-only file is refused, even to root.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "risks.csv"
>>> write_atomic(target, "ID,Title\\r\\nR1,Slips\\r\\n")
>>> target.read_bytes()
b'ID,Title\\r\\nR1,Slips\\r\\n'
>>> write_atomic(target, b"binary content")
>>> target.read_bytes()
b'binary content'
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

__all__ = ["write_atomic"]

STALE_SECONDS = 60
"""A temporary file of ours this old is left from a killed write: no write takes so long."""


def write_atomic(path: Path | str, content: str | bytes) -> None:
    """Write `content` (text as UTF-8, newlines untouched, or bytes) to `path` atomically.

    Raises `PermissionError` if `path` is read-only (no write permission bit, or none
    for this user).
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # replace the file the link names, not the link
    _refuse_read_only(target)
    _remove_stale(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_read_only(target: Path) -> None:
    """PermissionError if `target` exists and may not be written (root included: renaming
    over a file needs only the folder's permission, so the file's own mode is checked)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise PermissionError(
            errno.EACCES,
            f"{target} is read-only: make it writable (chmod u+w) to save over it",
            str(target),
        )


def _remove_stale(target: Path) -> None:
    """Remove temporary files a killed write of `target` left (named as ours, a minute old)."""
    ours = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    now = time.time()
    try:
        candidates = [
            entry
            for entry in os.scandir(target.parent)
            if entry.name.startswith(f".{target.name}.") and ours.fullmatch(entry.name)
        ]
    except OSError:
        return
    for entry in candidates:
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: leave it
