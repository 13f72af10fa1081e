"""Risk analysis benchmark: Monte Carlo over generated programmes.

The programme is `bench_schedule.model_programme` (10 projects of 10 stages; 2-3
predecessors per task, all four link types, leads and lags, an England and Wales
calendar with bank holidays); every task gets a PERT three-point estimate
(-10% / +40% of its duration), 20 register risks each delay 3 tasks, and two
correlation groups (every 25th task in one, rank correlation 0.8; the next ones in
another, 0.5: 8% of the tasks correlated). Timed:
`progman.risk_analysis` end to end from the model (compiling the plan, the
deterministic schedule, sampling, the batched forward and backward passes for
criticality, the Spearman sensitivities), without the tornado (which runs the
forward pass once more per risk) and, for the smaller size, with it.
Peak memory is the process's peak resident set so far.

    python -m benchmarks riskanalysis
    PROGMAN_BENCH_LARGE=1 python -m benchmarks riskanalysis   # adds 10,000 tasks
"""

from __future__ import annotations

import os
import time

import numpy as np

import progman
from progman import DurationEstimate, Programme, Risk

from .bench_schedule import model_programme, peak_mb


def uncertain(n: int, risks: int = 20, seed: int = 3) -> Programme:
    """`model_programme(n)` with three-point estimates on every task and `risks` risks."""
    programme = model_programme(n)
    rng = np.random.default_rng(seed)
    ids = []
    for k, (_, _, item) in enumerate(programme.work_items()):
        if isinstance(item, progman.Task):
            item.category = {0: "it", 1: "procurement"}.get(k % 25)
            d = item.duration
            item.estimate = DurationEstimate(
                optimistic=max(0, round(d * 0.9)), most_likely=d, pessimistic=round(d * 1.4)
            )
            ids.append(item.id)
    programme.risks = [
        Risk(
            id=f"R{k}",
            title=f"Risk {k}",
            probability=int(rng.integers(1, 6)),
            impact=3,
            affects=[ids[int(i)] for i in rng.integers(0, len(ids), size=3)],
            schedule_impact={"optimistic": 2, "most_likely": 5, "pessimistic": 15},
        )
        for k in range(risks)
    ]
    programme.risk_analysis = progman.RiskAnalysisSettings(
        correlations=[
            progman.TaskCorrelation(category="it", coefficient="0.8"),
            progman.TaskCorrelation(category="procurement", coefficient="0.5"),
        ]
    )
    return programme


def run(n: int, iterations: int, *, tornado: bool) -> None:
    programme = uncertain(n)
    began, cpu = time.perf_counter(), time.process_time()
    result = progman.risk_analysis(programme, iterations=iterations, seed=1, tornado=tornado)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    rate = n * iterations / cpu / 1e6
    print(
        f"{n:>6,} tasks x {iterations:>6,} iterations, tornado {'on ' if tornado else 'off'}: "
        f"{took:6.2f} s wall, {cpu:6.2f} s CPU ({rate:.1f} M task-iterations per CPU second), "
        f"P80 {result.finish.p80}, peak {peak_mb():,.0f} MB"
    )


def main() -> None:
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    run(1_000, 10_000, tornado=False)
    run(1_000, 10_000, tornado=True)
    if os.environ.get("PROGMAN_BENCH_LARGE"):
        run(10_000, 10_000, tornado=False)


if __name__ == "__main__":
    main()
