"""The critical-path engine: forward and backward passes over arrays.

Plain data in, plain arrays out. Nodes are numbered 0..n-1 and links are
parallel arrays (`src`, `dst`, `link`, `lag`); the engine knows nothing of
programmes, ids or dates. `Network.build` sorts the links once into
topological generations (Kahn's algorithm, vectorised), then each pass is a
handful of numpy operations per generation (`maximum.reduceat` over the
links entering it), so a million tasks take a second or two rather than a
Python loop per task.

**Time.** The unit is the working day and values are *boundaries*: boundary
*b* is the instant between working day *b-1* and working day *b*. A task of
duration *D* starting at *s* finishes at *s+D*. The forward pass works on
*doubled* values ``v = 2*b + side`` so that a milestone remembers which side
of a boundary it sits on, as Microsoft Project does with clock times: side 0
is the end of day *b-1* (a milestone driven by a predecessor's finish is
shown on the day that predecessor finishes), side 1 is the start of day *b*
(driven by a start: the project start, an SS or SF link, a
start-no-earlier-than). When both give the same boundary the start side wins,
being the later clock time. Tasks of positive duration always start on side 1
and finish on side 0, so for them the side changes nothing.

>>> import numpy as np
>>> net = Network.build(duration=[3, 2, 0], src=[0, 1], dst=[1, 2], link=[FS, FS], lag=[0, 0])
>>> early = forward(net, floor=np.zeros(3, dtype=np.int64))
>>> early.start.tolist(), early.finish.tolist()
([0, 3, 5], [3, 5, 5])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    IntArray = NDArray[np.int64]
    BoolArray = NDArray[np.bool_]

__all__ = [
    "FF",
    "FS",
    "LATEST",
    "LINK_CODES",
    "NEVER",
    "SF",
    "SS",
    "Backward",
    "CycleFound",
    "Early",
    "Network",
    "backward",
    "forward",
    "free_float",
    "link_slack",
]

FS, SS, FF, SF = 0, 1, 2, 3
"""Link types as small integers, in the order of `progman.LinkType`."""
LINK_CODES = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}
"""Link type name -> code."""

NEVER = -(2**40)
"""A floor (in boundaries) lower than any real date: 'no floor of its own'."""
_HUGE = 2**40
LATEST = 2 * _HUGE
"""A ceiling (a doubled value, see `forward`) later than any real date: 'no ceiling'."""


class CycleFound(Exception):
    """Raised by `Network.build` when links form a cycle; `stuck` are the nodes left over."""

    def __init__(self, stuck: IntArray) -> None:
        super().__init__(f"{len(stuck)} nodes are on or after a dependency cycle")
        self.stuck = stuck


def _gather_ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """Concatenate ranges [starts[i], starts[i] + lengths[i]) without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(starts - offsets, lengths) + np.arange(total, dtype=np.int64)


def _segments(keys: IntArray) -> IntArray:
    """Start positions of the runs of equal values in a sorted array."""
    if len(keys) == 0:
        return np.empty(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))).astype(np.int64)


def _level_pointers(sorted_levels: IntArray, count: int) -> IntArray:
    """ptr[k]..ptr[k+1] is the slice of a level-sorted array holding level k."""
    return np.searchsorted(sorted_levels, np.arange(count + 1)).astype(np.int64)


