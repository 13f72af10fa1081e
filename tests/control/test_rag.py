"""RAG at each boundary: inside tolerance, at the warning fraction, at and beyond tolerance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import progman as pm
from progman.control.rag import rag_status
from progman.forecasting import Forecast, forecast_without_schedule

STATUS = date(2013, 1, 18)


def judge(forecast: Forecast, **project: Any) -> Any:
    fields: dict[str, Any] = {"id": "p", "name": "P", "budget": "100k", "finish": "2013-03-01"}
    fields.update(project)
    programme = pm.Programme(id="otp", name="OTP", projects=[pm.Project(**fields)])
    at = forecast_without_schedule(programme, STATUS, {"p": forecast})
    return rag_status(programme, progress_at=at).projects["p"]


COST_TOLERANCE = [{"aspect": "cost", "plus": 10}]


@pytest.mark.parametrize(
    ("forecast", "status", "reason"),
    [
        ("95k", pm.RAG.GREEN, "cost forecast £95,000, 5% under the £100,000 budget"),
        ("104k", pm.RAG.GREEN, "cost forecast £104,000, 4% over the £100,000 budget, "
                               "tolerance +10%"),
        ("108k", pm.RAG.AMBER, "cost forecast £108,000, 8% over the £100,000 budget, "
                               "tolerance +10%"),  # 80%: the warning fraction
        ("110k", pm.RAG.AMBER, "cost forecast £110,000, 10% over the £100,000 budget, "
                               "tolerance +10%"),  # all the tolerance used, still within
        ("111k", pm.RAG.RED, "cost forecast £111,000, 11% over the £100,000 budget, "
                             "tolerance +10%"),
    ],
)  # fmt: skip
def test_cost_rag_boundaries(forecast: str, status: pm.RAG, reason: str) -> None:
    cost = judge(Forecast(cost=pm.Project(id="x", name="x", budget=forecast).budget),
                 tolerances=COST_TOLERANCE).cost  # fmt: skip
    assert (cost.status, cost.reason) == (status, reason)


def test_an_overrun_with_no_tolerance_is_red() -> None:
    cost = judge(Forecast(cost=Decimal(100_001))).cost
    assert cost.status is pm.RAG.RED
    assert cost.reason.endswith("no cost tolerance set")


TIME_TOLERANCE = [{"aspect": "time", "plus": 5, "unit": "absolute"}]


@pytest.mark.parametrize(
    ("finish", "status", "late"),
    [
        (date(2013, 2, 28), pm.RAG.GREEN, None),  # early
        (date(2013, 3, 6), pm.RAG.GREEN, 3),  # Mon 4, Tue 5, Wed 6
        (date(2013, 3, 7), pm.RAG.AMBER, 4),  # 4 of 5: the warning fraction
        (date(2013, 3, 8), pm.RAG.AMBER, 5),  # at tolerance
        (date(2013, 3, 11), pm.RAG.RED, 6),  # the weekend does not count
    ],
)
def test_time_rag_boundaries_in_working_days(finish: date, status: pm.RAG, late: int) -> None:
    time = judge(Forecast(finish=finish), tolerances=TIME_TOLERANCE).time
    assert time.status is status
    if late is not None:
        assert f"is {late} working days after the planned 1 March 2013" in time.reason
        assert time.reason.endswith("tolerance +5 working days")


def test_easter_does_not_count_as_late() -> None:
    # Planned Thu 28 March 2013; Good Friday 29 March and Easter Monday 1 April are bank
    # holidays, so Tue 2 April is one working day late.
    time = judge(
        Forecast(finish=date(2013, 4, 2)),
        finish="2013-03-28",
        tolerances=[{"aspect": "time", "plus": 2, "unit": "absolute"}],
    ).time
    assert time.status is pm.RAG.GREEN
    assert "is 1 working day after the planned 28 March 2013" in time.reason


def benefits_programme(forecast: str, tolerances: list[dict[str, Any]]) -> pm.Programme:
    profile = pm.BenefitProfile(
        kpi="Saving",
        periods=[{"financial_year": "2013/14", "planned": "1m", "forecast": forecast}],
    )
    return pm.Programme(
        id="otp",
        name="OTP",
        projects=[pm.Project(id="p", name="P", tolerances=tolerances)],
        benefits=[pm.Benefit(id="b", name="B", enabled_by=["p"], profile=profile)],
    )


@pytest.mark.parametrize(
    ("forecast", "status"),
    [("1.1m", pm.RAG.GREEN), ("950k", pm.RAG.GREEN), ("920k", pm.RAG.AMBER),
     ("900k", pm.RAG.AMBER), ("890k", pm.RAG.RED)],
)  # fmt: skip
def test_benefits_rag_boundaries(forecast: str, status: pm.RAG) -> None:
    programme = benefits_programme(forecast, [{"aspect": "benefits", "minus": 10}])
    at = forecast_without_schedule(programme, STATUS)
    benefits = rag_status(programme, progress_at=at).projects["p"].benefits
    assert benefits.status is status


def test_benefits_reason_names_the_shortfall() -> None:
    programme = benefits_programme("920k", [{"aspect": "benefits", "minus": 10}])
    reason = rag_status(
        programme, progress_at=forecast_without_schedule(programme, STATUS)
    ).projects["p"]
    assert str(reason.benefits) == (
        "Amber: benefits forecast £920,000, 8% short of the £1,000,000 planned, tolerance -10%"
    )


# A 7-point risk is read on the programme's 5 x 5 grid level by level (issue 14: the RAG
# used the raw 7-point score while `check` rescaled it). Level l of 7 stands for the band
# ((l-1)/7, l/7]; its middle (2l-1)/14 falls in 5-point band ceil(5(2l-1)/14):
# 1->1, 2->2, 3->2, 4->3, 5->4, 6->4, 7->5. So (1,7) = 1x5 = 5 green, (2,4) = 2x3 = 6 green,
# (3,5) = 2x4 = 8 amber (the amber threshold), (5,6) = 4x4 = 16 red (threshold 15).
@pytest.mark.parametrize(
    ("probability", "impact", "status"),
    [(1, 7, pm.RAG.GREEN), (2, 4, pm.RAG.GREEN), (3, 5, pm.RAG.AMBER), (5, 6, pm.RAG.RED)],
)
def test_risk_rag_follows_the_grid(probability: int, impact: int, status: pm.RAG) -> None:
    risk = pm.Risk(id="R1", title="R1", probability=probability, impact=impact, scale=7)
    rag = judge(Forecast(), risks=[risk]).risk
    assert rag.status is status
    assert "'R1' scores" in rag.reason


def test_an_opportunity_never_turns_the_risk_rag_red() -> None:
    # Issue 14: an opportunity scoring 4 x 5 turned the risk RAG red as if it were a threat.
    opportunity = pm.Risk(id="O1", title="O1", kind="opportunity", probability=4, impact=5)
    rag = judge(Forecast(), risks=[opportunity]).risk
    assert rag.status is pm.RAG.GREEN
    assert rag.reason == "no active threats"


def test_a_mitigated_threat_is_judged_on_its_residual_score() -> None:
    # Issue 14: inherent 4 x 5 = 20, reduced to 1 x 3 = 3 (green); inherent 2 x 3 = 6 with a
    # residual 4 x 4 = 16 after an accepted response (red, threshold 15).
    mitigated = pm.Risk(
        id="R1",
        title="R1",
        probability=4,
        impact=5,
        response="reduce",
        residual_probability=1,
        residual_impact=3,
    )
    worse = pm.Risk(
        id="R2",
        title="R2",
        probability=2,
        impact=3,
        response="accept",
        residual_probability=4,
        residual_impact=4,
    )
    assert judge(Forecast(), risks=[mitigated]).risk.status is pm.RAG.GREEN
    assert str(judge(Forecast(), risks=[mitigated, worse]).risk) == (
        "Red: risk 'R2' scores 16, at or above the escalation threshold 15"
    )


def test_closed_risks_do_not_count() -> None:
    risk = pm.Risk(id="R1", title="R1", probability=5, impact=5, status="closed")
    assert judge(Forecast(), risks=[risk]).risk.status is pm.RAG.GREEN


def test_overall_is_the_worst_assessed_aspect() -> None:
    status = judge(
        Forecast(cost=Decimal(108_000), finish=date(2013, 3, 11)),
        tolerances=COST_TOLERANCE + TIME_TOLERANCE,
    )
    assert (status.cost.status, status.time.status) == (pm.RAG.AMBER, pm.RAG.RED)
    assert status.overall.status is pm.RAG.RED
    assert status.overall.reason.startswith("time - forecast finish 11 March 2013")


def test_aspects_without_data_are_not_assessed() -> None:
    status = judge(Forecast(), budget=None, finish=None)
    assert status.cost.status is None
    assert str(status.cost) == "Not assessed: no budget or cost forecast"
    assert status.overall.status is pm.RAG.GREEN  # risk: no active threats
