"""Tolerance rules: tolerances nest, are set where needed, and forecasts stay inside them;
work is not left overdue; the schedule's own problems are reported.

Each level's tolerances are set by the level above (programme -> tranche ->
project -> stage -> work package). A forecast beyond a level's tolerance, above
or below plan, is an exception: the finding names the tolerance (and the level it
is inherited from, when the level has none of its own), says by how much it is
exceeded, and escalates one level up.

Every judgement comes from `progman.forecasting` (the same one `progman status`, the
RAG and the board report read): forecasts given to `validate` replace the
computed ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from typing import Any

from ..forecasting import Assessment, Breach, LevelForecast, assess_tolerance, band
from ..model import RAG, Level, Tolerance, ToleranceAspect, ToleranceUnit
from ..words import long_date, working_days
from ._common import (
    ESCALATE_FROM,
    PROGRAMME_BOARD,
    PROJECT_MANAGER,
    money,
    number,
)
from .context import RuleContext
from .escalation import escalation_target
from .registry import Problem, rule

__all__ = ["Breach", "assess_tolerance"]

_tolerance_rule = partial(rule, family="tolerances")
_progress_rule = partial(rule, family="progress")

HUNDRED = Decimal(100)
_ZERO = Decimal(0)


def _label(level: LevelForecast) -> str:
    return f"{str(level.level).replace('_', ' ')} {level.id!r}"


def _amount(aspect: ToleranceAspect, value: Decimal) -> str:
    if aspect is ToleranceAspect.COST:
        return money(value)
    if aspect is ToleranceAspect.TIME:
        return working_days(value)
    if aspect is ToleranceAspect.BENEFITS:
        return money(value)
    return number(value)


def _signed(value: Decimal, unit: ToleranceUnit, aspect: ToleranceAspect, sign: str) -> str:
    if unit is ToleranceUnit.PERCENT:
        return f"{sign}{number(value)}%"
    if aspect in (ToleranceAspect.COST, ToleranceAspect.BENEFITS):
        return f"{sign}{money(value)}"
    if aspect is ToleranceAspect.TIME:
        return f"{sign}{working_days(value)}"
    return f"{sign}{number(value)}"


def _base(level: LevelForecast, aspect: ToleranceAspect, ctx: RuleContext) -> Decimal | None:
    """What a percentage tolerance of this level is a percentage of."""
    if aspect is ToleranceAspect.COST:
        return level.budget
    if aspect is ToleranceAspect.BENEFITS:
        return level.planned_benefit
    if aspect is ToleranceAspect.TIME and level.planned_start and level.planned_finish:
        calendar = ctx.calendar_for(level.id, level.planned_start, level.planned_finish)
        return Decimal(calendar.working_days_between(level.planned_start, level.planned_finish))
    return None


@_tolerance_rule(
    "PG-TOLERANCE-NESTING",
    "error",
    "A tolerance is no wider than the tolerance of the level above it, aspect by aspect",
)
def tolerances_nest(ctx: RuleContext) -> Iterator[Problem]:
    levels = ctx.forecast().levels
    for level in levels.values():
        parent_id = level.parent
        for i, tolerance in enumerate(level.tolerances):
            found = _above(levels, parent_id, tolerance.aspect)
            if found is None:
                continue
            parent, outer = found
            # a side is compared only where both tolerances set it
            if tolerance.plus is not None and outer.plus is not None:
                problem = _nesting_problem(ctx, level, i, tolerance, parent, outer, "plus", "+")
                if problem is not None:
                    yield problem
            if tolerance.minus is not None and outer.minus is not None:
                problem = _nesting_problem(ctx, level, i, tolerance, parent, outer, "minus", "-")
                if problem is not None:
                    yield problem


def _above(
    levels: dict[str, LevelForecast], start: str | None, aspect: ToleranceAspect
) -> tuple[LevelForecast, Tolerance] | None:
    here = levels.get(start) if start else None
    while here is not None:
        for tolerance in here.tolerances:
            if tolerance.aspect == aspect:
                return here, tolerance
        here = levels.get(here.parent) if here.parent else None
    return None


def _nesting_problem(
    ctx: RuleContext,
    level: LevelForecast,
    index: int,
    tolerance: Tolerance,
    parent: LevelForecast,
    outer: Tolerance,
    side: str,
    sign: str,
) -> Problem | None:
    inner_value = tolerance.plus if side == "plus" else tolerance.minus
    outer_value = outer.plus if side == "plus" else outer.minus
    if inner_value is None or outer_value is None:
        return None
    aspect = tolerance.aspect
    chosen = "plus" if side == "plus" else "minus"
    if tolerance.unit == outer.unit and (
        tolerance.unit is ToleranceUnit.ABSOLUTE or aspect not in _BASED
    ):
        inner, wider_by = inner_value, inner_value - outer_value
        outer_amount = outer_value
    else:
        # Percentages become amounts on their own bases before they are compared.
        inner_band = band(tolerance, chosen, _base(level, aspect, ctx))  # type: ignore[arg-type]
        outer_band = band(outer, chosen, _base(parent, aspect, ctx))  # type: ignore[arg-type]
        if inner_band is None or outer_band is None:
            return None
        inner, outer_amount, wider_by = inner_band, outer_band, inner_band - outer_band
    if inner <= outer_amount:
        return None
    same_units = tolerance.unit == outer.unit and (
        tolerance.unit is ToleranceUnit.ABSOLUTE or aspect not in _BASED
    )
    inner_text = _signed(inner_value, tolerance.unit, aspect, sign)
    outer_text = _signed(outer_value, outer.unit, aspect, sign)
    if not same_units:
        inner_text += f" ({_amount(aspect, inner)})"
        outer_text += f" ({_amount(aspect, outer_amount)})"
    by = _signed(wider_by, tolerance.unit, aspect, "") if same_units else _amount(aspect, wider_by)
    return Problem(
        f"{_label(level)} has a {aspect} tolerance of {inner_text}, wider than the "
        f"{outer_text} of {_label(parent)} above it (by {by})",
        path=f"{level.path}.tolerances[{index}]",  # never the programme's: it has none above
        subject=level.id,
        escalate_to=ESCALATE_FROM[level.level],
        data={
            "aspect": str(aspect),
            "side": side,
            "tolerance": inner_value,
            "parent": parent.id,
            "parent_tolerance": outer_value,
            "unit": str(tolerance.unit),
            "amount": inner,
            "parent_amount": outer_amount,
        },
    )


# Aspects whose percentages need a base (the plan) to become amounts.
_BASED = (ToleranceAspect.COST, ToleranceAspect.TIME, ToleranceAspect.BENEFITS)


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


def describe(level: LevelForecast, found: Assessment) -> str:
    """How a judged aspect reads in a finding and in the RAG's reason.

    `stage 'pq' is forecast to finish 24 January 2013, 10 working days after its planned
    finish 10 January 2013, against a time tolerance of +5 working days`.
    """
    aspect, tolerance, deviation = found.aspect, found.tolerance, found.deviation
    label = _label(level)
    if aspect is ToleranceAspect.RISK:
        return (
            f"{label} has active threat {found.why!r} scoring {number(found.forecast)}, "  # type: ignore[arg-type]
            f"above its risk tolerance of {number(found.plan)}"  # type: ignore[arg-type]
            f"{_inherited(level, found)}"
        )
    plus = deviation > 0
    sign = "+" if plus else "-"
    if tolerance is None:
        told = f"no {aspect} tolerance is set (PRINCE2: zero tolerance)"
    else:
        allowed = tolerance.plus if plus else tolerance.minus
        if allowed is None:
            told = f"no {aspect} tolerance {'above' if plus else 'below'} plan (zero)"
        else:
            told = f"a {aspect} tolerance of {_signed(allowed, tolerance.unit, aspect, sign)}"
            if tolerance.unit is ToleranceUnit.PERCENT and found.band is not None:
                told += f" ({_amount(aspect, found.band)})"
        told = f"against {told}{_inherited(level, found)}"
    size = abs(deviation)
    if aspect is ToleranceAspect.TIME:
        return (
            f"{label} is forecast to finish {long_date(found.forecast)}, {working_days(size)} "  # type: ignore[arg-type]
            f"{'after' if plus else 'before'} its planned finish {long_date(found.plan)}, "  # type: ignore[arg-type]
            f"{told}"
        )
    if aspect is ToleranceAspect.COST:
        return (
            f"{label} is forecast to cost {money(found.forecast)} against a budget of "  # type: ignore[arg-type]
            f"{money(found.plan)}, {money(size)} {'over' if plus else 'under'}, {told}"  # type: ignore[arg-type]
        )
    return (
        f"{label} is forecast to realise {money(found.forecast)} of benefits against "  # type: ignore[arg-type]
        f"{money(found.plan)} planned, {money(size)} {'above' if plus else 'short'}, {told}"  # type: ignore[arg-type]
    )


def _inherited(level: LevelForecast, found: Assessment) -> str:
    if found.set_at is None or found.set_at == level.id:
        return ""
    return f" inherited from {found.set_at!r}"


def _data(ctx: RuleContext, level: LevelForecast, found: Assessment) -> dict[str, Any]:
    given = level.id in ctx.forecasts
    band_amount = found.band if found.band is not None else _ZERO
    return {
        "level": str(level.level),
        "aspect": str(found.aspect),
        "side": found.side,
        "plan": found.plan,
        "forecast": found.forecast,
        "deviation": abs(found.deviation),
        "tolerance": band_amount,
        "excess": abs(found.deviation) - band_amount,
        "set_at": found.set_at,
        "forecast_source": "given" if given else "plan",
        "eac_method": level.forecast.method,
    }


def _told(level: LevelForecast, found: Assessment) -> str:
    """Who hears of a tolerance breach: whoever set the tolerance (`set_by`), else the level
    above (issue 14)."""
    tolerance = found.tolerance
    if tolerance is not None and tolerance.set_by:
        return tolerance.set_by
    return ESCALATE_FROM[level.level]


def _judged(ctx: RuleContext, status: RAG) -> list[tuple[LevelForecast, Assessment]]:
    """The aspects judged Red (or Amber) with their levels, in the forecast's order: the
    forecast's judgements are gone through once for both rules."""

    def build() -> dict[RAG | None, list[tuple[LevelForecast, Assessment]]]:
        found: dict[RAG | None, list[tuple[LevelForecast, Assessment]]] = {
            RAG.RED: [],
            RAG.AMBER: [],
        }
        for level, assessment in ctx.forecast().assessments():
            judged = found.get(assessment.status)
            if judged is not None:
                judged.append((level, assessment))
        return found

    return ctx.memo("tolerances:judged", build)[status]