@dataclass(frozen=True, eq=False)
class Network:
    """An activity network as arrays, with its links sorted for level-by-level passes.

    `duration[i]` is node i's length in working days (0 for a milestone);
    link k runs from `src[k]` to `dst[k]` with type `link[k]` (`FS`, `SS`,
    `FF`, `SF`) and `lag[k]` working days (negative for a lead). `minimum`
    marks nodes whose start is the *earliest* of their predecessors' (a
    summary's start) rather than the latest.

    >>> net = Network.build(duration=[1, 1], src=[0], dst=[1], link=[SS], lag=[-2])
    >>> net.level.tolist()
    [0, 1]
    """

    duration: IntArray
    src: IntArray
    dst: IntArray
    link: IntArray
    lag: IntArray
    minimum: BoolArray
    level: IntArray
    levels: int
    # forward order: links sorted by (level of dst, dst)
    f_order: IntArray
    f_level_ptr: IntArray
    f_seg_start: IntArray
    f_seg_level_ptr: IntArray
    f_seg_node: IntArray
    # backward order: links sorted by (level of src, src)
    b_order: IntArray
    b_level_ptr: IntArray
    b_seg_start: IntArray
    b_seg_level_ptr: IntArray
    b_seg_node: IntArray
    # cross-calendar conversions: per link, an index into `tables` or -1
    crossing: IntArray | None = None
    tables: Sequence[IntArray] = field(default_factory=tuple)
    # per table, the side (see `Early.side`) its link's values are usually on, and the table
    # for values on the other side: a milestone at the opening of a day after a finish, or
    # at the close of a day before a start, which another calendar can tell apart
    other_tables: Sequence[tuple[int, IntArray] | None] = field(default_factory=tuple)
    # the link arrangements for many runs at once (`_slots`), worked out when first needed;
    # they depend on the links only, so copies with other durations share them
    _layouts: dict[str, _Slots] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        """Number of nodes."""
        return len(self.duration)

    @classmethod
    def build(
        cls,
        duration: ArrayLike,
        src: ArrayLike,
        dst: ArrayLike,
        link: ArrayLike,
        lag: ArrayLike,
        *,
        minimum: ArrayLike | None = None,
        crossing: ArrayLike | None = None,
        tables: Sequence[IntArray] = (),
    ) -> Network:
        """Check the links are acyclic and sort them into topological generations.

        Raises `CycleFound` (with the nodes Kahn's algorithm could not remove)
        if the links form a cycle.
        """
        dur = np.asarray(duration, dtype=np.int64)
        n = len(dur)
        s = np.asarray(src, dtype=np.int64)
        d = np.asarray(dst, dtype=np.int64)
        level = _generations(n, s, d)
        levels = int(level.max()) + 1 if n else 0
        # Forward: links grouped by the level, then the id, of their successor.
        f_order = np.lexsort((d, level[d])).astype(np.int64)
        f_dst = d[f_order]
        f_level_ptr = _level_pointers(level[f_dst], levels)
        f_seg_start = _segments(f_dst)
        f_seg_node = f_dst[f_seg_start]
        f_seg_level_ptr = _level_pointers(level[f_seg_node], levels)
        # Backward: links grouped by the level, then the id, of their predecessor.
        b_order = np.lexsort((s, level[s])).astype(np.int64)
        b_src = s[b_order]
        b_level_ptr = _level_pointers(level[b_src], levels)
        b_seg_start = _segments(b_src)
        b_seg_node = b_src[b_seg_start]
        b_seg_level_ptr = _level_pointers(level[b_seg_node], levels)
        return cls(
            duration=dur,
            src=s,
            dst=d,
            link=np.asarray(link, dtype=np.int64),
            lag=np.asarray(lag, dtype=np.int64),
            minimum=(
                np.zeros(n, dtype=bool) if minimum is None else np.asarray(minimum, dtype=bool)
            ),
            level=level,
            levels=levels,
            f_order=f_order,
            f_level_ptr=f_level_ptr,
            f_seg_start=f_seg_start,
            f_seg_level_ptr=f_seg_level_ptr,
            f_seg_node=f_seg_node,
            b_order=b_order,
            b_level_ptr=b_level_ptr,
            b_seg_start=b_seg_start,
            b_seg_level_ptr=b_seg_level_ptr,
            b_seg_node=b_seg_node,
            crossing=None if crossing is None else np.asarray(crossing, dtype=np.int64),
            tables=tuple(tables),
        )

    def with_duration(self, duration: IntArray) -> Network:
        """The same network with other durations (for a what-if); the sorting is reused."""
        from dataclasses import replace

        return replace(self, duration=duration)


@dataclass(frozen=True)
class _Slots:
    """A level-by-level order of links for a segmented maximum (or minimum) over 2-D rows.

    `np.maximum.reduceat` along the first axis of an ``(links, runs)`` array is slow
    (measured: 12 times slower than the same work as whole-row `np.maximum` calls). So
    each level's nodes are put in order of how many links they gather (most first), and
    the level's links are laid out *slot by slot*: the first link of every node, then the
    second link of the nodes with two or more, and so on; then the maximum is one
    `np.maximum` over contiguous rows per slot. Slots taken by fewer than
    `_SLOT_MIN_NODES` nodes (a summary gathering hundreds of tasks) go to one `reduceat`
    (the *tail*: the rest of each such node's links, node by node).
    """

    links: list[IntArray]
    """Per level, link ids: slot 0 of every node, slot 1, ..., then the tail."""
    nodes: list[IntArray]
    """Per level, the nodes gathered, most links first (row i of a slot is node i)."""
    counts: list[list[int]]
    """Per level, how many nodes take part in each slot (decreasing)."""
    tails: list[tuple[int, IntArray] | None]
    """Per level, the tail: its first nodes' count and their `reduceat` offsets."""


_SLOT_MIN_NODES = 8


