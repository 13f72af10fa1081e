"""Monte Carlo schedule and cost risk analysis on the array CPM engine.

Each iteration draws every task's three-point duration (`Task.estimate`), decides
which register risks occur (with the likelihood `progman.assess_risk` gives: the
risk's stated one or the grid's for its probability level) and how many working
days each adds to the tasks it `affects`, then runs the same forward pass as
`progman.schedule` (all link types, lags, calendars, progress at the status
date). Iterations run in blocks: the durations are an ``(n, block)`` integer
array and the engine passes over all the block's columns at once.

Durations are whole working days: a draw is rounded to the nearest day (which
adds about 1/12 day² to each task's variance, Sheppard's correction).
Percentiles are the inverted empirical distribution: the P80 date is the first
day by which at least 80% of iterations have finished.

>>> import progman
>>> programme = progman.Programme(id="p", name="P", start="2013-01-07", projects=[
...     progman.Project(id="x", name="X", tasks=[
...         progman.Task(id="a", name="A", duration=10,
...                      estimate={"optimistic": 10, "most_likely": 10, "pessimistic": 10})])])
>>> result = risk_analysis(programme, iterations=100, seed=1)
>>> result.finish.p80, result.finish.plan_percentile
(datetime.date(2013, 1, 18), 100.0)
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..findings import Finding, Severity
from ..io.locations import locate
from ..model import (
    CostEstimate,
    Distribution,
    DurationEstimate,
    Milestone,
    Programme,
    Risk,
    RiskKind,
    RiskStatus,
    Task,
    assess_risk,
)
from ..model.common import as_date
from ..schedule import check_contents
from ..schedule.cpm import Early, backward, forward
from ..schedule.errors import ScheduleError, out_of_range
from ..schedule.plan import (
    PROJECT,
    Plan,
    _crossings,
    _remaining,
    compile_plan,
)
from ..schedule.result import Schedule

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..model import Calendar
    from ..schedule.calendar import WorkingCalendar

    IntArray = NDArray[np.int64]
    FloatArray = NDArray[np.float64]

__all__ = [
    "MAX_ITERATIONS",
    "PERCENTILES",
    "CostSpread",
    "DateSpread",
    "DeadlineChance",
    "RiskAnalysis",
    "RiskDriver",
    "SavingsSpread",
    "TargetChance",
    "ThreePoint",
    "pearson_for_spearman",
    "risk_analysis",
]

PERCENTILES = (10, 50, 80, 90)
"""The percentiles reported for every date and cost."""
MAX_ITERATIONS = 1_000_000
"""The most iterations one run may ask for."""
_CELLS_PER_BLOCK = 500_000
"""Nodes x iterations per block: about 2 MB per int32 engine array, so a level stays in
cache (measured on 1,000 tasks: 0.40 s CPU against 0.43 s for 250,000 cells and 0.43 s
for 1,000,000)..."""
_MIN_RUNS = 200
"""...but at least this many iterations per block (while the block stays under
`_MAX_CELLS`), so that each level's arrays are long enough to repay numpy's per-call cost
(10,000 tasks: 4.3 s CPU with blocks of 200 iterations, 6.0 s with 50)."""
_MAX_CELLS = 4_000_000
_CODE = {Distribution.PERT: 0, Distribution.TRIANGULAR: 1, Distribution.UNIFORM: 2}


# --- sampling ---------------------------------------------------------------------------


_TABLE_POINTS = 513
"""Points of each estimate's quantile table (512 steps, linearly interpolated)."""
_CDF_STEPS = 2048
"""Steps of the numerical integration of the PERT density for its quantile table."""


def _fractions(c: FloatArray, kind: IntArray) -> FloatArray:
    """Quantile tables on [0, 1]: row i is the inverse distribution function of estimate i
    (mode at fraction `c[i]` of its range) at ``u = 0, 1/512, ..., 1``.

    Uniform: ``u``. Triangular: its closed-form inverse. PERT: the beta distribution with
    shapes ``1 + 4c`` and ``1 + 4(1 - c)``, its distribution function integrated
    numerically (trapezoids on ``x = (1 - cos(pi t)) / 2``, which crowds the steps at
    the ends where the density is steepest) and inverted by interpolation.
    """
    u = np.linspace(0.0, 1.0, _TABLE_POINTS)
    tables = np.empty((len(c), _TABLE_POINTS), dtype=np.float64)
    for j, (code, mode) in enumerate(zip(kind.tolist(), c.tolist(), strict=True)):
        if code == 2:
            tables[j] = u
        elif code == 1:
            tables[j] = np.where(u < mode, np.sqrt(u * mode), 1.0 - np.sqrt((1 - u) * (1 - mode)))
    pert = np.flatnonzero(kind == 0)
    if len(pert):
        t = np.linspace(0.0, 1.0, _CDF_STEPS + 1)
        x = (1.0 - np.cos(np.pi * t)) / 2.0
        a = (4.0 * c[pert])[:, None]
        density = x**a * (1.0 - x) ** (4.0 - a) * np.sin(np.pi * t)
        cdf = np.concatenate(
            [np.zeros((len(pert), 1)), np.cumsum((density[:, 1:] + density[:, :-1]) / 2, axis=1)],
            axis=1,
        )
        cdf /= cdf[:, -1:]
        # one interpolation for every shape: shape r's curve is moved up by 2r
        lift = 2.0 * np.arange(len(pert))[:, None]
        flat = np.interp((u + lift).ravel(), (cdf + lift).ravel(), np.tile(x, len(pert)))
        tables[pert] = flat.reshape(len(pert), -1)
    tables[:, 0], tables[:, -1] = 0.0, 1.0
    return tables


