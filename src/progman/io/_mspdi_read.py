"""Reading Microsoft Project XML (MSPDI) into a programme holding one project.

The public face is `progman.io.mspdi.load`; this module does the work. Every
element read is either mapped, reported as not carried (a warning naming it),
or is one of MS Project's own computed values (slack, cost roll-ups, early and
late dates) that progman computes for itself.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..findings import Finding, Severity, SourceLocation
from ..model import (
    BankHolidayRegion,
    Baseline,
    BaselineItem,
    Calendar,
    Dependency,
    Milestone,
    Programme,
    Project,
    Stage,
    Task,
    Weekday,
)
from ..model.common import is_id
from ._mspdi_calendar import CalendarReader
from ._mspdi_codes import (
    ALAP,
    ASAP,
    BASELINE_FIELDS,
    CONSTRAINT_NAMES,
    DAYS_FORMAT,
    DEFAULT_MINUTES_PER_DAY,
    ELAPSED_CALENDAR,
    ELAPSED_DAYS_FORMAT,
    ELAPSED_FORMATS,
    FNET,
    FNLT,
    ID_FIELD,
    KIND_FIELD,
    KIND_PROGRAMME,
    LINK_TYPES,
    MFO,
    MSO,
    PERCENT_FORMATS,
    SNET,
    SNLT,
    CustomField,
    IdMaker,
    parse_duration_minutes,
    slug,
)
from .compose import bulk_objects

if TYPE_CHECKING:
    from ..schedule import WorkingCalendar


@dataclass(frozen=True)
class FileDates:
    """The start and finish Microsoft Project computed for an item, as saved in the file."""

    start: date | None
    finish: date | None
    edge: str | None = field(default=None, compare=False)
    """Where a milestone sits in its day: `opening` (at or before working time opens) or
    `close` (at or after it closes). The close of a working day and the opening of the next
    are one moment, which progman and Microsoft Project may show on either day."""


@dataclass
class ReadOutcome:
    """What reading produced: the programme (None when errors stop it), findings, file dates."""

    programme: Programme | None
    findings: list[Finding]
    file_dates: dict[str, FileDates] = field(default_factory=dict)
    locations: dict[str, SourceLocation] = field(default_factory=dict)


@dataclass
class _Row:
    """One Task element, read once."""

    element: ET.Element
    uid: int
    name: str
    level: int
    summary: bool = False
    id: str = ""
    wanted: str | None = None  # the id written in the `progman id` custom field
    role: str = "item"  # project, stage, flattened (a deeper summary), item
    project: str | None = None  # the id of the project holding it (programme files)
    stage: str | None = None  # the id of the stage summary holding it
    calendar: str | None = None  # a calendar of its own (an elapsed duration's)


class _Reader(CalendarReader):
    """Reads one MSPDI document into a programme; collects findings as it goes."""

    # --- the document ----------------------------------------------------------------

    def read(self, data: bytes) -> ReadOutcome:
        root = self.parse(data)
        if root is None:
            return ReadOutcome(None, self.findings)
        if root.tag != "Project":
            self.report(
                "MSPDI-NOT-PROJECT",
                Severity.ERROR,
                f"the root element is <{root.tag}>, not <Project>: this is not a Microsoft "
                "Project XML (MSPDI) file",
                root,
            )
            return ReadOutcome(None, self.findings)
        try:
            return self.project(root)
        except (ValueError, ArithmeticError) as error:  # ValidationError is a ValueError
            # A value no check above foresaw: reported where reading had got to.
            if isinstance(error, ValidationError):
                message = "; ".join(p["msg"].removeprefix("Value error, ") for p in error.errors())
            else:
                message = str(error) or type(error).__name__
            self.report("MSPDI-INVALID", Severity.ERROR, f"cannot be read: {message}", self.last)
            return ReadOutcome(None, self.findings)

    def project(self, root: ET.Element) -> ReadOutcome:
        title = self.text(root, "Title")
        if title is None:  # the file name, as MS Project fills in <Name>
            name = self.text(root, "Name") or ""
            title = (name[:-4] if name.lower().endswith(".xml") else name) or "Imported plan"
        minutes = self.integer(root, "MinutesPerDay")
        if minutes is not None and minutes <= 0:
            self.bad_value(self.at(root, "MinutesPerDay"), "<MinutesPerDay> must be positive")
            minutes = None
        self.minutes_per_day = minutes or DEFAULT_MINUTES_PER_DAY
        start = self.day(root, "StartDate")
        self.project_start = start
        if self.integer(root, "ScheduleFromStart") == 0:
            self.unmapped("<ScheduleFromStart>0 (scheduling back from the finish date)", root)
        calendar = self.calendar(root)
        self.project_calendar = calendar
        self.working: dict[tuple[str, int], WorkingCalendar] = {}
        self.custom_fields = self.custom_field_ids(root)
        self.own_field_ids = {
            self.custom_fields.get(f.alias) for f in (ID_FIELD, KIND_FIELD, *BASELINE_FIELDS)
        }
        self.unmapped_project_parts(root)

        summary_task = self.summary_task(root)
        own_id = self.custom(summary_task, ID_FIELD)
        self.programme_file = self.custom(summary_task, KIND_FIELD) == KIND_PROGRAMME
        if not is_id(own_id):
            own_id = None
        project_id = own_id or slug(title) or "plan"
        programme_id = f"{project_id}-programme"
        rows = self.rows(root, [project_id, programme_id])
        by_uid = {row.uid: row for row in rows}
        projects: dict[str, _Holder] = {}
        stages: dict[str, _Holder] = {}
        top = _Holder(project_id, title)  # the file's one project, or the programme's milestones
        file_dates: dict[str, FileDates] = {}
        locations: dict[str, SourceLocation] = {}
        for row in rows:
            file_dates[row.id] = self.file_dates(row.element)
            where = self.positions.get(id(row.element))
            if where is not None:
                locations[row.id] = SourceLocation(self.source, *where)
            if row.summary:
                if row.role == "project":
                    projects[row.id] = self.project_holder(row, by_uid)
                elif row.role == "stage":
                    stages[row.id] = _Holder(row.id, row.name)
                    (projects[row.project] if row.project else top).stages.append(row.id)
                else:
                    self.report(
                        "MSPDI-FLATTENED",
                        Severity.INFO,
                        f"summary task {row.name!r} (outline level {row.level}) is not carried "
                        f"as an object: its tasks are placed in "
                        f"{'stage ' + repr(row.stage) if row.stage else 'its project'}",
                        row.element,
                        subject=row.id,
                    )
                if row.role != "project":
                    self.summary_extras(row)
                continue
            if self.programme_file and row.project is None and not self.flag_milestone(row):
                self.unmapped(
                    f"task {row.name!r} at outline level 1 of a programme (only programme "
                    "milestones sit there)",
                    row.element,
                    subject=row.id,
                )
                continue
            item = self.item(row, by_uid)
            if item is None:
                continue
            holder = (
                stages[row.stage]
                if row.stage is not None
                else projects[row.project]
                if row.project is not None
                else top
            )
            if isinstance(item, Task):
                holder.tasks.append(item)
            else:
                holder.milestones.append(item)
        baselines = self.baselines(root, summary_task, rows, own_id, start)
        if any(f.severity is Severity.ERROR for f in self.findings):
            return ReadOutcome(None, self.findings, file_dates, locations)

        def stage_list(holder: _Holder) -> list[Stage]:
            return [
                Stage(
                    id=key,
                    name=stages[key].name,
                    tasks=stages[key].tasks,
                    milestones=stages[key].milestones,
                )
                for key in holder.stages
            ]

        self.unused_calendars()
        calendars = [calendar, *(c for c in self.task_calendars.values() if c is not None)]
        if any(row.calendar == ELAPSED_CALENDAR for row in rows):
            calendars.append(
                Calendar(
                    id=ELAPSED_CALENDAR, region=BankHolidayRegion.NONE, working_days=list(Weekday)
                )
            )
        extra: dict[str, Any] = {}
        status = self.day(root, "StatusDate")
        if status is not None:
            extra["status_date"] = status
        if self.programme_file:
            programme = Programme(
                id=own_id or programme_id,
                name=title,
                start=start,
                calendars=calendars,
                projects=[
                    Project(
                        id=key,
                        name=holder.name,
                        start=holder.start,
                        depends_on=holder.depends_on,
                        stages=stage_list(holder),
                        tasks=holder.tasks,
                        milestones=holder.milestones,
                    )
                    for key, holder in projects.items()
                ],
                milestones=top.milestones,
                baselines=baselines,
                **extra,
            )
        else:
            project = Project(
                id=project_id,
                name=title,
                start=start,
                stages=stage_list(top),
                tasks=top.tasks,
                milestones=top.milestones,
            )
            programme = Programme(
                id=programme_id,
                name=title,
                start=start,
                calendars=calendars,
                projects=[project],
                baselines=baselines,
                **extra,
            )
        return ReadOutcome(programme, self.findings, file_dates, locations)

    def file_dates(self, element: ET.Element) -> FileDates:
        """The Start and Finish saved for a row, as the days work is done on. A finish at or
        before the time working time opens is the day before (no work is done on its day: a
        24-hour calendar's day ends at 24:00, written as 00:00 of the next day; an elapsed
        duration of whole days from 08:00 ends at 08:00); a start at or after the time it
        closes is the day after (an elapsed duration following a task that ends at 17:00)."""
        start, finish = self.work_days(element, "Start", "Finish")
        edge = None
        if start is not None and start == finish:
            at = _minutes_of(self.text(element, "Start"))
            edge = "opening" if 0 <= at <= self.opens else "close" if at >= self.closes else None
        return FileDates(start, finish, edge)

    def work_days(
        self, element: ET.Element, start_tag: str, finish_tag: str
    ) -> tuple[date | None, date | None]:
        """The first and last days worked between a start and a finish date-time (see
        `file_dates`)."""
        start, finish = self.day(element, start_tag), self.day(element, finish_tag)
        if start is not None and finish is not None and finish > start:
            if 0 <= _minutes_of(self.text(element, finish_tag)) <= self.opens:
                finish = finish - timedelta(days=1)
            if _minutes_of(self.text(element, start_tag)) >= self.closes:
                start = start + timedelta(days=1)
        return start, finish

    def flag_milestone(self, row: _Row) -> bool:
        duration = self.text(row.element, "Duration")
        return self.flag(row.element, "Milestone") or duration in {None, "PT0H0M0S"}

    def project_holder(self, row: _Row, by_uid: dict[int, _Row]) -> _Holder:
        """A project's level-1 summary row: its start (a start-no-earlier-than) and links."""
        holder = _Holder(row.id, row.name)
        element = row.element
        kind = self.integer(element, "ConstraintType") or ASAP
        if kind == SNET:
            holder.start = self.day(element, "ConstraintDate")
        elif kind != ASAP:
            name = CONSTRAINT_NAMES.get(kind, f"constraint type {kind}")
            self.unmapped(f"the '{name}' constraint on project {row.name!r}", element)
        holder.depends_on = self.links(row, by_uid)
        self.common_extras(row)
        return holder

    # --- custom fields and baselines -------------------------------------------------

    def custom_field_ids(self, root: ET.Element) -> dict[str, int]:
        """The FieldID of each custom field by its alias (progman's are found by alias)."""
        out: dict[str, int] = {}
        for definition in self.children(root, "ExtendedAttributes/ExtendedAttribute"):
            alias, field_id = self.text(definition, "Alias"), self.integer(definition, "FieldID")
            if alias is not None and field_id is not None:
                out.setdefault(alias, field_id)
        return out

    def custom(self, element: ET.Element | None, custom: CustomField) -> str | None:
        """The value of one of progman's custom fields on a task, if the file has it."""
        wanted = self.custom_fields.get(custom.alias)
        if element is None or wanted is None:
            return None
        for attribute in self.children(element, "ExtendedAttribute"):
            if self.integer(attribute, "FieldID") == wanted:
                return self.text(attribute, "Value")
        return None

    def summary_task(self, root: ET.Element) -> ET.Element | None:
        """The project summary task (UID 0, outline level 0), when the file has one."""
        for element in self.children(root, "Tasks/Task"):
            if self.text(element, "OutlineLevel") == "0" or self.text(element, "UID") == "0":
                return element
        return None

    def baselines(
        self,
        root: ET.Element,
        summary: ET.Element | None,
        rows: list[_Row],
        own_id: str | None,
        start: date | None,
    ) -> list[Baseline]:
        """MS Project's Baseline, Baseline1..Baseline10 as progman baselines, in number order."""
        items: dict[int, list[BaselineItem]] = {}
        holders = [(row.id, row.element) for row in rows]
        if summary is not None and own_id is not None:
            holders.insert(0, (own_id, summary))
        for key, element in holders:
            for saved in self.children(element, "Baseline"):
                number = self.integer(saved, "Number") or 0
                first, last = self.day(saved, "Start"), self.day(saved, "Finish")
                cost = self.money(saved, "Cost")
                if first is None and last is None and cost is None:
                    if self.children(saved, "Duration") or self.children(saved, "Work"):
                        self.unmapped(
                            f"baseline {number} of {key!r} holds no dates or cost (progman "
                            "baselines hold those, not durations or work)",
                            saved,
                            subject=key,
                        )
                    continue
                items.setdefault(number, []).append(
                    BaselineItem(id=key, start=first, finish=last, budget=cost)
                )
        out: list[Baseline] = []
        for number in sorted(items):
            label = self.custom(summary, BASELINE_FIELDS[number]) if number < 11 else None
            meta = _baseline_label(label)
            if meta is None:
                when = self.day(root, "StatusDate") or start
                name = "Baseline" if number == 0 else f"Baseline{number}"
                self.report(
                    "MSPDI-APPROX",
                    Severity.INFO,
                    f"MS Project's {name} is carried as baseline {slug(name)!r}; the file does "
                    f"not say when it was saved, so its date is given as {when}",
                    summary,
                )
                if when is None:
                    continue
                meta = (slug(name), when, name)
            out.append(Baseline(id=meta[0], name=meta[2], date=meta[1], items=items[number]))
        return out

    def money(self, parent: ET.Element, tag: str) -> Decimal | None:
        """A currency amount (MSPDI holds hundredths); None when absent or zero."""
        value = self.text(parent, tag)
        if value is None:
            return None
        try:
            amount = Decimal(value) / 100
        except InvalidOperation:
            self.bad_value(self.at(parent, tag), f"<{tag}> {value!r} is not an amount")
            return None
        return amount or None

    # --- parts progman does not hold -------------------------------------------------

    def unmapped_project_parts(self, root: ET.Element) -> None:
        resources = [
            r
            for r in self.children(root, "Resources/Resource")
            if (self.integer(r, "UID") or 0) > 0
        ]
        if resources:
            names = [self.text(r, "Name") or f"UID {self.integer(r, 'UID')}" for r in resources]
            self.unmapped(
                f"{len(resources)} <Resource> element(s) ({_listed(names)})",
                resources[0],
                names=names,
            )
        assignments = [
            a
            for a in self.children(root, "Assignments/Assignment")
            if (self.integer(a, "ResourceUID") or -65535) >= 0
        ]  # MS Project writes an unassigned placeholder (-65535) for every task
        if assignments:
            self.unmapped(f"{len(assignments)} resource <Assignment> element(s)", assignments[0])
        ours = {f.alias for f in (ID_FIELD, KIND_FIELD, *BASELINE_FIELDS)}
        attributes = [
            a
            for a in self.children(root, "ExtendedAttributes/ExtendedAttribute")
            if self.text(a, "Alias") not in ours
        ]
        if attributes:
            names = [self.text(a, "Alias") or self.text(a, "FieldName") or "?" for a in attributes]
            self.unmapped(f"custom fields ({_listed(names)})", attributes[0], names=names)
        for part in ("OutlineCodes/OutlineCode", "WBSMasks/WBSMask"):
            found = self.children(root, part)
            if found:
                self.unmapped(f"<{part.split('/')[0]}>", found[0])

    def summary_extras(self, row: _Row) -> None:
        element = row.element
        if self.flag(element, "Manual"):
            self.approximated(
                f"summary task {row.name!r} is manually scheduled: progman's dates for it "
                "come from its tasks",
                element,
                subject=row.id,
            )
        for link in self.children(element, "PredecessorLink"):
            self.report(
                "MSPDI-LINK",
                Severity.WARNING,
                f"the link into summary task {row.name!r} is not carried: progman links "
                "tasks and milestones, not stages",
                link,
                subject=row.id,
                predecessor_uid=self.integer(link, "PredecessorUID"),
            )
        self.common_extras(row)

    def common_extras(self, row: _Row) -> None:
        element = row.element
        ours = self.own_field_ids
        if any(
            self.integer(attribute, "FieldID") not in ours
            for attribute in self.children(element, "ExtendedAttribute")
        ):
            self.unmapped(f"custom field values of {row.name!r}", element, subject=row.id)
        calendar = self.integer(element, "CalendarUID")
        if calendar is not None and calendar != -1:
            if row.summary or row.role == "project":
                self.unmapped(f"the task calendar of {row.name!r}", element, subject=row.id)
            else:
                row.calendar = self.task_calendar(calendar, element)
        if (self.integer(element, "LevelingDelay") or 0) != 0:
            self.unmapped(f"the levelling delay of {row.name!r}", element, subject=row.id)
        constraint = self.integer(element, "ConstraintType") or ASAP
        if row.summary and row.role != "project" and constraint != ASAP:
            self.unmapped(f"the constraint on summary task {row.name!r}", element, subject=row.id)

    # --- tasks -----------------------------------------------------------------------

    def rows(self, root: ET.Element, reserved: list[str]) -> list[_Row]:
        rows: list[_Row] = []
        for element in self.children(root, "Tasks/Task"):
            uid = self.integer(element, "UID")
            if uid is None:
                if self.text(element, "UID") is None:
                    self.bad_value(element, "a <Task> without a <UID>")
                continue
            name = self.text(element, "Name") or ""
            level = self.integer(element, "OutlineLevel")
            if level is None:
                number = self.text(element, "OutlineNumber")
                level = number.count(".") + 1 if number else 1
            if level == 0 or (uid == 0 and self.flag(element, "Summary")):
                continue  # the project summary task: the project itself
            if self.flag(element, "IsNull"):
                continue  # a blank row in the Gantt chart
            if self.text(element, "Active") == "0":
                self.unmapped(f"inactive task {name!r}", element)
                continue
            if self.flag(element, "IsSubproject") or self.flag(element, "ExternalTask"):
                self.unmapped(f"inserted project or external task {name!r}", element)
                continue
            if self.flag(element, "Recurring"):
                self.unmapped(f"the recurrence of {name!r} (read as an ordinary task)", element)
            row = _Row(element, uid, name or f"Task {uid}", level)
            row.wanted = self.custom(element, ID_FIELD)
            rows.append(row)
        # Order by ID (the row number) and work out the outline from the levels.
        rows.sort(key=lambda row: self.integer(row.element, "ID") or 0)
        self.assign_ids(rows, reserved)
        project: str | None = None
        stage: str | None = None
        stage_level = 2 if self.programme_file else 1
        for index, row in enumerate(rows):
            following = rows[index + 1].level if index + 1 < len(rows) else 0
            row.summary = following > row.level
            if self.programme_file and row.level == 1:
                project = row.id if row.summary else None
                stage = None
                row.role = "project" if row.summary else "item"
            elif row.level == stage_level:
                stage = row.id if row.summary else None
                row.role = "stage" if row.summary else "item"
            elif row.summary:
                row.role = "flattened"
            row.project = project if row.role != "project" else None
            row.stage = stage if row.role != "stage" else None
        return rows

    def assign_ids(self, rows: list[_Row], reserved: list[str]) -> None:
        """Each row's id: the one written in `progman id` when it is a valid, unused id,
        else a slug of its name."""
        usable = [row.wanted for row in rows if is_id(row.wanted)]
        ids = IdMaker([*reserved, *usable])
        used: set[str] = set(reserved)
        for row in rows:
            wanted = row.wanted
            if wanted is not None and is_id(wanted) and wanted not in used:
                row.id = wanted
            else:
                row.id = ids.make(row.name, row.uid)
                if wanted is not None:
                    self.approximated(
                        f"the progman id {wanted!r} of {row.name!r} is "
                        f"{'used twice' if is_id(wanted) else 'not a valid id'}: "
                        f"{row.id!r} is used",
                        row.element,
                        subject=row.id,
                    )
            used.add(row.id)

    def item(self, row: _Row, by_uid: dict[int, _Row]) -> Task | Milestone | None:
        element = row.element
        self.common_extras(row)
        days = self.duration_days(row)
        links = self.links(row, by_uid)
        constraints = self.constraints(row)
        if self.flag(element, "Manual") and not row.summary:
            links, constraints, days = self.manual(row, links, constraints, days)
        # the days worked, as for Start and Finish (a 24-hour day ends at 00:00 the next day)
        actual_start, actual_finish = self.work_days(element, "ActualStart", "ActualFinish")
        notes = self.text(element, "Notes")
        common: dict[str, Any] = {
            "id": row.id,
            "name": row.name,
            "depends_on": links,
            "notes": notes,
            **constraints,
        }
        if days is None and self.child(element, "Duration") is None:
            self.approximated(f"{row.name!r} has no <Duration>: read as a milestone", element)
            days = 0
        try:
            if self.flag(element, "Milestone") or days == 0:
                if days:
                    self.approximated(
                        f"{row.name!r} is flagged as a milestone with a duration of {days} "
                        "day(s): carried as a milestone, the duration is dropped",
                        element,
                        subject=row.id,
                    )
                done = actual_finish or (actual_start if self.percent(row) == 100 else None)
                return Milestone(**common, achieved_on=done)
            percent = self.percent(row)
            remaining = None
            if actual_start is not None and actual_finish is None:
                remaining = self.days_of(row, "RemainingDuration")
            return Task(
                **common,
                duration=days or 0,
                calendar=row.calendar,
                actual_start=actual_start,
                actual_finish=actual_finish,
                percent_complete=percent,
                remaining_duration=remaining,
            )
        except ValidationError as error:
            for problem in error.errors():
                self.report(
                    "MSPDI-INVALID",
                    Severity.ERROR,
                    f"task {row.name!r}: {problem['msg']}",
                    element,
                    subject=row.id,
                )
            return None

    def manual(
        self, row: _Row, links: list[Dependency], constraints: dict[str, Any], days: int | None
    ) -> tuple[list[Dependency], dict[str, Any], int | None]:
        """A manually scheduled task stays where the file puts it: its start is held
        (start no earlier than), it lasts the working days from its start to its finish,
        and its links and constraints do not move it."""
        element = row.element
        manual = self.day(element, "ManualStart") is not None
        start, finish = self.work_days(
            element, *(("ManualStart", "ManualFinish") if manual else ("Start", "Finish"))
        )
        if start is None:
            self.approximated(
                f"{row.name!r} is manually scheduled but the file gives no start: progman "
                "schedules it from its links and constraints",
                element,
                subject=row.id,
            )
            return links, constraints, days
        if days and finish is not None and finish >= start:
            # its dates as typed in (a part day counts whole, as the date check shows it)
            days = max(1, self.working_on(row, start).working_days_between(start, finish))
        self.report(
            "MSPDI-MANUAL",
            Severity.INFO,
            f"{row.name!r} is manually scheduled: kept at the file's dates from {start} (start "
            f"no earlier than, {days or 0} working day(s)); its {len(links)} link(s) and "
            "constraints do not move it",
            element,
            subject=row.id,
            links=[link.on for link in links],
        )
        kept: dict[str, Any] = {"start_no_earlier_than": start}
        if "must_finish_by" in constraints:  # a deadline flags lateness, it moves nothing
            kept["must_finish_by"] = constraints["must_finish_by"]
        return [], kept, days

    def percent(self, row: _Row) -> Decimal | None:
        value = self.text(row.element, "PercentComplete")
        if value is None:
            return None
        try:
            percent = Decimal(value)
        except InvalidOperation:
            percent = Decimal("NaN")
        if not percent.is_finite() or not 0 <= percent <= 100:
            self.bad_value(
                self.at(row.element, "PercentComplete"),
                f"<PercentComplete> should be a number from 0 to 100, not {value!r}",
            )
            return None
        return percent or None  # MS Project writes 0 on every task not yet started

    def duration_days(self, row: _Row) -> int | None:
        """Working days of a row's <Duration>; an elapsed duration is days round the clock,
        and the task is put on the `elapsed` calendar, which works every day."""
        elapsed = (self.integer(row.element, "DurationFormat") or 7) in ELAPSED_FORMATS
        days = self.days_of(row, "Duration", elapsed=elapsed)
        if elapsed and days:
            row.calendar = ELAPSED_CALENDAR
            self.report(
                "MSPDI-ELAPSED",
                Severity.INFO,
                f"the elapsed duration of {row.name!r} ({days} calendar day(s), round the "
                f"clock) is carried on calendar {ELAPSED_CALENDAR!r}, which works every day",
                row.element,
                subject=row.id,
            )
        return days

    def days_of(self, row: _Row, tag: str, *, elapsed: bool = False) -> int | None:
        value = self.text(row.element, tag)
        if value is None:
            return None
        try:
            minutes = parse_duration_minutes(value, self.minutes_per_day)
        except ValueError as error:
            self.bad_value(self.at(row.element, tag), f"<{tag}>: {error}")
            return None
        per_day = 24 * 60 if elapsed else self.minutes_per_day
        if isinstance(minutes, int) and minutes % per_day == 0:
            return max(minutes // per_day, 0)
        days = Fraction(minutes) / per_day
        if days.denominator != 1:
            rounded = math.ceil(days)
            self.approximated(
                f"<{tag}> of {row.name!r} is {float(days):g} {'elapsed' if elapsed else 'working'} "
                f"days: rounded up to {rounded}",
                self.at(row.element, tag),
                subject=row.id,
                days=float(days),
            )
            return max(rounded, 0)
        return max(int(days), 0)

    def links(self, row: _Row, by_uid: dict[int, _Row]) -> list[Dependency]:
        links: list[Dependency] = []
        for link in self.children(row.element, "PredecessorLink"):
            if self.flag(link, "CrossProject"):
                other = self.text(link, "CrossProjectName") or "another project"
                self.unmapped(f"the link from {other} into {row.name!r}", link, subject=row.id)
                continue
            uid = self.integer(link, "PredecessorUID")
            predecessor = by_uid.get(uid) if uid is not None else None
            if predecessor is None:
                self.report(
                    "MSPDI-LINK",
                    Severity.WARNING,
                    f"the link into {row.name!r} names predecessor UID {uid}, which is not a "
                    "task read from the file: not carried",
                    link,
                    subject=row.id,
                )
                continue
            if predecessor.summary and predecessor.role == "flattened":
                self.report(
                    "MSPDI-LINK",
                    Severity.WARNING,
                    f"the link from summary task {predecessor.name!r} into {row.name!r} is not "
                    "carried: only summary tasks read as stages or projects can be linked to",
                    link,
                    subject=row.id,
                )
                continue
            code = self.integer(link, "Type")
            kind = LINK_TYPES.get(1 if code is None else code)
            if kind is None:
                self.bad_value(link, f"link <Type> {code} is not 0 (FF), 1 (FS), 2 (SF) or 3 (SS)")
                continue
            lag, elapsed = self.lag(link, row, predecessor)
            try:
                links.append(Dependency(on=predecessor.id, type=kind, lag=lag, elapsed_lag=elapsed))
            except ValidationError as error:
                message = error.errors()[0]["msg"].removeprefix("Value error, ")
                self.bad_value(self.at(link, "LinkLag"), f"the link into {row.name!r}: {message}")
        return links

    def lag(self, link: ET.Element, row: _Row, predecessor: _Row) -> tuple[int, bool]:
        """The lag in days, and whether they are elapsed (calendar) days."""
        value = self.integer(link, "LinkLag") or 0
        if value == 0:
            return 0, False
        tenths: int | Fraction = value
        fmt = self.integer(link, "LagFormat") or 7
        what = f"the lag from {predecessor.name!r} to {row.name!r}"
        if fmt in PERCENT_FORMATS:
            # MS Project: that percentage (LinkLag holds the percentage itself) of the
            # predecessor's duration, in its kind of time (elapsed or working).
            share = self.percent_lag(predecessor, value)
            if share is None:
                self.unmapped(
                    f"{what}, a percentage of the predecessor's duration (lag 0 used)",
                    link,
                    subject=row.id,
                    link_lag=value,
                )
                return 0, False
            tenths, elapsed = share
            fmt = ELAPSED_DAYS_FORMAT if elapsed or fmt in ELAPSED_FORMATS else DAYS_FORMAT
        elapsed = fmt in ELAPSED_FORMATS
        if not elapsed and tenths % (10 * self.minutes_per_day) == 0:
            return tenths // (10 * self.minutes_per_day), False  # whole days: the usual case
        minutes = Fraction(tenths, 10)
        days = minutes / (24 * 60 if elapsed else self.minutes_per_day)
        if days.denominator != 1:
            rounded = math.ceil(days)
            self.approximated(
                f"{what} is {float(days):g} {'elapsed' if elapsed else 'working'} days: "
                f"rounded up to {rounded}",
                link,
                subject=row.id,
            )
            return rounded, elapsed
        return int(days), elapsed

    def percent_lag(self, predecessor: _Row, percent: int) -> tuple[Fraction, bool] | None:
        """A lag of `percent` of the predecessor's duration, in tenths of a minute, and
        whether that duration is elapsed; None when the predecessor has no duration."""
        duration = self.text(predecessor.element, "Duration")
        if duration is None:
            return None
        try:
            minutes = parse_duration_minutes(duration, self.minutes_per_day)
        except ValueError:
            return None  # said where the predecessor's duration is read
        elapsed = (self.integer(predecessor.element, "DurationFormat") or 7) in ELAPSED_FORMATS
        return Fraction(minutes) * 10 * percent / 100, elapsed

    def working_on(self, row: _Row, near: date) -> WorkingCalendar:
        """The working days of a row's calendar (its own, elapsed or the project's), from
        the year before `near`."""
        from ..schedule import WorkingCalendar

        name = row.calendar or "default"
        key = (name, near.year - 1)
        if key not in self.working:
            if name == ELAPSED_CALENDAR:
                model = Calendar(region=BankHolidayRegion.NONE, working_days=list(Weekday))
            else:
                model = next(
                    (c for c in self.task_calendars.values() if c is not None and c.id == name),
                    self.project_calendar,
                )
            self.working[key] = WorkingCalendar(model, first_year=key[1])
        return self.working[key]

    def constraints(self, row: _Row) -> dict[str, Any]:
        element = row.element
        out: dict[str, Any] = {}
        kind = self.integer(element, "ConstraintType") or ASAP
        when = self.day(element, "ConstraintDate")
        at = _minutes_of(self.text(element, "ConstraintDate"))
        if when is not None and kind in {MFO, FNET, FNLT} and 0 <= at <= self.opens:
            when -= timedelta(days=1)  # a finish at the day's opening (a 24-hour day's 00:00)
        name = CONSTRAINT_NAMES.get(kind, f"constraint type {kind}")
        if kind == ALAP:
            out["as_late_as_possible"] = True
        elif kind != ASAP and when is None:
            self.bad_value(element, f"{row.name!r} has a '{name}' constraint without a date")
        elif kind == SNET:
            out["start_no_earlier_than"] = when
        elif kind == FNET:
            out["finish_no_earlier_than"] = when
        elif kind == SNLT:
            out["start_no_later_than"] = when
        elif kind == FNLT:
            out["finish_no_later_than"] = when
        elif kind == MSO:  # no earlier and no later than the date
            out["start_no_earlier_than"] = out["start_no_later_than"] = when
        elif kind == MFO:  # no earlier and no later than the finish
            out["finish_no_earlier_than"] = out["finish_no_later_than"] = when
        elif kind != ASAP:
            self.unmapped(
                f"the '{name}' {when} constraint on {row.name!r}", element, subject=row.id
            )
        deadline = self.day(element, "Deadline")
        if deadline is not None:
            current = out.get("must_finish_by")
            out["must_finish_by"] = min(deadline, current) if current else deadline
        return out


@dataclass
class _Holder:
    """What a project or stage row collects while the rows are read."""

    id: str
    name: str
    start: date | None = None
    depends_on: list[Dependency] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)


def _baseline_label(label: str | None) -> tuple[str, date, str] | None:
    """(id, date, name) from a `progman baseline N` value `id|date|name`, if it is one."""
    if label is None:
        return None
    parts = label.split("|", 2)
    if len(parts) != 3 or not is_id(parts[0]) or not parts[2]:
        return None
    try:
        return parts[0], date.fromisoformat(parts[1]), parts[2]
    except ValueError:
        return None


def _minutes_of(text: str | None) -> int:
    """The time of day of an MSPDI date-time (`2013-01-14T08:00:00`) in minutes after
    midnight; -1 when it has none that can be read."""
    clock = (text or "").partition("T")[2].split(":")
    if len(clock) < 2 or not (clock[0].isdigit() and clock[1].isdigit()):
        return -1
    return int(clock[0]) * 60 + int(clock[1])


def _listed(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(repr(name) for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def read(data: bytes, source: str) -> ReadOutcome:
    """Read MSPDI bytes; `source` names the file in findings.

    The collector is paused while reading (`bulk_objects`): the tree and the model make
    millions of objects that all live until the end, and collecting them over and over
    cost a third of the time.
    """
    with bulk_objects():
        return _Reader(source).read(data)
