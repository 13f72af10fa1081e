"""Three-point estimates and risk impacts in the model: bounds validated."""

from __future__ import annotations

import pydantic
import pytest

from progman import CostEstimate, DurationEstimate, Risk, Task


def test_defaults_to_pert() -> None:
    assert str(DurationEstimate(optimistic=1, most_likely=2, pessimistic=3).distribution) == "pert"


@pytest.mark.parametrize(
    ("o", "m", "p", "message"),
    [(5, 4, 6, "optimistic 5 > most likely 4"), (1, 7, 6, "most likely 7 > pessimistic 6")],
)
def test_out_of_order(o: int, m: int, p: int, message: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=message):
        DurationEstimate(optimistic=o, most_likely=m, pessimistic=p)


def test_bounds_are_the_models_own() -> None:
    with pytest.raises(pydantic.ValidationError):
        DurationEstimate(optimistic=-1, most_likely=2, pessimistic=3)
    with pytest.raises(pydantic.ValidationError):
        CostEstimate(optimistic="-5", most_likely="2k", pessimistic="3k")
    with pytest.raises(pydantic.ValidationError):
        DurationEstimate(optimistic=1, most_likely=2, pessimistic=3, distribution="normal")


def test_cost_estimate_reads_money() -> None:
    estimate = CostEstimate(optimistic="100k", most_likely="£150k", pessimistic="0.3m")
    assert estimate.pessimistic == 300_000


def test_task_and_risk_carry_estimates() -> None:
    task = Task(
        id="a",
        name="A",
        duration=10,
        estimate={"optimistic": 8, "most_likely": 10, "pessimistic": 15},
    )
    assert task.estimate is not None
    assert task.estimate.pessimistic == 15
    risk = Risk(
        id="R1",
        title="t",
        probability=2,
        impact=2,
        affects=["a"],
        schedule_impact={"optimistic": 1, "most_likely": 2, "pessimistic": 5},
        cost_impact={"optimistic": "1k", "most_likely": "2k", "pessimistic": "5k"},
    )
    assert risk.cost_impact is not None
    assert risk.cost_impact.most_likely == 2000


def test_schedule_impact_needs_tasks() -> None:
    with pytest.raises(pydantic.ValidationError, match="needs the tasks it affects"):
        Risk(
            id="R1",
            title="t",
            probability=2,
            impact=2,
            schedule_impact={"optimistic": 1, "most_likely": 2, "pessimistic": 5},
        )