@_tolerance_rule(
    "PG-TOLERANCE-EXCEEDED",
    "error",
    "A forecast beyond a level's tolerance, above or below plan, is escalated one level up",
)
def tolerance_exceeded(ctx: RuleContext) -> Iterator[Problem]:
    for level, found in _judged(ctx, RAG.RED):
        excess = abs(found.deviation) - (found.band or _ZERO)
        beyond = (
            ""
            if found.aspect is ToleranceAspect.RISK
            else f": beyond tolerance by {_amount(found.aspect, excess)}"
        )
        to = _told(level, found)
        told = escalation_target(ctx, to, level.id)
        if told is None or told.id is None:
            whom = f"the {to}"
        else:  # a board of the programme is "the OTP Board"; a person is named
            whom = f"the {told.name}" if told.id in ctx.boards else told.name
        yield Problem(
            f"{describe(level, found)}{beyond}; escalate to {whom}",
            path=level.path,
            subject=level.id,
            escalate_to=to,
            data=_data(ctx, level, found),
        )


@_tolerance_rule(
    "PG-TOLERANCE-WARNING",
    "warning",
    "A forecast within tolerance but past the warning fraction is flagged early",
)
def tolerance_warning(ctx: RuleContext) -> Iterator[Problem]:
    fraction = ctx.settings.warning_fraction
    for level, found in _judged(ctx, RAG.AMBER):
        if found.used is None:
            continue
        share = (found.used * HUNDRED).quantize(Decimal(1))
        yield Problem(
            f"{describe(level, found)}: {share}% of the tolerance is used (warning at "
            f"{number(fraction * HUNDRED)}%)",
            path=level.path,
            subject=level.id,
            escalate_to=_told(level, found),
            data={**_data(ctx, level, found), "used": found.used},
        )


