"""Earned value to the PMI *Practice Standard for Earned Value Management* (2nd ed.),
with Lipke's earned schedule, on money in pounds.

| measure | formula | reads as |
|---|---|---|
| BAC | budget at completion | the approved budget |
| PV | BAC x planned fraction complete at the status date | value planned by now |
| EV | BAC x fraction actually complete | value earned by now |
| AC | actual cost to date | money spent by now |
| SV, CV | EV - PV, EV - AC | behind schedule, over cost when negative |
| SPI, CPI | EV / PV, EV / AC | below 1: behind schedule, over cost |
| EAC (cpi) | BAC / CPI | cost performance so far continues |
| EAC (plan) | AC + (BAC - EV) | the rest costs what was budgeted |
| EAC (cpi_spi) | AC + (BAC - EV) / (CPI x SPI) | cost and schedule performance weigh on the rest |
| EAC (bottom_up) | sum of the parts' estimates | see `progman.forecasting` |
| ETC, VAC | EAC - AC, BAC - EAC | still to spend; over (negative) or under budget |
| TCPI (BAC) | (BAC - EV) / (BAC - AC) | efficiency needed to finish on budget |
| TCPI (EAC) | (BAC - EV) / (EAC - AC) | efficiency needed to finish at the EAC |

Edge cases, chosen to stay meaningful rather than divide by zero:

- nothing planned yet (PV = 0): SPI is undefined (None);
- nothing spent (AC = 0): CPI is undefined and every EAC is BAC: with no cost booked
  there is no cost performance to project, so the plan stands (this includes
  work reported done whose costs are not booked yet);
- money spent and nothing earned (EV = 0, AC > 0): CPI = 0 and EAC = AC + BAC, the
  spend so far plus the whole plan still to do;
- a composite index that is undefined or 0 (CPI x SPI before anything is planned)
  falls back to AC + (BAC - EV);
- at completion (EV = BAC) every method gives EAC = AC;
- TCPI is undefined (None) when its denominator is 0 or below (the budget or the
  EAC is already spent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .._records import quick_init
from ..model import EacMethod

__all__ = ["EarnedSchedule", "EarnedValue", "earned_schedule", "earned_value", "total"]

_ZERO = Decimal(0)
_BY_CPI = (EacMethod.CPI, EacMethod.BOTTOM_UP)
_CPI_SPI = EacMethod.CPI_SPI


@quick_init
@dataclass(frozen=True, slots=True)
class EarnedValue:
    """Earned-value figures for a task, stage, project or programme at a status date.

    >>> ev = EarnedValue(bac=Decimal(100_000), pv=Decimal(50_000), ev=Decimal(40_000),
    ...                  ac=Decimal(50_000))
    >>> ev.sv, ev.cv, ev.spi, ev.cpi, ev.eac, ev.vac
    (Decimal('-10000'), Decimal('-10000'), Decimal('0.8'), Decimal('0.8'), Decimal('125000'), \
Decimal('-25000'))
    >>> ev.estimate("plan"), ev.estimate("cpi_spi"), ev.tcpi(), ev.tcpi(ev.eac)
    (Decimal('110000'), Decimal('143750'), Decimal('1.2'), Decimal('0.8'))
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

    def estimate(self, method: EacMethod | str = EacMethod.CPI) -> Decimal:
        """Estimate at completion by a named method (`cpi`, `plan`, `cpi_spi`).

        `bottom_up` is a sum over the parts, which these figures alone cannot give:
        for one work package it is its `cpi` estimate.
        """
        chosen = method if isinstance(method, EacMethod) else EacMethod(method)
        if not self.ac:  # == 0
            return self.bac
        remaining = self.bac - self.ev
        if self.ev == 0:
            return _tidy(self.ac + max(remaining, _ZERO))
        if chosen in _BY_CPI:
            return _tidy(self.bac * self.ac / self.ev)  # BAC / CPI, without rounding CPI first
        if chosen is _CPI_SPI and self.pv > 0:
            # CPI x SPI = EV^2 / (AC x PV), kept exact
            return _tidy(self.ac + remaining * self.ac * self.pv / (self.ev * self.ev))
        return _tidy(self.ac + remaining)

    @property
    def eac(self) -> Decimal:
        """Estimate at completion by BAC / CPI (see `estimate` for the other methods)."""
        return self.estimate(EacMethod.CPI)

    @property
    def etc(self) -> Decimal:
        """Estimate to complete, EAC - AC."""
        return self.eac - self.ac

    @property
    def vac(self) -> Decimal:
        """Variance at completion, BAC - EAC (negative: forecast overspend)."""
        return self.bac - self.eac

    def tcpi(self, target: Decimal | None = None) -> Decimal | None:
        """To-complete performance index: (BAC - EV) / (target - AC), the target being
        BAC by default or an EAC; None when the target is already spent."""
        goal = self.bac if target is None else target
        left = goal - self.ac
        if left <= 0:
            return None
        return _tidy((self.bac - self.ev) / left, places=Decimal("0.0001"))

    def plus(self, other: EarnedValue) -> EarnedValue:
        """The sum of two sets of figures (indices are recomputed on the sums)."""
        return EarnedValue(
            bac=self.bac + other.bac,
            pv=self.pv + other.pv,
            ev=self.ev + other.ev,
            ac=self.ac + other.ac,
        )


