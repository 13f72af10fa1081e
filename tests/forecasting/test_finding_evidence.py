"""What tolerance findings say and carry as data, read by tools through JSON and SARIF:
each key a tool relies on, with the value worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import progman as pm
from progman.forecasting import Forecast


def programme(project_tolerances: list[dict[str, Any]], **stage: Any) -> pm.Programme:
    stages = [{"id": "s", "name": "S", "budget": "20k", "start": "2013-01-07",
               "finish": "2013-02-01", **stage}] if stage else []  # fmt: skip
    return pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "status_date": "2013-01-04",
        "projects": [{"id": "p", "name": "P", "budget": "200k", "start": "2013-01-07",
                      "finish": "2013-03-01", "tolerances": project_tolerances,
                      "stages": stages}]})  # fmt: skip


def only(report: Any, code: str, subject: str | None = None) -> Any:
    [finding] = [f for f in report if f.code == code and subject in (None, f.subject)]
    return finding


def test_an_exception_carries_plan_forecast_side_tolerance_and_excess() -> None:
    # 150k against 200k with -10% (20k): 50k under, 30k beyond
    tolerances = [{"aspect": "cost", "plus": 10, "minus": 10}]
    report = pm.validate(programme(tolerances), forecasts={"p": Forecast(cost=Decimal(150_000))})
    finding = only(report, "PG-TOLERANCE-EXCEEDED")
    expected = {
        "level": "project", "aspect": "cost", "side": "minus", "plan": Decimal(200_000),
        "forecast": Decimal(150_000), "deviation": Decimal(50_000),
        "tolerance": Decimal(20_000), "excess": Decimal(30_000), "set_at": "p",
        "forecast_source": "given", "eac_method": "given",
    }  # fmt: skip
    for key, value in expected.items():
        assert finding.data[key] == value, key


def test_no_tolerance_anywhere_is_prince2_s_zero_and_says_so() -> None:
    # (the project's forecast rolls up, so the programme, with none either, is told too)
    report = pm.validate(programme([]), forecasts={"p": Forecast(cost=Decimal(201_000))})
    finding = only(report, "PG-TOLERANCE-EXCEEDED", "p")
    assert finding.message == (
        "project 'p' is forecast to cost £201,000 against a budget of £200,000, £1,000 over, "
        "no cost tolerance is set (PRINCE2: zero tolerance): beyond tolerance by £1,000; "
        "escalate to the programme board"
    )
    assert finding.data["tolerance"] == 0


def test_a_tolerance_set_on_one_side_only_is_zero_on_the_other() -> None:
    # only a minus side is set: an overspend meets zero tolerance above plan
    tolerances = [{"aspect": "cost", "minus": 10}]
    report = pm.validate(programme(tolerances), forecasts={"p": Forecast(cost=Decimal(200_500))})
    finding = only(report, "PG-TOLERANCE-EXCEEDED", "p")
    assert "£500 over, against no cost tolerance above plan (zero)" in finding.message


def test_a_nesting_finding_carries_both_tolerances_and_their_amounts() -> None:
    # stage +£50,000 absolute against the project's +10% of £200,000 = £20,000
    report = pm.validate(
        programme([{"aspect": "cost", "plus": 10}],
                  tolerances=[{"aspect": "cost", "plus": 50_000, "unit": "absolute"}]),
        rules=["PG-TOLERANCE-NESTING"],
    )  # fmt: skip
    finding = only(report, "PG-TOLERANCE-NESTING")
    assert (finding.subject, finding.path) == ("s", "projects[0].stages[0].tolerances[0]")
    expected = {
        "aspect": "cost", "side": "plus", "tolerance": Decimal(50_000), "parent": "p",
        "parent_tolerance": Decimal(10), "unit": "absolute", "amount": Decimal(50_000),
        "parent_amount": Decimal(20_000),
    }  # fmt: skip
    for key, value in expected.items():
        assert finding.data[key] == value, key


def test_absolute_tolerances_nest_in_their_own_unit() -> None:
    # +£30,000 on the stage against +£20,000 on the project: wider by £10,000
    report = pm.validate(
        programme([{"aspect": "cost", "plus": 20_000, "unit": "absolute"}],
                  tolerances=[{"aspect": "cost", "plus": 30_000, "unit": "absolute"}]),
        rules=["PG-TOLERANCE-NESTING"],
    )  # fmt: skip
    assert only(report, "PG-TOLERANCE-NESTING").message == (
        "stage 's' has a cost tolerance of +£30,000, wider than the +£20,000 of project 'p' "
        "above it (by £10,000)"
    )


def test_the_minus_sides_nest_too() -> None:
    # -£25,000 on the stage against -10% of £200,000 = £20,000 on the project
    report = pm.validate(
        programme([{"aspect": "cost", "plus": 10, "minus": 10}],
                  tolerances=[{"aspect": "cost", "minus": 25_000, "unit": "absolute"}]),
        rules=["PG-TOLERANCE-NESTING"],
    )  # fmt: skip
    finding = only(report, "PG-TOLERANCE-NESTING")
    assert finding.data["side"] == "minus"
    assert finding.message == (
        "stage 's' has a cost tolerance of -£25,000 (£25,000), wider than the -10% (£20,000) "
        "of project 'p' above it (by £5,000)"
    )
