"""Baselines: approved snapshots of dates, costs, risks and benefit profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from .common import Amount, Date, FinancialYear, Id, Model, Money, Ref, Text, Whole

__all__ = ["Baseline", "BaselineBenefit", "BaselineItem", "BaselineRisk"]


class BaselineItem(Model):
    """A task, milestone, stage or project as it stood in the baseline."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Ref
    """The item's id."""
    start: Date | None = None
    """Baselined start."""
    finish: Date | None = None
    """Baselined finish."""
    budget: Money | None = None
    """Baselined cost."""


class BaselineRisk(Model):
    """A risk as it stood in the baseline."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Ref
    """The risk's id."""
    score: Whole = Field(ge=1)
    """Its probability x impact score then."""
    active: bool = True
    """Whether it was live then."""


class BaselineBenefit(Model):
    """A benefit's planned values by financial year as they stood in the baseline."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Ref
    """The benefit's id."""
    planned: dict[str, Amount] = Field(default_factory=dict)
    """Planned value per financial year label, e.g. {'2012/13': 1400000}."""

    @field_validator("planned")
    @classmethod
    def _year_labels(cls, planned: dict[str, Amount]) -> dict[str, Amount]:
        return {FinancialYear.parse(label).label: value for label, value in planned.items()}


class Baseline(Model):
    """An approved snapshot — "Cabinet approval 2012-10" — that progress is measured against.

    >>> Baseline(id="cabinet-2012-10", name="Cabinet approval 2012-10", date="2012-10-15",
    ...          items=[{"id": "portal-build", "start": "2012-10-01", "finish": "2012-11-23"}])
    Baseline(id='cabinet-2012-10', name='Cabinet approval 2012-10', \
date=datetime.date(2012, 10, 15), items=[BaselineItem(id='portal-build', \
start=datetime.date(2012, 10, 1), finish=datetime.date(2012, 11, 23))])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id."""
    name: Text
    """What the baseline is, e.g. 'Cabinet approval 2012-10'."""
    date: Date
    """When it was taken."""
    approval: Ref | None = None
    """The approval that made it the baseline."""
    items: list[BaselineItem] = Field(default_factory=list)
    """Dates and costs of tasks, milestones, stages and projects."""
    risks: list[BaselineRisk] = Field(default_factory=list)
    """Risks and their scores."""
    benefits: list[BaselineBenefit] = Field(default_factory=list)
    """Benefit profiles by financial year."""