@dataclass(frozen=True, slots=True)
class EarnedSchedule:
    """Lipke's earned schedule, in working days from the planned start.

    ES is the time at which the planned value curve reached today's earned value,
    so it keeps measuring lateness after the planned finish, where SPI returns to 1.

    >>> es = EarnedSchedule(es=Decimal(10), at=20, planned_duration=10)
    >>> es.sv_t, es.spi_t, es.ieac_t     # finished twice as late as planned
    (Decimal('-10'), Decimal('0.5'), Decimal('20'))
    """

    es: Decimal
    """Earned schedule: working days of the plan that the work done is worth."""
    at: int
    """Actual time: working days from the planned start to the status date."""
    planned_duration: int
    """The plan's length in working days."""

    @property
    def sv_t(self) -> Decimal:
        """Schedule variance in time, ES - AT (negative: working days behind)."""
        return self.es - self.at

    @property
    def spi_t(self) -> Decimal | None:
        """Schedule performance index in time, ES / AT; None before the planned start."""
        return _ratio(self.es, Decimal(self.at))

    @property
    def ieac_t(self) -> Decimal | None:
        """Independent estimate of the duration at completion, PD / SPI(t), in working days."""
        spi = self.spi_t
        if not spi:
            return None
        return _tidy(Decimal(self.planned_duration) * Decimal(self.at) / self.es)


def earned_schedule(
    parts: Iterable[tuple[int, int, Decimal]], earned: Decimal, at: int
) -> EarnedSchedule | None:
    """Earned schedule from the planned value curve.

    `parts` are (planned start, planned working days, budget) with the start in working
    days from the level's planned start; each part's value is planned evenly over its days.
    `earned` is the EV, `at` the actual time. ES = C + (EV - PV(C)) / (PV(C+1) - PV(C)),
    where C is the last whole day by which PV(C) <= EV (Lipke, 2003). None without a plan.

    >>> earned_schedule([(0, 10, Decimal(100))], Decimal(100), 20).spi_t
    Decimal('0.5')
    >>> earned_schedule([(0, 10, Decimal(100))], Decimal(40), 5).es
    Decimal('4')
    """
    plan = [(start, days, budget) for start, days, budget in parts if budget > 0]
    if not plan:
        return None
    finish = max(start + max(days, 0) for start, days, _ in plan)
    origin = min(start for start, _, _ in plan)

    def planned_value(t: int) -> Decimal:
        value = _ZERO
        for start, days, budget in plan:
            if t >= start + days:
                value += budget
            elif t > start:
                value += budget * (t - start) / days
        return value

    low, high = origin, finish  # PV(low) <= EV, largest such whole day, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if planned_value(mid) <= earned:
            low = mid
        else:
            high = mid - 1
    here, after = planned_value(low), planned_value(low + 1)
    step = (earned - here) / (after - here) if after > here and low < finish else _ZERO
    es = _tidy(Decimal(low - origin) + step, places=Decimal("0.0001"))
    return EarnedSchedule(es=es, at=max(at, 0), planned_duration=finish - origin)


def _ratio(top: Decimal, bottom: Decimal) -> Decimal | None:
    if bottom == 0:
        return None
    return _tidy(top / bottom, places=Decimal("0.0001"))


_ONE = Decimal(1)
_CENTS = Decimal("0.01")


_MINUS_ZERO = Decimal("-0")


def _tidy(amount: Decimal, places: Decimal = _CENTS) -> Decimal:
    if not amount:  # zero in any exponent rounds to 0 (or -0): nothing planned or earned
        return _MINUS_ZERO if amount.is_signed() else _ZERO
    rounded = amount.quantize(places)
    whole = rounded.to_integral()  # exponent 0: as rounded.quantize(1) where they are equal
    return whole if rounded == whole else rounded.normalize()


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
    pv = _tidy(bac * _clamp(planned_fraction))
    # the same fraction (all done as planned, or none) gives the same value
    ev = pv if earned_fraction is planned_fraction else _tidy(bac * _clamp(earned_fraction))
    return EarnedValue(bac, pv, ev, actual_cost or _ZERO)


def total(figures: Iterable[EarnedValue]) -> EarnedValue:
    """Roll figures up (tasks to a stage, stages to a project, projects to the programme)."""
    bac = pv = ev = ac = _ZERO
    for item in figures:  # the sums `plus` makes, in the same order, with no object per step
        bac += item.bac
        pv += item.pv
        ev += item.ev
        ac += item.ac
    return EarnedValue(bac, pv, ev, ac)


def _clamp(fraction: Decimal) -> Decimal:
    # min(max(fraction, 0), 1), keeping `fraction` itself at the bounds as min/max do
    if fraction < _ZERO:
        return _ZERO
    return _ONE if fraction > _ONE else fraction
