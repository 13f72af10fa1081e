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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import chain, compress, repeat
from operator import attrgetter, is_not, itemgetter
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from .._gc import bulk_objects
from ..findings import Finding, Severity
from ..io.locations import locate
from ..model import Calendar, Milestone, Programme, Task, Weekday
from .calendar import WorkingCalendar, crossing_table, first_year_for
from .cpm import LATEST, LINK_CODES, NEVER, CycleFound, Network
from .errors import ScheduleError

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import NDArray

__all__ = ["FinishBounds", "Plan", "Summary", "compile_plan"]

TASK, MILESTONE, STAGE, PROJECT, TRANCHE = "task", "milestone", "stage", "project", "tranche"

# What the plan reads of each task and milestone, taken in one go per list from each
# object's field dict: the walk reads each object once (on 100,000 tasks every further
# pass over them costs some 40 ms, the objects being far apart in memory). Both start
# alike; a task goes on with its actual dates, calendar and duration, a milestone with the
# day it was reached.
_FIELDS = attrgetter("__dict__")
_ITEM_FACTS = (
    "id",
    "name",
    "depends_on",
    "as_late_as_possible",
    "start_no_earlier_than",
    "must_finish_by",
    "start_no_later_than",
    "finish_no_later_than",
    "finish_no_earlier_than",
)
_TASK_FACTS = itemgetter(*_ITEM_FACTS, "actual_start", "actual_finish", "calendar", "duration")
_MILESTONE_FACTS = itemgetter(*_ITEM_FACTS, "achieved_on")
# What the plan reads of each dependency, and a link type's name (a `LinkType` is its
# name; as a dict key it would hash by a Python call per link).
_LINK_FACTS = itemgetter("on", "type", "lag", "elapsed_lag")
_NAME = attrgetter("_name_")


def _at(paths: Sequence[str], k: int | slice) -> list[str] | int:
    """For `__getitem__` of the lazy path lists: the paths of a slice, or the index `k`
    checked and made non-negative."""
    if isinstance(k, slice):
        return [paths[i] for i in range(*k.indices(len(paths)))]
    size = len(paths)
    if not -size <= k < size:
        raise IndexError("path index out of range")
    return k + size if k < 0 else k


class ItemPaths(Sequence[str]):
    """Each task's and milestone's model path (`projects[0].tasks[3]`), written out only
    when asked for: kept as the lists that hold the items and the node each list starts at."""

    def __init__(self) -> None:
        self._firsts: list[int] = []
        self._lists: list[str] = []
        self._size = 0

    def add(self, path: str, count: int) -> None:
        """Add the next `count` items, held in the list at `path`."""
        if count:
            self._firsts.append(self._size)
            self._lists.append(path)
            self._size += count

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        node = _at(self, k)
        if isinstance(node, list):
            return node
        run = bisect_right(self._firsts, node) - 1
        return f"{self._lists[run]}[{node - self._firsts[run]}]"


