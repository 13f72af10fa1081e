"""The batched passes of the critical-path engine: many runs at once (Monte Carlo).

`forward` and `backward` take durations of shape ``(n, runs)``, one column per run of
a risk analysis, and take another route through the links than a single run (slot by
slot, in 32 bits where the values fit). Each run must be scheduled exactly as it would
be alone. Checked two ways: against hand counts (boundaries as in
tests/schedule/test_cpm_meaning.py: a task of duration D starting at s finishes at
s + D), and column by column against the single-run passes, which are themselves checked
against hand counts and independent implementations (test_cpm_meaning.py,
test_properties.py: a plain longest path, MS Project clock times, networkx). The
networks are small and fixed so that these tests stay fast.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from progman.schedule.cpm import (
    FF,
    FS,
    LATEST,
    NEVER,
    SF,
    SS,
    Backward,
    Early,
    Network,
    backward,
    forward,
)

Link = tuple[int, int, int, int]
"""(predecessor, successor, link type, lag)."""


def build(duration: Any, links: list[Link], **options: Any) -> Network:
    src, dst, kind, lag = (list(x) for x in zip(*links, strict=True)) if links else ([],) * 4
    return Network.build(duration, src, dst, kind, lag, **options)


def columns(
    duration: list[list[int]],
    links: list[Link],
    *,
    floor: list[int] | None = None,
    cap: Any = 20,
    minimum: list[int] = (),  # type: ignore[assignment]
    fixed: list[int] | None = None,
    **forward_options: Any,
) -> tuple[Early, Backward]:
    """Both passes over many runs: `duration[i]` lists node i's duration in each run."""
    n = len(duration)
    minimum_nodes = [i in minimum for i in range(n)]
    net = build(np.asarray(duration, dtype=np.int64), links, minimum=minimum_nodes)
    pinned = None if fixed is None else np.asarray([i in fixed for i in range(n)])
    if pinned is not None:
        forward_options["fixed"] = pinned
    floors = np.asarray(floor if floor is not None else [0] * n, dtype=np.int64)
    early = forward(net, floors, **forward_options)
    caps = np.broadcast_to(np.asarray(cap, dtype=np.int64), (n,)) if np.ndim(cap) < 2 else cap
    late = backward(net, early, np.asarray(caps, dtype=np.int64), fixed=pinned)
    return early, late


def rows(values: Any) -> list[list[int]]:
    """Per run, the values of every node (the transpose of an ``(n, runs)`` array)."""
    return np.asarray(values).T.tolist()  # type: ignore[no-any-return]


# --- hand counts --------------------------------------------------------------------------


ALL_TYPES = [(0, 1, FS, 1), (0, 2, SS, 2), (0, 3, FF, -1), (0, 4, SF, 3)]
"""A (0) is followed by B (1, 2 days) FS+1, C (2, 3 days) SS+2, D (3, 2 days) FF-1 and
E (4, 2 days) SF+3."""


def test_each_run_moves_the_successors_by_its_own_durations() -> None:
    # A lasts 4 in run 0 and 6 in run 1 (test_cpm_meaning counts run 0).
    # Run 0: A 0-4; B FS+1 5-7; C SS+2 2-5; D FF-1 finishes 3, 1-3; E SF+3 finishes 3, 1-3.
    # Run 1: A 0-6; B 7-9; C 2-5; D finishes 6 - 1 = 5, 3-5; E finishes 0 + 3, 1-3.
    # Late (finish 20), A must finish by: run 0 min(LS B 18 - 1, LS C 17 - 2 + 4,
    # LF D 20 + 1, LF E 20 - 3 + 4) = 17; run 1 min(17, 17 - 2 + 6, 21, 20 - 3 + 6) = 17.
    early, late = columns([[4, 6], [2, 2], [3, 3], [2, 2], [2, 2]], ALL_TYPES)
    assert rows(early.start) == [[0, 5, 2, 1, 1], [0, 7, 2, 3, 1]]
    assert rows(early.finish) == [[4, 7, 5, 3, 3], [6, 9, 5, 5, 3]]
    assert rows(late.finish) == [[17, 20, 20, 20, 20], [17, 20, 20, 20, 20]]
    assert rows(late.start) == [[13, 18, 17, 18, 18], [11, 18, 17, 18, 18]]
    # whole working days, as in a single run
    assert early.start.dtype.kind == late.start.dtype.kind == late.finish.dtype.kind == "i"


