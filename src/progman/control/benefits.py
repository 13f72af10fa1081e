"""Benefits realisation by UK financial year, category, tranche and owner.

Profile periods are apportioned to financial years by calendar days, so a
period from 1 February to 30 April puts 59 of its 89 days' value in the year
ending 31 March and the rest in the next. Dis-benefits count negatively
everywhere, so every total is net. Only financial benefits (cashable and
non-cashable, valued in pounds) are totalled; non-financial ones are measured
in their own units and listed apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ..model import Benefit, FinancialYear, ProfilePeriod, Programme

__all__ = [
    "BenefitRow",
    "BenefitTotals",
    "BenefitsRealisation",
    "benefits_realisation",
    "split_by_financial_year",
]

_ZERO = Decimal(0)
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class BenefitRow:
    """One benefit's net values in one financial year."""

    benefit: str
    category: str
    tranche: str | None
    owner: str | None
    year: FinancialYear
    planned: Decimal
    forecast: Decimal
    """The latest view: forecast where given, else actual, else planned."""
    actual: Decimal | None
    """Realised value; None where nothing has been recorded for the year."""
    planned_to_date: Decimal
    """Planned value of the periods that have an actual recorded."""


@dataclass(frozen=True, slots=True)
class BenefitTotals:
    """Planned, forecast and actual totals for a group of rows."""

    planned: Decimal = _ZERO
    forecast: Decimal = _ZERO
    actual: Decimal = _ZERO
    planned_to_date: Decimal = _ZERO
    """Planned value of the periods measured so far (those with actuals)."""

    @property
    def shortfall(self) -> Decimal:
        """Planned minus actual over the periods measured so far: positive when behind."""
        return self.planned_to_date - self.actual

    def plus(self, other: BenefitRow | BenefitTotals) -> BenefitTotals:
        """These totals with a row or other totals added."""
        return BenefitTotals(
            planned=self.planned + other.planned,
            forecast=self.forecast + other.forecast,
            actual=self.actual + (other.actual or _ZERO),
            planned_to_date=self.planned_to_date + other.planned_to_date,
        )


def _total(rows: Iterable[BenefitRow]) -> BenefitTotals:
    totals = BenefitTotals()
    for row in rows:
        totals = totals.plus(row)
    return totals


@dataclass(frozen=True)
class BenefitsRealisation:
    """A programme's benefit profiles as net rows per benefit and financial year.

    >>> import progman as pm
    >>> programme = pm.Programme(id="x", name="X", savings_target="2m", benefits=[
    ...     pm.Benefit(id="b", name="Savings", profile=pm.BenefitProfile(kpi="GBP", periods=[
    ...         {"financial_year": "2011/12", "planned": "600k", "actual": "600k"},
    ...         {"financial_year": "2012/13", "planned": "1.4m", "forecast": "1.307m"}]))])
    >>> realisation = benefits_realisation(programme)
    >>> for year, totals in realisation.by_year().items():
    ...     print(year, totals.planned, totals.forecast, totals.actual)
    2011/12 600000 600000 600000
    2012/13 1400000 1307000 0
    >>> realisation.target_shortfall()
    Decimal('93000')
    """

    rows: tuple[BenefitRow, ...]
    savings_target: Decimal | None = None
    non_financial: tuple[str, ...] = ()
    """Ids of non-financial benefits: measured in their own units, so not totalled."""

    def __iter__(self) -> Iterator[BenefitRow]:
        return iter(self.rows)

    def to_dataframe(self) -> Any:
        """One row per benefit and financial year (pandas is an optional extra)."""
        from ..report.frames import dataframe

        return dataframe(
            {
                "benefit": row.benefit,
                "year": row.year.label,
                "category": row.category,
                "tranche": row.tranche,
                "owner": row.owner,
                "planned": row.planned,
                "forecast": row.forecast,
                "actual": row.actual,
            }
            for row in self.rows
        )

    def total(self) -> BenefitTotals:
        """Net totals over every benefit and year."""
        return _total(self.rows)

    def by(self, key: Callable[[BenefitRow], K]) -> dict[K, BenefitTotals]:
        """Totals grouped by any key of a row, in sorted order (None last)."""
        groups: dict[K, list[BenefitRow]] = defaultdict(list)
        for row in self.rows:
            groups[key(row)].append(row)
        ordered = sorted(groups, key=lambda k: (k is None, k if k is not None else 0))
        return {k: _total(groups[k]) for k in ordered}

    def by_year(self) -> dict[FinancialYear, BenefitTotals]:
        """Totals per financial year, earliest first."""
        return self.by(lambda row: row.year)

    def by_category(self) -> dict[str, BenefitTotals]:
        """Totals per category: cashable, non_cashable, non_financial."""
        return self.by(lambda row: row.category)

    def by_tranche(self) -> dict[str | None, BenefitTotals]:
        """Totals per enabling tranche (None where a benefit names none)."""
        return self.by(lambda row: row.tranche)

    def by_owner(self) -> dict[str | None, BenefitTotals]:
        """Totals per benefit owner (None where a benefit has none)."""
        return self.by(lambda row: row.owner)

    def cumulative(self) -> dict[FinancialYear, BenefitTotals]:
        """Running totals: each year includes every earlier one."""
        running = BenefitTotals()
        out: dict[FinancialYear, BenefitTotals] = {}
        for year, totals in self.by_year().items():
            running = running.plus(totals)
            out[year] = running
        return out

    def target_shortfall(
        self, first: FinancialYear | None = None, last: FinancialYear | None = None
    ) -> Decimal | None:
        """Savings target minus forecast cashable savings in the years first..last (inclusive).

        Positive means the programme is forecast to fall short; None when it sets
        no target. The window defaults to every year profiled.
        """
        if self.savings_target is None:
            return None
        forecast = sum(
            (
                row.forecast
                for row in self.rows
                if row.category == "cashable"
                and (first is None or row.year >= first)
                and (last is None or row.year <= last)
            ),
            _ZERO,
        )
        return self.savings_target - forecast