class LinkPaths(Sequence[str]):
    """Each link's model path, written out only when asked for: a dependency's link is
    kept as the node that holds it and its index in that item's `depends_on`, other links
    (a summary's, a project's dependency) as their path."""

    def __init__(self, items: Sequence[str]) -> None:
        self._items = items
        self._holders: list[int | str] = []
        self._index: list[int] = []

    def append(self, path: str) -> None:
        """Add the next link's path."""
        self._holders.append(path)
        self._index.append(0)

    def extend(self, holders: list[int], index: list[int]) -> None:
        """Add the links of dependencies: per link, the node that holds it and its index in
        that item's `depends_on`."""
        self._holders += holders
        self._index += index

    def __len__(self) -> int:
        return len(self._holders)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        link = _at(self, k)
        if isinstance(link, list):
            return link
        holder = self._holders[link]
        if isinstance(holder, str):
            return holder
        return f"{self._items[holder]}.depends_on[{self._index[link]}]"


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
    paths: Sequence[str]
    items: int
    node_label: list[str]
    network: Network
    floor: NDArray[np.int64]
    fixed: NDArray[np.bool_]
    fixed_start_v: NDArray[np.int64]
    fixed_finish_v: NDArray[np.int64]
    planned_floor: NDArray[np.int64]
    """Floors before work was moved past the status date (the plan as if nothing were late)."""
    ceiling_v: NDArray[np.int64] | None
    """Per node, the latest doubled start value its no-later-than constraints allow
    (`cpm.forward`; `LATEST` for none), never before the status date's next working day
    when unstarted work is rescheduled; None when no item has such a constraint (the
    passes then skip them)."""
    planned_ceiling_v: NDArray[np.int64] | None
    """Ceilings as planned, before work was moved past the status date."""
    inflexible: NDArray[np.bool_]
    """Items held to one date by their constraints (must start on, must finish on): their
    late dates are their early dates, as Microsoft Project sets them."""
    floor_close: NDArray[np.bool_] | None
    """Per node, whether its floor is at the close of the day before `floor` (a milestone
    that must finish no earlier than a day: `cpm.forward`); None when no node's is."""
    planned_floor_close: NDArray[np.bool_] | None
    """The same for `planned_floor`."""
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
    elapsed_lag: NDArray[np.int64] | None = None
    """Per link, the lag in calendar days of a link whose lag is elapsed (its `lag` is then
    0 and its crossing table carries it); None when no link has one."""
    finish_bounds: FinishBounds | None = None
    """The finish constraints kept as finishes, for runs whose durations are not the
    planned ones; None when no item has a finish no earlier or no later than."""


@dataclass(frozen=True)
class FinishBounds:
    """The finish constraints as `cpm.forward` takes them for a duration per run.

    `Plan.floor` and `Plan.ceiling_v` count each item's planned duration back from its
    finish no earlier / no later than; here the start bounds leave the finish constraints
    out and the finishes are kept apart, so that each run counts its own duration back
    (`cpm.forward`'s `finish_floor_v`, `finish_ceiling_v`, `ceiling_least_v`).
    """

    floor: NDArray[np.int64]
    """`Plan.floor` without the finish no earlier than (every floor at a day's opening:
    `floor_close` does not apply): the start no earlier than, else the project start for
    a linked item (none for an unlinked one: the finish takes its place), and the status
    date's next working day for rescheduled work."""
    ceiling_v: NDArray[np.int64] | None
    """`Plan.ceiling_v` without the finish no later than."""
    finish_floor_v: NDArray[np.int64]
    """The doubled close of each finish no earlier than's day (``2*NEVER`` for none)."""
    finish_ceiling_v: NDArray[np.int64]
    """The doubled close of each finish no later than's day (`LATEST` for none)."""
    ceiling_least_v: NDArray[np.int64]
    """For items with a finish constraint, the doubled opening of the status date's next
    working day when their work is rescheduled after it: no ceiling puts them earlier
    (``2*NEVER`` for none)."""


