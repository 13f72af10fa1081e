"""Property tests on random DAGs, checked against an independent plain-Python pass."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import progman
from progman import Calendar, Dependency, Programme, Project, Task
from progman.schedule.cpm import FF, FS, SF, SS, Network, backward, forward

LINKS = ["FS", "SS", "FF", "SF"]


@st.composite
def dags(
    draw: st.DrawFn, min_duration: int = 0
) -> tuple[list[int], list[tuple[int, int, str, int]]]:
    """Durations and links (pred, succ, type, lag) with every link going forwards."""
    n = draw(st.integers(1, 14))
    durations = draw(st.lists(st.integers(min_duration, 9), min_size=n, max_size=n))
    links = []
    for succ in range(1, n):
        preds = draw(st.lists(st.integers(0, succ - 1), max_size=3, unique=True))
        for pred in preds:
            links.append((pred, succ, draw(st.sampled_from(LINKS)), draw(st.integers(-4, 6))))
    return durations, links


def longest_path(durations: list[int], links: list[tuple[int, int, str, int]]) -> list[int]:
    """Early starts by a plain dynamic programme in index order (every link goes forwards)."""
    start = [0] * len(durations)
    for succ in range(len(durations)):
        best = 0
        for pred, s, kind, lag in links:
            if s != succ:
                continue
            pred_start, pred_finish = start[pred], start[pred] + durations[pred]
            if kind == "FS":
                best = max(best, pred_finish + lag)
            elif kind == "SS":
                best = max(best, pred_start + lag)
            elif kind == "FF":
                best = max(best, pred_finish + lag - durations[succ])
            else:
                best = max(best, pred_start + lag - durations[succ])
        start[succ] = best
    return start


def network(durations: list[int], links: list[tuple[int, int, str, int]]) -> Network:
    codes = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}
    return Network.build(
        durations,
        [link[0] for link in links],
        [link[1] for link in links],
        [codes[link[2]] for link in links],
        [link[3] for link in links],
    )


@given(dags())
@settings(max_examples=300, deadline=None)
def test_engine_matches_longest_path_and_floats_are_sound(
    dag: tuple[list[int], list[tuple[int, int, str, int]]],
) -> None:
    durations, links = dag
    net = network(durations, links)
    early = forward(net, np.zeros(len(durations), dtype=np.int64))
    expected = longest_path(durations, links)
    assert early.start.tolist() == expected
    finish = max(s + d for s, d in zip(expected, durations, strict=True))
    assert int(early.finish.max()) == finish
    late = backward(net, early, np.full(len(durations), finish, dtype=np.int64))
    total = late.start - early.start
    assert (total >= 0).all()  # no constraints: never negative
    assert (late.finish >= early.finish).all()
    # some chain of zero-float items reaches the finish
    assert any(total[i] == 0 and early.finish[i] == finish for i in range(len(durations)))


def programme_of(durations: list[int], links: list[tuple[int, int, str, int]]) -> Programme:
    tasks = [Task(id=f"t{i}", name=f"T{i}", duration=d) for i, d in enumerate(durations)]
    for pred, succ, kind, lag in links:
        tasks[succ].depends_on.append(Dependency(on=f"t{pred}", type=kind, lag=lag))
    return Programme(
        id="p",
        name="P",
        start="2013-01-07",
        # every day worked: a boundary is a count of days, so the test needs no calendar
        calendars=[
            Calendar(region="none", working_days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        ],
        projects=[Project(id="x", name="X", tasks=tasks)],
    )


START = date(2013, 1, 7)


@given(dags(min_duration=1))
@settings(max_examples=100, deadline=None)
def test_public_schedule_respects_every_link(
    dag: tuple[list[int], list[tuple[int, int, str, int]]],
) -> None:
    durations, links = dag
    plan = progman.schedule(programme_of(durations, links))
    start = {i: (plan[f"t{i}"].early_start - START).days for i in range(len(durations))}
    finish = {i: (plan[f"t{i}"].early_finish - START).days + 1 for i in range(len(durations))}
    for pred, succ, kind, lag in links:
        if kind == "FS":
            assert start[succ] >= finish[pred] + lag
        elif kind == "SS":
            assert start[succ] >= start[pred] + lag
        elif kind == "FF":
            assert finish[succ] >= finish[pred] + lag
        else:
            assert finish[succ] >= start[pred] + lag
    assert all(start[i] >= 0 for i in start)
    expected = longest_path(durations, links)
    assert plan.finish == START + timedelta(
        days=max(s + d for s, d in zip(expected, durations, strict=True)) - 1
    )
    for row in plan:
        assert row.total_float is not None
        assert row.total_float >= 0
        assert row.late_start is not None
        assert row.early_start is not None
        assert row.late_start >= row.early_start
    for path in plan.critical_paths:
        assert all(plan[i].total_float == 0 for i in path)
    assert plan.critical_path


def clock_times(
    durations: list[int], links: list[tuple[int, int, str, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Start and finish of each item as (boundary, side) pairs, compared as tuples.

    Side 0 is the end of the day before the boundary (5 pm), side 1 the start of
    the day at it (8 am), as Microsoft Project keeps clock times. Written
    independently of the engine's doubled integers.
    """
    times: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for succ, duration in enumerate(durations):
        need_start = [(0, 1)]  # the project start, 8 am on day 0
        need_finish = []
        for pred, s, kind, lag in links:
            if s != succ:
                continue
            start, finish = times[pred]
            base = finish if kind in ("FS", "FF") else start
            moved = (base[0] + lag, base[1])
            (need_finish if kind in ("FF", "SF") else need_start).append(moved)
        if duration == 0:
            at = max(need_start + need_finish)
            times.append((at, at))
        else:
            first = max([b for b, _ in need_start] + [b - duration for b, _ in need_finish])
            times.append(((first, 1), (first + duration, 0)))
    return times


