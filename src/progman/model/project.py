"""PRINCE2 projects: the project board, management stages, tasks and milestones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, field_validator, model_validator

from .common import (
    Date,
    Id,
    Lag,
    Model,
    Money,
    Percent,
    Ref,
    StrEnum,
    Text,
    WorkingDays,
    unique_by,
)
from .estimate import CostEstimate, DurationEstimate
from .governance import Tolerance
from .issue import Issue
from .lesson import Lesson, ProjectClosure
from .risk import Risk

__all__ = [
    "BusinessCase",
    "BusinessCaseStatus",
    "Dependency",
    "DependencyScope",
    "LinkType",
    "Milestone",
    "Project",
    "ProjectStatus",
    "Stage",
    "StageKind",
    "StageStatus",
    "Task",
    "WorkItem",
    "WorkPackage",
]


class LinkType(StrEnum):
    """How a dependency ties two items' dates, as in Microsoft Project."""

    FS = "FS"
    """Finish-to-start: the successor starts after the predecessor finishes."""
    SS = "SS"
    """Start-to-start: the successor starts no earlier than the predecessor starts."""
    FF = "FF"
    """Finish-to-finish: the successor finishes no earlier than the predecessor finishes."""
    SF = "SF"
    """Start-to-finish: the successor finishes no earlier than the predecessor starts."""


class DependencyScope(StrEnum):
    """Where the predecessor lives."""

    INTERNAL = "internal"
    INTER_PROGRAMME = "inter_programme"
    EXTERNAL = "external"


