"""Running `progman` as a user would, in a child process, for the hostile-input tests."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "milton-keynes" / "programme.yaml"


def run_progman(
    args: Sequence[str], *, cwd: Path, file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`progman ARGS` in a child process; `file_size_limit` (bytes) simulates a full disk.

    With RLIMIT_FSIZE set and SIGXFSZ ignored, a write past the limit fails with
    EFBIG as a write to a full disk fails with ENOSPC: the kernel refuses the bytes.
    """

    def limit() -> None:  # pragma: no cover - runs in the child
        if file_size_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    # No bytecode written under the limit: the interpreter's cache write is a single write
    # whose short count it does not check, so a module compiled there would be left as a
    # truncated .pyc ("marshal data too short" for every later process).
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", "import sys, progman.cli; sys.exit(progman.cli.main())", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
        check=False,
    )
