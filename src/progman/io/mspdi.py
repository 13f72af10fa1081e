"""Microsoft Project XML (MSPDI) in and out: the "Save As XML" format that Microsoft
Project writes and ProjectLibre, GanttProject and MPXJ read and write.

`load(path)` reads a plan into a `Programme` holding one `Project` and returns
it in an `ImportResult` with the findings (what was approximated or not
carried, each naming the element) and the start and finish dates the file
itself holds. A file that cannot be read at all (not XML, not MSPDI, unsafe
XML, values the model rejects) raises `MspdiError`, whose `findings` list
every problem found, located by line and column. `dump(programme_or_project,
path)` writes a file Microsoft Project opens and returns what it could not
write. See docs/interop.md for the element-by-element mapping.

>>> from pathlib import Path
>>> result = loads(b'''<Project xmlns="http://schemas.microsoft.com/project">
...   <Title>Portal</Title><StartDate>2013-01-07T08:00:00</StartDate>
...   <Tasks>
...     <Task><UID>1</UID><ID>1</ID><Name>Build</Name><OutlineLevel>1</OutlineLevel>
...       <Duration>PT80H0M0S</Duration></Task>
...     <Task><UID>2</UID><ID>2</ID><Name>Go live</Name><OutlineLevel>1</OutlineLevel>
...       <Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
...       <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
...         <LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
...   </Tasks></Project>''')
>>> result.project.tasks
[Task(id='build', name='Build', duration=10)]
>>> result.project.milestones[0].depends_on
[Dependency(on='build', lag=1)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding, Severity, SourceLocation
from ..model import BankHolidayRegion, Calendar, Programme, Project
from ._mspdi_read import FileDates, read
from ._mspdi_write import HolidayLookup, serialise, write
from .atomic import write_atomic
from .compose import bulk_objects

if TYPE_CHECKING:
    from ..schedule import Schedule

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

__all__ = [
    "FileDates",
    "ImportResult",
    "MspdiError",
    "dump",
    "dumps",
    "load",
    "loads",
    "schedule_agreement",
    "uk_bank_holidays",
]


class MspdiError(ValueError):
    """A Microsoft Project file that cannot be read or written; `findings` holds every problem.

    >>> try:
    ...     loads(b"<Project><Tasks>")
    ... except MspdiError as error:
    ...     print(error.findings[0].code)
    MSPDI-XML
    """

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(finding) for finding in findings))
        self.findings = findings


@dataclass(frozen=True)
class ImportResult:
    """What `load` read: a programme holding one project, findings, and the file's own dates.

    `file_dates` maps each imported id (tasks, milestones and stages) to the
    start and finish Microsoft Project had computed and saved in the file.
    """

    programme: Programme
    """A programme holding exactly one project, with the file's calendar as `default`."""
    findings: tuple[Finding, ...]
    """Warnings and notes: what was approximated or not carried, each naming its element."""
    file_dates: Mapping[str, FileDates]
    """The file's computed Start and Finish of every item, by progman id."""
    locations: Mapping[str, SourceLocation] = field(default_factory=dict)
    """Where in the file each item's <Task> element starts, by progman id."""

    @property
    def project(self) -> Project:
        """The one project the file held."""
        return self.programme.projects[0]


def loads(data: bytes | str, source: str = "<mspdi>") -> ImportResult:
    """Read MSPDI from bytes or text; `source` names it in findings. See `load`."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    outcome = read(raw, source)
    if outcome.programme is None:
        errors = [f for f in outcome.findings if f.severity is Severity.ERROR]
        raise MspdiError(sorted(errors, key=Finding.sort_key))
    return ImportResult(
        outcome.programme, tuple(outcome.findings), outcome.file_dates, outcome.locations
    )


def load(path: str | Path) -> ImportResult:
    """Read a Microsoft Project XML file into a programme holding one project.

    Raises `MspdiError` (with every problem as a located `Finding`) when the
    file cannot be read, is not well-formed or safe XML, or holds values that
    cannot be mapped; anything merely approximated or left out comes back as
    warnings in `ImportResult.findings`.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise MspdiError(
            [Finding("MSPDI-READ", Severity.ERROR, f"{file}: cannot read: {error.strerror}")]
        ) from None
    return loads(data, str(file))


