"""Benefit rules: profiles in order, realisation against plan, dis-benefits netted off.

A benefit's shortfall to date compares the periods that have an actual:
for a benefit measured upwards (the default) actuals below plan are short,
for one measured downwards actuals above plan are; for a dis-benefit, actuals
worse (larger) than planned are. The tolerance is the `benefits` tolerance of
the benefit's tranche, else the programme's; with neither, any shortfall is
reported (a tolerance of zero).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import partial
from operator import attrgetter
from typing import Literal

from ..control.benefits_map import BenefitsMap, benefits_map
from ..forecasting.benefits import BenefitsRealisation, benefits_realisation, net_totals
from ..model import Benefit, BenefitKind, Direction, Tolerance, ToleranceAspect
from ..model.governance import tolerance_for
from ._common import PROGRAMME_BOARD, SPONSORING_GROUP, money, names, number
from .context import RuleContext
from .registry import Problem, rule
from .tolerances import assess_tolerance

__all__ = ["net_benefits"]

_benefit_rule = partial(rule, family="benefits")

_POUNDS = frozenset({"GBP", "£", "POUNDS"})
_START = attrgetter("start")


def net_benefits(
    benefits: Iterable[Benefit],
    value: Literal["planned", "forecast", "actual"] = "planned",
    *,
    to_date_only: bool = False,
) -> Decimal:
    """Total of financial benefits with dis-benefits counted against them, each pound once.

    `value` picks the planned, forecast (latest view) or actual figures;
    `to_date_only` counts the plan only for periods that have an actual (to compare
    like with like). Non-financial benefits are left out: their measures do not add
    up. The figures are those of `progman.forecasting.benefits.net_totals`.

    >>> from progman import Benefit
    >>> saving = Benefit(id="b1", name="Saving", profile={"kpi": "GBP",
    ...     "periods": [{"financial_year": "2012/13", "planned": "1.4m"}]})
    >>> cost = Benefit(id="d1", name="Extra travel", kind="dis_benefit", profile={"kpi": "GBP",
    ...     "periods": [{"financial_year": "2012/13", "planned": "100k"}]})
    >>> net_benefits([saving, cost])
    Decimal('1300000')
    """
    totals = net_totals(benefits)
    if value == "planned":
        return totals.planned_to_date if to_date_only else totals.planned
    return totals.actual if value == "actual" else totals.forecast


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
    # PRINCE2's zero, made once per validation (a model object costs some 15 us to make)
    zero = ctx.memo("benefits:zero-tolerance", _zero_benefits_tolerance)
    return zero, "no tolerance set"


def _zero_benefits_tolerance() -> Tolerance:
    return Tolerance(aspect=ToleranceAspect.BENEFITS, minus=Decimal(0))


def _show(benefit: Benefit) -> Callable[[Decimal], str]:
    unit = benefit.profile.unit if benefit.profile else None
    return money if (unit or "").upper() in _POUNDS else number


def _worse_when_lower(benefit: Benefit) -> bool:
    if benefit.kind is BenefitKind.DIS_BENEFIT:
        return False
    if benefit.financial:
        return True  # judged on the gain over the baseline, whichever way the measure runs
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
        levels = ""
        show = _show(benefit)
        if benefit.financial:  # judged in pounds of benefit: the gain over the baseline
            gains = [profile.gain(v) for p in measured for v in (p.planned, p.actual or Decimal(0))]
            if None in gains:
                continue  # no baseline to measure a fall from (PG-BENEFIT-MEASURE says so)
            if profile.direction is Direction.DECREASE or profile.baseline_value:
                levels = (
                    f" ({profile.kpi} {show(actual)} against {show(planned)} planned, "
                    f"from a baseline of {show(profile.baseline_value or Decimal(0))})"
                )
            planned = sum((g for g in gains[0::2] if g is not None), Decimal(0))
            actual = sum((g for g in gains[1::2] if g is not None), Decimal(0))
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
        yield Problem(
            f"{str(benefit.kind).replace('_', '-')} {benefit.id!r} ({benefit.name}) has realised "
            f"{show(actual)} to date against {show(planned)} planned{levels}, "
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
    # The programme's benefits, each pound once: the realisation's totals (its actuals
    # and plan to date do not depend on the status date).
    totals = _realisation(ctx).total()
    planned, actual = totals.planned_to_date, totals.actual
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


def _realisation(ctx: RuleContext) -> BenefitsRealisation:
    status = ctx.programme.status_date or ctx.today
    given = ctx.given_forecast
    if given is not None and given.status_date == status:
        return given.benefits  # worked out already, at the same date
    if status == ctx.today:  # the forecast's own, which the tolerance rules read anyway
        return ctx.forecast().benefits
    return ctx.memo(
        "benefits_realisation", lambda: benefits_realisation(ctx.programme, status_date=status)
    )


@_benefit_rule(
    "PG-BENEFIT-COMPONENTS",
    "warning",
    "A headline benefit's components add up to it in every financial year it states a figure",
)
def components_reconcile(ctx: RuleContext) -> Iterator[Problem]:
    paths = {benefit.id: path for path, benefit in ctx.benefits}
    for gap in _realisation(ctx).reconciliation():
        short = gap.gap > 0
        yield Problem(
            f"benefit {gap.benefit!r} states {money(gap.stated)} for {gap.year} but its "
            f"components ({names(gap.components)}) add up to {money(gap.itemised)}: "
            f"{money(abs(gap.gap))} "
            f"{'unaccounted for' if short else 'more than the headline'}",
            path=f"{paths.get(gap.benefit, '')}.components",
            subject=gap.benefit,
            escalate_to=PROGRAMME_BOARD,
            data={
                "year": gap.year.label,
                "stated": gap.stated,
                "itemised": gap.itemised,
                "gap": gap.gap,
                "components": list(gap.components),
            },
        )


@_benefit_rule(
    "PG-BENEFIT-COMPONENT-OF",
    "error",
    "A benefit is a component of one headline at most (loops are PG-MAP-CYCLE's)",
)
def component_of_one(ctx: RuleContext) -> Iterator[Problem]:
    headline_of: dict[str, str] = {}
    for path, benefit in ctx.benefits:
        for n, component in enumerate(benefit.components):
            first = headline_of.setdefault(component, benefit.id)
            if first != benefit.id:
                yield Problem(
                    f"benefit {component!r} is a component of both {first!r} and "
                    f"{benefit.id!r}: its pounds would be counted twice; make it a component "
                    "of one headline",
                    path=f"{path}.components[{n}]",
                    subject=benefit.id,
                    data={"component": component, "headlines": [first, benefit.id]},
                )


@_benefit_rule(
    "PG-SAVINGS-TARGET",
    "error",
    "Each savings target is forecast to be met over its own financial years, within the "
    "programme's benefits tolerance",
)
def savings_targets(ctx: RuleContext) -> Iterator[Problem]:
    tolerance = tolerance_for(ctx.programme.tolerances, ToleranceAspect.BENEFITS)
    rule = tolerance or Tolerance(aspect=ToleranceAspect.BENEFITS, minus=Decimal(0))
    for n, progress in enumerate(_realisation(ctx).targets()):
        target = progress.target
        breach = assess_tolerance(
            target.amount, progress.forecast, rule, base=target.amount, shortfall=True
        )
        if breach is None or breach.deviation <= breach.band:
            continue
        kind = "cashable savings" if target.cashable else "savings (cashable and non-cashable)"
        limit = (
            "with no benefits tolerance set"
            if tolerance is None
            else f"beyond the programme's benefits tolerance of {money(breach.band)}"
        )
        in_list = n < len(ctx.programme.savings_targets)
        yield Problem(
            f"savings target {target.name!r} ({money(target.amount)} in {target.years}) is "
            f"forecast to get {money(progress.forecast)} of {kind}, "
            f"{money(breach.deviation)} short, {limit}",
            path=f"savings_targets[{n}]" if in_list else "savings_target",
            subject=ctx.programme.id,
            escalate_to=SPONSORING_GROUP,
            data={
                "target": target.name,
                "years": target.years.label,
                "amount": target.amount,
                "forecast": progress.forecast,
                "actual": progress.actual,
                "shortfall": breach.deviation,
                "tolerance": breach.band,
            },
        )


@_benefit_rule(
    "PG-BENEFIT-TIMING",
    "warning",
    "Benefits are not realised while their enabling tranche is still delivering (nor, if "
    "configured, before an enabling project finishes)",
)
def realisation_timing(ctx: RuleContext) -> Iterator[Problem]:
    projects_too = ctx.settings.benefit_timing == "tranche_and_projects"
    for path, benefit in ctx.benefits:
        profile = benefit.profile
        if not profile or benefit.kind is BenefitKind.DIS_BENEFIT:
            continue
        tranche = ctx.objects.get(benefit.tranche) if benefit.tranche else None
        end = tranche.obj.end if tranche is not None and tranche.kind == "tranche" else None
        if end is None and not projects_too:
            continue  # nothing to be realised after
        realising = [p for p in profile.periods if p.planned]
        if not realising:
            continue
        first = min(realising, key=_START)
        show = _show(benefit)
        if end is not None and first.end <= end:
            yield Problem(
                f"benefit {benefit.id!r} plans {show(first.planned)} from {first.start} to "
                f"{first.end}, while its enabling tranche {benefit.tranche!r} is still "
                f"delivering (it ends on {end}): benefits follow the capability a tranche "
                "delivers",
                path=f"{path}.profile.periods",
                subject=benefit.id,
                data={"period_end": first.end, "tranche": benefit.tranche, "tranche_end": end},
            )
        if not projects_too:
            continue
        finishes = [
            (entry.obj.finish, project_id)
            for project_id in benefit.enabled_by
            if (entry := ctx.objects.get(project_id)) is not None
            and entry.kind == "project"
            and entry.obj.finish is not None
        ]
        if finishes and first.end < min(finishes)[0]:
            finish, project_id = min(finishes)
            yield Problem(
                f"benefit {benefit.id!r} plans {show(first.planned)} from {first.start} to "
                f"{first.end}, before any project enabling it has finished (the first, "
                f"{project_id!r}, finishes on {finish})",
                path=f"{path}.profile.periods",
                subject=benefit.id,
                data={"period_end": first.end, "project": project_id, "finish": finish},
            )


def _map(ctx: RuleContext) -> BenefitsMap:
    return ctx.memo("benefits_map", lambda: benefits_map(ctx.programme))


@_benefit_rule(
    "PG-MAP-OBJECTIVE",
    "warning",
    "Every benefit leads to a strategic objective on the benefits map",
)
def benefit_reaches_objective(ctx: RuleContext) -> Iterator[Problem]:
    bmap = _map(ctx)
    objectives = ctx.programme.objectives
    known = {o.id for o in objectives} | {o.name for o in objectives}
    for path, benefit in ctx.benefits:
        if objectives:
            for n, text in enumerate(benefit.objectives):
                if text not in known:
                    yield Problem(
                        f"benefit {benefit.id!r} serves {text!r}, which is neither the id nor "
                        "the name of one of the programme's objectives",
                        path=f"{path}.objectives[{n}]",
                        subject=benefit.id,
                        data={"objective": text},
                    )
        if benefit.kind is BenefitKind.DIS_BENEFIT or bmap.reach(benefit.id, "objective"):
            continue
        yield Problem(
            f"benefit {benefit.id!r} ({benefit.name}) leads to no strategic objective, "
            "directly or through a headline it is part of: say which objective it serves",
            path=path,
            subject=benefit.id,
            escalate_to=PROGRAMME_BOARD,
        )


@_benefit_rule(
    "PG-MAP-PROJECT",
    "warning",
    "Every project contributes to an outcome or a benefit, or is marked as an enabler with "
    "a reason",
)
def project_contributes(ctx: RuleContext) -> Iterator[Problem]:
    bmap = _map(ctx)
    for path, project in ctx.projects:
        if project.enabler or bmap.reach(project.id, "outcome", "benefit", "dis_benefit"):
            continue
        yield Problem(
            f"project {project.id!r} ({project.name}) contributes to no outcome or benefit on "
            "the benefits map: link it through a capability or a benefit's enabled_by, or say "
            "why it is an enabler (enabler: ...)",
            path=path,
            subject=project.id,
            escalate_to=PROGRAMME_BOARD,
        )


@_benefit_rule(
    "PG-MAP-CYCLE",
    "error",
    "The benefits map has no loop (the loop is spelled out)",
)
def map_cycle(ctx: RuleContext) -> Iterator[Problem]:
    loop = _map(ctx).cycle()
    if loop is None:
        return
    yield Problem(
        f"the benefits map loops back on itself: {' -> '.join(repr(n) for n in loop)}",
        path=ctx.path_of(loop[0]),
        subject=loop[0],
        data={"cycle": loop},
    )


@_benefit_rule(
    "PG-MAP-ORPHAN",
    "warning",
    "Capabilities, outcomes and objectives on the benefits map are connected at both ends",
)
def map_orphans(ctx: RuleContext) -> Iterator[Problem]:
    bmap = _map(ctx)
    for node, (kind, name) in bmap.nodes.items():
        missing = []
        if kind in ("capability", "outcome") and not bmap.in_degree(node):
            missing.append(
                "no project enables it"
                if kind == "capability"
                else "no capability or earlier outcome brings it about"
            )
        if kind == "objective" and not bmap.in_degree(node):
            missing.append("no benefit serves it")
        if kind in ("capability", "outcome") and not bmap.reach(node, "benefit", "dis_benefit"):
            missing.append("it leads to no benefit")
        if missing:
            yield Problem(
                f"{kind} {node!r} ({name}) is loose on the benefits map: {' and '.join(missing)}",
                path=ctx.path_of(node),
                subject=node,
                data={"kind": kind, "missing": missing},
            )
