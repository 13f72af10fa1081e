"""Confidence in deadlines: the risk analysis's chance of meeting each must-finish-by.

`PG-DEADLINE-CONFIDENCE` runs only when the programme asks for it
(`risk_analysis.deadline_confidence`): it is the one rule that simulates, so `check` on a
programme without the setting does not import the analysis at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Level, ToleranceAspect
from ..words import long_date
from ._common import ESCALATE_FROM, number
from .context import RuleContext
from .registry import Problem, rule
from .tolerances import _told

if TYPE_CHECKING:
    from ..forecasting import LevelForecast

__all__ = ["deadline_confidence"]


def _level_of(ctx: RuleContext, item_id: str) -> LevelForecast | None:
    """The level whose time tolerance covers the item: a task's own (a work package), else
    its project's, else the programme's."""
    levels = ctx.forecast().levels
    found = levels.get(item_id)
    if found is not None:
        return found
    entry = ctx.objects.get(item_id)
    if entry is not None and entry.project is not None:
        found = levels.get(entry.project.id)
    return found if found is not None else levels.get(ctx.programme.id)


def _told_of(ctx: RuleContext, item_id: str) -> str:
    """Who hears of it: as for a time tolerance forecast at the item's level."""
    level = _level_of(ctx, item_id)
    if level is None:
        return ESCALATE_FROM[Level.PROGRAMME]
    found = level.assessments.get(ToleranceAspect.TIME)
    return _told(level, found) if found is not None else ESCALATE_FROM[level.level]


@rule(
    "PG-DEADLINE-CONFIDENCE",
    "warning",
    "Work with a must-finish-by date is likely enough to meet it",
    family="schedule",
)
def deadline_confidence(ctx: RuleContext) -> Iterator[Problem]:
    settings = ctx.programme.risk_analysis
    wanted = settings.deadline_confidence
    if wanted is None:
        return
    plan, _ = ctx.schedule()
    if plan is None:  # SCHED-UNSCHEDULABLE says why
        return
    from ..analysis import risk_analysis
    from ..schedule import ScheduleError

    try:
        result = risk_analysis(
            ctx.programme,
            iterations=settings.iterations,
            seed=settings.seed,
            status_date=ctx.today,
            tornado=False,
        )
    except ScheduleError as error:
        for finding in error.findings:
            yield Problem(
                f"{finding.message} ({finding.code}): the deadline confidence cannot be worked out",
                path=finding.path,
                subject=finding.subject,
                data={"code": finding.code},
            )
        return
    p80 = {spread.id: spread.p80 for spread in result.milestones}
    for chance in result.deadlines:
        if chance.probability >= float(wanted):
            continue
        kind = ctx.kind_of(chance.id) or "item"
        later = f"; its P80 date is {long_date(p80[chance.id])}" if chance.id in p80 else ""
        share = number(Decimal(str(chance.probability)))
        yield Problem(
            f"{kind} {chance.id!r} ({chance.name}) has a {share}% chance "
            f"of meeting its must-finish-by date of {long_date(chance.due)}, below the "
            f"{number(wanted)}% the programme asks for ({result.iterations:,} iterations, "
            f"seed {result.seed}){later}",
            path=ctx.path_of(chance.id),
            subject=chance.id,
            escalate_to=_told_of(ctx, chance.id),
            data={
                "probability": chance.probability,
                "due": chance.due,
                "confidence": wanted,
                "p80": p80.get(chance.id),
                "iterations": result.iterations,
                "seed": result.seed,
            },
        )
