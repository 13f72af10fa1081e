"""Tolerance rules: tolerances nest, are set where needed, and forecasts stay inside them.

Each level's tolerances are set by the level above (programme -> tranche ->
project -> stage -> work package). A forecast beyond a level's tolerance is an
exception: the finding names the tolerance, says by how much it is exceeded,
and escalates one level up.

The forecast comparison is a plain function of a `Forecast`: given to
`validate`, or else taken from the plan (cost = the earned-value EAC, finish =
the scheduled finish), the same forecasts `progman status` judges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from ..model import Benefit, Level, Tolerance, ToleranceAspect, ToleranceUnit
from ._common import ESCALATE_FROM, PROGRAMME_BOARD, money, number
from .context import Forecast, RuleContext
from .registry import Problem, rule

__all__ = ["Breach", "Holder", "assess_tolerance", "holders", "plan_forecasts"]

_tolerance_rule = partial(rule, family="tolerances")

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Holder:
    """An object that carries tolerances, with its level and the holder above it."""

    level: Level
    id: str
    path: str
    tolerances: tuple[Tolerance, ...]
    parent: Holder | None
    obj: Any

    def tolerance(self, aspect: ToleranceAspect) -> tuple[Holder, Tolerance] | None:
        """The nearest tolerance for `aspect` at this level or above."""
        here: Holder | None = self
        while here is not None:
            for tolerance in here.tolerances:
                if tolerance.aspect == aspect:
                    return here, tolerance
            here = here.parent
        return None

    @property
    def label(self) -> str:
        """`stage 'delivery'`."""
        return f"{str(self.level).replace('_', ' ')} {self.id!r}"


def holders(ctx: RuleContext) -> list[Holder]:
    """Every tolerance holder in the programme, parents before children.

    Work packages without tolerances are left out: they have nothing to check.

    >>> import datetime
    >>> from progman import Programme, Project
    >>> programme = Programme(id="otp", name="OTP", projects=[Project(id="p", name="P")])
    >>> [h.label for h in holders(RuleContext(programme, today=datetime.date(2013, 1, 10)))]
    ["programme 'otp'", "project 'p'"]
    """

    def build() -> list[Holder]:
        p = ctx.programme
        top = Holder(Level.PROGRAMME, p.id, "", tuple(p.tolerances), None, p)
        out = [top]
        tranches: dict[str, Holder] = {}
        for i, tranche in enumerate(p.tranches):
            held = Holder(
                Level.TRANCHE, tranche.id, f"tranches[{i}]", tuple(tranche.tolerances), top, tranche
            )
            tranches.setdefault(tranche.id, held)
            out.append(held)
        stages: dict[int, Holder] = {}
        projects: dict[int, Holder] = {}
        for path, project in ctx.projects:
            parent = tranches.get(project.tranche or "", top)
            held = Holder(
                Level.PROJECT, project.id, path, tuple(project.tolerances), parent, project
            )
            projects[id(project)] = held
            out.append(held)
        for path, project, _, stage in ctx.stages:
            held = Holder(
                Level.STAGE,
                stage.id,
                path,
                tuple(stage.tolerances),
                projects[id(project)],
                stage,
            )
            stages[id(stage)] = held
            out.append(held)
        for path, project, holder_stage, task in ctx.tasks:
            if not task.tolerances:
                continue  # a leaf without tolerances has nothing to nest or breach
            above = projects[id(project)] if holder_stage is None else stages[id(holder_stage)]
            out.append(
                Holder(Level.WORK_PACKAGE, task.id, path, tuple(task.tolerances), above, task)
            )
        return out

    return ctx.memo("tolerance-holders", build)


def _signed(value: Decimal | None, unit: ToleranceUnit, aspect: ToleranceAspect, sign: str) -> str:
    if value is None:
        return "unset"
    if unit is ToleranceUnit.PERCENT:
        return f"{sign}{number(value)}%"
    if aspect is ToleranceAspect.COST:
        return f"{sign}{money(value)}"
    if aspect is ToleranceAspect.TIME:
        return f"{sign}{number(value)} days"
    return f"{sign}{number(value)}"


@_tolerance_rule(
    "PG-TOLERANCE-NESTING",
    "error",
    "A tolerance is no wider than the tolerance of the level above it, aspect by aspect",
)
def tolerances_nest(ctx: RuleContext) -> Iterator[Problem]:
    for held in holders(ctx):
        if held.parent is None:
            continue
        for i, tolerance in enumerate(held.tolerances):
            above = held.parent.tolerance(tolerance.aspect)
            if above is None:
                continue
            parent, outer = above
            if outer.unit != tolerance.unit:
                # Percent against pounds or days needs the plan's base; see the docs.
                continue
            for side, sign in (("plus", "+"), ("minus", "-")):
                inner_value, outer_value = getattr(tolerance, side), getattr(outer, side)
                if inner_value is None or outer_value is None or inner_value <= outer_value:
                    continue
                aspect = tolerance.aspect
                yield Problem(
                    f"{held.label} has a {aspect} tolerance of "
                    f"{_signed(inner_value, tolerance.unit, aspect, sign)}, wider than the "
                    f"{_signed(outer_value, outer.unit, aspect, sign)} of {parent.label} above "
                    f"it (by {_signed(inner_value - outer_value, tolerance.unit, aspect, '')})",
                    path=f"{held.path}.tolerances[{i}]" if held.path else f"tolerances[{i}]",
                    subject=held.id,
                    escalate_to=ESCALATE_FROM[held.level],
                    data={
                        "aspect": str(aspect),
                        "side": side,
                        "tolerance": inner_value,
                        "parent": parent.id,
                        "parent_tolerance": outer_value,
                        "unit": str(tolerance.unit),
                    },
                )


@_tolerance_rule(
    "PG-TOLERANCE-REQUIRED",
    "warning",
    "Every project has time and cost tolerances set by the programme",
)
def tolerances_required(ctx: RuleContext) -> Iterator[Problem]:
    wanted = (ToleranceAspect.TIME, ToleranceAspect.COST)
    for path, project in ctx.projects:
        aspects = {t.aspect for t in project.tolerances}
        missing = [str(a) for a in wanted if a not in aspects]
        if missing:
            yield Problem(
                f"project {project.id!r} has no {' or '.join(missing)} tolerance: the "
                "programme board cannot tell when it must be told",
                path=path,
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
                data={"missing": missing},
            )


def plan_forecasts(ctx: RuleContext) -> dict[str, Forecast]:
    """Forecasts from the plan, as `progman status` uses: cost = the earned-value EAC and
    finish = the scheduled finish, at the programme's status date (or `today`).

    Empty when the plan cannot be scheduled: the structure rules (`PG-CYCLE`,
    `PG-REF-UNRESOLVED`) say why, and forecasts passed to `validate` still count.

    >>> import datetime
    >>> from progman import Programme, Project, Task
    >>> programme = Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     Project(id="p", name="P", tasks=[Task(id="t1", name="T1", duration=5, budget="9k",
    ...         actual_start="2013-01-07", percent_complete=50, actual_cost="6k")])])
    >>> forecast = plan_forecasts(RuleContext(programme, today=datetime.date(2013, 1, 9)))["p"]
    >>> forecast.cost, forecast.finish   # 9k x 6 / 4.5; 3 days left after Wednesday
    (Decimal('12000'), datetime.date(2013, 1, 14))
    """

    def build() -> dict[str, Forecast]:
        from ..control.progress import progress

        schedule, _ = ctx.schedule()
        if schedule is None:
            return {}
        status = ctx.programme.status_date or ctx.today
        return progress(ctx.programme, schedule, status_date=status).forecasts

    return ctx.memo("plan-forecasts", build)


@dataclass(frozen=True, slots=True)
class Breach:
    """How far a forecast goes past plan, against the tolerance for that aspect."""

    aspect: ToleranceAspect
    plan: Any
    forecast: Any
    deviation: Decimal
    """How far the forecast is past plan (pounds, days or benefit units)."""
    band: Decimal
    """The tolerance in the same units."""
    tolerance: Tolerance

    @property
    def used(self) -> Decimal:
        """Share of the tolerance used (1 = all of it; infinite when the band is 0)."""
        return self.deviation / self.band if self.band else Decimal("Infinity")


def assess_tolerance(
    plan: Decimal | date,
    forecast: Decimal | date,
    tolerance: Tolerance,
    *,
    base: Decimal | None = None,
    shortfall: bool = False,
    days_late: Callable[[date, date], int] | None = None,
) -> Breach | None:
    """Compare one forecast with its plan under one tolerance.

    Costs and dates are checked for overrun against `plus`; benefits (with
    `shortfall=True`) for shortfall against `minus`. `base` is what a percentage
    is a percentage of (the budget, the planned duration in days, the planned
    benefit). `days_late(plan, forecast)` counts how late a date is (working
    days on the programme's calendar; calendar days when not given). None when
    the forecast is on the right side of plan or the tolerance cannot be applied.

    >>> from progman import Tolerance
    >>> breach = assess_tolerance(Decimal(100_000), Decimal(115_000),
    ...                           Tolerance(aspect="cost", plus=10), base=Decimal(100_000))
    >>> breach.deviation, breach.band, breach.used
    (Decimal('15000'), Decimal('10000'), Decimal('1.5'))
    """
    if isinstance(plan, date) and isinstance(forecast, date):
        late = days_late(plan, forecast) if days_late else (forecast - plan).days
        deviation = Decimal(late)
    elif isinstance(plan, Decimal) and isinstance(forecast, Decimal):
        deviation = plan - forecast if shortfall else forecast - plan
    else:
        return None
    allowed = tolerance.minus if shortfall else tolerance.plus
    if deviation <= 0 or allowed is None:
        return None
    if tolerance.unit is ToleranceUnit.PERCENT:
        if base is None or base <= 0:
            return None
        band = base * allowed / HUNDRED
    else:
        band = allowed
    return Breach(tolerance.aspect, plan, forecast, deviation, band, tolerance)


def _needs_plan(ctx: RuleContext) -> bool:
    """Whether any tolerance lacks a given forecast, so the plan must be scheduled."""
    return any(held.tolerances and held.id not in ctx.forecasts for held in holders(ctx))


def breaches(ctx: RuleContext) -> list[tuple[Holder, Breach, str]]:
    """Every forecast past plan at a level with a tolerance: (holder, breach, source)."""

    def build() -> list[tuple[Holder, Breach, str]]:
        derived = plan_forecasts(ctx) if _needs_plan(ctx) else {}
        out: list[tuple[Holder, Breach, str]] = []
        for held in holders(ctx):
            if not held.tolerances:
                continue
            given = ctx.forecasts.get(held.id)
            forecast = given or derived.get(held.id)
            if forecast is None:
                continue
            source = "given" if given else "plan"
            for tolerance in held.tolerances:
                breach = _assess(ctx, held, forecast, tolerance)
                if breach is not None:
                    out.append((held, breach, source))
        return out

    return ctx.memo("tolerance-breaches", build)


def _assess(
    ctx: RuleContext, held: Holder, forecast: Forecast, tolerance: Tolerance
) -> Breach | None:
    obj = held.obj
    if tolerance.aspect is ToleranceAspect.COST and forecast.cost is not None:
        budget = getattr(obj, "budget", None)
        if budget is None:
            return None
        return assess_tolerance(budget, forecast.cost, tolerance, base=budget)
    if tolerance.aspect is ToleranceAspect.TIME and forecast.finish is not None:
        start = getattr(obj, "start", None)
        planned = getattr(obj, "finish", None) or getattr(obj, "end", None)
        if planned is None:
            return None
        calendar = ctx.calendar_for(held.id, planned, forecast.finish, start)
        base = Decimal(calendar.working_days_between(start, planned)) if start else None

        def days_late(plan: date, late: date) -> int:
            return calendar.index_after(late) - calendar.index_after(plan)

        return assess_tolerance(planned, forecast.finish, tolerance, base=base, days_late=days_late)
    if tolerance.aspect is ToleranceAspect.BENEFITS and forecast.benefit is not None:
        planned_benefit = _planned_benefit(ctx, held)
        if planned_benefit is None:
            return None
        return assess_tolerance(
            planned_benefit, forecast.benefit, tolerance, base=planned_benefit, shortfall=True
        )
    return None


def _planned_benefit(ctx: RuleContext, held: Holder) -> Decimal | None:
    from .benefits import net_benefits

    if held.level is Level.PROGRAMME:
        chosen = [b for _, b in ctx.benefits]
    elif held.level in (Level.PROJECT, Level.TRANCHE):
        chosen = _benefits_by_holder(ctx).get(held.id, [])
    else:
        return None
    return net_benefits(chosen, "planned") if chosen else None


def _benefits_by_holder(ctx: RuleContext) -> dict[str, list[Benefit]]:
    """Benefits by enabling project and by tranche, indexed once (not a scan per holder)."""

    def build() -> dict[str, list[Benefit]]:
        index: dict[str, list[Benefit]] = {}
        for _, benefit in ctx.benefits:
            for key in {*benefit.enabled_by, *([benefit.tranche] if benefit.tranche else [])}:
                index.setdefault(key, []).append(benefit)
        return index

    return ctx.memo("benefits-by-holder", build)


def _describe(held: Holder, breach: Breach) -> str:
    aspect = breach.aspect
    tol = breach.tolerance
    if aspect is ToleranceAspect.TIME:
        told = _signed(tol.plus, tol.unit, aspect, "+")
        return (
            f"{held.label} is forecast to finish {breach.forecast}, {number(breach.deviation)} "
            f"working days after its planned finish {breach.plan}, against a time tolerance of "
            f"{told} ({number(breach.band)} working days)"
        )
    if aspect is ToleranceAspect.COST:
        told = _signed(tol.plus, tol.unit, aspect, "+")
        return (
            f"{held.label} is forecast to cost {money(breach.forecast)} against a budget of "
            f"{money(breach.plan)}, {money(breach.deviation)} over, against a cost tolerance of "
            f"{told} ({money(breach.band)})"
        )
    told = _signed(tol.minus, tol.unit, aspect, "-")
    return (
        f"{held.label} is forecast to realise {number(breach.forecast)} of benefits against "
        f"{number(breach.plan)} planned, {number(breach.deviation)} short, against a benefits "
        f"tolerance of {told} ({number(breach.band)})"
    )


def _data(held: Holder, breach: Breach, source: str) -> dict[str, Any]:
    return {
        "level": str(held.level),
        "aspect": str(breach.aspect),
        "plan": breach.plan,
        "forecast": breach.forecast,
        "deviation": breach.deviation,
        "tolerance": breach.band,
        "excess": breach.deviation - breach.band,
        "forecast_source": source,
    }


@_tolerance_rule(
    "PG-TOLERANCE-EXCEEDED",
    "error",
    "A forecast beyond a level's tolerance is escalated one level up",
)
def tolerance_exceeded(ctx: RuleContext) -> Iterator[Problem]:
    for held, breach, source in breaches(ctx):
        if breach.deviation > breach.band:
            excess = breach.deviation - breach.band
            amount = money(excess) if breach.aspect is ToleranceAspect.COST else number(excess)
            unit = " working days" if breach.aspect is ToleranceAspect.TIME else ""
            yield Problem(
                f"{_describe(held, breach)}: beyond tolerance by {amount}{unit}; escalate to "
                f"the {ESCALATE_FROM[held.level]}",
                path=held.path,
                subject=held.id,
                escalate_to=ESCALATE_FROM[held.level],
                data=_data(held, breach, source),
            )


@_tolerance_rule(
    "PG-TOLERANCE-WARNING",
    "warning",
    "A forecast within tolerance but past the warning fraction is flagged early",
)
def tolerance_warning(ctx: RuleContext) -> Iterator[Problem]:
    fraction = ctx.settings.warning_fraction
    for held, breach, source in breaches(ctx):
        if breach.band and fraction * breach.band <= breach.deviation <= breach.band:
            share = (breach.used * HUNDRED).quantize(Decimal(1))
            yield Problem(
                f"{_describe(held, breach)}: {share}% of the tolerance is used (warning at "
                f"{number(fraction * HUNDRED)}%)",
                path=held.path,
                subject=held.id,
                escalate_to=ESCALATE_FROM[held.level],
                data={**_data(held, breach, source), "used": breach.used},
            )