@given(dags())
@settings(max_examples=300, deadline=None)
def test_milestone_sides_match_clock_times(
    dag: tuple[list[int], list[tuple[int, int, str, int]]],
) -> None:
    durations, links = dag
    early = forward(network(durations, links), np.zeros(len(durations), dtype=np.int64))
    expected = clock_times(durations, links)
    got = [
        ((int(s) >> 1, int(s) & 1), (int(f) >> 1, int(f) & 1))
        for s, f in zip(early.start_v, early.finish_v, strict=True)
    ]
    assert got == expected


@given(dags(), st.lists(st.booleans(), min_size=14, max_size=14))
@settings(max_examples=60, deadline=None)
def test_links_between_identical_calendars_change_nothing(
    dag: tuple[list[int], list[tuple[int, int, str, int]]], side: list[bool]
) -> None:
    # The same plan split over two projects whose calendars are equal (but distinct ids)
    # must schedule exactly as in one project: crossings between them are the identity.
    durations, links = dag
    tasks = [Task(id=f"t{i}", name=f"T{i}", duration=d) for i, d in enumerate(durations)]
    for pred, succ, kind, lag in links:
        tasks[succ].depends_on.append(Dependency(on=f"t{pred}", type=kind, lag=lag))
    start = "2012-12-17"  # across Christmas and New Year
    together = Programme(
        id="p", name="P", start=start, projects=[Project(id="x", name="X", tasks=tasks)]
    )
    split = Programme(
        id="p",
        name="P",
        start=start,
        calendars=[Calendar(), Calendar(id="twin")],
        projects=[
            Project(id="x", name="X", tasks=[t for i, t in enumerate(tasks) if side[i]]),
            Project(
                id="y",
                name="Y",
                calendar="twin",
                tasks=[t for i, t in enumerate(tasks) if not side[i]],
            ),
        ],
    )
    one, two = progman.schedule(together), progman.schedule(split)
    for i in range(len(durations)):
        a, b = one[f"t{i}"], two[f"t{i}"]
        assert (a.early_start, a.early_finish, a.late_start, a.late_finish) == (
            b.early_start,
            b.early_finish,
            b.late_start,
            b.late_finish,
        )
        assert (a.total_float, a.free_float) == (b.total_float, b.free_float)
