"""RAG status, derived rather than typed by hand, always with its reason.

Every judged level (the programme, tranches, projects, stages and work packages
with tolerances) gets a Red / Amber / Green for time, cost, benefits and risk,
read from the one forecast (`progman.forecasting`) that the tolerance rules judge:

- **time, cost, benefits** compare the forecast (scheduled finish, EAC, forecast
  benefits) with the plan under the tolerance that applies (the level's own, else
  the nearest above, else PRINCE2's zero): *red* beyond tolerance on either side,
  *amber* within it but at or past the programme's warning fraction (80% by
  default), *green* otherwise.
- **risk** takes the highest-scoring active risk in the level's register: *red* at
  or above the risk grid's escalation threshold or above a risk tolerance, *amber*
  at or above the amber threshold, *green* below.

A level's aspect is the worst of its own and of the levels it holds (a stage in
exception turns its project's and the programme's aspect red, naming the stage),
so every tolerance finding shows on its object and its parents. The **overall**
RAG is the worst of the four (an aspect that cannot be judged does not count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._records import quick_init
from ..forecasting import Assessment, LevelForecast, ProgrammeForecast, forecast
from ..model import (
    RAG,
    Level,
    Programme,
    RiskKind,
    ToleranceAspect,
    ToleranceUnit,
    assess_risk,
)
from ..model.common import as_date
from ..rules._common import money, number
from ..words import long_date, working_days

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["AspectStatus", "RagReport", "RagStatus", "rag_status"]

_ORDER = {RAG.GREEN: 0, RAG.AMBER_GREEN: 1, RAG.AMBER: 2, RAG.AMBER_RED: 3, RAG.RED: 4}
_HUNDRED = Decimal(100)


@quick_init
@dataclass(frozen=True, slots=True)
class AspectStatus:
    """One aspect's RAG and why: `Amber: cost forecast 8% over budget, tolerance 10%`."""

    aspect: str
    status: RAG | None
    """None when the aspect cannot be judged (no budget, no planned date)."""
    reason: str

    def __str__(self) -> str:
        label = str(self.status).replace("_", "-").capitalize() if self.status else "Not assessed"
        return f"{label}: {self.reason}"


@quick_init
@dataclass(frozen=True, slots=True)
class RagStatus:
    """The RAG of one level (a project, the programme, a stage ...), aspect by aspect."""

    subject: str
    name: str
    time: AspectStatus
    cost: AspectStatus
    benefits: AspectStatus
    risk: AspectStatus
    level: str = "project"

    @property
    def aspects(self) -> tuple[AspectStatus, ...]:
        """Time, cost, benefits and risk, in that order."""
        return (self.time, self.cost, self.benefits, self.risk)

    @property
    def overall(self) -> AspectStatus:
        """The worst assessed aspect, with its reason."""
        judged = [a for a in self.aspects if a.status is not None]
        if not judged:
            return AspectStatus("overall", None, "no aspect can be judged")
        worst = max(judged, key=lambda a: _ORDER[a.status])  # type: ignore[index]
        return AspectStatus("overall", worst.status, f"{worst.aspect} - {worst.reason}")


@dataclass(frozen=True)
class RagReport:
    """RAG status of every project and of the programme at a status date.

    `levels` holds every judged level by id (the programme, tranches, projects,
    stages, work packages with tolerances); `projects` and `programme` are its
    board-facing part.
    """

    status_date: date
    programme: RagStatus
    projects: dict[str, RagStatus]
    levels: dict[str, RagStatus] = field(default_factory=dict)
    forecast: ProgrammeForecast | None = field(default=None, compare=False, repr=False)
    """The forecast judged (its benefits realisation, earned value, schedule)."""

    def to_dataframe(self) -> Any:
        """One row per judged level: each aspect's RAG (categorical) and reason (pandas)."""
        from ..report.frames import dataframe, rag_rows

        return dataframe(rag_rows(self), index="id")

    def _repr_html_(self) -> str:
        from ..report.frames import html_table, rag_rows

        return html_table(rag_rows(self), f"RAG status at {long_date(self.status_date)}")


def _pct(part: Decimal, whole: Decimal) -> str:
    """`8%`; `less than 1%` for a deviation that rounds to nothing (never `0% over`)."""
    if not whole:
        return "-"
    share = (part / whole * _HUNDRED).quantize(Decimal(1))
    return "less than 1%" if share == 0 and part else f"{number(share)}%"


