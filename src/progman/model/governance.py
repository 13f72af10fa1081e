"""Tolerances, standing authority, delegation of authority and approvals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import Field, model_validator

from .common import Amount, Date, Id, Model, Money, Ref, StrEnum

__all__ = [
    "Approval",
    "Authority",
    "DecisionOutcome",
    "DecisionType",
    "Delegation",
    "Reservation",
    "Tolerance",
    "ToleranceAspect",
    "ToleranceUnit",
    "tolerance_for",
]


class ToleranceAspect(StrEnum):
    """The aspects a tolerance can be set on (PRINCE2 7 adds sustainability)."""

    TIME = "time"
    COST = "cost"
    SCOPE = "scope"
    QUALITY = "quality"
    BENEFITS = "benefits"
    RISK = "risk"
    SUSTAINABILITY = "sustainability"


class ToleranceUnit(StrEnum):
    """How a tolerance's plus and minus are expressed."""

    PERCENT = "percent"
    """A percentage of the plan (cost +10% of budget)."""
    ABSOLUTE = "absolute"
    """In the aspect's own unit: pounds for cost, working days for time, score for risk."""


class Tolerance(Model):
    """The permissible deviation on one aspect before the level above must be told.

    Tolerances are set by the level above (programme -> project -> stage ->
    work package); a forecast beyond them is an exception and escalates.

    >>> Tolerance(aspect="cost", plus=10, minus=5)
    Tolerance(aspect='cost', plus=Decimal('10'), minus=Decimal('5'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    aspect: ToleranceAspect
    """Which aspect: time, cost, scope, quality, benefits, risk or sustainability."""
    plus: Annotated[Amount, Field(ge=0)] | None = None
    """How far over plan is tolerated (e.g. 10 for +10%)."""
    minus: Annotated[Amount, Field(ge=0)] | None = None
    """How far under plan is tolerated."""
    unit: ToleranceUnit = ToleranceUnit.PERCENT
    """Whether plus/minus are percentages of plan or absolute amounts."""
    description: str | None = None
    """For scope and quality, the tolerance in words."""
    set_by: Ref | None = None
    """The person or board that set it."""

    @model_validator(mode="after")
    def _something_set(self) -> Self:
        if self.plus is None and self.minus is None and not self.description:
            raise ValueError(f"a {self.aspect} tolerance needs a plus, a minus or a description")
        return self


class DecisionType(StrEnum):
    """The kinds of decision that authority is held or delegated for."""

    AUTHORISE_INITIATION = "authorise_initiation"
    AUTHORISE_PROJECT = "authorise_project"
    AUTHORISE_STAGE = "authorise_stage"
    END_STAGE_ASSESSMENT = "end_stage_assessment"
    AUTHORISE_EXCEPTION_PLAN = "authorise_exception_plan"
    APPROVE_BUSINESS_CASE = "approve_business_case"
    APPROVE_CHANGE = "approve_change"
    END_OF_TRANCHE = "end_of_tranche"
    CLOSE_PROJECT = "close_project"
    SIGN_OFF = "sign_off"
    SPEND = "spend"
    CONTRACT_AWARD = "contract_award"


class Authority(Model):
    """Standing authority held by a person or board under the council's constitution.

    Delegations pass on part of it; an approval is valid when its approvers
    hold it at the date, directly or through a chain of delegations.
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id."""
    holder: Ref
    """Person or board holding the authority (e.g. the Executive/Cabinet)."""
    decisions: list[DecisionType] = Field(min_length=1)
    """The kinds of decision it covers."""
    limit: Money | None = None
    """Largest value it covers; unset means unlimited."""
    scope: list[Ref] = Field(default_factory=list)
    """What it is limited to: projects, strands or tranches, or named subjects (a report,
    contract, milestone or document id); empty means the whole programme."""


class Delegation(Model):
    """A delegation of authority: "the Executive delegates final sign-off to the
    Leader and the Chief Executive" (jointly).

    >>> Delegation(id="d1", delegator="executive", delegates=["leader", "chief-exec"],
    ...            joint=True, decisions=["sign_off"])
    Delegation(id='d1', delegator='executive', delegates=['leader', 'chief-exec'], \
joint=True, decisions=['sign_off'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, cited by approvals that rely on it."""
    delegator: Ref
    """Person or board delegating."""
    delegates: list[Ref] = Field(min_length=1)
    """Who receives the authority."""
    joint: bool = False
    """True when every delegate must sign together; False when any one may act."""
    decisions: list[DecisionType] = Field(min_length=1)
    """The kinds of decision delegated."""
    limit: Money | None = None
    """Largest value delegated; unset means the delegator's own limit."""
    scope: list[Ref] = Field(default_factory=list)
    """What it is limited to: projects, strands or tranches, or named subjects (a report,
    contract, milestone or document id); empty means all the delegator holds."""
    valid_from: Date | None = None
    """First day it may be relied on."""
    valid_to: Date | None = None
    """Last day it may be relied on."""
    may_sub_delegate: bool = False
    """Whether the delegates may delegate it further."""
    purpose: str | None = None
    """Why, in the words of the decision that made it."""

    @model_validator(mode="after")
    def _local_checks(self) -> Self:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(
                f"the delegation ends ({self.valid_to}) before it starts ({self.valid_from})"
            )
        if self.delegator in self.delegates:
            raise ValueError(f"{self.delegator!r} cannot delegate to themselves")
        if len(set(self.delegates)) != len(self.delegates):
            raise ValueError("a delegate is named twice")
        return self


class Reservation(Model):
    """Decisions a body keeps to itself: only it, or those it delegates to, may take them.

    No role-implied authority (a project's Executive, the SRO) reaches a reserved
    decision, nor standing authority held by anyone else.

    >>> Reservation(body="cbc-executive", decisions=["sign_off"], subjects=["report-to-hmt"])
    Reservation(body='cbc-executive', decisions=['sign_off'], subjects=['report-to-hmt'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    body: Ref
    """The board (or person) the decisions are reserved to, e.g. the council's Executive."""
    decisions: list[DecisionType] = Field(default_factory=list)
    """The decision types reserved; empty means every decision on the subjects."""
    subjects: list[Ref] = Field(default_factory=list)
    """What they are reserved for (a report, contract, milestone, project or document id);
    empty means every subject."""
    note: str | None = None
    """The decision or constitution article reserving them."""

    @model_validator(mode="after")
    def _something_reserved(self) -> Self:
        if not self.decisions and not self.subjects:
            raise ValueError("a reservation names decision types, subjects or both")
        return self


class DecisionOutcome(StrEnum):
    """What a decision decided."""

    APPROVED = "approved"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"


class Approval(Model):
    """A recorded decision: who decided what, when, and under which authority.

    >>> Approval(id="a1", subject="tp-final-report", decision="sign_off",
    ...          approvers=["leader", "chief-exec"], date="2010-02-04")
    Approval(id='a1', subject='tp-final-report', decision='sign_off', \
approvers=['leader', 'chief-exec'], date=datetime.date(2010, 2, 4))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, cited by stages, business cases and tranches."""
    subject: Ref
    """The object decided on (a stage, project, tranche, change request, report)."""
    decision: DecisionType
    """The kind of decision."""
    approvers: list[Ref] = Field(min_length=1)
    """Who decided (several for a joint decision)."""
    date: Date
    """When it was decided."""
    outcome: DecisionOutcome = DecisionOutcome.APPROVED
    """What was decided."""
    value: Money | None = None
    """Money committed by the decision, if any."""
    delegation: Ref | None = None
    """The delegation relied on, where the approvers act under delegated authority."""
    requested_by: Ref | None = None
    """Who asked for the decision (nobody may approve their own request)."""
    key_decision: bool = False
    """A council key decision (recorded in the forward plan)."""
    record: str | None = None
    """Reference of the published written record of the decision, which an officer taking a
    key decision must make (SI 2012/2089 reg 13), e.g. 'ODR-2013-014'."""
    call_in_exempt: bool = False
    """Exempt from scrutiny call-in (urgency)."""
    note: str | None = None
    """Conditions or remarks."""

    @property
    def approved(self) -> bool:
        """True for an approval (with or without conditions)."""
        return self.outcome in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)


def tolerance_for(tolerances: list[Tolerance], aspect: ToleranceAspect) -> Tolerance | None:
    """The tolerance for one aspect in a list, if set."""
    for tolerance in tolerances:
        if tolerance.aspect == aspect:
            return tolerance
    return None
