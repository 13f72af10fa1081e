"""MSP programmes: the programme itself, its tranches and strands, and its settings."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import Field, model_validator

from .baseline import Baseline
from .benefit import Benefit, Capability, Objective, Outcome, SavingsTarget
from .calendar import Calendar
from .common import (
    Date,
    FinancialYear,
    FinancialYears,
    Id,
    Model,
    Money,
    Ref,
    StrEnum,
    Text,
    unique_by,
)
from .estimate import RiskAnalysisSettings
from .governance import Approval, Authority, Delegation, Reservation, Tolerance
from .issue import Issue
from .lesson import Lesson
from .people import Board, Person, RoleAssignment, Stakeholder
from .project import BusinessCaseStatus, Milestone, Project, Stage, Task
from .risk import Risk, RiskGrid

__all__ = [
    "EacMethod",
    "Edition",
    "ForecastSettings",
    "GovernanceSettings",
    "Programme",
    "RiskGrid",
    "RuleSetting",
    "Strand",
    "Suppression",
    "Tranche",
]


class Tranche(Model):
    """A block of projects delivering a step change in capability, closed by an
    end-of-tranche review that gates the next.

    >>> Tranche(id="t1", name="Tranche 1", start="2012-04-01", end="2013-03-31")
    Tranche(id='t1', name='Tranche 1', start=datetime.date(2012, 4, 1), \
end=datetime.date(2013, 3, 31))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The tranche's name."""
    start: Date | None = None
    """Planned start."""
    end: Date | None = None
    """Planned end."""
    capabilities: list[str] = Field(default_factory=list)
    """Capabilities it delivers."""
    end_of_tranche_review: Ref | None = None
    """The approval recording the end-of-tranche review."""
    tolerances: list[Tolerance] = Field(default_factory=list)
    """Tranche tolerances set by the sponsoring group."""

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"the tranche ends ({self.end}) before it starts ({self.start})")
        unique_by(self.tolerances, "aspect", "the tolerance for")
        return self


class Strand(Model):
    """A workstream, as councils call it: a group of projects under a lead and a board.

    >>> Strand(id="public-access", name="Public Access", lead="gtolley", projects=["portal"])
    Strand(id='public-access', name='Public Access', lead='gtolley', projects=['portal'])
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    name: Text
    """The strand's name."""
    lead: Ref | None = None
    """The strand lead."""
    board: Ref | None = None
    """The strand board, where there is one."""
    projects: list[Ref] = Field(default_factory=list)
    """The projects in the strand."""


class Edition(StrEnum):
    """The PRINCE2 edition whose sets (e.g. risk responses) the rules apply."""

    PRINCE2_7 = "7"
    PRINCE2_2017 = "2017"


RuleSetting = Literal["off", "error", "warning", "info"]
"""A rule turned off, or run at a chosen severity."""


class Suppression(Model):
    """A finding deliberately accepted for one object, with the reason recorded."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    rule: Text
    """The rule id, e.g. 'PG-OWNER-RISK'."""
    target: Ref
    """The object whose finding is suppressed."""
    reason: Text
    """Why (recorded so the decision can be audited)."""
    by: Ref | None = None
    """Who accepted it."""


class GovernanceSettings(Model):
    """How the programme configures the governance rules."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    """Rules turned off or given another severity, by rule id."""
    suppress: list[Suppression] = Field(default_factory=list)
    """Findings accepted for single objects."""
    warning_fraction: Decimal = Field(default=Decimal("0.8"), gt=0, le=1)
    """Share of a tolerance used up at which a warning is given."""
    key_decision_threshold: Money | None = None
    """Value at or above which a decision is a council key decision."""
    benefit_timing: Literal["tranche", "tranche_and_projects"] = "tranche"
    """What PG-BENEFIT-TIMING checks realisation against: the enabling tranche's end, or
    also the enabling projects' finish (off by default: projects often deliver in phases)."""
    business_case_for_delivery: BusinessCaseStatus = BusinessCaseStatus.DETAILED
    """The business case a project needs before it enters delivery (PRINCE2 2017: the
    detailed business case, approved when the project is authorised); `outline` to accept
    an outline one, `full` to ask for the full one."""
    executive: Ref | None = None
    """The council's executive body (e.g. Cabinet), which takes key decisions and to which
    they escalate (Local Government Act 2000 s.9E)."""


class EacMethod(StrEnum):
    """How the estimate at completion (EAC) that tolerances judge is worked out
    (PMI, *Practice Standard for Earned Value Management*)."""

    BOTTOM_UP = "bottom_up"
    """Each work package's own estimate (BAC / CPI), summed up the levels with any budget
    not yet spread over work: an overrun stays with the stage that has it."""
    CPI = "cpi"
    """BAC / CPI at each level: the level's cost performance so far continues."""
    PLAN = "plan"
    """AC + (BAC - EV): the remaining work costs what was budgeted."""
    CPI_SPI = "cpi_spi"
    """AC + (BAC - EV) / (CPI x SPI): cost and schedule performance both weigh on the rest."""


