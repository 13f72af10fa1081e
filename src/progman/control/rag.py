"""RAG status, derived rather than typed by hand, always with its reason.

Each project and the programme get a Red / Amber / Green for time, cost,
benefits and risk:

- **time, cost, benefits** compare the forecast (scheduled finish, EAC,
  forecast benefits) with the plan under the level's own tolerance, exactly as
  the tolerance rules do: *red* beyond tolerance, *amber* within it but at or
  past the programme's warning fraction (80% by default), *green* otherwise.
  With no tolerance set for the aspect, PRINCE2's default applies: the
  tolerance is zero, so any overrun is red.
- **risk** takes the highest-scoring active threat in the level's registers,
  scored as escalation scores it (`assess_risk`: residual once a response is
  recorded, by default): *red* at or above the risk grid's escalation
  threshold, *amber* at or above its amber threshold, *green* below.
  Opportunities never turn it amber or red.

The **overall** RAG is the worst of the four (an aspect that cannot be judged,
for want of a budget or a planned date, does not count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import (
    RAG,
    Programme,
    Project,
    Risk,
    RiskKind,
    Tolerance,
    ToleranceAspect,
    ToleranceUnit,
    assess_risk,
)
from ..rules._common import money, number
from ..rules.context import Forecast, RuleContext
from ..rules.tolerances import Breach, breaches
from .benefits import benefit_plans
from .progress import Progress, progress

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["AspectStatus", "RagReport", "RagStatus", "rag_status"]

_ORDER = {RAG.GREEN: 0, RAG.AMBER_GREEN: 1, RAG.AMBER: 2, RAG.AMBER_RED: 3, RAG.RED: 4}
_HUNDRED = Decimal(100)


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


@dataclass(frozen=True, slots=True)
class RagStatus:
    """The RAG of one project or of the programme, aspect by aspect and overall."""

    subject: str
    name: str
    time: AspectStatus
    cost: AspectStatus
    benefits: AspectStatus
    risk: AspectStatus

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
    """RAG status of every project and of the programme at a status date."""

    status_date: date
    programme: RagStatus
    projects: dict[str, RagStatus]


def _pct(part: Decimal, whole: Decimal) -> str:
    return f"{number((part / whole * _HUNDRED).quantize(Decimal(1)))}%" if whole else "-"


def _told(tolerance: Tolerance, allowed: Decimal | None, unit: str) -> str:
    if allowed is None:
        return "no tolerance that way"
    if tolerance.unit is ToleranceUnit.PERCENT:
        return f"tolerance {number(allowed)}%"
    return f"tolerance {unit.format(number(allowed)) if '{' in unit else money(allowed)}"


def _grade(breach: Breach, fraction: Decimal) -> RAG:
    if breach.deviation > breach.band:
        return RAG.RED
    if breach.band and breach.deviation >= fraction * breach.band:
        return RAG.AMBER
    return RAG.GREEN


def _own(tolerances: Iterable[Tolerance], aspect: ToleranceAspect) -> Tolerance | None:
    return next((t for t in tolerances if t.aspect == aspect), None)


class _Judge:
    """Judges the aspects of one holder (project or programme) from shared inputs."""

    def __init__(self, ctx: RuleContext, found: dict[tuple[str, ToleranceAspect], Breach]) -> None:
        self.ctx = ctx
        self.found = found
        self.fraction = ctx.settings.warning_fraction

    def cost(
        self,
        subject: str,
        budget: Decimal | None,
        forecast: Forecast | None,
        tolerances: list[Tolerance],
    ) -> AspectStatus:
        if budget is None or forecast is None or forecast.cost is None:
            return AspectStatus("cost", None, "no budget or cost forecast")
        over = forecast.cost - budget
        tolerance = _own(tolerances, ToleranceAspect.COST)
        text = (
            f"cost forecast {money(forecast.cost)}, {_pct(abs(over), budget)} "
            f"{'over' if over > 0 else 'under'} the {money(budget)} budget"
        )
        if over <= 0:
            return AspectStatus("cost", RAG.GREEN, text)
        if tolerance is None:
            return AspectStatus("cost", RAG.RED, f"{text}, no cost tolerance set")
        breach = self.found.get((subject, ToleranceAspect.COST))
        status = _grade(breach, self.fraction) if breach else RAG.GREEN
        return AspectStatus("cost", status, f"{text}, {_told(tolerance, tolerance.plus, '')}")

    def time(
        self,
        subject: str,
        planned: date | None,
        forecast: Forecast | None,
        tolerances: list[Tolerance],
    ) -> AspectStatus:
        if planned is None or forecast is None or forecast.finish is None:
            return AspectStatus("time", None, "no planned finish or forecast finish")
        tolerance = _own(tolerances, ToleranceAspect.TIME)
        breach = self.found.get((subject, ToleranceAspect.TIME))
        if forecast.finish <= planned:
            return AspectStatus(
                "time", RAG.GREEN, f"forecast finish {forecast.finish}, planned {planned}"
            )
        calendar = self.ctx.calendar_for(subject, planned, forecast.finish)
        late = calendar.index_after(forecast.finish) - calendar.index_after(planned)
        text = (
            f"forecast finish {forecast.finish} is {late} working days after the planned {planned}"
        )
        if tolerance is None:
            return AspectStatus("time", RAG.RED, f"{text}, no time tolerance set")
        status = _grade(breach, self.fraction) if breach else RAG.GREEN
        unit = "{} working days"
        return AspectStatus("time", status, f"{text}, {_told(tolerance, tolerance.plus, unit)}")

    def benefits(
        self,
        subject: str,
        planned: Decimal | None,
        forecast: Decimal | None,
        tolerances: list[Tolerance],
    ) -> AspectStatus:
        if not planned or forecast is None:
            return AspectStatus("benefits", None, "no financial benefits planned")
        short = planned - forecast
        text = (
            f"benefits forecast {money(forecast)}, {_pct(abs(short), planned)} "
            f"{'short of' if short > 0 else 'at or above'} the {money(planned)} planned"
        )
        if short <= 0:
            return AspectStatus("benefits", RAG.GREEN, text)
        tolerance = _own(tolerances, ToleranceAspect.BENEFITS)
        if tolerance is None:
            return AspectStatus("benefits", RAG.RED, f"{text}, no benefits tolerance set")
        breach = self.found.get((subject, ToleranceAspect.BENEFITS))
        status = _grade(breach, self.fraction) if breach else RAG.GREEN
        return AspectStatus("benefits", status, f"{text}, {_told(tolerance, tolerance.minus, '')}")

    def risk(self, risks: Iterable[Risk]) -> AspectStatus:
        # Threats only: an opportunity is good news and never turns a RAG amber or red.
        # Scores are read on the programme's grid by the one `assess_risk`.
        grid = self.ctx.grid
        live = [
            (assess_risk(r, grid).score, r.id)
            for r in risks
            if r.active and r.kind is RiskKind.THREAT
        ]
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


def rag_status(
    programme: Programme,
    *,
    status_date: date | None = None,
    schedule: Schedule | None = None,
    progress_at: Progress | None = None,
) -> RagReport:
    """RAG for time, cost, benefits and risk of every project and the programme, with reasons.

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
    Amber: cost forecast £108,000, 8% over the £100,000 budget, tolerance 10%
    >>> print(portal.time)
    Red: forecast finish 2013-02-20 is 3 working days after the planned 2013-02-15, \
