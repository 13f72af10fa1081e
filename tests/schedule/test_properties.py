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


@st.composite
def wide_dags(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, str, int]]]:
    """Up to 60 nodes with up to 5 predecessors each: levels wide enough that the batched
    passes take links slot by slot, and busy nodes that send the rest to a tail."""
    n = draw(st.integers(1, 60))
    links = []
    for succ in range(1, n):
        preds = draw(st.lists(st.integers(0, succ - 1), max_size=5, unique=True))
        for pred in preds:
            links.append((pred, succ, draw(st.sampled_from(LINKS)), draw(st.integers(-4, 6))))
    if n > 12 and draw(st.booleans()):  # a hub gathering every other node, as a summary does
        links += [
            (pred, n - 1, "FS", 0)
            for pred in range(n - 1)
            if (pred, n - 1) not in {(a, b) for a, b, _, _ in links}
        ]
    return n, links


@given(
    wide_dags(),
    st.integers(0, 2**32 - 1),
    st.booleans(),
    st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_many_runs_at_once_equal_each_run_alone(
    dag: tuple[int, list[tuple[int, int, str, int]]], seed: int, minimum: bool, pinned: bool
) -> None:
    # The Monte Carlo passes over an (n, runs) array take a different route through the
    # links (slot by slot, int32) from the single-run pass (reduceat): column by column
    # they must agree, with zero durations, summary-like minimum nodes and fixed nodes.
    n, links = dag
    rng = np.random.default_rng(seed)
    runs = 5
    durations = rng.integers(0, 6, size=(n, runs))
    has_pred = np.zeros(n, dtype=bool)
    has_pred[[b for _, b, _, _ in links]] = True
    mins = has_pred & (rng.random(n) < 0.3) if minimum else None
    fixed = (rng.random(n) < 0.2) if pinned else None
    floor = rng.integers(0, 4, size=n).astype(np.int64)
    fixed_start = 2 * rng.integers(0, 10, size=n) + 1
    fixed_finish = fixed_start + 2 * rng.integers(0, 5, size=n) - 1
    codes = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}

    def build(duration: np.ndarray) -> Network:
        return Network.build(
            duration,
            [link[0] for link in links],
            [link[1] for link in links],
            [codes[link[2]] for link in links],
            [link[3] for link in links],
            minimum=mins,
        )

    kwargs = {}
    if fixed is not None:
        kwargs = {"fixed": fixed, "fixed_start_v": fixed_start, "fixed_finish_v": fixed_finish}
    batch = forward(build(durations), floor, **kwargs)  # type: ignore[arg-type]
    cap = batch.finish.max(axis=0)
    late = backward(build(durations), batch, np.broadcast_to(cap, (n, runs)).copy(), fixed=fixed)
    for run in range(runs):
        net = build(durations[:, run])
        alone = forward(net, floor, **kwargs)  # type: ignore[arg-type]
        assert batch.start_v[:, run].tolist() == alone.start_v.tolist()
        assert batch.finish_v[:, run].tolist() == alone.finish_v.tolist()
        one_late = backward(net, alone, np.full(n, cap[run], dtype=np.int64), fixed=fixed)
        assert late.start[:, run].tolist() == one_late.start.tolist()
        assert late.finish[:, run].tolist() == one_late.finish.tolist()


def test_many_runs_match_clock_times() -> None:
    # Against the independent clock-time oracle, with a level of 12 nodes of 3 links each
    # (taken slot by slot) and a node gathering 12 (the rest in the tail).
    links = [
        (a, 12 + b, ["FS", "SS", "FF", "SF"][(a + b) % 4], (a * b) % 5 - 1)
        for b in range(12)
        for a in range(12)
        if (a + b) % 4 == 0 or a == b
    ]
    links += [(12 + b, 24, "FS", b % 3) for b in range(12)]
    rng = np.random.default_rng(7)
    durations = rng.integers(0, 5, size=(25, 8))
    net = Network.build(
        durations,
        [a for a, _, _, _ in links],
        [b for _, b, _, _ in links],
        [{"FS": FS, "SS": SS, "FF": FF, "SF": SF}[k] for _, _, k, _ in links],
        [lag for _, _, _, lag in links],
    )
    early = forward(net, np.zeros(25, dtype=np.int64))
    for run in range(8):
        expected = clock_times(durations[:, run].tolist(), links)
        got = [
            ((int(s) >> 1, int(s) & 1), (int(f) >> 1, int(f) & 1))
            for s, f in zip(early.start_v[:, run], early.finish_v[:, run], strict=True)
        ]
        assert got == expected