class ThreePoint:
    """Draws of k three-point estimates by the inverse distribution function.

    Each estimate gets a table of its quantiles (`_fractions`, scaled to its range); a
    draw is a uniform number looked up in its table with linear interpolation, which
    keeps the whole block of iterations in a few array operations. Correlated estimates
    come from correlated uniform numbers (a Gaussian copula). `kind`: 0 PERT,
    1 triangular, 2 uniform. ``whole=True`` rounds each draw to the nearest whole number.

    >>> rng = np.random.default_rng(0)
    >>> ThreePoint(np.array([2.0]), np.array([2.0]), np.array([2.0]), np.array([0])).draw(
    ...     rng.random((1, 3))).tolist()
    [[2.0, 2.0, 2.0]]
    """

    def __init__(
        self,
        low: FloatArray,
        mode: FloatArray,
        high: FloatArray,
        kind: IntArray,
        *,
        whole: bool = False,
        groups: Sequence[tuple[IntArray, float]] = (),
    ) -> None:
        self.groups = list(groups)
        width = high - low
        safe = np.where(width > 0, width, 1.0)
        c = np.clip((mode - low) / safe, 0.0, 1.0)
        pairs = np.stack([kind.astype(np.float64), c])
        shapes, which = np.unique(pairs, axis=1, return_inverse=True)
        self.whole = whole
        self.dtype = np.float32 if whole else np.float64
        self.size = len(low)
        # one table per distinct shape (a few kilobytes that stay in cache), scaled per estimate
        fractions = _fractions(shapes[1], shapes[0].astype(np.int64))
        self.table: NDArray[Any] = fractions.astype(self.dtype).ravel()
        self.offset = (np.asarray(which).reshape(-1).astype(np.int32) * _TABLE_POINTS)[:, None]
        self.width: NDArray[Any] = width.astype(self.dtype)[:, None]
        self.low: NDArray[Any] = (low + 0.5 if whole else low).astype(self.dtype)[:, None]

    def uniform(self, rng: np.random.Generator, runs: int) -> NDArray[Any]:
        """Uniform numbers for a block, shape (k, runs): independent, except that each
        group's rows come from a Gaussian copula with one common factor, every pair
        correlated by the group's (normal) coefficient ``r``: ``z = sqrt(r) f +
        sqrt(1 - r) e``, ``u = Phi(z)``."""
        u = rng.random((self.size, runs), dtype=self.dtype)
        if self.groups:
            grid, phi = _normal_table()
            for rows, r in self.groups:
                z = rng.standard_normal((len(rows), runs))
                z *= math.sqrt(1.0 - r)
                z += math.sqrt(r) * rng.standard_normal(runs)
                u[rows] = np.interp(z, grid, phi)
        return u

    def draw(self, u: NDArray[Any]) -> NDArray[Any]:
        """The estimates' values at quantiles `u` (shape (k, runs); `u` is overwritten):
        whole numbers as int32 when `whole`, else floats."""
        steps = _TABLE_POINTS - 1
        u = np.asarray(u, dtype=self.dtype)
        u *= steps
        at = u.astype(np.int32)
        np.minimum(at, steps - 1, out=at)
        u -= at
        at += self.offset
        low = self.table.take(at)
        value = self.table.take(at + 1)
        value -= low
        value *= u
        value += low
        value *= self.width
        value += self.low
        if self.whole:
            return value.astype(np.int32)
        return value


_Estimate = tuple[float, float, float, Distribution]


def _values(estimate: DurationEstimate | CostEstimate) -> _Estimate:
    return (
        float(estimate.optimistic),
        float(estimate.most_likely),
        float(estimate.pessimistic),
        estimate.distribution,
    )


def _three_point(
    estimates: Sequence[DurationEstimate | CostEstimate | _Estimate],
) -> tuple[FloatArray, FloatArray, FloatArray, IntArray]:
    rows = [e if isinstance(e, tuple) else _values(e) for e in estimates]
    low = np.asarray([r[0] for r in rows], dtype=np.float64)
    mode = np.asarray([r[1] for r in rows], dtype=np.float64)
    high = np.asarray([r[2] for r in rows], dtype=np.float64)
    kind = np.asarray([_CODE[r[3]] for r in rows], dtype=np.int64)
    return low, mode, high, kind


@cache
def _normal_table() -> tuple[FloatArray, FloatArray]:
    """The standard normal distribution function at 4,097 points on [-9, 9], for linear
    interpolation (error below 1e-6)."""
    z = np.linspace(-9.0, 9.0, 4097)
    return z, np.asarray([0.5 * math.erfc(-v / math.sqrt(2.0)) for v in z.tolist()])


def pearson_for_spearman(rho: float) -> float:
    """The correlation of a bivariate normal whose rank (Spearman) correlation is `rho`:
    ``2 sin(pi rho / 6)`` (Pearson 1907; Kruskal 1958), so that a Gaussian copula gives
    exactly the rank correlation asked for.

    >>> round(pearson_for_spearman(0.5), 4), pearson_for_spearman(1.0)
    (0.5176, 1.0)
    """
    if rho >= 1.0:  # the sine lands a hair below 1
        return 1.0
    return 2.0 * math.sin(math.pi * rho / 6.0)


# --- results ----------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _percentiles(values: NDArray[Any]) -> list[Any]:
    return [np.percentile(values, p, method="inverted_cdf") for p in PERCENTILES]


@dataclass(frozen=True)
class DateSpread:
    """The distribution of a finish date: the programme's, a project's or a milestone's."""

    id: str
    name: str
    kind: str
    """`programme`, `project` or `milestone`."""
    p10: date
    p50: date
    p80: date
    """The first day by which at least 80% of iterations have finished."""
    p90: date
    mean: date
    plan: date | None
    """The deterministic plan's date (`progman.schedule`)."""
    plan_percentile: float | None
    """Per cent of iterations finishing on or before the plan's date."""

    @classmethod
    def of(cls, id: str, name: str, kind: str, ordinals: NDArray[Any], plan: date | None) -> Any:
        p10, p50, p80, p90 = (date.fromordinal(int(v)) for v in _percentiles(ordinals))
        mean = date.fromordinal(round(float(ordinals.mean())))
        share = None
        if plan is not None:
            share = round(100.0 * float(np.mean(ordinals <= plan.toordinal())), 2)
        return cls(id, name, kind, p10, p50, p80, p90, mean, plan, share)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO text."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            **{f"p{p}": _iso(getattr(self, f"p{p}")) for p in PERCENTILES},
            "mean": _iso(self.mean),
            "plan": _iso(self.plan),
            "plan_percentile": self.plan_percentile,
        }


