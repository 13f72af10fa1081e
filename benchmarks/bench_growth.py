"""Growth curves: how the time of each command grows with the size of the programme.

Each command runs on generated programmes of 500, 1,000, 2,000 and 4,000 projects, and the
growth exponent is the slope of log(time) against log(size) (least squares over the four
sizes): 1 is linear, 2 quadratic. Anything above 1.1 is a defect to find (issue 18), such
as a per-object scan inside a per-project loop. Times are CPU seconds of this process
(user + system), which other work on the shared machine disturbs less than wall time;
the wall time of the largest size is printed beside it. Each size is measured in two
passes, smallest first and then largest first, best of 3 in each, and the best of both
kept: in one pass the sizes measured first pay for warming up and the last ones for the
heap the earlier ones left, which moved single-pass exponents by up to 0.25 either way.

- check: `check([file], status date)` on the YAML benchmark programme (`yaml_corpus`):
  loading, the governance rules and locating their findings;
- validate: `validate(programme, status_date=...)` on the status benchmark's programme
  (`bench_control`: 10 tasks, 5 risks and a 60-month benefit profile per project);
- schedule: `progman.schedule` of the same programme (one critical chain per project);
- status: what `progman status` computes (`rag_status` and the RAID roll-up);
- report: `board_report` and `render_html`;
- save: `dump` of the YAML benchmark programme after one value changed (written into
  the text; perf of saving is issue 18's target 3, measured here for its growth only).

    python -m benchmarks growth
"""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from .bench_control import STATUS, generate
from .yaml_corpus import programme_yaml

SIZES = (500, 1_000, 2_000, 4_000)


def exponent(sizes: tuple[int, ...], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) against log(size).

    >>> round(exponent((1, 2, 4, 8), [3.0, 6.0, 12.0, 24.0]), 3)
    1.0
    >>> round(exponent((1, 2, 4, 8), [1.0, 4.0, 16.0, 64.0]), 3)
    2.0
    """
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(s, 1e-9)) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def cpu(work: Callable[[], Any], runs: int = 3) -> tuple[float, float]:
    """Best CPU seconds and best wall seconds of `runs` calls."""
    best_cpu = best_wall = float("inf")
    for _ in range(runs):
        wall, began = time.perf_counter(), time.process_time()
        work()
        best_cpu = min(best_cpu, time.process_time() - began)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall


def commands(size: int, folder: Path) -> dict[str, Callable[[], Any]]:
    """The timed work at one size, each step set up (not timed) beforehand."""
    from progman import Programme, schedule
    from progman.cli.check import check
    from progman.control import rag_status, raid_roll_up
    from progman.io.save import dump
    from progman.io.yaml import load
    from progman.report import board_report, render_html
    from progman.rules import validate

    programme = Programme.model_validate(generate(size))
    file = folder / f"programme-{size}.yaml"
    file.write_text(programme_yaml(projects=size), encoding="utf-8")
    edited = load(file)

    def save() -> None:
        edited.projects[size // 2].budget = (edited.projects[size // 2].budget or Decimal(0)) + 1
        dump(edited, file)

    def status() -> None:
        rag_status(programme, status_date=STATUS)
        raid_roll_up(programme).for_programme_board()

    return {
        "check": lambda: check([file], date(2013, 6, 1)),
        "validate": lambda: validate(programme, status_date=STATUS),
        "schedule": lambda: schedule(programme),
        "status": status,
        "report": lambda: render_html(board_report(programme, status_date=STATUS)),
        "save": save,
    }


def main() -> None:
    """Print each command's CPU seconds per size and its growth exponent."""
    best: dict[tuple[str, int], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (*SIZES, *reversed(SIZES)):  # two passes: see the module's docstring
            for name, work in commands(size, Path(folder)).items():
                used, wall = cpu(work)
                before = best.get((name, size), (used, wall))
                best[name, size] = (min(before[0], used), min(before[1], wall))
    timings: dict[str, list[tuple[float, float]]] = {}
    for (name, _), figures in sorted(best.items(), key=lambda item: item[0][1]):
        timings.setdefault(name, []).append(figures)
    header = "".join(f"{n:>9,}" for n in SIZES)
    print(f"CPU seconds, best of 6, by projects:  {header}   exponent  (wall at {SIZES[-1]:,})")
    for name, rows in timings.items():
        seconds = [c for c, _ in rows]
        slope = exponent(SIZES, seconds)
        flag = "  above 1.1" if slope > 1.1 else ""
        cells = "".join(f"{s:9.3f}" for s in seconds)
        print(f"  {name:<34}{cells}   {slope:6.2f}    ({rows[-1][1]:.2f} s){flag}")


if __name__ == "__main__":
    main()
