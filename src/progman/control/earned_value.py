"""Earned value: how much of the plan's value has been earned, and at what cost.

The standard formulas (PMI / APM), on money in pounds:

| measure | formula | reads as |
|---|---|---|
| BAC | budget at completion | the approved budget |
| PV | BAC x planned fraction complete at the status date | value planned by now |
| EV | BAC x fraction actually complete | value earned by now |
| AC | actual cost to date | money spent by now |
| SV | EV - PV | behind schedule when negative |
| CV | EV - AC | over cost when negative |
| SPI | EV / PV | < 1 is behind schedule |
| CPI | EV / AC | < 1 is over cost |
| EAC | BAC / CPI | forecast cost at completion, if performance continues |
| ETC | EAC - AC | still to spend |
| VAC | BAC - EAC | forecast over (negative) or under budget |

Edge cases, chosen to stay meaningful rather than divide by zero:
nothing planned yet (PV = 0) leaves SPI undefined (None); nothing spent
(AC = 0) leaves CPI undefined, and then EAC = AC + (BAC - EV), the plan's
remaining cost, so a task not started forecasts its budget. A zero budget
with money spent gives CPI = 0 and EAC = AC: everything spent is overspend.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["EarnedValue", "earned_value", "total"]

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class EarnedValue:
    """Earned-value figures for a task, stage, project or programme at a status date.

    >>> ev = EarnedValue(bac=Decimal(100_000), pv=Decimal(50_000), ev=Decimal(40_000),
    ...                  ac=Decimal(50_000))
    >>> ev.sv, ev.cv, ev.spi, ev.cpi, ev.eac, ev.vac
    (Decimal('-10000'), Decimal('-10000'), Decimal('0.8'), Decimal('0.8'), Decimal('125000'), \
Decimal('-25000'))
    """

    bac: Decimal
    """Budget at completion."""
    pv: Decimal
    """Planned value at the status date."""
    ev: Decimal
    """Earned value at the status date."""
    ac: Decimal
    """Actual cost to date."""

    @property
    def sv(self) -> Decimal:
        """Schedule variance, EV - PV (negative: behind schedule)."""
        return self.ev - self.pv

    @property
    def cv(self) -> Decimal:
        """Cost variance, EV - AC (negative: over cost)."""
        return self.ev - self.ac

    @property
    def spi(self) -> Decimal | None:
        """Schedule performance index, EV / PV; None before anything is planned."""
        return _ratio(self.ev, self.pv)

    @property
    def cpi(self) -> Decimal | None:
        """Cost performance index, EV / AC; None before anything is spent."""
        return _ratio(self.ev, self.ac)

    @property
    def eac(self) -> Decimal:
        """Estimate at completion: BAC / CPI, or AC + (BAC - EV) while CPI is undefined or 0."""
        if self.ev == 0 or self.ac == 0:
            return _tidy(self.ac + max(self.bac - self.ev, _ZERO))
        return _tidy(self.bac * self.ac / self.ev)  # BAC / CPI, without rounding CPI first

    @property
    def etc(self) -> Decimal:
        """Estimate to complete, EAC - AC."""
        return self.eac - self.ac

    @property
    def vac(self) -> Decimal:
        """Variance at completion, BAC - EAC (negative: forecast overspend)."""
        return self.bac - self.eac

    def plus(self, other: EarnedValue) -> EarnedValue:
        """The sum of two sets of figures (indices are recomputed on the sums)."""
        return EarnedValue(
            bac=self.bac + other.bac,
            pv=self.pv + other.pv,
            ev=self.ev + other.ev,
            ac=self.ac + other.ac,
        )


def _ratio(top: Decimal, bottom: Decimal) -> Decimal | None:
    if bottom == 0:
        return None
    return _tidy(top / bottom, places=Decimal("0.0001"))


def _tidy(amount: Decimal, places: Decimal = Decimal("0.01")) -> Decimal:
    rounded = amount.quantize(places)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded.normalize()


def earned_value(
    budget: Decimal | None,
    planned_fraction: Decimal,
    earned_fraction: Decimal,
    actual_cost: Decimal | None,
) -> EarnedValue:
    """Figures for one task from its budget and the planned and achieved fractions complete.

    >>> earned_value(Decimal(1000), Decimal("0.5"), Decimal("0.25"), Decimal(300)).eac
    Decimal('1200')
    """
    bac = budget or _ZERO
    return EarnedValue(
        bac=bac,
        pv=_tidy(bac * _clamp(planned_fraction)),
        ev=_tidy(bac * _clamp(earned_fraction)),
        ac=actual_cost or _ZERO,
    )


def total(figures: Iterable[EarnedValue]) -> EarnedValue:
    """Roll figures up (tasks to a stage, stages to a project, projects to the programme)."""
    out = EarnedValue(_ZERO, _ZERO, _ZERO, _ZERO)
    for item in figures:
        out = out.plus(item)
    return out


def _clamp(fraction: Decimal) -> Decimal:
    return min(max(fraction, _ZERO), Decimal(1))
