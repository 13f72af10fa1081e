"""Benefits realisation by UK financial year, category, tranche and owner.

Profile periods are apportioned to financial years by calendar days, so a
period from 1 February to 30 April puts 59 of its 89 days' value in the year
ending 31 March and the rest in the next. Dis-benefits count negatively
everywhere, so every total is net. Only financial benefits (cashable and
non-cashable, valued in pounds) are totalled; non-financial ones are measured
in their own units and listed apart.

Three rules make the figures honest:

- **Direction.** A period's values are readings of the measure; the benefit is
  the gain over the baseline in the profile's direction
  (`BenefitProfile.gain`): a running cost planned to fall from £1m to £900k is
  a £100k benefit, and £950k actual is £50k realised, £50k short.
- **Outturn.** In a period that has closed by the status date, the recorded
  actual is the figure (the outturn), whatever the forecast said.
- **Each pound once.** A headline benefit made of `components` counts its own
  figure in the years it profiles; its components are its breakdown there and
  count only in years the headline does not profile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from .._records import quick_init
from ..model import (
    Benefit,
    BenefitCategory,
    FinancialYear,
    FinancialYears,
    ProfilePeriod,
    Programme,
    SavingsTarget,
)
from ..model.common import as_date
from ..words import money

__all__ = [
    "BenefitRow",
    "BenefitTotals",
    "BenefitsRealisation",
    "Reconciliation",
    "TargetProgress",
    "benefit_plans",
    "benefits_realisation",
    "net_totals",
    "split_by_financial_year",
]

_ZERO = Decimal(0)
K = TypeVar("K")


@quick_init
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
    """The latest view: the actual in a closed period, else the forecast, else the actual,
    else the plan."""
    actual: Decimal | None
    """Realised value; None where nothing has been recorded for the year."""
    planned_to_date: Decimal
    """Planned value of the periods that have an actual recorded."""
    counted: bool = True
    """False where a headline benefit this one is a component of states its own figure
    for the year: the pounds are counted there, once."""


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
    planned = forecast = actual = planned_to_date = _ZERO
    for row in rows:  # the sums `plus` makes, in the same order, with no object per row
        planned += row.planned
        forecast += row.forecast
        actual += row.actual or _ZERO
        planned_to_date += row.planned_to_date
    return BenefitTotals(planned, forecast, actual, planned_to_date)


@dataclass(frozen=True, slots=True)
class TargetProgress:
    """A savings target against the benefits planned, forecast and realised in its window."""

    target: SavingsTarget
    planned: Decimal
    forecast: Decimal
    actual: Decimal

    @property
    def shortfall(self) -> Decimal:
        """Target minus forecast: positive when the forecast falls short, negative beyond."""
        return self.target.amount - self.forecast

    def __str__(self) -> str:
        gap = self.shortfall
        how = (
            "met"
            if gap == 0
            else f"{money(abs(gap))} {'short of' if gap > 0 else 'beyond'} the target"
        )
        return (
            f"{self.target.name} ({self.target.years}): target {money(self.target.amount)}, "
            f"forecast {money(self.forecast)}, actual {money(self.actual)}: {how}"
        )


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """A headline benefit whose components do not add up to it in one financial year."""

    benefit: str
    year: FinancialYear
    stated: Decimal
    """The headline's own figure for the year (its latest view: actual, forecast or plan)."""
    itemised: Decimal
    """What its components add up to for the year."""
    components: tuple[str, ...]

    @property
    def gap(self) -> Decimal:
        """Stated minus itemised: positive when part of the headline is not accounted for."""
        return self.stated - self.itemised