def _days(start: date, end: date) -> int:
    return (end - start).days + 1


def split_by_financial_year(period: ProfilePeriod) -> Iterator[tuple[FinancialYear, Decimal]]:
    """The share of a period that falls in each financial year, by calendar days.

    >>> import progman as pm
    >>> quarter = pm.ProfilePeriod(start="2013-02-01", end="2013-04-30", planned=89)
    >>> [(str(year), round(share * 89)) for year, share in split_by_financial_year(quarter)]
    [('2012/13', 59), ('2013/14', 30)]
    """
    year = FinancialYear.of(period.start)
    if FinancialYear.of(period.end) == year:  # the common case: one year, no division
        yield year, Decimal(1)
        return
    total_days = Decimal(_days(period.start, period.end))
    while year.start <= period.end:
        days = _days(max(period.start, year.start), min(period.end, year.end))
        yield year, Decimal(days) / total_days
        year = FinancialYear(year.start_year + 1)


@dataclass
class _YearSum:
    planned: Decimal = _ZERO
    forecast: Decimal = _ZERO
    actual: Decimal | None = None
    planned_to_date: Decimal = _ZERO


def _tidy(amount: Decimal) -> Decimal:
    # Apportioning divides by day counts: keep pennies, drop the noise.
    pennies = amount.quantize(Decimal("0.01"))
    return pennies.quantize(Decimal(1)) if pennies == pennies.to_integral() else pennies


def _rows_for(benefit: Benefit) -> Iterator[BenefitRow]:
    if benefit.profile is None:
        return
    years: dict[FinancialYear, _YearSum] = defaultdict(_YearSum)
    for period in benefit.profile.periods:
        latest = next(v for v in (period.forecast, period.actual, period.planned) if v is not None)
        for year, share in split_by_financial_year(period):
            acc = years[year]
            acc.planned += period.planned * share
            acc.forecast += latest * share
            if period.actual is not None:
                acc.actual = (acc.actual or _ZERO) + period.actual * share
                acc.planned_to_date += period.planned * share
    sign = benefit.sign
    for year in sorted(years):
        acc = years[year]
        yield BenefitRow(
            benefit=benefit.id,
            category=str(benefit.category),
            tranche=benefit.tranche,
            owner=benefit.owner,
            year=year,
            planned=_tidy(sign * acc.planned),
            forecast=_tidy(sign * acc.forecast),
            actual=None if acc.actual is None else _tidy(sign * acc.actual),
            planned_to_date=_tidy(sign * acc.planned_to_date),
        )


def benefits_realisation(programme: Programme) -> BenefitsRealisation:
    """Every benefit profile as net rows per financial year, ready to group and total."""
    financial = [benefit for benefit in programme.benefits if benefit.financial]
    rows = tuple(row for benefit in financial for row in _rows_for(benefit))
    return BenefitsRealisation(
        rows=rows,
        savings_target=programme.savings_target,
        non_financial=tuple(b.id for b in programme.benefits if not b.financial),
    )
