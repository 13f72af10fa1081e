"""Side by side with peers: the same generated plans scheduled by progman, by MPXJ's
Microsoft Project scheduler and by TaskJuggler, and MSPDI read by progman and by MPXJ.

One plan of N tasks (projects of 100 tasks, each task finish-to-start after one or two of
the ten tasks before it, 1-10 working days long) is written three ways: a progman YAML
definition, Microsoft Project XML (MSPDI) and a TaskJuggler project. Each tool schedules
it (each prints the finish it works out: they agree) in one run, so the ratios compare
like with like on the same machine at the same moment:

- progman: `progman schedule PLAN.yaml --format json` as a process (start-up, reading the
  YAML, scheduling and writing every item's dates as JSON; best of 3), and in process:
  `load` and `schedule` (best of 3);
- MPXJ (Java, through JPype; the Java virtual machine warmed up first, not counted):
  `MSPDIReader().read` and `MicrosoftScheduler().schedule` (best of 3);
- TaskJuggler: `tj3 PLAN.tjp` as a process (reading, scheduling and a CSV of the
  projects' finish dates);
- MSPDI reading: `progman.io.mspdi.loads` (ids, model validation, located findings) against
  MPXJ's `MSPDIReader().read` (its objects only).

A peer that is not installed (`mpxj`/`JPype1` and Java, `tj3` from Debian's `tj3`) is
skipped. TaskJuggler schedules hour by hour and is slow on large plans, so it runs on the
two smaller sizes only. `PROGMAN_BENCH_LARGE=1` adds 100,000 tasks for progman and MPXJ.

    python -m benchmarks peers
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

START = "2013-01-07"  # a Monday
PER_PROJECT = 100
TJ3_LIMIT = 10_000  # tasks: TaskJuggler takes minutes beyond this

Plan = list[tuple[int, list[int]]]  # per task: working days, the tasks it follows


def plan(tasks: int, seed: int = 3) -> Plan:
    """Per task its duration and the earlier tasks (same project) it follows."""
    rng = random.Random(seed)
    out: Plan = []
    for n in range(tasks):
        first = n - n % PER_PROJECT
        window = range(max(first, n - 10), n)
        preds = sorted(rng.sample(window, min(len(window), rng.randint(1, 2))))
        out.append((rng.randint(1, 10), preds))
    return out


def as_yaml(work: Plan) -> str:
    """The plan as a progman definition."""
    lines = [
        "id: bench",
        "name: Benchmark plan",
        f"start: {START}",
        "calendars: [{id: default, region: none}]",  # no bank holidays, as in the others
        "projects:",
    ]
    for n, (days, preds) in enumerate(work):
        if n % PER_PROJECT == 0:
            p = n // PER_PROJECT
            lines += [f"  - id: p{p}", f"    name: Project {p}", "    tasks:"]
        lines += [f"      - id: t{n}", f"        name: Task {n}", f"        duration: {days}"]
        if preds:
            lines.append(f"        depends_on: [{', '.join(f't{k}' for k in preds)}]")
    return "\n".join(lines) + "\n"


def as_mspdi(work: Plan) -> bytes:
    """The plan as Microsoft Project XML: a summary task per project, its tasks below."""
    parts = [
        '<Project xmlns="http://schemas.microsoft.com/project"><Title>Bench</Title>'
        f"<StartDate>{START}T08:00:00</StartDate><CalendarUID>1</CalendarUID>"
        "<MinutesPerDay>480</MinutesPerDay><Calendars><Calendar><UID>1</UID><Name>Standard</Name>"
        "<IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>"
        + "".join(
            f"<WeekDay><DayType>{day}</DayType><DayWorking>0</DayWorking></WeekDay>"
            if day in (1, 7)
            else f"<WeekDay><DayType>{day}</DayType><DayWorking>1</DayWorking><WorkingTimes>"
            "<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
            "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>"
            "</WorkingTimes></WeekDay>"
            for day in range(1, 8)
        )
        + "</WeekDays></Calendar></Calendars><Tasks>"
    ]
    uid_of: list[int] = []
    uid = 0
    for n, (days, preds) in enumerate(work):
        if n % PER_PROJECT == 0:
            uid += 1
            parts.append(
                f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Project {n // PER_PROJECT}</Name>"
                "<OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>"
            )
        uid += 1
        uid_of.append(uid)
        links = "".join(
            f"<PredecessorLink><PredecessorUID>{uid_of[k]}</PredecessorUID><Type>1</Type>"
            "<LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>"
            for k in preds
        )
        parts.append(
            f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Task {n}</Name>"
            f"<OutlineLevel>2</OutlineLevel><Duration>PT{8 * days}H0M0S</Duration>"
            f"<DurationFormat>7</DurationFormat>{links}</Task>"
        )
    parts.append("</Tasks></Project>")
    return "".join(parts).encode()


def as_tjp(work: Plan) -> str:
    """The plan as a TaskJuggler project (`length`: working days)."""
    lines = [
        f'project bench "Bench" {START} +8y {{',
        '  timezone "UTC"',
        '  scenario plan "Plan"',
        "}",
    ]
    for n, (days, preds) in enumerate(work):
        if n % PER_PROJECT == 0:
            if n:
                lines.append("}")
            lines.append(f'task p{n // PER_PROJECT} "Project {n // PER_PROJECT}" {{')
        follows = f" depends {', '.join(f'!t{k}' for k in preds)}" if preds else ""
        start = "" if preds else f" start {START}"
        lines.append(f'  task t{n} "Task {n}" {{ length {days}d{start}{follows} }}')
    lines.append("}")
    # the projects' finish dates, to check the three tools agree (a few hundred rows)
    lines.append('taskreport finish "finish" { formats csv columns id, end hidetask isleaf() }')
    return "\n".join(lines) + "\n"


def best(work: Callable[[], Any], runs: int = 3) -> float:
    """Best wall time of `runs` calls."""
    seconds = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        work()
        seconds = min(seconds, time.perf_counter() - began)
    return seconds


def run(command: list[str]) -> float:
    """Wall seconds of a process, which must succeed."""
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def schedule_file(path: Path) -> Any:
    """progman loading and scheduling a YAML definition, in process."""
    from progman import schedule
    from progman.io.yaml import load

    return schedule(load(path))


def mpxj_or_none() -> Any:
    """MPXJ's `org.mpxj` with the JVM started, or None (said why) where it cannot run."""
    from progman.io import mpxj as via_mpxj

    try:
        return via_mpxj._mpxj()
    except via_mpxj.MpxjUnavailable as error:
        print(f"MPXJ skipped: {str(error).split(':')[0]}")
        return None


