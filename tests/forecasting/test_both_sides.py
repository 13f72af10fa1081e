"""Both sides of the cost and time tolerances at every level: work package, stage, project,
programme (PRINCE2: "the permissible deviation above and below a plan's target")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

import progman as pm
from progman.forecasting import Forecast

HOLIDAYS = ["2013-01-01", "2013-03-29", "2013-04-01"]
PLANNED_FINISH = date(2013, 2, 1)  # 20 working days from Mon 7 Jan 2013
TOLERANCES = [{"aspect": "cost", "plus": 10, "minus": 10},
              {"aspect": "time", "plus": 5, "minus": 5, "unit": "absolute"}]  # fmt: skip
BUDGETS = {"wp": 100_000, "stage": 200_000, "p": 500_000, "otp": 1_000_000}
TOLD = {"wp": "project manager", "stage": "project board", "p": "programme board",
        "otp": "sponsoring group"}  # fmt: skip


def programme() -> pm.Programme:
    # Every level planned to finish Fri 1 Feb; budgets not yet spread over work are
    # forecast as planned, so every level is on plan until a forecast is given.
    return pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "finish": "2013-02-01",
        "status_date": "2013-01-04", "budget": "1m", "tolerances": TOLERANCES,
        "baselines": [{"id": "b", "name": "Approved", "date": "2013-01-04"}],
        "projects": [{
            "id": "p", "name": "P", "start": "2013-01-07", "finish": "2013-02-01",
            "budget": "500k", "tolerances": TOLERANCES,
            "stages": [{
                "id": "stage", "name": "Stage", "finish": "2013-02-01", "budget": "200k",
                "tolerances": TOLERANCES,
                "tasks": [{"id": "wp", "name": "WP", "duration": 20, "budget": "100k",
                           "tolerances": TOLERANCES}]}]}]})  # fmt: skip


def test_everything_is_on_plan_without_a_given_forecast() -> None:
    report = pm.validate(programme())
    assert [str(f) for f in report if "TOLERANCE" in f.code] == []


@pytest.mark.parametrize("subject", ["wp", "stage", "p", "otp"])
@pytest.mark.parametrize(
    ("aspect", "side"), [("cost", "plus"), ("cost", "minus"), ("time", "plus"), ("time", "minus")]
)
def test_beyond_either_side_is_an_exception_escalated_one_level(
    subject: str, aspect: str, side: str
) -> None:
    budget = BUDGETS[subject]
    sign = 1 if side == "plus" else -1
    if aspect == "cost":
        # 11% off a 10% tolerance: beyond by 1% of the budget
        given = Forecast(cost=Decimal(budget + sign * budget * 11 // 100))
        excess = Decimal(budget // 100)
    else:
        # 6 working days off a 5-day tolerance (counted with numpy, not progman)
        day = np.busday_offset("2013-02-01", sign * 6, holidays=HOLIDAYS)
        given = Forecast(finish=day.astype(object))
        excess = Decimal(1)
    report = pm.validate(programme(), forecasts={subject: given})
    found = [f for f in report if f.code in ("PG-TOLERANCE-EXCEEDED", "PG-TOLERANCE-WARNING")]
    assert [(f.code, f.subject) for f in found] == [("PG-TOLERANCE-EXCEEDED", subject)]
    finding = found[0]
    assert (finding.data["aspect"], finding.data["side"]) == (aspect, side)
    assert finding.data["excess"] == excess
    assert finding.escalate_to == TOLD[subject]
    word = {("cost", "plus"): "over", ("cost", "minus"): "under",
            ("time", "plus"): "after", ("time", "minus"): "before"}[(aspect, side)]  # fmt: skip
    assert f" {word}" in finding.message


@pytest.mark.parametrize("subject", ["wp", "stage", "p", "otp"])
def test_within_either_side_is_quiet(subject: str) -> None:
    budget = BUDGETS[subject]
    within = (
        Forecast(cost=Decimal(budget * 95 // 100)),
        Forecast(cost=Decimal(budget * 105 // 100)),
        Forecast(finish=date(2013, 1, 29)),
        Forecast(finish=date(2013, 2, 5)),
    )
    for given in within:
        report = pm.validate(programme(), forecasts={subject: given})
        assert [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED"] == [], given