@dataclass(frozen=True)
class CostSpread:
    """The distribution of the programme's cost (tasks' cost estimates or budgets, and risks)."""

    p10: Decimal
    p50: Decimal
    p80: Decimal
    p90: Decimal
    mean: Decimal
    plan: Decimal
    """Budgets, with each cost estimate's most likely value."""
    plan_percentile: float
    """Per cent of iterations costing no more than the plan."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: pounds as text, as the model writes money."""
        out: dict[str, Any] = {f"p{p}": str(getattr(self, f"p{p}")) for p in PERCENTILES}
        out |= {"mean": str(self.mean), "plan": str(self.plan)}
        out["plan_percentile"] = self.plan_percentile
        return out


@dataclass(frozen=True)
class SavingsSpread:
    """Benefits (net, each pound once) forecast in one financial year once their timing
    follows the enabling projects' simulated finishes."""

    year: str
    """The financial year, e.g. `2013/14`."""
    plan: Decimal
    """The profile's forecast for the year, with the projects finishing as planned."""
    p10: Decimal
    p50: Decimal
    p90: Decimal
    mean: Decimal

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: pounds as text."""
        return {"year": self.year, **{k: str(v) for k, v in vars(self).items() if k != "year"}}


@dataclass(frozen=True)
class TargetChance:
    """How likely a savings target is to be met when benefits move with their projects."""

    name: str
    years: str
    amount: Decimal
    plan: Decimal
    """The benefits forecast in the target's window with the projects on plan."""
    probability: float
    """Per cent of iterations in which the window's benefits reach the target."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "name": self.name,
            "years": self.years,
            "amount": str(self.amount),
            "plan": str(self.plan),
            "probability": self.probability,
        }


@dataclass(frozen=True)
class DeadlineChance:
    """How likely an item is to meet its `must_finish_by`."""

    id: str
    name: str
    due: date
    probability: float
    """Per cent of iterations finishing on or before `due`."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id": self.id,
            "name": self.name,
            "due": self.due.isoformat(),
            "probability": self.probability,
        }


@dataclass(frozen=True)
class RiskDriver:
    """A register risk's share in the result: a row of the tornado."""

    id: str
    title: str
    likelihood: float
    """The probability used, in per cent (`progman.assess_risk`)."""
    occurred: float
    """Per cent of iterations in which it occurred."""
    p80_finish_days: int
    """Working days the risk adds to the programme's P80 finish (negative: takes off)."""
    p80_cost: Decimal | None
    """Pounds the risk adds to the P80 cost, where there is a cost analysis."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id": self.id,
            "title": self.title,
            "likelihood": self.likelihood,
            "occurred": self.occurred,
            "p80_finish_days": self.p80_finish_days,
            "p80_cost": None if self.p80_cost is None else str(self.p80_cost),
        }


@dataclass(frozen=True)
class TaskSensitivity:
    """How much a task drives the finish."""

    id: str
    name: str
    criticality: float
    """Per cent of iterations in which the task is on a critical path (no total float)."""
    sensitivity: float | None
    """Spearman rank correlation of its duration with the programme finish (None: fixed)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id": self.id,
            "name": self.name,
            "criticality": self.criticality,
            "sensitivity": self.sensitivity,
        }


@dataclass(frozen=True)
class RiskAnalysis:
    """The result of `risk_analysis`: distributions of dates and cost, and what drives them."""

    iterations: int
    seed: int
    block: int
    """Iterations per block (with the seed, what makes a run reproducible)."""
    status_date: date | None
    finish: DateSpread
    """The programme's finish."""
    projects: list[DateSpread]
    milestones: list[DateSpread]
    deadlines: list[DeadlineChance]
    tasks: list[TaskSensitivity]
    """Every task, the most critical first."""
    drivers: list[RiskDriver]
    """Register risks with an impact, the largest effect on the P80 finish first (tornado)."""
    cost: CostSpread | None
    finish_ordinals: NDArray[np.int32] = field(repr=False)
    """The programme finish of every iteration, as date ordinals (for an S-curve)."""
    savings: list[SavingsSpread] = field(default_factory=list)
    """Benefits by financial year with their timing following the enabling projects."""
    targets: list[TargetChance] = field(default_factory=list)
    """The chance of meeting each savings target (`Programme.all_savings_targets`)."""

    def probability_by(self, day: date | str) -> float:
        """Per cent of iterations in which the programme finishes on or before `day`."""
        when = as_date(day, "day")
        assert when is not None
        return round(100.0 * float(np.mean(self.finish_ordinals <= when.toordinal())), 2)

    def s_curve(self) -> list[tuple[date, float]]:
        """(day, per cent of iterations finished by then) for every day some iteration ends."""
        days, counts = np.unique(self.finish_ordinals, return_counts=True)
        share = np.cumsum(counts) * 100.0 / len(self.finish_ordinals)
        return [
            (date.fromordinal(int(d)), round(float(s), 2))
            for d, s in zip(days, share, strict=False)
        ]

    def spreads(self) -> Iterator[DateSpread]:
        """The programme's, then each project's and milestone's date distribution."""
        yield self.finish
        yield from self.projects
        yield from self.milestones

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (what `progman risk-analysis --format json` prints)."""
        return {
            "iterations": self.iterations,
            "seed": self.seed,
            "block": self.block,
            "status_date": _iso(self.status_date),
            "finish": self.finish.to_dict(),
            "projects": [s.to_dict() for s in self.projects],
            "milestones": [s.to_dict() for s in self.milestones],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "tasks": [t.to_dict() for t in self.tasks],
            "risks": [d.to_dict() for d in self.drivers],
            "cost": None if self.cost is None else self.cost.to_dict(),
            "savings": [y.to_dict() for y in self.savings],
            "targets": [t.to_dict() for t in self.targets],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """`to_dict()` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dataframe(self) -> Any:
        """The date distributions (programme, projects, milestones) as a `pandas.DataFrame`
        indexed by id (pandas is optional: `progman[dataframes]`)."""
        from ..report.frames import dataframe

        rows = [dict(vars(spread).items()) for spread in self.spreads()]  # dates stay dates
        return dataframe(rows, index="id")

    def _repr_html_(self) -> str:
        from ..report.frames import html_table

        dates = html_table(
            [
                {
                    "": s.name,
                    **{f"P{p}": getattr(s, f"p{p}") for p in PERCENTILES},
                    "plan": s.plan,
                    "plan percentile": s.plan_percentile,
                }
                for s in self.spreads()
            ],
            f"Finish dates over {self.iterations:,} iterations (seed {self.seed})",
        )
        drivers = html_table(
            [
                {
                    "risk": d.title,
                    "likelihood %": d.likelihood,
                    "P80 finish, working days": d.p80_finish_days,
                }
                for d in self.drivers
            ],
            "Risks by their effect on the P80 finish",
        )
        return dates + drivers