def schedule_agreement(result: ImportResult, schedule: Schedule | None = None) -> list[Finding]:
    """Compare progman's schedule of an imported plan with the dates the file holds.

    For an un-progressed plan saved by Microsoft Project, `progman.schedule` gives
    the same early start and finish as the file's own Start and Finish; every
    task, milestone or stage where it does not is one `MSPDI-DATES-DIFFER`
    warning with both pairs of dates, the shift in working days (in `data`) and
    a hint at why. An empty list means full agreement. `schedule` is computed
    when not given, without moving remaining work after the status date (as
    Microsoft Project leaves it until told to reschedule uncompleted work); raises
    `progman.schedule.ScheduleError` if it cannot be.
    """
    from ._mspdi_agreement import compare

    if schedule is None:
        from ..schedule import schedule as make_schedule

        # As Microsoft Project dates the file as saved: remaining work stays where the plan
        # put it, not moved after the status date (unless rescheduled there by hand).
        schedule = make_schedule(result.programme, reschedule=False)
    return compare(result.programme, result.file_dates, result.findings, result.locations, schedule)


def uk_bank_holidays(region: BankHolidayRegion, first: date, last: date) -> list[tuple[date, str]]:
    """The UK bank holidays of `region` from `first` to `last`, from the scheduler's table.

    >>> uk_bank_holidays(BankHolidayRegion.ENGLAND_AND_WALES, date(2013, 3, 1), date(2013, 4, 30))
    [(datetime.date(2013, 3, 29), 'Bank holiday'), (datetime.date(2013, 4, 1), 'Bank holiday')]
    """
    from ..schedule.calendar import bank_holidays

    days = bank_holidays(region.value, first.year, last.year)
    return [(day, "Bank holiday") for day in sorted(days) if first <= day <= last]


def dumps(
    programme_or_project: Programme | Project,
    *,
    calendar: Calendar | None = None,
    start: date | None = None,
    holidays: HolidayLookup | None = None,
    dates: bool = True,
    project: str | None = None,
) -> tuple[bytes, list[Finding]]:
    """The MSPDI bytes for a programme or project, and findings on what is not written.

    `calendar` and `start` default to the project's (or programme's) own;
    `holidays(region, first, last)` lists bank holidays to write into the
    calendar as exceptions, since Microsoft Project does not know them
    (`uk_bank_holidays` by default, for the start year and five more). With
    `dates`, each task's Start and Finish are progman's early dates, so tools
    that do not schedule show the plan as progman does (Microsoft Project
    recomputes them on opening). `project` names one project of a programme to
    write alone (its stages at outline level 1). Raises `MspdiError` when there
    is no start date or no such project.
    """
    scheduled: dict[str, tuple[date | None, date | None]] = {}
    problems: list[Finding] = []
    # The schedule and a tree of some twenty elements a task are kept to the end: the
    # collector is paused meanwhile.
    with bulk_objects():
        if dates:
            scheduled, problems = _scheduled_dates(programme_or_project, calendar, start)
        tree, findings = write(
            programme_or_project,
            calendar=calendar,
            start=start,
            holidays=uk_bank_holidays if holidays is None else holidays,
            dates=scheduled,
            project=project,
        )
        if tree is None:
            raise MspdiError(findings)
        text = serialise(tree.getroot(), _DECLARATION, "\n")
    return text.encode("utf-8"), findings + problems


def _scheduled_dates(
    target: Programme | Project, calendar: Calendar | None, start: date | None
) -> tuple[dict[str, tuple[date | None, date | None]], list[Finding]]:
    """Early start and finish of every item by id, or a warning when it cannot be scheduled."""
    from ..schedule import ScheduleError, schedule

    if isinstance(target, Project):
        programme = Programme(
            id=f"{target.id}-programme", name=target.name, start=start or target.start,
            projects=[target],
        )  # fmt: skip
        override: Calendar | None = calendar or Calendar()
    else:
        programme = target.model_copy(update={"start": start}) if start else target
        override = calendar
    try:
        plan = schedule(programme, calendar=override)
    except ScheduleError as error:
        first = error.findings[0].message if error.findings else str(error)
        return {}, [
            Finding(
                "MSPDI-NOT-WRITTEN",
                Severity.WARNING,
                f"start and finish dates not written: the plan cannot be scheduled ({first})",
                data={"problems": [str(finding) for finding in error.findings]},
            )
        ]
    return {item.id: (item.early_start, item.early_finish) for item in plan}, []


def dump(
    programme_or_project: Programme | Project,
    path: str | Path,
    *,
    calendar: Calendar | None = None,
    start: date | None = None,
    holidays: HolidayLookup | None = None,
    dates: bool = True,
    project: str | None = None,
) -> list[Finding]:
    """Write a programme or project as a Microsoft Project XML file; returns what was not written.

    A programme is written with each project as a level-1 summary task, its
    stages at level 2; `project=ID` writes that one project alone, its stages as
    level-1 summary tasks. Every row carries its progman id in the custom field
    `progman id` (Text1), which `load` reads back.
    """
    data, findings = dumps(
        programme_or_project,
        calendar=calendar,
        start=start,
        holidays=holidays,
        dates=dates,
        project=project,
    )
    write_atomic(path, data)
    return findings
