"""Judging a forecast against a tolerance, on both sides, in the aspect's own units.

PRINCE2 defines a tolerance as "the permissible deviation above and below a plan's
target for time and cost": `plus` bounds the deviation above plan (over budget,
late, more benefit), `minus` the deviation below (under budget, early, short of
benefit). A percentage is converted to an amount on the plan's own base (the
budget, the planned working days, the planned benefit) before anything is compared,
so tolerances in different units can be nested and judged.

Where no tolerance is set for a side that matters (over budget, late, short of
benefit), PRINCE2's default applies: the tolerance is zero, so any deviation is an
exception. The other side is then not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .._records import quick_init
from ..model import RAG, Tolerance, ToleranceAspect, ToleranceUnit

__all__ = ["Assessment", "Breach", "assess_tolerance", "band", "judge"]

HUNDRED = Decimal(100)
Side = Literal["plus", "minus"]

_GREEN, _AMBER, _RED = RAG.GREEN, RAG.AMBER, RAG.RED  # (an enum member's look-up is slow)
_NO_PLAN, _NO_FORECAST = "no plan", "no forecast"

# The side on which each aspect hurts: over budget, late, short of benefit.
_BAD_SIDE: dict[ToleranceAspect, Side] = {
    ToleranceAspect.COST: "plus",
    ToleranceAspect.TIME: "plus",
    ToleranceAspect.BENEFITS: "minus",
}


def band(tolerance: Tolerance, side: Side, base: Decimal | None) -> Decimal | None:
    """The tolerance on one side as an amount in the aspect's units (pounds, working days,
    benefit); None when that side is unset or a percentage has no base to apply to.

    >>> band(Tolerance(aspect="cost", plus=10, minus=5), "minus", Decimal(200_000))
    Decimal('10000')
    >>> band(Tolerance(aspect="time", plus=3, unit="absolute"), "plus", None)
    Decimal('3')
    """
    allowed = tolerance.plus if side == "plus" else tolerance.minus
    if allowed is None:
        return None
    if tolerance.unit is ToleranceUnit.PERCENT:
        if base is None or base <= 0:
            return None
        return base * allowed / HUNDRED
    return allowed


@dataclass(frozen=True, slots=True)
class Breach:
    """How far a forecast goes past plan on one side, against the tolerance that way."""

    aspect: ToleranceAspect
    plan: Decimal | date
    forecast: Decimal | date
    deviation: Decimal
    """How far from plan, always positive (pounds, working days or benefit units)."""
    band: Decimal
    """The tolerance on that side in the same units."""
    tolerance: Tolerance
    side: Side = "plus"
    """`plus`: above plan (over, late, more); `minus`: below it (under, early, short)."""

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
    """Compare one forecast with its plan under one tolerance, on whichever side it falls.

    `base` is what a percentage is a percentage of. `days_late(plan, forecast)`
    counts how late a date is in working days (calendar days when not given).
    `shortfall=True` judges only the side below plan (benefits). None when the
    forecast is on plan or that side of the tolerance is unset.

    >>> from progman import Tolerance
    >>> tolerance = Tolerance(aspect="cost", plus=10, minus=10)
    >>> breach = assess_tolerance(Decimal(100_000), Decimal(115_000), tolerance,
    ...                           base=Decimal(100_000))
    >>> breach.side, breach.deviation, breach.band, breach.used
    ('plus', Decimal('15000'), Decimal('10000'), Decimal('1.5'))
    >>> assess_tolerance(Decimal(200_000), Decimal(150_000), tolerance,
    ...                  base=Decimal(200_000)).side          # 25% under, beyond -10%
    'minus'
    """
    signed = _deviation(plan, forecast, days_late)
    if signed is None or signed == 0:
        return None
    side: Side = "plus" if signed > 0 else "minus"
    if shortfall and side == "plus":
        return None
    amount = band(tolerance, side, base)
    if amount is None:
        return None
    return Breach(tolerance.aspect, plan, forecast, abs(signed), amount, tolerance, side)


def _deviation(
    plan: Decimal | date,
    forecast: Decimal | date,
    days_late: Callable[[date, date], int] | None,
) -> Decimal | None:
    if isinstance(plan, date) and isinstance(forecast, date):
        if days_late is not None:
            return Decimal(days_late(plan, forecast))
        return Decimal((forecast - plan).days)
    if isinstance(plan, Decimal) and isinstance(forecast, Decimal):
        return forecast - plan
    return None


@quick_init
@dataclass(frozen=True, slots=True)
class Assessment:
    """One aspect of one level judged against its tolerance: Red, Amber, Green or None.

    *Red*: beyond tolerance (an exception, escalated one level up). *Amber*: within it
    but at or past the programme's warning fraction. *Green*: within. None: cannot be
    judged (no plan or no forecast, or a percentage with no base).
    """

    aspect: ToleranceAspect
    status: RAG | None
    plan: Decimal | date | None = None
    forecast: Decimal | date | None = None
    deviation: Decimal = Decimal(0)
    """Signed distance from plan: positive above (over, late), negative below."""
    band: Decimal | None = None
    """The tolerance on the deviation's side, in the aspect's units."""
    tolerance: Tolerance | None = None
    """The tolerance applied (None: none is set, PRINCE2's zero applies)."""
    set_at: str | None = None
    """Id of the level whose tolerance applies (another id than the judged one: inherited)."""
    why: str = ""
    """Why it cannot be judged, when status is None."""

    @property
    def side(self) -> Side | None:
        """`plus` above plan, `minus` below, None on plan."""
        return "plus" if self.deviation > 0 else "minus" if self.deviation < 0 else None

    @property
    def used(self) -> Decimal | None:
        """Share of the tolerance used (None on plan or when unjudged)."""
        if self.status is None or self.band is None or self.deviation == 0:
            return None
        return abs(self.deviation) / self.band if self.band else Decimal("Infinity")

    @property
    def exceeded(self) -> bool:
        """True when the forecast is beyond tolerance."""
        return self.status == RAG.RED


def judge(
    aspect: ToleranceAspect,
    plan: Decimal | date | None,
    forecast: Decimal | date | None,
    deviation: Decimal | None,
    tolerance: Tolerance | None,
    *,
    base: Decimal | None,
    warning_fraction: Decimal,
    set_at: str | None = None,
) -> Assessment:
    """Judge one aspect: `deviation` is forecast minus plan in the aspect's units
    (working days for time, counted on the level's calendar).

    >>> from progman import Tolerance
    >>> cost = Tolerance(aspect="cost", plus=10)
    >>> judge(ToleranceAspect.COST, Decimal(100), Decimal(108), Decimal(8), cost,
    ...       base=Decimal(100), warning_fraction=Decimal("0.8")).status
    'amber'
    >>> judge(ToleranceAspect.COST, Decimal(100), Decimal(101), Decimal(1), None,
    ...       base=Decimal(100), warning_fraction=Decimal("0.8")).status   # no tolerance: zero
    'red'
    """
    if plan is None or forecast is None or deviation is None:
        return Assessment(
            aspect, None, plan, forecast, why=_NO_PLAN if plan is None else _NO_FORECAST
        )
    if deviation == 0:
        return Assessment(aspect, _GREEN, plan, forecast, deviation, None, tolerance, set_at)
    side: Side = "plus" if deviation > 0 else "minus"
    bad = _BAD_SIDE.get(aspect, "plus")
    if tolerance is None:
        amount: Decimal | None = Decimal(0) if side == bad else None
    elif (tolerance.plus if side == "plus" else tolerance.minus) is None:
        amount = Decimal(0) if side == bad else None
    else:
        amount = band(tolerance, side, base)
        if amount is None:
            return Assessment(
                aspect,
                None,
                plan,
                forecast,
                deviation,
                None,
                tolerance,
                set_at,
                why="a percentage tolerance with no planned base to apply it to",
            )
    if amount is None:  # the harmless side, with nothing set that way
        return Assessment(aspect, _GREEN, plan, forecast, deviation, None, tolerance, set_at)
    size = abs(deviation)
    if size > amount:
        status = _RED
    elif amount and size >= warning_fraction * amount:
        status = _AMBER
    else:
        status = _GREEN
    return Assessment(aspect, status, plan, forecast, deviation, amount, tolerance, set_at)
