"""The critical-path engine (progman.schedule.cpm) on small networks counted by hand.

Values are working-day boundaries, as the engine documents: a task of
duration D starting at boundary s finishes at s + D. Each test states the
count in its comments; none of the expected values was read off the engine.
Written for issue 19: the summary-start, free-float and link-slack cases that
mutation testing showed no test would notice going wrong.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pytest

from progman.schedule.cpm import (
    FF,
    FS,
    LATEST,
    NEVER,
    SF,
    SS,
    CycleFound,
    Network,
    backward,
    forward,
    free_float,
    link_slack,
)

HORIZON = 10**6
"""More working days than any programme has: a slack above it never binds."""


def passes(
    duration: list[int],
    links: list[tuple[int, int, int, int]],
    *,
    floor: list[int] | None = None,
    cap: int = 20,
    minimum: list[int] = (),  # type: ignore[assignment]
    virtual: list[int] = (),  # type: ignore[assignment]
    fixed: dict[int, tuple[int, int]] | None = None,
    crossing: list[int] | None = None,
    tables: list[list[int]] = (),  # type: ignore[assignment]
    **forward_options: Any,
) -> dict[str, list[int]]:
    """Both passes, free float and link slack of a network given as (src, dst, type, lag)."""
    n = len(duration)
    src, dst, link, lag = (list(x) for x in zip(*links, strict=True)) if links else ([],) * 4
    net = Network.build(
        duration,
        src,
        dst,
        link,
        lag,
        minimum=[i in minimum for i in range(n)],
        crossing=crossing,
        tables=[np.asarray(t, dtype=np.int64) for t in tables],
    )
    pinned = None
    if fixed is not None:
        # fixed[i] = (start, finish) boundaries of finished work: start side 1, finish side 0
        pinned = np.asarray([i in fixed for i in range(n)])
        forward_options["fixed"] = pinned
        forward_options["fixed_start_v"] = np.asarray(
            [2 * fixed[i][0] + 1 if i in fixed else 0 for i in range(n)], dtype=np.int64
        )
        forward_options["fixed_finish_v"] = np.asarray(
            [2 * fixed[i][1] if i in fixed else 0 for i in range(n)], dtype=np.int64
        )
    floors = np.asarray(floor if floor is not None else [0] * n, dtype=np.int64)
    early = forward(net, floors, **forward_options)
    caps = np.full(n, cap, dtype=np.int64)
    late = backward(net, early, caps, fixed=pinned)
    free = free_float(net, early, caps, virtual=np.asarray([i in virtual for i in range(n)]))
    return {
        "es_v": early.start_v.tolist(),
        "ef_v": early.finish_v.tolist(),
        "es": early.start.tolist(),
        "ef": early.finish.tolist(),
        "ls": late.start.tolist(),
        "lf": late.finish.tolist(),
        "free": free.tolist(),
        "slack": link_slack(net, early).tolist(),
    }


# --- link types and lags ---------------------------------------------------------------


ALL_TYPES = [(0, 1, FS, 1), (0, 2, SS, 2), (0, 3, FF, -1), (0, 4, SF, 3)]
"""A (0) lasts 4 and is followed by B (1, 2 days) FS+1, C (2, 3 days) SS+2,
D (3, 2 days) FF-1 and E (4, 2 days) SF+3."""


@pytest.mark.parametrize("company", [False, True], ids=["alone", "with-company"])
def test_each_link_type_and_lag_moves_the_successor_as_documented(company: bool) -> None:
    # A 0-4. B FS+1: starts 4 + 1 = 5, 5-7. C SS+2: starts 0 + 2, 2-5.
    # D FF-1: finishes 4 - 1 = 3, so 1-3. E SF+3: finishes 0 + 3, so 1-3.
    # `company` adds Z (5), 1 day, before B: the passes then take their many-node route.
    extra = [(5, 1, FS, 0)] if company else []
    r = passes([4, 2, 3, 2, 2] + [1] * company, ALL_TYPES + extra)
    assert r["es"][:5] == [0, 5, 2, 1, 1]
    assert r["ef"][:5] == [4, 7, 5, 3, 3]


@pytest.mark.parametrize("company", [False, True], ids=["alone", "with-company"])
def test_late_dates_work_back_through_each_link_type(company: bool) -> None:
    # Programme finish 20: B, C, D, E finish by 20 (LS 18, 17, 18, 18). A must finish by:
    # FS+1 -> LS(B) - 1 = 17; SS+2 -> LS(C) - 2 + 4 = 19; FF-1 -> LF(D) + 1 = 21;
    # SF+3 -> LF(E) - 3 + 4 = 21. The least is 17, so A starts by 13.
    extra = [(5, 1, FS, 0)] if company else []
    r = passes([4, 2, 3, 2, 2] + [1] * company, ALL_TYPES + extra)
    assert r["lf"][:5] == [17, 20, 20, 20, 20]
    assert r["ls"][:5] == [13, 18, 17, 18, 18]


@pytest.mark.parametrize(
    ("link", "lag", "successor", "latest_finish"),
    [
        # A (0) 0-4 -> B (1) 2 days -> FS -> C (2) 5 days. Finish 20: C 15-20, B 13-15.
        (FS, 1, (5, 7), 13 - 1),  # B starts 4 + 1; A must finish by LS(B) - 1
        (SS, 2, (2, 4), 13 - 2 + 4),  # B starts 0 + 2; A must start by LS(B) - 2
        (FF, -1, (1, 3), 15 + 1),  # B finishes 4 - 1; A must finish by LF(B) + 1
        (SF, 3, (1, 3), 15 - 3 + 4),  # B finishes 0 + 3; A must start by LF(B) - 3
    ],
)
def test_one_link_of_each_type(
    link: int, lag: int, successor: tuple[int, int], latest_finish: int
) -> None:
    r = passes([4, 2, 5], [(0, 1, link, lag), (1, 2, FS, 0)])
    assert (r["es"][1], r["ef"][1]) == successor
    assert (r["ls"][1], r["lf"][1]) == (13, 15)
    assert r["lf"][0] == latest_finish
    assert r["slack"][0] == 0


def test_tasks_start_on_the_start_side_and_milestones_keep_their_drivers_side() -> None:
    # Doubled values 2*b + side. A (0) 0-2; B (1) 1 day FS after A: starts at the start of
    # day 2 (2*2 + 1 = 5), finishes at the end of day 2 (2*3 = 6). M (2), a milestone FS
    # after A, sits at the end of A's last day (2*2 + 0 = 4). N (3), a milestone SS after
    # A, at the start of day 0 (2*0 + 1 = 1). Alone (B, M, N in one generation) and chained.
    r = passes([2, 1, 0, 0], [(0, 1, FS, 0), (0, 2, FS, 0), (0, 3, SS, 0)])
    assert (r["es_v"], r["ef_v"]) == ([1, 5, 4, 1], [4, 6, 4, 1])
    chained = passes([2, 1], [(0, 1, FS, 0)])
    assert chained["es_v"] == [1, 5]
    milestone = passes([2, 0], [(0, 1, FS, 0)])
    assert milestone["es_v"] == [1, 4]


def test_link_slack_is_the_gap_between_the_successors_date_and_what_the_link_asks() -> None:
    # A 0-2; B floored at 6 after A FS+2: the link asks for 2 + 2 = 4, B starts 6: slack 2.
    # C after A SS+1 asks 0 + 1 = 1 and starts 1: slack 0.
    r = passes([2, 3, 1], [(0, 1, FS, 2), (0, 2, SS, 1)], floor=[0, 6, 0])
    assert r["es"] == [0, 6, 1]
    assert r["slack"] == [2, 0]
    # A can slip until C moves: its free float is the least slack, 0.
    assert r["free"][0] == 0


def test_free_float_through_a_lagged_link_counts_the_lag() -> None:
    # A 0-2 -> B FS+3, B floored at 9: B would start at 5 but starts at 9: A may slip 4.
    r = passes([2, 1], [(0, 1, FS, 3)], floor=[0, 9])
    assert r["slack"] == [4]
    assert r["free"] == [4, 20 - 10]


def test_a_negative_lag_is_a_lead() -> None:
    # A 0-5 -> B FS-2 starts 3; B lasts 2, ends 5. Late: B 18-20, A must finish by 20.
    r = passes([5, 2], [(0, 1, FS, -2)])
    assert (r["es"], r["ef"]) == ([0, 3], [5, 5])
    assert r["lf"] == [20, 20]
    assert r["slack"] == [0]


# --- summary starts (nodes whose start is the earliest of their predecessors') ----------


def _summary_start() -> dict[str, list[int]]:
    # Nodes: A (0) 2 days, B (1) 4 days floored at 3, S (2) the summary start of A and B
    # (SS links, a minimum node), X (3) 5 days starting with S (SS). Finish 20.
    # S starts with the earlier of A (0) and B (3): 0; X then 0-5.
    # Late: X 15-20, S must start by 15; only A set S's start, so only A is bound by it:
    # SS -> LF(A) = LS(S) + 2 = 17. B did not set it: B keeps the programme finish, 20.
    return passes(
        [2, 4, 0, 5],
        [(0, 2, SS, 0), (1, 2, SS, 0), (2, 3, SS, 0)],
        floor=[0, 3, 0, 0],
        minimum=[2],
    )


def test_a_summary_starts_with_its_earliest_member() -> None:
    r = _summary_start()
    assert r["es"] == [0, 3, 0, 0]
    assert r["ef"] == [2, 7, 0, 5]


def test_only_the_member_that_sets_a_summarys_start_is_bound_by_its_late_start() -> None:
    r = _summary_start()
    assert r["ls"] == [15, 16, 15, 15]
    assert r["lf"] == [17, 20, 15, 20]


def test_links_into_a_summary_start_never_bind_the_members_free_float() -> None:
    r = _summary_start()
    assert r["slack"][0] > HORIZON  # A -> S
    assert r["slack"][1] > HORIZON  # B -> S
    assert r["slack"][2] == 0  # S -> X is an ordinary link


def test_a_lone_member_at_its_level_that_does_not_set_the_summary_start_is_not_bound() -> None:
    # P (0) 3 days -> B (1) 4 days FS: B 3-7, alone in its generation. A (2) 2 days 0-2.
    # S (3) summary start of A and B: 0. X (4) 5 days SS from S: 0-5. Finish 20.
    # A set S's start: LF(A) = LS(S) + 2 = 15 + 2 = 17. B did not: LF(B) = 20, LS 16,
    # so P must finish by 16.
    r = passes(
        [3, 4, 2, 0, 5],
        [(0, 1, FS, 0), (2, 3, SS, 0), (1, 3, SS, 0), (3, 4, SS, 0)],
        minimum=[3],
    )
    assert r["es"] == [0, 3, 0, 0, 0]
    assert r["lf"] == [16, 20, 17, 15, 20]


def test_a_lone_member_that_sets_the_summary_start_is_bound_by_it() -> None:
    # A (0) 2 days alone in the first generation; S (1) its summary start; X (2) 5 days
    # SS+1 from S: 1-6. Finish 20: X 15-20, S by 14, A must finish by 14 + 2 = 16.
    r = passes([2, 0, 5], [(0, 1, SS, 0), (1, 2, SS, 1)], minimum=[1])
    assert r["es"] == [0, 0, 1]
    assert r["lf"] == [16, 14, 20]


# --- free float through summaries (virtual nodes) ---------------------------------------


def test_free_float_passes_through_a_summary_finish_to_its_successor() -> None:
    # A (0) 2 days and B (1) 4 days finish into F (2), a summary finish (virtual): 4.
    # X (3) 1 day after F, floored at 6: A could slip 2 before F moves, and F 2 before
    # X moves: A's free float is 2 + 2 = 4, B's 0 + 2 = 2.
    r = passes(
        [2, 4, 0, 1],
        [(0, 2, FS, 0), (1, 2, FS, 0), (2, 3, FS, 0)],
        floor=[0, 0, 0, 6],
        virtual=[2],
    )
    assert r["ef"] == [2, 4, 4, 7]
    assert r["free"][:2] == [4, 2]


def test_free_float_through_nested_summaries_adds_up_along_the_chain() -> None:
    # A (0) 0-2 -> V1 (1) virtual at 2 -> FS+1 -> V2 (2) virtual at 3 -> X (3) floored at 5.
    # Slack A->V1 0, V1->V2 3 - (2 + 1) = 0, V2->X 5 - 3 = 2: A may slip 0 + 0 + 2 = 2.
    # (V1 comes first in node order: the outer summary V2 must be counted first.)
    r = passes(
        [2, 0, 0, 1],
        [(0, 1, FS, 0), (1, 2, FS, 1), (2, 3, FS, 0)],
        floor=[0, 0, 0, 5],
        virtual=[1, 2],
    )
    assert r["es"] == [0, 2, 3, 5]
    assert r["slack"] == [0, 0, 2]
    assert r["free"][0] == 2


def test_a_summary_finish_without_successors_gives_float_to_the_programme_finish() -> None:
    # A (0) 0-2 finishes into its project's finish F (1), virtual, with no successor.
    # The programme finishes at 20: A may slip 20 - 2 = 18.
    r = passes([2, 0], [(0, 1, FS, 0)], virtual=[1])
    assert r["free"][0] == 18


def test_without_virtual_nodes_a_link_into_a_finish_node_gives_only_its_slack() -> None:
    # Same network with F an ordinary milestone: A's free float is the link slack, 0.
    r = passes([2, 0], [(0, 1, FS, 0)])
    assert r["free"] == [0, 18]


def test_a_node_without_successors_floats_to_the_programme_finish() -> None:
    r = passes([3, 5], [], cap=12)
    assert r["free"] == [9, 7]
    assert (r["ls"], r["lf"]) == ([9, 7], [12, 12])


# --- the forward pass's options ---------------------------------------------------------


def test_no_floor_lets_a_node_start_where_its_links_put_it() -> None:
    # B (1) SS-3 from A (0, floored at 5): B starts 2, which no floor of its own prevents.
    r = passes([2, 1], [(0, 1, SS, -3)], floor=[5, NEVER])
    assert r["es"] == [5, 2]


def test_a_delay_adds_working_days_to_a_nodes_earliest_time() -> None:
    # A 0-2 -> B 3 days; B delayed 4: B 6-9.
    r = passes([2, 3], [(0, 1, FS, 0)], delay=np.asarray([0, 4]))
    assert (r["es"], r["ef"]) == ([0, 6], [2, 9])


def test_a_delay_on_one_of_several_successors_moves_that_one_only() -> None:
    # A delayed 1: 1-3. Then B 3 days delayed 4: 3 + 4 = 7, 7-10; C 1 day delayed 1: 4-5.
    r = passes([2, 3, 1], [(0, 1, FS, 0), (0, 2, FS, 0)], delay=np.asarray([1, 4, 1]))
    assert (r["es"], r["ef"]) == ([1, 7, 4], [3, 10, 5])


# --- finished work (fixed dates) ----------------------------------------------------------


@pytest.mark.parametrize("company", [False, True], ids=["alone", "with-company"])
def test_finished_work_keeps_its_actual_dates_and_binds_its_predecessors(company: bool) -> None:
    # A (0) 2 days -> B (1) 3 days, finished: actually 5-7 (whatever A says) -> C (2) 1 day.
    # C follows the actual finish: 7-8. Backward (finish 20): B keeps 5-7; A must finish
    # by B's start, 5; C has 19-20. `company` adds Z (3), 1 day after A and before C,
    # so B's generation has two nodes each way.
    links = [(0, 1, FS, 0), (1, 2, FS, 0)]
    if company:
        links += [(0, 3, FS, 0), (3, 2, FS, 0)]
    r = passes([2, 3, 1] + [1] * company, links, fixed={1: (5, 7)})
    assert (r["es"][:3], r["ef"][:3]) == ([0, 5, 7], [2, 7, 8])
    assert (r["ls"][:3], r["lf"][:3]) == ([3, 5, 19], [5, 7, 20])


def test_finished_work_among_other_nodes_leaves_their_dates_alone() -> None:
    # A (0) 2 days -> B (2) 3 days, finished: actually 5-7 -> D (4) 1 day: 7-8.
    # Z (1), 1 day, and C (3), 4 days, stand apart: 0-1 and 0-4, late 19-20 and 16-20.
    # Backward (finish 20): D 19-20, B keeps 5-7, A must finish by 5.
    r = passes([2, 1, 3, 4, 1], [(0, 2, FS, 0), (2, 4, FS, 0)], fixed={2: (5, 7)})
    assert (r["es"], r["ef"]) == ([0, 0, 5, 0, 7], [2, 1, 7, 4, 8])
    assert (r["ls"], r["lf"]) == ([3, 19, 5, 16, 19], [5, 20, 7, 20, 20])


# --- links across calendars -----------------------------------------------------------------

TABLE = [1, 3, 4, 5, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]
"""Boundary b of the predecessor's calendar is boundary TABLE[b] of the successor's."""


def _across() -> dict[str, list[int]]:
    # A (0) 2 days 0-2. B (1) 2 days FS across: A's finish 2 is TABLE[2] = 4 there; B is
    # floored at 6, so 6-8 (slack 6 - 4 = 2). M (2) a milestone SS+1 across: A's start 0 is
    # TABLE[0] = 1 there, plus 1: the start of day 2 (2*2 + 1 = 5). C (3) 1 day FS, same
    # calendar (no crossing): 2-3. D (4) 1 day FS across a second table (all +1): 3-4.
    return passes(
        [2, 2, 0, 1, 1],
        [(0, 1, FS, 0), (0, 2, SS, 1), (0, 3, FS, 0), (0, 4, FS, 0)],
        floor=[0, 6, 0, 0, 0],
        crossing=[0, 0, -1, 1],
        tables=[TABLE, [b + 1 for b in range(17)]],
        cap=20,
    )


def test_a_link_across_calendars_carries_the_date_into_the_successors_calendar() -> None:
    r = _across()
    assert r["es"] == [0, 6, 2, 2, 3]
    assert r["es_v"][2] == 5
    assert r["slack"] == [2, 0, 0, 0]


def test_late_dates_come_back_across_calendars() -> None:
    # Finish 20 everywhere. B starts by 18 in its calendar: the latest A finish that lands
    # no later is 12 (TABLE[12] = 18). M by 20, less the lag, 19: TABLE[13] = 19, and an
    # SS link binds A's start: 13 + 2 = 15. C starts by 19: 19. D by 19: 19 - 1 = 18.
    r = _across()
    assert r["lf"][0] == min(12, 15, 19, 18)


def test_dates_beyond_a_crossing_table_are_held_at_its_ends() -> None:
    # A (0) 3 days floored at 18: finishes at 21, past the table's last boundary (16):
    # B (1) then starts at TABLE[16] = 22. A (2) floored at -2 (before the table's first
    # boundary) starts B (3) SS at TABLE[0] = 1.
    r = passes(
        [3, 1, 1, 1],
        [(0, 1, FS, 0), (2, 3, SS, 0)],
        floor=[18, 0, -2, NEVER],
        crossing=[0, 0],
        tables=[TABLE],
        cap=40,
    )
    assert r["es"] == [18, 22, -2, 1]


def test_a_milestone_on_the_other_side_of_its_day_crosses_by_that_sides_table() -> None:
    # Network.other_tables: values on the other side of their day than a link's usual one
    # cross by a second table. Here values at the start of a day (side 1) cross by ALT,
    # TABLE's boundaries plus 1; the end of a day (side 0) by TABLE. A (0) 2 days: M (1),
    # a milestone FS across, is driven by A's finish (boundary 2, side 0): TABLE[2] = 4, at
    # the end of the day (2*4 = 8). N (2), a milestone SS across, by A's start (0, side 1):
    # ALT[0] = 2 (2*2 + 1 = 5). Starts past the table's ends are held at them: P (3)
    # floored at 16 and Q (5) at 20 put P2 (4) and Q2 (6) at ALT[16] = 23; R (7) floored at
    # -2 puts R2 (8) at ALT[0] = 2.
    from dataclasses import replace

    alt = np.asarray([b + 1 for b in TABLE], dtype=np.int64)
    net = Network.build(
        [2, 0, 0, 1, 0, 1, 0, 1, 0],
        [0, 0, 3, 5, 7],
        [1, 2, 4, 6, 8],
        [FS, SS, SS, SS, SS],
        [0] * 5,
        crossing=[0] * 5,
        tables=[np.asarray(TABLE, dtype=np.int64)],
    )
    net = replace(net, other_tables=((1, alt),))
    floor = np.asarray([0, NEVER, NEVER, 16, NEVER, 20, NEVER, -2, NEVER], dtype=np.int64)
    early = forward(net, floor)
    assert early.start_v.tolist()[1:3] == [8, 5]
    assert early.start.tolist()[4::2] == [23, 23, 2]


# --- the network itself ---------------------------------------------------------------------


def test_links_are_sorted_into_topological_generations() -> None:
    # 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 4: generations 0, 1, 1, 2, 3.
    net = Network.build([1] * 5, [0, 0, 1, 2, 3], [1, 2, 3, 3, 4], [FS] * 5, [0] * 5)
    assert net.level.tolist() == [0, 1, 1, 2, 3]
    assert net.levels == 4
    assert net.minimum.tolist() == [False] * 5
    assert net.minimum.dtype == np.bool_


def test_the_network_keeps_whole_numbers_and_flags_whatever_array_types_it_is_given() -> None:
    # Durations read as floats (3.0, 2.0, as from a spreadsheet), links and lags as small
    # integer types, summary flags as 0/1 and crossings as int32: the network holds 64-bit
    # whole numbers and booleans, as its fields say, and schedules as with plain ints:
    # A (0) 0-3, B (1) FS+1 from A: 4-6.
    net = Network.build(
        np.asarray([3.0, 2.0]),
        np.asarray([0], dtype=np.int32),
        np.asarray([1], dtype=np.int32),
        np.asarray([FS], dtype=np.int8),
        np.asarray([1], dtype=np.int16),
        minimum=[0, 0],
        crossing=np.asarray([-1], dtype=np.int32),
    )
    assert [a.dtype for a in (net.duration, net.link, net.lag, net.crossing)] == [np.int64] * 4
    assert net.minimum.dtype == np.bool_
    early = forward(net, np.zeros(2, dtype=np.int64))
    assert (early.start.tolist(), early.finish.tolist()) == ([0, 4], [3, 6])


@pytest.mark.parametrize("chain", [0, 70, 300])
@pytest.mark.parametrize("seed", range(4))
def test_generations_are_networkx_topological_generations(chain: int, seed: int) -> None:
    # A chain of `chain` tasks (deep and narrow: past 64 generations the rest is worked
    # one node at a time) feeding a random DAG (wide): each node's generation is the one
    # networkx's independent `topological_generations` puts it in.
    rng = np.random.default_rng(seed)
    wide = 200
    n = chain + wide
    src = list(range(chain - 1)) + ([chain - 1] * 3 if chain else [])
    dst = list(range(1, chain)) + ([chain, chain + 1, chain + 2] if chain else [])
    for _ in range(400):
        a, b = sorted(rng.choice(wide, size=2, replace=False).tolist())
        src.append(chain + a)
        dst.append(chain + b)
    net = Network.build([1] * n, src, dst, [FS] * len(src), [0] * len(src))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(src, dst, strict=True))
    expected = [0] * n
    for k, generation in enumerate(nx.topological_generations(graph)):
        for node in generation:
            expected[node] = k
    assert net.level.tolist() == expected


def test_a_cycle_past_the_deep_part_is_still_found() -> None:
    # 100 tasks in a chain into 100, then 100 -> 101 -> 100: Kahn's algorithm cannot
    # remove 100 and 101, found past the 64 generations worked with numpy.
    src = [*range(100), 100, 101]
    dst = [*range(1, 101), 101, 100]
    with pytest.raises(CycleFound) as raised:
        Network.build([1] * 102, src, dst, [FS] * 102, [0] * 102)
    assert sorted(raised.value.stuck.tolist()) == [100, 101]


def test_an_empty_network_has_no_generations() -> None:
    net = Network.build([], [], [], [], [])
    assert (net.size, net.levels) == (0, 0)
    early = forward(net, np.zeros(0, dtype=np.int64))
    assert early.start.tolist() == []


def test_a_cycle_is_refused_naming_the_nodes_on_or_after_it() -> None:
    # 0 -> 1 -> 2 -> 1 is a cycle; 3 follows it; 4 stands apart.
    with pytest.raises(CycleFound, match=r"^3 nodes are on or after a dependency cycle$") as found:
        Network.build([1] * 5, [0, 1, 2, 2], [1, 2, 1, 3], [FS] * 4, [0] * 4)
    assert found.value.stuck.tolist() == [1, 2, 3]


def test_a_what_if_on_durations_reuses_the_network() -> None:
    # A (0) 2 days -> B (1) 3 days; A lengthened to 5: B 5-8. The original is unchanged.
    net = Network.build([2, 3], [0], [1], [FS], [0])
    longer = net.with_duration(np.asarray([5, 3], dtype=np.int64))
    zero = np.zeros(2, dtype=np.int64)
    assert forward(longer, zero).start.tolist() == [0, 5]
    assert forward(net, zero).start.tolist() == [0, 2]
    assert longer.level is net.level


def test_free_float_without_virtual_nodes() -> None:
    # A (0) 0-2 -> B (1) floored at 4, 1 day: A may slip 2; B floats to the finish, 10 - 5.
    # Late (finish 10): B 9-10; A must finish by B's late start, 9, so A 7-9.
    net = Network.build([2, 1], [0], [1], [FS], [0])
    early = forward(net, np.asarray([0, 4], dtype=np.int64))
    late = backward(net, early, np.full(2, 10, dtype=np.int64))
    assert (late.start.tolist(), late.finish.tolist()) == ([7, 9], [9, 10])
    free = free_float(net, early, np.full(2, 10, dtype=np.int64))
    assert free.tolist() == [2, 5]
    assert free.dtype == np.int64  # working days, as every other array of the engine


# --- ceilings: no-later-than constraints, which win over the links ----------------------
# Microsoft Project by default honours constraint dates ("tasks will always honor their
# constraint dates", Project Options > Schedule): a start-no-later-than holds the task to
# its date even when a predecessor would start it later. The ceiling is a doubled value
# (2 * boundary + side): 2c + 1 is the opening of day c, 2c its close... of day c - 1.


def ceilings(*values: int) -> Any:
    return np.asarray(values, dtype=np.int64)


def test_a_ceiling_holds_a_task_before_its_predecessor_allows() -> None:
    # A (0) 5 days, 0-5 -> B (1) 2 days FS, no later than the opening of day 3: B 3-5,
    # though A finishes at 5. Alone on its level, B takes the one-node route.
    got = passes([5, 2], [(0, 1, FS, 0)], ceiling_v=ceilings(LATEST, 2 * 3 + 1))
    assert (got["es"], got["ef"]) == ([0, 3], [5, 5])


def test_a_ceiling_later_than_the_links_changes_nothing() -> None:
    # As above with the ceiling at day 8: B starts when A lets it, at 5 (5-7).
    got = passes([5, 2], [(0, 1, FS, 0)], ceiling_v=ceilings(LATEST, 2 * 8 + 1))
    assert (got["es"], got["ef"]) == ([0, 5], [5, 7])


def test_a_ceiling_wins_over_the_floor_of_a_node_without_links() -> None:
    # A (0) 3 days floored at 6 (its project's start) but no later than day 2: A 2-5.
    # B (1) 1 day floored at 6 with a ceiling at 9: 6-7.
    got = passes([3, 1], [], floor=[6, 6], ceiling_v=ceilings(2 * 2 + 1, 2 * 9 + 1))
    assert (got["es"], got["ef"]) == ([2, 6], [5, 7])


def test_a_ceiling_on_a_level_of_several_nodes() -> None:
    # A (0) 5 days -> B (1) 2 days FS, no later than day 3, and -> C (2) 1 day FS, no
    # ceiling: B 3-5, C 5-6 (the level of B and C takes the route for many nodes).
    got = passes([5, 2, 1], [(0, 1, FS, 0), (0, 2, FS, 0)], ceiling_v=ceilings(LATEST, 7, LATEST))
    assert (got["es"], got["ef"]) == ([0, 3, 5], [5, 5, 6])


def test_a_ceiling_at_the_close_of_a_day_holds_a_milestone_there() -> None:
    # A (0) 5 days -> M (1) milestone FS, no later than the close of day 2 (doubled 2 * 3):
    # M sits at boundary 3 on the close side (value 6), shown on day 2 as a finish is.
    # N (2), a milestone after A held at the opening of day 3 (2 * 3 + 1), sits on the
    # other side of the same boundary.
    got = passes([5, 0, 0], [(0, 1, FS, 0), (0, 2, FS, 0)], ceiling_v=ceilings(LATEST, 6, 7))
    assert got["es_v"][1:] == [6, 7]
    assert got["ef_v"][1:] == [6, 7]


def test_a_ceiling_at_the_close_of_a_day_starts_a_task_at_the_next_opening() -> None:
    # A task cannot start at a day's close: held no later than the close of day 2 (6),
    # B 2 days starts at the opening of day 3 (value 7) and finishes at 5 (value 10).
    got = passes([5, 2], [(0, 1, FS, 0)], ceiling_v=ceilings(LATEST, 6))
    assert (got["es_v"][1], got["ef_v"][1]) == (7, 10)


def test_a_ceiling_holds_a_task_whose_predecessors_meet_in_a_summary() -> None:
    # S (2) is a summary start (minimum) over A (0, floored 4) and B (1, floored 6): it
    # takes the earliest, 4; C (3) 1 day SS after S but no later than day 1: C 1-2. The
    # level goes the general route (a minimum node on it).
    got = passes(
        [2, 2, 0, 1],
        [(0, 2, SS, 0), (1, 2, SS, 0), (2, 3, SS, 0)],
        floor=[4, 6, NEVER, NEVER],
        minimum=[2],
        ceiling_v=ceilings(LATEST, LATEST, LATEST, 2 * 1 + 1),
    )
    assert (got["es"][2:], got["ef"][3]) == ([4, 1], 2)


def test_a_floor_at_the_close_of_a_day_holds_a_milestone_there() -> None:
    # M (0), a milestone with no links floored at boundary 3 on the close side: value 6
    # (the close of day 2), not 7. A (1) 2 days -> N (2) milestone FS, floored likewise at
    # 5: A finishes at 2 (value 4), so N sits at value 10; B (3) 1 day after A with the
    # same floor cannot start at a close: the opening of day 5 (value 11).
    got = passes(
        [0, 2, 0, 1],
        [(1, 2, FS, 0), (1, 3, FS, 0)],
        floor=[3, 0, 5, 5],
        floor_close=np.asarray([True, False, True, True]),
    )
    assert got["es_v"] == [6, 1, 10, 11]
    assert got["ef_v"][3] == 12


def test_a_floor_at_the_close_of_a_day_on_a_chain() -> None:
    # A (0) 2 days -> M (1) milestone FS floored at 5 on the close side: alone on its
    # level, M takes the one-node route and sits at value 10.
    got = passes([2, 0], [(0, 1, FS, 0)], floor=[0, 5], floor_close=np.asarray([False, True]))
    assert got["es_v"] == [1, 10]
