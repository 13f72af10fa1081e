"""Programme-wide uncertainty defaults by category and correlated tasks, against closed forms.

Tolerances: four standard errors for the iteration count, as in test_montecarlo.py.
Correlation: a Gaussian copula whose normal correlation is 2 sin(pi rho / 6) has rank
(Spearman) correlation rho (Pearson 1907; Kruskal 1958). For uniform marginals the
ordinary (Pearson) correlation of the durations equals their rank correlation, so two
correlated U(a, b) tasks in a chain have Var(A + B) = 2 s^2 (1 + rho), s^2 = (b - a)^2 / 12.
The sample Spearman coefficient's Fisher transform atanh(r) has standard error about
sqrt(1.06 / (N - 3)) (Fieller, Hartley & Pearson 1957); it is computed here by pandas, an
implementation independent of the one under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import progman
from progman import (
    DurationEstimate,
    DurationUncertainty,
    Programme,
    Project,
    RiskAnalysisSettings,
    Task,
    TaskCorrelation,
)
from progman.analysis.montecarlo import ThreePoint, pearson_for_spearman

from .test_montecarlo import ITERATIONS, START, within, working_days


def chain_of(tasks: list[Task], settings: RiskAnalysisSettings) -> Programme:
    for k, task in enumerate(tasks[1:], start=1):
        task.depends_on = [progman.Dependency(on=tasks[k - 1].id)]
    return Programme(
        id="p",
        name="P",
        start=START,
        projects=[Project(id="x", name="X", tasks=tasks)],
        risk_analysis=settings,
    )


def test_category_default_gives_every_task_of_the_category_its_estimate() -> None:
    # procurement -10%/+40% on 30 days: PERT (27, 30, 42): mean (27 + 120 + 42)/6 = 31.5,
    # variance (31.5 - 27)(42 - 31.5)/7 = 6.75 (+ 1/12 for rounding to whole days).
    # The IT task has its own fixed estimate (no spread) and the catch-all default (no
    # category) does not reach it; the uncategorised task gets the catch-all +0%/+0%.
    tasks = [Task(id=f"p{k}", name="P", duration=30, category="procurement") for k in range(6)]
    tasks.append(
        Task(
            id="it",
            name="IT",
            duration=10,
            category="procurement",
            estimate=DurationEstimate(optimistic=10, most_likely=10, pessimistic=10),
        )
    )
    tasks.append(Task(id="other", name="Other", duration=5))
    settings = RiskAnalysisSettings(
        uncertainty=[
            DurationUncertainty(optimistic=0, pessimistic=0),
            DurationUncertainty(category="procurement", optimistic=-10, pessimistic=40),
        ]
    )
    result = progman.risk_analysis(chain_of(tasks, settings), iterations=ITERATIONS, seed=5)
    total = working_days(result)
    mean = 6 * 31.5 + 10 + 5
    variance = 6 * (6.75 + 1 / 12)
    assert within(total.mean(), mean, math.sqrt(variance / ITERATIONS))
    assert within(total.var(ddof=1), variance, variance * math.sqrt(2 / (ITERATIONS - 1)))
    spread = {t.id: t.sensitivity for t in result.tasks}
    assert spread["it"] is None or spread["it"] == 0  # fixed: its own estimate won
    assert spread["p0"] is not None
    assert spread["p0"] > 0


@pytest.mark.parametrize("rho", [0.0, 0.6, 1.0])
def test_correlated_chain_variance_of_the_sum(rho: float) -> None:
    uniform = DurationEstimate(
        optimistic=10, most_likely=110, pessimistic=210, distribution="uniform"
    )
    tasks = [
        Task(id="a", name="A", duration=110, category="it", estimate=uniform),
        Task(id="b", name="B", duration=110, category="it", estimate=uniform),
    ]
    settings = RiskAnalysisSettings(
        correlations=[TaskCorrelation(category="it", coefficient=str(rho))]
    )
    result = progman.risk_analysis(chain_of(tasks, settings), iterations=ITERATIONS, seed=11)
    total = working_days(result)
    s2 = 200**2 / 12
    variance = 2 * s2 * (1 + rho) + 2 / 12
    assert within(total.mean(), 220, math.sqrt(variance / ITERATIONS))
    assert within(total.var(ddof=1), variance, variance * math.sqrt(2 / (ITERATIONS - 1)))


@pytest.mark.parametrize("rho", [0.3, 0.7, 0.95])
def test_achieved_rank_correlation_matches_the_request(rho: float) -> None:
    pandas = pytest.importorskip("pandas")
    k = 5
    draw = ThreePoint(
        np.zeros(k),
        np.full(k, 5000.0),
        np.full(k, 10_000.0),
        np.array([0, 1, 2, 0, 1]),  # PERT, triangular, uniform: ranks do not care
        groups=[(np.arange(k), pearson_for_spearman(rho))],
    )
    rng = np.random.default_rng(2)
    values = np.concatenate([draw.draw(draw.uniform(rng, 4000)) for _ in range(5)], axis=1)
    n = values.shape[1]
    matrix = pandas.DataFrame(values.T).corr(method="spearman").to_numpy()
    se = math.sqrt(1.06 / (n - 3))
    for i in range(k):
        for j in range(i + 1, k):
            assert within(math.atanh(matrix[i, j]), math.atanh(rho), se), (i, j, matrix[i, j])


def test_uncorrelated_rows_stay_independent() -> None:
    pandas = pytest.importorskip("pandas")
    draw = ThreePoint(
        np.zeros(4),
        np.full(4, 50.0),
        np.full(4, 100.0),
        np.zeros(4, dtype=np.int64),
        groups=[(np.array([0, 1]), pearson_for_spearman(0.9))],
    )
    values = draw.draw(draw.uniform(np.random.default_rng(4), 20_000))
    matrix = pandas.DataFrame(values.T).corr(method="spearman").to_numpy()
    se = math.sqrt(1.06 / 19_997)
    assert within(math.atanh(matrix[0, 1]), math.atanh(0.9), se)
    for i, j in [(0, 2), (1, 3), (2, 3)]:
        assert within(math.atanh(matrix[i, j]), 0.0, se)


def test_pearson_for_spearman_closed_form() -> None:
    # Kruskal (1958): rho_s = (6/pi) asin(r/2); inverting at r = 0.5 gives 0.4826
    assert math.isclose(pearson_for_spearman(6 / math.pi * math.asin(0.25)), 0.5)
    assert pearson_for_spearman(0.0) == 0.0


def test_unknown_and_doubled_correlation_members_are_located_errors() -> None:
    tasks = [
        Task(id="a", name="A", duration=5, category="it"),
        Task(id="b", name="B", duration=5),
    ]
    settings = RiskAnalysisSettings(
        uncertainty=[DurationUncertainty(optimistic=-10, pessimistic=10)],
        correlations=[
            TaskCorrelation(tasks=["b", "nope"], coefficient=0.5),
            TaskCorrelation(tasks=["b"], category="it", coefficient=0.5),
        ],
    )
    with pytest.raises(progman.ScheduleError) as caught:
        progman.risk_analysis(chain_of(tasks, settings), iterations=10, seed=1)
    found = {(f.code, f.path) for f in caught.value.findings}
    assert ("RISK-CORRELATION-UNKNOWN", "risk_analysis.correlations[0].tasks[1]") in found
    assert ("RISK-CORRELATION-TWICE", "risk_analysis.correlations[1]") in found


def test_a_correlation_names_something() -> None:
    with pytest.raises(ValueError, match="names its `tasks`"):
        TaskCorrelation(coefficient=0.5)
    with pytest.raises(ValueError, match="less than or equal to 0"):
        DurationUncertainty(optimistic=10, pessimistic=40)  # optimistic must be 0 or less
