"""The `Schedule`: dates, floats and critical paths as data, kept in arrays.

A schedule of a million tasks stays a handful of numpy arrays; the small
frozen `ScheduledItem` records are made only when asked for
(`schedule["task-id"]`, iteration, `to_dicts()`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np

from .._gc import bulk_objects
from .._json import dumps_json
from .._records import quick_init
from ..findings import Finding, Severity
from ..io.locations import locate
from ..words import long_date, plural
from .cpm import LATEST, Backward, Early, backward, forward, free_float, link_slack
from .plan import Plan

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["Schedule", "ScheduledItem", "WhatIf"]

_MAX_PATHS = 64  # enough for any board paper; path counts can explode combinatorially


@quick_init
@dataclass(frozen=True, slots=True)
class ScheduledItem:
    """One scheduled task, milestone, stage, project or tranche.

    Dates are the days shown in a plan (a 3-day task starting on a Monday
    finishes on the Wednesday); floats are in working days. A stage, project
    or tranche with nothing in it has no dates (None).
    """

    id: str
    name: str
    kind: str
    early_start: date | None
    early_finish: date | None
    late_start: date | None
    late_finish: date | None
    total_float: int | None
    free_float: int | None
    critical: bool

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON-ready data (ISO dates), in the JSON contract's shape."""
        return _item_dict(
            self.id,
            self.name,
            self.kind,
            _iso(self.early_start),
            _iso(self.early_finish),
            _iso(self.late_start),
            _iso(self.late_finish),
            self.total_float,
            self.free_float,
            self.critical,
        )


def _item_dict(
    item_id: str,
    name: str,
    kind: str,
    early_start: str | None,
    early_finish: str | None,
    late_start: str | None,
    late_finish: str | None,
    total_float: int | None,
    free_float: int | None,
    critical: bool,
) -> dict[str, Any]:
    """An item in the JSON contract's shape, from `ScheduledItem`'s fields in order (dates
    as ISO text): written out as a dict display, the quickest dict to make in bulk."""
    return {
        "id": item_id,
        "name": name,
        "kind": kind,
        "early_start": early_start,
        "early_finish": early_finish,
        "late_start": late_start,
        "late_finish": late_finish,
        "total_float": total_float,
        "free_float": free_float,
        "critical": critical,
    }


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The answer to "what if this item slips?": the new finish and what moves.

    `moved` lists (id, old early finish, new early finish) for every item
    whose early dates change, in schedule order.
    """

    item: str
    slip_days: int
    finish: date
    finish_change_days: int
    moved: list[tuple[str, date, date]] = field(default_factory=list)

    def to_dataframe(self) -> Any:
        """One row per moved item: early finish before and after (pandas is optional)."""
        from ..report.frames import dataframe, what_if_rows

        return dataframe(what_if_rows(self), index="id")

    def _repr_html_(self) -> str:
        from ..report.frames import html_table, what_if_rows

        return html_table(what_if_rows(self), f"If {self.item} slips {self.slip_days} days")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if ordinal > 0 else None


def _iso_day(ordinal: int) -> str | None:
    return _iso(_date(ordinal))


class _Days(dict[int, Any]):
    """Each day's value (its `date`, or its ISO text) by its ordinal, made once: a
    schedule's days repeat, so 100,000 dates are a few hundred days. 0 is no day (None)."""

    def __init__(self, make: Callable[[int], Any]) -> None:
        super().__init__({0: None})
        self._make = make

    def __missing__(self, ordinal: int) -> Any:
        value = self[ordinal] = self._make(ordinal)
        return value

    def column(self, ordinals: NDArray[np.int64]) -> list[Any]:
        """The days of a column of ordinals (a dict look-up each, no Python code per day
        already made)."""
        return list(map(self.__getitem__, ordinals.tolist()))


_DayColumns = list[list[Any]]


