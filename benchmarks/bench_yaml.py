"""`progman check` on a ~5 MB programme (4,000 projects, ~36,000 objects), end to end
(saving it is timed by `bench_save.py`).

Run: `python -m benchmarks yaml`. Prints seconds and peak memory for the in-process call
of the function the CLI uses, one `progman check` subprocess, the parsers on their own,
and the position-aware re-read that locating a problem costs. Target: check under 1.5 s.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.yaml_corpus import programme_yaml


def measure(label: str, work: Callable[[], Any]) -> Any:
    """Run `work` once, print its wall time, return its result."""
    start = time.perf_counter()
    result = work()
    print(f"{label:<48} {time.perf_counter() - start:7.3f} s", flush=True)
    return result


def traced_peak(label: str, work: Callable[[], Any]) -> None:
    """Print the peak of Python allocations while `work` runs (tracing slows it: no time)."""
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<48} peak {peak / 2**20:7.0f} MiB of Python allocations", flush=True)


def main() -> None:
    import yaml_rs

    from progman._gc import bulk_objects
    from progman.cli.check import check
    from progman.io.compose import Limits
    from progman.io.loader import _validate as validate
    from progman.io.loader import careful
    from progman.io.locations import locate
    from progman.io.yaml import load
    from progman.model import Programme

    text = programme_yaml()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "programme.yaml"
        file.write_text(text, encoding="utf-8")
        print(
            f"file: {len(text) / 1e6:.1f} MB, {text.count(chr(10)):,} lines (2 cores, under load)"
        )
        Programme.model_validate({"id": "warm", "name": "up"})  # build validators once

        report = measure(
            "check --no-rules, in process (loading)", lambda: check([file], rules=False)
        )
        assert not report.findings, report.findings[:3]
        traced_peak("check --no-rules, in process", lambda: check([file], rules=False))
        command = [
            sys.executable,
            "-c",
            "import sys; from progman.cli import main; sys.exit(main())",
            "check",
            "--no-rules",
            str(file),
        ]
        measure(
            "`progman check` subprocess (incl. start-up)",
            lambda: subprocess.run(command, check=True),
        )
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{'  its peak resident memory':<48} {rss:7.0f} MiB")
        measure("  parse: yaml-rs, gc on", lambda: yaml_rs.loads(text, parse_datetime=False))

        def parse() -> Any:
            with bulk_objects():
                return yaml_rs.loads(text, parse_datetime=False)

        data = measure("  parse: yaml-rs, gc paused (as loaded)", parse)
        measure("  validate: pydantic, gc on", lambda: Programme.model_validate(data))
        measure("  validate: pydantic, gc paused", lambda: validate(data))
        measure("  validate: lean validator first (as loaded)", lambda: validate(data, lean=True))
        measure(
            "  careful path: ruamel C events + positions",
            lambda: careful(text, file, str(file), file.parent, Limits()),
        )
        programme = load(file)
        measure(
            "  first locate() after a fast load",
            lambda: locate(programme, "projects[3999].risks[0].owner"),
        )
        broken = text.replace(
            "        name: Stage 1\n", "        name: Stage 1\n        bugdet: 1\n", 1
        )
        file.write_text(broken, encoding="utf-8")
        problems = measure(
            "check --no-rules of the file with one unknown key",
            lambda: check([file], rules=False).findings,
        )
        assert len(problems) == 1, problems
        print("   ", problems[0])
        file.write_text(text, encoding="utf-8")
        with_rules = measure(
            "check with the governance rules (4,000 projects)",
            lambda: check([file], date(2013, 6, 1)),
        )
        print(f"    {with_rules.counts()}")


if __name__ == "__main__":
    main()
