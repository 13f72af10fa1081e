"""The `progman` process as a shell sees it: broken pipes, `python -m progman`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "milton-keynes"


def run_into_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m progman ARGV` with its stdout a pipe nobody reads (as `| head` after
    head has exited): every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "progman", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        # the example has error findings at 10 January 2013: exit 1, pipe or no pipe
        (["check", str(EXAMPLE), "--date", "2013-01-10"], 1),
        (["check", str(EXAMPLE), "--date", "2013-01-10", "--format", "json"], 1),
        (["rules"], 0),
    ],
)
def test_a_broken_pipe_never_changes_the_exit_code(argv: list[str], code: int) -> None:
    # Regression: `progman check ... | head` exited 0 in 3 of 5 runs (the broken pipe was
    # turned into success).
    result = run_into_closed_pipe(*argv)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_python_m_progman_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "progman", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.startswith("progman ")