class _Columns:
    """A schedule's arrays as Python values, for making records: each day's `date` (or ISO
    text) made once, numpy scalars converted once per column, each made when first asked for."""

    def __init__(self, schedule: Schedule) -> None:
        self._schedule = schedule
        self.total_float: list[int] = schedule._total_float.tolist()
        self.free_float: list[int] = schedule._free_float.tolist()
        self.critical: list[bool] = schedule._critical.tolist()
        s_tf, s_ff, s_empty, s_critical = schedule._summary_float
        self.summary_total_float: list[int] = s_tf.tolist()
        self.summary_free_float: list[int] = s_ff.tolist()
        self.summary_empty: list[bool] = s_empty.tolist()
        self.summary_critical: list[bool] = s_critical.tolist()

    @cached_property
    def item_dates(self) -> _DayColumns:
        """The items' four date columns (early start and finish, late start and finish)."""
        return [self._dates.column(column) for column in self._schedule._item_dates]

    @cached_property
    def summary_dates(self) -> _DayColumns:
        """The summaries' four date columns."""
        return [self._dates.column(column) for column in self._schedule._summary_dates]

    @cached_property
    def item_iso(self) -> _DayColumns:
        """The items' four date columns as ISO text."""
        return [self._iso.column(column) for column in self._schedule._item_dates]

    @cached_property
    def summary_iso(self) -> _DayColumns:
        """The summaries' four date columns as ISO text."""
        return [self._iso.column(column) for column in self._schedule._summary_dates]

    @cached_property
    def _dates(self) -> _Days:
        return _Days(_date)

    @cached_property
    def _iso(self) -> _Days:
        return _Days(_iso_day)