# --- the simulation ---------------------------------------------------------------------


@dataclass
class _Event:
    risk: Risk
    path: str
    likelihood: float
    sign: int
    nodes: list[int]


@dataclass
class _Inputs:
    """What the simulation draws, gathered from the programme once."""

    est_nodes: IntArray
    est: tuple[FloatArray, FloatArray, FloatArray, IntArray] | None
    groups: list[tuple[IntArray, float]]
    """Correlated estimates: their rows in `est_nodes` and the normal correlation."""
    planned: IntArray
    """Per estimated node: the task's planned duration (started tasks scale from it)."""
    left_share: FloatArray
    """Per estimated node: the share of its work left (1 for unstarted tasks)."""
    events: list[_Event]
    impact: tuple[FloatArray, FloatArray, FloatArray, IntArray] | None
    cost_base: float
    cost_plan: float
    cost_est: tuple[FloatArray, FloatArray, FloatArray, IntArray] | None
    cost_events: list[int]
    cost_impact: tuple[FloatArray, FloatArray, FloatArray, IntArray] | None


def _risks(programme: Programme) -> Iterator[tuple[Risk, str]]:
    for k, risk in enumerate(programme.risks):
        yield risk, f"risks[{k}]"
    for p, project in enumerate(programme.projects):
        for k, risk in enumerate(project.risks):
            yield risk, f"projects[{p}].risks[{k}]"


def _default_estimate(programme: Programme, task: Task) -> _Estimate | None:
    """The programme's uncertainty default for a task without its own estimate."""
    found = None
    for default in programme.risk_analysis.uncertainty:
        if default.category is not None and default.category == task.category:
            found = default
            break
        if default.category is None and found is None:
            found = default
    if found is None:
        return None
    d = float(task.duration)
    low = d * (1 + float(found.optimistic) / 100)
    return (low, d, d * (1 + float(found.pessimistic) / 100), found.distribution)


def _correlated(
    programme: Programme,
    models: dict[str, Task | Milestone],
    rows_of: dict[str, int],
    findings: list[Finding],
) -> list[tuple[IntArray, float]]:
    """`risk_analysis.correlations` as rows of the estimates, with the normal correlation
    that gives each group's rank correlation."""
    groups = []
    seen: dict[str, int] = {}
    for g, group in enumerate(programme.risk_analysis.correlations):
        path = f"risk_analysis.correlations[{g}]"
        members = []
        for j, ref in enumerate(group.tasks):
            if not isinstance(models.get(ref), Task):
                where = f"{path}.tasks[{j}]"
                findings.append(
                    Finding(
                        "RISK-CORRELATION-UNKNOWN",
                        Severity.ERROR,
                        f"correlation {g + 1} names {ref!r}, not a task in the programme",
                        path=where,
                        location=locate(programme, where),
                        subject=ref,
                    )
                )
            else:
                members.append(ref)
        if group.category is not None:
            members += [
                item.id
                for item in models.values()
                if isinstance(item, Task) and item.category == group.category
            ]
        rows = []
        for ref in dict.fromkeys(members):
            if ref in seen and seen[ref] != g:
                findings.append(
                    Finding(
                        "RISK-CORRELATION-TWICE",
                        Severity.ERROR,
                        f"task {ref!r} is in correlations {seen[ref] + 1} and {g + 1}: a task "
                        "moves with one group at most",
                        path=path,
                        location=locate(programme, path),
                        subject=ref,
                    )
                )
            seen[ref] = g
            if ref in rows_of:
                rows.append(rows_of[ref])
        if len(rows) > 1 and group.coefficient > 0:
            rho = pearson_for_spearman(float(group.coefficient))
            groups.append((np.asarray(rows, dtype=np.int64), rho))
    return groups


def _gather(programme: Programme, plan: Plan) -> _Inputs:
    models: dict[str, Task | Milestone] = {item.id: item for _, _, item in programme.work_items()}
    node_of = {item_id: node for node, item_id in enumerate(plan.ids)}
    est_nodes: list[int] = []
    estimates: list[_Estimate] = []
    planned: list[int] = []
    left: list[float] = []
    cost_base = cost_plan = 0.0
    cost_estimates: list[CostEstimate] = []
    for node, item_id in enumerate(plan.ids):
        item = models[item_id]
        if not isinstance(item, Task):
            continue
        if item.cost_estimate is not None:
            cost_estimates.append(item.cost_estimate)
            cost_plan += float(item.cost_estimate.most_likely)
        elif item.budget is not None:
            cost_base += float(item.budget)
            cost_plan += float(item.budget)
        if plan.finished[node]:
            continue
        estimate = (
            _values(item.estimate)
            if item.estimate is not None
            else _default_estimate(programme, item)
        )
        if estimate is None:
            continue
        est_nodes.append(node)
        estimates.append(estimate)
        planned.append(item.duration)
        left.append(_remaining(item) / item.duration if plan.fixed[node] and item.duration else 1)
    findings: list[Finding] = []
    rows_of = {plan.ids[node]: row for row, node in enumerate(est_nodes)}
    groups = _correlated(programme, models, rows_of, findings)
    events: list[_Event] = []
    cost_events: list[int] = []
    impacts: list[DurationEstimate] = []
    cost_impacts: list[CostEstimate] = []
    for risk, path in _risks(programme):
        if risk.status is not RiskStatus.ACTIVE:
            continue
        if risk.schedule_impact is None and risk.cost_impact is None:
            continue
        nodes: list[int] = []
        for j, ref in enumerate(risk.affects):
            found = node_of.get(ref)
            if found is None or not isinstance(models[ref], Task):
                where = f"{path}.affects[{j}]"
                what = "a milestone, which has no duration" if found is not None else "not a task"
                findings.append(
                    Finding(
                        "RISK-AFFECTS-UNKNOWN",
                        Severity.ERROR,
                        f"risk {risk.id!r} affects {ref!r}, {what} in the programme: "
                        "`affects` lists the ids of the tasks the risk would delay",
                        path=where,
                        location=locate(programme, where),
                        subject=risk.id,
                    )
                )
            elif not plan.finished[found]:
                nodes.append(found)
        likelihood = float(assess_risk(risk, programme.risk_grid).likelihood)
        sign = -1 if risk.kind is RiskKind.OPPORTUNITY else 1
        event = _Event(risk, path, likelihood, sign, nodes)
        events.append(event)
        impacts.append(
            risk.schedule_impact or DurationEstimate(optimistic=0, most_likely=0, pessimistic=0)
        )
        if risk.cost_impact is not None:
            cost_events.append(len(events) - 1)
            cost_impacts.append(risk.cost_impact)
    if findings:
        raise ScheduleError(findings)
    return _Inputs(
        est_nodes=np.asarray(est_nodes, dtype=np.int64),
        est=_three_point(estimates) if estimates else None,
        groups=groups,
        planned=np.asarray(planned, dtype=np.int64),
        left_share=np.asarray(left, dtype=np.float64),
        events=events,
        impact=_three_point(impacts) if impacts else None,
        cost_base=cost_base,
        cost_plan=cost_plan,
        cost_est=_three_point(cost_estimates) if cost_estimates else None,
        cost_events=cost_events,
        cost_impact=_three_point(cost_impacts) if cost_impacts else None,
    )


