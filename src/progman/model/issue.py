"""Issues: requests for change, off-specifications and problems or concerns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, model_validator

from .common import Amount, Date, Id, Level, Model, Ref, StrEnum, Text
from .governance import ToleranceAspect

__all__ = [
    "ImpactAssessment",
    "Issue",
    "IssueDecision",
    "IssuePriority",
    "IssueStatus",
    "IssueType",
]


class IssueType(StrEnum):
    """PRINCE2's three types of issue."""

    REQUEST_FOR_CHANGE = "request_for_change"
    OFF_SPECIFICATION = "off_specification"
    PROBLEM_CONCERN = "problem_concern"


class IssuePriority(StrEnum):
    """How urgent the issue is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class IssueStatus(StrEnum):
    """Where the issue is in its handling."""

    CAPTURED = "captured"
    EXAMINED = "examined"
    PROPOSED = "proposed"
    DECIDED = "decided"
    IMPLEMENTED = "implemented"
    CLOSED = "closed"


class IssueDecision(StrEnum):
    """What was decided about the issue."""

    APPROVED = "approved"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    ESCALATED = "escalated"
    CONCESSION = "concession"


class ImpactAssessment(Model):
    """What a request for change or off-specification would do to the current baseline
    (PRINCE2 issue and change control: examine, then propose).

    `progman.control.assess_change` computes time, cost and benefit from the forecasts of
    the programme before and after the change.

    >>> ImpactAssessment(time=5, cost="30k", baseline="cabinet-2012-10")
    ImpactAssessment(time=5, cost=Decimal('30000'), baseline='cabinet-2012-10')
    """

    time: int | None = None
    """Working days the change moves the forecast finish (negative: earlier)."""
    cost: Amount | None = None
    """Change in the forecast cost at completion, in pounds; what an approval spends from
    the change budget."""
    benefit: Amount | None = None
    """Change in the forecast net benefits, in pounds (negative: fewer)."""
    risk: str | None = None
    """The effect on risk, in words."""
    baseline: Ref | None = None
    """The baseline assessed against."""
    assessed_by: Ref | None = None
    """Who assessed it."""
    assessed_on: Date | None = None
    """When."""


class Issue(Model):
    """Something that has happened and needs managing (a risk that has occurred,
    a request for change, an off-specification).

    >>> Issue(id="I-3", title="Portal go-live delayed by IT", type="request for change")
    Issue(id='I-3', title='Portal go-live delayed by IT', type='request_for_change')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    title: Text
    """The issue in a line."""
    type: IssueType = IssueType.PROBLEM_CONCERN
    """Request for change, off-specification or problem/concern."""
    description: str | None = None
    """What happened and what it affects."""
    raised_by: Ref | None = None
    """Who raised it."""
    raised_on: Date | None = None
    """When it was raised."""
    owner: Ref | None = None
    """Who manages it."""
    priority: IssuePriority = IssuePriority.MEDIUM
    """How urgent it is."""
    severity: Level = Level.PROJECT
    """The level that may decide it (project manager = work_package, board = project, ...)."""
    impact: list[ToleranceAspect] = Field(default_factory=list)
    """Which tolerance aspects it affects."""
    status: IssueStatus = IssueStatus.CAPTURED
    """Where it is in its handling."""
    decision: IssueDecision | None = None
    """What was decided."""
    decided_by: Ref | None = None
    """Who decided."""
    decided_on: Date | None = None
    """When it was decided."""
    impact_assessment: ImpactAssessment | None = None
    """For a request for change or off-specification: its effect on the baseline."""
    handed_over_to: Ref | None = None
    """Who took the issue on when its project closed (a person or board): PRINCE2's
    follow-on action."""

    @model_validator(mode="after")
    def _decision_consistent(self) -> Self:
        if self.raised_on and self.decided_on and self.decided_on < self.raised_on:
            raise ValueError(
                f"the issue is decided ({self.decided_on}) before it was raised ({self.raised_on})"
            )
        return self

    @property
    def open(self) -> bool:
        """True until the issue is closed."""
        return self.status is not IssueStatus.CLOSED
