"""The forecast of every task, stage, project, tranche, strand and the programme at a
status date: one computation that `check`, `status`, `run`, the board report, the
exception report and the RAG all read.

- **Dates**: the progress-aware schedule (`progman.schedule` at the status date):
  finished work stays where it happened, work not done by the status date is
  forecast from the next working day on.
- **Planned dates**: a stage's, project's, tranche's or the programme's own stated
  start and finish; else the latest baseline's; else the plan before any progress
  (`Schedule.planned_dates`). A task's: the baseline's, else the plan before progress.
- **Cost**: earned value at the status date, planned value from the baseline's dates
  (else the plan before progress), and the estimate at completion by the programme's
  `forecasting.eac_method` (`bottom_up` by default: each work package's BAC / CPI,
  summed up the levels with any budget not yet spread over work, so an overrun stays
  with the stage that has it).
- **Benefits**: the financial benefits each project enables (and each tranche and the
  programme holds), planned and forecast, net of dis-benefits.
- **Judgement**: each aspect against the level's own tolerance, else the nearest one
  above (inherited, and said so), else PRINCE2's zero; see `progman.forecasting.tolerance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._gc import bulk_objects
from .._records import quick_init
from ..model import (
    RAG,
    EacMethod,
    Level,
    Milestone,
    Programme,
    Project,
    Risk,
    RiskKind,
    Stage,
    Task,
    Tolerance,
    ToleranceAspect,
    assess_risk,
)
from ..model.common import as_date
from .benefits import BenefitsRealisation, benefit_plans, benefits_realisation
from .earned_value import EarnedSchedule, EarnedValue, earned_schedule, earned_value, total
from .tolerance import Assessment, judge

if TYPE_CHECKING:
    from ..schedule import Schedule, WorkingCalendar

__all__ = ["Forecast", "LevelForecast", "OverdueWork", "ProgrammeForecast", "forecast"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_NO_DATES: tuple[None, None] = (None, None)
_NO_BASELINE: tuple[None, None, None] = (None, None, None)
Dates = dict[str, tuple[date | None, date | None]]
JUDGED = (ToleranceAspect.TIME, ToleranceAspect.COST, ToleranceAspect.BENEFITS)
_TIME, _COST, _BENEFITS = JUDGED
_Applying = tuple[Tolerance | None, str | None]
"""The tolerance that applies to a level's aspect, and the id of the level setting it."""
_NONE_SET: _Applying = (None, None)
_JUDGED_IF_SET = (Level.WORK_PACKAGE, Level.TRANCHE)
"""Levels judged only against tolerances set for them (not inherited ones)."""
_NO_RISKS: tuple[Risk, ...] = ()
_WORK_PACKAGE, _STAGE, _PROJECT = Level.WORK_PACKAGE, Level.STAGE, Level.PROJECT
_STRAND, _RISK = Level.STRAND, ToleranceAspect.RISK
"""(An enum member's look-up is slow: these are read once per task or judged level.)"""


@quick_init
@dataclass(frozen=True, slots=True)
class Forecast:
    """What an object is now expected to come in at.

    Computed for every level by `progman.forecasting`; give your own to
    `validate(..., forecasts={"portal": Forecast(cost=...)})` to judge it instead
    (fields left None keep the computed value).

    >>> Forecast(cost=Decimal("120000")).finish is None
    True
    """

    cost: Decimal | None = None
    """Forecast cost at completion (EAC), in pounds."""
    finish: date | None = None
    """Forecast finish date."""
    benefit: Decimal | None = None
    """Forecast financial benefit, net of dis-benefits, in pounds."""
    start: date | None = None
    """Forecast (or actual) start date."""
    method: str | None = None
    """How the cost was estimated: an `EacMethod` value, or `given`."""


@quick_init
@dataclass(frozen=True, slots=True)
class OverdueWork:
    """Work behind its plan at the status date: not started though its planned start has
    passed, or started with no progress reported since."""

    id: str
    name: str
    kind: str
    """task or milestone."""
    project: str | None
    path: str
    planned_start: date | None
    actual_start: date | None
    reason: str
    """`not started` or `no progress`."""


