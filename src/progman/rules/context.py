"""The `RuleContext`: the programme plus the indexes every rule needs, built once.

Rules look objects up by id through these dictionaries instead of scanning
lists, so no rule is quadratic in the size of the programme.

>>> import datetime
>>> from progman import Person, Programme, Project
>>> programme = Programme(id="otp", name="OTP", people=[Person(id="gt", name="Gail Tolley")],
...                       projects=[Project(id="portal", name="Portal", executive="gt")])
>>> ctx = RuleContext(programme, today=datetime.date(2013, 1, 10))
>>> ctx.objects["portal"].path, ctx.describe("gt")
('projects[0]', "person 'gt' (Gail Tolley)")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from .._records import quick_init
from ..findings import Finding, SourceLocation
from ..forecasting import Forecast
from ..io.locations import source_map
from ..model import (
    Approval,
    Authority,
    Benefit,
    Board,
    Delegation,
    GovernanceSettings,
    Issue,
    Lesson,
    Milestone,
    Person,
    Programme,
    Project,
    Risk,
    RiskAssessment,
    RiskGrid,
    Stage,
    Task,
    assess_risk,
)
from .registry import REGISTRY, Registry

if TYPE_CHECKING:
    from ..forecasting import ProgrammeForecast
    from ..schedule import Schedule
    from ..schedule.calendar import WorkingCalendar

__all__ = ["Entry", "Forecast", "RuleContext"]  # Forecast: re-exported from progman.forecasting

T = TypeVar("T")


@quick_init
@dataclass(frozen=True, slots=True)
class Entry:
    """One object with an id: what kind it is, where it sits in the model, its project."""

    kind: str
    """person, board, tranche, strand, project, stage, task, milestone, risk, issue,
    lesson, benefit, objective, capability, outcome, authority, delegation or approval."""
    obj: Any
    """The model object itself."""
    path: str
    """Model path, e.g. `projects[2].stages[0]`."""
    project: Project | None = None
    """The project holding it, for stages, tasks, milestones, risks and issues."""


class RuleContext:
    """Everything a rule reads: the programme, the status date, settings, forecasts and
    indexes.

    Attributes are plain lists and dicts; the lists pair each object with its
    model path so findings can point at it. `today` is the status date the programme
    is judged at (the same date its forecasts are made at).
    """

    def __init__(
        self,
        programme: Programme,
        *,
        today: date,
        forecasts: Mapping[str, Forecast] | None = None,
        registry: Registry | None = None,
        forecast: ProgrammeForecast | None = None,
    ) -> None:
        self.programme = programme
        self.today = today
        self._given_forecast = forecast
        self.settings: GovernanceSettings = programme.governance
        self.grid: RiskGrid = programme.risk_grid
        self.forecasts: Mapping[str, Forecast] = forecasts or {}
        self.registry = REGISTRY if registry is None else registry
        self._memo: dict[str, Any] = {}
        self._sources = source_map(programme)  # looked up once, not once per finding

        self.objects: dict[str, Entry] = {}
        """First object seen with each id."""
        self.clashes: dict[str, list[Entry]] = {}
        """Ids used by more than one object, with every holder."""
        self.ids_by_kind: dict[str, list[str]] = {}
        """Ids of each kind, for "did you mean" suggestions."""

        self.people: dict[str, Person] = {}
        self.boards: dict[str, Board] = {}
        self.approvals: dict[str, Approval] = {}
        self.delegations: dict[str, Delegation] = {}
        self.authorities: list[tuple[str, Authority]] = []
        self.projects: list[tuple[str, Project]] = []
        self.stages: list[tuple[str, Project, int, Stage]] = []
        """Every stage: path, project, position in the project, stage."""
        self.tasks: list[tuple[str, Project, Stage | None, Task]] = []
        self.milestones: list[tuple[str, Project | None, Stage | None, Milestone]] = []
        self.risks: list[tuple[str, Project | None, Risk]] = []
        self.issues: list[tuple[str, Project | None, Issue]] = []
        self.lessons: list[tuple[str, Project | None, Lesson]] = []
        """Every lesson: path, the project whose log holds it (None: the programme's)."""
        self.benefits: list[tuple[str, Benefit]] = []
        self.strands_of: dict[str, list[str]] = {}
        """Project id -> strands listing it."""
        self._build()

    # --- building ---------------------------------------------------------------------

    def _add(self, kind: str, obj: Any, path: str, project: Project | None = None) -> None:
        entry = Entry(kind, obj, path, project)
        key = obj.id
        ids = self.ids_by_kind.get(kind)
        if ids is None:
            ids = self.ids_by_kind[kind] = []
        ids.append(key)
        first = self.objects.setdefault(key, entry)
        if first is not entry:
            self.clashes.setdefault(key, [first]).append(entry)

    def _build(self) -> None:
        p = self.programme
        for i, person in enumerate(p.people):
            self._add("person", person, f"people[{i}]")
            self.people.setdefault(person.id, person)
        for i, board in enumerate(p.boards):
            self._add("board", board, f"boards[{i}]")
            self.boards.setdefault(board.id, board)
        for i, tranche in enumerate(p.tranches):
            self._add("tranche", tranche, f"tranches[{i}]")
        for i, strand in enumerate(p.strands):
            self._add("strand", strand, f"strands[{i}]")
            for project_id in strand.projects:
                self.strands_of.setdefault(project_id, []).append(strand.id)
        for i, milestone in enumerate(p.milestones):
            path = f"milestones[{i}]"
            self._add("milestone", milestone, path)
            self.milestones.append((path, None, None, milestone))
        for i, risk in enumerate(p.risks):
            path = f"risks[{i}]"
            self._add("risk", risk, path)
            self.risks.append((path, None, risk))
        for i, issue in enumerate(p.issues):
            path = f"issues[{i}]"
            self._add("issue", issue, path)
            self.issues.append((path, None, issue))
        for i, lesson in enumerate(p.lessons):
            path = f"lessons[{i}]"
            self._add("lesson", lesson, path)
            self.lessons.append((path, None, lesson))
        for i, benefit in enumerate(p.benefits):
            path = f"benefits[{i}]"
            self._add("benefit", benefit, path)
            self.benefits.append((path, benefit))
        for kind, field, items in (
            ("objective", "objectives", p.objectives),
            ("capability", "capabilities", p.capabilities),
            ("outcome", "outcomes", p.outcomes),
        ):
            for i, item in enumerate(items):
                self._add(kind, item, f"{field}[{i}]")
        for i, authority in enumerate(p.authorities):
            path = f"authorities[{i}]"
            self._add("authority", authority, path)
            self.authorities.append((path, authority))
        for i, delegation in enumerate(p.delegations):
            self._add("delegation", delegation, f"delegations[{i}]")
            self.delegations.setdefault(delegation.id, delegation)
        for i, approval in enumerate(p.approvals):
            self._add("approval", approval, f"approvals[{i}]")
            self.approvals.setdefault(approval.id, approval)
        for i, project in enumerate(p.projects):
            self._add_project(f"projects[{i}]", project)

    def _add_project(self, base: str, project: Project) -> None:
        self._add("project", project, base)
        self.projects.append((base, project))
        self._add_work(base, project, None, project.tasks, project.milestones)
        for s, stage in enumerate(project.stages):
            path = f"{base}.stages[{s}]"
            self._add("stage", stage, path, project)
            self.stages.append((path, project, s, stage))
            self._add_work(path, project, stage, stage.tasks, stage.milestones)
        for r, risk in enumerate(project.risks):
            path = f"{base}.risks[{r}]"
            self._add("risk", risk, path, project)
            self.risks.append((path, project, risk))
        for n, issue in enumerate(project.issues):
            path = f"{base}.issues[{n}]"
            self._add("issue", issue, path, project)
            self.issues.append((path, project, issue))
        for n, lesson in enumerate(project.lessons):
            path = f"{base}.lessons[{n}]"
            self._add("lesson", lesson, path, project)
            self.lessons.append((path, project, lesson))

    def _add_work(
        self,
        base: str,
        project: Project,
        stage: Stage | None,
        tasks: list[Task],
        milestones: list[Milestone],
    ) -> None:
        for t, task in enumerate(tasks):
            path = f"{base}.tasks[{t}]"
            self._add("task", task, path, project)
            self.tasks.append((path, project, stage, task))
        for m, milestone in enumerate(milestones):
            path = f"{base}.milestones[{m}]"
            self._add("milestone", milestone, path, project)
            self.milestones.append((path, project, stage, milestone))

    # --- look-ups ---------------------------------------------------------------------

    def kind_of(self, object_id: str | None) -> str | None:
        """The kind of the object with this id (None when unknown)."""
        entry = self.objects.get(object_id) if object_id else None
        return entry.kind if entry else None

    def describe(self, object_id: str) -> str:
        """`person 'gt' (Gail Tolley)`: how messages name an object."""
        entry = self.objects.get(object_id)
        if entry is None:
            return repr(object_id)
        name = getattr(entry.obj, "name", None) or getattr(entry.obj, "title", None)
        label = f"{entry.kind} {object_id!r}"
        return f"{label} ({name})" if name and name != object_id else label

    def path_of(self, object_id: str) -> str:
        """Model path of the object with this id ('' when unknown)."""
        entry = self.objects.get(object_id)
        return entry.path if entry else ""

    def within(self, object_id: str) -> frozenset[str]:
        """The object and everything containing it: project, tranche, strands, programme.

        Authority and delegation scopes name these, so a grant scoped to a
        project covers its stages, tasks, risks and issues.
        """
        key = f"within:{object_id}"
        found: frozenset[str] | None = self._memo.get(key)
        if found is None:
            ids = {object_id, self.programme.id}
            entry = self.objects.get(object_id)
            project = entry.obj if entry and entry.kind == "project" else None
            if entry is not None and entry.project is not None:
                project = entry.project
            if project is not None:
                ids.add(project.id)
                if project.tranche:
                    ids.add(project.tranche)
                ids.update(self.strands_of.get(project.id, ()))
            found = frozenset(ids)
            self._memo[key] = found
        return found

    def location(self, path: str) -> SourceLocation | None:
        """Source location of a model path, when the programme came from a file."""
        found = self._sources
        return found.lookup(path) if found is not None else None

    def assessed(self, risk: Risk) -> RiskAssessment:
        """The risk's score, likelihood and expected value on the programme's grid
        (`progman.model.assess_risk`), worked out once per validation however many rules
        read it."""
        found: dict[int, RiskAssessment] = self.memo("risk-assessments", dict)
        assessment = found.get(id(risk))
        if assessment is None:
            assessment = found[id(risk)] = assess_risk(risk, self.grid)
        return assessment

    def calendar_for(self, object_id: str, *days: date | None) -> WorkingCalendar:
        """The working calendar of `object_id` (a task's own, else that of the project
        holding it; the default one for programme-level objects), covering `days`."""
        entry = self.objects.get(object_id)
        project = None
        if entry is not None:
            project = entry.obj if entry.kind == "project" else entry.project
        wanted = project.calendar if project else None
        if entry is not None and isinstance(entry.obj, Task) and entry.obj.calendar is not None:
            wanted = entry.obj.calendar  # a task on its own calendar
        try:
            calendar = self.programme.calendar(wanted)
        except KeyError:  # an unknown calendar is SCHED-UNSCHEDULABLE's finding
            calendar = self.programme.calendar(None)
        first_year = min((d.year for d in days if d is not None), default=self.today.year)

        def build() -> WorkingCalendar:
            from ..schedule.calendar import WorkingCalendar

            return WorkingCalendar(calendar, first_year=first_year)

        return self.memo(f"calendar:{calendar.id}:{first_year}", build)

    def schedule(self) -> tuple[Schedule | None, list[Finding]]:
        """The programme scheduled at the status date, once per validation; None with the
        scheduler's findings when it cannot be scheduled."""

        def build() -> tuple[Schedule | None, list[Finding]]:
            from ..schedule import ScheduleError, schedule

            given = self._given_forecast
            if given is not None and given.schedule is not None and given.status_date == self.today:
                return given.schedule, []
            try:
                return schedule(self.programme, status_date=self.today), []
            except ScheduleError as error:
                return None, list(error.findings)

        return self.memo("schedule", build)

    @property
    def given_forecast(self) -> ProgrammeForecast | None:
        """The programme forecast given to `validate` (already worked out), if any."""
        return self._given_forecast

    def forecast(self) -> ProgrammeForecast:
        """Every level's forecast and its judgement at the status date, once per validation
        (the same computation `progman status` and the board report read). Forecasts given
        to `validate` replace the computed ones; a programme that cannot be scheduled still
        has its costs and given forecasts judged."""

        def build() -> ProgrammeForecast:
            from ..forecasting import forecast, forecast_without_schedule

            given = self._given_forecast
            if given is not None and not self.forecasts and given.status_date == self.today:
                return given
            plan, _ = self.schedule()
            if plan is None:
                return forecast_without_schedule(self.programme, self.today, self.forecasts)
            return forecast(
                self.programme, status_date=self.today, schedule=plan, given=self.forecasts
            )

        return self.memo("forecast", build)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute something once per validation and share it between rules."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value