@dataclass
class _Group:
    """Items whose latest finish is one reported date, split by calendar."""

    by_calendar: list[tuple[int, IntArray]]
    done: int
    """The latest actual finish among finished members, as an ordinal (0: none)."""


class _Engine:
    """One block's durations -> finish dates, through `cpm.forward`."""

    def __init__(self, plan: Plan, inputs: _Inputs) -> None:
        self.plan = plan
        self.inputs = inputs
        self.items = plan.items
        self.started = plan.fixed & ~plan.finished
        est_started = self.started[inputs.est_nodes]
        self.fresh_rows = np.flatnonzero(~est_started)
        self.fresh_nodes = inputs.est_nodes[self.fresh_rows]
        self.est_started_rows = np.flatnonzero(est_started)
        self.event_nodes = np.asarray(
            sorted({n for e in inputs.events for n in e.nodes}), dtype=np.int64
        )
        self.event_row = {int(node): row for row, node in enumerate(self.event_nodes)}
        self.event_fresh = np.flatnonzero(~self.started[self.event_nodes])

    def group(self, members: Sequence[int]) -> _Group:
        plan = self.plan
        nodes = np.asarray(members, dtype=np.int64)
        done = 0
        for node in nodes[plan.finished[nodes]].tolist():
            day = plan.actual_finish.get(node)
            done = max(done, day.toordinal() if day else 0)
        open_nodes = nodes[~plan.finished[nodes]]
        cals = plan.node_calendar[open_nodes]
        by_calendar = [(int(c), open_nodes[cals == c]) for c in np.unique(cals)]
        return _Group(by_calendar, done)

    def durations(
        self, est: NDArray[np.int32] | None, extra: NDArray[np.int32] | None, runs: int
    ) -> tuple[NDArray[Any], IntArray]:
        """Durations (n, runs) and fixed finishes for the block.

        `est`: the drawn durations of the estimated tasks (rows as `est_nodes`); `extra`:
        the working days risks add to each task in `event_nodes`.
        """
        plan = self.plan
        net = plan.network
        dur = np.empty((net.size, runs), dtype=np.int32)
        dur[:] = net.duration[:, None]
        if est is not None:
            dur[self.fresh_nodes] = est[self.fresh_rows]
        if extra is not None and len(self.event_fresh):
            nodes = self.event_nodes[self.event_fresh]
            grown = dur[nodes] + extra[self.event_fresh]
            np.maximum(grown, 0, out=grown)
            dur[nodes] = grown
        finish_v = plan.fixed_finish_v
        if not self.started.any():
            return dur, finish_v
        # started work: its finish moves by the change in the work left and the risk delays
        ins = self.inputs
        moved = np.zeros((net.size, runs), dtype=np.int64)
        if extra is not None:
            moved[self.event_nodes] = extra
        if est is not None and len(self.est_started_rows):
            rows = self.est_started_rows
            change = (est[rows] - ins.planned[rows, None]) * ins.left_share[rows, None]
            moved[ins.est_nodes[rows]] += np.rint(change).astype(np.int64)
        started = self.started[:, None]
        if (started & (moved != 0)).any():
            finish = (plan.fixed_finish_v >> 1)[:, None] + moved
            start = (plan.fixed_start_v >> 1)[:, None]
            finish = np.maximum(finish, start + 1)
            finish_v = np.where(started, 2 * finish, plan.fixed_finish_v[:, None])
            dur = np.where(started, finish - start, dur).astype(np.int32)
        return dur, finish_v

    def run(self, dur: NDArray[Any], finish_v: IntArray) -> Early:
        plan = self.plan
        net = plan.network.with_duration(dur)
        bounds = plan.finish_bounds
        if bounds is None:  # no finish constraint: the plan's start bounds hold in every run
            return forward(
                net,
                plan.floor,
                fixed=plan.fixed,
                fixed_start_v=plan.fixed_start_v,
                fixed_finish_v=finish_v,
                ceiling_v=plan.ceiling_v,
                floor_close=plan.floor_close,
            )
        # each run counts its own duration back from the finish constraints
        return forward(
            net,
            bounds.floor,
            fixed=plan.fixed,
            fixed_start_v=plan.fixed_start_v,
            fixed_finish_v=finish_v,
            ceiling_v=bounds.ceiling_v,
            finish_floor_v=bounds.finish_floor_v,
            finish_ceiling_v=bounds.finish_ceiling_v,
            ceiling_least_v=bounds.ceiling_least_v,
        )

    def shown(self, early: Early, dur: NDArray[Any]) -> NDArray[Any]:
        """The working-day index of each item's finish day, as a plan shows it."""
        items = self.items
        finish_v = early.finish_v[:items]
        shown = finish_v >> 1
        shown -= 1
        point = dur[:items] == 0
        rows = np.flatnonzero(point.any(axis=1))
        if len(rows):  # a milestone shows on the day its side says
            shown[rows] += (finish_v[rows] & 1) * point[rows]
        return shown

    def latest(self, shown: NDArray[Any], group: _Group) -> IntArray:
        """Per iteration, the latest finish day of the group's items, as an ordinal."""
        runs = shown.shape[1]
        out = np.full(runs, group.done, dtype=np.int64)
        for cal, nodes in group.by_calendar:
            calendar = self.plan.calendars[cal]
            out = np.maximum(out, calendar.ordinals(shown[nodes].max(axis=0).astype(np.int64)))
        return out


