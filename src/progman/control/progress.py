"""Progress at a status date: earned value for every task, stage, project and the
programme, and the forecasts (cost = EAC, finish = the scheduled finish) that
the tolerance rules and RAG status judge.

Planned value comes from the latest baseline where the programme holds one,
else from the current schedule's early dates (then schedule variance only shows
work that is behind its own plan). The fraction planned by the status date
counts working days on the project's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Programme, Project, Task
from ..rules.context import Forecast
from .earned_value import EarnedValue, earned_value, total

if TYPE_CHECKING:
    from ..schedule import Schedule, WorkingCalendar

__all__ = ["Progress", "progress"]

_ZERO = Decimal(0)


@dataclass(frozen=True)
class Progress:
    """Earned value by id (tasks, stages, projects, and the programme's own id) at a date.

    `forecasts` holds what the tolerance rules need for each task (work package),
    stage, project and the programme: the forecast cost (the EAC, plus any budget
    not yet spread over tasks) and the scheduled finish.
    """

    status_date: date
    baseline: str | None
    """Id of the baseline planned value was measured against (None: the current schedule)."""
    earned_value: dict[str, EarnedValue]
    forecasts: dict[str, Forecast]

    def __getitem__(self, item_id: str) -> EarnedValue:
        return self.earned_value[item_id]


def _fraction_done(task: Task) -> Decimal:
    if task.actual_finish is not None:
        return Decimal(1)
    if task.percent_complete is not None:
        return task.percent_complete / 100
    if task.actual_start is not None and task.remaining_duration is not None and task.duration:
        return 1 - Decimal(task.remaining_duration) / task.duration
    return _ZERO


class _Calendars:
    """One working calendar per calendar id, built on first use."""

    def __init__(self, programme: Programme, first_year: int) -> None:
        self.programme = programme
        self.first_year = first_year
        self.built: dict[str, WorkingCalendar] = {}

    def of(self, project: Project | None) -> WorkingCalendar:
        from ..schedule import WorkingCalendar

        calendar = self.programme.calendar(project.calendar if project else None)
        if calendar.id not in self.built:
            self.built[calendar.id] = WorkingCalendar(calendar, first_year=self.first_year)
        return self.built[calendar.id]


def _planned_fraction(
    calendar: WorkingCalendar, start: date | None, days: int, status: date, status_index: int
) -> Decimal:
    """Share of `days` working days from `start` that fall on or before the status date
    (`status_index` is `calendar.index_after(status)`, worked out once per calendar)."""
    if start is None or status < start:
        return _ZERO
    if days <= 0:
        return Decimal(1)
    return min(Decimal(status_index - calendar.index(start)) / days, Decimal(1))


def _forecast(figures: EarnedValue, budget: Decimal | None, finish: date | None) -> Forecast:
    # Budget held at this level but not yet spread over tasks is assumed to be spent as planned.
    unallocated = max((budget or _ZERO) - figures.bac, _ZERO)
    return Forecast(cost=figures.eac + unallocated, finish=finish)


Dates = dict[str, tuple[date | None, date | None]]


def _plan_of(
    task: Task, baseline: Dates, scheduled: Dates, calendar: WorkingCalendar
) -> tuple[date | None, int]:
    """Planned start and length in working days: the baseline's, else the task's own
    duration from its actual (or scheduled) start."""
    if task.id in baseline:
        start, finish = baseline[task.id]
        if start is not None and finish is not None:
            return start, calendar.working_days_between(start, finish)
    return task.actual_start or scheduled.get(task.id, (None, None))[0], task.duration


def progress(
    programme: Programme, schedule: Schedule | None = None, *, status_date: date | None = None
) -> Progress:
    """Earned value and forecasts for every level of the programme at the status date.

    `status_date` defaults to the programme's own; `schedule` is computed when not
    given. Raises `ValueError` when neither gives a status date.

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07",
    ...     status_date="2013-01-11", projects=[pm.Project(id="p", name="P", budget="20k",
    ...     tasks=[pm.Task(id="a", name="A", duration=10, budget="10k", actual_start="2013-01-07",
    ...                    percent_complete=40, actual_cost="5k")])])
    >>> figures = progress(programme)["a"]   # 5 of 10 days planned by Friday 11 January
    >>> figures.pv, figures.ev, figures.ac, figures.cpi
    (Decimal('5000'), Decimal('4000'), Decimal('5000'), Decimal('0.8'))
    >>> progress(programme).forecasts["p"].cost   # EAC 12,500 + 10,000 not yet in tasks
    Decimal('22500')
    """
    status = status_date or programme.status_date
    if status is None:
        raise ValueError("progress needs a status date: pass status_date= or set the programme's")
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme, status_date=status)
    baseline = programme.baselines[-1] if programme.baselines else None
    planned: Dates = (
        {item.id: (item.start, item.finish) for item in baseline.items} if baseline else {}
    )
    scheduled = schedule.early_dates()

    def finish_of(item_id: str) -> date | None:
        return scheduled.get(item_id, (None, None))[1]

    first_year = min(d.year for d in (programme.start, schedule.start, status) if d is not None)
    calendars = _Calendars(programme, first_year - 1)

    figures: dict[str, EarnedValue] = {}
    forecasts: dict[str, Forecast] = {}
    project_totals: list[EarnedValue] = []
    for project in programme.projects:
        calendar = calendars.of(project)
        status_index = calendar.index_after(status)
        by_stage: dict[str, list[EarnedValue]] = {stage.id: [] for stage in project.stages}
        tasks: list[EarnedValue] = []
        for stage, item in project.work_items():
            if not isinstance(item, Task):
                continue
            start, days = _plan_of(item, planned, scheduled, calendar)
            task_figures = earned_value(
                item.budget,
                _planned_fraction(calendar, start, days, status, status_index),
                _fraction_done(item),
                item.actual_cost,
            )
            figures[item.id] = task_figures
            forecasts[item.id] = _forecast(task_figures, item.budget, finish_of(item.id))
            tasks.append(task_figures)
            if stage is not None:
                by_stage[stage.id].append(task_figures)
        for stage in project.stages:
            stage_figures = total(by_stage[stage.id])
            figures[stage.id] = stage_figures
            forecasts[stage.id] = _forecast(stage_figures, stage.budget, finish_of(stage.id))
        project_figures = total(tasks)
        figures[project.id] = project_figures
        project_totals.append(project_figures)
        forecasts[project.id] = _forecast(project_figures, project.budget, finish_of(project.id))
    programme_figures = total(project_totals)
    figures[programme.id] = programme_figures
    forecasts[programme.id] = Forecast(cost=programme_figures.eac, finish=schedule.finish)
    return Progress(
        status_date=status,
        baseline=baseline.id if baseline else None,
        earned_value=figures,
        forecasts=forecasts,
    )
