"""`progman check` with the rules and located findings, end to end, and where its time
and memory go (issue 18, targets 1 and 6, and rules/validate speed).

Run: `python -m benchmarks check`. On the 5.7 MB, 4,000-project definition of
`yaml_corpus.programme_yaml` (the one `bench_yaml` loads): the command (best of 3: wall,
CPU, peak memory), then its parts in process (loading, every position by the one-pass and
by the careful reader, the rules with their findings located, and locating the findings'
paths alone: lazily, as `check` now does, and by the one-pass reader, as it did; the findings
written as text, JSON and SARIF). Then
`validate` on the 1,000-project programme of `bench_rules` split into its parts, and the
peak memory of `check` at three sizes against the target of 10 times the file plus 150 MB.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.bench_startup import PROGMAN, run_measured
from benchmarks.yaml_corpus import programme_yaml

DAY = "2013-06-01"


def cpu(label: str, work: Callable[[], Any]) -> Any:
    """Run `work` once; print its CPU and wall seconds; return its result."""
    start, wall = time.process_time(), time.perf_counter()
    result = work()
    used, waited = time.process_time() - start, time.perf_counter() - wall
    print(f"  {label:<50} {used:6.3f} s cpu {waited:6.3f} s wall", flush=True)
    return result


def command(file: Path, runs: int = 3) -> None:
    """`progman check FILE` as a whole process: best wall and CPU of `runs`, peak memory."""
    results = [run_measured([*PROGMAN, "check", str(file), "--date", DAY]) for _ in range(runs)]
    size = file.stat().st_size / 1e6
    wall, used = min(r[0] for r in results), min(r[1] for r in results)
    rss = max(r[2] for r in results)
    print(
        f"`progman check` {size:4.1f} MB (target 1.5 s)            "
        f"{wall:6.3f} s wall {used:6.3f} s cpu {rss:6.0f} MiB peak",
        flush=True,
    )


def parts(file: Path) -> None:
    """The command's parts in process, CPU time of each."""
    from progman._json import dumps_json
    from progman.io.compose import Limits
    from progman.io.loader import careful, load_file
    from progman.io.locations import source_map
    from progman.io.quick_locations import LazyPositions, lazy_locations, quick_locations
    from progman.rules import validate

    text = file.read_text(encoding="utf-8")
    loaded = cpu("load (fast path: yaml-rs + model)", lambda: load_file(file))
    programme = loaded.programme
    assert programme is not None
    cpu("locate: one-pass reader, every position", lambda: quick_locations(text, str(file)))
    cpu(
        "locate: careful reader, every position",
        lambda: careful(text, file, str(file), file.parent, Limits()),
    )
    found = source_map(programme)
    assert found is not None
    found.lookup("")  # the text looked at once; each finding's path is searched for
    result = cpu(
        "validate: every rule, findings located",
        lambda: validate(programme, status_date=date(2013, 6, 1)),
    )
    cpu("findings as text", result.to_text)
    cpu("findings as JSON (--format json)", result.to_json)
    cpu("findings as SARIF (--format sarif)", lambda: dumps_json(result.to_sarif()))
    paths = [finding.path for finding in result.findings]
    print(f"  {len(paths):,} findings, {len(set(paths)):,} paths", flush=True)

    def lazily() -> None:
        located = lazy_locations(text, str(file), dict)
        assert isinstance(located, LazyPositions)  # the benchmark's text is one it reads
        for path in paths:
            located.locate(path)

    def at_once() -> None:
        located = quick_locations(text, str(file))
        assert located is not None
        for path in paths:
            located.locate(path)

    collecting = gc.isenabled()
    gc.disable()  # as validate does
    try:
        cpu("locate the findings: lazy locator (now)", lazily)
        cpu("locate the findings: one-pass reader (before)", at_once)
    finally:
        if collecting:
            gc.enable()


def validate_parts(projects: int = 1000) -> None:
    """`validate` on the programme of `bench_rules`, split into its parts (CPU seconds)."""
    from benchmarks.bench_rules import TODAY, build
    from progman.findings import Finding
    from progman.rules import validate
    from progman.rules.context import RuleContext
    from progman.rules.escalation import escalation_target
    from progman.rules.registry import REGISTRY

    programme = build(projects)
    validate(programme, status_date=TODAY)  # warm up: imports, validators
    print(f"validate, {projects:,} projects (bench_rules; target 1 s):")
    best = min(_timed(lambda: validate(programme, status_date=TODAY)) for _ in range(3))
    print(f"  {'whole, best of 3':<50} {best:6.3f} s cpu", flush=True)
    collecting = gc.isenabled()
    gc.disable()  # as validate does
    try:
        ctx = cpu("context (indexes)", lambda: RuleContext(programme, today=TODAY))
        cpu("schedule", ctx.schedule)
        cpu("forecast", ctx.forecast)
        rules = cpu("rules (their problems)", lambda: [list(r.check(ctx)) for r in REGISTRY])

        def findings() -> None:
            for rule, problems in zip(REGISTRY, rules, strict=True):
                for problem in problems:
                    told = escalation_target(ctx, problem.escalate_to, problem.subject)
                    Finding(
                        rule.id,
                        rule.severity,
                        problem.message,
                        path=problem.path,
                        location=ctx.location(problem.path),
                        subject=problem.subject,
                        escalate_to=told.name if told else None,
                    )

        cpu("findings made from them", findings)
    finally:
        if collecting:
            gc.enable()


def _timed(work: Callable[[], Any]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def memory(folder: Path) -> None:
    """Peak resident memory of `progman check` at three sizes, against 10x + 150 MB."""
    print("`progman check` peak memory (target: 10 x file size + 150 MB):")
    for projects in (1000, 4000, 8000):
        file = folder / f"m{projects}.yaml"
        file.write_text(programme_yaml(projects), encoding="utf-8")
        size = file.stat().st_size / 2**20
        _, used, rss = run_measured([*PROGMAN, "check", str(file), "--date", DAY])
        target = 10 * size + 150
        print(
            f"  {projects:>5,} projects, {size:5.1f} MiB: {rss:6.0f} MiB peak, "
            f"{rss / size:5.1f} x the file (target {target:4.0f} MiB: "
            f"{'met' if rss <= target else 'not met'}), {used:5.2f} s cpu",
            flush=True,
        )
        file.unlink()


def main() -> None:
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} (2-core machine)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        file = folder / "programme.yaml"
        file.write_text(programme_yaml(), encoding="utf-8")
        command(file)
        parts(file)
        validate_parts()
        memory(folder)


if __name__ == "__main__":
    main()
