"""Scheduling: working-day calendars, the dependency graph and the critical path.

One name, two uses. ``progman.schedule(programme)`` is the function that
schedules a programme, and ``progman.schedule`` is also this subpackage: the
subpackage is callable as the function, so ``progman.schedule(programme)``,
``progman.schedule.ScheduleError`` and ``from progman.schedule import
build_graph`` all work. (``ScheduleError`` is also ``progman.ScheduleError``.)

This module is light on purpose: numpy, networkx and the holidays tables load
on the first call.

>>> import progman
>>> from progman.schedule import build_graph, Schedule, WorkingCalendar, ScheduleError
>>> callable(progman.schedule), progman.schedule.ScheduleError is progman.ScheduleError
(True, True)

Modules: `calendar` (working days), `graph` (networkx graph, cycles),
`plan` (model -> arrays), `cpm` (the passes), `result` (`Schedule`),
`bulk` (plain arrays in and out, for very large networks), `errors`
(`ScheduleError`).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import ScheduleError, out_of_range

if TYPE_CHECKING:
    from ..model import Calendar, Programme
    from .calendar import WorkingCalendar
    from .graph import build_graph, dependency_cycles
    from .result import Schedule, ScheduledItem, WhatIf

__all__ = [
    "Schedule",
    "ScheduleError",
    "ScheduledItem",
    "WhatIf",
    "WorkingCalendar",
    "build_graph",
    "check_contents",
    "contents_checked",
    "dependency_cycles",
    "schedule",
]

_LAZY = {
    "Schedule": "result",
    "ScheduledItem": "result",
    "WhatIf": "result",
    "WorkingCalendar": "calendar",
    "build_graph": "graph",
    "dependency_cycles": "graph",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


# The programme whose contents the computation running now checked on entry (by id).
_CHECKED: ContextVar[int | None] = ContextVar("progman_contents_checked", default=None)


@contextmanager
def contents_checked(programme: Programme, *, validated: bool = False) -> Iterator[None]:
    """Check `programme`'s contents once for a whole computation: `check_contents` on the
    same programme inside the block returns at once. `progman.validate` checks on entry and
    then schedules and forecasts the programme, which need not walk it again; the block
    must not change the programme. `validated=True` says it is as validation just built it
    (what the loader returns, not edited since), so its lists hold what their fields say
    and the entry check is skipped too: the command line does this with what it loads
    (walking 100,000 tasks takes about 0.1 s).

    >>> from progman import Programme
    >>> programme = Programme(id="otp", name="OTP")
    >>> with contents_checked(programme):
    ...     check_contents(programme)  # already checked: nothing walked
    """
    if not validated:
        check_contents(programme)
    token = _CHECKED.set(id(programme))
    try:
        yield
    finally:
        _CHECKED.reset(token)


def check_contents(programme: Programme) -> None:
    """Raise `progman.DefinitionError` if a list was given something that is not a model object.

    pydantic checks assignments but not lists edited in place, so
    `programme.projects.append("x")` would otherwise fail deep inside the scheduler
    or a rule. `schedule` and `progman.validate` call this on entry.

    >>> from progman import Programme
    >>> programme = Programme(id="otp", name="OTP")
    >>> programme.projects.append("x")
    >>> check_contents(programme)
    Traceback (most recent call last):
    ...
    progman.io.yaml.DefinitionError: projects[0]: error DEF-INVALID 'x' is a str, not a \
Project: lists edited in place are not validated; add model objects, e.g. Project(...)
    """
    if _CHECKED.get() == id(programme):
        return  # checked on entry to the computation running now (`contents_checked`)
    from ..model.common import misplaced

    problems = misplaced(programme)
    if problems:
        from ..findings import Finding, Severity
        from ..io.yaml import DefinitionError

        raise DefinitionError(
            [
                Finding(
                    "DEF-INVALID",
                    Severity.ERROR,
                    f"{message}: lists edited in place are not validated; add model "
                    f"objects, e.g. {message.rsplit(' ', 1)[-1]}(...)",
                    path=path,
                )
                for path, message in problems
            ]
        )


def schedule(
    programme: Programme,
    *,
    calendar: Calendar | WorkingCalendar | None = None,
    status_date: date | str | None = None,
    reschedule: bool | None = None,
) -> Schedule:
    """Schedule a programme: early and late dates, floats and critical paths of every item.

    `calendar` replaces every project's own calendar when given; `status_date`
    (a date or ISO text) is the date progress was reported to, by default the programme's
    own `status_date`. Work not done by then (the rest of started tasks, unstarted work
    whose start has passed) is scheduled from the next working day on, unless
    `reschedule=False` (default: the programme's
    `forecasting.reschedule_uncompleted_work`) keeps it where the plan put it. Raises
    `ScheduleError` carrying every problem found (cycles, unknown predecessors,
    missing start dates, a list edited with something that is not a model object,
    a schedule running past the year 9998); it raises nothing else for bad input.
    See docs/scheduling.md.

    >>> from progman import Programme, Project, Task
    >>> plan = schedule(Programme(id="p", name="P", start="2012-12-21", projects=[
    ...     Project(id="x", name="X", tasks=[Task(id="a", name="A", duration=3)])]))
    >>> plan.finish   # Fri 21, Mon 24, then Thu 27 Dec (25, 26 are bank holidays)
    datetime.date(2012, 12, 27)
    """
    from .._gc import bulk_objects
    from ..model.common import as_date
    from .plan import compile_plan
    from .result import Schedule

    check_contents(programme)
    day = as_date(status_date, "status_date") or programme.status_date
    try:
        with bulk_objects():  # the walk and the result: many objects, no cycles
            plan = compile_plan(
                programme, calendar=calendar, status_date=day, reschedule=reschedule
            )
            return Schedule(plan)
    except ScheduleError:
        raise
    except (OverflowError, ValueError) as error:
        # Dates out of the calendar's reach (year 1 to 9999), given through the API
        # rather than the model, which keeps its own dates in a plausible range.
        raise out_of_range(str(error)) from None


class _CallableModule(types.ModuleType):
    """This subpackage, callable as its `schedule` function: `progman.schedule` names both."""

    def __call__(
        self,
        programme: Programme,
        *,
        calendar: Calendar | WorkingCalendar | None = None,
        status_date: date | str | None = None,
        reschedule: bool | None = None,
    ) -> Schedule:
        return schedule(
            programme, calendar=calendar, status_date=status_date, reschedule=reschedule
        )


sys.modules[__name__].__class__ = _CallableModule
