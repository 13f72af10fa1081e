"""External oracle: the 480 PSPLIB j30 networks. The scheduled finish, counted in
working days from the start, must equal each file's MPM-Time (its critical path
length ignoring resources). Skips where `../shared` is absent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import progman
from progman import Milestone, Programme, Project, Task
from progman.schedule import WorkingCalendar

J30 = Path(__file__).resolve().parents[2].parent / "shared" / "oracles" / "psplib" / "j30"
FILES = sorted(J30.glob("*.sm")) if J30.is_dir() else []
# Start just before Christmas so the counts cross bank holidays and a year end.
START = date(2012, 12, 17)


def read_sm(path: Path) -> tuple[int, dict[int, int], dict[int, list[int]]]:
    """(MPM-Time, job -> duration, job -> successors) from a PSPLIB .sm file."""
    lines = path.read_text().splitlines()
    section = ""
    mpm = -1
    durations: dict[int, int] = {}
    successors: dict[int, list[int]] = {}
    for line in lines:
        if line.startswith("PROJECT INFORMATION"):
            section = "info"
            continue
        if line.startswith("PRECEDENCE RELATIONS"):
            section = "precedence"
            continue
        if line.startswith("REQUESTS/DURATIONS"):
            section = "durations"
            continue
        if line.startswith(("*", "RESOURCEAVAILABILITIES")):
            section = "" if line.startswith("R") else section
            continue
        fields = line.split()
        if not fields or not fields[0].isdigit():
            continue
        if section == "info":
            mpm = int(fields[-1])
        elif section == "precedence":
            successors[int(fields[0])] = [int(f) for f in fields[3:]]
        elif section == "durations":
            durations[int(fields[0])] = int(fields[2])
    return mpm, durations, successors


def as_programme(durations: dict[int, int], successors: dict[int, list[int]]) -> Programme:
    predecessors: dict[int, list[str]] = {job: [] for job in durations}
    for job, nexts in successors.items():
        for succ in nexts:
            predecessors[succ].append(f"j{job}")
    tasks = []
    milestones = []
    for job, duration in durations.items():
        if duration == 0:
            milestones.append(
                Milestone(id=f"j{job}", name=f"Job {job}", depends_on=predecessors[job])
            )
        else:
            tasks.append(
                Task(
                    id=f"j{job}", name=f"Job {job}", duration=duration, depends_on=predecessors[job]
                )
            )
    return Programme(
        id="psplib",
        name="PSPLIB",
        start=START,
        projects=[Project(id="p", name="P", tasks=tasks, milestones=milestones)],
    )


@pytest.mark.skipif(not FILES, reason="../shared/oracles/psplib/j30 is not present")
def test_psplib_j30_finish_equals_mpm_time() -> None:
    assert len(FILES) == 480
    calendar = WorkingCalendar(first_year=2012)
    wrong = []
    for path in FILES:
        mpm, durations, successors = read_sm(path)
        plan = progman.schedule(as_programme(durations, successors))
        assert plan.finish is not None
        # the sink is a milestone shown on the last working day
        days = calendar.working_days_between(START, plan.finish)
        if days != mpm:
            wrong.append((path.name, mpm, days))
        assert all(row.total_float is not None and row.total_float >= 0 for row in plan)
    assert wrong == []