@quick_init
@dataclass(frozen=True, slots=True)
class LevelForecast:
    """The forecast of one task, stage, project, tranche, strand or the programme."""

    id: str
    level: Level
    name: str
    path: str
    """Model path (`projects[0].stages[1]`; '' for the programme)."""
    parent: str | None
    """Id of the level above whose tolerances this one inherits (None: the programme)."""
    budget: Decimal | None
    """Budget at completion (the plan the cost is judged against)."""
    budget_note: str | None
    """Where the budget comes from when not stated (e.g. the sum of project budgets)."""
    planned_start: date | None
    planned_finish: date | None
    forecast: Forecast
    earned_value: EarnedValue
    planned_benefit: Decimal | None
    tolerances: tuple[Tolerance, ...]
    """The level's own tolerances."""
    assessments: dict[ToleranceAspect, Assessment] = field(default_factory=dict)
    """Time, cost, benefits and risk judged against the tolerance that applies."""
    members: tuple[str, ...] = ()
    """Ids of the tasks it holds (for earned schedule)."""
    calendar: str | None = None


class ProgrammeForecast:
    """Every level's forecast at a status date, with the judgement of each aspect.

    `forecasts` maps ids to `Forecast`; `levels` to the full `LevelForecast`;
    `earned_value` to the figures. Indexing by id gives the earned value.
    """

    def __init__(
        self,
        programme: Programme,
        status_date: date,
        baseline: str | None,
        levels: dict[str, LevelForecast],
        overdue: list[OverdueWork],
        calendars: _Calendars,
        task_plans: dict[str, tuple[date, date, int, Decimal, str | None]],
        schedule: Schedule | None,
        benefits: BenefitsRealisation,
    ) -> None:
        self.programme = programme
        self.status_date = status_date
        """The date the forecast is made at."""
        self.baseline = baseline
        """Id of the baseline planned value was measured against (None: the plan)."""
        self.eac_method = programme.forecasting.eac_method
        """The EAC method the cost forecasts and tolerances use."""
        self.levels = levels
        self.overdue = overdue
        """Work behind its plan at the status date."""
        self.schedule = schedule
        """The progress-aware schedule the dates come from (None: could not schedule)."""
        self.benefits = benefits
        """Benefits realisation by financial year at the status date (what the benefits
        forecasts are totalled from)."""
        self._calendars = calendars
        self._task_plans = task_plans

    @property
    def forecasts(self) -> dict[str, Forecast]:
        """Forecast by id, for every level."""
        return {key: level.forecast for key, level in self.levels.items()}

    @property
    def earned_value(self) -> dict[str, EarnedValue]:
        """Earned-value figures by id, for every level."""
        return {key: level.earned_value for key, level in self.levels.items()}

    def __getitem__(self, item_id: str) -> EarnedValue:
        return self.levels[item_id].earned_value

    def to_dataframe(self) -> Any:
        """Earned value and forecast of every level, one row each (pandas is optional)."""
        from ..report.frames import dataframe, earned_value_rows

        return dataframe(earned_value_rows(self.levels), index="id")

    def _repr_html_(self) -> str:
        from ..report.frames import earned_value_rows, html_table

        return html_table(earned_value_rows(self.levels), "Earned value and forecasts")

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.levels

    def assessments(self) -> Iterator[tuple[LevelForecast, Assessment]]:
        """Every judged aspect of every level, parents before children."""
        for level in self.levels.values():
            if level.assessments:  # most tasks are judged only against their own tolerances
                for assessment in level.assessments.values():
                    yield level, assessment

    def earned_schedule(self, item_id: str) -> EarnedSchedule | None:
        """Lipke's earned schedule of a level (None when it has no budgeted, planned work).

        Time is counted in working days on the level's calendar from its planned start.
        """
        level = self.levels[item_id]
        plans = [self._task_plans[m] for m in level.members if m in self._task_plans]
        if not plans:
            return None
        calendar = self._calendars.named(level.calendar)
        origin = calendar.index(min(start for start, _, _, _, _ in plans))
        parts = [
            (calendar.index(start) - origin, days, budget) for start, _, days, budget, _ in plans
        ]
        at = calendar.index_after(self.status_date) - origin
        return earned_schedule(parts, level.earned_value.ev, at)


