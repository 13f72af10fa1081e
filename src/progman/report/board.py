"""The board report's data, collected once from the public API.

`board_report(programme, status_date=...)` schedules the programme, measures
progress, judges RAG, rolls up the RAID registers, profiles benefits by
financial year and validates the rules, each exactly once, and keeps the
results. The renderers (`render_html`, `render_markdown`) only lay them out:
no calculation is repeated there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .._gc import bulk_objects
from .._records import quick_init
from ..control import (
    BenefitTotals,
    HeatMap,
    RagReport,
    Reconciliation,
    RiskLine,
    TargetProgress,
    benefits_realisation,
    heat_map,
    rag_status,
    raid_roll_up,
)
from ..control.benefits_map import BenefitsMap, benefits_map
from ..forecasting import forecast
from ..model import FinancialYear, Lesson, Milestone, Programme, RiskGrid
from ..model.common import choose_status_date
from ..model.risk import risks_assessed_once
from ..rules import ValidationResult, validate
from ..schedule import ScheduledItem, ScheduleError, contents_checked
from ..schedule import schedule as schedule_programme
from .frames import board_rows
from .summary import summary_facts

if TYPE_CHECKING:
    from ..analysis import RiskAnalysis
    from ..schedule import Schedule

__all__ = [
    "BoardReport",
    "GanttRow",
    "IssueLine",
    "MilestoneLine",
    "board_report",
    "has_uncertainty",
]


@quick_init
@dataclass(frozen=True, slots=True)
class GanttRow:
    """One bar of the Gantt chart: a scheduled item and how deep it sits.

    Depth 0 is a project (or a programme-level milestone), 1 a stage or an item
    held directly by a project, 2 an item inside a stage.
    """

    item: ScheduledItem
    depth: int


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    """A milestone as the board sees it: when it is forecast, and against what deadline."""

    id: str
    name: str
    forecast: date | None
    deadline: date | None
    achieved_on: date | None
    total_float: int | None
    critical: bool


@dataclass(frozen=True, slots=True)
class IssueLine:
    """An open issue and the register that holds it (None: the programme's)."""

    id: str
    title: str
    register: str | None
    priority: str
    status: str
    owner: str | None


@dataclass(frozen=True)
class BoardReport:
    """Everything a programme board reads at a status date, as data.

    `rag` and `gantt` are empty when the programme cannot be scheduled; the
    reasons are then among the findings. `validation` is the rules' `ValidationResult`
    (the schedule's own findings, such as missed deadlines, among them), judged on
    the same forecast as `rag`.
    """

    programme_id: str
    name: str
    status_date: date
    facts: tuple[tuple[str, str], ...]
    rag: RagReport | None
    gantt: tuple[GanttRow, ...]
    finish: date | None
    critical_path: tuple[str, ...]
    milestones: tuple[MilestoneLine, ...]
    heat_map: HeatMap
    risk_grid: RiskGrid
    benefits_by_year: tuple[tuple[FinancialYear, BenefitTotals], ...]
    benefits_total: BenefitTotals
    targets: tuple[TargetProgress, ...]
    """Each savings target against the benefits in its own financial-year window."""
    reconciliation: tuple[Reconciliation, ...]
    """Headline benefits whose components do not add up to them, by financial year."""
    benefits_map: BenefitsMap
    """Projects to capabilities, outcomes, benefits and objectives (MSP's benefits map)."""
    escalated_risks: tuple[RiskLine, ...]
    open_issues: tuple[IssueLine, ...]
    validation: ValidationResult
    people: dict[str, str] = field(default_factory=dict)
    """Each person's name by id, so tables show names where a board expects them."""
    lessons: tuple[tuple[str | None, Lesson], ...] = ()
    """The lessons log: each lesson with the project whose log holds it (None: the
    programme's), for the end-of-tranche review."""
    risk_analysis: RiskAnalysis | None = None
    """The Monte Carlo schedule risk analysis (S-curve, tornado, P80 dates), when the
    programme carries uncertainty or it was asked for (`board_report(risk_analysis=)`)."""

    def to_dataframe(self, table: str = "milestones") -> Any:
        """One of the report's tables (`progman.report.frames.BOARD_TABLES`: milestones,
        benefits_by_year, escalated_risks, open_issues, rag) as a typed DataFrame."""
        from .frames import dataframe

        return dataframe(board_rows(self, table))

    def _repr_html_(self) -> str:
        from ..words import long_date
        from .frames import html_table

        caption = f"{self.name}: milestones at {long_date(self.status_date)}"
        return html_table(board_rows(self, "milestones"), caption)

    @property
    def critical_path_names(self) -> list[str]:
        """The critical path by name, as a board reads it."""
        names = {row.item.id: row.item.name for row in self.gantt}
        return [names.get(item, item) for item in self.critical_path]


def _depths(programme: Programme) -> dict[str, int]:
    depth = {project.id: 0 for project in programme.projects}
    for held_by in programme.projects:
        depth.update({stage.id: 1 for stage in held_by.stages})
    for project, stage, item in programme.work_items():
        depth[item.id] = 0 if project is None else 2 if stage is not None else 1
    return depth


def _gantt(programme: Programme, plan: Schedule) -> tuple[GanttRow, ...]:
    depth = _depths(programme)
    return tuple(
        GanttRow(item, depth[item.id])
        for item in plan
        if item.id in depth and item.early_start is not None
    )


def _milestones(programme: Programme, plan: Schedule | None) -> tuple[MilestoneLine, ...]:
    lines = []
    for _, _, item in programme.work_items():
        if not isinstance(item, Milestone):
            continue
        row = plan.get(item.id) if plan is not None else None
        lines.append(
            MilestoneLine(
                item.id,
                item.name,
                row.early_finish if row else None,
                item.must_finish_by,
                item.achieved_on,
                row.total_float if row else None,
                row.critical if row else False,
            )
        )
    return tuple(sorted(lines, key=lambda m: (m.forecast or date.max, m.id)))


def _open_issues(programme: Programme) -> tuple[IssueLine, ...]:
    return tuple(
        IssueLine(
            issue.id,
            issue.title,
            project.id if project else None,
            str(issue.priority),
            str(issue.status),
            issue.owner,
        )
        for project, issue in programme.all_issues()
        if issue.open
    )


def has_uncertainty(programme: Programme) -> bool:
    """Whether the programme carries anything for a risk analysis to draw: a task's
    three-point estimate, an uncertainty default, or an active risk with an impact on
    named tasks."""
    if programme.risk_analysis.uncertainty:
        return True
    if any(getattr(item, "estimate", None) is not None for _, _, item in programme.work_items()):
        return True
    risks = [*programme.risks, *(r for p in programme.projects for r in p.risks)]
    return any(r.affects and r.schedule_impact is not None and r.active for r in risks)


def board_report(
    programme: Programme,
    *,
    status_date: date | str | None = None,
    risk_analysis: bool | None = None,
) -> BoardReport:
    """Collect the board report of a programme at a status date (a date or ISO text; by
    default the programme's own `status_date`, else today).

    `risk_analysis`: True adds the schedule risk section (S-curve, tornado, P80 dates),
    False leaves it out; by default it is there when the programme carries uncertainty
    (`has_uncertainty`). It runs `risk_analysis.iterations` with `risk_analysis.seed`.

    >>> import datetime, progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     pm.Project(id="p", name="Portal", tasks=[pm.Task(id="a", name="Build", duration=5)])])
    >>> report = board_report(programme, status_date=datetime.date(2013, 1, 4))
    >>> report.finish, report.critical_path, [row.item.id for row in report.gantt]
    (datetime.date(2013, 1, 11), ('a',), ['p', 'a'])
    """
    # Many small objects, no cycles: see progman._gc. The schedule and the validation both
    # check the programme's lists on entry: once is enough. RAG, RAID, the heat map, the
    # summary and the rules each read every risk's score: each is worked out once.
    with contents_checked(programme), bulk_objects(), risks_assessed_once():
        report = _board_report(programme, status_date)
    wanted = has_uncertainty(programme) if risk_analysis is None else risk_analysis
    if not wanted or report.rag is None:
        return report
    from dataclasses import replace

    from ..analysis import risk_analysis as simulate

    settings = programme.risk_analysis
    try:
        result = simulate(
            programme,
            iterations=settings.iterations,
            seed=settings.seed,
            status_date=report.status_date,
        )
    except ScheduleError:  # a risk naming an unknown task: `progman risk-analysis` says so
        return report
    return replace(report, risk_analysis=result)


def _board_report(programme: Programme, status_date: date | str | None) -> BoardReport:
    status_date, _ = choose_status_date(status_date, programme.status_date)
    plan: Schedule | None
    try:
        plan = schedule_programme(programme, status_date=status_date)
    except ScheduleError:
        plan = None  # the rules say why (PG-CYCLE, PG-REF-UNRESOLVED, SCHED-UNSCHEDULABLE)
    rag: RagReport | None = None
    at = None
    if plan is not None:
        at = forecast(programme, status_date=status_date, schedule=plan)
        rag = rag_status(programme, progress_at=at)
    checked = validate(programme, status_date=status_date, forecast=at)
    realisation = (
        at.benefits if at is not None else benefits_realisation(programme, status_date=status_date)
    )
    return BoardReport(
        people={person.id: person.name for person in programme.people},
        programme_id=programme.id,
        name=programme.name,
        status_date=status_date,
        facts=tuple(summary_facts(programme)),
        rag=rag,
        gantt=_gantt(programme, plan) if plan is not None else (),
        finish=plan.finish if plan is not None else None,
        critical_path=tuple(plan.critical_path) if plan is not None else (),
        milestones=_milestones(programme, plan),
        heat_map=heat_map(programme),
        risk_grid=programme.risk_grid,
        benefits_by_year=tuple(realisation.by_year().items()),
        benefits_total=realisation.total(),
        targets=tuple(realisation.targets()),
        reconciliation=tuple(realisation.reconciliation()),
        benefits_map=benefits_map(programme),
        escalated_risks=tuple(raid_roll_up(programme).for_programme_board()),
        open_issues=_open_issues(programme),
        validation=checked,
        lessons=tuple((p.id if p else None, lesson) for p, lesson in programme.all_lessons()),
    )