tolerance 2 working days
    """
    at = progress_at or progress(programme, schedule, status_date=status_date)
    benefit_plan = {
        subject: (totals.planned, totals.forecast)
        for subject, totals in benefit_plans(programme, status_date=at.status_date).items()
    }
    forecasts = dict(at.forecasts)
    for subject, (_, forecast_benefit) in benefit_plan.items():
        base = forecasts.get(subject, Forecast())
        forecasts[subject] = Forecast(cost=base.cost, finish=base.finish, benefit=forecast_benefit)
    ctx = RuleContext(programme, today=at.status_date, forecasts=forecasts)
    found = {(held.id, breach.aspect): breach for held, breach, _ in breaches(ctx)}
    judge = _Judge(ctx, found)

    def status_of(
        subject: str,
        name: str,
        budget: Decimal | None,
        finish: date | None,
        tolerances: list[Tolerance],
        risks: Iterable[Risk],
    ) -> RagStatus:
        forecast = forecasts.get(subject)
        planned_benefit, forecast_benefit = benefit_plan.get(subject, (Decimal(0), None))
        return RagStatus(
            subject=subject,
            name=name,
            time=judge.time(subject, finish, forecast, tolerances),
            cost=judge.cost(subject, budget, forecast, tolerances),
            benefits=judge.benefits(subject, planned_benefit, forecast_benefit, tolerances),
            risk=judge.risk(risks),
        )

    def project_status(project: Project) -> RagStatus:
        return status_of(
            project.id,
            project.name,
            project.budget,
            project.finish,
            project.tolerances,
            project.risks,
        )

    programme_budget = sum((p.budget for p in programme.projects if p.budget), Decimal(0))
    return RagReport(
        status_date=at.status_date,
        programme=status_of(
            programme.id,
            programme.name,
            programme_budget or None,
            programme.finish,
            programme.tolerances,
            [risk for _, risk in programme.all_risks()],
        ),
        projects={project.id: project_status(project) for project in programme.projects},
    )