def _tolerance_text(level: LevelForecast, found: Assessment, unit: str) -> str:
    if found.band is None:  # the harmless side, with no tolerance set that way
        return ""
    tolerance = found.tolerance
    if tolerance is None:
        return f", no {found.aspect} tolerance set"
    inherited = (
        f" (inherited from {found.set_at!r})"
        if found.set_at is not None and found.set_at != level.id
        else ""
    )
    plus = found.deviation >= 0
    allowed = tolerance.plus if plus else tolerance.minus
    if allowed is None:
        return f", no {found.aspect} tolerance {'above' if plus else 'below'} plan{inherited}"
    sign = "+" if plus else "-"
    if tolerance.unit is ToleranceUnit.PERCENT:
        return f", tolerance {sign}{number(allowed)}%{inherited}"
    if unit == "days":
        return f", tolerance {sign}{working_days(allowed)}{inherited}"
    return f", tolerance {sign}{money(allowed)}{inherited}"


def _time(level: LevelForecast, found: Assessment) -> str:
    if found.status is None:
        return f"no planned finish or forecast finish ({found.why})"
    plan, forecast_day = found.plan, found.forecast
    assert isinstance(plan, date)
    assert isinstance(forecast_day, date)
    if found.deviation == 0:
        return f"forecast finish {long_date(forecast_day)}, as planned"
    word = "after" if found.deviation > 0 else "before"
    return (
        f"forecast finish {long_date(forecast_day)} is {working_days(abs(found.deviation))} "
        f"{word} the planned {long_date(plan)}{_tolerance_text(level, found, 'days')}"
    )


def _amounts(
    level: LevelForecast, found: Assessment, label: str, noun: str, sides: tuple[str, str]
) -> str:
    """`cost forecast £108,000, 8% over the £100,000 budget, tolerance +10%`: a money aspect
    against its plan; `sides` are the words for above and below plan."""
    plan, value = found.plan, found.forecast
    assert isinstance(plan, Decimal)
    assert isinstance(value, Decimal)
    note = f" ({level.budget_note})" if level.budget_note and label == "cost" else ""
    text = f"{label} forecast {money(value)}, "
    if found.deviation == 0:
        return (
            f"{text}on the {money(plan)} {noun}{note}" if label == "cost" else f"{text}as planned"
        )
    word = sides[0] if found.deviation > 0 else sides[1]
    return (
        f"{text}{_pct(abs(found.deviation), plan)} {word} the {money(plan)} {noun}{note}"
        f"{_tolerance_text(level, found, 'money')}"
    )


def _cost(level: LevelForecast, found: Assessment) -> str:
    if found.status is None:
        return "no budget or cost forecast"
    return _amounts(level, found, "cost", "budget", ("over", "under"))


def _benefits(level: LevelForecast, found: Assessment) -> str:
    if found.status is None:
        return "no financial benefits planned"
    return _amounts(level, found, "benefits", "planned", ("above", "short of"))


_WORDS = {
    ToleranceAspect.TIME: _time,
    ToleranceAspect.COST: _cost,
    ToleranceAspect.BENEFITS: _benefits,
}


def _own(level: LevelForecast, aspect: ToleranceAspect) -> AspectStatus:
    found = level.assessments.get(aspect)
    if found is None:
        return AspectStatus(str(aspect), None, "not judged at this level")
    return AspectStatus(str(aspect), found.status, _WORDS[aspect](level, found))


def _worse(mine: AspectStatus, child: LevelForecast, theirs: AspectStatus) -> AspectStatus:
    if theirs.status is None or theirs.status == RAG.GREEN:
        return mine
    if mine.status is not None and _ORDER[mine.status] >= _ORDER[theirs.status]:
        return mine
    kind = str(child.level).replace("_", " ")
    return AspectStatus(mine.aspect, theirs.status, f"{kind} {child.id!r}: {theirs.reason}")


def _risk(programme: Programme, level: LevelForecast, live: list[tuple[int, str]]) -> AspectStatus:
    # `live`: the level's active threats, (score, id). An opportunity is good news and
    # never turns a RAG amber or red.
    grid = programme.risk_grid
    tolerance = level.assessments.get(ToleranceAspect.RISK)
    if tolerance is not None and tolerance.status == RAG.RED:
        return AspectStatus(
            "risk",
            RAG.RED,
            f"risk {tolerance.why!r} scores {number(tolerance.forecast)}, above the risk "  # type: ignore[arg-type]
            f"tolerance of {number(tolerance.plan)}",  # type: ignore[arg-type]
        )
    if not live:
        return AspectStatus("risk", RAG.GREEN, "no active threats")
    score, worst = max(live)
    if score >= grid.escalation_threshold:
        return AspectStatus(
            "risk",
            RAG.RED,
            f"risk {worst!r} scores {score}, at or above the escalation "
            f"threshold {grid.escalation_threshold}",
        )
    if score >= grid.amber_threshold:
        return AspectStatus(
            "risk",
            RAG.AMBER,
            f"risk {worst!r} scores {score}, at or above the amber threshold "
            f"{grid.amber_threshold}",
        )
    return AspectStatus("risk", RAG.GREEN, f"highest active threat {worst!r} scores {score}")


