"""Benefit realisation timing follows the enabling projects' simulated finishes.

The rule under test (docs/risk-analysis.md): a benefit's unrealised yearly forecast is
spread evenly over its financial year and moved by the calendar days its latest enabling
project finishes after plan (none when early); d days move the share d/365 into the next
year. Oracle: the project's only task lasts round(U(10, 380)) days on a calendar working
every day and is planned at 20, so the delay is max(0, D - 20) with D uniform. A £1m
saving planned for 2013/14 keeps at least half its value in 2013/14 when the delay is at
most 182 days, P(D <= 202) = (202.5 - 10) / 370 = 52.03%; the mean moved into 2014/15
is 1m x E[max(0, D - 20)] / 365 = 1m x (360^2 / 740) / 365 = £479,822.
"""

from __future__ import annotations

import math

import progman
from progman import Benefit, Calendar, DurationEstimate, Programme, Project, Task

from .test_montecarlo import ITERATIONS, within


def programme() -> Programme:
    return Programme(
        id="p",
        name="P",
        start="2013-04-01",
        calendars=[
            Calendar(region="none", working_days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        ],
        savings_targets=[
            {"name": "Half the saving in 2013/14", "amount": "500k", "years": "2013/14"},
            {"name": "All of it by 2014/15", "amount": "1m", "years": "2013/14-2014/15"},
        ],
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(
                        id="a",
                        name="A",
                        duration=20,
                        estimate=DurationEstimate(
                            optimistic=10, most_likely=20, pessimistic=380, distribution="uniform"
                        ),
                    )
                ],
            )
        ],
        benefits=[
            Benefit(
                id="b",
                name="Saving",
                enabled_by=["x"],
                profile={
                    "kpi": "Annual saving",
                    "unit": "GBP",
                    "periods": [{"financial_year": "2013/14", "planned": "1m"}],
                },
            )
        ],
    )


def test_savings_move_with_the_enabling_project() -> None:
    result = progman.risk_analysis(programme(), iterations=ITERATIONS, seed=9)
    years = {s.year: s for s in result.savings}
    assert years["2013/14"].plan == 1_000_000
    assert years["2014/15"].plan == 0
    moved = 1_000_000 * (360**2 / 740) / 365
    # the moved share's spread: sd of max(0, D - 20) is under 370/sqrt(12) + 20 days
    se = 1_000_000 * (370 / math.sqrt(12) + 20) / 365 / math.sqrt(ITERATIONS)
    assert within(float(years["2014/15"].mean), moved, se)
    assert within(float(years["2013/14"].mean), 1_000_000 - moved, se)
    half, whole = result.targets
    p = 192.5 / 370
    assert half.name == "Half the saving in 2013/14"
    assert half.plan == 1_000_000
    assert within(half.probability / 100, p, math.sqrt(p * (1 - p) / ITERATIONS))
    assert whole.probability == 100.0  # within two years whatever the delay (at most 360 days)


def test_realised_years_and_early_finishes_do_not_move() -> None:
    p = programme()
    p.projects[0].tasks[0].estimate = DurationEstimate(optimistic=5, most_likely=10, pessimistic=20)
    result = progman.risk_analysis(p, iterations=500, seed=1)
    years = {s.year: s for s in result.savings}
    # never later than the planned 20 days: the saving stays where it was planned
    assert years["2013/14"].p10 == years["2013/14"].p90 == 1_000_000
    assert [t.probability for t in result.targets] == [100.0, 100.0]
    assert result.to_dict()["targets"][0]["probability"] == 100.0