@_progress_rule(
    "PG-PROGRESS-OVERDUE",
    "warning",
    "Work whose planned start has passed has started, and started work reports progress",
)
def progress_overdue(ctx: RuleContext) -> Iterator[Problem]:
    result = ctx.forecast()
    status, levels = result.status_date, result.levels
    on_status = long_date(status)
    for item in result.overdue:
        where = levels.get(item.id)
        onward = (
            f"; it is now forecast to finish {long_date(where.forecast.finish)}"
            if where is not None and where.forecast.finish is not None
            else ""
        )
        if item.reason == "not started":
            planned = long_date(item.planned_start) if item.planned_start else "before then"
            message = (
                f"{item.kind} {item.id!r} ({item.name}) was planned to "
                f"{'start' if item.kind == 'task' else 'be reached'} {planned} and has not "
                f"{'started' if item.kind == 'task' else 'been reached'} by the status date "
                f"{on_status}{onward}"
            )
        else:
            started = long_date(item.actual_start) if item.actual_start else "earlier"
            message = (
                f"task {item.id!r} ({item.name}) started {started} and reports no progress by "
                f"the status date {on_status}: record percent complete or remaining "
                f"duration{onward}"
            )
        yield Problem(
            message,
            path=item.path,
            subject=item.id,
            escalate_to=PROJECT_MANAGER,
            data={
                "reason": item.reason,
                "planned_start": item.planned_start,
                "actual_start": item.actual_start,
                "status_date": status,
            },
        )


