"""Benefit rules: profiles in order, realisation against plan, dis-benefits netted off.

A benefit's shortfall to date compares the periods that have an actual:
for a benefit measured upwards (the default) actuals below plan are short,
for one measured downwards actuals above plan are; for a dis-benefit, actuals
worse (larger) than planned are. The tolerance is the `benefits` tolerance of
the benefit's tranche, else the programme's; with neither, any shortfall is
reported (a tolerance of zero).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import partial
from typing import Literal

from ..model import Benefit, BenefitKind, Direction, Tolerance, ToleranceAspect
from ..model.governance import tolerance_for
from ._common import PROGRAMME_BOARD, SPONSORING_GROUP, money, number
from .context import RuleContext
from .registry import Problem, rule
from .tolerances import assess_tolerance

__all__ = ["net_benefits"]

_benefit_rule = partial(rule, family="benefits")

_POUNDS = frozenset({"GBP", "£", "POUNDS"})


def net_benefits(
    benefits: Iterable[Benefit],
    value: Literal["planned", "forecast", "actual"] = "planned",
    *,
    to_date_only: bool = False,
) -> Decimal:
    """Total of financial benefits with dis-benefits counted against them.

    `value` picks the planned, forecast or actual figures; `to_date_only`
    counts only periods that have an actual (to compare like with like).
    Non-financial benefits are left out: their measures do not add up.

    >>> from progman import Benefit
    >>> saving = Benefit(id="b1", name="Saving", profile={"kpi": "GBP",
    ...     "periods": [{"financial_year": "2012/13", "planned": "1.4m"}]})
    >>> cost = Benefit(id="d1", name="Extra travel", kind="dis_benefit", profile={"kpi": "GBP",
    ...     "periods": [{"financial_year": "2012/13", "planned": "100k"}]})
    >>> net_benefits([saving, cost])
    Decimal('1300000')
    """
    total = Decimal(0)
    for benefit in benefits:
        if benefit.profile is None or not benefit.financial:
            continue
        for period in benefit.profile.periods:
            if to_date_only and period.actual is None:
                continue
            figure = getattr(period, value)
            if figure is not None:
                total += benefit.sign * figure
    return total


@_benefit_rule(
    "PG-BENEFIT-PERIODS",
    "error",
    "A benefit profile's periods are in order and do not overlap",
)
def profile_periods(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        if benefit.profile is None:
            continue
        periods = benefit.profile.periods
        for i in range(1, len(periods)):
            before, period = periods[i - 1], periods[i]
            if period.start <= before.end:
                how = "before" if period.end < before.start else "overlapping"
                yield Problem(
                    f"period {i + 1} of benefit {benefit.id!r} ({period.start} to {period.end}) "
                    f"comes {how} period {i} ({before.start} to {before.end}): periods must "
                    "follow one another",
                    path=f"{path}.profile.periods[{i}]",
                    subject=benefit.id,
                    data={"period": i, "start": period.start, "previous_end": before.end},
                )


def _benefit_tolerance(ctx: RuleContext, benefit: Benefit) -> tuple[Tolerance, str]:
    if benefit.tranche:
        entry = ctx.objects.get(benefit.tranche)
        if entry is not None and entry.kind == "tranche":
            found = tolerance_for(entry.obj.tolerances, ToleranceAspect.BENEFITS)
            if found is not None:
                return found, f"tranche {benefit.tranche!r}"
    found = tolerance_for(ctx.programme.tolerances, ToleranceAspect.BENEFITS)
    if found is not None:
        return found, "the programme"
    return Tolerance(aspect=ToleranceAspect.BENEFITS, minus=Decimal(0)), "no tolerance set"


def _worse_when_lower(benefit: Benefit) -> bool:
    if benefit.kind is BenefitKind.DIS_BENEFIT:
        return False
    return benefit.profile is None or benefit.profile.direction is Direction.INCREASE


@_benefit_rule(
    "PG-BENEFIT-SHORTFALL",
    "error",
    "A benefit's actuals to date fall short of its profile by no more than the benefits tolerance",
)
def benefit_shortfall(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        profile = benefit.profile
        if profile is None:
            continue
        measured = [p for p in profile.periods if p.actual is not None]
        if not measured:
            continue
        planned = sum((p.planned for p in measured), Decimal(0))
        actual = sum((p.actual for p in measured if p.actual is not None), Decimal(0))
        lower_is_worse = _worse_when_lower(benefit)
        plan, seen = (planned, actual) if lower_is_worse else (-planned, -actual)
        tolerance, whose = _benefit_tolerance(ctx, benefit)
        breach = assess_tolerance(plan, seen, tolerance, base=abs(planned), shortfall=True)
        if breach is None or breach.deviation <= breach.band:
            continue
        limit = (
            "with no benefits tolerance set"
            if whose == "no tolerance set"
            else f"beyond the benefits tolerance of {whose} "
            f"(-{number(tolerance.minus or Decimal(0))}"
            f"{'%' if tolerance.unit == 'percent' else ''})"
        )
        word = "short of" if lower_is_worse else "worse than"
        show = money if (profile.unit or "").upper() in _POUNDS else number
        yield Problem(
            f"{str(benefit.kind).replace('_', '-')} {benefit.id!r} ({benefit.name}) has realised "
            f"{show(actual)} to date against {show(planned)} planned, "
            f"{show(breach.deviation)} {word} its profile, {limit}; an exception for the "
            f"{PROGRAMME_BOARD}",
            path=f"{path}.profile",
            subject=benefit.id,
            escalate_to=PROGRAMME_BOARD,
            data={
                "planned": planned,
                "actual": actual,
                "shortfall": breach.deviation,
                "tolerance": breach.band,
                "periods": len(measured),
            },
        )


@_benefit_rule(
    "PG-BENEFIT-NET-SHORTFALL",
    "error",
    "The programme's net financial benefits to date (dis-benefits counted against them) are "
    "within its benefits tolerance",
)
def net_shortfall(ctx: RuleContext) -> Iterator[Problem]:
    chosen = [b for _, b in ctx.benefits]
    planned = net_benefits(chosen, "planned", to_date_only=True)
    actual = net_benefits(chosen, "actual", to_date_only=True)
    tolerance = tolerance_for(ctx.programme.tolerances, ToleranceAspect.BENEFITS)
    if tolerance is None or planned <= 0:
        return
    breach = assess_tolerance(planned, actual, tolerance, base=planned, shortfall=True)
    if breach is None or breach.deviation <= breach.band:
        return
    yield Problem(
        f"programme {ctx.programme.id!r} has realised net benefits of {money(actual)} to date "
        f"against {money(planned)} planned (dis-benefits counted against benefits), "
        f"{money(breach.deviation)} short, beyond its benefits tolerance of "
        f"{money(breach.band)}",
        path="",
        subject=ctx.programme.id,
        escalate_to=SPONSORING_GROUP,
        data={
            "planned": planned,
            "actual": actual,
            "shortfall": breach.deviation,
            "tolerance": breach.band,
        },
    )