def test_each_run_works_back_through_each_link_type_by_its_own_durations() -> None:
    # One link at a time from A (0, 4 days) to B (1) then B -> C (2, 5 days) FS: C is
    # 15-20 late. B lasts 2 in run 0 and 4 in run 1: LS(B) 13 and 11 (LF 15).
    # FS+1: A finishes by LS(B) - 1; SS+2: starts by LS(B) - 2; FF-1: finishes by
    # LF(B) + 1 = 16; SF+3: starts by LF(B) - 3 = 12.
    expected = {
        FS: ([12, 10], [8, 6]),
        SS: ([13 - 2 + 4, 11 - 2 + 4], [11, 9]),
        FF: ([16, 16], [12, 12]),
        SF: ([16, 16], [12, 12]),
    }
    for link, (finish, start) in expected.items():
        lag = {FS: 1, SS: 2, FF: -1, SF: 3}[link]
        _, late = columns([[4, 4], [2, 4], [5, 5]], [(0, 1, link, lag), (1, 2, FS, 0)])
        assert late.finish[0].tolist() == finish, link
        assert late.start[0].tolist() == start, link
        assert late.finish[1].tolist() == [15, 15]


def test_in_each_run_a_milestone_keeps_its_drivers_side_and_a_task_starts_its_day() -> None:
    # A (0) 2 days, 0-2. B (1) FS after A is a 1-day task in run 0 and a milestone in run 1:
    # run 0 starts at the start of day 2 (2*2 + 1 = 5) and ends at the end of day 2
    # (2*3 = 6); run 1 sits at the end of A's last day (2*2 = 4). C (2) SS after A is a
    # milestone in both runs: the start of day 0 (1). D (3) FS after A lasts 3 in both.
    early, _ = columns(
        [[2, 2], [1, 0], [0, 0], [3, 3]], [(0, 1, FS, 0), (0, 2, SS, 0), (0, 3, FS, 0)]
    )
    assert rows(early.start_v) == [[1, 5, 1, 5], [1, 4, 1, 5]]
    assert rows(early.finish_v) == [[4, 6, 1, 10], [4, 4, 1, 10]]


def test_a_milestone_in_every_run_keeps_its_drivers_side() -> None:
    # A (0) 2 days; M (1) a milestone FS after A: the end of day 1, 2*2 + 0 = 4, in both
    # runs; T (2) 1 day FS after A: 5-6 in both.
    early, _ = columns([[2, 2], [0, 0], [1, 1]], [(0, 1, FS, 0), (0, 2, FS, 0)])
    assert rows(early.start_v) == [[1, 4, 5], [1, 4, 5]]
    assert rows(early.finish_v) == [[4, 4, 6], [4, 4, 6]]


def test_in_each_run_a_summary_start_binds_only_the_member_that_set_it_in_that_run() -> None:
    # P (0) lasts 1 in run 0 and 6 in run 1, then A (1) 2 days FS. B (2) 4 days floored at
    # 3. S (3), a summary start (minimum) of A and B (SS); X (4) 5 days SS from S.
    # Run 0: A 1-3 sets S's start, 1; X 1-6. Run 1: A 6-8, B (3) sets it; X 3-8.
    # Late (finish 20): X 15-20, S at 15. Run 0: A bound, must finish by 15 + 2 = 17; B
    # free, 20. Run 1: B bound, 15 + 4 = 19; A free, 20. P must finish by A's late start:
    # 15 in run 0, 18 in run 1.
    early, late = columns(
        [[1, 6], [2, 2], [4, 4], [0, 0], [5, 5]],
        [(0, 1, FS, 0), (1, 3, SS, 0), (2, 3, SS, 0), (3, 4, SS, 0)],
        floor=[0, 0, 3, 0, 0],
        minimum=[3],
    )
    assert rows(early.start) == [[0, 1, 3, 1, 1], [0, 6, 3, 3, 3]]
    assert rows(early.finish) == [[1, 3, 7, 1, 6], [6, 8, 7, 3, 8]]
    assert rows(late.finish) == [[15, 17, 20, 15, 20], [18, 20, 19, 15, 20]]
    assert rows(late.start) == [[14, 15, 16, 15, 15], [12, 18, 15, 15, 15]]