def _slots(
    order: IntArray, seg_start: IntArray, seg_level_ptr: IntArray, seg_node: IntArray, levels: int
) -> _Slots:
    """Arrange links sorted by (level, node) (`order`, with their segments) as `_Slots`."""
    degree = np.diff(np.append(seg_start, len(order)))
    out = _Slots([], [], [], [])
    for k in range(levels):
        s0, s1 = int(seg_level_ptr[k]), int(seg_level_ptr[k + 1])
        rank = np.argsort(-degree[s0:s1], kind="stable")
        deg = degree[s0:s1][rank]
        first = seg_start[s0:s1][rank]
        parts: list[IntArray] = []
        counts: list[int] = []
        most = int(deg[0]) if len(deg) else 0
        j = 0
        while j < most:
            taking = int(np.count_nonzero(deg > j))
            if j and taking < _SLOT_MIN_NODES:
                break
            counts.append(taking)
            parts.append(first[:taking] + j)
            j += 1
        tail = None
        if j < most:
            taking = int(np.count_nonzero(deg > j))
            lengths = deg[:taking] - j
            parts.append(_gather_ranges(first[:taking] + j, lengths))
            tail = (taking, (np.cumsum(lengths) - lengths).astype(np.int64))
        picked = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
        out.links.append(order[picked])
        out.nodes.append(seg_node[s0:s1][rank])
        out.counts.append(counts)
        out.tails.append(tail)
    return out


def _arranged(net: Network, direction: str) -> _Slots:
    """The network's `_Slots` for the forward (`f`) or backward (`b`) pass, made once."""
    found = net._layouts.get(direction)
    if found is None:
        if direction == "f":
            found = _slots(
                net.f_order, net.f_seg_start, net.f_seg_level_ptr, net.f_seg_node, net.levels
            )
        else:
            found = _slots(
                net.b_order, net.b_seg_start, net.b_seg_level_ptr, net.b_seg_node, net.levels
            )
        net._layouts[direction] = found
    return found


def _segment_extreme(
    rows: NDArray[Any], counts: list[int], tail: tuple[int, IntArray] | None, least: bool
) -> NDArray[Any]:
    """Per node, the maximum (`least`: minimum) of its rows laid out as `_Slots` says.

    Works in place: the result is a view of the first rows of `rows`.
    """
    ufunc = np.minimum if least else np.maximum
    first = counts[0]
    best = rows[:first]
    at = first
    for taking in counts[1:]:
        ufunc(best[:taking], rows[at : at + taking], out=best[:taking])
        at += taking
    if tail is not None:
        taking, starts = tail
        ufunc(best[:taking], ufunc.reduceat(rows[at:], starts), out=best[:taking])
    return best


def _generations(n: int, src: IntArray, dst: IntArray) -> IntArray:
    """Topological generation of every node (Kahn's algorithm, one numpy step per level)."""
    indegree = np.bincount(dst, minlength=n).astype(np.int64)
    out_count = np.bincount(src, minlength=n)
    out_ptr = np.concatenate(([0], np.cumsum(out_count))).astype(np.int64)
    out_dst = dst[np.argsort(src, kind="stable")]
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(indegree == 0)
    k = 0
    while len(frontier):
        if k >= _DEEP and len(frontier) < _NARROW:
            _rest_of_generations(frontier, k, indegree, out_ptr, out_dst, level)
            break
        level[frontier] = k
        if len(frontier) == 1:  # a chain: slice instead of gathering
            at = int(out_ptr[frontier[0]])
            reached = out_dst[at : at + int(out_count[frontier[0]])]
        else:
            reached = out_dst[_gather_ranges(out_ptr[frontier], out_count[frontier])]
        if len(reached) == 0:
            break
        ordered = np.sort(reached)
        first = _segments(ordered)
        nodes = ordered[first]
        indegree[nodes] -= np.diff(np.append(first, len(ordered)))
        frontier = nodes[indegree[nodes] == 0]
        k += 1
    if (level < 0).any():
        raise CycleFound(np.flatnonzero(level < 0))
    return level


# A numpy step per generation costs ~10-30 us whatever its width: on a deep, narrow
# network (one long chain: 100,000 generations of one task) the steps are the whole cost,
# so past _DEEP generations a frontier narrower than _NARROW finishes in plain Python.
_DEEP = 64
_NARROW = 16


def _rest_of_generations(
    frontier: IntArray,
    k: int,
    indegree: IntArray,
    out_ptr: IntArray,
    out_dst: IntArray,
    level: IntArray,
) -> None:
    """Kahn's algorithm from `frontier` (generation `k`) on, one node at a time; fills
    `level` in place (nodes never reached stay -1: a cycle)."""
    remaining = indegree.tolist()
    ptr = out_ptr.tolist()
    successors = out_dst.tolist()
    levels = level.tolist()
    current = frontier.tolist()
    while current:
        reached = []
        for node in current:
            levels[node] = k
            for successor in successors[ptr[node] : ptr[node + 1]]:
                remaining[successor] -= 1
                if remaining[successor] == 0:
                    reached.append(successor)
        current = reached
        k += 1
    level[:] = levels