class Dependency(Model):
    """A link from a predecessor (`on`) to the item that holds it.

    Written in YAML either as a bare id (`- ict-transfer`, meaning FS with no
    lag) or as a mapping (`- {on: ict-transfer, type: SS, lag: 2}`).

    >>> Dependency.model_validate("ict-transfer")
    Dependency(on='ict-transfer')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    on: Ref
    """Id of the predecessor: a task, milestone, stage or project."""
    type: LinkType = LinkType.FS
    """FS, SS, FF or SF."""
    lag: Lag = 0
    """Working days between the linked dates; negative for a lead (overlap)."""
    elapsed_lag: bool = False
    """The lag counts calendar days round the clock, weekends and holidays included
    (Microsoft Project's elapsed lag, `2ed`: concrete curing), not working days."""
    scope: DependencyScope = DependencyScope.INTERNAL
    """Internal to the programme, on another programme, or outside both."""
    owner: Ref | None = None
    """Who manages an external dependency on our side."""
    counterpart: str | None = None
    """Who answers for an external dependency on the other side."""
    note: str | None = None
    """Why the link exists."""

    @model_validator(mode="before")
    @classmethod
    def _bare_id(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"on": data}
        return data


class WorkItem(Model):
    """What tasks and milestones share: identity, links and date constraints."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """What the work is."""
    depends_on: list[Dependency] = Field(default_factory=list)
    """Predecessors of this item."""
    owner: Ref | None = None
    """Who answers for it (the team manager of a work package)."""
    start_no_earlier_than: Date | None = None
    """Constraint: do not start before this date."""
    start_no_later_than: Date | None = None
    """Constraint: start on or before this date, even where the links would start it later
    (Microsoft Project's start-no-later-than, honoured as MS Project honours constraint dates;
    the conflict shows as negative float). With `start_no_earlier_than` on the same date, it
    is MS Project's must-start-on."""
    finish_no_earlier_than: Date | None = None
    """Constraint: do not finish before this date (Microsoft Project's finish-no-earlier-than):
    a task starts no earlier than the day that finishes it then, a milestone sits no earlier
    than the close of the day."""
    finish_no_later_than: Date | None = None
    """Constraint: finish on or before this date, even where the links would finish it later
    (Microsoft Project's finish-no-later-than; unlike `must_finish_by`, it moves the item).
    With `finish_no_earlier_than` on the same date, it is must-finish-on."""
    must_finish_by: Date | None = None
    """Deadline: finishing later shows as negative float and a finding."""
    as_late_as_possible: bool = False
    """Schedule on the late dates instead of the early ones."""
    notes: str | None = None
    """Anything else worth saying."""

    @field_validator("depends_on")
    @classmethod
    def _no_self_link(cls, links: list[Dependency], info: Any) -> list[Dependency]:
        own = info.data.get("id")
        for link in links:
            if link.on == own:
                raise ValueError(f"{own!r} cannot depend on itself")
        return links


class Task(WorkItem):
    """A task or PRINCE2 work package with a duration in working days.

    >>> Task(id="ict-transfer", name="Transfer ICT to Delt", duration=15,
    ...      depends_on=["delt-contract"])
    Task(id='ict-transfer', name='Transfer ICT to Delt', \
depends_on=[Dependency(on='delt-contract')], duration=15)
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    duration: WorkingDays
    """Working days of work (0 makes it behave as a milestone)."""
    actual_start: Date | None = None
    """When work actually started; fixes the start."""
    actual_finish: Date | None = None
    """When work actually finished; fixes the finish."""
    percent_complete: Percent | None = None
    """Progress reported at the last status date."""
    remaining_duration: WorkingDays | None = None
    """Working days still to do on a started task."""
    budget: Money | None = None
    """Planned cost (budget at completion)."""
    actual_cost: Money | None = None
    """Cost to date."""
    tolerances: list[Tolerance] = Field(default_factory=list)
    """Work-package tolerances set by the project manager."""
    estimate: DurationEstimate | None = None
    """Three-point duration estimate for risk analysis; the plan still uses `duration`."""
    cost_estimate: CostEstimate | None = None
    """Three-point cost estimate for risk analysis."""
    category: Text | None = None
    """A kind of work (`procurement`, `it`): what programme-wide uncertainty defaults and
    correlations in the risk analysis name (`Programme.risk_analysis`)."""
    calendar: Ref | None = None
    """The calendar the task works to, by id (its project's otherwise): concrete curing, which
    goes on every day, names a calendar working all seven days (Microsoft Project's elapsed
    duration)."""

    @model_validator(mode="after")
    def _progress_consistent(self) -> Self:
        if self.actual_finish is not None:
            if self.actual_start is None:
                raise ValueError("an actual finish needs an actual start")
            if self.actual_finish < self.actual_start:
                raise ValueError(
                    f"the actual finish ({self.actual_finish}) is before the actual start "
                    f"({self.actual_start})"
                )
        unique_by(self.tolerances, "aspect", "the tolerance for")
        return self

    @property
    def started(self) -> bool:
        """True once the task has an actual start."""
        return self.actual_start is not None

    @property
    def finished(self) -> bool:
        """True once the task has an actual finish."""
        return self.actual_finish is not None


WorkPackage = Task
"""PRINCE2's work package is a task handed to a team manager: the same object."""


class Milestone(WorkItem):
    """A zero-duration event: a decision, a go-live, a report due to HM Treasury.

    >>> Milestone(id="report-to-hmt", name="Final report to HM Treasury",
    ...           must_finish_by="2010-02-05")
    Milestone(id='report-to-hmt', name='Final report to HM Treasury', \
must_finish_by=datetime.date(2010, 2, 5))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    achieved_on: Date | None = None
    """When the milestone was actually reached."""

    @property
    def duration(self) -> int:
        """Always 0: a milestone takes no time."""
        return 0


class StageKind(StrEnum):
    """PRINCE2's two kinds of management stage."""

    INITIATION = "initiation"
    DELIVERY = "delivery"


class StageStatus(StrEnum):
    """Where a management stage is in its life."""

    PLANNED = "planned"
    AUTHORISED = "authorised"
    ACTIVE = "active"
    IN_EXCEPTION = "in_exception"
    COMPLETE = "complete"


class Stage(Model):
    """A PRINCE2 management stage, authorised and closed by the project board.

    >>> Stage(id="initiation", name="Initiation", kind="initiation",
    ...       start="2013-01-07", finish="2013-02-15")
    Stage(id='initiation', name='Initiation', kind='initiation', \
start=datetime.date(2013, 1, 7), finish=datetime.date(2013, 2, 15))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The stage's name."""
    kind: StageKind = StageKind.DELIVERY
    """Initiation or delivery."""
    start: Date | None = None
    """Planned start."""
    finish: Date | None = None
    """Planned finish."""
    budget: Money | None = None
    """Stage budget."""
    tolerances: list[Tolerance] = Field(default_factory=list)
    """Stage tolerances set by the project board."""
    status: StageStatus = StageStatus.PLANNED
    """Planned, authorised, active, in exception or complete."""
    authorisation: Ref | None = None
    """The approval that authorised the stage."""
    end_stage_approval: Ref | None = None
    """The approval of the end-stage assessment that lets the next stage start."""
    tasks: list[Task] = Field(default_factory=list)
    """The stage's tasks and work packages."""
    milestones: list[Milestone] = Field(default_factory=list)
    """The stage's milestones."""

    @model_validator(mode="after")
    def _local_checks(self) -> Self:
        if self.start and self.finish and self.finish < self.start:
            raise ValueError(f"the stage finishes ({self.finish}) before it starts ({self.start})")
        unique_by(self.tolerances, "aspect", "the tolerance for")
        return self


class ProjectStatus(StrEnum):
    """Where a project is in its life; `transferred_to_bau` is 'moved to business as usual'."""

    MANDATED = "mandated"
    INITIATING = "initiating"
    DELIVERING = "delivering"
    IN_EXCEPTION = "in_exception"
    CLOSED = "closed"
    CLOSED_PREMATURELY = "closed_prematurely"
    TRANSFERRED_TO_BAU = "transferred_to_bau"


class BusinessCaseStatus(StrEnum):
    """How far the business case has been developed."""

    NONE = "none"
    OUTLINE = "outline"
    DETAILED = "detailed"
    FULL = "full"


class BusinessCase(Model):
    """The project's business case: its stage of development and its approval."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    status: BusinessCaseStatus = BusinessCaseStatus.OUTLINE
    """Outline, detailed or full."""
    approval: Ref | None = None
    """The approval of the business case."""
    owner: Ref | None = None
    """Who owns it (normally the Executive)."""
    summary: str | None = None
    """The case in a sentence."""


class Project(Model):
    """A PRINCE2 project in the programme, with its board, stages and plan.

    >>> Project(id="ict-delt", name="ICT-Delt migration", executive="dtrussler",
    ...         project_manager="pnewton", tranche="t1")
    Project(id='ict-delt', name='ICT-Delt migration', executive='dtrussler', \
project_manager='pnewton', tranche='t1')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The project's name."""
    description: str | None = None
    """What it will deliver."""
    executive: Ref | None = None
    """The Executive: owns the business case (exactly one)."""
    senior_users: list[Ref] = Field(default_factory=list)
    """Senior User(s): speak for those who will use the outputs."""
    senior_suppliers: list[Ref] = Field(default_factory=list)
    """Senior Supplier(s): speak for those who deliver."""
    project_manager: Ref | None = None
    """Runs the project day to day."""
    assurance: list[Ref] = Field(default_factory=list)
    """Project Assurance: reports to the board, never to the project manager."""
    change_authority: Ref | None = None
    """Who may decide changes on the board's behalf."""
    tranche: Ref | None = None
    """The tranche the project delivers in."""
    status: ProjectStatus = ProjectStatus.MANDATED
    """Where the project is in its life."""
    business_case: BusinessCase | None = None
    """The business case and its approval."""
    objectives: list[str] = Field(default_factory=list)
    """What the project is for."""
    enabler: str | None = None
    """Why the project contributes to no outcome or benefit of its own (an enabling
    project, e.g. ICT infrastructure others build on): the benefits map accepts it."""
    start: Date | None = None
    """Planned start; the scheduler starts the plan here."""
    finish: Date | None = None
    """Planned finish."""
    budget: Money | None = None
    """Budget at completion."""
    change_budget: Money | None = None
    """Money set aside for approved changes."""
    risk_budget: Money | None = None
    """Money set aside for risk responses."""
    tolerances: list[Tolerance] = Field(default_factory=list)
    """Project tolerances set by the programme (the business layer)."""
    calendar: Ref | None = None
    """The calendar the project works to (the programme's default otherwise)."""
    depends_on: list[Dependency] = Field(default_factory=list)
    """Whole-project predecessors ("ICT transfer must finish before the HR review starts")."""
    stages: list[Stage] = Field(default_factory=list)
    """Management stages, in order."""
    tasks: list[Task] = Field(default_factory=list)
    """Tasks not held in a stage (small projects need no stages)."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Milestones not held in a stage."""
    risks: list[Risk] = Field(default_factory=list)
    """The project's risk register."""
    issues: list[Issue] = Field(default_factory=list)
    """The project's issue register."""
    lessons: list[Lesson] = Field(default_factory=list)
    """The project's lessons log."""
    closure: ProjectClosure | None = None
    """What closing the project recorded: acceptance, benefits review plan, lessons report."""

    @model_validator(mode="after")
    def _local_checks(self) -> Self:
        if self.start and self.finish and self.finish < self.start:
            raise ValueError(
                f"the project finishes ({self.finish}) before it starts ({self.start})"
            )
        unique_by(self.tolerances, "aspect", "the tolerance for")
        return self

    def work_items(self) -> Iterator[tuple[Stage | None, Task | Milestone]]:
        """Every task and milestone with the stage that holds it (None for project level)."""
        items: list[Task | Milestone] = [*self.tasks, *self.milestones]
        for item in items:
            yield None, item
        for stage in self.stages:
            staged: list[Task | Milestone] = [*stage.tasks, *stage.milestones]
            for item in staged:
                yield stage, item