class Schedule:
    """The result of `progman.schedule(programme)`.

    >>> from progman import Programme, Project, Task, Milestone, schedule
    >>> plan = schedule(Programme(id="p", name="P", start="2013-01-07", projects=[
    ...     Project(id="x", name="X", tasks=[
    ...         Task(id="a", name="A", duration=3),
    ...         Task(id="b", name="B", duration=2, depends_on=["a"])],
    ...     milestones=[Milestone(id="done", name="Done", depends_on=["b"])])]))
    >>> plan.finish, plan.critical_path
    (datetime.date(2013, 1, 11), ['a', 'b', 'done'])
    >>> plan["b"].early_start, plan["b"].total_float, plan["b"].critical
    (datetime.date(2013, 1, 10), 0, True)
    """

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        net = plan.network
        early = forward(
            net,
            plan.floor,
            fixed=plan.fixed,
            fixed_start_v=plan.fixed_start_v,
            fixed_finish_v=plan.fixed_finish_v,
            ceiling_v=plan.ceiling_v,
            floor_close=plan.floor_close,
        )
        self._early_scheduled = early  # before as-late-as-possible placement, for what-ifs
        real = np.zeros(net.size, dtype=bool)
        real[: plan.items] = True
        finish_cap = self._finish_boundaries(early)
        side = early.finish_v & 1
        cap = np.minimum(finish_cap, plan.deadline - np.where(net.duration == 0, side, 0))
        # a no-later-than constraint caps the late finish too (the late start it allows)
        if plan.ceiling_v is not None:
            cap = np.minimum(cap, (plan.ceiling_v >> 1) + net.duration)
        # must start on, must finish on: late dates are the constraint's, whatever follows
        # (MS Project sets both early and late start to the date, blocking the logic)
        late = backward(net, early, cap, fixed=plan.finished | plan.inflexible)
        if plan.alap.any():
            early = self._place_late(early, late)
        self._early = early
        self._late_start = late.start
        self._late_finish = late.finish
        total = late.start - early.start
        free = free_float(net, early, finish_cap, virtual=plan.virtual)
        free = np.clip(np.minimum(free, np.maximum(total, 0)), 0, None)
        self._total_float = np.where(plan.finished, 0, total)
        self._free_float = np.where(plan.finished, 0, free)
        self._critical = (self._total_float <= 0) & ~plan.finished
        self._display()
        self.critical_paths: list[list[str]] = self._paths(early)
        """Every critical path (up to 64), each an ordered list of ids, the longest first."""
        self.findings: list[Finding] = self._deadline_findings() + self._conflict_findings()
        """Problems the schedule shows: deadlines it misses (`SCHED-DEADLINE`), no-later-than
        constraints its links would break (`SCHED-CONSTRAINT-CONFLICT`)."""

    # --- building ------------------------------------------------------------------

    def _finish_boundaries(self, early: Early) -> NDArray[np.int64]:
        """The programme finish as a boundary in every node's own calendar."""
        plan = self._plan
        n = plan.network.size
        items = plan.items
        if items == 0:
            return np.zeros(n, dtype=np.int64)
        if len(plan.calendars) == 1:
            return np.full(n, int(early.finish[:items].max()), dtype=np.int64)
        # several calendars: the latest finish day, as a boundary in each calendar
        last = max(
            int(cal.ordinals(early.finish[:items][plan.node_calendar[:items] == k] - 1).max())
            for k, cal in enumerate(plan.calendars)
            if (plan.node_calendar[:items] == k).any()
        )
        per_calendar = [cal.index_after(date.fromordinal(last)) for cal in plan.calendars]
        return np.asarray(per_calendar, dtype=np.int64)[plan.node_calendar]

    def _place_late(self, early: Early, late: Backward) -> Early:
        """Put as-late-as-possible items on their late dates and schedule what follows them
        from there, as Microsoft Project does ("As Late As Possible: schedules the task as
        late as it can without delaying subsequent tasks"): the item takes up its total
        float, and its successors start after its late finish (they keep theirs when it
        has none to give). An item never moves earlier than its early dates (a deadline
        before its early finish leaves it there, late)."""
        plan = self._plan
        movable = plan.alap & ~plan.fixed & (late.finish > early.finish)
        if not movable.any():
            return early
        net = plan.network
        point = net.duration == 0
        # a task on its late dates starts at the opening of its late start; a milestone
        # sits at the close of the day before its late boundary (MS Project's late finish)
        start_v = np.where(movable, np.where(point, 2 * late.finish, 2 * late.start + 1), 0)
        finish_v = np.where(movable, 2 * late.finish, 0)
        return forward(
            net,
            plan.floor,
            fixed=plan.fixed | movable,
            fixed_start_v=np.where(plan.fixed, plan.fixed_start_v, start_v),
            fixed_finish_v=np.where(plan.fixed, plan.fixed_finish_v, finish_v),
            ceiling_v=plan.ceiling_v,
            floor_close=plan.floor_close,
        )

    def _ordinals(self, *indexes: NDArray[np.int64]) -> list[NDArray[np.int64]]:
        """Working-day indexes of the items -> date ordinals, each in its node's calendar."""
        plan = self._plan
        columns = [np.zeros(plan.items, dtype=np.int64) for _ in indexes]
        cal_of = plan.node_calendar[: plan.items]
        for k, cal in enumerate(plan.calendars):
            pick = cal_of == k if len(plan.calendars) > 1 else slice(None)
            for column, idx in zip(columns, indexes, strict=True):
                column[pick] = cal.ordinals(idx[pick])
        return columns

    def _display(self) -> None:
        """Boundaries -> the days shown in a plan, as ordinals (0: no date)."""
        plan = self._plan
        items = plan.items
        early = self._early
        net = plan.network
        point = net.duration[:items] == 0
        side = (early.finish_v[:items] & 1).astype(np.int64)
        es_idx = np.where(point, early.finish[:items] - 1 + side, early.start[:items])
        ef_idx = early.finish[:items] - 1 + np.where(point, side, 0)
        ls_idx = np.where(point, self._late_finish[:items] - 1 + side, self._late_start[:items])
        lf_idx = self._late_finish[:items] - 1 + np.where(point, side, 0)
        es, ef, ls, lf = self._ordinals(es_idx, ef_idx, ls_idx, lf_idx)
        for node, day in plan.actual_start.items():
            es[node] = day.toordinal()
        for node, day in plan.actual_finish.items():
            ef[node] = day.toordinal()
        fin = plan.finished[:items]
        ls[fin], lf[fin] = es[fin], ef[fin]
        self._item_dates = (es, ef, ls, lf)
        self._rollup()

    def _rollup(self) -> None:
        """Summary rows: a stage spans its items, a project its stages, a tranche its projects."""
        plan = self._plan
        count = len(plan.summaries)
        members, sizes, _, _ = self._members
        span = (np.minimum, np.maximum, np.minimum, np.maximum)  # es, ef, ls, lf
        s_dates = self._spans(self._item_dates, span)
        s_tf = np.zeros(count, dtype=np.int64)
        s_ff = np.zeros(count, dtype=np.int64)
        s_critical = np.zeros(count, dtype=bool)
        # float of the work still to do; finished work has none to give
        open_work = ~plan.finished[: plan.items][members]
        remaining = members[open_work]
        if len(remaining):
            owners = np.repeat(np.arange(count), sizes)[open_work]
            first = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
            who = owners[first]
            s_tf[who] = np.minimum.reduceat(self._total_float[remaining], first)
            s_ff[who] = np.minimum.reduceat(self._free_float[remaining], first)
            s_critical[who] = np.logical_or.reduceat(self._critical[remaining], first)
        self._summary_dates = s_dates
        self._summary_float = (s_tf, s_ff, sizes == 0, s_critical)

    @cached_property
    def _members(
        self,
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """The members of every summary, one summary after another, so that a column is
        reduced for all summaries at once (not with numpy calls per summary: 84,000 for
        12,000 summaries); how many each has; the summaries with any, and where theirs
        begin."""
        summaries = self._plan.summaries
        sizes = np.fromiter(map(len, (s.items for s in summaries)), np.int64, len(summaries))
        members = np.fromiter(
            chain.from_iterable(s.items for s in summaries), np.int64, int(sizes.sum())
        )
        full = np.flatnonzero(sizes)
        return members, sizes, full, (np.cumsum(sizes) - sizes)[full]

    def _spans(
        self, columns: Sequence[NDArray[np.int64]], reduces: Sequence[np.ufunc]
    ) -> list[NDArray[np.int64]]:
        """Per summary, each of the items' columns reduced over its members (by its
        `reduces`, np.minimum or np.maximum); 0 for a summary with none."""
        members, _, full, starts = self._members
        out = []
        for column, reduce in zip(columns, reduces, strict=True):
            values = np.zeros(len(self._plan.summaries), dtype=np.int64)
            if len(members):
                values[full] = reduce.reduceat(column[members], starts)
            out.append(values)
        return out

    def _paths(self, early: Early) -> list[list[str]]:
        """Chains of critical items joined by links that drive their successors."""
        plan = self._plan
        net = plan.network
        critical = self._critical
        slack = link_slack(net, early)
        driving = np.flatnonzero(critical[net.src] & critical[net.dst] & (slack == 0))
        nexts: dict[int, list[int]] = {}
        has_pred: set[int] = set()
        for k in driving.tolist():
            u, v = int(net.src[k]), int(net.dst[k])
            nexts.setdefault(u, []).append(v)
            has_pred.add(v)
        # `early.start` and `early.finish` work out every node's boundary: once each here
        begin, end = early.start, early.finish
        starts = [i for i in np.flatnonzero(critical).tolist() if i not in has_pred]
        starts = [i for _, i in sorted(zip(begin[starts].tolist(), starts, strict=True))]
        paths: list[list[int]] = []
        for first in starts:
            # depth first with one shared path (no copying per step: chains can be long)
            path = [first]
            pending = [iter(sorted(set(nexts.get(first, []))))]
            if first not in nexts:
                paths.append([first])
            while pending and len(paths) < _MAX_PATHS * 4:
                step = next(pending[-1], None)
                if step is None:
                    path.pop()
                    pending.pop()
                    continue
                path.append(step)
                pending.append(iter(sorted(set(nexts.get(step, [])))))
                if step not in nexts:
                    paths.append(list(path))
        out: list[list[str]] = []
        seen: set[tuple[str, ...]] = set()
        finish = int(end[: plan.items].max()) if plan.items else 0
        paths.sort(key=lambda p: (-int(end[p[-1]] >= finish), -len(p)))
        for path in paths:
            ids = tuple(plan.node_label[i] for i in path if i < plan.items)
            if ids and ids not in seen:
                seen.add(ids)
                out.append(list(ids))
            if len(out) == _MAX_PATHS:
                break
        return out

    def _deadline_findings(self) -> list[Finding]:
        plan = self._plan
        out = []
        ef = self._item_dates[1]
        for node, due in enumerate(plan.deadline_dates):
            if due is None or plan.finished[node]:
                continue
            cal = plan.calendars[int(plan.node_calendar[node])]
            forecast = date.fromordinal(int(ef[node]))
            late = cal.index_after(forecast) - cal.index_after(due)
            if late <= 0:
                continue
            path = f"{plan.paths[node]}.must_finish_by"
            out.append(
                Finding(
                    "SCHED-DEADLINE",
                    Severity.WARNING,
                    f"{plan.names[node]!r} due {long_date(due)} is forecast "
                    f"{plural(late, 'working day')} late ({long_date(forecast)})",
                    path=path,
                    location=locate(plan.programme, path),
                    subject=plan.ids[node],
                    data={
                        "due": due.isoformat(),
                        "forecast": forecast.isoformat(),
                        "late_days": late,
                    },
                )
            )
        return out

    def _conflict_findings(self) -> list[Finding]:
        """A no-later-than constraint holding an item earlier than its links allow.

        Microsoft Project honours the constraint date over the links by default and warns
        of a scheduling conflict; the work before the item then shows negative float. The
        shortfall is the most negative slack of the links into the item, in working days.
        """
        plan = self._plan
        if plan.ceiling_v is None:
            return []
        net = plan.network
        held = np.flatnonzero(plan.ceiling_v[: plan.items] < LATEST)
        if not len(held) or not len(net.dst):
            return []
        slack = link_slack(net, self._early)
        short = np.zeros(net.size, dtype=np.int64)
        np.minimum.at(short, net.dst, slack)
        out = []
        for node in held.tolist():
            if plan.finished[node] or short[node] >= 0:
                continue
            item = _item_at(plan.programme, plan.paths[node])
            field = "finish_no_later_than"
            if getattr(item, field, None) is None:
                field = "start_no_later_than"
            when: date = getattr(item, field)
            days = -int(short[node])
            what = field.replace("_", " ")
            path = f"{plan.paths[node]}.{field}"
            out.append(
                Finding(
                    "SCHED-CONSTRAINT-CONFLICT",
                    Severity.WARNING,
                    f"{plan.names[node]!r} must {what} {long_date(when)}, but its links "
                    f"would move it {plural(days, 'working day')} later: it is held to the "
                    "date, so the work before it shows negative float",
                    path=path,
                    location=locate(plan.programme, path),
                    subject=plan.ids[node],
                    data={"constraint": field, "date": when.isoformat(), "days": days},
                )
            )
        return out

    # --- reading -------------------------------------------------------------------

    @property
    def start(self) -> date | None:
        """The earliest early start of any task or milestone."""
        es = self._item_dates[0]
        return _date(int(es.min())) if len(es) else None

    @property
    def finish(self) -> date | None:
        """The programme's finish: the latest early finish of any task or milestone."""
        ef = self._item_dates[1]
        return _date(int(ef.max())) if len(ef) else None

    @property
    def critical_path(self) -> list[str]:
        """The critical path ending at the programme finish (the longest, if several)."""
        return self.critical_paths[0] if self.critical_paths else []

    def __len__(self) -> int:
        return len(self._plan.order)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._rows

    @property
    def _rows(self) -> dict[str, tuple[str, int]]:
        rows = self.__dict__.get("_row_index")
        if rows is None:
            rows = {}
            for kind, k in self._plan.order:
                key = self._plan.ids[k] if kind == "item" else self._plan.summaries[k].id
                rows.setdefault(key, (kind, k))
            self.__dict__["_row_index"] = rows
        return rows

    def at_close(self, item_id: str) -> bool:
        """True for a milestone shown at the close of its day (it follows a finish), False
        for one at the opening of its day or anything else. The close of a working day and
        the opening of the next are one moment; Microsoft Project shows a milestone reached
        by a lead at the opening.

        >>> from progman import Programme
        >>> plan = Programme.model_validate({"id": "p", "name": "P", "start": "2013-01-07",
        ...     "projects": [{"id": "x", "name": "X", "tasks": [
        ...         {"id": "a", "name": "A", "duration": 2}],
        ...     "milestones": [{"id": "m", "name": "M", "depends_on": ["a"]},
        ...                    {"id": "k", "name": "Kick-off"}]}]})
        >>> from progman.schedule import schedule
        >>> result = schedule(plan)
        >>> result.at_close("m"), result.at_close("k"), result.at_close("a")
        (True, False, False)
        """
        kind, k = self._rows.get(item_id, ("", -1))
        if kind != "item" or self._plan.network.duration[k] != 0:
            return False
        return not int(self._early.finish_v[k]) & 1

    def early_dates(self) -> dict[str, tuple[date | None, date | None]]:
        """Early start and finish of every item by id, in one pass (for bulk work)."""
        cached = self.__dict__.get("_early_dates")
        if cached is None:
            plan = self._plan
            days = _Days(_date)
            es, ef = (days.column(column) for column in self._item_dates[:2])
            cached = dict(zip(plan.ids, zip(es, ef, strict=True), strict=True))
            s_es, s_ef = (days.column(column) for column in self._summary_dates[:2])
            for k, summary in enumerate(plan.summaries):
                cached.setdefault(summary.id, (s_es[k], s_ef[k]))
            self.__dict__["_early_dates"] = cached
        return cached

    def planned_dates(self) -> dict[str, tuple[date | None, date | None]]:
        """Start and finish of every item by id as planned, before any progress: the
        planned durations from the planned starts, ignoring actuals and the status date.

        This is the plan that overdue work and planned value are measured against when
        the programme holds no baseline.

        >>> from progman import Programme, Project, Task, schedule
        >>> plan = schedule(Programme(id="p", name="P", start="2013-01-07",
        ...     status_date="2013-01-18", projects=[Project(id="x", name="X", tasks=[
        ...         Task(id="a", name="A", duration=3)])]))
        >>> plan.planned_dates()["a"], plan["a"].early_start   # not started: moved on
        ((datetime.date(2013, 1, 7), datetime.date(2013, 1, 9)), datetime.date(2013, 1, 21))
        """
        cached = self.__dict__.get("_planned_dates")
        if cached is None:
            plan = self._plan
            net = plan.network.with_duration(plan.planned_duration)
            early = forward(
                net,
                plan.planned_floor,
                ceiling_v=plan.planned_ceiling_v,
                floor_close=plan.planned_floor_close,
            )
            items = plan.items
            point = plan.planned_duration[:items] == 0
            side = (early.finish_v[:items] & 1).astype(np.int64)
            es_idx = np.where(point, early.finish[:items] - 1 + side, early.start[:items])
            ef_idx = early.finish[:items] - 1 + np.where(point, side, 0)
            es, ef = self._ordinals(es_idx, ef_idx)
            days = _Days(_date)
            starts, finishes = days.column(es), days.column(ef)
            cached = dict(zip(plan.ids, zip(starts, finishes, strict=True), strict=True))
            s_es, s_ef = (
                days.column(column) for column in self._spans((es, ef), (np.minimum, np.maximum))
            )
            for k in self._members[2].tolist():  # the summaries with members
                cached.setdefault(plan.summaries[k].id, (s_es[k], s_ef[k]))
            self.__dict__["_planned_dates"] = cached
        return cached

    @property
    def status_date(self) -> date | None:
        """The status date the schedule was made at (None: no progress date)."""
        return self._plan.status_date

    def get(self, item_id: str, default: ScheduledItem | None = None) -> ScheduledItem | None:
        """The scheduled item with this id, or `default` when there is none."""
        try:
            return self[item_id]
        except KeyError:
            return default

    def __getitem__(self, item_id: str) -> ScheduledItem:
        try:
            kind, k = self._rows[item_id]
        except KeyError:
            raise KeyError(f"no task, milestone, stage, project or tranche {item_id!r}") from None
        return self._record(kind, k)

    @property
    def _columns(self) -> _Columns:
        columns = self.__dict__.get("_python_columns")
        if columns is None:
            columns = self.__dict__["_python_columns"] = _Columns(self)
        return columns

    def _record(self, kind: str, k: int) -> ScheduledItem:
        c = self._columns
        return ScheduledItem(*self._row(kind, k, c.item_dates, c.summary_dates))

    def _item_columns(self, item_days: _DayColumns) -> list[Sequence[Any]]:
        """The tasks' and milestones' fields in `ScheduledItem`'s order, a column each, the
        days taken from `item_days` (four columns: dates, or their ISO text). The floats'
        columns go on past the items, over the summary nodes."""
        plan = self._plan
        c = self._columns
        return [
            plan.ids,
            plan.names,
            plan.kinds,
            *item_days,
            c.total_float,
            c.free_float,
            c.critical,
        ]

    def _row(
        self, kind: str, k: int, item_days: _DayColumns, summary_days: _DayColumns
    ) -> tuple[Any, ...]:
        """One row's field values in `ScheduledItem`'s order, its days taken from
        `item_days` or `summary_days` (four columns each: dates, or their ISO text)."""
        plan = self._plan
        c = self._columns
        if kind == "item":
            # a list, not a generator: one lookup by id at about the cost it had before
            return tuple([column[k] for column in self._item_columns(item_days)])
        summary = plan.summaries[k]
        if c.summary_empty[k]:
            return (summary.id, summary.name, summary.kind, *(None,) * 6, False)
        es, ef, ls, lf = (column[k] for column in summary_days)
        tf, ff, critical = (
            c.summary_total_float[k],
            c.summary_free_float[k],
            c.summary_critical[k],
        )
        return (summary.id, summary.name, summary.kind, es, ef, ls, lf, tf, ff, critical)

    def __iter__(self) -> Iterator[ScheduledItem]:
        """Every item in reading order: each project, then its items and stages."""
        c = self._columns
        for row in self._rows_in_order(c.item_dates, c.summary_dates):
            yield ScheduledItem(*row)

    def _rows_in_order(
        self, item_days: _DayColumns, summary_days: _DayColumns
    ) -> list[tuple[Any, ...]]:
        """Every row's field values, in reading order: the tasks' and milestones' rows made
        a column at a time (they are most of a schedule), the summaries' one by one."""
        items = list(zip(*self._item_columns(item_days), strict=False))  # stops at the items
        summaries = [
            self._row("summary", k, item_days, summary_days)
            for k in range(len(self._plan.summaries))
        ]
        return [items[k] if kind == "item" else summaries[k] for kind, k in self._plan.order]

    def __repr__(self) -> str:
        return (
            f"<Schedule {len(self)} items, {self.start} to {self.finish}, "
            f"critical path {len(self.critical_path)} items>"
        )

    # --- export --------------------------------------------------------------------

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every item as a JSON-ready dict (the `items` of the JSON contract): what
        `ScheduledItem.to_dict` gives for each, made straight from the columns."""
        with bulk_objects():  # a dict per item: the cyclic GC would rescan the programme
            c = self._columns
            item_days, summary_days = c.item_iso, c.summary_iso
            # the tasks' and milestones' dicts made from the columns (map stops at the
            # items), with no row tuple per item; the summaries' one by one
            items = list(map(_item_dict, *self._item_columns(item_days)))
            summaries = [
                _item_dict(*self._row("summary", k, item_days, summary_days))
                for k in range(len(self._plan.summaries))
            ]
            return [items[k] if kind == "item" else summaries[k] for kind, k in self._plan.order]

    def to_dict(self) -> dict[str, Any]:
        """The schedule as JSON-ready data: finish, critical path, items and findings (the
        contract of docs/scheduling.md, and what `progman schedule --format json` prints)."""
        return {
            "finish": _iso(self.finish),
            "critical_path": self.critical_path,
            "items": self.to_dicts(),
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The schedule in the JSON contract of docs/scheduling.md (`to_dict()`)."""
        return dumps_json(self.to_dict(), indent=indent)

    def to_dataframe(self) -> Any:
        """The items as a `pandas.DataFrame` indexed by id, dates as dates (pandas is optional)."""
        from dataclasses import asdict

        from ..report.frames import dataframe

        return dataframe((asdict(item) for item in self), index="id")

    def _repr_html_(self) -> str:
        from ..report.notebook import schedule_html

        return schedule_html(self)

    # --- what-if -------------------------------------------------------------------

    def what_if(self, item_id: str, slip_days: int, *, allow_pull_in: bool = False) -> WhatIf:
        """What happens if task or milestone `item_id` finishes `slip_days` working days late.

        A task takes `slip_days` longer (its start stays); a milestone is
        reached that much later. Only the forward pass is re-run. Work already
        finished keeps its actual dates: slipping it is refused (`ValueError`), and
        so is a negative slip (a pull-in) unless `allow_pull_in=True`.

        >>> from progman import Programme, Project, Task, schedule
        >>> plan = schedule(Programme(id="p", name="P", start="2013-01-07", projects=[
        ...     Project(id="x", name="X", tasks=[
        ...         Task(id="a", name="A", duration=3),
        ...         Task(id="b", name="B", duration=2, depends_on=["a"]),
        ...         Task(id="c", name="C", duration=1)])]))
        >>> answer = plan.what_if("a", 2)
        >>> answer.finish, answer.finish_change_days
        (datetime.date(2013, 1, 15), 2)
        >>> [moved[0] for moved in answer.moved]   # c has float enough
        ['x', 'a', 'b']
        """
        plan = self._plan
        row = self._rows.get(item_id)
        if row is None or row[0] != "item":
            raise KeyError(f"no task or milestone {item_id!r} to slip")
        node = row[1]
        if plan.finished[node]:
            done = plan.actual_finish.get(node)
            raise ValueError(
                f"{item_id!r} finished on {long_date(done)}: its actual dates cannot slip"
                if done
                else f"{item_id!r} is finished: its actual dates cannot slip"
            )
        if slip_days < 0 and not allow_pull_in:
            raise ValueError(
                f"a slip of {slip_days} working days pulls {item_id!r} in: pass "
                "allow_pull_in=True to ask what finishing earlier would do"
            )
        net = plan.network
        duration = net.duration.copy()
        fixed_finish_v = plan.fixed_finish_v.copy()
        delay = None
        if plan.fixed[node]:
            fixed_finish_v[node] += 2 * slip_days
            duration[node] += slip_days
        elif duration[node] > 0:
            duration[node] += slip_days
        else:
            delay = np.zeros(net.size, dtype=np.int64)
            delay[node] = slip_days
        new = forward(
            net.with_duration(duration),
            plan.floor,
            fixed=plan.fixed,
            fixed_start_v=plan.fixed_start_v,
            fixed_finish_v=fixed_finish_v,
            delay=delay,
            ceiling_v=plan.ceiling_v,
            floor_close=plan.floor_close,
        )
        old = self._early_scheduled
        items = plan.items
        changed = (new.finish_v[:items] != old.finish_v[:items]) | (
            new.start_v[:items] != old.start_v[:items]
        )
        point = duration[:items] == 0
        side = new.finish_v[:items] & 1
        new_ef = new.finish[:items] - 1 + np.where(point, side, 0)
        old_ef = self._item_dates[1]
        new_ef_ord = old_ef.copy()
        for k, cal in enumerate(plan.calendars):
            pick = changed & (plan.node_calendar[:items] == k)
            new_ef_ord[pick] = cal.ordinals(new_ef[pick])
        moved_rows: list[tuple[str, date, date]] = []
        for kind, k in plan.order:
            if kind == "item":
                if changed[k]:
                    moved_rows.append(
                        (
                            plan.ids[k],
                            date.fromordinal(int(old_ef[k])),
                            date.fromordinal(int(new_ef_ord[k])),
                        )
                    )
                continue
            members = np.asarray(plan.summaries[k].items, dtype=np.int64)
            if len(members) and changed[members].any():
                before, after = int(old_ef[members].max()), int(new_ef_ord[members].max())
                if before != after:
                    moved_rows.append(
                        (plan.summaries[k].id, date.fromordinal(before), date.fromordinal(after))
                    )
        old_finish = self.finish
        new_finish = date.fromordinal(int(new_ef_ord.max()))
        assert old_finish is not None
        calendar = plan.calendars[0]
        change = calendar.index_after(new_finish) - calendar.index_after(old_finish)
        return WhatIf(item_id, slip_days, new_finish, change, moved_rows)


def _item_at(programme: Any, path: str) -> Any:
    """The object at a model path such as `projects[0].stages[1].tasks[2]`."""
    found = programme
    for part in path.split("."):
        name, _, index = part.partition("[")
        found = getattr(found, name)
        if index:
            found = found[int(index[:-1])]
    return found