@dataclass(frozen=True)
class Early:
    """Early dates of every node, as doubled values and as boundaries.

    `start_v`/`finish_v` are ``2*boundary + side`` (see the module docstring);
    `start`/`finish` are the boundaries.
    """

    start_v: IntArray
    finish_v: IntArray

    @property
    def start(self) -> IntArray:
        """Early start boundaries."""
        return self.start_v >> 1

    @property
    def finish(self) -> IntArray:
        """Early finish boundaries."""
        return self.finish_v >> 1

    @property
    def side(self) -> IntArray:
        """1 where a node's finish sits at the start of its boundary's day, else 0."""
        return self.finish_v & 1


def _convert(net: Network, links: IntArray, value_v: IntArray) -> IntArray:
    """Carry doubled values across the calendars of the given links (unchanged if none)."""
    if net.crossing is None:
        return value_v
    which = net.crossing[links]
    out = value_v.copy()
    others = net.other_tables
    for table_id in np.unique(which[which >= 0]):
        pick = which == table_id
        table = net.tables[int(table_id)]
        rows = value_v[pick]
        boundary = np.clip(rows >> 1, 0, len(table) - 1)
        converted = 2 * table[boundary] + (rows & 1)
        other = others[int(table_id)] if int(table_id) < len(others) else None
        if other is not None:  # values on the other side of their day
            side, alt = other
            moved = 2 * alt[np.clip(rows >> 1, 0, len(alt) - 1)] + (rows & 1)
            converted = np.where((rows & 1) == side, moved, converted)
        out[pick] = converted
    return out