class _Days:
    """A working calendar's day look-ups, remembered: many items share their dates."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.starts: dict[date, int] = {}
        self.ends: dict[date, int] = {}

    def index(self, day: date) -> int:
        found = self.starts.get(day)
        if found is None:
            found = self.starts[day] = self.calendar.index(day)
        return found

    def index_after(self, day: date) -> int:
        found = self.ends.get(day)
        if found is None:
            found = self.ends[day] = self.calendar.index_after(day)
        return found

    def working_days_between(self, first: date, last: date) -> int:
        return max(0, self.index_after(last) - self.index(first))


class _Calendars:
    """One working calendar per calendar id, built on first use."""

    def __init__(self, programme: Programme, first_year: int) -> None:
        self.programme = programme
        self.first_year = first_year
        self.built: dict[str, _Days] = {}

    def named(self, calendar_id: str | None) -> _Days:
        key = calendar_id or "default"
        found = self.built.get(key)
        if found is None:
            from ..schedule.calendar import WorkingCalendar

            try:
                calendar = self.programme.calendar(calendar_id)
            except KeyError:  # reported by SCHED-UNSCHEDULABLE; judge on the default meanwhile
                calendar = self.programme.calendar(None)
            built = WorkingCalendar(calendar, first_year=self.first_year)
            found = self.built[key] = _Days(built)
        return found


def _fraction_done(task: Task) -> Decimal:
    if task.actual_finish is not None:
        return _ONE
    if task.percent_complete is not None:
        return task.percent_complete / 100
    if task.actual_start is not None and task.remaining_duration is not None and task.duration:
        return 1 - Decimal(task.remaining_duration) / task.duration
    return _ZERO


def forecast(
    programme: Programme,
    *,
    status_date: date | str | None = None,
    schedule: Schedule | None = None,
    given: Mapping[str, Forecast] | None = None,
) -> ProgrammeForecast:
    """Forecast every level of the programme at the status date and judge it against its
    tolerances.

    `status_date` defaults to the programme's own (`ValueError` when neither is set);
    `schedule` is made at that date when not given (`ScheduleError` when it cannot be);
    `given` replaces computed forecasts by id.

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07",
    ...     status_date="2013-01-11", projects=[pm.Project(id="p", name="P", budget="20k",
    ...     tasks=[pm.Task(id="a", name="A", duration=10, budget="10k", actual_start="2013-01-07",
    ...                    percent_complete=40, actual_cost="5k")])])
    >>> result = forecast(programme)
    >>> figures = result["a"]   # 5 of 10 days planned by Friday 11 January
    >>> figures.pv, figures.ev, figures.ac, figures.cpi
    (Decimal('5000'), Decimal('4000'), Decimal('5000'), Decimal('0.8'))
    >>> result.forecasts["p"].cost   # EAC 12,500 + 10,000 not yet in tasks
    Decimal('22500')
    """
    status = as_date(status_date, "status_date") or programme.status_date
    if status is None:
        raise ValueError("a forecast needs a status date: pass status_date= or set the programme's")
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme, status_date=status)
    # Many small objects and no reference cycles: the cyclic GC would rescan the whole
    # programme over and over (as in `validate`).
    with bulk_objects():
        return _Forecaster(programme, status, schedule, given or {}).run()


def forecast_without_schedule(
    programme: Programme, status_date: date, given: Mapping[str, Forecast] | None = None
) -> ProgrammeForecast:
    """The forecast of a programme that cannot be scheduled: costs from the baseline's
    dates, no forecast dates; given forecasts are still judged."""
    return _Forecaster(programme, status_date, None, given or {}).run()


class _Forecaster:
    """Walks the programme once, bottom up within each project."""

    def __init__(
        self,
        programme: Programme,
        status: date,
        schedule: Schedule | None,
        given: Mapping[str, Forecast],
    ) -> None:
        self.programme = programme
        self.status = status
        self.schedule = schedule
        self.given = given
        self.method = programme.forecasting.eac_method
        self.method_text = str(self.method)
        self.bottom_up = self.method is EacMethod.BOTTOM_UP
        self.fraction = programme.governance.warning_fraction
        latest = programme.baselines[-1] if programme.baselines else None
        self.baseline = latest
        self.baselined: dict[str, tuple[date | None, date | None, Decimal | None]] = (
            {item.id: (item.start, item.finish, item.budget) for item in latest.items}
            if latest
            else {}
        )
        self.scheduled: Dates = schedule.early_dates() if schedule is not None else {}
        self.planned: Dates = schedule.planned_dates() if schedule is not None else {}
        years = [
            status.year,
            *(d.year for d in (programme.start, schedule and schedule.start) if d),
        ]
        years += [d.year for s, f, _ in self.baselined.values() for d in (s, f) if d is not None]
        self.calendars = _Calendars(programme, min(years) - 1)
        self.levels: dict[str, LevelForecast] = {}
        self.overdue: list[OverdueWork] = []
        self.task_plans: dict[str, tuple[date, date, int, Decimal, str | None]] = {}
        self.applying: dict[str, dict[ToleranceAspect, _Applying]] = {}
        self.realisation, self.benefits = _benefit_totals(programme, status)

    # --- dates -------------------------------------------------------------------

    def _plan_dates(
        self, item_id: str, start: date | None = None, finish: date | None = None
    ) -> tuple[date | None, date | None]:
        base_start, base_finish, _ = self.baselined.get(item_id, _NO_BASELINE)
        planned_start, planned_finish = self.planned.get(item_id, _NO_DATES)
        return (
            start or base_start or planned_start,
            finish or base_finish or planned_finish,
        )

    def _scheduled(self, item_id: str) -> tuple[date | None, date | None]:
        return self.scheduled.get(item_id, _NO_DATES)

    # --- the walk ----------------------------------------------------------------

    def run(self) -> ProgrammeForecast:
        p = self.programme
        top = self._add_placeholder(p.id, Level.PROGRAMME, p.name, "", None, p.tolerances)
        tranche_of: dict[str, str] = {}
        for i, tranche in enumerate(p.tranches):
            self._add_placeholder(
                tranche.id, Level.TRANCHE, tranche.name, f"tranches[{i}]", top, tranche.tolerances
            )
            tranche_of.setdefault(tranche.id, tranche.id)
        projects: list[LevelForecast] = []
        for i, project in enumerate(p.projects):
            parent = tranche_of.get(project.tranche or "", top)
            projects.append(self._project(project, f"projects[{i}]", parent))
        self._groups(projects, tranche_of)
        self._programme(projects)
        self._judge_all()
        return ProgrammeForecast(
            p,
            self.status,
            self.baseline.id if self.baseline else None,
            self.levels,
            self.overdue,
            self.calendars,
            self.task_plans,
            self.schedule,
            self.realisation,
        )

    def _add_placeholder(
        self,
        key: str,
        level: Level,
        name: str,
        path: str,
        parent: str | None,
        tolerances: Iterable[Tolerance],
    ) -> str:
        self.levels.setdefault(
            key,
            LevelForecast(
                key,
                level,
                name,
                path,
                parent,
                None,
                None,
                None,
                None,
                Forecast(),
                total(()),
                None,
                tuple(tolerances),
            ),
        )
        return key

    def _put(self, level: LevelForecast) -> LevelForecast:
        given = self.given.get(level.id) if self.given else None
        if given is not None:
            merged = Forecast(
                cost=given.cost if given.cost is not None else level.forecast.cost,
                finish=given.finish or level.forecast.finish,
                benefit=given.benefit if given.benefit is not None else level.forecast.benefit,
                start=given.start or level.forecast.start,
                method="given" if given.cost is not None else level.forecast.method,
            )
            level = replace(level, forecast=merged)
        self.levels[level.id] = level
        return level

    def _task(
        self,
        task: Task,
        path: str,
        parent: str,
        project: Project,
        status_index: int,
        project_days: _Days,
    ) -> tuple[EarnedValue, Decimal]:
        """Forecast one task (a work package) and note it if overdue: its earned value and
        its cost forecast, for the level above to sum."""
        task_id, budget = task.id, task.budget
        own_calendar = task.calendar or project.calendar  # the task's, else its project's
        if own_calendar == project.calendar:
            calendar = project_days
        else:  # the status date counted on the task's own calendar
            calendar = self.calendars.named(own_calendar)
            status_index = calendar.index_after(self.status)
        plan_start, plan_finish = self.planned.get(task_id, _NO_DATES)
        baselined = self.baselined.get(task_id)
        if baselined is None:  # `_plan_dates`: the baseline's, else the plan's
            start, finish, days = plan_start, plan_finish, task.duration
        else:
            start, finish = baselined[0] or plan_start, baselined[1] or plan_finish
            if start is not None and finish is not None:
                days = calendar.working_days_between(start, finish)
            else:
                days = task.duration
        status = self.status
        if start is not None and status >= start:
            if days <= 0:
                planned = _ONE
            else:  # min(elapsed / days, 1), with no division once past the end
                elapsed = status_index - calendar.index(start)
                planned = _ONE if elapsed > days else Decimal(elapsed) / days
        else:
            planned = _ZERO
        done = _fraction_done(task)
        figures = earned_value(budget, planned, done, task.actual_cost)
        cost = figures.estimate(self.method)
        if start is not None and finish is not None and budget:
            self.task_plans[task_id] = (start, finish, days, budget, own_calendar)
        if task.actual_finish is None:
            actual_start = task.actual_start
            if actual_start is None:
                if start is not None and start <= status:
                    self.overdue.append(
                        OverdueWork(
                            task_id, task.name, "task", project.id, path, start, None, "not started"
                        )
                    )
            elif actual_start < status and done == 0:
                self.overdue.append(
                    OverdueWork(
                        task_id,
                        task.name,
                        "task",
                        project.id,
                        path,
                        start,
                        actual_start,
                        "no progress",
                    )
                )
        scheduled_start, scheduled_finish = self.scheduled.get(task_id, _NO_DATES)
        level = LevelForecast(
            task_id,
            _WORK_PACKAGE,
            task.name,
            path,
            parent,
            budget,
            None,
            start,
            finish,
            Forecast(
                cost,
                scheduled_finish,
                None,
                task.actual_start or scheduled_start,
                self.method_text,
            ),
            figures,
            None,
            tuple(task.tolerances),
            {},
            (task_id,),
            own_calendar,
        )
        if self.given:
            self._put(level)
        else:
            self.levels[task_id] = level
        return figures, cost

    def _project(self, project: Project, path: str, parent: str) -> LevelForecast:
        calendar = self.calendars.named(project.calendar)
        status_index = calendar.index_after(self.status)
        every: list[EarnedValue] = []
        members: list[str] = []
        bottom_up = _ZERO
        allocated = _ZERO
        for s, stage in enumerate(project.stages):
            stage_level, stage_bac = self._stage(
                stage, f"{path}.stages[{s}]", project, status_index, calendar
            )
            every.append(stage_level.earned_value)
            members += stage_level.members
            bottom_up += stage_level.forecast.cost or _ZERO
            allocated += stage_bac
        for k, task in enumerate(project.tasks):
            task_figures, cost = self._task(
                task, f"{path}.tasks[{k}]", project.id, project, status_index, calendar
            )
            every.append(task_figures)
            members.append(task.id)
            bottom_up += cost
            allocated += task.budget or _ZERO
        for k, milestone in enumerate(project.milestones):
            self._milestone_overdue(milestone, f"{path}.milestones[{k}]", project)
        figures = total(every)
        unspread = max((project.budget or _ZERO) - allocated, _ZERO)
        if self.bottom_up:
            cost = bottom_up + unspread
        else:
            cost = figures.estimate(self.method) + max(
                (project.budget or _ZERO) - figures.bac, _ZERO
            )
        start, finish = self._plan_dates(project.id, project.start, project.finish)
        scheduled_start, scheduled_finish = self._scheduled(project.id)
        planned_benefit, forecast_benefit = self.benefits.get(project.id, (None, None))
        return self._put(
            LevelForecast(
                project.id,
                _PROJECT,
                project.name,
                path,
                parent,
                project.budget,
                None,
                start,
                finish,
                Forecast(
                    cost, scheduled_finish, forecast_benefit, scheduled_start, self.method_text
                ),
                figures,
                planned_benefit,
                tuple(project.tolerances),
                members=tuple(members),
                calendar=project.calendar,
            )
        )

    def _milestone_overdue(self, milestone: Milestone, path: str, project: Project | None) -> None:
        if milestone.achieved_on is not None:
            return
        start, _ = self._plan_dates(milestone.id)
        if start is not None and start <= self.status:
            self.overdue.append(
                OverdueWork(
                    milestone.id,
                    milestone.name,
                    "milestone",
                    project.id if project else None,
                    path,
                    start,
                    None,
                    "not started",
                )
            )

    def _stage(
        self, stage: Stage, path: str, project: Project, status_index: int, project_days: _Days
    ) -> tuple[LevelForecast, Decimal]:
        every: list[EarnedValue] = []
        costs = _ZERO
        stage_id = stage.id
        for k, task in enumerate(stage.tasks):
            figures, cost = self._task(
                task, f"{path}.tasks[{k}]", stage_id, project, status_index, project_days
            )
            every.append(figures)
            costs += cost
        for k, milestone in enumerate(stage.milestones):
            self._milestone_overdue(milestone, f"{path}.milestones[{k}]", project)
        figures = total(every)
        unspread = max((stage.budget or _ZERO) - figures.bac, _ZERO)
        cost = costs + unspread if self.bottom_up else figures.estimate(self.method) + unspread
        start, finish = self._plan_dates(stage.id, stage.start, stage.finish)
        scheduled_start, scheduled_finish = self._scheduled(stage.id)
        level = self._put(
            LevelForecast(
                stage.id,
                _STAGE,
                stage.name,
                path,
                project.id,
                stage.budget,
                None,
                start,
                finish,
                Forecast(cost, scheduled_finish, None, scheduled_start, self.method_text),
                figures,
                None,
                tuple(stage.tolerances),
                members=tuple([task.id for task in stage.tasks]),
                calendar=project.calendar,
            )
        )
        return level, max(stage.budget or _ZERO, figures.bac)

    def _groups(self, projects: list[LevelForecast], tranche_of: dict[str, str]) -> None:
        """Tranches and strands: the sums of their projects."""
        p = self.programme
        by_id = {level.id: level for level in projects}
        for i, tranche in enumerate(p.tranches):
            if tranche_of.get(tranche.id) != tranche.id or tranche.id in by_id:
                continue
            held = [level for level in projects if level.parent == tranche.id]
            start, finish = self._plan_dates(tranche.id, tranche.start, tranche.end)
            self._group(
                tranche.id,
                Level.TRANCHE,
                tranche.name,
                f"tranches[{i}]",
                p.id,
                held,
                start,
                finish,
                tranche.tolerances,
            )
        for i, strand in enumerate(p.strands):
            if strand.id in self.levels:
                continue
            held = [by_id[key] for key in strand.projects if key in by_id]
            finishes = [level.planned_finish for level in held if level.planned_finish]
            starts = [level.planned_start for level in held if level.planned_start]
            self._group(
                strand.id,
                Level.STRAND,
                strand.name,
                f"strands[{i}]",
                p.id,
                held,
                min(starts, default=None),
                max(finishes, default=None),
                (),
            )

    def _group(
        self,
        key: str,
        level: Level,
        name: str,
        path: str,
        parent: str,
        held: list[LevelForecast],
        start: date | None,
        finish: date | None,
        tolerances: Iterable[Tolerance],
    ) -> None:
        budgets = [h.budget for h in held if h.budget is not None]
        costs = [h.forecast.cost for h in held if h.forecast.cost is not None]
        finishes = [h.forecast.finish for h in held if h.forecast.finish is not None]
        starts = [h.forecast.start for h in held if h.forecast.start is not None]
        planned_benefit, forecast_benefit = self.benefits.get(key, (None, None))
        scheduled_start, scheduled_finish = self._scheduled(key)
        members = tuple(m for h in held for m in h.members)
        self._put(
            LevelForecast(
                key,
                level,
                name,
                path,
                parent,
                sum(budgets, _ZERO) if budgets else None,
                "the sum of its projects' budgets" if budgets else None,
                start,
                finish,
                Forecast(
                    sum(costs, _ZERO) if costs else None,
                    scheduled_finish or max(finishes, default=None),
                    forecast_benefit,
                    scheduled_start or min(starts, default=None),
                    self.method_text,
                ),
                total(h.earned_value for h in held),
                planned_benefit,
                tuple(tolerances),
                members=members,
            )
        )

    def _programme(self, projects: list[LevelForecast]) -> None:
        p = self.programme
        for k, milestone in enumerate(p.milestones):
            self._milestone_overdue(milestone, f"milestones[{k}]", None)
        figures = total(level.earned_value for level in projects)
        project_budgets = [level.budget for level in projects if level.budget is not None]
        stated = p.budget
        budget = (
            stated
            if stated is not None
            else (sum(project_budgets, _ZERO) if project_budgets else None)
        )
        note = None if stated is not None or budget is None else "the sum of the project budgets"
        allocated = sum(
            (max(level.budget or _ZERO, level.earned_value.bac) for level in projects), _ZERO
        )
        unspread = max((stated or _ZERO) - allocated, _ZERO)
        if self.bottom_up:
            cost = sum((level.forecast.cost or _ZERO for level in projects), _ZERO) + unspread
        else:
            cost = figures.estimate(self.method) + max((stated or _ZERO) - figures.bac, _ZERO)
        planned_start, planned_finish = self.planned_span()
        start, finish = (p.start or planned_start, p.finish or planned_finish)
        planned_benefit, forecast_benefit = self.benefits.get(p.id, (None, None))
        schedule = self.schedule
        self._put(
            LevelForecast(
                p.id,
                Level.PROGRAMME,
                p.name,
                "",
                None,
                budget,
                note,
                start,
                finish,
                Forecast(
                    cost,
                    schedule.finish if schedule is not None else None,
                    forecast_benefit,
                    schedule.start if schedule is not None else None,
                    self.method_text,
                ),
                figures,
                planned_benefit,
                tuple(p.tolerances),
                members=tuple(m for level in projects for m in level.members),
            )
        )

    def planned_span(self) -> tuple[date | None, date | None]:
        """The planned programme start and finish: the plan's first and last dates."""
        starts = [s for s, _ in self.planned.values() if s is not None]
        finishes = [f for _, f in self.planned.values() if f is not None]
        return min(starts, default=None), max(finishes, default=None)

    # --- judgement ---------------------------------------------------------------

    def _applying(self, level: LevelForecast) -> dict[ToleranceAspect, _Applying]:
        # Per aspect, the nearest level up (this one first) with a tolerance for it, worked
        # out once per level: the levels below start from the answers of the one above (a
        # level with no tolerances of its own shares them; they are never changed).
        found = self.applying.get(level.id)
        if found is None:
            above = self.levels.get(level.parent) if level.parent else None
            found = self._applying(above) if above is not None else {}
            if level.tolerances:
                found = dict(found)
                own: dict[ToleranceAspect, _Applying] = {}
                for tolerance in level.tolerances:
                    own.setdefault(tolerance.aspect, (tolerance, level.id))  # the first counts
                found.update(own)
            self.applying[level.id] = found
        return found

    def _judge_all(self) -> None:
        """Judge time, cost, benefits and risk of every level against the tolerance that
        applies (set at the level named with it), each in its own units: time in working
        days on the level's calendar (a percentage of its planned working days), cost and
        benefits in pounds (a percentage of the plan)."""
        risks = _risks_by_holder(self.programme)
        fraction = self.fraction
        named = self.calendars.named
        for key, level in self.levels.items():  # no level is added while judging
            kind = level.level
            if kind is _STRAND:
                continue  # strands hold no tolerances: they are reported, not judged
            if not level.tolerances and kind in _JUDGED_IF_SET:
                continue  # judged only against tolerances set for them
            applying = self._applying(level)
            assessments = level.assessments  # filled in here, before anyone reads it
            forecast = level.forecast
            tolerance, set_at = applying.get(_TIME, _NONE_SET)
            finish, planned = forecast.finish, level.planned_finish
            days = base = None
            if planned is not None and finish is not None:
                calendar = named(level.calendar)
                days = Decimal(calendar.index_after(finish) - calendar.index_after(planned))
                if level.planned_start is not None:
                    base = Decimal(calendar.working_days_between(level.planned_start, planned))
            assessments[_TIME] = judge(
                _TIME,
                planned,
                finish,
                days,
                tolerance,
                base=base,
                warning_fraction=fraction,
                set_at=set_at,
            )
            for aspect, plan, value in (
                (_COST, level.budget, forecast.cost),
                (_BENEFITS, level.planned_benefit or None, forecast.benefit),
            ):
                tolerance, set_at = applying.get(aspect, _NONE_SET)
                assessments[aspect] = judge(
                    aspect,
                    plan,
                    value,
                    value - plan if plan is not None and value is not None else None,
                    tolerance,
                    base=plan,
                    warning_fraction=fraction,
                    set_at=set_at,
                )
            tolerance, set_at = applying.get(_RISK, _NONE_SET)
            risk = self._judge_risk(risks.get(key, _NO_RISKS), tolerance, set_at)
            if risk is not None:
                assessments[_RISK] = risk

    def _judge_risk(
        self, risks: Sequence[Risk], tolerance: Tolerance | None, set_at: str | None
    ) -> Assessment | None:
        """A risk tolerance is the highest score the level accepts for an active threat."""
        if tolerance is None or tolerance.plus is None:
            return None
        grid = self.programme.risk_grid
        threats = [
            (assess_risk(r, grid).score, r.id)
            for r in risks
            if r.active and r.kind is RiskKind.THREAT
        ]
        if not threats:
            return Assessment(
                ToleranceAspect.RISK,
                None,
                tolerance.plus,
                None,
                tolerance=tolerance,
                set_at=set_at,
                why="no active threats",
            )
        top, worst_id = max(threats)
        score = Decimal(top)
        status = RAG.RED if score > tolerance.plus else RAG.GREEN
        return Assessment(
            ToleranceAspect.RISK,
            status,
            tolerance.plus,
            score,
            score - tolerance.plus,
            Decimal(0),
            tolerance,
            set_at,
            why=worst_id,
        )


def _risks_by_holder(programme: Programme) -> dict[str, list[Risk]]:
    """Risks by the register holding them: each project's, and the programme's."""
    out: dict[str, list[Risk]] = {programme.id: list(programme.risks)}
    for project in programme.projects:
        out[project.id] = list(project.risks)
    return out


def _benefit_totals(
    programme: Programme, status_date: date
) -> tuple[BenefitsRealisation, dict[str, tuple[Decimal, Decimal]]]:
    """Benefits realisation at the status date, and the planned and forecast financial
    benefit (net) by enabling project and for the programme, from the one benefits
    computation (`progman.forecasting.benefits`: pure arithmetic on the model)."""

    realisation = benefits_realisation(programme, status_date=status_date)
    plans = benefit_plans(programme, status_date=status_date, realisation=realisation)
    return realisation, {key: (totals.planned, totals.forecast) for key, totals in plans.items()}