@dataclass
class _Builder:
    """Collects nodes and links while walking the programme: per task and milestone, what
    the plan reads of it (`_TASK_FACTS`, `_MILESTONE_FACTS`), a column per fact."""

    programme: Programme
    findings: list[Finding] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    paths: ItemPaths = field(default_factory=ItemPaths)
    models: list[Task | Milestone] = field(default_factory=list)
    links: list[list[Any]] = field(default_factory=list)
    """Per item, its `depends_on`."""
    alap: list[bool] = field(default_factory=list)
    not_before: list[date | None] = field(default_factory=list)
    finish_by: list[date | None] = field(default_factory=list)
    """The deadline (`must_finish_by`)."""
    no_later: list[date | None] = field(default_factory=list)
    finish_no_later: list[date | None] = field(default_factory=list)
    finish_no_earlier: list[date | None] = field(default_factory=list)
    began: list[date | None] = field(default_factory=list)
    """What makes the item started or reached: `actual_start`, `achieved_on`."""
    ended: list[date | None] = field(default_factory=list)
    """A task's `actual_finish` (None for a milestone)."""
    durations: list[int] = field(default_factory=list)
    """A task's duration, 0 for a milestone."""
    item_calendar: list[int] = field(default_factory=list)
    own_calendar: list[int] = field(default_factory=list)
    """The tasks that name their own calendar."""
    item_start: list[date | None] = field(default_factory=list)
    """The day each item's work may start from (its project's or the programme's start)."""
    runs: list[tuple[range, date | None, int]] = field(default_factory=list)
    """The items added together: their nodes, their start and their list's calendar."""
    summaries: list[Summary] = field(default_factory=list)
    # rows in reading order: ("item", node) or ("summary", index)
    order: list[tuple[str, int]] = field(default_factory=list)
    src: list[int] = field(default_factory=list)
    dst: list[int] = field(default_factory=list)
    link: list[int] = field(default_factory=list)
    lag: list[int] = field(default_factory=list)
    link_paths: LinkPaths = field(init=False)
    elapsed: list[tuple[int, int]] = field(default_factory=list)  # (link, calendar days)
    # The index of a task's own calendar (None when one calendar is imposed on all).
    task_calendar: Callable[[Task, str, int], int] | None = None

    def __post_init__(self) -> None:
        self.link_paths = LinkPaths(self.paths)

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

    def add_items(
        self,
        items: Sequence[Task | Milestone],
        kind: str,
        path: str,
        calendar: int,
        start: date | None,
    ) -> range:
        """Add a list of tasks (`kind` TASK) or milestones held at `path`, their work to
        start from `start`: their nodes."""
        first, count = len(self.ids), len(items)
        nodes = range(first, first + count)
        if not count:
            return nodes
        # a row per item (one read of each object), turned into a column per fact
        columns = list(
            zip(
                *map(_TASK_FACTS if kind == TASK else _MILESTONE_FACTS, map(_FIELDS, items)),
                strict=True,
            )
        )
        (
            ids,
            names,
            links,
            alap,
            not_before,
            finish_by,
            no_later,
            finish_no_later,
            finish_no_earlier,
        ) = columns[:9]
        calendars = [calendar] * count
        if kind == TASK:
            began, ended, own, durations = columns[9:]
            if self.task_calendar and own.count(None) != count:
                for k in compress(range(count), map(is_not, own, repeat(None))):
                    task = items[k]
                    if isinstance(task, Task):  # it names its calendar
                        calendars[k] = self.task_calendar(task, f"{path}[{k}]", calendar)
                        self.own_calendar.append(first + k)
        else:
            (began,) = columns[9:]
            ended, durations = (None,) * count, (0,) * count
        self.ids += ids
        self.names += names
        self.kinds += [kind] * count
        self.paths.add(path, count)
        self.models += items
        self.links += links
        self.alap += alap
        self.not_before += not_before
        self.finish_by += finish_by
        self.no_later += no_later
        self.finish_no_later += finish_no_later
        self.finish_no_earlier += finish_no_earlier
        self.began += began
        self.ended += ended
        self.durations += durations
        self.item_calendar += calendars
        self.item_start += [start] * count
        self.runs.append((nodes, start, calendar))
        self.order += zip(repeat("item"), nodes)
        return nodes

    def add_summary(self, summary: Summary) -> int:
        self.order.append(("summary", len(self.summaries)))
        self.summaries.append(summary)
        return len(self.summaries) - 1


def _calendars(
    programme: Programme, override: Calendar | WorkingCalendar | None
) -> tuple[list[Calendar | WorkingCalendar], dict[str, int], list[Finding]]:
    """Each calendar the projects use (their working-day tables are built once the walk has
    found the first year they need); projects' calendar ids mapped to their index."""
    if override is not None:
        return [override], {}, []
    findings: list[Finding] = []
    wanted: dict[str, int] = {}
    built: list[Calendar | WorkingCalendar] = []
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
                    subject=project.id if project else None,
                )
            )
            continue
        wanted[name] = len(built)
        built.append(programme.calendar(name))
    return built, wanted, findings