def forward(
    net: Network,
    floor: IntArray,
    *,
    fixed: BoolArray | None = None,
    fixed_start_v: IntArray | None = None,
    fixed_finish_v: IntArray | None = None,
    delay: IntArray | None = None,
    ceiling_v: IntArray | None = None,
    floor_close: BoolArray | None = None,
    finish_floor_v: IntArray | None = None,
    finish_ceiling_v: IntArray | None = None,
    ceiling_least_v: IntArray | None = None,
) -> Early:
    """The forward pass: earliest start and finish of every node.

    `floor[i]` is the boundary node i may not start before (its project's
    start, or its start-no-earlier-than; `NEVER` for none): at the opening of
    its day, or where `floor_close[i]` at the close of the day before (a
    milestone that must finish no earlier than a day sits at its close). `ceiling_v[i]` is
    the latest *doubled* value (``2*boundary + side``) it may start at (a start-
    or finish-no-later-than; `LATEST` for none; doubled so that a milestone can
    be held at the close of a day): it wins over the links and the floor, as
    Microsoft Project's constraint dates do by default ("tasks will always honor
    their constraint dates"). `finish_floor_v[i]` (`finish_ceiling_v[i]`) is
    the earliest (latest) doubled value node i may *finish* at (``2*NEVER`` /
    `LATEST` for none): its start floor (ceiling) is its duration before that,
    each run counting its own (a milestone sits at the value); no ceiling puts
    node i before `ceiling_least_v[i]` (unfinished work after a status date).
    Nodes in `fixed`
    keep the given doubled values whatever their predecessors say (actual
    dates). `delay[i]` working days are added to node i's earliest time (a
    what-if slip of a milestone).

    **Many runs at once.** `net.duration` may have shape ``(n, runs)``: one
    column of durations per run (a Monte Carlo iteration), and then `delay` and
    the fixed values may be ``(n,)`` (shared) or ``(n, runs)``; the result has
    the same shape as the durations. The links and levels are shared.
    """
    if net.duration.ndim == 2:
        return _forward_runs(
            net,
            floor,
            fixed,
            fixed_start_v,
            fixed_finish_v,
            delay,
            ceiling_v,
            floor_close,
            finish_floor_v,
            finish_ceiling_v,
            ceiling_least_v,
        )
    n = net.size
    dur = net.duration
    positive = dur > 0
    floor_v = _floor_values(floor, floor_close, 2 * NEVER)
    span = 2 * dur - positive  # finish - start, doubled
    if finish_floor_v is not None:
        floor_v = np.maximum(floor_v, finish_floor_v - span)
    if finish_ceiling_v is not None:
        by_finish = finish_ceiling_v - span
        ceiling_v = by_finish if ceiling_v is None else np.minimum(ceiling_v, by_finish)
        if ceiling_least_v is not None:
            ceiling_v = np.maximum(ceiling_v, ceiling_least_v)
    # values[2i] is node i's start, values[2i+1] its finish (both doubled)
    values = np.empty(2 * n, dtype=np.int64)
    link = net.link[net.f_order]
    from_finish = (link == FS) | (link == FF)
    to_finish = (link == FF) | (link == SF)
    src_slot = 2 * net.src[net.f_order] + from_finish
    dst = net.dst[net.f_order]
    add = 2 * net.lag[net.f_order] - np.where(to_finish, 2 * dur[dst], 0)
    has_min = bool(net.minimum.any())

    def settle(nodes: IntArray, best: IntArray) -> None:
        if delay is not None:
            best = best + 2 * delay[nodes]
        d = dur[nodes]
        pos = positive[nodes]
        start = np.where(pos, best | 1, best)
        finish = np.where(pos, (best & ~1) + 2 * d, best)
        if fixed is not None and fixed_start_v is not None and fixed_finish_v is not None:
            fx = fixed[nodes]
            start = np.where(fx, fixed_start_v[nodes], start)
            finish = np.where(fx, fixed_finish_v[nodes], finish)
        values[2 * nodes] = start
        values[2 * nodes + 1] = finish

    def settle_one(node: int, best: int) -> None:
        # The same rule as `settle` for a generation of one node (a long chain), in
        # plain ints: numpy's per-call overhead would dominate.
        if delay is not None:
            best += 2 * int(delay[node])
        if (
            fixed is not None
            and fixed_start_v is not None
            and fixed_finish_v is not None
            and fixed[node]
        ):
            values[2 * node] = fixed_start_v[node]
            values[2 * node + 1] = fixed_finish_v[node]
            return
        d = int(dur[node])
        values[2 * node] = best | 1 if d > 0 else best
        values[2 * node + 1] = (best & ~1) + 2 * d if d > 0 else best

    simple = not has_min and net.crossing is None
    roots = np.flatnonzero(net.level == 0)
    settle(roots, floor_v[roots] if ceiling_v is None else np.minimum(floor_v, ceiling_v)[roots])
    for k in range(1, net.levels):
        e0, e1 = net.f_level_ptr[k], net.f_level_ptr[k + 1]
        s0, s1 = net.f_seg_level_ptr[k], net.f_seg_level_ptr[k + 1]
        if simple and s1 - s0 == 1:
            one = int(net.f_seg_node[s0])
            latest = max(int((values[src_slot[e0:e1]] + add[e0:e1]).max()), int(floor_v[one]))
            if ceiling_v is not None:
                latest = min(latest, int(ceiling_v[one]))
            settle_one(one, latest)
            continue
        cand = values[src_slot[e0:e1]]
        if net.crossing is not None:
            cand = _convert(net, net.f_order[e0:e1], cand)
        cand = cand + add[e0:e1]
        seg = net.f_seg_start[s0:s1] - e0
        nodes = net.f_seg_node[s0:s1]
        best = np.maximum.reduceat(cand, seg)
        if has_min:
            least = np.minimum.reduceat(cand, seg)
            best = np.where(net.minimum[nodes], least, best)
        best = np.maximum(best, floor_v[nodes])
        if ceiling_v is not None:
            best = np.minimum(best, ceiling_v[nodes])
        settle(nodes, best)
    return Early(values[0::2].copy(), values[1::2].copy())


@dataclass(frozen=True)
class Backward:
    """Late start and finish boundaries of every node."""

    start: IntArray
    finish: IntArray


