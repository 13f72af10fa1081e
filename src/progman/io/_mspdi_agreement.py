"""Schedule agreement: progman's early dates beside the dates Microsoft Project saved.

For an un-progressed plan the two should be the same day for day; where they
are not, one finding per item says by how many working days and points at
what the import approximated or left out on that item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..findings import Finding, Severity, SourceLocation
from ..model import Calendar, Programme, Task
from ._mspdi_read import FileDates

if TYPE_CHECKING:
    from ..schedule import Schedule


def compare(
    programme: Programme,
    file_dates: Mapping[str, FileDates],
    import_findings: Iterable[Finding],
    locations: Mapping[str, SourceLocation],
    schedule: Schedule,
) -> list[Finding]:
    """One `MSPDI-DATES-DIFFER` warning per item whose early dates differ from the file's."""
    from ..schedule import WorkingCalendar

    calendar: Calendar = programme.calendar()
    first = min((d.start for d in file_dates.values() if d.start), default=None)
    working = WorkingCalendar(calendar, first_year=(first or date.today()).year - 1)
    touched = {f.subject for f in import_findings if f.code != "MSPDI-FLATTENED" and f.subject}
    progressed = {
        item.id
        for _, _, item in programme.work_items()
        if isinstance(item, Task) and item.actual_start is not None
    }
    # Days whose hours a working-time change altered (counted as whole days on import).
    changed = sorted(
        {
            day
            for f in import_findings
            if f.code == "MSPDI-APPROX" and isinstance(f.data.get("days"), list)
            for day in f.data["days"]
        }
    )
    out: list[Finding] = []
    for item in schedule:
        theirs = file_dates.get(item.id)
        if theirs is None or item.kind == "project" or theirs == FileDates(None, None):
            continue  # nothing to compare with: the file saved no dates for it
        ours = (item.early_start, item.early_finish)
        if ours == (theirs.start, theirs.finish):
            continue
        shift = [
            _working_days(working, a, b)
            for a, b in ((theirs.start, ours[0]), (theirs.finish, ours[1]))
        ]
        if item.id in progressed:
            why = (
                "progress is recorded: the file's dates follow its actuals"
                if programme.status_date is None
                else "progress is recorded: progman schedules remaining work after the status "
                f"date {programme.status_date}, where Microsoft Project leaves it until you "
                "reschedule uncompleted work"
            )
        elif hours := _changed_between(changed, ours, theirs):
            why = (
                f"its days include a working-time change ({hours}) that the import counted "
                "as a whole working day"
            )
        elif item.id in touched:
            why = "the import approximated or left out something on it (see its findings)"
        else:
            why = "look at its links, constraints and calendar, and at its predecessors'"
        out.append(
            Finding(
                "MSPDI-DATES-DIFFER",
                Severity.WARNING,
                f"{item.name!r}: progman schedules {_span(*ours)}, the file says "
                f"{_span(theirs.start, theirs.finish)} ({_shift('start', shift[0])}, "
                f"{_shift('finish', shift[1])}); {why}",
                location=locations.get(item.id),
                subject=item.id,
                data={
                    "file_start": theirs.start,
                    "file_finish": theirs.finish,
                    "start": ours[0],
                    "finish": ours[1],
                    "start_days": shift[0],
                    "finish_days": shift[1],
                },
            )
        )
    return out


def _changed_between(
    changed: list[date], ours: tuple[date | None, date | None], theirs: FileDates
) -> date | None:
    """The first day with changed hours within either pair of dates, if any."""
    days = [d for d in (*ours, theirs.start, theirs.finish) if d is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    return next((day for day in changed if first <= day <= last), None)


def _working_days(working: object, theirs: date | None, ours: date | None) -> int | None:
    """Working days from the file's date to ours: positive when progman is later."""
    if theirs is None or ours is None:
        return None
    index = working.index  # type: ignore[attr-defined]
    return int(index(ours)) - int(index(theirs))


def _span(start: date | None, finish: date | None) -> str:
    return f"{start} to {finish}"


def _shift(what: str, days: int | None) -> str:
    if days is None:
        return f"{what} not comparable"
    if days == 0:
        return f"{what} the same"
    plural = "s" if abs(days) != 1 else ""
    return f"{what} {abs(days)} working day{plural} {'later' if days > 0 else 'earlier'}"
