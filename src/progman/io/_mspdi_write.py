"""Writing a project (or a programme) as Microsoft Project XML (MSPDI).

The public face is `progman.io.mspdi.dump`. The file is the minimal one
Microsoft Project opens: the project's name, start, minutes per day and
calendar, and tasks with their outline, durations, milestones, constraints,
deadlines, links and actuals. Elements are written in the order the MSPDI
schema's sequences require.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from ..findings import Finding, Severity
from ..model import (
    BankHolidayRegion,
    Baseline,
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
    BASELINE_FIELDS,
    DAYS_FORMAT,
    DEFAULT_MINUTES_PER_DAY,
    ELAPSED_DAYS_FORMAT,
    FNET,
    FNLT,
    ID_FIELD,
    KIND_FIELD,
    KIND_PROGRAMME,
    KIND_PROJECT,
    LINK_CODES,
    MAX_BASELINES,
    MFO,
    MSO,
    NAMESPACE,
    SNET,
    SNLT,
    CustomField,
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
    # on, type, lag days, whether they are elapsed days
    links_from: list[tuple[str, int, int, bool]] = field(default_factory=list)
    start: date | None = None  # a project's start, as a start-no-earlier-than on its summary
    elapsed: bool = False  # a task on a calendar working every day: an elapsed duration


@dataclass(frozen=True)
class _BaselineDates:
    """One item's dates and cost in one baseline, numbered as MS Project numbers them."""

    number: int
    start: date | None
    finish: date | None
    budget: object | None


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
        self.baselines: dict[str, list[_BaselineDates]] = defaultdict(list)
        self.baseline_labels: list[str] = []
        # Calendars working every day, with no holidays: a task on one has an elapsed duration.
        self.round_the_clock: set[str] = set()
        self.calendar_id = "default"  # the calendar written as the project calendar

    # --- collecting rows -------------------------------------------------------------

    def add(self, level: int, name: str, item: Task | Milestone | None, key: str) -> _Entry:
        entry = _Entry(len(self.entries) + 1, level, name, key, item)
        self.entries.append(entry)
        self.uids[key] = entry.uid
        if item is not None:
            entry.links_from = [
                (link.on, LINK_CODES[link.type], link.lag, link.elapsed_lag)
                for link in item.depends_on
            ]
            for name_ in ("owner", "budget", "actual_cost", "tolerances"):
                if getattr(item, name_, None):
                    self.not_written[name_].append(item.id)
            if any(link.note or link.owner or link.counterpart for link in item.depends_on):
                self.not_written["dependency notes, owners and counterparts"].append(item.id)
            if isinstance(item, Task) and item.calendar not in {None, self.calendar_id}:
                if item.calendar in self.round_the_clock:
                    entry.elapsed = True
                else:
                    self.not_written["task calendars (the project's is used)"].append(item.id)
        return entry

    def add_project(self, project: Project, level: int) -> None:
        items: list[Task | Milestone] = [*project.tasks, *project.milestones]
        for item in items:
            self.add(level, item.name, item, item.id)
        for stage in project.stages:
            self.add_stage(stage, level)

    def add_project_summary(self, project: Project) -> None:
        """A project as a level-1 summary row: its start a constraint, its links its own."""
        entry = self.add(1, project.name, None, project.id)
        entry.start = project.start
        entry.links_from = [
            (link.on, LINK_CODES[link.type], link.lag, link.elapsed_lag)
            for link in project.depends_on
        ]
        if any(link.note or link.owner or link.counterpart for link in project.depends_on):
            self.not_written["dependency notes, owners and counterparts"].append(project.id)
        self.add_project(project, 2)

    def add_baselines(self, baselines: list[Baseline], root: str, *, whole: bool) -> None:
        """Each baseline's item dates, for MS Project's Baseline, Baseline1..Baseline10.

        Call after every row is added; `root` is the id the project summary row (UID 0)
        stands for. With `whole` (the file holds the whole
        programme) an item the file does not hold is reported as not written.
        """
        if len(baselines) > MAX_BASELINES:
            kept = baselines[-MAX_BASELINES:]
            skipped = [b.id for b in baselines[: len(baselines) - MAX_BASELINES]]
            self.not_written[
                f"baselines beyond the {MAX_BASELINES} MS Project holds (the oldest)"
            ].extend(skipped)
            baselines = kept
        for number, baseline in enumerate(baselines):
            label = f"{baseline.id}|{baseline.date.isoformat()}|{baseline.name}"
            if len(label) > 255:  # MS Project's text fields hold 255 characters
                self.not_written["baseline names beyond 255 characters (cut)"].append(baseline.id)
                label = label[:255]
            self.baseline_labels.append(label)
            for item in baseline.items:
                if item.id not in self.uids and item.id != root:
                    if whole:
                        self.not_written["baseline dates of items not in the plan"].append(
                            f"{baseline.id}: {item.id}"
                        )
                    continue
                self.baselines[item.id].append(
                    _BaselineDates(number, item.start, item.finish, item.budget)
                )
            if baseline.risks or baseline.benefits:
                self.not_written["baselined risk scores and benefit profiles"].append(baseline.id)

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
        own: tuple[str, str] | None = None,
    ) -> ET.Element:
        key, kind = own or ("", KIND_PROJECT)
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
        fields = [ID_FIELD, KIND_FIELD, *BASELINE_FIELDS[: len(self.baseline_labels)]]
        definitions = _sub(root, "ExtendedAttributes")
        for custom in fields:
            definition = _sub(definitions, "ExtendedAttribute")
            _sub(definition, "FieldID", custom.field_id)
            _sub(definition, "FieldName", custom.field_name)
            _sub(definition, "Alias", custom.alias)
        self.calendar(_sub(root, "Calendars"), calendar, start, holidays)
        tasks = _sub(root, "Tasks")
        self.project_summary(tasks, name, key, kind)
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

    def project_summary(self, parent: ET.Element, name: str, key: str, kind: str) -> None:
        element = _sub(parent, "Task")
        _sub(element, "UID", 0)
        _sub(element, "ID", 0)
        _sub(element, "Name", name)
        _sub(element, "OutlineNumber", 0)
        _sub(element, "OutlineLevel", 0)
        _sub(element, "Summary", 1)
        if key:
            _custom(element, ID_FIELD, key)
        _custom(element, KIND_FIELD, kind)
        for custom, label in zip(BASELINE_FIELDS, self.baseline_labels, strict=False):
            _custom(element, custom, label)
        self.baseline(element, key)

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
            if entry.start is not None:
                _sub(element, "ConstraintType", SNET)
                _sub(element, "ConstraintDate", format_datetime(entry.start, _START))
            self.links(element, entry, entry.key)
            _custom(element, ID_FIELD, entry.key)
            self.baseline(element, entry.key)
            return
        if entry.elapsed:  # days round the clock
            _sub(element, "Duration", format_duration(item.duration, 24 * 60))
            _sub(element, "DurationFormat", ELAPSED_DAYS_FORMAT)
        else:
            _sub(element, "Duration", format_duration(item.duration, self.minutes_per_day))
            _sub(element, "DurationFormat", DAYS_FORMAT)
        _sub(element, "Estimated", 0)
        _sub(element, "Milestone", int(isinstance(item, Milestone)))
        _sub(element, "Summary", 0)
        self.progress(element, item)
        self.constraint(element, item)
        if item.notes:
            _sub(element, "Notes", item.notes)
        self.links(element, entry, item.id)
        _custom(element, ID_FIELD, item.id)
        self.baseline(element, item.id)

    def links(self, element: ET.Element, entry: _Entry, subject: str) -> None:
        for on, code, lag, elapsed in entry.links_from:
            predecessor = self.uids.get(on)
            if predecessor is None:
                self.not_written["links to items outside the file"].append(f"{subject} <- {on}")
                continue
            link = _sub(element, "PredecessorLink")
            _sub(link, "PredecessorUID", predecessor)
            _sub(link, "Type", code)
            _sub(link, "CrossProject", 0)
            if elapsed:  # calendar days round the clock
                _sub(link, "LinkLag", lag * 24 * 60 * 10)
                _sub(link, "LagFormat", ELAPSED_DAYS_FORMAT)
            else:
                _sub(link, "LinkLag", lag * self.minutes_per_day * 10)
                _sub(link, "LagFormat", DAYS_FORMAT)

    def baseline(self, element: ET.Element, key: str) -> None:
        for saved in self.baselines.get(key, []):
            baseline = _sub(element, "Baseline")
            _sub(baseline, "Number", saved.number)
            if saved.start is not None:
                _sub(baseline, "Start", format_datetime(saved.start, _START))
            if saved.finish is not None:
                _sub(baseline, "Finish", format_datetime(saved.finish, _FINISH))
            if saved.budget is not None:  # MSPDI holds money in hundredths (pence)
                _sub(baseline, "Cost", _pence(saved.budget))

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
            if item.percent_complete != round(item.percent_complete):
                self.not_written["fractions of a percent complete (rounded)"].append(item.id)
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
        """MS Project's one constraint per task: no earlier and no later than one start is
        must start on, no earlier and no later than one finish must finish on."""
        early, start_by = item.start_no_earlier_than, item.start_no_later_than
        done_after, finish_by = item.finish_no_earlier_than, item.finish_no_later_than
        given = sum(day is not None for day in (early, start_by, done_after, finish_by))
        chosen: tuple[int, date, time] | None = None
        used = 1
        if early is not None and early == start_by:
            chosen, used = (MSO, early, _START), 2
        elif done_after is not None and done_after == finish_by:
            chosen, used = (MFO, done_after, _FINISH), 2
        elif early is not None:
            chosen = (SNET, early, _START)
        elif done_after is not None:
            chosen = (FNET, done_after, _FINISH)
        elif start_by is not None:
            chosen = (SNLT, start_by, _START)
        elif finish_by is not None:
            chosen = (FNLT, finish_by, _FINISH)
        if given > used:
            self.not_written["a second date constraint (MS Project has one per task)"].append(
                item.id
            )
        if chosen is None:
            _sub(element, "ConstraintType", ALAP if item.as_late_as_possible else ASAP)
        else:
            if item.as_late_as_possible:
                self.not_written["'as late as possible' beside a date constraint"].append(item.id)
            _sub(element, "ConstraintType", chosen[0])
            _sub(element, "ConstraintDate", format_datetime(chosen[1], chosen[2]))
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


def _custom(element: ET.Element, custom: CustomField, value: str) -> None:
    attribute = _sub(element, "ExtendedAttribute")
    _sub(attribute, "FieldID", custom.field_id)
    _sub(attribute, "Value", value)


def _pence(amount: object) -> str:
    return format(Decimal(str(amount)) * 100, "f")


def write(
    target: Programme | Project,
    *,
    calendar: Calendar | None,
    start: date | None,
    holidays: HolidayLookup | None,
    dates: Dates | None = None,
    project: str | None = None,
) -> tuple[ET.ElementTree[ET.Element] | None, list[Finding]]:
    """The MSPDI tree for a project or programme, with findings on what is not carried.

    A programme is written whole (its projects at outline level 1), unless
    `project` names one of its projects: then that project alone, its stages at
    level 1, with the programme's calendar, status date and baselines.
    """
    writer = _Writer(dates or {})
    programme = target if isinstance(target, Programme) else None
    if programme is not None:
        writer.round_the_clock = {
            c.id
            for c in programme.calendars
            if set(c.working_days) == set(Weekday)
            and c.region == BankHolidayRegion.NONE
            and not c.closures
        }
    chosen_project: Project | None = target if isinstance(target, Project) else None
    if programme is not None and project is not None:
        chosen_project = next((p for p in programme.projects if p.id == project), None)
        if chosen_project is None:
            known = ", ".join(p.id for p in programme.projects) or "none"
            writer.findings.append(
                Finding(
                    "MSPDI-NO-PROJECT",
                    Severity.ERROR,
                    f"the programme has no project {project!r} (its projects: {known})",
                )
            )
            return None, writer.findings
    if chosen_project is not None:
        name, root = chosen_project.name, (chosen_project.id, KIND_PROJECT)
        if programme is None:
            chosen = calendar or Calendar()
        else:
            chosen = calendar or programme.calendar(chosen_project.calendar)
        start = start or chosen_project.start or (programme.start if programme else None)
    else:
        assert programme is not None
        name, root = programme.name, (programme.id, KIND_PROGRAMME)
        chosen = calendar or programme.calendar()
        start = start or programme.start
        if start is None:
            start = min((p.start for p in programme.projects if p.start), default=None)
        others = [p.id for p in programme.projects if p.calendar not in {None, chosen.id}]
        if others and calendar is None:
            writer.not_written["project calendars other than the programme's default"] = others
    if programme is not None:
        extras = [
            part
            for part in ("risks", "issues", "benefits", "approvals", "delegations", "people")
            if getattr(programme, part)
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
    writer.calendar_id = chosen.id
    if chosen_project is not None:
        writer.add_project(chosen_project, 1)
        if chosen_project.depends_on:
            writer.not_written["whole-project dependencies"].append(chosen_project.id)
    else:
        assert programme is not None
        for each in programme.projects:  # each project becomes a level-1 summary task
            writer.add_project_summary(each)
        for milestone in programme.milestones:
            writer.add(1, milestone.name, milestone, milestone.id)
    status_date = programme.status_date if programme is not None else None
    if programme is not None:
        writer.add_baselines(programme.baselines, root[0], whole=chosen_project is None)
    document = writer.document(name, start, chosen, holidays, status_date, root)
    writer.summarise_not_written()
    return ET.ElementTree(document), writer.findings


def serialise(root: ET.Element, head: str = "", tail: str = "") -> str:
    """`head`, the tree as text, then `tail`; the tree is indented by two spaces a level, as
    `ET.indent` then `ET.tostring` give it for the trees `write` makes (attributes on the
    root only, no mixed content, no namespace prefixes), several times faster than
    ElementTree's pure-Python serialiser.

    The tree is emptied as it is written (each element's children dropped once written),
    so a large plan is never held twice, as a tree and as text."""
    out = io.StringIO()
    add = out.write
    add(head)

    def walk(element: ET.Element, pad: str) -> None:
        tag = element.tag
        inner = pad + "  "
        for child in element:
            if len(child):
                add(f"{inner}<{child.tag}>")
                walk(child, inner)
                continue
            text = child.text
            if text is None:
                add(f"{inner}<{child.tag} />")
            else:
                if "&" in text or "<" in text or ">" in text:
                    text = _escape_text(text)
                add(f"{inner}<{child.tag}>{text}</{child.tag}>")
        add(f"{pad}</{tag}>")
        element.clear()

    attributes = "".join(f' {k}="{_escape_attribute(v)}"' for k, v in root.items())
    if not len(root):
        text = root.text
        if text is None:
            add(f"<{root.tag}{attributes} />")
        else:
            add(f"<{root.tag}{attributes}>{_escape_text(text)}</{root.tag}>")
    else:
        add(f"<{root.tag}{attributes}>")
        walk(root, "\n")
    add(tail)
    return out.getvalue()


def _escape_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape_text(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
