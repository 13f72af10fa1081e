"""Writing a file atomically: the old file or the new one, never half of either.

Every file progman writes (a saved definition, an imported plan, an exported
register or plan, a board report) goes through `write_atomic`: the content is
written to a temporary file in the target's folder, flushed to disk, given the
target's permissions and then renamed over the target with `os.replace`, which
is atomic on one file system. A full disk or a killed process leaves the
previous file untouched (and at worst a `.NAME.*.tmp` file beside it).

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

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(path: Path | str, content: str | bytes) -> None:
    """Write `content` (text as UTF-8, newlines untouched, or bytes) to `path` atomically."""
    target = Path(path)
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
