"""People, boards and stakeholders, and the roles people hold."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, model_validator

from .common import Date, Id, Model, Ref, StrEnum, Text, Whole

__all__ = ["Board", "BoardLevel", "Person", "Role", "RoleAssignment", "Stakeholder"]


class Role(StrEnum):
    """Roles in MSP and PRINCE2, plus the council roles that take decisions."""

    SRO = "sro"
    PROGRAMME_MANAGER = "programme_manager"
    BUSINESS_CHANGE_MANAGER = "business_change_manager"
    PROGRAMME_OFFICE = "programme_office"
    SPONSORING_GROUP = "sponsoring_group"
    STRAND_LEAD = "strand_lead"
    EXECUTIVE = "executive"
    SENIOR_USER = "senior_user"
    SENIOR_SUPPLIER = "senior_supplier"
    PROJECT_MANAGER = "project_manager"
    PROJECT_ASSURANCE = "project_assurance"
    PROJECT_SUPPORT = "project_support"
    TEAM_MANAGER = "team_manager"
    CHANGE_AUTHORITY = "change_authority"
    BENEFIT_OWNER = "benefit_owner"
    LEADER = "leader"
    CHIEF_EXECUTIVE = "chief_executive"
    CABINET_MEMBER = "cabinet_member"


class Person(Model):
    """Someone who holds a role, owns a risk or benefit, or signs something off.

    >>> Person(id="gtolley", name="Gail Tolley", title="Corporate Director")
    Person(id='gtolley', name='Gail Tolley', title='Corporate Director')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id used wherever the person is referenced."""
    name: Text
    """Full name."""
    title: str | None = None
    """Job title, e.g. 'Assistant Director of Business Transformation'."""
    organisation: str | None = None
    """Employing body where it is not the council itself (a partner, a supplier)."""
    email: str | None = None
    """Contact address."""


class BoardLevel(StrEnum):
    """The levels whose findings a board hears, lowest first."""

    PROJECT = "project"
    STRAND = "strand"
    PROGRAMME = "programme"
    TRANCHE = "tranche"
    CORPORATE = "corporate"


class Board(Model):
    """A decision-making group: programme board, strand board, Cabinet, sponsoring group.

    `serves` and `parent` give the programme's escalation structure: a finding
    for a level goes to the board serving it (a strand's own board for its
    strand and projects), and each board reports to its parent.

    >>> Board(id="otp-ops-board", name="OTP Operations Board", serves=["programme"],
    ...       parent="otp-board")
    Board(id='otp-ops-board', name='OTP Operations Board', parent='otp-board', \
serves=['programme'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, e.g. 'otp-board'."""
    name: Text
    """The board's name as the council writes it."""
    chair: Ref | None = None
    """Person who chairs the board."""
    members: list[Ref] = Field(default_factory=list)
    """People on the board."""
    parent: Ref | None = None
    """The board this one reports to (a strand board -> the programme board)."""
    serves: list[BoardLevel] = Field(default_factory=list)
    """Levels whose findings it hears: project, strand, programme, tranche, corporate."""


class RoleAssignment(Model):
    """A person holding a role, optionally for one project/strand and for a period.

    Roles written on the objects themselves (a project's `executive`) need no
    assignment; assignments record the rest and the dates roles changed hands.
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    role: Role
    """The role held."""
    person: Ref
    """Who holds it."""
    scope: Ref | None = None
    """The programme, strand or project the role is held for (the whole programme if unset)."""
    start: Date | None = None
    """First day the role is held."""
    end: Date | None = None
    """Last day the role is held."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"the role ends ({self.end}) before it starts ({self.start})")
        return self


class Stakeholder(Model):
    """A person or group with an interest in the programme (a partner, a union, residents)."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id."""
    name: Text
    """Who they are."""
    interest: Whole | None = Field(default=None, ge=1, le=5)
    """Interest in the programme, 1 (low) to 5 (high)."""
    influence: Whole | None = Field(default=None, ge=1, le=5)
    """Influence over the programme, 1 (low) to 5 (high)."""
    owner: Ref | None = None
    """Person responsible for engaging them."""
    engagement: str | None = None
    """How they are engaged (workshops, briefings, consultation)."""
