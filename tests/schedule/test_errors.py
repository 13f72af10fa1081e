"""Bad plans give located findings, never a bare networkx exception."""

from __future__ import annotations

import pytest

import progman
from progman import Dependency, Milestone, Programme, Project, Stage, Task
from progman.findings import SourceLocation
from progman.io.locations import SourceMap, attach
from progman.schedule import ScheduleError, dependency_cycles


def looped() -> Programme:
    return Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(id="a", name="A", duration=1, depends_on=["c"]),
                    Task(id="b", name="B", duration=1, depends_on=["a"]),
                    Task(id="c", name="C", duration=1, depends_on=["other", "b"]),
                    Task(id="d", name="D", duration=1, depends_on=["c"]),
                    Task(id="other", name="Other", duration=2),
                ],
            )
        ],
    )


def test_cycle_is_spelled_out_and_located() -> None:
    programme = looped()
    source = SourceMap()
    source.add("projects[0].tasks[0].depends_on[0]", SourceLocation("otp.yaml", 14, 29))
    source.add("projects[0].tasks[1].depends_on[0]", SourceLocation("otp.yaml", 15, 29))
    attach(programme, source)
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    [finding] = caught.value.findings
    assert finding.code == "SCHED-CYCLE"
    assert finding.message == "dependency cycle: a -> b -> c -> a"
    assert finding.data["cycle"] == ["a", "b", "c", "a"]
    # the links of the cycle, each held by its successor
    assert finding.data["links"] == [
        "projects[0].tasks[1].depends_on[0]",
        "projects[0].tasks[2].depends_on[1]",
        "projects[0].tasks[0].depends_on[0]",
    ]
    assert finding.location == SourceLocation("otp.yaml", 15, 29)
    assert finding.data["locations"] == ["otp.yaml:15:29", None, "otp.yaml:14:29"]
    assert isinstance(caught.value, ValueError)


def test_two_separate_cycles_are_both_reported() -> None:
    programme = looped()
    programme.projects[0].tasks += [
        Task(id="e", name="E", duration=1, depends_on=["f"]),
        Task(id="f", name="F", duration=1, depends_on=["e"]),
    ]
    assert dependency_cycles(programme) == [["a", "b", "c", "a"], ["e", "f", "e"]]


def test_no_cycles() -> None:
    programme = looped()
    programme.projects[0].tasks[0].depends_on.clear()
    assert dependency_cycles(programme) == []


def test_task_depending_on_its_own_project_is_a_cycle() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(id="x", name="X", tasks=[Task(id="a", name="A", duration=1, depends_on=["x"])])
        ],
    )
    assert dependency_cycles(programme) == [["a", "x", "a"]]


def test_unknown_predecessor_with_did_you_mean() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="portal",
                name="Portal",
                tasks=[
                    Task(id="portal-build", name="Build", duration=4),
                    Task(id="portal-test", name="Test", duration=2, depends_on=["portal-biuld"]),
                ],
                milestones=[Milestone(id="live", name="Live", depends_on=["nowhere-near"])],
            )
        ],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    first, second = caught.value.findings  # all problems in one run
    assert first.code == second.code == "SCHED-UNKNOWN-REF"
    assert "did you mean 'portal-build'?" in first.message
    assert first.path == "projects[0].tasks[1].depends_on[0]"
    assert "did you mean" not in second.message


def test_unknown_calendar() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[Project(id="x", name="X", calendar="scotland")],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    assert [(f.code, f.subject) for f in caught.value.findings] == [("SCHED-UNKNOWN-CALENDAR", "x")]


def test_missing_start_date() -> None:
    programme = Programme(
        id="p",
        name="P",
        projects=[Project(id="x", name="X", tasks=[Task(id="a", name="A", duration=1)])],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    assert [f.code for f in caught.value.findings] == ["SCHED-NO-START"]


def test_duplicate_ids() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[Task(id="a", name="A", duration=1)],
                stages=[Stage(id="s", name="S", tasks=[Task(id="a", name="A2", duration=1)])],
            )
        ],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    assert [f.code for f in caught.value.findings] == ["SCHED-DUPLICATE-ID"]


def test_project_depending_on_itself() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[Project(id="x", name="X", depends_on=[Dependency(on="x")])],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    assert caught.value.findings[0].data["cycle"] == ["x", "x"]


def test_project_depending_on_its_own_task() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                depends_on=[Dependency(on="a")],
                tasks=[Task(id="a", name="A", duration=1)],
            )
        ],
    )
    assert dependency_cycles(programme) == [["a", "a"]]


def test_stage_id_clashing_with_a_task_id() -> None:
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                stages=[Stage(id="a", name="S", tasks=[Task(id="a", name="A", duration=1)])],
            )
        ],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    assert [f.code for f in caught.value.findings] == ["SCHED-DUPLICATE-ID"]


def test_every_broken_link_is_reported_when_suggestions_run_out() -> None:
    # "Did you mean" compares a broken link with every id; past a budget of comparisons
    # per schedule the rest are still reported, without the hint (was quadratic: hours).
    tasks = [Task(id=f"task-{i:04d}", name=f"T{i}", duration=1) for i in range(2_000)]
    tasks += [
        Task(id=f"late-{i}", name=f"L{i}", duration=1, depends_on=[f"task-{i:04d}x"])
        for i in range(5)
    ]
    programme = Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        projects=[Project(id="big", name="Big", tasks=tasks)],
    )
    with pytest.raises(ScheduleError) as caught:
        progman.schedule(programme)
    found = caught.value.findings
    assert [f.code for f in found] == ["SCHED-UNKNOWN-REF"] * 5
    assert [f.subject for f in found] == [f"late-{i}" for i in range(5)]
    assert "did you mean 'task-0000'?" in found[0].message  # within the budget
    assert "did you mean" not in found[-1].message  # 2,005 ids x 5 is past it
