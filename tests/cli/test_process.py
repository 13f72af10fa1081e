"""The `progman` process as a shell sees it: broken pipes, `python -m progman`, and the
process ending without tearing the interpreter down (`progman.cli.entry_point`, issue
18): the exit status is `main`'s and the whole output, stdout and stderr, arrives."""

from __future__ import annotations

import json
import os
import re
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
        (["schedule", str(EXAMPLE), "--format", "json"], 0),  # JSON written as bytes
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


def run_progman(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "progman", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_findings_exit_1_with_the_whole_json_document() -> None:
    done = run_progman("check", str(EXAMPLE), "--date", "2013-01-10", "--format", "json")
    assert done.returncode == 1  # errors found (docs/cli.md: exit codes)
    document = json.loads(done.stdout)  # the whole document arrived, not a truncated one
    assert document["counts"]["error"] >= 1
    assert len(document["findings"]) == sum(document["counts"].values())


def test_text_output_and_its_note_on_stderr_both_arrive() -> None:
    done = run_progman("check", str(EXAMPLE), "--date", "2013-01-10")
    assert done.returncode == 1
    assert "status date 2013-01-10" in done.stderr
    assert re.match(r"\d+ errors?, \d+ warnings?, \d+ info", done.stdout)


def test_a_usage_error_exits_2_and_says_so() -> None:
    done = run_progman("check", str(REPO / "no-such-folder"))
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr
