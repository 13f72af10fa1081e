"""Writing a project (or a programme) as Microsoft Project XML (MSPDI).

The public face is `progman.io.mspdi.dump`. The file is the minimal one
Microsoft Project opens: the project's name, start, minutes per day and
calendar, and tasks with their outline, durations, milestones, constraints,
deadlines, links and actuals. Elements are written in the order the MSPDI
schema's sequences require.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time

from ..findings import Finding, Severity
from ..model import (
    BankHolidayRegion,
    Calendar,
    Milestone,
    Programme,
    Project,
    Stage,
    Task,
    Weekday,
)
from ._mspdi_codes import (
    ALAP,
    ASAP,
    DAYS_FORMAT,
    DEFAULT_MINUTES_PER_DAY,
    LINK_CODES,
    NAMESPACE,
    SNET,
    format_datetime,
    format_duration,
)

HolidayLookup = Callable[[BankHolidayRegion, date, date], Iterable[tuple[date, str]]]
"""Gives the bank holidays of a region between two dates, with their names."""

Dates = Mapping[str, tuple[date | None, date | None]]
"""Scheduled (start, finish) by item id, written as each task's Start and Finish."""

_DAY_TYPE = {day: (n + 1) % 7 + 1 for n, day in enumerate(Weekday)}  # mon=2 .. sat=7, sun=1
_MORNING = (time(8), time(12))
_AFTERNOON = (time(13), time(17))
_START, _FINISH = time(8), time(17)


@dataclass
class _Entry:
    """One row of the Gantt chart to write."""

    uid: int
    level: int
    name: str
    key: str
    item: Task | Milestone | None = None
    links_from: list[tuple[str, int, int]] = field(default_factory=list)  # on, type, lag days


def _sub(parent: ET.Element, tag: str, text: object | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


class _Writer:
    """Builds the XML tree for one project, or one programme of several."""

    def __init__(self, dates: Dates, minutes_per_day: int = DEFAULT_MINUTES_PER_DAY) -> None:
        self.dates = dates
        self.minutes_per_day = minutes_per_day
        self.findings: list[Finding] = []
        self.entries: list[_Entry] = []
        self.uids: dict[str, int] = {}
        self.not_written: dict[str, list[str]] = defaultdict(list)

    # --- collecting rows -------------------------------------------------------------

    def add(self, level: int, name: str, item: Task | Milestone | None, key: str) -> _Entry:
        entry = _Entry(len(self.entries) + 1, level, name, key, item)
        self.entries.append(entry)
        self.uids[key] = entry.uid
        if item is not None:
            entry.links_from = [
                (link.on, LINK_CODES[link.type], link.lag) for link in item.depends_on
            ]
            for name_ in ("owner", "budget", "actual_cost", "tolerances"):
                if getattr(item, name_, None):
                    self.not_written[name_].append(item.id)
            if any(link.note or link.owner or link.counterpart for link in item.depends_on):
                self.not_written["dependency notes, owners and counterparts"].append(item.id)
        return entry

    def add_project(self, project: Project, level: int) -> None:
        items: list[Task | Milestone] = [*project.tasks, *project.milestones]
        for item in items:
            self.add(level, item.name, item, item.id)
        for stage in project.stages:
            self.add_stage(stage, level)
        if project.depends_on:
            self.not_written["whole-project dependencies"].append(project.id)

    def add_stage(self, stage: Stage, level: int) -> None:
        self.add(level, stage.name, None, stage.id)
        items: list[Task | Milestone] = [*stage.tasks, *stage.milestones]
        for item in items:
            self.add(level + 1, item.name, item, item.id)

    # --- the document ----------------------------------------------------------------

    def document(
        self,
        name: str,
        start: date,
        calendar: Calendar,
        holidays: HolidayLookup | None,
        status_date: date | None = None,
    ) -> ET.Element:
        root = ET.Element("Project", xmlns=NAMESPACE)
        _sub(root, "SaveVersion", 12)  # Project 2007: every task auto-scheduled
        _sub(root, "Name", f"{name}.xml")
        _sub(root, "Title", name)
        _sub(root, "ScheduleFromStart", 1)
        _sub(root, "StartDate", format_datetime(start, _START))
        _sub(root, "FYStartDate", 4)  # the UK public sector's year starts in April
        _sub(root, "CurrencyDigits", 2)
        _sub(root, "CurrencySymbol", "£")
        _sub(root, "CurrencyCode", "GBP")  # required by the 2007 schema
        _sub(root, "CurrencySymbolPosition", 0)
        _sub(root, "CalendarUID", 1)
        _sub(root, "DefaultStartTime", _START.isoformat())
        _sub(root, "DefaultFinishTime", _FINISH.isoformat())
        _sub(root, "MinutesPerDay", self.minutes_per_day)
        _sub(root, "MinutesPerWeek", self.minutes_per_day * len(calendar.working_days))
        _sub(root, "DaysPerMonth", 20)
        _sub(root, "DurationFormat", DAYS_FORMAT)
        _sub(root, "WorkFormat", 2)  # hours
        _sub(root, "NewTasksEstimated", 0)
        if status_date is not None:  # the schema puts it after the project's settings
            _sub(root, "StatusDate", format_datetime(status_date, _FINISH))
        self.calendar(_sub(root, "Calendars"), calendar, start, holidays)
        tasks = _sub(root, "Tasks")
        self.project_summary(tasks, name)
        for entry in self.entries:
            self.task(tasks, entry)
        return root

    def calendar(
        self, parent: ET.Element, calendar: Calendar, start: date, holidays: HolidayLookup | None
    ) -> None:
        element = _sub(parent, "Calendar")
        _sub(element, "UID", 1)
        _sub(element, "Name", "Standard")
        _sub(element, "IsBaseCalendar", 1)
        _sub(element, "BaseCalendarUID", -1)
        weekdays = _sub(element, "WeekDays")
        for day in [Weekday.SUN, Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU,
                    Weekday.FRI, Weekday.SAT]:  # fmt: skip
            weekday = _sub(weekdays, "WeekDay")
            _sub(weekday, "DayType", _DAY_TYPE[day])
            working = day in calendar.working_days
            _sub(weekday, "DayWorking", int(working))
            if working:
                self.working_times(weekday)
        closures = [(c.start, c.end or c.start, c.name) for c in calendar.closures]
        if calendar.region is not BankHolidayRegion.NONE:
            if holidays is None:
                self.findings.append(
                    Finding(
                        "MSPDI-NOT-WRITTEN",
                        Severity.WARNING,
                        f"the {calendar.region} bank holidays are not written into the "
                        "calendar (no holiday table available): add them in Microsoft Project",
                    )
                )
            else:
                until = date(start.year + 5, 12, 31)
                closures += [
                    (day, day, label) for day, label in holidays(calendar.region, start, until)
                ]
        exceptions = _sub(element, "Exceptions")
        for first, last, label in sorted(closures, key=lambda c: (c[0], c[1])):
            self.exception(exceptions, first, last, label, working=False)
        for worked in sorted(calendar.working_weekends):
            self.exception(exceptions, worked, worked, "Working day", working=True)

    def working_times(self, parent: ET.Element) -> None:
        times = _sub(parent, "WorkingTimes")
        if self.minutes_per_day == DEFAULT_MINUTES_PER_DAY:
            periods = [_MORNING, _AFTERNOON]
        else:  # one stretch from 08:00, so a day holds exactly minutes-per-day
            minutes = 8 * 60 + min(self.minutes_per_day, 16 * 60 - 1)
            periods = [(_START, time(minutes // 60, minutes % 60))]
        for frm, to in periods:
            period = _sub(times, "WorkingTime")
            _sub(period, "FromTime", frm.isoformat())
            _sub(period, "ToTime", to.isoformat())

    def exception(
        self, parent: ET.Element, first: date, last: date, name: str | None, *, working: bool
    ) -> None:
        element = _sub(parent, "Exception")
        _sub(element, "EnteredByOccurrences", 0)
        period = _sub(element, "TimePeriod")
        _sub(period, "FromDate", format_datetime(first, time()))
        _sub(period, "ToDate", format_datetime(last, time(23, 59)))
        _sub(element, "Occurrences", 1)
        _sub(element, "Name", name or ("Working day" if working else "Closure"))
        _sub(element, "Type", 1)
        _sub(element, "DayWorking", int(working))
        if working:
            self.working_times(element)

    def project_summary(self, parent: ET.Element, name: str) -> None:
        element = _sub(parent, "Task")
        _sub(element, "UID", 0)
        _sub(element, "ID", 0)
        _sub(element, "Name", name)
        _sub(element, "OutlineNumber", 0)
        _sub(element, "OutlineLevel", 0)
        _sub(element, "Summary", 1)

    def task(self, parent: ET.Element, entry: _Entry) -> None:
        element = _sub(parent, "Task")
        _sub(element, "UID", entry.uid)
        _sub(element, "ID", entry.uid)
        _sub(element, "Name", entry.name)
        _sub(element, "IsNull", 0)
        _sub(element, "OutlineLevel", entry.level)
        self.scheduled(element, entry)
        item = entry.item
        if item is None:
            _sub(element, "Milestone", 0)
            _sub(element, "Summary", 1)
            return
        _sub(element, "Duration", format_duration(item.duration, self.minutes_per_day))
        _sub(element, "DurationFormat", DAYS_FORMAT)
        _sub(element, "Estimated", 0)
        _sub(element, "Milestone", int(isinstance(item, Milestone)))
        _sub(element, "Summary", 0)
        self.progress(element, item)
        self.constraint(element, item)
        if item.notes:
            _sub(element, "Notes", item.notes)
        for on, code, lag in entry.links_from:
            predecessor = self.uids.get(on)
            if predecessor is None:
                self.not_written["links to items outside the file"].append(f"{item.id} <- {on}")
                continue
            link = _sub(element, "PredecessorLink")
            _sub(link, "PredecessorUID", predecessor)
            _sub(link, "Type", code)
            _sub(link, "CrossProject", 0)
            _sub(link, "LinkLag", lag * self.minutes_per_day * 10)
            _sub(link, "LagFormat", DAYS_FORMAT)

    def scheduled(self, element: ET.Element, entry: _Entry) -> None:
        start, finish = self.dates.get(entry.key, (None, None))
        if start is None or finish is None:
            return
        if isinstance(entry.item, Milestone):
            # MS Project puts a milestone at the end of its predecessor's last day.
            at = _FINISH if entry.item.depends_on else _START
            _sub(element, "Start", format_datetime(start, at))
            _sub(element, "Finish", format_datetime(finish, at))
        else:
            _sub(element, "Start", format_datetime(start, _START))
            _sub(element, "Finish", format_datetime(finish, _FINISH))

    def progress(self, element: ET.Element, item: Task | Milestone) -> None:
        if isinstance(item, Milestone):
            if item.achieved_on is not None:
                _sub(element, "PercentComplete", 100)
                _sub(element, "ActualStart", format_datetime(item.achieved_on, _FINISH))
                _sub(element, "ActualFinish", format_datetime(item.achieved_on, _FINISH))
            return
        if item.percent_complete is not None:
            _sub(element, "PercentComplete", round(item.percent_complete))
        if item.actual_start is not None:
            _sub(element, "ActualStart", format_datetime(item.actual_start, _START))
        if item.actual_finish is not None:
            _sub(element, "ActualFinish", format_datetime(item.actual_finish, _FINISH))
        if item.remaining_duration is not None:
            _sub(
                element,
                "RemainingDuration",
                format_duration(item.remaining_duration, self.minutes_per_day),
            )

    def constraint(self, element: ET.Element, item: Task | Milestone) -> None:
        if item.start_no_earlier_than is not None:
            if item.as_late_as_possible:
                self.not_written["'as late as possible' beside a start constraint"].append(item.id)
            _sub(element, "ConstraintType", SNET)
            _sub(element, "ConstraintDate", format_datetime(item.start_no_earlier_than, _START))
        else:
            _sub(element, "ConstraintType", ALAP if item.as_late_as_possible else ASAP)
        if item.must_finish_by is not None:
            _sub(element, "Deadline", format_datetime(item.must_finish_by, _FINISH))

    def summarise_not_written(self) -> None:
        for what, subjects in self.not_written.items():
            self.findings.append(
                Finding(
                    "MSPDI-NOT-WRITTEN",
                    Severity.WARNING,
                    f"{what} not written ({len(subjects)}: {', '.join(subjects[:5])}"
                    f"{', ...' if len(subjects) > 5 else ''})",
                    data={"subjects": subjects},
                )
            )


def write(
    target: Programme | Project,
    *,
    calendar: Calendar | None,
    start: date | None,
    holidays: HolidayLookup | None,
    dates: Dates | None = None,
) -> tuple[ET.ElementTree[ET.Element] | None, list[Finding]]:
    """The MSPDI tree for a project or programme, with findings on what is not carried."""
    writer = _Writer(dates or {})
    if isinstance(target, Project):
        name, projects, milestones = target.name, [target], []
        chosen = calendar or Calendar()
        start = start or target.start
    else:
        name, projects, milestones = target.name, target.projects, target.milestones
        single = len(projects) == 1 and not milestones
        if single:
            name = projects[0].name
        chosen = calendar or target.calendar(projects[0].calendar if single else None)
        start = start or (projects[0].start if single else None) or target.start
        if start is None:
            start = min((p.start for p in projects if p.start), default=None)
        extras = [
            part
            for part in ("risks", "issues", "benefits", "approvals", "delegations", "people")
            if getattr(target, part)
        ]
        if extras:
            writer.findings.append(
                Finding(
                    "MSPDI-NOT-WRITTEN",
                    Severity.INFO,
                    f"the programme's {', '.join(extras)} have no place in a Microsoft "
                    "Project file and are not written",
                )
            )
    if start is None:
        writer.findings.append(
            Finding(
                "MSPDI-NO-START",
                Severity.ERROR,
                "no start date: give the project (or programme) a start, or pass start=",
            )
        )
        return None, writer.findings
    if len(projects) == 1 and not milestones:
        writer.add_project(projects[0], 1)
    else:
        for project in projects:  # each project becomes a level-1 summary task
            writer.add(1, project.name, None, project.id)
            writer.add_project(project, 2)
        for milestone in milestones:
            writer.add(1, milestone.name, milestone, milestone.id)
    status_date = None if isinstance(target, Project) else target.status_date
    root = writer.document(name, start, chosen, holidays, status_date)
    writer.summarise_not_written()
    ET.indent(root)
    return ET.ElementTree(root), writer.findings