class ForecastSettings(Model):
    """How the programme's forecasts are made (see docs/control.md, "Forecasts").

    >>> ForecastSettings().eac_method, ForecastSettings().reschedule_uncompleted_work
    ('bottom_up', True)
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    eac_method: EacMethod = EacMethod.BOTTOM_UP
    """The EAC method whose figure the cost tolerances and the RAG judge."""
    reschedule_uncompleted_work: bool = True
    """Forecast remaining and overdue work from the status date on (as MS Project's
    "reschedule uncompleted work to start after the status date"); False keeps work where
    the plan put it, as a file saved by MS Project shows it."""


class Programme(Model):
    """An MSP programme: the vision, its tranches, strands and projects, and its registers.

    >>> programme = Programme(id="otp", name="Organisational Transformation Programme",
    ...     sro="gtolley", people=[Person(id="gtolley", name="Gail Tolley")],
    ...     projects=[Project(id="portal", name="Customer Contact Portal")])
    >>> programme.project("portal").name
    'Customer Contact Portal'
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id."""
    name: Text
    """The programme's name."""
    vision: str | None = None
    """The vision statement: the better future the programme delivers."""
    start: Date | None = None
    """Programme start; the schedule starts here unless a project says otherwise."""
    finish: Date | None = None
    """Planned close."""
    sro: Ref | None = None
    """The Senior Responsible Owner (exactly one)."""
    programme_manager: Ref | None = None
    """Runs the programme day to day."""
    sponsoring_group: list[Ref] = Field(default_factory=list)
    """Senior managers who sponsor the programme."""
    edition: Edition = Edition.PRINCE2_7
    """PRINCE2 edition the rules follow where editions differ."""
    budget: Money | None = None
    """The programme's budget; when unset, the sum of its projects' budgets is used."""
    risk_budget: Money | None = None
    """Money set aside for responses to the programme register's threats."""
    change_authority: Ref | None = None
    """Who decides requests for change on the programme's register (a person or board)."""
    change_budget: Money | None = None
    """Money for approved changes at programme level: each approval spends from it."""
    savings_target: Money | None = None
    """Savings expected over the programme's whole life, start to finish; for targets by
    financial year or over the medium-term financial plan, use `savings_targets`."""
    savings_targets: list[SavingsTarget] = Field(default_factory=list)
    """Savings to deliver, each over its own financial year or span (e.g. the MTFP)."""
    status_date: Date | None = None
    """The date progress (actuals, percent complete) was last recorded."""
    people: list[Person] = Field(default_factory=list)
    """Everyone referenced by id."""
    boards: list[Board] = Field(default_factory=list)
    """Boards and decision-making groups."""
    roles: list[RoleAssignment] = Field(default_factory=list)
    """Roles held beyond those written on the objects themselves."""
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    """Who has an interest in the programme."""
    tranches: list[Tranche] = Field(default_factory=list)
    """Tranches, in order."""
    strands: list[Strand] = Field(default_factory=list)
    """Strands (workstreams)."""
    projects: list[Project] = Field(default_factory=list)
    """The projects."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Programme-level milestones (key events not owned by one project)."""
    risks: list[Risk] = Field(default_factory=list)
    """The programme (and strand) risk register."""
    issues: list[Issue] = Field(default_factory=list)
    """The programme issue register."""
    lessons: list[Lesson] = Field(default_factory=list)
    """The programme's lessons log: lessons for the programme, its tranches and the council."""
    benefits: list[Benefit] = Field(default_factory=list)
    """Benefits and dis-benefits, with their profiles."""
    objectives: list[Objective] = Field(default_factory=list)
    """Strategic objectives the benefits serve (the benefits map's right-hand end)."""
    capabilities: list[Capability] = Field(default_factory=list)
    """Capabilities the projects deliver (the benefits map's second column)."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """Outcomes the capabilities bring about, from which benefits come."""
    tolerances: list[Tolerance] = Field(default_factory=list)
    """Programme tolerances set by the sponsoring group."""
    authorities: list[Authority] = Field(default_factory=list)
    """Standing authority under the council's constitution."""
    delegations: list[Delegation] = Field(default_factory=list)
    """Delegations of that authority."""
    reservations: list[Reservation] = Field(default_factory=list)
    """Decisions reserved to a body (by type, subject or both)."""
    approvals: list[Approval] = Field(default_factory=list)
    """Decisions taken."""
    calendars: list[Calendar] = Field(default_factory=lambda: [Calendar()])
    """Working calendars; the one with id `default` applies unless a project names another."""
    risk_grid: RiskGrid = Field(default_factory=RiskGrid)
    """Probability x impact grid and escalation thresholds."""
    governance: GovernanceSettings = Field(default_factory=GovernanceSettings)
    """Rule configuration and suppressions."""
    forecasting: ForecastSettings = Field(default_factory=ForecastSettings)
    """How forecasts are made: the EAC method, and whether late work is rescheduled."""
    risk_analysis: RiskAnalysisSettings = Field(default_factory=RiskAnalysisSettings)
    """Uncertainty defaults by category, correlated tasks and the deadline confidence rule
    (docs/risk-analysis.md)."""
    baselines: list[Baseline] = Field(default_factory=list)
    """Approved snapshots that progress is measured against, oldest first."""

    def all_savings_targets(self) -> list[SavingsTarget]:
        """`savings_targets`, then `savings_target` as a target over the programme's life:
        its start's financial year to its finish's (without both dates, the years the
        benefit profiles span).

        >>> otp = Programme(id="otp", name="OTP", start="2011-04-01", finish="2017-03-31",
        ...                 savings_target="17.9m")
        >>> [str(t.years) for t in otp.all_savings_targets()]
        ['2011/12-2016/17']
        """
        targets = list(self.savings_targets)
        if self.savings_target is None:
            return targets
        periods = [p for b in self.benefits if b.profile for p in b.profile.periods]
        first = self.start or min((p.start for p in periods), default=None)
        last = self.finish or max((p.end for p in periods), default=None)
        if first and last and first <= last:
            span = FinancialYears(FinancialYear.of(first), FinancialYear.of(last))
            targets.append(
                SavingsTarget(name="Savings target", amount=self.savings_target, years=span)
            )
        return targets

    @model_validator(mode="after")
    def _local_checks(self) -> Self:
        if self.start and self.finish and self.finish < self.start:
            raise ValueError(
                f"the programme finishes ({self.finish}) before it starts ({self.start})"
            )
        unique_by(self.tolerances, "aspect", "the tolerance for")
        return self

    # --- look-ups (linear; the rules engine builds its own indexes for bulk work) -----

    def project(self, project_id: str) -> Project:
        """The project with this id; KeyError if there is none."""
        for project in self.projects:
            if project.id == project_id:
                return project
        raise KeyError(project_id)

    def find(self, object_id: str) -> Model:
        """The object with this id anywhere in the programme: a project, stage, task,
        milestone, risk, issue, benefit, person, board, delegation...; a `KeyError` naming
        the nearest id when there is none.

        >>> from progman import Programme, Project, Task
        >>> build = Task(id="build", name="Build", duration=5)
        >>> otp = Programme(id="otp", name="OTP", projects=[
        ...     Project(id="portal", name="Portal", tasks=[build])])
        >>> otp.find("build").name
        'Build'
        >>> otp.find("biuld")
        Traceback (most recent call last):
        ...
        KeyError: "no object with id 'biuld' in programme 'otp' (did you mean 'build'?)"
        """
        import difflib

        found: dict[str, Model] = {}
        stack: list[Model] = [self]
        while stack:
            current = stack.pop()
            own = getattr(current, "id", None)
            if isinstance(own, str):
                found.setdefault(own, current)
            for name in type(current).model_fields:
                value = getattr(current, name)
                if isinstance(value, Model):
                    stack.append(value)
                elif isinstance(value, list):
                    stack.extend(item for item in reversed(value) if isinstance(item, Model))
            if own == object_id:
                return current
        close = difflib.get_close_matches(object_id, list(found), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise KeyError(f"no object with id {object_id!r} in programme {self.id!r}{hint}")

    def all_risks(self) -> Iterator[tuple[Project | None, Risk]]:
        """Every risk with the project whose register holds it (None: programme register)."""
        for risk in self.risks:
            yield None, risk
        for project in self.projects:
            for risk in project.risks:
                yield project, risk

    def all_issues(self) -> Iterator[tuple[Project | None, Issue]]:
        """Every issue with the project whose register holds it (None: programme register)."""
        for issue in self.issues:
            yield None, issue
        for project in self.projects:
            for issue in project.issues:
                yield project, issue

    def all_lessons(self) -> Iterator[tuple[Project | None, Lesson]]:
        """Every lesson with the project whose log holds it (None: the programme's log)."""
        for lesson in self.lessons:
            yield None, lesson
        for project in self.projects:
            for lesson in project.lessons:
                yield project, lesson

    def work_items(self) -> Iterator[tuple[Project | None, Stage | None, Task | Milestone]]:
        """Every task and milestone with the project and stage that hold it."""
        for milestone in self.milestones:
            yield None, None, milestone
        for project in self.projects:
            for stage, item in project.work_items():
                yield project, stage, item

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the rendering lives with the other reports.
        from ..report.notebook import programme_html

        return programme_html(self)

    def calendar(self, calendar_id: str | None = None) -> Calendar:
        """The calendar with this id (the `default` one when None)."""
        wanted = calendar_id or "default"
        for calendar in self.calendars:
            if calendar.id == wanted:
                return calendar
        if wanted == "default":
            return Calendar()
        raise KeyError(wanted)