def _ranks(values: NDArray[Any]) -> FloatArray:
    """Average ranks, from 1 (ties share the mean rank), of an integer array."""
    values = np.asarray(values, dtype=np.int64)
    shifted = values - values.min(initial=0) if len(values) else values
    counts = np.bincount(shifted)
    below = np.cumsum(counts) - counts
    return np.asarray((below + (counts + 1) / 2.0)[shifted], dtype=np.float64)


def _spearman(rows: NDArray[Any], target: NDArray[Any]) -> FloatArray:
    """Spearman rank correlation of each row (whole numbers) with `target` (0 where a row
    is constant).

    Per row, one count of each value and one sum of the target's centred ranks per value
    (two `bincount`s): a value's average rank times that sum, added up, is the rank
    covariance, without ranking the row element by element.
    """
    ry = _ranks(target)
    ry -= ry.mean()
    out = np.zeros(len(rows), dtype=np.float64)
    sy = float(np.sqrt(ry @ ry))
    if sy == 0:
        return out
    middle = (len(ry) + 1) / 2.0
    for i, row in enumerate(rows):
        shifted = row - row.min()
        counts = np.bincount(shifted)
        if len(counts) == 1:
            continue
        sums = np.bincount(shifted, weights=ry, minlength=len(counts))
        rank = np.cumsum(counts) - counts + (counts + 1) / 2.0
        sx = float(np.sqrt(counts @ (rank - middle) ** 2))
        out[i] = float(rank @ sums) / (sx * sy)
    return out


def _wide_crossings(plan: Plan, ins: _Inputs) -> Plan:
    """The plan with cross-calendar tables long enough for the longest durations drawn.

    The plan's tables reach as far as its own durations can; a draw at the pessimistic end
    plus every risk's pessimistic delay could pass their end.
    """
    net = plan.network
    if net.crossing is None:
        return plan
    longest = np.maximum(net.duration, plan.planned_duration)
    if ins.est is not None and len(ins.est_nodes):
        high = np.ceil(ins.est[2]).astype(np.int64)
        longest[ins.est_nodes] = np.maximum(longest[ins.est_nodes], high)
    if ins.impact is not None:
        for k, event in enumerate(ins.events):
            longest[event.nodes] += int(np.ceil(ins.impact[2][k]))
    crossing, tables, other_tables = _crossings(
        plan.calendars,
        plan.node_calendar,
        net.src,
        net.dst,
        net.link,
        net.lag,
        longest,
        plan.floor,
        plan.elapsed_lag,
    )
    network = replace(
        net, crossing=crossing, tables=tuple(tables), other_tables=tuple(other_tables)
    )
    return replace(plan, network=network)


