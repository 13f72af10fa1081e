"""From a `Programme` to the engine's arrays: nodes, links, floors, actuals, calendars.

Every task and milestone becomes a node. A link that names a stage, project
or tranche as its predecessor goes through a *summary node* added for it:
the summary's finish (FS, FF) is a zero-length node after every item inside
it; its start (SS, SF) is a node at the earliest start of those items. A
project's own `depends_on` applies to every item of that project, so no part
of the project starts (FS, SS) or finishes (FF, SF) before the link allows.

Nothing here mutates the programme.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, overload

import numpy as np

from .._gc import bulk_objects
from ..findings import Finding, Severity
from ..io.locations import locate
from ..model import Calendar, Milestone, Programme, Task
from .calendar import WorkingCalendar, crossing_table, first_year_for
from .cpm import LINK_CODES, NEVER, CycleFound, Network
from .errors import ScheduleError

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import NDArray

__all__ = ["Plan", "Summary", "compile_plan"]

TASK, MILESTONE, STAGE, PROJECT, TRANCHE = "task", "milestone", "stage", "project", "tranche"


class LinkPaths(Sequence[str]):
    """Each link's model path, written out only when asked for: a dependency's link is
    kept as (its holder's path, its index in `depends_on`), other links as their path."""

    def __init__(self, entries: list[str | tuple[str, int]]) -> None:
        self._entries = entries

    def append(self, entry: str | tuple[str, int]) -> None:
        """Add the next link's path, or its holder's path and dependency index."""
        self._entries.append(entry)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        entry = self._entries[k]
        if isinstance(entry, str):
            return entry
        holder, index = entry
        return f"{holder}.depends_on[{index}]"


@dataclass
class Summary:
    """A stage, project or tranche: the items it spans and the summaries inside it."""

    id: str
    name: str
    kind: str
    path: str
    items: list[int] = field(default_factory=list)
    calendar: int = 0


@dataclass
class Plan:
    """The programme as arrays for the engine, plus what is needed to turn results into dates.

    Nodes 0..`items`-1 are tasks and milestones in model order; the rest are
    summary nodes (`node_label` gives the summary's id).
    """

    programme: Programme
    ids: list[str]
    names: list[str]
    kinds: list[str]
    paths: list[str]
    items: int
    node_label: list[str]
    network: Network
    floor: NDArray[np.int64]
    fixed: NDArray[np.bool_]
    fixed_start_v: NDArray[np.int64]
    fixed_finish_v: NDArray[np.int64]
    planned_floor: NDArray[np.int64]
    """Floors before work was moved past the status date (the plan as if nothing were late)."""
    planned_duration: NDArray[np.int64]
    """Durations as planned, before actuals replaced them."""
    finished: NDArray[np.bool_]
    deadline: NDArray[np.int64]
    deadline_dates: list[date | None]
    actual_start: dict[int, date]
    actual_finish: dict[int, date]
    node_calendar: NDArray[np.int64]
    calendars: list[WorkingCalendar]
    alap: NDArray[np.bool_]
    summaries: list[Summary]
    virtual: NDArray[np.bool_]
    link_paths: Sequence[str]
    """Per link, the model path of the dependency that made it."""
    order: list[tuple[str, int]]
    status_date: date | None = None


@dataclass
class _Builder:
    """Collects nodes and links while walking the programme."""

    programme: Programme
    findings: list[Finding] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    models: list[Task | Milestone] = field(default_factory=list)
    item_calendar: list[int] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    # rows in reading order: ("item", node) or ("summary", index)
    order: list[tuple[str, int]] = field(default_factory=list)
    src: list[int] = field(default_factory=list)
    dst: list[int] = field(default_factory=list)
    link: list[int] = field(default_factory=list)
    lag: list[int] = field(default_factory=list)
    link_paths: LinkPaths = field(default_factory=lambda: LinkPaths([]))
    # The index of a task's own calendar (None when one calendar is imposed on all).
    task_calendar: Callable[[Task, str, int], int] | None = None

    def problem(self, code: str, message: str, path: str, subject: str | None = None) -> None:
        self.findings.append(
            Finding(
                code,
                Severity.ERROR,
                message,
                path=path,
                location=locate(self.programme, path),
                subject=subject,
            )
        )

    def add_item(self, item: Task | Milestone, path: str, calendar: int) -> int:
        if isinstance(item, Task) and item.calendar is not None and self.task_calendar:
            calendar = self.task_calendar(item, path, calendar)
        self.ids.append(item.id)
        self.names.append(item.name)
        self.kinds.append(TASK if isinstance(item, Task) else MILESTONE)
        self.paths.append(path)
        self.models.append(item)
        self.item_calendar.append(calendar)
        self.order.append(("item", len(self.ids) - 1))
        return len(self.ids) - 1

    def add_summary(self, summary: Summary) -> int:
        self.order.append(("summary", len(self.summaries)))
        self.summaries.append(summary)
        return len(self.summaries) - 1


def _calendars(
    programme: Programme, override: Calendar | WorkingCalendar | None, first_year: int
) -> tuple[list[WorkingCalendar], dict[str, int], list[Finding]]:
    """One WorkingCalendar per calendar in use; projects' calendar ids mapped to their index."""
    if isinstance(override, WorkingCalendar):
        return [override], {}, []
    if override is not None:
        return [WorkingCalendar(override, first_year=first_year)], {}, []
    findings: list[Finding] = []
    wanted: dict[str, int] = {}
    built: list[WorkingCalendar] = []
    known = {calendar.id for calendar in programme.calendars} | {"default"}
    for index, project in enumerate([None, *programme.projects]):
        name = (project.calendar if project is not None else None) or "default"
        if name in wanted:
            continue
        if name not in known:
            path = f"projects[{index - 1}].calendar"
            findings.append(
                Finding(
                    "SCHED-UNKNOWN-CALENDAR",
                    Severity.ERROR,
                    f"project {project.id if project else ''!r} uses calendar {name!r}, which "
                    f"is not among the programme's calendars{_did_you_mean(name, known)}",
                    path=path,
                    location=locate(programme, path),
                )
            )
            continue
        wanted[name] = len(built)
        built.append(WorkingCalendar(programme.calendar(name), first_year=first_year))
    return built, wanted, findings


def _did_you_mean(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _all_dates(programme: Programme, status_date: date | None) -> list[date | None]:
    days: list[date | None] = [programme.start, status_date]
    for project in programme.projects:
        days.append(project.start)
    for _, _, item in programme.work_items():
        days += [item.start_no_earlier_than, item.must_finish_by]
        if isinstance(item, Task):
            days += [item.actual_start, item.actual_finish]
        else:
            days.append(item.achieved_on)
    return days


def _needs_start(item: Task | Milestone) -> bool:
    """True for work not pinned by actual dates, which needs a start date to schedule from."""
    if isinstance(item, Task):
        return item.actual_start is None
    return item.achieved_on is None


def _remaining(task: Task) -> int:
    """Working days left on a started task (see docs/scheduling.md, 'Progress')."""
    if task.remaining_duration is not None:
        return task.remaining_duration
    done = task.percent_complete or 0
    return math.ceil(task.duration * (100 - float(done)) / 100)


def compile_plan(
    programme: Programme,
    *,
    calendar: Calendar | WorkingCalendar | None = None,
    status_date: date | None = None,
    reschedule: bool | None = None,
) -> Plan:
    """Turn a programme into engine arrays; raise `ScheduleError` with every problem found.

    With a status date and `reschedule` (default: the programme's
    `forecasting.reschedule_uncompleted_work`), work not done by the status date
    (the rest of started tasks, and unstarted work whose start has passed) is
    scheduled from the next working day on, as MS Project's "reschedule uncompleted
    work to start after the status date"; without it, work stays where the plan put it.
    """
    if reschedule is None:
        reschedule = programme.forecasting.reschedule_uncompleted_work
    # The walk appends to long lists and creates no reference cycles; pausing the cyclic
    # garbage collector saves about a quarter of the time on large programmes.
    with bulk_objects():
        return _compile(programme, calendar, status_date, reschedule)


def _compile(
    programme: Programme,
    calendar: Calendar | WorkingCalendar | None,
    status_date: date | None,
    reschedule: bool,
) -> Plan:
    starts = [p.start for p in programme.projects if p.start is not None]
    programme_start = programme.start or (min(starts) if starts else None)
    days = _all_dates(programme, status_date)
    first_year = first_year_for(days, programme_start.year if programme_start else 2000)
    calendars, calendar_index, findings = _calendars(programme, calendar, first_year)
    b = _Builder(programme, findings=findings)
    if calendar is None:
        known = {c.id for c in programme.calendars} | {"default"}

        def task_calendar(task: Task, path: str, fallback: int) -> int:
            """The index of the calendar a task names, built on first use."""
            name = task.calendar or "default"
            if name not in calendar_index:
                if name not in known:
                    b.problem(
                        "SCHED-UNKNOWN-CALENDAR",
                        f"task {task.id!r} uses calendar {name!r}, which is not among the "
                        f"programme's calendars{_did_you_mean(name, known)}",
                        f"{path}.calendar",
                        task.id,
                    )
                    return fallback
                calendar_index[name] = len(calendars)
                calendars.append(WorkingCalendar(programme.calendar(name), first_year=first_year))
            return calendar_index[name]

        b.task_calendar = task_calendar

    # --- nodes: tasks and milestones in model order ----------------------------------
    item_start: list[date | None] = []
    for k, milestone in enumerate(programme.milestones):
        b.add_item(milestone, f"milestones[{k}]", 0)
        item_start.append(programme_start)
    project_summary: dict[int, int] = {}
    for p, project in enumerate(programme.projects):
        cal_id = calendar_index.get(project.calendar or "default", 0)
        start = project.start or programme.start
        if start is None and any(_needs_start(item) for _, item in project.work_items()):
            b.problem(
                "SCHED-NO-START",
                f"project {project.id!r} has no start date and the programme has none: "
                "set `start` on the project or the programme",
                f"projects[{p}].start",
                project.id,
            )
        summary = Summary(project.id, project.name, PROJECT, f"projects[{p}]", calendar=cal_id)
        project_summary[p] = b.add_summary(summary)
        for field_name in ("tasks", "milestones"):
            for k, item in enumerate(getattr(project, field_name)):
                node = b.add_item(item, f"projects[{p}].{field_name}[{k}]", cal_id)
                summary.items.append(node)
                item_start.append(start)
        for s, stage in enumerate(project.stages):
            stage_summary = Summary(
                stage.id, stage.name, STAGE, f"projects[{p}].stages[{s}]", calendar=cal_id
            )
            b.add_summary(stage_summary)
            for field_name in ("tasks", "milestones"):
                for k, item in enumerate(getattr(stage, field_name)):
                    node = b.add_item(item, f"projects[{p}].stages[{s}].{field_name}[{k}]", cal_id)
                    stage_summary.items.append(node)
                    summary.items.append(node)
                    item_start.append(start)
    for t, tranche in enumerate(programme.tranches):
        tranche_summary = Summary(tranche.id, tranche.name, TRANCHE, f"tranches[{t}]")
        for p, project in enumerate(programme.projects):
            if project.tranche == tranche.id:
                tranche_summary.items += b.summaries[project_summary[p]].items
        b.add_summary(tranche_summary)
    items = len(b.ids)
    if programme_start is None and items and not programme.projects:
        b.problem(
            "SCHED-NO-START",
            "the programme has no start date: set `start` on the programme",
            "start",
        )

    # --- ids ----------------------------------------------------------------------
    # each id's first node (zipped in reverse, so the earliest is written last)
    index = dict(zip(reversed(b.ids), range(len(b.ids) - 1, -1, -1), strict=True))
    if len(index) < len(b.ids):  # an id used twice: find each second use
        index = {}
        for node, item_id in enumerate(b.ids):
            if item_id in index:
                b.problem(
                    "SCHED-DUPLICATE-ID",
                    f"{item_id!r} is used by two items ({b.paths[index[item_id]]} and "
                    f"{b.paths[node]}): ids must be unique",
                    b.paths[node],
                    item_id,
                )
            else:
                index[item_id] = node
    summary_by_id: dict[str, int] = {}
    for k, summary in enumerate(b.summaries):
        if summary.id in index or summary.id in summary_by_id:
            other = (
                b.paths[index[summary.id]]
                if summary.id in index
                else b.summaries[summary_by_id[summary.id]].path
            )
            b.problem(
                "SCHED-DUPLICATE-ID",
                f"{summary.id!r} is used twice ({other} and {summary.path}): ids must be unique",
                summary.path,
                summary.id,
            )
        else:
            summary_by_id[summary.id] = k
    virtual_nodes: dict[tuple[int, bool], int] = {}
    node_label = list(b.ids)
    node_calendar = list(b.item_calendar)
    minimum = [False] * items

    def summary_node(k: int, at_finish: bool) -> int:
        key = (k, at_finish)
        if key not in virtual_nodes:
            node = len(node_label)
            virtual_nodes[key] = node
            summary = b.summaries[k]
            node_label.append(summary.id)
            node_calendar.append(summary.calendar)
            minimum.append(not at_finish)
            for member in summary.items:
                b.src.append(member)
                b.dst.append(node)
                b.link.append(LINK_CODES["FS" if at_finish else "SS"])
                b.lag.append(0)
                b.link_paths.append(summary.path)
        return virtual_nodes[key]

    def source(ref: str, link: int, path: str, holder: str) -> int | None:
        if ref in index:
            return index[ref]
        if ref in summary_by_id:
            return summary_node(summary_by_id[ref], link in (0, 2))
        known = sorted([*index, *summary_by_id])
        close = difflib.get_close_matches(ref, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        b.problem(
            "SCHED-UNKNOWN-REF",
            f"{holder!r} depends on {ref!r}, which is not a task, milestone, stage, project "
            f"or tranche in the programme{hint}",
            path,
            holder,
        )
        return None

    def add_link(src: int, dst: int, link: int, lag: int, path: str) -> None:
        b.src.append(src)
        b.dst.append(dst)
        b.link.append(link)
        b.lag.append(lag)
        b.link_paths.append(path)

    # The bulk of the links, appended without a call per link; each link's path is kept
    # as (holder, k) and written out only when a finding needs it (`LinkPaths`).
    src_list, dst_list, link_list, lag_list = b.src, b.dst, b.link, b.lag
    where = b.link_paths
    for node in range(items):
        item = b.models[node]
        if not item.depends_on:
            continue
        holder = b.paths[node]
        for k, dep in enumerate(item.depends_on):
            code = LINK_CODES[dep.type]  # a LinkType is its name
            pred = index.get(dep.on)
            if pred is None:
                pred = source(dep.on, code, f"{holder}.depends_on[{k}]", item.id)
                if pred is None:
                    continue
            src_list.append(pred)
            dst_list.append(node)
            link_list.append(code)
            lag_list.append(dep.lag)
            where.append((holder, k))
    for p, project in enumerate(programme.projects):
        members = b.summaries[project_summary[p]].items
        for k, dep in enumerate(project.depends_on):
            path = f"projects[{p}].depends_on[{k}]"
            code = LINK_CODES[str(dep.type)]
            pred = source(dep.on, code, path, project.id)
            if pred is None:
                continue
            if dep.on == project.id:
                b.findings.append(
                    Finding(
                        "SCHED-CYCLE",
                        Severity.ERROR,
                        f"dependency cycle: {project.id} -> {project.id}",
                        path=path,
                        location=locate(programme, path),
                        subject=project.id,
                        data={"cycle": [project.id, project.id], "links": [path]},
                    )
                )
                continue
            for member in members:
                add_link(pred, member, code, dep.lag, path)
    n = len(node_label)
    src = np.asarray(b.src, dtype=np.int64)
    dst = np.asarray(b.dst, dtype=np.int64)
    link = np.asarray(b.link, dtype=np.int64)
    lag = np.asarray(b.lag, dtype=np.int64)
    try:
        network = Network.build(
            np.zeros(n, dtype=np.int64),
            src,
            dst,
            link,
            lag,
            minimum=np.asarray(minimum, dtype=bool),
        )
    except CycleFound as cycle:
        from .graph import cycles_among

        cycles = cycles_among(cycle.stuck, src, dst)
        b.findings += cycle_findings(programme, node_label, b.link_paths, src, dst, cycles)
        if not cycles:  # pragma: no cover - Kahn's leftovers always hold a cycle
            b.problem("SCHED-CYCLE", "the links loop back on themselves", "")
    if b.findings:
        raise ScheduleError(b.findings)

    # --- per-node numbers -----------------------------------------------------------
    # Items' numbers are gathered in Python lists and put into arrays once (assigning
    # numpy elements one at a time costs several times more); progress is rarer and
    # written straight into its arrays.
    fixed = np.zeros(n, dtype=bool)
    finished = np.zeros(n, dtype=bool)
    fixed_start_v = np.zeros(n, dtype=np.int64)
    fixed_finish_v = np.zeros(n, dtype=np.int64)
    floors: list[int] = [NEVER] * items
    planned_floors: list[int] = [NEVER] * items
    durations: list[int] = [0] * items
    planned_durations: list[int] = [0] * items
    deadlines: list[int] = [2**40] * items
    late_as_possible: list[bool] = [False] * items
    deadline_dates: list[date | None] = [None] * items
    actual_start: dict[int, date] = {}
    actual_finish: dict[int, date] = {}
    start_index: dict[tuple[date, int], int] = {}
    resume_from: dict[int, int] = {}  # per calendar: the first working day after the status date
    rescheduling = reschedule and status_date is not None
    for node in range(items):
        item = b.models[node]
        cal_key = b.item_calendar[node]
        cal = calendars[cal_key]
        start = item_start[node]
        floor_at = NEVER
        if start is not None:
            key = (start, cal_key)
            if key not in start_index:  # one look-up per project, not per item
                start_index[key] = cal.index(start)
            floor_at = start_index[key]
        if item.start_no_earlier_than is not None:
            floor_at = cal.index(item.start_no_earlier_than)
        if item.must_finish_by is not None:
            deadlines[node] = cal.index_after(item.must_finish_by)
            deadline_dates[node] = item.must_finish_by
        late_as_possible[node] = item.as_late_as_possible
        planned_floors[node] = floor_at
        if status_date is not None and cal_key not in resume_from:
            resume_from[cal_key] = cal.index_after(status_date)
        if rescheduling and _needs_start(item):
            # not started by the status date: it cannot start before the next working day
            floor_at = max(floor_at, resume_from[cal_key])
        floors[node] = floor_at
        if isinstance(item, Task):
            durations[node] = planned_durations[node] = item.duration
            if item.actual_start is not None:
                s = cal.index(item.actual_start)
                actual_start[node] = item.actual_start
                if item.actual_finish is not None:
                    f = max(cal.index_after(item.actual_finish), s)
                    actual_finish[node] = item.actual_finish
                    finished[node] = True
                else:
                    left = _remaining(item)
                    if rescheduling:
                        resume = max(s, resume_from[cal_key])
                    else:
                        resume = s + max(0, item.duration - left)
                    f = max(resume + left, s + 1)
                fixed[node] = True
                durations[node] = f - s
                fixed_start_v[node] = 2 * s + 1
                fixed_finish_v[node] = 2 * f if f > s else 2 * s + 1
        elif item.achieved_on is not None:
            f = cal.index_after(item.achieved_on)
            fixed[node] = finished[node] = True
            actual_finish[node] = actual_start[node] = item.achieved_on
            fixed_start_v[node] = fixed_finish_v[node] = 2 * f
    duration = _column(durations, n, 0)
    floor = _column(floors, n, NEVER)
    planned_floor = _column(planned_floors, n, NEVER)
    planned_duration = _column(planned_durations, n, 0)
    deadline = _column(deadlines, n, 2**40)
    alap = np.zeros(n, dtype=bool)
    alap[:items] = late_as_possible

    # --- links across calendars -------------------------------------------------------
    node_cal = np.asarray(node_calendar, dtype=np.int64)
    crossing = None
    tables: list[NDArray[np.int64]] = []
    if len(calendars) > 1 and len(src) and (node_cal[src] != node_cal[dst]).any():
        longest = np.maximum(duration, planned_duration)  # the table must cover both plans
        crossing, tables = _crossings(calendars, node_cal, src, dst, link, lag, longest, floor)
    network = replace(network, duration=duration, crossing=crossing, tables=tuple(tables))
    virtual = np.zeros(n, dtype=bool)
    virtual[items:] = True
    return Plan(
        programme=programme,
        ids=b.ids,
        names=b.names,
        kinds=b.kinds,
        paths=b.paths,
        items=items,
        node_label=node_label,
        network=network,
        floor=floor,
        fixed=fixed,
        fixed_start_v=fixed_start_v,
        fixed_finish_v=fixed_finish_v,
        planned_floor=planned_floor,
        planned_duration=planned_duration,
        finished=finished,
        deadline=deadline,
        deadline_dates=deadline_dates,
        actual_start=actual_start,
        actual_finish=actual_finish,
        node_calendar=node_cal,
        calendars=calendars,
        alap=alap,
        summaries=b.summaries,
        virtual=virtual,
        link_paths=b.link_paths,
        order=b.order,
        status_date=status_date,
    )


def _column(values: list[int], size: int, rest: int) -> NDArray[np.int64]:
    """The items' values as an array of `size` nodes, the summary nodes after them `rest`."""
    column = np.full(size, rest, dtype=np.int64)
    column[: len(values)] = values
    return column


def _crossings(
    calendars: list[WorkingCalendar],
    node_cal: NDArray[np.int64],
    src: NDArray[np.int64],
    dst: NDArray[np.int64],
    link: NDArray[np.int64],
    lag: NDArray[np.int64],
    duration: NDArray[np.int64],
    floor: NDArray[np.int64],
) -> tuple[NDArray[np.int64], list[NDArray[np.int64]]]:
    """Per link, the conversion table it needs (-1 for links within one calendar)."""
    # No boundary can pass the latest floor plus every duration and positive lag.
    horizon = int(floor.max(initial=0)) + int(duration.sum()) + int(lag.clip(0).sum()) + 10
    crossing = np.full(len(src), -1, dtype=np.int64)
    keys: dict[tuple[int, int, bool, bool], int] = {}
    tables: list[NDArray[np.int64]] = []
    for k in np.flatnonzero(node_cal[src] != node_cal[dst]):
        code = int(link[k])
        key = (int(node_cal[src[k]]), int(node_cal[dst[k]]), code in (0, 2), code in (2, 3))
        if key not in keys:
            keys[key] = len(tables)
            source, target = calendars[key[0]], calendars[key[1]]
            tables.append(
                crossing_table(source, target, horizon, from_finish=key[2], to_finish=key[3])
            )
        crossing[k] = keys[key]
    return crossing, tables


def cycle_findings(
    programme: Programme,
    labels: list[str],
    link_paths: Sequence[str],
    src: NDArray[np.int64],
    dst: NDArray[np.int64],
    cycles: list[list[int]],
) -> list[Finding]:
    """One `SCHED-CYCLE` finding per cycle, located at the first link that closes it."""
    where: dict[tuple[int, int], str] = {}
    for k in range(len(src)):
        where.setdefault((int(src[k]), int(dst[k])), link_paths[k])
    out = []
    for cycle in cycles:
        names = [labels[node] for node in cycle]
        # the link held by the successor: cycle[i+1] depends on cycle[i]
        paths = [where.get((cycle[i], cycle[i + 1]), "") for i in range(len(cycle) - 1)]
        path = next((p for p in paths if ".depends_on[" in p), paths[0] if paths else "")
        out.append(
            Finding(
                "SCHED-CYCLE",
                Severity.ERROR,
                "dependency cycle: " + " -> ".join(names),
                path=path,
                location=locate(programme, path),
                subject=names[0],
                data={
                    "cycle": names,
                    "links": paths,
                    "locations": [
                        str(loc) if (loc := locate(programme, p)) is not None else None
                        for p in paths
                    ],
                },
            )
        )
    return out