def backward(
    net: Network,
    early: Early,
    cap: IntArray,
    *,
    fixed: BoolArray | None = None,
) -> Backward:
    """The backward pass: latest start and finish of every node, as boundaries.

    `cap[i]` is the latest finish node i is allowed (the programme's finish,
    lowered by a deadline). Links into a `minimum` node bind only the
    predecessors that set its early start. Nodes in `fixed` (finished work)
    keep their early dates. Several runs at once as in `forward` (durations of
    shape ``(n, runs)``; `cap` then ``(n,)`` or ``(n, runs)``).
    """
    if net.duration.ndim == 2:
        return _backward_runs(net, early, cap, fixed)
    n = net.size
    dur = net.duration
    es, ef = early.start, early.finish
    late = np.empty(2 * n, dtype=np.int64)  # late[2i] start, late[2i+1] finish
    order = net.b_order
    link = net.link[order]
    src = net.src[order]
    dst = net.dst[order]
    to_finish = (link == FF) | (link == SF)
    from_start = (link == SS) | (link == SF)
    dst_slot = 2 * dst + to_finish
    lag = net.lag[order]
    add_src = np.where(from_start, dur[src], 0)
    # a summary's start binds only the items that set it
    loose = net.minimum[dst] & (es[src] != es[dst])

    def settle(nodes: IntArray, lf: IntArray) -> None:
        ls = lf - dur[nodes]
        if fixed is not None:
            fx = fixed[nodes]
            lf = np.where(fx, ef[nodes], lf)
            ls = np.where(fx, es[nodes], ls)
        late[2 * nodes] = ls
        late[2 * nodes + 1] = lf

    everyone = np.arange(n, dtype=np.int64)
    settle(everyone, cap)  # nodes without successors keep these
    simple = net.crossing is None
    for k in range(net.levels - 1, -1, -1):
        e0, e1 = net.b_level_ptr[k], net.b_level_ptr[k + 1]
        if e0 == e1:
            continue
        s0, s1 = net.b_seg_level_ptr[k], net.b_seg_level_ptr[k + 1]
        if simple and s1 - s0 == 1:  # one node: plain ints, as in `forward`
            node = int(net.b_seg_node[s0])
            bound = late[dst_slot[e0:e1]] - lag[e0:e1] + add_src[e0:e1]
            lf = min(int(np.where(loose[e0:e1], _HUGE, bound).min()), int(cap[node]))
            if fixed is not None and fixed[node]:
                late[2 * node], late[2 * node + 1] = es[node], ef[node]
            else:
                late[2 * node], late[2 * node + 1] = lf - int(dur[node]), lf
            continue
        bound = late[dst_slot[e0:e1]] - lag[e0:e1]
        if net.crossing is not None:
            bound = _invert(net, order[e0:e1], bound)
        bound = bound + add_src[e0:e1]
        bound = np.where(loose[e0:e1], _HUGE, bound)
        seg = net.b_seg_start[s0:s1] - e0
        nodes = net.b_seg_node[s0:s1]
        settle(nodes, np.minimum(np.minimum.reduceat(bound, seg), cap[nodes]))
    return Backward(late[0::2].copy(), late[1::2].copy())


# --- many runs at once -------------------------------------------------------------------

_NEVER32 = -(2**29)
_HUGE32 = 2**29


def _run_dtype(
    net: Network, floor: IntArray, *extra: IntArray | None
) -> type[np.signedinteger[Any]]:
    """int32 when every doubled value of the runs fits well inside it (half the memory
    traffic of int64), else int64."""
    dur = net.duration
    reach = int(dur.max(initial=0)) * max(net.size, 1) + int(np.abs(net.lag).sum())
    known = [np.abs(floor[floor > NEVER])] + [np.abs(e) for e in extra if e is not None]
    largest = max((int(k.max(initial=0)) for k in known), default=0)
    return np.int32 if 2 * (largest + reach) + 2 < _HUGE32 else np.int64


