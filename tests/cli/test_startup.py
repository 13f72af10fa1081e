"""Start-up cost (issue 18, target 2): a command imports only what it uses. `progman --help`
loads no numpy; `progman check` on an ordinary file loads no networkx, no `holidays` (the
bank holidays of 2000-2040 are kept), no ruamel.yaml (the careful reader and its positions
are not needed), no reports (nor the highlight reports, RAG and RAID of `progman.control`)
and no risk analysis. The times themselves are measured in
benchmarks/bench_startup.py, not here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.yaml_corpus import programme_yaml

REPO = Path(__file__).resolve().parents[2]


def modules_after(*argv: str) -> set[str]:
    """The modules imported by running `progman ARGV` in a fresh interpreter."""
    code = (
        "import contextlib, io, sys\n"
        "from progman.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "    try:\n"
        f"        main({list(argv)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert out.getvalue(), err.getvalue()\n"
        "print('\\n'.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(done.stdout.split())


def test_help_imports_no_numpy() -> None:
    loaded = modules_after("--help")
    assert "progman.cli.check" in loaded  # every subcommand registered its options
    assert not {"numpy", "networkx", "progman.rules", "progman.report"} & loaded


def test_check_of_an_ordinary_file_imports_only_what_it_uses(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text(programme_yaml(projects=3), encoding="utf-8")
    loaded = modules_after("check", str(file), "--date", "2013-06-01")
    assert "progman.rules" in loaded  # the rules ran, and found problems to locate
    unused = {"networkx", "ruamel.yaml", "holidays", "progman.report", "progman.analysis"}
    unused.add("progman.io.mspdi")
    unused |= {"progman.control.reports", "progman.control.rag", "progman.control.raid"}
    # nor the other subcommands (export's spreadsheets above all): check builds its own parser
    unused |= {"progman.cli.export", "progman.io.registers", "progman.cli.report"}
    assert not unused & loaded


def _blas_threads(environment: dict[str, str]) -> str:
    """Threads of a process that set up as the `progman` command does and loaded numpy,
    and its OPENBLAS_NUM_THREADS."""
    code = (
        "import os\n"
        "from progman.cli import one_blas_thread\n"
        "one_blas_thread()\n"
        "import numpy\n"
        "print(len(os.listdir('/proc/self/task')), os.environ['OPENBLAS_NUM_THREADS'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
    )
    return done.stdout.strip()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads counted in /proc")
def test_the_command_starts_no_blas_thread_pool_unless_asked() -> None:
    # OpenBLAS starts a thread per core when numpy loads (about 0.06 s of CPU on two
    # cores); the command does no linear algebra, so it runs on its one thread.
    environment = {k: v for k, v in os.environ.items() if not k.endswith("NUM_THREADS")}
    assert _blas_threads(environment) == "1 1"
    assert _blas_threads({**environment, "OPENBLAS_NUM_THREADS": "2"}).endswith(" 2")
