"""Scheduling benchmark: generated networks of 10k, 100k and 1M tasks, end to end.

Each network has 2-3 predecessors per task drawn from the 2,000 tasks before
it (so chains run deep, as in real plans), 70% FS / 10% SS / 10% FF / 10% SF
links, lags from -2 to +5 working days on 40% of links, and an England and
Wales calendar with its bank holidays. The timed part starts from plain
arrays and covers what `schedule_arrays` does: sorting the graph into
topological generations (with the cycle check), the forward and backward
passes, free float, building the working-day calendar and converting four
dates per task to `datetime64` (the first size also pays for importing the
`holidays` tables). Peak memory is the process's peak resident set so far.

Also timed: `progman schedule --format json` as a whole process on a 100k-task YAML
definition (the peers benchmark's plan), its parts in process (loading, `compile_plan`,
the CPM passes, the items as data, the JSON), and `progman.schedule(programme)` on a 10k-task
programme built from model objects (the model building itself is not timed).

    python -m benchmarks schedule
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

import progman
from progman import Calendar, Dependency, Programme, Project, Stage, Task
from progman.schedule.bulk import schedule_arrays

START = date(2012, 4, 2)
WINDOW = 2000


def network(n: int, seed: int = 7) -> dict[str, Any]:
    """Random activity network as the plain arrays the engine takes."""
    rng = np.random.default_rng(seed)
    duration = rng.integers(1, 21, size=n)
    duration[rng.random(n) < 0.05] = 0  # some milestones
    counts = rng.integers(2, 4, size=n)
    counts[:3] = 0
    dst = np.repeat(np.arange(n), counts)
    back = rng.integers(1, WINDOW + 1, size=len(dst))
    src = dst - np.minimum(back, dst)  # always an earlier task
    keep = src != dst
    src, dst = src[keep], dst[keep]
    link = rng.choice(4, size=len(src), p=[0.7, 0.1, 0.1, 0.1])
    lag = np.where(rng.random(len(src)) < 0.4, rng.integers(-2, 6, size=len(src)), 0)
    return {"duration": duration, "src": src, "dst": dst, "link": link, "lag": lag}


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def model_programme(n: int, seed: int = 11) -> Programme:
    """A programme of `n` tasks in 10 projects of 10 stages, built from model objects."""
    rng = np.random.default_rng(seed)
    per_stage = n // 100
    projects = []
    ids: list[str] = []
    for p in range(10):
        stages = []
        for s in range(10):
            tasks = []
            for _ in range(per_stage):
                k = len(ids)
                deps = []
                if k >= 3:
                    for back in rng.integers(1, min(k, WINDOW) + 1, size=int(rng.integers(2, 4))):
                        kind = ["FS", "SS", "FF", "SF"][int(rng.choice(4, p=[0.7, 0.1, 0.1, 0.1]))]
                        deps.append(
                            Dependency(
                                on=ids[k - int(back)], type=kind, lag=int(rng.integers(-2, 6))
                            )
                        )
                task_id = f"t{k}"
                tasks.append(
                    Task(
                        id=task_id,
                        name=f"Task {k}",
                        duration=int(rng.integers(1, 21)),
                        depends_on=list({d.on: d for d in deps}.values()),
                    )
                )
                ids.append(task_id)
            stages.append(Stage(id=f"p{p}-s{s}", name=f"Stage {s}", tasks=tasks))
        projects.append(Project(id=f"p{p}", name=f"Project {p}", stages=stages))
    return Programme(
        id="bench", name="Benchmark", start=START, projects=projects, calendars=[Calendar()]
    )


def command_end_to_end(tasks: int) -> None:
    """`progman schedule PLAN.yaml --format json` as a process on the peers benchmark's
    plan of `tasks` tasks (YAML in, every item's dates out as JSON): best of 3, wall and
    CPU (user + system) seconds, peak resident memory. Target 1.5 s at 100,000 (issue 18).
    Run as users run it: `.pyc` files written and reused (see `bench_startup`)."""
    from .bench_peers import as_yaml, plan
    from .bench_startup import USER_ENVIRONMENT  # compiled modules cached, as users have

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(as_yaml(plan(tasks)), encoding="utf-8")
        command = [sys.executable, "-m", "progman", "schedule", "--format", "json", str(path)]
        wall = cpu = float("inf")
        for _ in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            began = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=USER_ENVIRONMENT)
            wall = min(wall, time.perf_counter() - began)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            cpu = min(cpu, used)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = path.stat().st_size / 1e6
        print(
            f"`progman schedule --format json`, {tasks:,} tasks ({size:.1f} MB of YAML), "
            f"whole process: {wall:.2f} s, {cpu:.2f} s CPU, peak RSS {peak:.0f} MiB"
        )


def command_phases(tasks: int) -> None:
    """Where the command's time goes, in process on the same plan: CPU seconds (best of 3)
    of loading the file, compiling the plan (`compile_plan`), the CPM passes and result
    (`Schedule`), the items as JSON-ready data (`to_dict`) and the JSON bytes."""
    from progman._json import json_bytes
    from progman.io.loader import load_file
    from progman.schedule.plan import compile_plan
    from progman.schedule.result import Schedule

    from .bench_peers import as_yaml, plan

    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(as_yaml(plan(tasks)), encoding="utf-8")
        for _ in range(3):
            clock = [time.process_time()]
            loaded = load_file(path)
            clock.append(time.process_time())
            assert loaded.programme is not None
            compiled = compile_plan(loaded.programme)
            clock.append(time.process_time())
            result = Schedule(compiled)
            clock.append(time.process_time())
            document = result.to_dict()
            clock.append(time.process_time())
            json_bytes(document)
            clock.append(time.process_time())
            names = ("load", "compile_plan", "Schedule", "to_dict", "JSON")
            for k, name in enumerate(names):
                best[name] = min(clock[k + 1] - clock[k], best.get(name, float("inf")))
            del loaded, compiled, result, document
    print(
        f"  in process, {tasks:,} tasks, CPU best of 3: "
        + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in best.items())
    )


def main() -> None:
    """Print seconds and peak memory for each size."""
    print("(figures taken on a shared 2-core machine, under load from other work)")
    for n in (10_000, 100_000, 1_000_000):
        data = network(n)
        began = time.perf_counter()
        # the calendar (bank holiday table) is built inside the timing, every time
        result = schedule_arrays(**data, start=START, calendar=Calendar())
        seconds = time.perf_counter() - began
        print(
            f"{n:>9,} tasks {len(data['src']):>9,} links: {seconds:6.2f} s, "
            f"peak RSS {peak_mb():7.0f} MB, finish {result.finish}, "
            f"{int(result.critical.sum()):,} critical"
        )
    command_end_to_end(100_000)
    command_phases(100_000)
    programme = model_programme(10_000)
    began = time.perf_counter()
    plan = progman.schedule(programme)
    seconds = time.perf_counter() - began
    print(
        f"progman.schedule(programme), 10,000 model tasks: {seconds:6.2f} s, "
        f"peak RSS {peak_mb():7.0f} MB, finish {plan.finish}"
    )


if __name__ == "__main__":
    main()