@dataclass(frozen=True)
class BenefitsRealisation:
    """A programme's benefit profiles as net rows per benefit and financial year.

    >>> import progman as pm
    >>> programme = pm.Programme(id="x", name="X", savings_targets=[
    ...     {"name": "2012/13 savings", "amount": "1.4m", "years": "2012/13"}], benefits=[
    ...     pm.Benefit(id="b", name="Savings", profile=pm.BenefitProfile(kpi="GBP", periods=[
    ...         {"financial_year": "2011/12", "planned": "600k", "actual": "600k"},
    ...         {"financial_year": "2012/13", "planned": "1.4m", "forecast": "1.307m"}]))])
    >>> realisation = benefits_realisation(programme)
    >>> for year, totals in realisation.by_year().items():
    ...     print(year, totals.planned, totals.forecast, totals.actual)
    2011/12 600000 600000 600000
    2012/13 1400000 1307000 0
    >>> print(realisation.targets()[0])
    2012/13 savings (2012/13): target £1,400,000, forecast £1,307,000, actual £0: \
£93,000 short of the target
    """

    rows: tuple[BenefitRow, ...]
    """Every financial benefit's own rows, components included (see `BenefitRow.counted`)."""
    savings_targets: tuple[SavingsTarget, ...] = ()
    non_financial: tuple[str, ...] = ()
    """Ids of non-financial benefits: measured in their own units, so not totalled."""
    unvalued: tuple[str, ...] = ()
    """Ids of financial benefits whose measure should decrease but has no baseline value:
    the fall cannot be measured, so they are not totalled."""
    components: Mapping[str, tuple[str, ...]] | None = None
    """Headline benefit id -> its component benefit ids."""

    def __iter__(self) -> Iterator[BenefitRow]:
        return iter(self.rows)

    @property
    def counted(self) -> tuple[BenefitRow, ...]:
        """The rows that make up the totals: each pound once."""
        return tuple(row for row in self.rows if row.counted)

    def _repr_html_(self) -> str:
        from ..report.frames import html_table

        rows = [
            {"financial_year": year.label, "planned": t.planned, "forecast": t.forecast,
             "actual": t.actual}
            for year, t in self.by_year().items()
        ]  # fmt: skip
        return html_table(rows, "Benefits by financial year (net of dis-benefits)")

    def to_dataframe(self) -> Any:
        """One row per benefit and financial year (pandas is an optional extra)."""
        from ..report.frames import dataframe

        return dataframe(
            {
                "benefit": row.benefit,
                "financial_year": row.year.label,
                "category": row.category,
                "tranche": row.tranche,
                "owner": row.owner,
                "planned": row.planned,
                "forecast": row.forecast,
                "actual": row.actual,
                "counted": row.counted,
            }
            for row in self.rows
        )

    def total(self) -> BenefitTotals:
        """Net totals over every benefit and year, each pound once."""
        return _total(self.counted)

    def by(self, key: Callable[[BenefitRow], K]) -> dict[K, BenefitTotals]:
        """Totals of the counted rows grouped by any key of a row, sorted (None last)."""
        groups: dict[K, list[BenefitRow]] = defaultdict(list)
        for row in self.counted:
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

    def of(self, benefit_id: str) -> BenefitTotals:
        """One benefit's own totals over every year, whether or not they are counted
        in a headline's place."""
        return _total(row for row in self.rows if row.benefit == benefit_id)

    def cumulative(self) -> dict[FinancialYear, BenefitTotals]:
        """Running totals: each year includes every earlier one."""
        running = BenefitTotals()
        out: dict[FinancialYear, BenefitTotals] = {}
        for year, totals in self.by_year().items():
            running = running.plus(totals)
            out[year] = running
        return out

    def in_window(self, years: FinancialYears, *, cashable_only: bool = True) -> BenefitTotals:
        """Totals over a window of financial years: cashable only, or every financial
        benefit (cashable and non-cashable)."""
        return _total(
            row
            for row in self.counted
            if row.year in years and (not cashable_only or row.category == BenefitCategory.CASHABLE)
        )

    def targets(self) -> list[TargetProgress]:
        """Each savings target against the benefits in its own window, in the order given."""
        out = []
        for target in self.savings_targets:
            totals = self.in_window(target.years, cashable_only=target.cashable)
            out.append(TargetProgress(target, totals.planned, totals.forecast, totals.actual))
        return out

    def reconciliation(self) -> list[Reconciliation]:
        """Headline benefits whose components do not add up to them, year by year.

        In each year a headline profiles, its own figure (latest view) is compared
        with what its components add up to (a component that is itself a headline
        counts its own figure where it has one, else its components').
        """
        parts = self.components or {}
        own: dict[tuple[str, FinancialYear], Decimal] = {
            (row.benefit, row.year): row.forecast for row in self.rows
        }

        def itemised(benefit: str, year: FinancialYear, seen: frozenset[str]) -> Decimal:
            figure = own.get((benefit, year))
            if figure is not None:
                return figure
            return sum(
                (itemised(c, year, seen | {c}) for c in parts.get(benefit, ()) if c not in seen),
                _ZERO,
            )

        found = []
        for row in self.rows:
            children = parts.get(row.benefit, ())
            if not children:
                continue
            seen = frozenset({row.benefit})
            total = sum(
                (itemised(c, row.year, seen | {c}) for c in children if c not in seen), _ZERO
            )
            if total != row.forecast:
                found.append(Reconciliation(row.benefit, row.year, row.forecast, total, children))
        return found


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


