"""Benefits realisation by financial year: hand-computed apportionments and totals."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import progman as pm
from progman.control.benefits import benefits_realisation, split_by_financial_year

FY = pm.FinancialYear.parse


def programme_with(*benefits: pm.Benefit, target: str | None = None) -> pm.Programme:
    return pm.Programme(id="x", name="X", benefits=list(benefits), savings_target=target)


def benefit(bid: str, periods: list[dict[str, Any]], **fields: Any) -> pm.Benefit:
    return pm.Benefit(
        id=bid, name=bid, profile=pm.BenefitProfile(kpi="k", periods=periods), **fields
    )


def month_starts(first: date, count: int) -> list[date]:
    out, day = [], first
    for _ in range(count + 1):
        out.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def test_monthly_profile_sums_into_financial_years() -> None:
    starts = month_starts(date(2012, 4, 1), 13)  # April 2012 .. April 2013
    periods = [
        {"start": a, "end": b - timedelta(days=1), "planned": 100}
        for a, b in itertools.pairwise(starts)
    ]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert {str(y): t.planned for y, t in years.items()} == {"2012/13": 1200, "2013/14": 100}


def test_quarters_inside_a_year_stay_whole() -> None:
    periods = [
        {"start": "2012-10-01", "end": "2012-12-31", "planned": 900},
        {"start": "2013-01-01", "end": "2013-03-31", "planned": 900},
        {"start": "2013-04-01", "end": "2013-06-30", "planned": 900},
    ]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert {str(y): t.planned for y, t in years.items()} == {"2012/13": 1800, "2013/14": 900}


def test_a_quarter_straddling_31_march_is_split_by_days() -> None:
    # 1 Feb - 30 Apr 2013: February 28 days + March 31 = 59 in 2012/13; April 30 in 2013/14.
    periods = [{"start": "2013-02-01", "end": "2013-04-30", "planned": 890, "actual": 445}]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert years[FY("2012/13")].planned == 590
    assert years[FY("2013/14")].planned == 300
    assert years[FY("2012/13")].actual == Decimal("295")
    assert years[FY("2013/14")].actual == Decimal("150")


def test_leap_february_counts_29_days() -> None:
    # 1 Feb - 30 Apr 2012: 29 + 31 = 60 days in 2011/12, 30 in 2012/13.
    period = pm.ProfilePeriod(start="2012-02-01", end="2012-04-30", planned=900)
    shares = {str(y): s * 900 for y, s in split_by_financial_year(period)}
    assert shares == {"2011/12": 600, "2012/13": 300}


def test_a_two_day_period_across_the_year_end_splits_in_half() -> None:
    periods = [{"start": "2013-03-31", "end": "2013-04-01", "planned": 100}]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert [t.planned for t in years.values()] == [50, 50]


def test_dis_benefits_are_netted_off() -> None:
    gain = benefit("gain", [{"financial_year": "2012/13", "planned": 1000, "actual": 800}])
    loss = benefit(
        "loss",
        [{"financial_year": "2012/13", "planned": 300, "actual": 400}],
        kind="dis_benefit",
    )
    total = benefits_realisation(programme_with(gain, loss)).total()
    assert (total.planned, total.actual) == (700, 400)


def test_forecast_prefers_forecast_then_actual_then_planned() -> None:
    periods = [
        {"financial_year": "2011/12", "planned": 600, "actual": 550},
        {"financial_year": "2012/13", "planned": 1400, "forecast": 1307},
        {"financial_year": "2013/14", "planned": 2000},
    ]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert [t.forecast for t in years.values()] == [550, 1307, 2000]
    assert [t.actual for t in years.values()] == [550, 0, 0]


def test_shortfall_counts_only_the_periods_measured() -> None:
    periods = [
        {"financial_year": "2011/12", "planned": "600k", "actual": "500k"},
        {"financial_year": "2012/13", "planned": "1.4m"},
    ]
    total = benefits_realisation(programme_with(benefit("b", periods))).total()
    assert total.planned_to_date == 600_000
    assert total.shortfall == 100_000


def test_cumulative_view_runs_on() -> None:
    periods = [
        {"financial_year": "2011/12", "planned": "600k"},
        {"financial_year": "2012/13", "planned": "1.4m"},
        {"financial_year": "2013/14", "planned": "4m"},
    ]
    cumulative = benefits_realisation(programme_with(benefit("b", periods))).cumulative()
    assert [t.planned for t in cumulative.values()] == [600_000, 2_000_000, 6_000_000]


def test_shortfall_against_the_savings_target_in_a_window() -> None:
    # MTFP 2013-2017 expects 15.9m: the window is 2013/14 to 2016/17.
    cash = benefit(
        "cash",
        [
            {"financial_year": "2012/13", "planned": "1.4m"},
            {"financial_year": "2013/14", "planned": "4m"},
            {"financial_year": "2014/15", "planned": "4m", "forecast": "3.5m"},
            {"financial_year": "2015/16", "planned": "4m"},
            {"financial_year": "2016/17", "planned": "3.9m"},
        ],
    )
    non_cash = benefit(
        "staff-time", [{"financial_year": "2013/14", "planned": "1m"}], category="non_cashable"
    )
    realisation = benefits_realisation(programme_with(cash, non_cash, target="15.9m"))
    # forecast 4 + 3.5 + 4 + 3.9 = 15.4m of cashable savings in the window
    assert realisation.target_shortfall(FY("2013/14"), FY("2016/17")) == 500_000
    assert benefits_realisation(programme_with(cash)).target_shortfall() is None


def test_views_by_category_owner_and_tranche() -> None:
    a = benefit(
        "a",
        [{"financial_year": "2012/13", "planned": 10}],
        category="cashable",
        owner="bcm1",
        tranche="t1",
    )
    b = benefit(
        "b",
        [{"financial_year": "2012/13", "planned": 5}],
        category="non_cashable",
        owner="bcm2",
    )
    c = benefit(
        "c", [{"financial_year": "2013/14", "planned": 7}], category="cashable", owner="bcm1"
    )
    realisation = benefits_realisation(programme_with(a, b, c))
    assert {k: t.planned for k, t in realisation.by_category().items()} == {
        "cashable": 17,
        "non_cashable": 5,
    }
    assert {k: t.planned for k, t in realisation.by_owner().items()} == {"bcm1": 17, "bcm2": 5}
    assert list(realisation.by_tranche()) == ["t1", None]


def test_benefits_without_profiles_or_periods_contribute_nothing() -> None:
    bare = pm.Benefit(id="b", name="B")
    empty = benefit("e", [])
    assert benefits_realisation(programme_with(bare, empty)).rows == ()


def test_non_financial_benefits_are_listed_not_totalled() -> None:
    pounds = benefit("saving", [{"financial_year": "2012/13", "planned": 1000}])
    satisfaction = benefit(
        "satisfaction",
        [{"financial_year": "2012/13", "planned": 85}],
        category="qualitative",
    )
    realisation = benefits_realisation(programme_with(pounds, satisfaction))
    assert realisation.total().planned == 1000
    assert realisation.non_financial == ("satisfaction",)
