"""Tolerance rules: nesting, required tolerances, forecasts beyond or near tolerance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from progman import Programme, Tolerance
from progman.findings import Severity
from progman.rules import Forecast

from .conftest import only, run


def test_stage_tolerance_wider_than_project(programme: Programme) -> None:
    # Percentages are amounts of their own bases: +13% of the stage's 400k is 52k,
    # wider than +10% of the project's 500k, 50k.
    programme.projects[0].stages[1].tolerances[0] = Tolerance(aspect="cost", plus=13)
    finding = only(programme, "PG-TOLERANCE-NESTING")
    assert finding.message == (
        "stage 'portal-build' has a cost tolerance of +13% (£52,000), wider than the +10% "
        "(£50,000) of project 'portal' above it (by £2,000)"
    )
    assert finding.path == "projects[0].stages[1].tolerances[0]"
    assert finding.escalate_to == "project board"


def test_a_larger_percentage_of_a_smaller_base_is_not_wider(programme: Programme) -> None:
    # +12% of 400k (48k) sits inside +10% of 500k (50k): PRINCE2 nests amounts, not labels.
    programme.projects[0].stages[1].tolerances[0] = Tolerance(aspect="cost", plus=12)
    assert run(programme, "PG-TOLERANCE-NESTING") == []


def test_work_package_tolerance_wider_than_stage(programme: Programme) -> None:
    task = programme.projects[0].stages[1].tasks[0]
    task.tolerances = [Tolerance(aspect="cost", plus=25)]  # 25k of 100k; stage: 5% of 400k
    finding = only(programme, "PG-TOLERANCE-NESTING")
    assert "work package 'portal-config' has a cost tolerance of +25% (£25,000)" in (
        finding.message
    )
    assert "(by £5,000)" in finding.message
    assert "stage 'portal-build'" in finding.message
    assert finding.escalate_to == "project manager"


def test_project_time_tolerance_nests_in_programme_past_an_empty_tranche(
    programme: Programme,
) -> None:
    programme.projects[0].tolerances[1] = Tolerance(aspect="time", plus=40, unit="absolute")
    finding = only(programme, "PG-TOLERANCE-NESTING")
    assert finding.message == (
        "project 'portal' has a time tolerance of +40 working days, wider than the +30 "
        "working days of programme 'otp' above it (by 10 working days)"
    )
    assert finding.escalate_to == "programme board"


def test_percent_and_absolute_are_compared_as_amounts(programme: Programme) -> None:
    # +£90,000 on the stage against +10% of the project's £500,000 = £50,000
    programme.projects[0].stages[1].tolerances[0] = Tolerance(
        aspect="cost", plus=90_000, unit="absolute"
    )
    finding = only(programme, "PG-TOLERANCE-NESTING")
    assert finding.message == (
        "stage 'portal-build' has a cost tolerance of +£90,000 (£90,000), wider than the +10% "
        "(£50,000) of project 'portal' above it (by £40,000)"
    )


def test_days_and_percent_of_duration_are_compared(programme: Programme) -> None:
    # Stage planned 7 Jan - 31 Dec 2013: 250 working days (2013 has 261 weekdays; less
    # 1-4 Jan, and the 7 bank holidays after 7 Jan: 29 Mar, 1 Apr, 6 May, 27 May, 26 Aug,
    # 25 and 26 Dec). +5% of 250 = 12.5 working days sits inside the project's +20.
    programme.projects[0].stages[1].tolerances[1] = Tolerance(aspect="time", plus=5)
    assert run(programme, "PG-TOLERANCE-NESTING") == []
    programme.projects[0].stages[1].tolerances[1] = Tolerance(aspect="time", plus=10)
    finding = only(programme, "PG-TOLERANCE-NESTING")  # 10% of 250 = 25 > 20
    assert "+10% (25 working days), wider than the +20 working days" in finding.message


def test_project_without_time_tolerance(programme: Programme) -> None:
    programme.projects[1].tolerances = [Tolerance(aspect="cost", plus=10)]
    finding = only(programme, "PG-TOLERANCE-REQUIRED")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("project 'llp' has no time tolerance")
    assert finding.escalate_to == "programme board"


def test_work_package_overspent_goes_to_the_project_manager(programme: Programme) -> None:
    config = programme.projects[0].stages[1].tasks[0]
    config.actual_finish, config.percent_complete = date(2013, 1, 9), Decimal(100)
    config.actual_cost = Decimal(110_000)  # finished, so the EAC is what it cost
    finding = only(programme, "PG-TOLERANCE-EXCEEDED")
    # 110k against 100k: 10k over a +5% (5k) tolerance, so 5k beyond it.
    assert finding.message == (
        "work package 'portal-config' is forecast to cost £110,000 against a budget of "
        "£100,000, £10,000 over, against a cost tolerance of +5% (£5,000): beyond tolerance "
        "by £5,000; escalate to the project manager"
    )
    assert finding.escalate_to == "project manager"
    assert finding.data["excess"] == Decimal(5000)
    assert finding.data["forecast_source"] == "plan"


def test_stage_cost_forecast_given_escalates_to_project_board(programme: Programme) -> None:
    forecasts = {"portal-build": Forecast(cost=Decimal(430_000))}
    finding = only(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts)
    # 30k over a 400k budget; +5% is 20k; beyond by 10k.
    assert "stage 'portal-build' is forecast to cost £430,000" in finding.message
    assert "beyond tolerance by £10,000; escalate to the project board" in finding.message
    assert finding.escalate_to == "project board"
    assert finding.data["forecast_source"] == "given"


def test_project_late_escalates_to_programme_board(programme: Programme) -> None:
    forecasts = {"portal": Forecast(finish=date(2014, 1, 31))}
    finding = only(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts)
    # Working days after Tue 31 Dec 2013 up to Fri 31 Jan 2014: 1 Jan is a bank holiday,
    # then 2-3, 6-10, 13-17, 20-24 and 27-31 January: 2 + 5 + 5 + 5 + 5 = 22.
    assert finding.message == (
        "project 'portal' is forecast to finish 31 January 2014, 22 working days after its "
        "planned finish 31 December 2013, against a time tolerance of +20 working days: beyond "
        "tolerance by 2 working days; escalate to the programme board"
    )
    assert finding.escalate_to == "programme board"


def test_late_stage_breaks_stage_and_warns_project(programme: Programme) -> None:
    # Tue 28 Jan 2014 is 19 working days after Tue 31 Dec 2013, the stage's and project's
    # planned finish (1 Jan is a bank holiday; 2-3, 6-10, 13-17, 20-24, 27-28 January).
    late = Forecast(finish=date(2014, 1, 28))
    forecasts = {"portal-build": late, "portal": late}
    exceeded = only(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts)
    assert exceeded.subject == "portal-build"  # stage tolerance is 10 working days
    assert "beyond tolerance by 9 working days" in exceeded.message
    warning = only(programme, "PG-TOLERANCE-WARNING", forecasts=forecasts)
    assert warning.subject == "portal"  # project tolerance is 20 working days: 19 used
    assert "95% of the tolerance is used (warning at 80%)" in warning.message
    assert warning.escalate_to == "programme board"


def test_within_tolerance_past_warning_fraction(programme: Programme) -> None:
    forecasts = {"portal-build": Forecast(cost=Decimal(418_000))}
    finding = only(programme, "PG-TOLERANCE-WARNING", forecasts=forecasts)
    assert finding.severity is Severity.WARNING
    assert finding.message.endswith("90% of the tolerance is used (warning at 80%)")
    assert run(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts) == []


def test_under_the_warning_fraction_is_silent(programme: Programme) -> None:
    forecasts = {"portal-build": Forecast(cost=Decimal(410_000))}  # 50% of tolerance
    assert run(programme, "PG-TOLERANCE-WARNING", forecasts=forecasts) == []


def test_programme_benefit_forecast_short(programme: Programme) -> None:
    # Planned net financial benefit 4m (the dis-benefit is non-financial); -10% is 400k.
    forecasts = {"otp": Forecast(benefit=Decimal(3_500_000))}
    finding = only(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts)
    assert "£500,000 short" in finding.message
    assert finding.escalate_to == "sponsoring group"
    assert finding.data["excess"] == Decimal(100_000)


def test_without_given_forecasts_the_schedule_decides(programme: Programme) -> None:
    # portal-config: 40 days from Mon 7 Jan 2013, half done at Thu 10 Jan (today), so its
    # 20 remaining days run from Fri 11 Jan; portal-test follows for `duration` days. Count
    # the stage's finish independently with numpy's business-day calendar and the 2013 and
    # 2014 England and Wales bank holidays written out here.
    import numpy as np

    holidays = ["2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27",
                "2013-08-26", "2013-12-25", "2013-12-26", "2014-01-01"]  # fmt: skip
    config_finish = np.busday_offset("2013-01-11", 19, roll="forward", holidays=holidays)
    test = programme.projects[0].stages[1].tasks[1]
    test.duration = 240
    test_start = np.busday_offset(config_finish, 1, roll="forward", holidays=holidays)
    finish = np.busday_offset(test_start, test.duration - 1, holidays=holidays)
    late = int(np.busday_count("2014-01-01", finish + 1, holidays=holidays))  # after Dec 31
    exceeded = only(programme, "PG-TOLERANCE-EXCEEDED")
    assert exceeded.subject == "portal-build"
    assert exceeded.data["forecast_source"] == "plan"
    assert exceeded.data["forecast"] == finish.astype(object)
    assert f"{late} working days after its planned finish 31 December 2013" in exceeded.message