def test_finished_work_keeps_its_actual_dates_in_every_run() -> None:
    # A (0) 2 days -> B (1) finished, actually 5-7 -> C (2) 1 day, and Z (3) 1 day after A
    # and before C. In every run B keeps 5-7 whatever A says (A lasts 2 or 6), and C
    # follows: 7-8. Z: 2-3 or 6-7. Late (finish 20): C 19-20, B keeps 5-7, A by 5.
    early, late = columns(
        [[2, 6], [2, 2], [1, 1], [1, 1]],
        [(0, 1, FS, 0), (1, 2, FS, 0), (0, 3, FS, 0), (3, 2, FS, 0)],
        fixed=[1],
        fixed_start_v=np.asarray([0, 2 * 5 + 1, 0, 0]),
        fixed_finish_v=np.asarray([0, 2 * 7, 0, 0]),
    )
    assert rows(early.start) == [[0, 5, 7, 2], [0, 5, 7, 6]]
    assert rows(early.finish) == [[2, 7, 8, 3], [6, 7, 8, 7]]
    assert rows(late.start) == [[3, 5, 19, 18], [-1, 5, 19, 18]]
    assert rows(late.finish) == [[5, 7, 20, 19], [5, 7, 20, 19]]


def test_started_work_can_finish_on_a_different_day_in_each_run() -> None:
    # Risk analysis moves started work's finish run by run. B (1) started at 5; it finishes
    # at 7 in run 0 and 9 in run 1, and C (2) 1 day follows: 7-8 and 9-10.
    early, late = columns(
        [[2, 2], [2, 4], [1, 1]],
        [(0, 1, FS, 0), (1, 2, FS, 0)],
        fixed=[1],
        fixed_start_v=np.asarray([0, 11, 0]),
        fixed_finish_v=np.asarray([[0, 0], [14, 18], [0, 0]]),
    )
    assert rows(early.start) == [[0, 5, 7], [0, 5, 9]]
    assert rows(early.finish) == [[2, 7, 8], [2, 9, 10]]
    assert rows(late.finish) == [[5, 7, 20], [5, 9, 20]]


def test_a_delay_moves_its_node_in_every_run_or_in_its_own_run() -> None:
    # A (0) 2 days -> B (1) 3 days FS -> C (2) milestone FS.
    # Shared delay of B, 4 days: B 6-9 in both runs, C at 9.
    chain = [(0, 1, FS, 0), (1, 2, FS, 0)]
    early, _ = columns([[2, 2], [3, 3], [0, 0]], chain, delay=np.asarray([0, 4, 0]))
    assert rows(early.start) == [[0, 6, 9], [0, 6, 9]]
    # Per run: B delayed 0 in run 0 (2-5), 4 in run 1 (6-9); A delayed 1 in run 1 only
    # (1-3, so B 3 + 4 = 7, 7-10).
    per_run = np.asarray([[0, 1], [0, 4], [0, 0]])
    early, _ = columns([[2, 2], [3, 3], [0, 0]], chain, delay=per_run)
    assert rows(early.start) == [[0, 2, 5], [1, 7, 10]]
    assert rows(early.finish) == [[2, 5, 5], [3, 10, 10]]


def test_each_run_can_have_its_own_programme_finish() -> None:
    # A (0) 3 days -> B (1) 2 days FS. Finish 10 in run 0 and 12 in run 1:
    # B 8-10 and 10-12; A must finish by 8 and 10.
    cap = np.asarray([[10, 12], [10, 12]])
    _, late = columns([[3, 3], [2, 2]], [(0, 1, FS, 0)], cap=cap)
    assert rows(late.start) == [[5, 8], [7, 10]]
    assert rows(late.finish) == [[8, 10], [10, 12]]
    # A deadline on A alone (9, shared by the runs) binds before B's late start (10).
    _, late = columns([[3, 3], [2, 2]], [(0, 1, FS, 0)], cap=[9, 12])
    assert rows(late.finish) == [[9, 12], [9, 12]]


