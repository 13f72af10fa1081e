"""PRINCE2 highlight and exception reports as data, ready to render.

A **highlight report** tells the project board how the stage is going, period
by period: a status summary, what was done this period and is due next,
tolerance status, and the issues and risks worth their attention. An
**exception report** goes to the board when a forecast is beyond tolerance:
the cause, the consequences, and (for the project manager to complete) the
options and a recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..findings import Finding
from ..forecasting import EarnedValue
from ..model import Issue, Lesson, Programme, Project, Risk, Task
from ..model.common import as_date
from .progress import Progress, progress
from .rag import AspectStatus, RagStatus, rag_status

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["ExceptionReport", "HighlightReport", "WorkLine", "exception_report", "highlight_report"]


@dataclass(frozen=True, slots=True)
class WorkLine:
    """A task or milestone in a report: what, and when (actual or forecast)."""

    id: str
    name: str
    kind: str
    start: date | None
    finish: date | None
    done: bool


@dataclass(frozen=True)
class HighlightReport:
    """PRINCE2 highlight report sections for one project at a status date."""

    project: str
    name: str
    status_date: date
    period: tuple[date, date]
    next_period: tuple[date, date]
    status: RagStatus
    """Status summary: RAG for time, cost, benefits and risk, and overall."""
    earned_value: EarnedValue
    this_period: list[WorkLine]
    """Work finished in the period."""
    next_period_work: list[WorkLine]
    """Work due to start or finish in the next period."""
    tolerance_status: list[AspectStatus]
    issues: list[Issue]
    """Open issues on the project's register."""
    risks: list[Risk]
    """Active risks, highest score first."""
    lessons: list[Lesson] = field(default_factory=list)
    """Lessons the project's log gained in the period (by `raised_on`)."""


@dataclass(frozen=True)
class ExceptionReport:
    """PRINCE2 exception report sections: why the project must go back to its board."""

    project: str
    name: str
    status_date: date
    cause: list[Finding]
    """The tolerance breaches that make this an exception (`PG-TOLERANCE-EXCEEDED`)."""
    consequences: list[AspectStatus]
    """What the breach means: the aspects forecast red, with their reasons."""
    escalate_to: list[str]
    """Who must be told."""
    options: list[str] = field(default_factory=list)
    """For the project manager to complete."""
    recommendation: str | None = None
    """For the project manager to complete."""

    @property
    def needed(self) -> bool:
        """True when a tolerance is forecast to be exceeded."""
        return bool(self.cause)


def _project(programme: Programme, project_id: str) -> Project:
    try:
        return programme.project(project_id)
    except KeyError:
        known = ", ".join(p.id for p in programme.projects) or "none"
        raise ValueError(
            f"no project {project_id!r} in the programme (projects: {known})"
        ) from None


def _work(project: Project, schedule: Schedule) -> list[WorkLine]:
    lines = []
    for _, item in project.work_items():
        scheduled = schedule.get(item.id)
        if isinstance(item, Task):
            kind, started, finished = "task", item.actual_start, item.actual_finish
        else:
            kind, started, finished = "milestone", item.achieved_on, item.achieved_on
        lines.append(
            WorkLine(
                id=item.id,
                name=item.name,
                kind=kind,
                start=started or (scheduled.early_start if scheduled else None),
                finish=finished or (scheduled.early_finish if scheduled else None),
                done=finished is not None,
            )
        )
    return lines


def highlight_report(
    programme: Programme,
    project_id: str,
    status_date: date | str,
    *,
    period_days: int = 28,
    schedule: Schedule | None = None,
) -> HighlightReport:
    """The highlight report of one project for the `period_days` up to the status date.

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     pm.Project(id="p", name="Portal", tasks=[
    ...         pm.Task(id="spec", name="Specify", duration=5, actual_start="2013-01-07",
    ...                 actual_finish="2013-01-11"),
    ...         pm.Task(id="build", name="Build", duration=10, depends_on=["spec"])])])
    >>> report = highlight_report(programme, "p", date(2013, 1, 18), period_days=14)
    >>> [w.id for w in report.this_period], [w.id for w in report.next_period_work]
    (['spec'], ['build'])
    """
    status_date = _day(status_date)
    project = _project(programme, project_id)
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme, status_date=status_date)
    at: Progress = progress(programme, schedule, status_date=status_date)
    status = rag_status(programme, progress_at=at).projects[project.id]
    period = (status_date - timedelta(days=period_days - 1), status_date)
    upcoming = (status_date + timedelta(days=1), status_date + timedelta(days=period_days))
    work = _work(project, schedule)

    def within(day: date | None, span: tuple[date, date]) -> bool:
        return day is not None and span[0] <= day <= span[1]

    return HighlightReport(
        project=project.id,
        name=project.name,
        status_date=status_date,
        period=period,
        next_period=upcoming,
        status=status,
        earned_value=at[project.id],
        this_period=[w for w in work if w.done and within(w.finish, period)],
        next_period_work=[
            w
            for w in work
            if not w.done and (within(w.start, upcoming) or within(w.finish, upcoming))
        ],
        tolerance_status=list(status.aspects),
        issues=[issue for issue in project.issues if issue.open],
        risks=sorted((r for r in project.risks if r.active), key=lambda r: (-r.score, r.id)),
        lessons=[lesson for lesson in project.lessons if within(lesson.raised_on, period)],
    )


def exception_report(
    programme: Programme,
    project_id: str,
    status_date: date | str,
    *,
    schedule: Schedule | None = None,
) -> ExceptionReport:
    """The exception report of one project: the tolerance breaches and what they mean.

    `report.needed` is False when nothing is forecast beyond tolerance.
    """
    from ..rules import validate

    status_date = _day(status_date)
    project = _project(programme, project_id)
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme, status_date=status_date)
    at = progress(programme, schedule, status_date=status_date)
    status = rag_status(programme, progress_at=at).projects[project.id]
    own = {project.id, *(stage.id for stage in project.stages)}
    own |= {item.id for _, item in project.work_items()}
    report = validate(
        programme, status_date=status_date, forecast=at, rules=["PG-TOLERANCE-EXCEEDED"]
    )
    cause = [finding for finding in report if finding.subject in own]
    return ExceptionReport(
        project=project.id,
        name=project.name,
        status_date=status_date,
        cause=cause,
        consequences=[aspect for aspect in status.aspects if aspect.status == "red"],
        escalate_to=sorted({f.escalate_to for f in cause if f.escalate_to}),
    )


def _day(status_date: date | str) -> date:
    day = as_date(status_date, "status_date")
    if day is None:
        raise TypeError("status_date: a report needs a status date (a date or YYYY-MM-DD)")
    return day