@_progress_rule(
    "PG-BASELINE-MISSING",
    "warning",
    "Progress is measured against an approved baseline",
)
def baseline_missing(ctx: RuleContext) -> Iterator[Problem]:
    programme = ctx.programme
    if programme.baselines:
        return
    for _, _, _, task in ctx.tasks:
        if task.actual_start is not None:
            break
    else:
        return  # no progress recorded
    yield Problem(
        f"programme {programme.id!r} records progress but holds no baseline: planned value "
        "and overdue work are measured against the current plan as if nothing had slipped, "
        "not against an approved baseline (take one with progman.take_baseline)",
        path="baselines",
        subject=programme.id,
        escalate_to=ESCALATE_FROM[Level.PROGRAMME],
    )


_COVERED_ELSEWHERE = {"SCHED-CYCLE", "SCHED-UNKNOWN-REF", "SCHED-DUPLICATE-ID"}
"""Schedule errors the structure rules already report (PG-CYCLE, PG-REF-UNRESOLVED,
PG-ID-DUPLICATE)."""


@rule(
    "SCHED-DEADLINE",
    "warning",
    "Work with a must-finish-by date is forecast to meet it",
    family="schedule",
)
def schedule_deadline(ctx: RuleContext) -> Iterator[Problem]:
    return _relayed(ctx, "SCHED-DEADLINE")


@rule(
    "SCHED-CONSTRAINT-CONFLICT",
    "warning",
    "No-later-than constraints leave room for the work their links bring before them",
    family="schedule",
)
def schedule_constraint_conflict(ctx: RuleContext) -> Iterator[Problem]:
    return _relayed(ctx, "SCHED-CONSTRAINT-CONFLICT")


def _relayed(ctx: RuleContext, code: str) -> Iterator[Problem]:
    """The schedule's own findings of one code, for the project manager to act on."""
    plan, _ = ctx.schedule()
    if plan is None:
        return
    for finding in plan.findings:
        if finding.code == code:
            yield Problem(
                finding.message,
                path=finding.path,
                subject=finding.subject,
                escalate_to=PROJECT_MANAGER,
                data=dict(finding.data),
            )


@rule(
    "SCHED-UNSCHEDULABLE",
    "error",
    "The plan can be scheduled (start dates and calendars are known)",
    family="schedule",
)
def schedule_blocked(ctx: RuleContext) -> Iterator[Problem]:
    _, problems = ctx.schedule()
    for finding in problems:
        if finding.code not in _COVERED_ELSEWHERE:
            yield Problem(
                f"{finding.message} ({finding.code})",
                path=finding.path,
                subject=finding.subject,
                data={"code": finding.code, **dict(finding.data)},
            )