def test_no_floor_lets_a_node_start_before_the_project_in_every_run() -> None:
    # B (1) SS-3 from A (0, floored at 5), with no floor of its own: starts at 2.
    # C (2) SS-7 from A: starts at -2, before any project start.
    early, _ = columns(
        [[2, 2], [1, 3], [1, 1]], [(0, 1, SS, -3), (0, 2, SS, -7)], floor=[5, NEVER, NEVER]
    )
    assert rows(early.start) == [[5, 2, -2], [5, 2, -2]]
    assert rows(early.finish) == [[7, 3, -1], [7, 5, -1]]


TABLE = [1, 3, 4, 5, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]
"""Boundary b of the predecessor's calendar is boundary TABLE[b] of the successor's."""


def test_each_run_carries_its_dates_across_calendars() -> None:
    # A (0) lasts 2 in run 0 and 4 in run 1. B (1) 2 days FS across TABLE, floored at 6:
    # A's finish 2 is 4 there, so 6 (the floor); 4 is 8, so 8. M (2) a milestone SS+1
    # across: TABLE[0] + 1 = 2, the start of day 2 (5). C (3) 1 day FS, same calendar:
    # 2 or 4. D (4) 1 day FS across a table adding 1: 3 or 5.
    # Late (finish 20): B starts by 18: the latest A finish landing no later is 12
    # (TABLE[12] = 18); M by 20 - 1 = 19 = TABLE[13], A's start by 13, its finish by
    # 13 + 2 = 15 or 13 + 4 = 17; C by 19. E (5), 1 day FS from D across TABLE: D's
    # finish 4 or 6 is 8 or 10 there. E starts by 19, so D finishes by 13 (TABLE[13] = 19)
    # and starts by 12: 11 back across. A must finish by min(12, 15 or 17, 19, 11) = 11.
    net = build(
        np.asarray([[2, 4], [2, 2], [0, 0], [1, 1], [1, 1], [1, 1]]),
        [(0, 1, FS, 0), (0, 2, SS, 1), (0, 3, FS, 0), (0, 4, FS, 0), (4, 5, FS, 0)],
        crossing=[0, 0, -1, 1, 0],
        tables=[np.asarray(TABLE), np.arange(1, 18)],
    )
    early = forward(net, np.asarray([0, 6, 0, 0, 0, 0]))
    assert rows(early.start) == [[0, 6, 2, 2, 3, 8], [0, 8, 2, 4, 5, 10]]
    assert early.start_v[2].tolist() == [5, 5]
    late = backward(net, early, np.full(6, 20))
    assert rows(late.finish) == [[11, 20, 20, 20, 13, 20], [11, 20, 20, 20, 13, 20]]
    assert rows(late.start) == [[9, 18, 20, 19, 12, 19], [7, 18, 20, 19, 12, 19]]


