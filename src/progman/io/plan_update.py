"""Keeping a programme in step with a project manager's plan (`progman import --update`).

The project manager plans in Microsoft Project; the programme office keeps the
programme. `update_from_plan(programme, plan)` replaces one project's stages,
tasks, milestones, progress and start with the plan's, and keeps everything the
programme office owns: boards, risks, benefits, delegations, approvals, the
project's board and budget, each stage's kind, status, budget and approvals, each
task's owner, budget, costs and tolerances, and links to items outside the
project. Items are matched by the id written on export (the `progman id` custom
field), then by name; a name that fits several items is reported, not guessed.
The programme is changed in place, so `progman.dump` saves it with its comments.

>>> from progman import Programme, Project, Task
>>> from progman.io.mspdi import dumps, loads
>>> programme = Programme(id="otp", name="OTP", start="2013-01-07", projects=[
...     Project(id="portal", name="Portal", tasks=[
...         Task(id="build", name="Build", duration=10, owner="pnewton"),
...         Task(id="test", name="Test", duration=5, depends_on=["build"])])])
>>> plan = loads(dumps(programme, project="portal")[0].replace(
...     b"PT40H0M0S", b"PT80H0M0S"))               # the PM doubles Test to 10 days
>>> update = update_from_plan(programme, plan)
>>> for change in update.changes:
...     print(change)
re-planned task 'test' (Test): duration 5 -> 10
re-dated task 'test' (Test): finish 2013-01-25 -> 2013-02-01
>>> programme.project("portal").tasks[0].owner   # the programme office's field stays
'pnewton'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity
from ..model import Dependency, Milestone, Programme, Project, Stage, Task
from ._mspdi_codes import IdMaker

if TYPE_CHECKING:
    from .mspdi import ImportResult

__all__ = ["PlanChange", "PlanUpdate", "PlanUpdateError", "update_from_plan"]

_PLANNED = ("duration", "depends_on", "start_no_earlier_than", "start_no_later_than",
            "finish_no_earlier_than",
            "finish_no_later_than", "must_finish_by", "as_late_as_possible")  # fmt: skip
_PROGRESS = ("actual_start", "actual_finish", "percent_complete", "remaining_duration",
             "achieved_on")  # fmt: skip


@dataclass(frozen=True)
class PlanChange:
    """One change the plan makes to the programme.

    `kind` is one of `added`, `removed`, `moved` (to another stage), `renamed`,
    `re-planned` (duration, links or constraints), `progress` (actuals, percent
    complete, remaining duration, achieved) and `re-dated` (progman's scheduled start
    or finish moved, or the project's start date).
    """

    kind: str
    what: str
    """`task`, `milestone`, `stage` or `project`."""
    id: str
    name: str
    detail: str = ""

    def __str__(self) -> str:
        tail = f": {self.detail}" if self.detail else ""
        return f"{self.kind} {self.what} {self.id!r} ({self.name}){tail}"


@dataclass
class PlanUpdate:
    """What `update_from_plan` did: the project updated, the changes, and findings
    (ambiguous names, ids renamed to stay unique, what was not changed)."""

    project: str
    changes: list[PlanChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class PlanUpdateError(ValueError):
    """The plan cannot be applied: no project to update, or one the programme lacks."""


def update_from_plan(
    programme: Programme, plan: ImportResult, *, project: str | None = None
) -> PlanUpdate:
    """Replace one project's plan in `programme` (changed in place) with `plan`'s.

    `project` is the programme's project to update; by default the one whose id
    the plan carries (a file exported with `--project`), else the one with the
    plan's name. Raises `PlanUpdateError` when none fits.
    """
    target, source = _choose(programme, plan, project)
    index = next(i for i, p in enumerate(programme.projects) if p.id == target.id)
    update = PlanUpdate(target.id)
    before = _dates(programme)
    merged = _Merge(programme, target, source, update).project()
    programme.projects[index] = merged
    after = _dates(programme)
    if before is not None and after is not None:
        for _, _, item in _items(merged):
            old, new = before.get(item.id), after.get(item.id)
            if old and new and old != new:
                moved = [
                    f"{label} {a} -> {b}"
                    for label, a, b in (("start", old[0], new[0]), ("finish", old[1], new[1]))
                    if a != b
                ]
                update.changes.append(
                    PlanChange("re-dated", _what(item), item.id, item.name, ", ".join(moved))
                )
    if plan.programme.status_date and plan.programme.status_date != programme.status_date:
        update.findings.append(
            Finding(
                "PLAN-STATUS-DATE",
                Severity.INFO,
                f"the plan's status date is {plan.programme.status_date}, the programme's "
                f"{programme.status_date or 'not set'}: the programme's is kept",
            )
        )
    return update


def _choose(
    programme: Programme, plan: ImportResult, wanted: str | None
) -> tuple[Project, Project]:
    """The programme's project to update and the plan's project to take it from."""
    plans = plan.programme.projects
    ids = {p.id: p for p in programme.projects}
    if wanted is not None:
        if wanted not in ids:
            known = ", ".join(ids) or "none"
            raise PlanUpdateError(
                f"the programme has no project {wanted!r} (its projects: {known})"
            )
        source = next((p for p in plans if p.id == wanted), None)
        if source is None and len(plans) == 1:
            source = plans[0]
        if source is None:
            raise PlanUpdateError(f"the plan holds several projects and none is {wanted!r}")
        return ids[wanted], source
    if len(plans) != 1:
        raise PlanUpdateError(
            f"the plan holds {len(plans)} projects: name the one to update (--project ID)"
        )
    source = plans[0]
    if source.id in ids:
        return ids[source.id], source
    named = [p for p in programme.projects if p.name == source.name]
    if len(named) == 1:
        return named[0], source
    raise PlanUpdateError(
        f"no project of the programme has the plan's id {source.id!r} or name "
        f"{source.name!r}: name the one to update (--project ID)"
    )


class _Merge:
    """Builds the updated project: the plan's structure on the programme's objects."""

    def __init__(
        self, programme: Programme, target: Project, source: Project, update: PlanUpdate
    ) -> None:
        self.target, self.source, self.update = target, source, update
        self.elsewhere = {
            key
            for other in programme.projects
            if other.id != target.id
            for key in (other.id, *(s.id for s in other.stages),
                        *(i.id for _, i in other.work_items()))
        } | {m.id for m in programme.milestones} | {programme.id, target.id}  # fmt: skip
        self.old: dict[str, tuple[Stage | None, Stage | Task | Milestone]] = {}
        for each in target.stages:
            self.old[each.id] = (None, each)
        for holder, item in target.work_items():
            self.old[item.id] = (holder, item)
        self.start = target.start or programme.start
        self.rename: dict[str, str] = {}  # plan id -> programme id
        self.match()

    # --- matching ----------------------------------------------------------------------

    def match(self) -> None:
        plan_objects: list[Stage | Task | Milestone] = [
            *self.source.stages,
            *(item for _, item in self.source.work_items()),
        ]
        taken: set[str] = set()
        pending = []
        for obj in plan_objects:  # by the id written on export
            hit = self.old.get(obj.id)
            if hit is not None and isinstance(hit[1], Stage) == isinstance(obj, Stage):
                self.rename[obj.id] = obj.id
                taken.add(obj.id)
            else:
                pending.append(obj)
        names = Counter(
            (isinstance(old, Stage), old.name)
            for key, (_, old) in self.old.items()
            if key not in taken
        )
        used_elsewhere = self.elsewhere
        fresh = IdMaker(used_elsewhere | set(self.old) | {o.id for o in plan_objects})
        for obj in pending:  # then by name
            key = (isinstance(obj, Stage), obj.name)
            candidates = [
                k
                for k, (_, old) in self.old.items()
                if k not in taken and (isinstance(old, Stage), old.name) == key
            ]
            if names[key] == 1 and candidates:
                self.rename[obj.id] = candidates[0]
                taken.add(candidates[0])
                continue
            if names[key] > 1:
                self.update.findings.append(
                    Finding(
                        "PLAN-AMBIGUOUS",
                        Severity.WARNING,
                        f"{obj.name!r} in the plan has no progman id and {names[key]} items of "
                        f"project {self.target.id!r} have that name "
                        f"({', '.join(sorted(candidates))}): it is added as a new item; "
                        "give it the right id in the 'progman id' column",
                        subject=obj.id,
                    )
                )
            if obj.id not in used_elsewhere and obj.id not in self.old:
                self.rename[obj.id] = obj.id
            else:
                self.rename[obj.id] = fresh.make(obj.name, 0)
                self.update.findings.append(
                    Finding(
                        "PLAN-NEW-ID",
                        Severity.INFO,
                        f"{obj.name!r}: the plan's id {obj.id!r} is taken elsewhere in the "
                        f"programme, so the new item is {self.rename[obj.id]!r}",
                        subject=self.rename[obj.id],
                    )
                )

    # --- building ----------------------------------------------------------------------

    def project(self) -> Project:
        kept = self.target
        stages = [self.stage(stage) for stage in self.source.stages]
        tasks = [self.item(t, None) for t in self.source.tasks]
        milestones = [self.item(m, None) for m in self.source.milestones]
        plan_ids = set(self.rename.values())
        for key, (stage, old) in self.old.items():
            if key not in plan_ids:
                where = f" from stage {stage.id!r}" if stage is not None else ""
                self.change("removed", old, where.strip())
        start = kept.start
        if self.source.start and self.source.start != self.start:
            start = self.source.start
            detail = f"start {self.start} -> {start}"
            self.update.changes.append(
                PlanChange("re-dated", "project", kept.id, kept.name, detail)
            )
        return kept.model_copy(
            update={
                "start": start,
                "stages": stages,
                "tasks": [t for t in tasks if isinstance(t, Task)],
                "milestones": [m for m in milestones if isinstance(m, Milestone)],
            }
        )

    def stage(self, planned: Stage) -> Stage:
        key = self.rename[planned.id]
        found = self.old.get(key)
        items = [self.item(t, key) for t in planned.tasks]
        milestones = [self.item(m, key) for m in planned.milestones]
        values: dict[str, Any] = {
            "name": planned.name,
            "tasks": [t for t in items if isinstance(t, Task)],
            "milestones": [m for m in milestones if isinstance(m, Milestone)],
        }
        if found is None:
            new = planned.model_copy(update={"id": key, **values})
            self.change("added", new)
            return new
        old = found[1]
        assert isinstance(old, Stage)
        if old.name != planned.name:
            self.change("renamed", old, f"{old.name!r} -> {planned.name!r}")
        return old.model_copy(update=values)

    def item(self, planned: Task | Milestone, stage: str | None) -> Task | Milestone:
        key = self.rename[planned.id]
        found = self.old.get(key)
        links = [link.model_copy(update={"on": self.rename.get(link.on, link.on)})
                 for link in planned.depends_on]  # fmt: skip
        if found is None:
            new = planned.model_copy(update={"id": key, "depends_on": links})
            self.change("added", new, f"in stage {stage!r}" if stage else "")
            return new
        old_stage, old = found
        assert not isinstance(old, Stage)
        if isinstance(old, Task) != isinstance(planned, Task):
            # a task became a milestone or back: the plan's object, the office's owner
            new = planned.model_copy(update={"id": key, "depends_on": links, "owner": old.owner})
            self.change("re-planned", new, f"now a {_what(new)}")
            return new
        links = self._keep_link_details(old.depends_on, links)
        values: dict[str, Any] = {"name": planned.name, "notes": planned.notes}
        values |= {name: getattr(planned, name) for name in (*_PLANNED, *_PROGRESS)
                   if name in type(old).model_fields}  # fmt: skip
        values["depends_on"] = links
        new = old.model_copy(update=values)
        if old.name != planned.name:
            self.change("renamed", new, f"{old.name!r} -> {planned.name!r}")
        if (old_stage.id if old_stage else None) != stage:
            self.change("moved", new, f"stage {old_stage.id if old_stage else None} -> {stage}")
        for names, kind in ((_PLANNED, "re-planned"), (_PROGRESS, "progress")):
            diffs = [
                f"{name} {_show(getattr(old, name))} -> {_show(getattr(new, name))}"
                for name in names
                if name in type(old).model_fields and getattr(old, name) != getattr(new, name)
            ]
            if diffs:
                self.change(kind, new, "; ".join(diffs))
        return new

    def _keep_link_details(
        self, old: list[Dependency], planned: list[Dependency]
    ) -> list[Dependency]:
        """The plan's links, with the programme's notes and owners on links it already had,
        and the links to items outside the project (the plan cannot hold them) kept."""
        inside = set(self.old) | set(self.rename.values()) | {self.target.id}
        before = {link.on: link for link in old}
        out = []
        for link in planned:
            was = before.get(link.on)
            out.append(was.model_copy(update={"type": link.type, "lag": link.lag}) if was else link)
        out += [link for link in old if link.on not in inside]
        return out

    def change(self, kind: str, obj: Stage | Task | Milestone, detail: str = "") -> None:
        self.update.changes.append(PlanChange(kind, _what(obj), obj.id, obj.name, detail))


def _what(obj: object) -> str:
    return type(obj).__name__.lower()


def _show(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, Dependency):
        text = value.on
        if value.type != "FS":
            text += f" {value.type}"
        return text + (f" {value.lag:+d}" if value.lag else "")
    return str(value)


def _items(project: Project) -> list[tuple[None, Stage | None, Task | Milestone]]:
    return [(None, stage, item) for stage, item in project.work_items()]


def _dates(programme: Programme) -> dict[str, tuple[date | None, date | None]] | None:
    """Early start and finish of every item, or None when the programme cannot be scheduled."""
    from ..schedule import ScheduleError, schedule

    try:
        plan = schedule(programme)
    except (ScheduleError, ValueError):
        return None
    return {item.id: (item.early_start, item.early_finish) for item in plan}