@dataclass(slots=True)
class _YearSum:
    planned: Decimal = _ZERO
    forecast: Decimal = _ZERO
    actual: Decimal | None = None
    planned_to_date: Decimal = _ZERO


_CENTS = Decimal("0.01")
_ONE = Decimal(1)


def _tidy(amount: Decimal) -> Decimal:
    # Apportioning divides by day counts: keep pennies, drop the noise.
    pennies = amount.quantize(_CENTS)
    whole = pennies.to_integral()  # exponent 0: as pennies.quantize(1) where they are equal
    return whole if pennies == whole else pennies


def _latest(periods: Iterable[ProfilePeriod], status_date: date | None) -> list[Decimal]:
    """Each period's latest view: the actual once the period has closed (the outturn),
    else the forecast, else the actual, else the plan."""
    return [
        period.actual
        if period.actual is not None and (status_date is None or period.end <= status_date)
        else period.forecast
        if period.forecast is not None
        else period.planned
        if period.actual is None
        else period.actual
        for period in periods
    ]


def _rows_for(benefit: Benefit, status_date: date | None) -> Iterator[BenefitRow]:
    profile = benefit.profile
    if profile is None:
        return
    gain = profile.gain
    years: dict[int, _YearSum] = {}  # by the financial year's start year
    # The common case, a period lying in one financial year, puts its whole value there:
    # its readings are summed per year and turned into gains once (`gain` of a sum).
    whole: dict[int, list[ProfilePeriod]] = {}
    for period in profile.periods:
        start, end = period.start, period.end
        first = start.year if start.month >= 4 else start.year - 1
        if first == (end.year if end.month >= 4 else end.year - 1):
            held = whole.get(first)
            if held is None:
                whole[first] = [period]
            else:
                held.append(period)
            continue
        recorded = period.actual
        planned, latest = gain(period.planned), gain(_latest((period,), status_date)[0])
        actual = None if recorded is None else gain(recorded)
        planned = _ZERO if planned is None else planned
        latest = _ZERO if latest is None else latest
        actual = _ZERO if actual is None else actual
        for year, share in split_by_financial_year(period):
            acc = years.get(year.start_year)
            if acc is None:
                acc = years[year.start_year] = _YearSum()
            acc.planned += planned * share
            acc.forecast += latest * share
            if recorded is not None:
                acc.actual = (acc.actual or _ZERO) + actual * share
                acc.planned_to_date += planned * share
    for start_year, held in whole.items():
        acc = years.get(start_year)
        if acc is None:
            acc = years[start_year] = _YearSum()
        count = len(held)  # readings summed in the periods' order
        acc.planned += gain(sum([period.planned for period in held], _ZERO), count) or _ZERO
        acc.forecast += gain(sum(_latest(held, status_date), _ZERO), count) or _ZERO
        actuals = [period.actual for period in held if period.actual is not None]
        if actuals:
            count = len(actuals)
            actual = gain(sum(actuals, _ZERO), count) or _ZERO
            acc.actual = actual if acc.actual is None else acc.actual + actual
            planned_sum = sum([p.planned for p in held if p.actual is not None], _ZERO)
            acc.planned_to_date += gain(planned_sum, count) or _ZERO
    sign = benefit.sign
    benefit_id, category = benefit.id, str(benefit.category)
    tranche, owner = benefit.tranche, benefit.owner
    for start_year in sorted(years):
        acc = years[start_year]
        yield BenefitRow(
            benefit_id,
            category,
            tranche,
            owner,
            FinancialYear(start_year),
            _tidy(sign * acc.planned),
            _tidy(sign * acc.forecast),
            None if acc.actual is None else _tidy(sign * acc.actual),
            _tidy(sign * acc.planned_to_date),
        )


