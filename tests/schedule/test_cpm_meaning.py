"""The critical-path engine (progman.schedule.cpm) on small networks counted by hand.

Values are working-day boundaries, as the engine documents: a task of
duration D starting at boundary s finishes at s + D. Each test states the
count in its comments; none of the expected values was read off the engine.
Written for issue 19: the summary-start, free-float and link-slack cases that
mutation testing showed no test would notice going wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from progman.schedule.cpm import (
    FF,
    FS,
    NEVER,
    SF,
    SS,
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
    )
    floors = np.asarray(floor if floor is not None else [0] * n, dtype=np.int64)
    early = forward(net, floors, **forward_options)
    caps = np.full(n, cap, dtype=np.int64)
    late = backward(net, early, caps)
    free = free_float(net, early, caps, virtual=np.asarray([i in virtual for i in range(n)]))
    return {
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
        # A 0-4, B 2 days; finish 20 so B is 18-20.
        (FS, 1, (5, 7), 18 - 1),  # B starts 4 + 1; A must finish by LS(B) - 1
        (SS, 2, (2, 4), 18 - 2 + 4),  # B starts 0 + 2; A must start by LS(B) - 2
        (FF, -1, (1, 3), 20 + 1),  # B finishes 4 - 1; capped at 20 below
        (SF, 3, (1, 3), 20 - 3 + 4),  # B finishes 0 + 3; A must start by LF(B) - 3
    ],
)
def test_one_link_of_each_type(
    link: int, lag: int, successor: tuple[int, int], latest_finish: int
) -> None:
    r = passes([4, 2], [(0, 1, link, lag)])
    assert (r["es"][1], r["ef"][1]) == successor
    assert r["lf"][0] == min(latest_finish, 20)
    assert r["slack"] == [0]


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