@pytest.mark.parametrize(
    "huge", ["floor", "duration", "chain", "lag", "lead", "delay", "fixed", "started", "finishing"]
)
def test_dates_too_far_out_for_32_bits_are_still_exact(huge: str) -> None:
    # The runs are worked in 32 bits when every value fits, else in 64: a date 2**31
    # working days out, however it arises, must come out exact. A (0) 3 days -> B (1)
    # 2 days FS+lag -> C (2) 1 day FS; X = 2**31. S (3) is the summary start of A and B
    # (SS from each, the earlier: A's), and T (4), 1 day, starts with S (SS).
    x = 2**31
    duration = [[3, 3], [2, 2], [1, 1], [0, 0], [1, 1]]
    links = [(0, 1, FS, 0), (1, 2, FS, 0), (0, 3, SS, 0), (1, 3, SS, 0), (3, 4, SS, 0)]
    floor, options = [0, 0, 0, 0, 0], {}
    if huge == "floor":  # A floored at X: X, X + 3, X + 5
        floor = [x, 0, 0, 0, 0]
        expected = [x, x + 3, x + 5]
    elif huge == "duration":  # A lasts X: B at X, C at X + 2
        duration[0] = [x, x]
        expected = [0, x, x + 2]
    elif huge == "chain":  # 8 tasks of X / 8 days before A: none long, together X
        duration = [[x // 8] * 2] * 8 + duration
        links = [(i, i + 1, FS, 0) for i in range(8)] + [(a + 8, b + 8, *k) for a, b, *k in links]
        floor = [0] * 8 + floor
        expected = [x, x + 3, x + 5]
    elif huge == "lag":  # B X days after A's finish
        links[0] = (0, 1, FS, x)
        expected = [0, x + 3, x + 5]
    elif huge == "lead":  # B X days before A's finish, floored nowhere: 3 - X
        links[0] = (0, 1, FS, -x)
        floor = [0, NEVER, NEVER, NEVER, NEVER]
        expected = [0, 3 - x, 5 - x]
    elif huge == "delay":  # B delayed X days
        options = {"delay": np.asarray([0, x, 0, 0, 0])}
        expected = [0, x + 3, x + 5]
    else:  # A's actual dates (planned 3 days): X to X + 3, -X to 3, or 0 to X + 3
        start, finish = {"fixed": (x, x + 3), "started": (-x, 3), "finishing": (0, x + 3)}[huge]
        options = {
            "fixed": np.asarray([True, False, False, False, False]),
            "fixed_start_v": np.asarray([2 * start + 1, 0, 0, 0, 0]),
            "fixed_finish_v": np.asarray([2 * finish, 0, 0, 0, 0]),
        }
        expected = [start, finish, finish + 2]
    n = len(duration)
    net = build(np.asarray(duration), links, minimum=[i == n - 2 for i in range(n)])
    early = forward(net, np.asarray(floor), **options)
    a = len(duration) - 5  # A's node
    assert rows(early.start[a : a + 3]) == [expected, expected]
    # Late, finishing the day C does: C and B have no float; T floats to the finish,
    # and B, which did not set S's start, is not bound by T.
    finish = expected[2] + 1
    fixed = options.get("fixed")
    if fixed is not None:
        fixed = np.concatenate([np.zeros(len(duration) - 5, dtype=bool), fixed])
    late = backward(net, early, np.full(len(duration), finish), fixed=fixed)
    assert late.start[a + 2].tolist() == [expected[2], expected[2]]
    assert late.start[a + 1].tolist() == [expected[1], expected[1]]
    assert late.finish[a + 4].tolist() == [finish, finish]


def test_an_empty_network_has_no_dates_in_any_run() -> None:
    net = Network.build(np.zeros((0, 3), dtype=np.int64), [], [], [], [])
    early = forward(net, np.zeros(0, dtype=np.int64))
    assert early.start.shape == (0, 3)
    late = backward(net, early, np.zeros(0, dtype=np.int64))
    assert late.finish.shape == (0, 3)


def test_side_says_whether_a_finish_is_at_the_start_of_its_day() -> None:
    # A (0) 2 days finishes at the end of day 1 (side 0); M (1), a milestone SS after A,
    # sits at the start of day 0 (side 1); N (2), a milestone FS after A, at the end of
    # day 1 (side 0). In one run and in many.
    links = [(0, 1, SS, 0), (0, 2, FS, 0)]
    one = forward(build([2, 0, 0], links), np.zeros(3, dtype=np.int64))
    assert one.side.tolist() == [0, 1, 0]
    many = forward(build(np.asarray([[2, 2], [0, 0], [0, 0]]), links), np.zeros(3, dtype=np.int64))
    assert many.side.tolist() == [[0, 0], [1, 1], [0, 0]]


# --- column by column against the single-run passes ---------------------------------------


def layered(rng: np.random.Generator, widths: list[int], hub: int) -> tuple[int, list[Link]]:
    """A network whose generation k holds `widths[k]` nodes, each linked from 1 to 5
    earlier nodes (one in the generation before), and a last node gathering `hub` nodes."""
    links: list[Link] = []
    layers: list[list[int]] = []
    n = 0
    for k, width in enumerate(widths):
        layer = list(range(n, n + width))
        n += width
        for node in layer if k else []:
            earlier = [i for previous in layers for i in previous]
            preds = {int(rng.choice(layers[-1]))}
            preds |= set(rng.choice(earlier, size=int(rng.integers(0, 5)), replace=True).tolist())
            links += [(p, node, int(rng.integers(0, 4)), int(rng.integers(-4, 7))) for p in preds]
        layers.append(layer)
    if hub:
        links += [(int(p), n, FS, 0) for p in rng.choice(n, size=min(hub, n), replace=False)]
        n += 1
    return n, links


SHAPES = {
    # wide generations (taken slot by slot), generations of one node, a summary-like hub
    # gathering more links than any other node (its extra links go to the tail)
    "wide": ([10, 12, 1, 9, 1, 1, 14, 3], 20),
    "narrow": ([1, 1, 2, 1, 1, 1], 0),
    "mixed": ([3, 9, 1, 12, 2], 12),
}


OPTIONS = [
    "plain",
    "minimum",
    "fixed",
    "fixed-per-run",
    "delay",
    "delay-per-run",
    "crossing",
    "ceiling",
    "floor-close",
    "finish-bounds",
    "everything",
    "int32",
]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("options", OPTIONS)
def test_many_runs_are_each_scheduled_as_if_alone(shape: str, options: str) -> None:
    # Each run of a batch must get exactly the early and late dates the single-run passes
    # give its durations, with every option the risk analysis uses.
    widths, hub = SHAPES[shape]
    rng = np.random.default_rng(100 * list(SHAPES).index(shape) + OPTIONS.index(options))
    n, links = layered(rng, widths, hub)
    runs = 4
    duration = rng.integers(0, 6, size=(n, runs))
    duration[rng.random((n, runs)) < 0.15] = 0  # milestones in some runs only
    everything = options == "everything"
    has_pred = np.zeros(n, dtype=bool)
    has_pred[[b for _, b, _, _ in links]] = True
    minimum = has_pred & (rng.random(n) < 0.3) if options == "minimum" or everything else None
    floor = rng.integers(-2, 5, size=n)
    floor[has_pred & (rng.random(n) < 0.3)] = NEVER  # no floor: placed by its links alone
    kwargs: dict[str, Any] = {}
    fixed = None
    if options.startswith("fixed") or everything:
        fixed = rng.random(n) < 0.2
        start_v = 2 * rng.integers(0, 12, size=n) + 1
        if options == "fixed-per-run" or everything:
            finish_v = start_v[:, None] - 1 + 2 * rng.integers(0, 5, size=(n, runs))
        else:
            finish_v = start_v - 1 + 2 * rng.integers(0, 5, size=n)
        kwargs = {"fixed": fixed, "fixed_start_v": start_v, "fixed_finish_v": finish_v}
    if options.startswith("delay") or everything:
        per_run = options == "delay-per-run" or everything
        kwargs["delay"] = rng.integers(0, 4, size=(n, runs) if per_run else n)
    crossing, tables = None, ()
    if options == "crossing" or everything:
        # two calendars' worth of conversions, each a non-decreasing table
        tables = tuple(np.cumsum(rng.integers(0, 3, size=80)) - 6 for _ in range(2))
        crossing = rng.integers(-1, 2, size=len(links))
    if options == "floor-close" or everything:
        kwargs["floor_close"] = rng.random(n) < 0.4  # floors at the close of the day before
    if options == "ceiling" or everything:
        # no-later-than constraints on some nodes (either side of a day), none on the rest
        ceiling_v = rng.integers(0, 16, size=n)
        kwargs["ceiling_v"] = np.where(rng.random(n) < 0.3, ceiling_v, LATEST)
    if options == "finish-bounds" or everything:
        # finish no earlier / no later than on some nodes, each run counting its own
        # duration back; on some, no ceiling before a status date
        some = rng.random((3, n)) < 0.3
        kwargs["finish_floor_v"] = np.where(some[0], rng.integers(0, 24, size=n), 2 * NEVER)
        kwargs["finish_ceiling_v"] = np.where(some[1], rng.integers(0, 24, size=n), LATEST)
        kwargs["ceiling_least_v"] = np.where(some[2], rng.integers(0, 8, size=n), 2 * NEVER)
    dtype = np.int32 if options == "int32" else np.int64  # the risk analysis passes int32

    def network(duration: Any) -> Network:
        return build(duration, links, minimum=minimum, crossing=crossing, tables=tables)

    batch = forward(network(duration.astype(dtype)), floor, **kwargs)
    cap_per_run = batch.finish.max(axis=0) + rng.integers(0, 3, size=runs)
    cap = np.broadcast_to(cap_per_run, (n, runs)).copy()
    cap[rng.random(n) < 0.2] -= 2  # deadlines on some nodes
    late = backward(network(duration.astype(dtype)), batch, cap, fixed=fixed)
    for run in range(runs):
        alone = {k: (v[:, run] if np.ndim(v) == 2 else v) for k, v in kwargs.items()}
        net = network(duration[:, run])
        early = forward(net, floor, **alone)
        assert batch.start_v[:, run].tolist() == early.start_v.tolist(), run
        assert batch.finish_v[:, run].tolist() == early.finish_v.tolist(), run
        one = backward(net, early, cap[:, run].copy(), fixed=fixed)
        assert late.start[:, run].tolist() == one.start.tolist(), run
        assert late.finish[:, run].tolist() == one.finish.tolist(), run


def test_a_shared_programme_finish_is_the_same_for_every_run() -> None:
    # backward takes a cap per node, shared by the runs, as well as one per run.
    rng = np.random.default_rng(5)
    n, links = layered(rng, [4, 9, 1, 3], 10)
    duration = rng.integers(0, 6, size=(n, 3))
    net = build(duration, links)
    early = forward(net, np.zeros(n, dtype=np.int64))
    cap = np.full(n, int(early.finish.max()) + 1)
    shared = backward(net, early, cap)
    spread = backward(net, early, np.broadcast_to(cap[:, None], (n, 3)).copy())
    assert shared.start.tolist() == spread.start.tolist()
    for run in range(3):
        one = build(duration[:, run], links)
        alone = backward(one, forward(one, np.zeros(n, dtype=np.int64)), cap)
        assert shared.finish[:, run].tolist() == alone.finish.tolist()


def test_each_run_is_held_by_its_ceiling() -> None:
    # A (0) lasts 5 in run 0 and 2 in run 1 -> B (1) 2 days FS, no later than the opening
    # of day 3 (doubled 7), as Microsoft Project holds a start-no-later-than against its
    # links. Run 0: A 0-5, B held at 3-5. Run 1: A 0-2, B free at 2-4. C (2), a milestone
    # with no links, floored at 4 but no later than the close of day 1 (doubled 4): value 4.
    early, _ = columns(
        [[5, 2], [2, 2], [0, 0]],
        [(0, 1, FS, 0)],
        floor=[0, 0, 4],
        ceiling_v=np.asarray([LATEST, 7, 4], dtype=np.int64),
    )
    assert rows(early.start) == [[0, 3, 2], [0, 2, 2]]
    assert rows(early.finish) == [[5, 5, 2], [2, 4, 2]]
    assert rows(early.start_v)[0][2] == 4  # the close side


def batch_and_alone(duration: list[list[int]], links: list[Link], floor: list[int], **kw: Any):  # type: ignore[no-untyped-def]
    """The batched pass and, per run, the single pass: (starts_v, finishes_v) per run each."""
    net = build(np.asarray(duration, dtype=np.int64), links)
    floors = np.asarray(floor, dtype=np.int64)
    options = {k: np.asarray(v, dtype=np.int64) for k, v in kw.items()}
    batch = forward(net, floors, **options)
    alone = [
        forward(build(np.asarray(duration)[:, run], links), floors, **options)
        for run in range(len(duration[0]))
    ]
    return (
        (rows(batch.start_v), rows(batch.finish_v)),
        ([e.start_v.tolist() for e in alone], [e.finish_v.tolist() for e in alone]),
    )


def test_each_run_counts_its_own_duration_back_from_a_finish_floor() -> None:
    # X (0) must finish no earlier than boundary 10 (the close of day 9: doubled 20), with
    # no start floor (the finish takes the project start's place): 3 days start at 7
    # (doubled 15), a milestone sits at the close (20), 12 days start at -2 (doubled -3).
    # Y (1), the same but floored at 0 (doubled 1): 12 days start at 0 and finish at 12.
    batch, alone = batch_and_alone(
        [[3, 0, 12], [3, 0, 12]],
        [],
        [NEVER, 0],
        finish_floor_v=[20, 20],
    )
    starts = [[15, 15], [20, 20], [-3, 1]]
    finishes = [[20, 20], [20, 20], [20, 24]]
    assert batch == alone == (starts, finishes)


def test_each_run_counts_its_own_duration_back_from_a_finish_ceiling() -> None:
    # A (0) 5 days is followed FS by B, C and D. B (1) must finish by boundary 9 (doubled
    # 18): 2 days start after A at 5 (doubled 11; the ceiling 18 - 3 = 15 is later), 4 days
    # at 5 (ceiling 18 - 7 = 11), 8 days at 1 (ceiling 18 - 15 = 3: it wins over the link).
    # C (2) 1 day: start ceiling 3 (doubled 7) and a finish ceiling at 20 (40 - 1 = 39):
    # the earlier one holds it, starting at 3. D (3) 3 days must finish by 4 (doubled 8,
    # start 8 - 5 = 3) but no ceiling puts it before 2 (doubled 5): it starts at 2.
    # E (4), no links, floor 0, must finish by 5 (doubled 10): 2 days start at the floor,
    # 6 days at -1 (doubled 10 - 11 = -1).
    batch, alone = batch_and_alone(
        [[5, 5, 5], [2, 4, 8], [1, 1, 1], [3, 3, 3], [2, 6, 6]],
        [(0, 1, FS, 0), (0, 2, FS, 0), (0, 3, FS, 0)],
        [0, NEVER, NEVER, NEVER, 0],
        ceiling_v=[LATEST, LATEST, 7, LATEST, LATEST],
        finish_ceiling_v=[LATEST, 18, 40, 8, 10],
        ceiling_least_v=[2 * NEVER, 2 * NEVER, 2 * NEVER, 5, 2 * NEVER],
    )
    starts = [[1, 11, 7, 5, 1], [1, 11, 7, 5, -1], [1, 3, 7, 5, -1]]
    finishes = [[10, 14, 8, 10, 4], [10, 18, 8, 10, 10], [10, 18, 8, 10, 10]]
    assert batch == alone == (starts, finishes)


def test_a_far_finish_bound_takes_wider_values() -> None:
    # A finish floor at boundary 2**31 does not fit int32's doubled values: the runs take
    # int64 and start 1 day before it; a near one keeps int32 (half the memory traffic).
    far = forward(
        build(np.asarray([[1, 1]]), []),
        np.asarray([NEVER]),
        finish_floor_v=np.asarray([2**32]),
    )
    assert rows(far.start) == [[2**31 - 1], [2**31 - 1]]
    near = forward(
        build(np.asarray([[1, 1], [1, 1]]), []),
        np.asarray([NEVER, 0]),
        finish_floor_v=np.asarray([20, 2 * NEVER]),
        finish_ceiling_v=np.asarray([LATEST, 30]),
    )
    assert near.start_v.dtype == np.int32
    assert rows(near.start) == [[9, 0], [9, 0]]


def test_a_finish_floor_past_the_32_bit_sentinels_is_not_held_by_no_ceiling() -> None:
    # In 32 bits, "no ceiling" is held at the sentinel 2**29 (doubled); a finish floor
    # whose doubled value is beyond it must take 64 bits, or the absent ceiling would pull
    # the task back to it. X (0), 1 day, no start floor, finishes no earlier than doubled
    # 3 * 2**28 (the close of boundary 3 * 2**27) and has no finish ceiling (LATEST, as
    # the risk analysis passes for none): it starts 1 day before, at 3 * 2**27 - 1, and
    # finishes at 3 * 2**27, in each run.
    x = 3 * 2**27
    early = forward(
        build(np.asarray([[1, 1]]), []),
        np.asarray([NEVER]),
        finish_floor_v=np.asarray([2 * x]),
        finish_ceiling_v=np.asarray([LATEST]),
    )
    assert rows(early.start) == [[x - 1], [x - 1]]
    assert rows(early.finish) == [[x], [x]]
