"""`progman.dump` after one edit of each kind, at four file sizes: saving costs the edit.

Run: `python -m benchmarks save`. For each edit (a value changed, an item added, an item
removed, two projects swapped, a value unset: its line taken out; no edit, which
writes nothing; and a new file: the programme read from text, with no file behind it,
written whole) and each size (about 0.5, 1, 2.5 and 5 MB of the generated programme of
`yaml_corpus`), the file is loaded, edited and saved five times; the best wall time and
the best CPU time (user + system of this process) are printed, then the growth exponent:
the slope of log(CPU time) against log(file size), fitted over the four sizes (1 is
linear). Targets (issue 18): each edit under 0.2 s on 1 MB and under 1 s on 5 MB, growth
linear at worst.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.yaml_corpus import programme_yaml

if TYPE_CHECKING:
    from progman.model import Programme

SIZES = (360, 715, 1790, 3580)  # projects: about 0.5, 1, 2.5 and 5 MB
REPEATS = 5


def _edits() -> dict[str, Callable[[Programme], None]]:
    from progman.model import Issue

    def value(p: Programme) -> None:
        p.projects[len(p.projects) // 2].risks[0].status = "closed"  # type: ignore[assignment]

    def add(p: Programme) -> None:
        p.projects[len(p.projects) // 2].issues.append(Issue(id="I-new", title="Late"))

    def remove(p: Programme) -> None:
        del p.projects[len(p.projects) // 2].risks[0]

    def reorder(p: Programme) -> None:
        p.projects[5], p.projects[6] = p.projects[6], p.projects[5]

    def unset(p: Programme) -> None:
        p.projects[len(p.projects) // 2].start = None

    def nothing(p: Programme) -> None:
        pass

    return {
        "value": value,
        "add": add,
        "remove": remove,
        "reorder": reorder,
        "unset": unset,
        "no edit": nothing,
        "new file": nothing,  # the programme comes from `loads`: nothing to keep
    }


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """The least-squares slope of log(seconds) against log(size).

    >>> round(exponent([1, 2, 4, 8], [0.1, 0.2, 0.4, 0.8]), 3)
    1.0
    """
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(second, 1e-6)) for second in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    from progman.io.save import dump
    from progman.io.yaml import load, loads

    edits = _edits()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; best of {REPEATS}")
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "programme.yaml"
        texts = {n: programme_yaml(projects=n) for n in SIZES}
        file.write_text(texts[SIZES[0]], encoding="utf-8")
        warm = load(file)
        edits["value"](warm)
        dump(warm, file)  # imports and validators built once, outside the figures
        results: dict[str, list[tuple[float, float, float]]] = {}
        for kind, edit in edits.items():
            for n in SIZES:
                text = texts[n]
                best_wall = best_cpu = math.inf
                for _ in range(REPEATS):
                    file.write_text(text, encoding="utf-8")
                    programme = loads(text) if kind == "new file" else load(file)
                    edit(programme)
                    wall, cpu = time.perf_counter(), time.process_time()
                    dump(programme, file)
                    best_cpu = min(best_cpu, time.process_time() - cpu)
                    best_wall = min(best_wall, time.perf_counter() - wall)
                megabytes = len(text.encode("utf-8")) / 1e6
                results.setdefault(kind, []).append((megabytes, best_wall, best_cpu))
                print(
                    f"dump() {kind:<8} {megabytes:4.1f} MB  {best_wall:7.3f} s wall "
                    f"{best_cpu:7.3f} s cpu",
                    flush=True,
                )
            rows = results[kind]
            if len(rows) > 2:
                slope = exponent([r[0] for r in rows], [r[2] for r in rows])
                print(f"dump() {kind:<8} growth exponent (cpu) {slope:.2f}", flush=True)


if __name__ == "__main__":
    main()
