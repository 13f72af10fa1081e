"""Three-point estimates: uncertainty in a task's duration or cost, or a risk's impact.

Pure data, used by the Monte Carlo risk analysis (`progman.risk_analysis`). An estimate
gives the optimistic, most likely and pessimistic values and the distribution to draw
from between them: PERT-beta (the default), triangular or uniform (which ignores the
most likely value).

>>> DurationEstimate(optimistic=8, most_likely=10, pessimistic=15)
DurationEstimate(optimistic=8, most_likely=10, pessimistic=15)
>>> DurationEstimate(optimistic=12, most_likely=10, pessimistic=15)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for DurationEstimate
  Value error, optimistic 12 > most likely 10: a three-point estimate needs \
optimistic <= most likely <= pessimistic [type=value_error, input_value=..., input_type=dict]
    ...
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, model_validator

from .common import Model, Money, Percent, Ref, StrEnum, Text, WorkingDays

__all__ = [
    "CostEstimate",
    "Distribution",
    "DurationEstimate",
    "DurationUncertainty",
    "RiskAnalysisSettings",
    "TaskCorrelation",
]


class Distribution(StrEnum):
    """The distribution a three-point estimate is drawn from."""

    PERT = "pert"
    """PERT-beta: mean (o + 4m + p) / 6, weighted towards the most likely value."""
    TRIANGULAR = "triangular"
    """Triangular with mode at the most likely value: mean (o + m + p) / 3."""
    UNIFORM = "uniform"
    """Every value between optimistic and pessimistic equally likely."""


def _ordered(estimate: DurationEstimate | CostEstimate) -> None:
    o, m, p = estimate.optimistic, estimate.most_likely, estimate.pessimistic
    if o > m:
        raise ValueError(
            f"optimistic {o} > most likely {m}: a three-point estimate needs "
            "optimistic <= most likely <= pessimistic"
        )
    if m > p:
        raise ValueError(
            f"most likely {m} > pessimistic {p}: a three-point estimate needs "
            "optimistic <= most likely <= pessimistic"
        )


class DurationEstimate(Model):
    """A three-point estimate in working days (a task's duration or a risk's delay)."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    optimistic: WorkingDays
    """The shortest credible value (P0 for PERT and triangular)."""
    most_likely: WorkingDays
    """The mode: the value the plan would use."""
    pessimistic: WorkingDays
    """The longest credible value."""
    distribution: Distribution = Distribution.PERT
    """PERT (default), triangular or uniform."""

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        _ordered(self)
        return self


class CostEstimate(Model):
    """A three-point estimate in pounds (a task's cost or a risk's cost impact)."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    optimistic: Money
    """The lowest credible cost."""
    most_likely: Money
    """The mode."""
    pessimistic: Money
    """The highest credible cost."""
    distribution: Distribution = Distribution.PERT
    """PERT (default), triangular or uniform."""

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        _ordered(self)
        return self


class DurationUncertainty(Model):
    """A programme-wide three-point estimate for tasks of a category, as percentages of each
    task's planned duration: ``{category: procurement, optimistic: -10, pessimistic: 40}``
    gives a 20-day procurement task 18 / 20 / 28 working days. A task's own `estimate`
    wins; without `category` it applies to every task no other default covers.

    >>> DurationUncertainty(category="procurement", optimistic=-10, pessimistic=40)
    DurationUncertainty(category='procurement', optimistic=Decimal('-10'), \
pessimistic=Decimal('40'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    category: Text | None = None
    """The tasks' `category` it applies to (none: every task without a closer default)."""
    optimistic: Decimal = Field(ge=-100, le=0)
    """Per cent off the planned duration at best (0 or less)."""
    pessimistic: Decimal = Field(ge=0, le=1000)
    """Per cent on the planned duration at worst (0 or more)."""
    distribution: Distribution = Distribution.PERT
    """PERT (default), triangular or uniform."""


class TaskCorrelation(Model):
    """Tasks whose durations move together (all the IT work, say): every pair of them has
    the given rank (Spearman) correlation in the risk analysis.

    >>> TaskCorrelation(category="it", coefficient="0.8").coefficient
    Decimal('0.8')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    tasks: list[Ref] = Field(default_factory=list)
    """The tasks, by id."""
    category: Text | None = None
    """Or every task of this category (with `tasks`, both)."""
    coefficient: Decimal = Field(ge=0, le=1)
    """Spearman rank correlation between any two of them: 0 independent, 1 in lockstep."""

    @model_validator(mode="after")
    def _names_some(self) -> Self:
        if not self.tasks and self.category is None:
            raise ValueError("a correlation names its `tasks`, a `category`, or both")
        return self


class RiskAnalysisSettings(Model):
    """Programme-wide uncertainty for the risk analysis, and the milestone confidence rule.

    >>> RiskAnalysisSettings().deadline_confidence is None
    True
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    uncertainty: list[DurationUncertainty] = Field(default_factory=list)
    """Three-point estimates by category for tasks without their own."""
    correlations: list[TaskCorrelation] = Field(default_factory=list)
    """Groups of tasks whose durations move together (a task in one group at most)."""
    deadline_confidence: Percent | None = None
    """Turns on `PG-DEADLINE-CONFIDENCE`: work whose chance of meeting its
    `must_finish_by` is below this per cent is a warning (`check` then runs the
    simulation)."""
    iterations: int = Field(default=2000, ge=100, le=100_000)
    """Iterations the rule's simulation runs."""
    seed: int = Field(default=1, ge=0)
    """The rule's seed: `check` gives the same answer every time."""