def _forward_runs(
    net: Network,
    floor: IntArray,
    fixed: BoolArray | None,
    fixed_start_v: IntArray | None,
    fixed_finish_v: IntArray | None,
    delay: IntArray | None,
    ceiling_v: IntArray | None = None,
    floor_close: BoolArray | None = None,
    finish_floor_v: IntArray | None = None,
    finish_ceiling_v: IntArray | None = None,
    ceiling_least_v: IntArray | None = None,
) -> Early:
    """`forward` for durations of shape ``(n, runs)``: the same rules, one row per node.

    Links are taken slot by slot (`_Slots`) instead of by `reduceat`, values are int32
    when they fit, and a node of positive duration is settled by two whole-row operations:
    ``start = best | 1`` and ``finish = start - 1 + 2 * duration``.

    Finish constraints with a duration per run: `finish_floor_v[i]` (`finish_ceiling_v[i]`)
    is the earliest (latest) doubled value node i may *finish* at (``2*NEVER`` / `LATEST`
    for none), so each run's start floor (ceiling) counts that run's own duration back
    from it, as the single pass's floor and ceiling count the planned one (a task starts
    its duration before the close of the day, a milestone sits at it). `ceiling_least_v[i]`
    is the earliest a ceiling may put node i (work not done by the status date is not
    pulled before it), applied after the finish ceiling.
    """
    n, runs = net.duration.shape
    finish_bounds = [f[np.abs(f) < _HUGE] >> 1 for f in (finish_floor_v, finish_ceiling_v)
                     if f is not None]  # fmt: skip
    kind = _run_dtype(net, floor, fixed_start_v, fixed_finish_v, delay, *finish_bounds)
    never = 2 * NEVER if kind is np.int64 else _NEVER32
    dur = net.duration.astype(kind, copy=False)
    floor_v = _floor_values(floor, floor_close, never).astype(kind)[:, None]
    ceiling = None
    if ceiling_v is not None:  # none later than -never: beyond every value of the runs
        ceiling = np.minimum(ceiling_v, -never).astype(kind)[:, None]
    positive = (dur > 0).astype(kind)
    some_zero = positive.min(axis=1) == 0
    span = 2 * dur - positive  # finish - start, doubled, in each run
    finish_floor = finish_ceiling = ceiling_least = None
    if finish_floor_v is not None:
        finish_floor = np.maximum(finish_floor_v, never).astype(kind)[:, None]
    if finish_ceiling_v is not None:
        finish_ceiling = np.minimum(finish_ceiling_v, -never).astype(kind)[:, None]
    if ceiling_least_v is not None:
        ceiling_least = np.maximum(ceiling_least_v, never).astype(kind)[:, None]
    values = np.empty((2 * n, runs), dtype=kind)  # values[2i] start, values[2i+1] finish
    src_slot = 2 * net.src + ((net.link == FS) | (net.link == FF))
    to_finish = (net.link == FF) | (net.link == SF)
    lag2 = (2 * net.lag).astype(kind)[:, None]
    pinned = None
    if fixed is not None and fixed_start_v is not None and fixed_finish_v is not None:
        pinned = fixed
    plus = None if delay is None else (2 * np.asarray(delay)).astype(kind)
    if plus is not None and plus.ndim == 1:
        plus = plus[:, None]

    def settle(nodes: IntArray, best: NDArray[Any]) -> None:
        if plus is not None:
            best += plus[nodes]
        if some_zero[nodes].any():
            best |= positive[nodes]
        else:
            best |= 1
        values[2 * nodes] = best
        best += span[nodes]
        values[2 * nodes + 1] = best
        if pinned is not None:
            held = nodes[pinned[nodes]]
            if len(held):
                assert fixed_start_v is not None
                assert fixed_finish_v is not None
                values[2 * held] = _rows(fixed_start_v, held)
                values[2 * held + 1] = _rows(fixed_finish_v, held)

    def bounded(nodes: IntArray, best: NDArray[Any]) -> NDArray[Any]:
        # the floors, then the ceilings (which win), of `nodes` in every run
        np.maximum(best, floor_v[nodes], out=best)
        if finish_floor is not None:
            np.maximum(best, finish_floor[nodes] - span[nodes], out=best)
        top = None if ceiling is None else ceiling[nodes]
        if finish_ceiling is not None:
            by_finish = finish_ceiling[nodes] - span[nodes]
            top = by_finish if top is None else np.minimum(by_finish, top, out=by_finish)
            if ceiling_least is not None:
                np.maximum(top, ceiling_least[nodes], out=top)
        if top is not None:
            np.minimum(best, top, out=best)
        return best

    roots = np.flatnonzero(net.level == 0)
    settle(roots, bounded(roots, np.full((len(roots), runs), never, dtype=kind)))
    slots = _arranged(net, "f")
    has_min = bool(net.minimum.any())
    for k in range(1, net.levels):
        links = slots.links[k]
        nodes = slots.nodes[k]
        cand = values[src_slot[links]]
        if net.crossing is not None:
            cand = _convert(net, links, cand)
        cand += lag2[links]
        finishing = np.flatnonzero(to_finish[links])
        if len(finishing):
            cand[finishing] -= 2 * dur[net.dst[links[finishing]]]
        least = None
        if has_min and net.minimum[nodes].any():
            least = _segment_extreme(cand.copy(), slots.counts[k], slots.tails[k], True)
        best = _segment_extreme(cand, slots.counts[k], slots.tails[k], False)
        if least is not None:
            best = np.where(net.minimum[nodes][:, None], least, best)
        settle(nodes, bounded(nodes, best))
    return Early(values[0::2], values[1::2])


def _floor_values(floor: IntArray, close: BoolArray | None, never: int) -> IntArray:
    """Floors as doubled values: the opening of their day (``2*floor + 1``), the close of
    the day before where `close` says (``2*floor``), `never` for none."""
    side = 1 if close is None else 1 - close.astype(np.int64)
    return np.where(floor <= NEVER, never, 2 * floor + side)


def _rows(values: NDArray[Any], nodes: IntArray) -> NDArray[Any]:
    """Per-node values (shape (n,) or (n, runs)) for `nodes`, as rows that broadcast."""
    picked = values[nodes]
    return picked[:, None] if picked.ndim == 1 else picked