def _parents(benefits: Iterable[Benefit]) -> dict[str, str]:
    """Component id -> the first headline naming it (rules report a second one)."""
    parent: dict[str, str] = {}
    for benefit in benefits:
        for component in benefit.components:
            if component != benefit.id:
                parent.setdefault(component, benefit.id)
    return parent


def _mark_counted(
    rows: Iterable[BenefitRow], parent: Mapping[str, str], members: set[str] | None = None
) -> list[BenefitRow]:
    """Mark each row counted unless a headline above it (among `members`, if given)
    profiles the same year: each pound is then counted once, at the highest level."""
    rows = list(rows)
    if not parent:  # no headline above any row (most projects' benefits): each counts
        return [row if row.counted else _with_counted(row, True) for row in rows]
    has_year = {(row.benefit, row.year) for row in rows}
    out = []
    for row in rows:
        counted, seen, up = True, {row.benefit}, parent.get(row.benefit)
        while up is not None and up not in seen:
            if (members is None or up in members) and (up, row.year) in has_year:
                counted = False
                break
            seen.add(up)
            up = parent.get(up)
        out.append(row if counted == row.counted else _with_counted(row, counted))
    return out


def _with_counted(row: BenefitRow, counted: bool) -> BenefitRow:
    return replace(row, counted=counted)


def benefits_realisation(
    programme: Programme, *, status_date: date | str | None = None
) -> BenefitsRealisation:
    """Every benefit profile as net rows per financial year, ready to group and total.

    `status_date` (default: the programme's) decides which periods have closed: their
    actuals are the outturn. With neither, any recorded actual is taken as the outturn.
    """
    at = as_date(status_date, "status_date") or programme.status_date
    rows = [
        row for benefit in programme.benefits if _valued(benefit) for row in _rows_for(benefit, at)
    ]
    parent = _parents(programme.benefits)
    return BenefitsRealisation(
        rows=tuple(_mark_counted(rows, parent)),
        savings_targets=tuple(programme.all_savings_targets()),
        non_financial=tuple(b.id for b in programme.benefits if not b.financial),
        unvalued=tuple(
            b.id
            for b in programme.benefits
            if b.financial and b.profile is not None and b.profile.gain(_ZERO) is None
        ),
        components={b.id: tuple(b.components) for b in programme.benefits if b.components},
    )


def _valued(benefit: Benefit) -> bool:
    # Financial, and measurable: a falling measure needs a baseline to fall from.
    return benefit.financial and (
        benefit.profile is None or benefit.profile.gain(_ZERO) is not None
    )