def _with_overdue(row: RagStatus, late: list[str]) -> RagStatus:
    names = ", ".join(late[:3]) + (", ..." if len(late) > 3 else "")
    note = f"{len(late)} item{'s' if len(late) != 1 else ''} overdue ({names})"
    time = row.time
    if time.status is None or _ORDER[time.status] < _ORDER[RAG.AMBER]:
        time = AspectStatus(time.aspect, RAG.AMBER, f"{note}; {time.reason}")
    elif note not in time.reason:
        time = AspectStatus(time.aspect, time.status, f"{time.reason}; {note}")
    return RagStatus(row.subject, row.name, time, row.cost, row.benefits, row.risk, row.level)


def rag_status(
    programme: Programme,
    *,
    status_date: date | str | None = None,
    schedule: Schedule | None = None,
    progress_at: ProgrammeForecast | None = None,
) -> RagReport:
    """RAG for time, cost, benefits and risk of every level, with reasons.

    `progress_at` reuses a forecast already made (`progman.forecasting.forecast`).

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07",
    ...     status_date="2013-01-18", projects=[pm.Project(id="portal", name="Portal",
    ...     budget="100k", finish="2013-02-15",
    ...     tolerances=[{"aspect": "cost", "plus": 10}, {"aspect": "time", "plus": 2,
    ...                                                  "unit": "absolute"}],
    ...     tasks=[pm.Task(id="build", name="Build", duration=30, budget="100k",
    ...                    actual_start="2013-01-07", percent_complete=25,
    ...                    actual_cost="27k")])])
    >>> portal = rag_status(programme).projects["portal"]
    >>> print(portal.cost)
    Amber: cost forecast £108,000, 8% over the £100,000 budget, tolerance +10%
    >>> print(portal.time)
    Red: forecast finish 20 February 2013 is 3 working days after the planned 15 February \
2013, tolerance +2 working days
    """
    status_date = as_date(status_date, "status_date")
    at = progress_at or forecast(programme, status_date=status_date, schedule=schedule)
    overdue: dict[str, list[str]] = {}
    for item in at.overdue:
        overdue.setdefault(item.project or programme.id, []).append(item.id)
    # Each active threat scored once, on the programme's grid by the one `assess_risk`
    # (the programme's register lists every project's risks again).
    grid = programme.risk_grid
    threats = {
        id(risk): (assess_risk(risk, grid).score, risk.id)
        for _, risk in programme.all_risks()
        if risk.active and risk.kind is RiskKind.THREAT
    }
    registers = {
        project.id: [threats[id(r)] for r in project.risks if id(r) in threats]
        for project in programme.projects
    }
    registers[programme.id] = list(threats.values())

    own: dict[str, RagStatus] = {}
    for key, level in at.levels.items():
        if not level.assessments and level.level is not Level.PROJECT:
            continue
        time = _own(level, ToleranceAspect.TIME)
        own[key] = RagStatus(
            subject=key,
            name=level.name,
            time=time,
            cost=_own(level, ToleranceAspect.COST),
            benefits=_own(level, ToleranceAspect.BENEFITS),
            risk=_risk(programme, level, registers.get(key, [])),
            level=str(level.level),
        )
    # Roll every level's aspects up into the levels above it.
    rolled = dict(own)
    for key in reversed(list(own)):  # children were added after their parents
        level = at.levels[key]
        child = rolled[key]
        parent_id = level.parent
        while parent_id is not None:
            if parent_id in rolled:
                above = rolled[parent_id]
                rolled[parent_id] = RagStatus(
                    above.subject,
                    above.name,
                    _worse(above.time, level, child.time),
                    _worse(above.cost, level, child.cost),
                    _worse(above.benefits, level, child.benefits),
                    above.risk,
                    above.level,
                )
            parent = at.levels.get(parent_id)
            parent_id = parent.parent if parent is not None else None
    # Overdue work (PG-PROGRESS-OVERDUE, a warning) shows as at least amber on its project
    # and the programme, and is named in the time reason.
    everything = [item.id for item in at.overdue]
    for key, late in overdue.items():
        if key in rolled and key != programme.id:
            rolled[key] = _with_overdue(rolled[key], late)
    if everything and programme.id in rolled:
        rolled[programme.id] = _with_overdue(rolled[programme.id], everything)
    return RagReport(
        status_date=at.status_date,
        programme=rolled[programme.id],
        projects={
            project.id: rolled[project.id] for project in programme.projects if project.id in rolled
        },
        levels=rolled,
        forecast=at,
    )