def mpxj_schedule(org_mpxj: Any, path: Path) -> str:
    """Read the MSPDI file and schedule it with MPXJ's Microsoft Project scheduler; the
    latest finish date."""
    import jpype

    project = org_mpxj.mspdi.MSPDIReader().read(str(path))
    zero = jpype.JClass("org.mpxj.Duration").getInstance(0, jpype.JClass("org.mpxj.TimeUnit").DAYS)
    for task in project.getTasks():  # the scheduler wants progress set on every task
        task.setActualDuration(zero)
        task.setRemainingDuration(task.getDuration())
    scheduler = jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")()
    scheduler.schedule(project, project.getProjectProperties().getStartDate())
    return max(str(task.getFinish())[:10] for task in project.getTasks() if task.getFinish())


def main() -> None:
    """Print each tool's seconds and the ratios to progman."""
    from progman import schedule
    from progman.io.mspdi import loads as read_mspdi
    from progman.io.yaml import load

    sizes = [1_000, 10_000] + ([100_000] if os.environ.get("PROGMAN_BENCH_LARGE") else [])
    org_mpxj = mpxj_or_none()
    tj3 = shutil.which("tj3")
    if tj3 is None:
        print("TaskJuggler skipped: tj3 is not installed (Debian package tj3)")
    progman_command = [sys.executable, "-m", "progman", "schedule", "--format", "json"]
    print("(wall seconds on the shared 2-core machine; ratios: the peer's time / progman's)")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            work = plan(size)
            yaml_file, xml_file, tjp_file = (Path(folder) / f"plan{ext}" for ext in EXTENSIONS)
            yaml_file.write_text(as_yaml(work), encoding="utf-8")
            data = as_mspdi(work)
            xml_file.write_bytes(data)
            tjp_file.write_text(as_tjp(work), encoding="utf-8")
            whole = min(run([*progman_command, str(yaml_file)]) for _ in range(3))
            inside = best(partial(schedule_file, yaml_file))
            print(
                f"\n{size:,} tasks: progman schedule process {whole:.2f} s, in process "
                f"{inside:.2f} s; finish {schedule(load(yaml_file)).finish}"
            )
            mine_read = best(partial(read_mspdi, data))
            if org_mpxj is not None:
                finish = mpxj_schedule(org_mpxj, xml_file)  # warm-up, not counted
                theirs = best(partial(mpxj_schedule, org_mpxj, xml_file))
                print(
                    f"  MPXJ read + MicrosoftScheduler (warm JVM): {theirs:.2f} s = "
                    f"{theirs / inside:.1f}x progman in process; finish {finish}"
                )
                reader = org_mpxj.mspdi.MSPDIReader()
                reader.read(str(xml_file))  # warm-up
                their_read = best(partial(reader.read, str(xml_file)))
                print(
                    f"  MSPDI reading: progman {mine_read:.2f} s, MPXJ {their_read:.2f} s "
                    f"(progman {mine_read / their_read:.1f}x MPXJ's time)"
                )
            else:
                print(f"  MSPDI reading: progman {mine_read:.2f} s")
            if tj3 is not None and size <= TJ3_LIMIT:
                theirs = run([tj3, "--silent", "-o", folder, str(tjp_file)])
                rows = (Path(folder) / "finish.csv").read_text(encoding="utf-8").splitlines()
                finish = max(row.split(";")[1].strip('"') for row in rows[1:])
                print(
                    f"  TaskJuggler tj3 process: {theirs:.2f} s = "
                    f"{theirs / whole:.1f}x progman's process; finish {finish}"
                )


EXTENSIONS = (".yaml", ".xml", ".tjp")


if __name__ == "__main__":
    main()