def net_totals(benefits: Iterable[Benefit], *, status_date: date | None = None) -> BenefitTotals:
    """Net planned, forecast and actual totals of some financial benefits, each pound once.

    Dis-benefits count against benefits; a component is not added to a headline
    among the same benefits in a year the headline profiles; non-financial benefits
    (and falling measures with no baseline) are left out.

    >>> import progman as pm
    >>> saving = pm.Benefit(id="b1", name="Saving", profile={"kpi": "GBP",
    ...     "periods": [{"financial_year": "2012/13", "planned": "1.4m"}]})
    >>> cost = pm.Benefit(id="d1", name="Extra travel", kind="dis_benefit", profile={
    ...     "kpi": "GBP", "periods": [{"financial_year": "2012/13", "planned": "100k"}]})
    >>> net_totals([saving, cost]).planned
    Decimal('1300000')
    """
    return _net(list(benefits), _RowCache(status_date))


class _RowCache:
    """Each benefit's rows, worked out once however many totals include it."""

    def __init__(self, status_date: date | None) -> None:
        self.status_date = status_date
        self.rows: dict[int, list[BenefitRow]] = {}

    def of(self, benefit: Benefit) -> list[BenefitRow]:
        key = id(benefit)
        if key not in self.rows:
            valued = _valued(benefit)
            self.rows[key] = list(_rows_for(benefit, self.status_date)) if valued else []
        return self.rows[key]


def _net(chosen: list[Benefit], cache: _RowCache) -> BenefitTotals:
    rows = [row for benefit in chosen for row in cache.of(benefit)]
    parent = _parents(chosen)
    if not parent:  # no headline among them: every row counts (`_mark_counted`)
        return _total(rows)
    members = {benefit.id for benefit in chosen}
    return _total(r for r in _mark_counted(rows, parent, members) if r.counted)


def benefit_plans(
    programme: Programme,
    *,
    status_date: date | str | None = None,
    realisation: BenefitsRealisation | None = None,
) -> dict[str, BenefitTotals]:
    """Planned and forecast net financial benefits of each project and of the programme.

    A project's are those of the benefits naming it in `enabled_by`, each pound once
    (a component is not added to a headline that the same project enables); the
    programme's are the totals of `benefits_realisation`. Keys are project ids and the
    programme's id; a project enabling no financial benefit is left out. The RAG's
    benefits aspect judges these figures. `realisation`, the programme's
    `benefits_realisation` at the same date, saves working the rows out again.

    >>> import progman as pm
    >>> otp = pm.Programme(id="otp", name="OTP", projects=[pm.Project(id="p", name="P")],
    ...     benefits=[pm.Benefit(id="b", name="B", enabled_by=["p"], profile={"kpi": "£",
    ...         "periods": [{"financial_year": "2012/13", "planned": "1m", "forecast": "900k"}]})])
    >>> plans = benefit_plans(otp)
    >>> plans["p"].planned, plans["p"].forecast, plans["otp"].forecast
    (Decimal('1000000'), Decimal('900000'), Decimal('900000'))
    """
    at = as_date(status_date, "status_date") or programme.status_date
    enabled: dict[str, list[Benefit]] = defaultdict(list)
    for benefit in programme.benefits:
        for project in dict.fromkeys(benefit.enabled_by):
            enabled[project].append(benefit)
    cache = _RowCache(at)
    if realisation is not None:
        by_benefit: dict[str, list[BenefitRow]] = defaultdict(list)
        for row in realisation.rows:
            by_benefit[row.benefit].append(row)
        for benefit in programme.benefits:
            cache.rows[id(benefit)] = by_benefit.get(benefit.id, []) if _valued(benefit) else []
    # Benefits with something to total: valued, with periods (each asked once).
    profiled = {id(b) for b in programme.benefits if _valued(b) and b.profile and b.profile.periods}
    plans = {
        project: _net(chosen, cache)
        for project, chosen in enabled.items()
        if any(id(b) in profiled for b in chosen)
    }
    if profiled:
        plans[programme.id] = _net(list(programme.benefits), cache)
    return plans
