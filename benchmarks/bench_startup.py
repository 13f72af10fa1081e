"""Start-up: how long a small command takes as a whole process (issue 18, target 2).

Run: `python -m benchmarks startup`. Prints, best of 10, the wall time, the CPU time
(user + system) and the peak resident memory of `python -c pass` (the floor), the imports
every check pays for (pydantic, the model, numpy), `progman --help` and `progman check` on
the bundled examples. Target: `progman check examples/milton-keynes` under 0.3 s. The CPU
time is the figure to judge on a loaded machine (the wall time includes waiting for a core).

Commands run as users run them: with compiled modules (`.pyc`) cached. Each is run once
unmeasured first, so the cache exists, and `PYTHONDONTWRITEBYTECODE` is taken out of the
environment (a development shell may set it; then every process compiles progman from
source, some 0.1 s more).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What the installed `progman` script runs (it ends the process without tearing it down).
PROGMAN = [sys.executable, "-c", "from progman.cli import entry_point; entry_point()"]


# A small process runs the command and reports its CPU time and peak memory: Linux counts
# in a child's peak the memory of the process it was forked from, so the benchmark's own
# (hundreds of MiB) must not be that process.
_LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, used.ru_utime + used.ru_stime, used.ru_maxrss)\n"
)


# As users run: their installs keep compiled modules, so bytecode is written and reused.
USER_ENVIRONMENT = {
    key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
}


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Run `command` once: its wall seconds, CPU seconds and peak resident MiB."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command],
        capture_output=True,
        text=True,
        check=True,
        env=USER_ENVIRONMENT,
    )
    wall, used, peak = done.stdout.split()
    return float(wall), float(used), int(peak) / 1024


def best_of(command: list[str], runs: int = 10) -> tuple[float, float, float]:
    """The best wall time and best CPU time of `runs` runs, and the largest peak memory;
    after one run unmeasured, which leaves the compiled modules cached."""
    run_measured(command)
    results = [run_measured(command) for _ in range(runs)]
    return (
        min(r[0] for r in results),
        min(r[1] for r in results),
        max(r[2] for r in results),
    )


def report(label: str, command: list[str]) -> None:
    wall, cpu, rss = best_of(command)
    print(f"{label:<52} {wall:6.3f} s wall {cpu:6.3f} s cpu {rss:6.0f} MiB", flush=True)


def main() -> None:
    print(f"best of 10; load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report("python -c pass (the floor)", [sys.executable, "-c", "pass"])
    for module in ("pydantic", "numpy", "progman"):
        report(f"python -c 'import {module}'", [sys.executable, "-c", f"import {module}"])
    one_thread = "import os; os.environ.setdefault('OPENBLAS_NUM_THREADS', '1'); import numpy"
    report("numpy with one OpenBLAS thread, as progman has it", [sys.executable, "-c", one_thread])
    report(
        "the model's validators built (pydantic's first use)",
        [sys.executable, "-c", "import progman; progman.Programme.model_rebuild()"],
    )
    report("progman --help", [*PROGMAN, "--help"])
    for example in ("milton-keynes", "quick-tour"):
        folder = REPO / "examples" / example
        report(f"progman check examples/{example} (target 0.3 s)", [*PROGMAN, "check", str(folder)])


if __name__ == "__main__":
    main()
