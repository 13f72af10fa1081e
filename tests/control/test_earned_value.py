"""Earned value against a worked example computed by hand (docs/control.md has the same)."""

from __future__ import annotations

from decimal import Decimal as D

from progman.control.earned_value import EarnedValue, earned_value, total


def worked_example() -> list[EarnedValue]:
    # task: budget, planned fraction at the status date, fraction complete, actual cost
    return [
        earned_value(D(20_000), D(1), D(1), D(22_000)),  # A: finished, 2k over
        earned_value(D(30_000), D(1), D("0.5"), D(18_000)),  # B: should be done, half done
        earned_value(D(40_000), D("0.25"), D(0), D(0)),  # C: should have started, has not
        earned_value(D(10_000), D(0), D(0), None),  # D: not due yet
    ]


def test_task_figures() -> None:
    a, b, c, d = worked_example()
    assert (a.pv, a.ev, a.ac) == (20_000, 20_000, 22_000)
    assert (b.pv, b.ev, b.ac) == (30_000, 15_000, 18_000)
    assert (c.pv, c.ev, c.ac) == (10_000, 0, 0)
    assert (d.pv, d.ev, d.ac) == (0, 0, 0)


def test_project_roll_up_by_hand() -> None:
    project = total(worked_example())
    assert (project.bac, project.pv, project.ev, project.ac) == (100_000, 60_000, 35_000, 40_000)
    assert project.sv == -25_000  # 35k - 60k
    assert project.cv == -5_000  # 35k - 40k
    assert project.spi == D("0.5833")  # 35 / 60
    assert project.cpi == D("0.875")  # 35 / 40
    assert project.eac == D("114285.71")  # 100k x 40 / 35
    assert project.etc == D("74285.71")  # EAC - 40k
    assert project.vac == D("-14285.71")  # 100k - EAC


def test_on_plan_and_on_budget() -> None:
    figures = earned_value(D(50_000), D("0.4"), D("0.4"), D(20_000))
    assert (figures.spi, figures.cpi, figures.eac, figures.vac) == (1, 1, 50_000, 0)


def test_not_started_forecasts_its_budget() -> None:
    figures = earned_value(D(10_000), D(0), D(0), None)
    assert figures.spi is None
    assert figures.cpi is None
    assert (figures.eac, figures.etc, figures.vac) == (10_000, 10_000, 0)


def test_zero_budget_with_spend_is_all_overspend() -> None:
    figures = earned_value(D(0), D(1), D(1), D(500))
    assert (figures.pv, figures.ev) == (0, 0)
    assert figures.spi is None
    assert figures.cpi == 0
    assert (figures.eac, figures.vac) == (500, -500)


def test_no_budget_at_all_is_zero_not_an_error() -> None:
    figures = earned_value(None, D("0.5"), D("0.5"), None)
    assert (figures.bac, figures.pv, figures.ev, figures.eac) == (0, 0, 0, 0)


def test_spent_but_nothing_earned_forecasts_spend_plus_whole_budget() -> None:
    figures = earned_value(D(10_000), D("0.5"), D(0), D(3_000))
    assert figures.cpi == 0
    assert figures.eac == 13_000


def test_fractions_outside_0_and_1_are_clamped() -> None:
    figures = earned_value(D(1_000), D("1.5"), D("-0.2"), D(0))
    assert (figures.pv, figures.ev) == (1_000, 0)
