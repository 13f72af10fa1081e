"""Benefits realisation by financial year: hand-computed apportionments and totals."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import progman as pm
from progman.control.benefits import benefit_plans, benefits_realisation, split_by_financial_year

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


def test_whole_and_straddling_periods_add_up_in_the_same_year() -> None:
    # Jan-Mar 2013 lies whole in 2012/13 (900); 1 Feb - 30 Apr 2013 puts 59/89 of 890
    # there (590) and 30/89 (300) in 2013/14: 1,490 and 300 (same day counts as above).
    periods = [
        {"start": "2013-01-01", "end": "2013-03-31", "planned": 900, "actual": 700},
        {"start": "2013-02-01", "end": "2013-04-30", "planned": 890, "actual": 445},
    ]
    years = benefits_realisation(programme_with(benefit("b", periods))).by_year()
    assert years[FY("2012/13")].planned == 1490
    assert years[FY("2012/13")].actual == 995
    assert years[FY("2012/13")].planned_to_date == 1490
    assert years[FY("2013/14")].planned == 300
    assert years[FY("2013/14")].actual == 150


def test_a_falling_measure_sums_each_periods_fall_from_the_baseline() -> None:
    # A running cost of 250k a quarter planned to fall (BenefitProfile.gain: baseline less
    # reading, per reading): 240k and 230k planned in two quarters of 2013/14 are 10k + 20k
    # = 30k; the first quarter's actual 245k is 5k realised against 10k planned to date.
    profile = pm.BenefitProfile(
        kpi="Running cost",
        direction="decrease",
        baseline_value=250_000,
        periods=[
            {"start": "2013-04-01", "end": "2013-06-30", "planned": 240_000, "actual": 245_000},
            {"start": "2013-07-01", "end": "2013-09-30", "planned": 230_000},
        ],
    )
    saving = pm.Benefit(id="b", name="Saving", profile=profile)
    year = benefits_realisation(programme_with(saving)).by_year()[FY("2013/14")]
    assert (year.planned, year.actual, year.planned_to_date) == (30_000, 5_000, 10_000)


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


def test_each_savings_target_is_judged_on_its_own_window() -> None:
    # Milton Keynes (seed 004, para 4.1): £600k in 2011/12, £1.4m in 2012/13 and a further
    # £15.9m over the MTFP 2013-2017. One savings profile; each target sees only its years.
    cash = benefit(
        "cash",
        [
            {"financial_year": "2011/12", "planned": "600k", "actual": "600k"},
            {"financial_year": "2012/13", "planned": "1.4m", "forecast": "1.307m"},
            {"financial_year": "2013/14", "planned": "4m"},
            {"financial_year": "2014/15", "planned": "4m", "forecast": "3.5m"},
            {"financial_year": "2015/16", "planned": "4m"},
            {"financial_year": "2016/17", "planned": "3.9m"},
        ],
    )
    non_cash = benefit(
        "staff-time", [{"financial_year": "2013/14", "planned": "1m"}], category="non_cashable"
    )
    targets = [
        pm.SavingsTarget(name="2011/12", amount="600k", years="2011/12"),
        pm.SavingsTarget(name="2012/13", amount="1.4m", years="2012/13"),
        pm.SavingsTarget(name="MTFP 2013-2017", amount="15.9m", years="2013/14-2016/17"),
        pm.SavingsTarget(
            name="MTFP efficiency", amount="15.9m", years="2013/14-2016/17", cashable=False
        ),
    ]
    programme = programme_with(cash, non_cash)
    programme.savings_targets = targets
    progress = benefits_realisation(programme).targets()
    assert [(t.forecast, t.actual, t.shortfall) for t in progress] == [
        (600_000, 600_000, 0),  # met, and realised
        (1_307_000, 0, 93_000),  # 1.4m - 1.307m
        (15_400_000, 0, 500_000),  # 4 + 3.5 + 4 + 3.9 = 15.4m cashable
        (16_400_000, 0, -500_000),  # with the 1m non-cashable: 15.9m - 16.4m, 500k beyond
    ]
    assert str(progress[2]) == (
        "MTFP 2013-2017 (2013/14-2016/17): target £15,900,000, forecast £15,400,000, "
        "actual £0: £500,000 short of the target"
    )


def test_a_whole_life_savings_target_runs_from_start_to_finish() -> None:
    cash = benefit(
        "cash",
        [
            {"financial_year": "2011/12", "planned": "600k"},
            {"financial_year": "2013/14", "planned": "4m"},
        ],
    )
    programme = programme_with(cash, target="5m")
    programme.start, programme.finish = date(2012, 4, 1), date(2014, 3, 31)
    (life,) = benefits_realisation(programme).targets()
    assert (str(life.target.years), life.forecast, life.shortfall) == (
        "2012/13-2013/14",
        4_000_000,  # 2011/12 lies before the programme's start
        1_000_000,
    )
    programme.start = programme.finish = None  # no dates: the years profiled
    (life,) = benefits_realisation(programme).targets()
    assert (str(life.target.years), life.shortfall) == ("2011/12-2013/14", 400_000)
    assert benefits_realisation(programme_with(cash)).targets() == []


def mk_2012_13(**headline: Any) -> pm.Programme:
    """Milton Keynes 2012/13 (seed 004, para 4.2): "likely to be £1.4m", itemised as
    400k + 600k + 107k + 200k = 1.307m."""
    parts = [
        benefit(bid, [{"financial_year": "2012/13", "planned": amount}], enabled_by=[project])
        for bid, amount, project in (
            ("universal", "400k", "cf"),
            ("early-intervention", "600k", "cf"),
            ("asset-transfer", "107k", "cat"),
            ("regulatory", "200k", "reg"),
        )
    ]
    total = benefit(
        "otp-2012-13",
        [{"financial_year": "2012/13", "planned": "1.4m"}],
        components=[b.id for b in parts],
        **headline,
    )
    return programme_with(total, *parts)


def test_a_headline_and_its_components_are_counted_once() -> None:
    realisation = benefits_realisation(mk_2012_13())
    # Written as separate benefits the year would show 1.4m + 1.307m = 2.707m.
    assert realisation.by_year()[FY("2012/13")].planned == 1_400_000
    assert [r.benefit for r in realisation.rows if r.counted] == ["otp-2012-13"]
    assert realisation.of("early-intervention").planned == 600_000


def test_components_count_in_the_years_their_headline_does_not_profile() -> None:
    programme = mk_2012_13()
    profile = programme.benefits[1].profile
    assert profile is not None
    profile.periods.append(pm.ProfilePeriod(financial_year="2013/14", planned="500k"))
    years = benefits_realisation(programme).by_year()
    assert {str(y): t.planned for y, t in years.items()} == {
        "2012/13": 1_400_000,
        "2013/14": 500_000,
    }


def test_the_reconciliation_gap_of_a_headline_per_year() -> None:
    (gap,) = benefits_realisation(mk_2012_13()).reconciliation()
    assert (str(gap.year), gap.stated, gap.itemised, gap.gap) == (
        "2012/13",
        1_400_000,
        1_307_000,
        93_000,
    )


def test_a_headline_without_a_profile_is_the_sum_of_its_parts() -> None:
    programme = mk_2012_13()
    programme.benefits[0].profile = None
    realisation = benefits_realisation(programme)
    assert realisation.by_year()[FY("2012/13")].planned == 1_307_000
    assert realisation.reconciliation() == []


def test_each_project_gets_its_own_components_once() -> None:
    # The headline is enabled by the Children and Families project too: its 1.4m counts
    # for cf instead of cf's two parts (1m), never on top of them.
    plans = benefit_plans(mk_2012_13())
    assert {k: v.planned for k, v in plans.items()} == {
        "cf": 1_000_000,
        "cat": 107_000,
        "reg": 200_000,
        "x": 1_400_000,
    }
    plans = benefit_plans(mk_2012_13(enabled_by=["cf"]))
    assert plans["cf"].planned == 1_400_000


def running_cost(**period: Any) -> pm.Benefit:
    """A running cost planned to fall from £1m to £600k (the issue's example)."""
    return pm.Benefit(
        id="cost",
        name="Running cost",
        profile=pm.BenefitProfile(
            kpi="Running cost",
            unit="GBP",
            direction="decrease",
            baseline_value="1m",
            target_value="600k",
            periods=[{"financial_year": "2012/13", "planned": "900k", **period}],
        ),
    )


def test_a_falling_measure_is_valued_as_its_fall_from_the_baseline() -> None:
    # 1m baseline: 900k planned is a 100k benefit; 950k actual is 50k realised, 50k short.
    total = benefits_realisation(programme_with(running_cost(actual="950k"))).total()
    assert (total.planned, total.forecast, total.actual, total.shortfall) == (
        100_000,
        50_000,
        50_000,
        50_000,
    )


def test_a_falling_measure_without_a_baseline_is_not_totalled() -> None:
    cost = running_cost(actual="950k")
    assert cost.profile is not None
    cost.profile.baseline_value = None
    realisation = benefits_realisation(programme_with(cost))
    assert (realisation.rows, realisation.unvalued) == ((), ("cost",))


def test_a_closed_year_reports_its_outturn() -> None:
    # 2011/12 closed with 600k realised although 650k was forecast; 2012/13 is open at
    # the status date, so its forecast stands over the part-year actual.
    periods = [
        {"financial_year": "2011/12", "planned": "700k", "forecast": "650k", "actual": "600k"},
        {"financial_year": "2012/13", "planned": "1.4m", "forecast": "1.3m", "actual": "900k"},
    ]
    programme = programme_with(benefit("b", periods))
    years = benefits_realisation(programme, status_date=date(2013, 1, 10)).by_year()
    assert [t.forecast for t in years.values()] == [600_000, 1_300_000]
    years = benefits_realisation(programme, status_date=date(2013, 3, 31)).by_year()
    assert [t.forecast for t in years.values()] == [600_000, 900_000]


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


def test_the_rag_judges_a_falling_cost_by_its_gain() -> None:
    # The example: 950k spent against 900k planned (baseline 1m) was "ahead" and
    # Green. The gain is 50k of 100k planned: 50% short, beyond a -10% tolerance: Red.
    project = pm.Project(id="p", name="P", tolerances=[pm.Tolerance(aspect="benefits", minus=10)])
    cost = running_cost(actual="950k")
    cost.enabled_by = ["p"]
    programme = pm.Programme(
        id="x", name="X", start="2012-04-02", projects=[project], benefits=[cost]
    )
    rag = pm.rag_status(programme, status_date=date(2013, 4, 10))
    assert str(rag.projects["p"].benefits) == (
        "Red: benefits forecast £50,000, 50% short of the £100,000 planned, tolerance -10%"
    )