SUGGESTION_BUDGET = 5_000
"""Ids a schedule compares broken links with for "did you mean", in all."""


def _did_you_mean(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _first_year(programme: Programme, status_date: date | None, b: _Builder) -> int:
    """The first year the working-day tables need: the earliest date the programme holds."""
    days = [programme.start, status_date, *(project.start for project in programme.projects)]
    dates = chain(
        b.not_before,
        b.finish_by,
        b.began,
        b.ended,
        b.no_later,
        b.finish_no_later,
        b.finish_no_earlier,
    )
    days.append(min(filter(None, dates), default=None))
    starts = [project.start for project in programme.projects if project.start is not None]
    programme_start = programme.start or (min(starts) if starts else None)
    return first_year_for(days, programme_start.year if programme_start else 2000)


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
    kept, calendar_index, findings = _calendars(programme, calendar)
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
                calendar_index[name] = len(kept)
                kept.append(programme.calendar(name))
            return calendar_index[name]

        b.task_calendar = task_calendar

    # --- nodes: tasks and milestones in model order ----------------------------------
    b.add_items(programme.milestones, MILESTONE, "milestones", 0, programme_start)
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
        for field_name, kind in (("tasks", TASK), ("milestones", MILESTONE)):
            path = f"projects[{p}].{field_name}"
            summary.items += b.add_items(getattr(project, field_name), kind, path, cal_id, start)
        for s, stage in enumerate(project.stages):
            stage_summary = Summary(
                stage.id, stage.name, STAGE, f"projects[{p}].stages[{s}]", calendar=cal_id
            )
            b.add_summary(stage_summary)
            for field_name, kind in (("tasks", TASK), ("milestones", MILESTONE)):
                path = f"projects[{p}].stages[{s}].{field_name}"
                nodes = b.add_items(getattr(stage, field_name), kind, path, cal_id, start)
                stage_summary.items += nodes
                summary.items += nodes
    for t, tranche in enumerate(programme.tranches):
        tranche_summary = Summary(tranche.id, tranche.name, TRANCHE, f"tranches[{t}]")
        for p, project in enumerate(programme.projects):
            if project.tranche == tranche.id:
                tranche_summary.items += b.summaries[project_summary[p]].items
        b.add_summary(tranche_summary)
    items = len(b.ids)
    first_year = _first_year(programme, status_date, b)
    calendars = [
        c if isinstance(c, WorkingCalendar) else WorkingCalendar(c, first_year=first_year)
        for c in kept
    ]
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

    # Every broken link compared with every id was quadratic (16,000 broken links in a
    # 20,000-task plan: hours); the ids are sorted once and the comparisons (10-60 us each)
    # kept to a budget per schedule, as `PG-REF-UNRESOLVED` does.
    ids_sorted: list[str] = []
    budget = [SUGGESTION_BUDGET]

    def source(ref: str, link: int, path: str, holder: str) -> int | None:
        if ref in index:
            return index[ref]
        if ref in summary_by_id:
            return summary_node(summary_by_id[ref], link in (0, 2))
        if not ids_sorted:
            ids_sorted.extend(sorted([*index, *summary_by_id]))
        hint = ""
        if len(ids_sorted) <= budget[0]:  # "did you mean", within a budget of comparisons
            budget[0] -= len(ids_sorted)
            close = difflib.get_close_matches(ref, ids_sorted, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
        b.problem(
            "SCHED-UNKNOWN-REF",
            f"{holder!r} depends on {ref!r}, which is not a task, milestone, stage, project "
            f"or tranche in the programme{hint}",
            path,
            holder,
        )
        return None

    def add_link(src: int, dst: int, link: int, lag: int, path: str, elapsed: bool) -> None:
        b.src.append(src)
        b.dst.append(dst)
        b.link.append(link)
        if elapsed:
            b.elapsed.append((len(b.lag), lag))
            lag = 0
        b.lag.append(lag)
        b.link_paths.append(path)

    # The links of the items' `depends_on`, in order: each dependency read once, the rest
    # done a column at a time (no Python code per link). Where a predecessor is not an
    # item (a summary, or unknown), `source` says so in turn: a summary's own links come
    # before the first link on it, as they would link by link.
    counts = list(map(len, b.links))
    holders = list(chain.from_iterable(map(repeat, range(items), counts)))
    positions = list(chain.from_iterable(map(range, counts)))
    facts = list(map(_LINK_FACTS, map(_FIELDS, chain.from_iterable(b.links))))
    ons, types, lags, elapsed = (list(map(itemgetter(k), facts)) for k in range(4))
    codes = list(map(LINK_CODES.__getitem__, map(_NAME, types)))
    preds = list(map(index.get, ons))
    at, end = 0, len(preds)
    while at < end:
        try:
            stop = preds.index(None, at)
        except ValueError:
            stop = end
        if any(elapsed[at:stop]):  # carried by the link's crossing table, not working days
            for k in compress(range(at, stop), elapsed[at:stop]):
                b.elapsed.append((len(b.lag) + k - at, lags[k]))
                lags[k] = 0
        b.src += cast("list[int]", preds[at:stop])  # none is None before `stop`
        b.dst += holders[at:stop]
        b.link += codes[at:stop]
        b.lag += lags[at:stop]
        b.link_paths.extend(holders[at:stop], positions[at:stop])
        if stop < end:
            node = holders[stop]
            path = f"{b.paths[node]}.depends_on[{positions[stop]}]"
            preds[stop] = source(ons[stop], codes[stop], path, b.ids[node])
            at = stop if preds[stop] is not None else stop + 1
        else:
            at = stop
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
                add_link(pred, member, code, dep.lag, path, dep.elapsed_lag)
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
    ceilings: list[int] = [LATEST] * items
    planned_ceilings: list[int] = [LATEST] * items
    no_later_count = 0  # items with a no-later-than constraint
    closes: list[bool] = [False] * items
    planned_close: list[bool] = [False] * items
    floor_closes = 0  # items floored at a day's close
    held: list[bool] = [False] * items
    planned_durations = b.durations
    durations = list(planned_durations)  # a started task's: what it takes from its start
    deadlines: list[int] = [2**40] * items
    deadline_dates: list[date | None] = [None] * items
    actual_start: dict[int, date] = {}
    actual_finish: dict[int, date] = {}
    start_index: dict[tuple[date, int], int] = {}
    resume_from: dict[int, int] = {}  # per calendar: the first working day after the status date
    # per item with a finish constraint: (node, start floor, start ceiling, earliest finish,
    # latest finish, least ceiling), for `FinishBounds`
    by_finish: list[tuple[int, int, int, int, int, int]] = []
    rescheduling = reschedule and status_date is not None

    def start_at(start: date | None, cal_key: int) -> int:
        """The boundary work starting from `start` may start at in a calendar (`NEVER` for
        no start): one look-up per project and calendar, not per item."""
        if start is None:
            return NEVER
        key = (start, cal_key)
        if key not in start_index:
            start_index[key] = calendars[cal_key].index(start)
        return start_index[key]

    # An item with no constraint and no actual date starts no earlier than its project's
    # start (after the status date, when rescheduling): so a list at a time. Only the
    # others are walked one by one, below; should a date leave a calendar's reach, every
    # item is, so that the error is the first such date's, in reading order.
    dated = (
        b.not_before,
        b.finish_by,
        b.began,
        b.no_later,
        b.finish_no_later,
        b.finish_no_earlier,
    )
    walk: Sequence[int] = sorted(
        set().union(
            *(
                compress(range(items), map(is_not, day, repeat(None)))
                for day in dated
                if day.count(None) < items
            )
        )
    )
    try:
        for nodes, start, cal_key in b.runs:
            floors[nodes.start : nodes.stop] = [start_at(start, cal_key)] * len(nodes)
        for node in b.own_calendar:
            floors[node] = start_at(b.item_start[node], b.item_calendar[node])
        if status_date is not None:
            for cal_key in dict.fromkeys(b.item_calendar):
                resume_from[cal_key] = calendars[cal_key].index_after(status_date)
    except (OverflowError, ValueError):
        walk = range(items)
    planned_floors = list(floors)
    if rescheduling and len(walk) < items:  # not started: not before the status date's next day
        floors = list(map(max, floors, map(resume_from.__getitem__, b.item_calendar)))
    for node in walk:
        not_before, finish_by, began = b.not_before[node], b.finish_by[node], b.began[node]
        cal_key = b.item_calendar[node]
        cal = calendars[cal_key]
        floor_at = start_at(b.item_start[node], cal_key)
        if not_before is not None:
            floor_at = cal.index(not_before)
        close = False  # the floor at the close of the day before `floor_at`
        start_floor = floor_at  # the floor without a finish no earlier than
        earliest_finish = 2 * NEVER
        if (finish_no_earlier := b.finish_no_earlier[node]) is not None:
            earliest_finish = 2 * cal.index_after(finish_no_earlier)  # that day's close
            at_v = _start_v(earliest_finish, planned_durations[node])
            if not_before is None and not b.links[node]:
                start_floor = NEVER  # the finish takes the project start's place
            if start_floor <= NEVER or at_v > 2 * start_floor + 1:
                # linked (or also no earlier than a start): no earlier than either
                floor_at, close = at_v >> 1, not at_v & 1
            floor_closes += close
        if finish_by is not None:
            deadlines[node] = cal.index_after(finish_by)
            deadline_dates[node] = finish_by
        planned_floors[node] = floor_at
        planned_close[node] = close
        ceiling_at = start_ceiling = latest_finish = LATEST
        no_later, finish_no_later = b.no_later[node], b.finish_no_later[node]
        if no_later is not None or finish_no_later is not None:
            if no_later is not None:  # at that day's opening (a day off's: the next one's)
                ceiling_at = start_ceiling = 2 * cal.index(no_later) + 1
            if finish_no_later is not None:
                latest_finish = 2 * cal.index_after(finish_no_later)  # that day's close
                ceiling_at = min(ceiling_at, _start_v(latest_finish, planned_durations[node]))
            planned_ceilings[node] = ceiling_at
            no_later_count += 1
            # no room between the two: must start on, must finish on
            lower = not_before is not None or finish_no_earlier is not None
            held[node] = lower and ceiling_at <= 2 * floor_at + 1 - close
        if status_date is not None and cal_key not in resume_from:
            resume_from[cal_key] = cal.index_after(status_date)
        least = 2 * NEVER  # the earliest a ceiling may put it
        if rescheduling and began is None:  # `_needs_start`
            # not started by the status date: it cannot start before the next working day
            if resume_from[cal_key] >= floor_at:  # the opening of that day: later
                floor_at, close = resume_from[cal_key], False
            start_floor = max(start_floor, resume_from[cal_key])
            least = 2 * resume_from[cal_key] + 1
            ceiling_at = max(ceiling_at, least)
            start_ceiling = max(start_ceiling, least)
        if finish_no_earlier is not None or finish_no_later is not None:
            by_finish.append(
                (node, start_floor, start_ceiling, earliest_finish, latest_finish, least)
            )
        floors[node] = floor_at
        closes[node] = close
        ceilings[node] = ceiling_at
        if b.kinds[node] == TASK:
            duration_days = planned_durations[node]
            if began is not None:
                s = cal.index(began)
                actual_start[node] = began
                ended = b.ended[node]
                if ended is not None:
                    f = max(cal.index_after(ended), s)
                    actual_finish[node] = ended
                    finished[node] = True
                else:
                    left = _remaining(b.models[node])  # type: ignore[arg-type]  # a Task
                    if rescheduling:
                        resume = max(s, resume_from[cal_key])
                    else:
                        resume = s + max(0, duration_days - left)
                    f = max(resume + left, s + 1)
                fixed[node] = True
                durations[node] = f - s
                fixed_start_v[node] = 2 * s + 1
                fixed_finish_v[node] = 2 * f if f > s else 2 * s + 1
        elif began is not None:  # a milestone reached
            f = cal.index_after(began)
            fixed[node] = finished[node] = True
            actual_finish[node] = actual_start[node] = began
            fixed_start_v[node] = fixed_finish_v[node] = 2 * f
    duration = _column(durations, n, 0)
    floor = _column(floors, n, NEVER)
    planned_floor = _column(planned_floors, n, NEVER)
    ceiling_v = planned_ceiling_v = None
    if no_later_count:
        ceiling_v = _column(ceilings, n, LATEST)
        planned_ceiling_v = _column(planned_ceilings, n, LATEST)
    inflexible = np.zeros(n, dtype=bool)
    inflexible[:items] = held
    floor_close = planned_floor_close = None
    if floor_closes:
        floor_close = np.zeros(n, dtype=bool)
        floor_close[:items] = closes
        planned_floor_close = np.zeros(n, dtype=bool)
        planned_floor_close[:items] = planned_close
    planned_duration = _column(planned_durations, n, 0)
    deadline = _column(deadlines, n, 2**40)
    alap = np.zeros(n, dtype=bool)
    alap[:items] = b.alap
    finish_bounds = _finish_bounds(by_finish, floor, ceiling_v)

    # --- links across calendars -------------------------------------------------------
    node_cal = np.asarray(node_calendar, dtype=np.int64)
    crossing = None
    tables: list[NDArray[np.int64]] = []
    other_tables: list[tuple[int, NDArray[np.int64]] | None] = []
    elapsed_lag = None
    if b.elapsed:
        elapsed_lag = np.zeros(len(src), dtype=np.int64)
        for k, days in b.elapsed:
            elapsed_lag[k] = days
    if (len(calendars) > 1 and len(src) and (node_cal[src] != node_cal[dst]).any()) or b.elapsed:
        longest = np.maximum(duration, planned_duration)  # the table must cover both plans
        crossing, tables, other_tables = _crossings(
            calendars, node_cal, src, dst, link, lag, longest, floor, elapsed_lag
        )
    network = replace(
        network,
        duration=duration,
        crossing=crossing,
        tables=tuple(tables),
        other_tables=tuple(other_tables),
    )
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
        ceiling_v=ceiling_v,
        planned_ceiling_v=planned_ceiling_v,
        inflexible=inflexible,
        floor_close=floor_close,
        planned_floor_close=planned_floor_close,
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
        elapsed_lag=elapsed_lag,
        finish_bounds=finish_bounds,
    )


def _start_v(finish_v: int, duration: int) -> int:
    """The doubled start value (`cpm.forward`) of an item of `duration` working days that
    finishes at the doubled close of a day `finish_v`: a milestone sits there, a task
    starts `duration` days before it (at a day's opening)."""
    return finish_v if duration == 0 else finish_v - 2 * duration + 1


def _finish_bounds(
    rows: list[tuple[int, int, int, int, int, int]],
    floor: NDArray[np.int64],
    ceiling_v: NDArray[np.int64] | None,
) -> FinishBounds | None:
    """`FinishBounds` from the plan's floors and ceilings and, per item with a finish
    constraint, (node, start floor, start ceiling, earliest finish, latest finish, least
    ceiling); None when there is none."""
    if not rows:
        return None
    nodes, start_floor, start_ceiling, earliest, latest, least = (
        np.asarray(column, dtype=np.int64) for column in zip(*rows, strict=True)
    )
    bounds = FinishBounds(
        floor=floor.copy(),
        ceiling_v=None if ceiling_v is None else ceiling_v.copy(),
        finish_floor_v=np.full(len(floor), 2 * NEVER, dtype=np.int64),
        finish_ceiling_v=np.full(len(floor), LATEST, dtype=np.int64),
        ceiling_least_v=np.full(len(floor), 2 * NEVER, dtype=np.int64),
    )
    bounds.floor[nodes] = start_floor
    if bounds.ceiling_v is not None:
        bounds.ceiling_v[nodes] = start_ceiling
    bounds.finish_floor_v[nodes] = earliest
    bounds.finish_ceiling_v[nodes] = latest
    bounds.ceiling_least_v[nodes] = least
    return bounds


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
    elapsed_lag: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.int64], list[NDArray[np.int64]], list[tuple[int, NDArray[np.int64]] | None]]:
    """Per link, the conversion table it needs (-1 for links within one calendar that have
    no elapsed lag), the tables, and for each the side and table for values on the other
    side of their day than the link's usual (a milestone; see `cpm.Network.other_tables`).

    An elapsed lag is carried in its link's table: the predecessor's date goes to a
    calendar of every day, the lag is added there, and the sum comes back to the
    successor's calendar (a finish on Friday and two elapsed days: Sunday's end, so a
    Monday-to-Friday successor starts on Monday)."""
    elapsed = elapsed_lag if elapsed_lag is not None else np.zeros(len(src), dtype=np.int64)
    horizon = _horizon(calendars, node_cal, lag + elapsed.clip(0), duration, floor)
    crossing = np.full(len(src), -1, dtype=np.int64)
    keys: dict[tuple[int, int, bool, bool, int], int] = {}
    tables: list[NDArray[np.int64]] = []
    other_tables: list[tuple[int, NDArray[np.int64]] | None] = []
    every_day: list[WorkingCalendar] = []  # built for the first elapsed lag

    def table(key: tuple[int, int, bool, bool, int], from_finish: bool) -> NDArray[np.int64]:
        source, target = calendars[key[0]], calendars[key[1]]
        size = source.index_after(horizon) + 2
        if not key[4]:
            return crossing_table(source, target, size, from_finish=from_finish, to_finish=key[3])
        if not every_day:
            every_day.append(
                WorkingCalendar(
                    Calendar(id="every-day", region="none", working_days=list(Weekday)),
                    first_year=calendars[0].first_year,
                )
            )
        there = crossing_table(source, every_day[0], size, from_finish=from_finish, to_finish=False)
        moved = np.maximum(there + key[4], 0)
        back = crossing_table(
            every_day[0], target, int(moved.max(initial=0)) + 2, from_finish=False, to_finish=key[3]
        )
        return back[moved]

    for k in np.flatnonzero((node_cal[src] != node_cal[dst]) | (elapsed != 0)):
        code = int(link[k])
        key = (
            int(node_cal[src[k]]),
            int(node_cal[dst[k]]),
            code in (0, 2),
            code in (2, 3),
            int(elapsed[k]),
        )
        if key not in keys:
            keys[key] = len(tables)
            tables.append(table(key, key[2]))
            # a value on the other side of its day: from a finish, the opening of a day
            # (side 1); from a start, the close of the day before (side 0)
            other_tables.append((1 if key[2] else 0, table(key, not key[2])))
        crossing[k] = keys[key]
    return crossing, tables, other_tables


def _horizon(
    calendars: list[WorkingCalendar],
    node_cal: NDArray[np.int64],
    lag: NDArray[np.int64],
    duration: NDArray[np.int64],
    floor: NDArray[np.int64],
) -> date:
    """A day no boundary of the schedule passes, in any of its calendars.

    No boundary passes the latest floor plus every duration and positive lag, counted in
    working days; but a chain through a calendar with more working days a week reaches
    further in that calendar's own days than in another's. So the count is taken as a day
    in each calendar, the latest of those, plus every closure day (a chain can meet one
    calendar's closures and then another's). A table too short would clip the boundaries
    past its end and date work too early.
    """
    count = int(floor.max(initial=0)) + int(duration.sum()) + int(lag.clip(0).sum()) + 10
    closed = sum(
        ((c.end or c.start) - c.start).days + 1 for cal in calendars for c in cal.calendar.closures
    )
    return max(calendar.date(count) for calendar in calendars) + timedelta(days=closed)


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
