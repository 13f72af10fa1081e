"""Earned value from the schedule at a status date, checked against a hand count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import progman as pm
from progman.control.progress import progress

# Mon 7 Jan 2013 start; status date Fri 18 Jan (10 working days in).
#   a: 5 days, £10k, done 7-11 Jan for £12k        -> PV 10k, EV 10k, AC 12k
#   b: 10 days after a, £20k, started 14 Jan, 30%  -> planned 5 of 10 days: PV 10k, EV 6k, AC 5k
#   c: 5 days after b, £30k, not started           -> b's remaining 7 days run 21-29 Jan,
#                                                     so c is planned 30 Jan - 5 Feb: PV 0


def programme(**extra: object) -> pm.Programme:
    return pm.Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        status_date="2013-01-18",
        projects=[
            pm.Project(
                id="p",
                name="P",
                budget="60k",
                stages=[
                    pm.Stage(
                        id="s1",
                        name="Delivery",
                        budget="60k",
                        tasks=[
                            pm.Task(id="a", name="A", duration=5, budget="10k",
                                    actual_start="2013-01-07", actual_finish="2013-01-11",
                                    actual_cost="12k"),
                            pm.Task(id="b", name="B", duration=10, budget="20k",
                                    depends_on=["a"], actual_start="2013-01-14",
                                    percent_complete=30, actual_cost="5k"),
                            pm.Task(id="c", name="C", duration=5, budget="30k",
                                    depends_on=["b"]),
                        ],
                    )
                ],
            )
        ],
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_task_figures_by_hand() -> None:
    at = progress(programme())
    assert (at["a"].pv, at["a"].ev, at["a"].ac) == (10_000, 10_000, 12_000)
    assert (at["b"].pv, at["b"].ev, at["b"].ac) == (10_000, 6_000, 5_000)
    assert (at["c"].pv, at["c"].ev, at["c"].ac) == (0, 0, 0)
    assert at.baseline is None


def test_roll_up_to_stage_project_and_programme() -> None:
    at = progress(programme())
    for level in ("s1", "p", "otp"):
        figures = at[level]
        assert (figures.bac, figures.pv, figures.ev, figures.ac) == (60_000, 20_000, 16_000, 17_000)
    project = at["p"]
    assert project.spi == Decimal("0.8")
    assert project.cpi == Decimal("0.9412")  # 16 / 17
    assert project.eac == Decimal("63750")  # 60k x 17 / 16


def test_forecasts_feed_the_tolerance_rules() -> None:
    # Bottom-up EAC (PMI Practice Standard for EVM): each task's BAC / CPI, summed:
    # a 10k x 12/10 = 12,000; b 20k x 5/6 = 16,666.67; c not started: its 30,000 budget.
    at = progress(programme())
    assert at.forecasts["p"].cost == Decimal("58666.67")
    assert at.forecasts["s1"].cost == Decimal("58666.67")
    assert at.forecasts["p"].finish == date(2013, 2, 5)  # c: 30, 31 Jan, 1, 4, 5 Feb
    assert at.forecasts["s1"].finish == date(2013, 2, 5)


def test_planned_value_comes_from_the_latest_baseline() -> None:
    baseline = pm.Baseline(
        id="cabinet",
        name="Cabinet approval",
        date="2013-01-04",
        items=[{"id": "c", "start": "2013-01-14", "finish": "2013-01-18"}],
    )
    at = progress(programme(baselines=[baseline]))
    assert at.baseline == "cabinet"
    assert at["c"].pv == 30_000  # all five baselined days fall by the status date
    assert at["p"].sv == 16_000 - 50_000


def test_unbudgeted_stage_money_is_forecast_as_planned() -> None:
    plan = programme()
    plan.projects[0].stages[0].budget = Decimal(70_000)  # 10k not yet spread over tasks
    assert progress(plan).forecasts["s1"].cost == Decimal("68666.67")  # 58,666.67 + 10k


def test_eac_method_cpi_projects_each_level_s_own_cpi() -> None:
    # EAC = BAC / CPI at the project: 60k x 17 / 16 = 63,750 (PMI, the CPI method)
    plan = programme(forecasting={"eac_method": "cpi"})
    assert progress(plan).forecasts["p"].cost == Decimal("63750")


def test_a_status_date_is_required() -> None:
    plan = programme()
    plan.status_date = None
    with pytest.raises(ValueError, match="needs a status date"):
        progress(plan)
    assert progress(plan, status_date=date(2013, 1, 18))["b"].pv == 10_000