def _block_size(nodes: int, iterations: int) -> int:
    nodes = max(nodes, 1)
    runs = max(_CELLS_PER_BLOCK // nodes, min(_MIN_RUNS, _MAX_CELLS // nodes))
    return max(1, min(iterations, runs))


def risk_analysis(
    programme: Programme,
    *,
    iterations: int = 10_000,
    seed: int | None = None,
    status_date: date | str | None = None,
    calendar: Calendar | WorkingCalendar | None = None,
    tornado: bool = True,
) -> RiskAnalysis:
    """Monte Carlo schedule (and cost) risk analysis of a programme.

    Tasks with an `estimate` take a drawn duration in each iteration; register
    risks with a `schedule_impact` occur with their likelihood and add the drawn
    working days to every task they `affect` (an opportunity takes them off).
    Finished work keeps its actual dates; a started task's estimate applies to
    the share of its work left. `seed` makes the run reproducible (one is drawn
    and recorded when not given); `tornado=False` skips the re-runs that measure
    each risk's effect on the P80 finish (one extra pass per risk).

    Raises `ScheduleError` for a programme that cannot be scheduled or a risk
    that affects an unknown task, `ValueError` for a bad iteration count.
    """
    check_contents(programme)
    if isinstance(iterations, bool) or not isinstance(iterations, int):
        raise TypeError(f"iterations must be a whole number, not {iterations!r}")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be 1 to {MAX_ITERATIONS:,} (got {iterations:,})")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy) % 2**32  # type: ignore[arg-type]
    elif isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number, 0 or more (got {seed!r})")
    day = as_date(status_date, "status_date") or programme.status_date
    try:
        plan = compile_plan(programme, calendar=calendar, status_date=day)
        deterministic = Schedule(plan)
    except ScheduleError:
        raise
    except (OverflowError, ValueError) as error:
        raise out_of_range(str(error)) from None
    inputs = _gather(programme, plan)
    plan = _wide_crossings(plan, inputs)
    engine = _Engine(plan, inputs)
    return _simulate(programme, plan, deterministic, inputs, engine, iterations, seed, tornado)


def _simulate(
    programme: Programme,
    plan: Plan,
    deterministic: Schedule,
    ins: _Inputs,
    engine: _Engine,
    iterations: int,
    seed: int,
    tornado: bool,
) -> RiskAnalysis:
    items = plan.items
    net = plan.network
    rng = np.random.default_rng(seed)
    block = _block_size(net.size, iterations)
    everything = engine.group(range(items))
    projects = [s for s in plan.summaries if s.kind == PROJECT]
    project_groups = [engine.group(s.items) for s in projects]
    milestone_nodes = [n for n in range(items) if plan.kinds[n] == "milestone"]
    deadline_nodes = [
        n for n in range(items) if plan.deadline_dates[n] is not None and not plan.finished[n]
    ]
    single = {n: engine.group([n]) for n in {*milestone_nodes, *deadline_nodes}}
    finish = np.empty(iterations, dtype=np.int32)
    project_finish = np.empty((len(projects), iterations), dtype=np.int32)
    single_finish = {n: np.empty(iterations, dtype=np.int32) for n in single}
    varied = np.asarray(
        sorted({*ins.est_nodes.tolist(), *(n for e in ins.events for n in e.nodes)}),
        dtype=np.int64,
    )
    varied_dur = np.empty((len(varied), iterations), dtype=np.int32)
    critical = np.zeros(items, dtype=np.int64)
    with_schedule = [
        k for k, e in enumerate(ins.events) if e.nodes and e.risk.schedule_impact is not None
    ]
    without = np.empty((len(with_schedule), iterations), dtype=np.int32) if tornado else None
    occurred = np.zeros(len(ins.events), dtype=np.int64)
    cost_on = ins.cost_est is not None or ins.cost_impact is not None
    cost = np.empty(iterations, dtype=np.float64) if cost_on else None
    risk_cost = np.zeros((len(ins.cost_events), iterations)) if cost_on else None
    finished = plan.finished[:items]
    est_draw = None
    if ins.est is not None:
        est_draw = ThreePoint(*ins.est, whole=True, groups=ins.groups)
    impact_draw = ThreePoint(*ins.impact, whole=True) if ins.impact is not None else None
    cost_draw = ThreePoint(*ins.cost_est) if ins.cost_est is not None else None
    cost_impact_draw = ThreePoint(*ins.cost_impact) if ins.cost_impact is not None else None
    likelihood = np.asarray([e.likelihood / 100 for e in ins.events])
    one_calendar = len(plan.calendars) == 1
    for first in range(0, iterations, block):
        runs = min(block, iterations - first)
        at = slice(first, first + runs)
        est = None
        if est_draw is not None:
            est = est_draw.draw(est_draw.uniform(rng, runs))
        extra = None
        contributions: list[NDArray[np.int32]] = []
        happens = np.zeros((0, runs), dtype=bool)
        if impact_draw is not None:
            happens = rng.random((len(ins.events), runs)) < likelihood[:, None]
            occurred += happens.sum(axis=1)
            days = impact_draw.draw(impact_draw.uniform(rng, runs))
            extra = np.zeros((len(engine.event_nodes), runs), dtype=np.int32)
            for k, event in enumerate(ins.events):
                add = np.where(happens[k], event.sign * days[k], 0).astype(np.int32)
                contributions.append(add)
                for node in event.nodes:
                    extra[engine.event_row[node]] += add
        dur, finish_v = engine.durations(est, extra, runs)
        early = engine.run(dur, finish_v)
        shown = engine.shown(early, dur)
        finish[at] = engine.latest(shown, everything)
        for k, group in enumerate(project_groups):
            project_finish[k, at] = engine.latest(shown, group)
        for node, group in single.items():
            single_finish[node][at] = engine.latest(shown, group)
        if len(varied):
            varied_dur[:, at] = dur[varied]
        # criticality: total float against this iteration's programme finish
        ends = finish[at].astype(np.int64)
        kind = early.start_v.dtype
        if one_calendar:
            last = plan.calendars[0].indexes_of(ends, after=True).astype(kind)
            cap = np.broadcast_to(last, dur.shape)
        else:
            caps = np.stack([cal.indexes_of(ends, after=True) for cal in plan.calendars])
            cap = caps.astype(kind)[plan.node_calendar]
        late = backward(net.with_duration(dur), early, cap, fixed=plan.finished | plan.inflexible)
        critical += np.count_nonzero(late.start[:items] <= early.start[:items], axis=1)
        if without is not None:
            for row, k in enumerate(with_schedule):
                without[row, at] = finish[at]
                cols = np.flatnonzero(contributions[k])
                if not len(cols):
                    continue
                assert extra is not None
                less = extra[:, cols]
                for node in ins.events[k].nodes:
                    less[engine.event_row[node]] -= contributions[k][cols]
                part = None if est is None else est[:, cols]
                d2, f2 = engine.durations(part, less, len(cols))
                shown2 = engine.shown(engine.run(d2, f2), d2)
                without[row, first + cols] = engine.latest(shown2, everything)
        if cost is not None and risk_cost is not None:
            total = np.full(runs, ins.cost_base)
            if cost_draw is not None:
                total += cost_draw.draw(cost_draw.uniform(rng, runs)).sum(axis=0)
            if cost_impact_draw is not None:
                pounds = cost_impact_draw.draw(cost_impact_draw.uniform(rng, runs))
                for row, k in enumerate(ins.cost_events):
                    risk_cost[row, at] = np.where(happens[k], ins.events[k].sign * pounds[row], 0.0)
                total += risk_cost[:, at].sum(axis=0)
            cost[at] = total
    critical[finished] = 0

    summary_dates = {item.id: item.early_finish for item in deterministic}
    programme_spread = DateSpread.of(
        programme.id, programme.name, "programme", finish, deterministic.finish
    )
    project_spreads = [
        DateSpread.of(s.id, s.name, "project", project_finish[k], summary_dates.get(s.id))
        for k, s in enumerate(projects)
    ]
    milestone_spreads = [
        DateSpread.of(
            plan.ids[n],
            plan.names[n],
            "milestone",
            single_finish[n],
            summary_dates.get(plan.ids[n]),
        )
        for n in milestone_nodes
    ]
    deadlines = []
    for n in deadline_nodes:
        due = plan.deadline_dates[n]
        assert due is not None
        share = round(100.0 * float(np.mean(single_finish[n] <= due.toordinal())), 2)
        deadlines.append(DeadlineChance(plan.ids[n], plan.names[n], due, share))
    rho = _spearman(varied_dur, finish) if len(varied) else np.zeros(0, dtype=np.float64)
    rho_of = {int(node): round(float(r), 4) for node, r in zip(varied, rho, strict=False)}
    tasks = [
        TaskSensitivity(
            plan.ids[n],
            plan.names[n],
            round(100.0 * float(critical[n]) / iterations, 2),
            rho_of.get(n),
        )
        for n in range(items)
        if plan.kinds[n] == "task"
    ]
    tasks.sort(key=lambda t: (-t.criticality, -abs(t.sensitivity or 0.0)))
    p80 = int(_percentiles(finish)[2])
    calendar0 = plan.calendars[0]
    drivers = []
    cost_p80 = float(_percentiles(cost)[2]) if cost is not None else 0.0
    for k, event in enumerate(ins.events):
        shift = 0
        if without is not None and k in with_schedule:
            other = int(_percentiles(without[with_schedule.index(k)])[2])
            a, b = calendar0.indexes_of(np.asarray([other, p80], dtype=np.int64), after=True)
            shift = int(b - a)
        cost_shift = None
        if cost is not None and risk_cost is not None and k in ins.cost_events:
            rest = cost - risk_cost[ins.cost_events.index(k)]
            cost_shift = _pounds(cost_p80 - float(_percentiles(rest)[2]))
        drivers.append(
            RiskDriver(
                event.risk.id,
                event.risk.title,
                round(event.likelihood, 2),
                round(100.0 * float(occurred[k]) / iterations, 2),
                shift,
                cost_shift,
            )
        )
    drivers.sort(key=lambda d: (-abs(d.p80_finish_days), -abs(d.p80_cost or Decimal(0)), d.id))
    spread = None
    if cost is not None:
        p10, p50, p80c, p90 = (_pounds(float(v)) for v in _percentiles(cost))
        spread = CostSpread(
            p10,
            p50,
            p80c,
            p90,
            _pounds(float(cost.mean())),
            _pounds(ins.cost_plan),
            round(100.0 * float(np.mean(cost <= ins.cost_plan + 0.005)), 2),
        )
    savings, targets = _benefit_timing(programme, plan, projects, project_finish, summary_dates)
    return RiskAnalysis(
        savings=savings,
        targets=targets,
        iterations=iterations,
        seed=seed,
        block=block,
        status_date=plan.status_date,
        finish=programme_spread,
        projects=project_spreads,
        milestones=milestone_spreads,
        deadlines=deadlines,
        tasks=tasks,
        drivers=drivers,
        cost=spread,
        finish_ordinals=finish,
    )


_YEAR_DAYS = 365


def _benefit_timing(
    programme: Programme,
    plan: Plan,
    projects: Sequence[Any],
    project_finish: NDArray[np.int32],
    planned: dict[str, date | None],
) -> tuple[list[SavingsSpread], list[TargetChance]]:
    """Benefits by financial year when each benefit's unrealised profile moves with the
    latest of its enabling projects.

    In each iteration a benefit's delay is the most calendar days by which any project it
    is `enabled_by` finishes after that project's planned finish (none when early: a
    saving is not booked sooner than budgeted). A year's forecast not yet realised (no
    actual recorded) is taken as spread evenly over the year and moved by the delay:
    ``d`` days moves the share ``(d mod 365) / 365`` of it into the year after
    ``d // 365`` years on, the rest into that year.
    """
    from ..forecasting import benefits_realisation
    from ..model import FinancialYear

    realisation = benefits_realisation(programme, status_date=plan.status_date)
    rows = realisation.counted
    if not rows:
        return [], []
    runs = project_finish.shape[1] if project_finish.ndim == 2 else 0
    row_of = {s.id: k for k, s in enumerate(projects)}
    delay_of: dict[str, IntArray] = {}
    for benefit in programme.benefits:
        delay = np.zeros(runs, dtype=np.int64)
        for ref in benefit.enabled_by:
            k = row_of.get(ref)
            when = planned.get(ref)
            if k is not None and when is not None:
                delay = np.maximum(delay, project_finish[k].astype(np.int64) - when.toordinal())
        delay_of[benefit.id] = delay
    first = min(row.year.start_year for row in rows)
    last = max(row.year.start_year for row in rows)
    later_years = max((int(d.max(initial=0)) // _YEAR_DAYS for d in delay_of.values()), default=0)
    width = last - first + 2 + later_years
    amounts = _landed(rows, delay_of, first, width, runs)
    on_plan = np.zeros(width, dtype=np.float64)
    for row in rows:
        on_plan[row.year.start_year - first] += float(row.forecast)
    savings = []
    for k in range(width):
        if not on_plan[k] and not amounts[k].any():
            continue
        p10, p50, p90 = (np.percentile(amounts[k], q, method="inverted_cdf") for q in (10, 50, 90))
        savings.append(
            SavingsSpread(
                str(FinancialYear(first + k)),
                _pounds(float(on_plan[k])),
                _pounds(float(p10)),
                _pounds(float(p50)),
                _pounds(float(p90)),
                _pounds(float(amounts[k].mean())),
            )
        )
    cashable = [row for row in rows if row.category == "cashable"]
    cashable_amounts = _landed(cashable, delay_of, first, width, runs)
    chances = []
    for target in programme.all_savings_targets():
        counted, landed = (cashable, cashable_amounts) if target.cashable else (rows, amounts)
        inside = np.zeros(runs, dtype=np.float64)
        for year in target.years:
            if 0 <= year.start_year - first < width:
                inside += landed[year.start_year - first]
        plan_total = sum(float(row.forecast) for row in counted if row.year in target.years)
        share = round(100.0 * float(np.mean(inside >= float(target.amount) - 0.005)), 2)
        chances.append(
            TargetChance(target.name, str(target.years), target.amount, _pounds(plan_total), share)
        )
    return savings, chances


def _landed(
    rows: Sequence[Any], delay_of: dict[str, IntArray], first: int, width: int, runs: int
) -> FloatArray:
    """(years, runs): where each row's benefit lands in each iteration (see
    `_benefit_timing`)."""
    amounts = np.zeros((width, runs), dtype=np.float64)
    every = np.arange(runs)
    for row in rows:
        at = row.year.start_year - first
        value = float(row.forecast)
        delay = delay_of.get(row.benefit)
        if row.actual is not None or delay is None or not delay.any():
            amounts[at] += value
            continue
        whole, rest = np.divmod(delay, _YEAR_DAYS)
        later = rest / _YEAR_DAYS
        np.add.at(amounts, (at + whole, every), value * (1 - later))
        np.add.at(amounts, (at + whole + 1, every), value * later)
    return amounts


def _pounds(value: float) -> Decimal:
    return Decimal(round(value))
