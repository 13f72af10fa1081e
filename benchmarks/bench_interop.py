"""MSPDI import and export, and the risk register to XLSX and CSV, on generated data.

Run with `python -m benchmarks interop`. Prints wall and CPU seconds and peak traced memory
(tracemalloc, measured in a second run so it does not slow the timed one).
Figures are taken on a shared 2-core machine, under load from other work.
"""

from __future__ import annotations

import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from progman import Programme, Risk
from progman.io.mspdi import dumps, loads
from progman.io.registers import export_register, load_risks


def mspdi_plan(tasks: int, per_stage: int = 50, *, same_name: bool = False) -> bytes:
    """A plan of `tasks` leaf tasks in stages of `per_stage`, each linked to the one before
    (`same_name`: every task called "Task", so each needs a numbered id)."""
    parts = [
        '<Project xmlns="http://schemas.microsoft.com/project"><Title>Bench</Title>'
        "<StartDate>2013-01-07T08:00:00</StartDate><CalendarUID>1</CalendarUID>"
        "<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>"
        "</Calendar></Calendars><Tasks>"
    ]
    uid = 0
    previous = 0
    for n in range(tasks):
        if n % per_stage == 0:
            uid += 1
            parts.append(
                f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Stage {uid}</Name>"
                "<OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>"
            )
        uid += 1
        link = (
            f"<PredecessorLink><PredecessorUID>{previous}</PredecessorUID><Type>{n % 4}</Type>"
            f"<LinkLag>{(n % 5 - 2) * 4800}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>"
            if previous
            else ""
        )
        parts.append(
            f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Task{'' if same_name else f' {n}'}</Name>"
            f"<OutlineLevel>2</OutlineLevel><Duration>PT{8 * (1 + n % 10)}H0M0S</Duration>"
            f"<Start>2013-01-07T08:00:00</Start><Finish>2013-01-08T17:00:00</Finish>{link}</Task>"
        )
        previous = uid
    parts.append("</Tasks></Project>")
    return "".join(parts).encode()


def measure(label: str, work: Callable[[], Any]) -> Any:
    """Wall and CPU seconds of one run, then the peak traced memory of a second."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<44} {seconds:8.3f} s  cpu {cpu:6.3f} s   peak {peak / 2**20:7.1f} MiB")
    return result


def mpxj_reading(data: bytes, label: str) -> None:
    """MPXJ reading the same file, for the ratio (skipped without MPXJ or Java)."""
    from progman.io import mpxj as via_mpxj

    try:
        org_mpxj = via_mpxj._mpxj()
    except via_mpxj.MpxjUnavailable as error:
        print(f"{label:<44} skipped: {str(error).split(':')[0]}")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xml"
        path.write_bytes(data)
        reader = org_mpxj.reader.UniversalProjectReader()
        reader.read(str(path))  # once to warm the Java virtual machine up
        started = time.perf_counter()
        reader.read(str(path))
        print(f"{label:<44} {time.perf_counter() - started:8.3f} s   (Java heap, not traced)")


def main() -> None:
    """Print the figures."""
    for size in (1_000, 10_000):
        data = mspdi_plan(size)
        result = measure(
            f"MSPDI import, {size} tasks ({len(data) >> 10} KiB)", partial(loads, data)
        )
        mpxj_reading(data, f"MPXJ reading the same file, {size} tasks")
        measure(f"MSPDI export, {size} tasks", partial(dumps, result.programme))
    # Tasks sharing one name were quadratic (issue 12: 20k took 18.7 s; distinct 0.7 s).
    for size in (20_000,):
        data = mspdi_plan(size, same_name=True)
        measure(f"MSPDI import, {size} tasks of one name", partial(loads, data))
    if os.environ.get("PROGMAN_BENCH_LARGE"):  # the largest supported plan (docs/performance.md)
        data = mspdi_plan(100_000)
        large = measure(f"MSPDI import, 100000 tasks ({len(data) >> 20} MiB)", lambda: loads(data))
        measure("MSPDI export, 100000 tasks", lambda: dumps(large.programme))
    risks = [
        Risk(id=f"R{n}", title=f"Risk {n}", probability=1 + n % 5, impact=1 + n % 3,
             owner="x", impact_value=1000 * n, raised_on="2013-01-07")
        for n in range(5_000)
    ]  # fmt: skip
    programme = Programme(id="p", name="P", risks=risks)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("csv", "xlsx"):
            path = Path(folder) / f"risks.{fmt}"
            measure(
                f"risk register out, 5000 risks, {fmt}",
                partial(export_register, programme, "risks", path),
            )
            measure(f"risk register in, 5000 risks, {fmt}", partial(load_risks, path))