def _backward_runs(net: Network, early: Early, cap: IntArray, fixed: BoolArray | None) -> Backward:
    """`backward` for durations of shape ``(n, runs)`` (see `_forward_runs`)."""
    n, runs = net.duration.shape
    kind = early.start_v.dtype.type
    huge = _HUGE if kind is np.int64 else _HUGE32
    dur = net.duration.astype(kind, copy=False)
    es, ef = early.start, early.finish
    late = np.empty((2 * n, runs), dtype=kind)  # late[2i] start, late[2i+1] finish
    cap_rows = (cap if cap.ndim == 2 else cap[:, None]).astype(kind, copy=False)
    late[1::2] = cap_rows  # nodes without successors keep these
    np.subtract(late[1::2], dur, out=late[0::2])
    if fixed is not None and fixed.any():
        held = np.flatnonzero(fixed)
        late[2 * held], late[2 * held + 1] = es[held], ef[held]
    dst_slot = 2 * net.dst + ((net.link == FF) | (net.link == SF))
    from_start = (net.link == SS) | (net.link == SF)
    lag = net.lag.astype(kind)[:, None]
    into_min = net.minimum[net.dst]
    slots = _arranged(net, "b")
    for k in range(net.levels - 1, -1, -1):
        links = slots.links[k]
        if not len(links):
            continue
        nodes = slots.nodes[k]
        bound = late[dst_slot[links]]
        bound -= lag[links]
        if net.crossing is not None:
            bound = _invert(net, links, bound).astype(kind, copy=False)
        starting = np.flatnonzero(from_start[links])
        if len(starting):
            bound[starting] += dur[net.src[links[starting]]]
        loose = np.flatnonzero(into_min[links])
        if len(loose):  # a summary's start binds only the items that set it
            a, b = net.src[links[loose]], net.dst[links[loose]]
            bound[loose] = np.where(es[a] != es[b], huge, bound[loose])
        lf = _segment_extreme(bound, slots.counts[k], slots.tails[k], True)
        np.minimum(lf, cap_rows[nodes], out=lf)
        late[2 * nodes + 1] = lf
        lf -= dur[nodes]
        late[2 * nodes] = lf
        if fixed is not None:
            held = nodes[fixed[nodes]]
            if len(held):
                late[2 * held], late[2 * held + 1] = es[held], ef[held]
    return Backward(late[0::2], late[1::2])


def _invert(net: Network, links: IntArray, bound: IntArray) -> IntArray:
    """The latest source boundary whose crossing lands no later than `bound`."""
    assert net.crossing is not None
    which = net.crossing[links]
    out = bound.copy()
    for table_id in np.unique(which[which >= 0]):
        pick = which == table_id
        table = net.tables[int(table_id)]
        out[pick] = np.searchsorted(table, bound[pick], side="right") - 1
    return out


def link_slack(net: Network, early: Early) -> IntArray:
    """Per link, working days its predecessor could slip before the link moves its successor.

    Links into a `minimum` node (a summary's start) never bind and get a huge slack.
    """
    es, ef = early.start, early.finish
    src, dst, link, lag = net.src, net.dst, net.link, net.lag
    from_finish = (link == FS) | (link == FF)
    to_finish = (link == FF) | (link == SF)
    source = np.where(from_finish, ef[src], es[src])
    if net.crossing is not None:
        source = _convert(net, np.arange(len(src)), 2 * source) >> 1
    target = np.where(to_finish, ef[dst], es[dst])
    slack = target - (source + lag)
    return np.where(net.minimum[dst], _HUGE, slack)


def free_float(
    net: Network,
    early: Early,
    finish: IntArray,
    *,
    virtual: BoolArray | None = None,
) -> IntArray:
    """Free float: how far each node can slip before it delays any successor's early date.

    A node with no successors is measured against the programme finish
    (`finish[i]`, in node i's calendar). `virtual` nodes (summary dates the
    engine adds) pass the slack on: a task's float through its project's
    finish is the slack to that finish plus the finish's own free float.
    """
    n = net.size
    ef = early.finish
    src, dst = net.src, net.dst
    slack = link_slack(net, early)
    through = np.zeros(n, dtype=np.int64)
    if virtual is not None and virtual.any():
        # summaries, latest level first, so chains of them compose
        for node in sorted(np.flatnonzero(virtual).tolist(), key=lambda i: -int(net.level[i])):
            mine = src == node
            own = slack[mine] + through[dst[mine]]
            through[node] = int(own.min()) if len(own) else int(finish[node] - ef[node])
    out = (finish - ef).astype(np.int64)  # nodes without successors
    if len(src):
        per_link = (slack + through[dst])[net.b_order]
        out[net.b_seg_node] = np.minimum.reduceat(per_link, net.b_seg_start)
    return out
