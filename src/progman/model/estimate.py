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

from typing import TYPE_CHECKING, Any, Self

from pydantic import model_validator

from .common import Model, Money, StrEnum, WorkingDays

__all__ = ["CostEstimate", "Distribution", "DurationEstimate"]


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
