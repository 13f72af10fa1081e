"""Schedule agreement: progman's early dates beside the dates Microsoft Project saved.

For an un-progressed plan the two should be the same day for day; where they
are not, one finding per item says by how many working days and points at
what the import approximated or left out on that item.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ..findings import Finding, Severity, SourceLocation
from ..model import Calendar, Milestone, Programme, Task
from ._mspdi_read import FileDates

if TYPE_CHECKING:
    from ..schedule import Schedule, WorkingCalendar


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
    starts = {p.id: p.start or programme.start for p in programme.projects}
    project_of = {item.id: p.id if p else "" for p, _, item in programme.work_items()}
    models = {item.id: item for _, _, item in programme.work_items()}
    links = {key: [d.on for d in item.depends_on] for key, item in models.items()}
    members: dict[str, list[str]] = {}  # a stage's tasks and milestones
    for _, stage, member in programme.work_items():
        if stage is not None:
            members.setdefault(stage.id, []).append(member.id)
    by_calendar: dict[str, WorkingCalendar] = {"": working}

    def works(item_id: str, day: date) -> bool:
        """Whether the item's own calendar works `day`."""
        model = models.get(item_id)
        name = (model.calendar if isinstance(model, Task) else None) or ""
        if name not in by_calendar:
            by_calendar[name] = WorkingCalendar(
                programme.calendar(name), first_year=working.first_year
            )
        return by_calendar[name].is_working(day)

    early = schedule.early_dates()
    out: list[Finding] = []
    generic: list[Finding] = []
    names_of = {item.id: item.name for item in schedule}
    for item in schedule:
        theirs = file_dates.get(item.id)
        if (
            theirs is None
            or item.kind == "project"
            or (theirs.start is None and theirs.finish is None)
        ):
            continue  # nothing to compare with: the file saved no dates for it
        ours = (item.early_start, item.early_finish)
        if ours == (theirs.start, theirs.finish):
            continue
        if _same_moment(working, theirs, ours[0], schedule.at_close(item.id)):
            continue
        shift = [
            _working_days(working, a, b)
            for a, b in ((theirs.start, ours[0]), (theirs.finish, ours[1]))
        ]
        if item.id in touched:
            why = "the import approximated or left out something on it (see its findings)"
        elif item.id in progressed:
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
        elif (
            (begin := starts.get(project_of.get(item.id, ""), programme.start)) is not None
            and theirs.start is not None
            and theirs.start < begin
        ):
            why = (
                f"Microsoft Project starts it before the project's start {begin} (a lead, "
                "a start-to-finish link or a no-later-than date on work before it can put it "
                "there); progman starts no work before it"
            )
        elif across := next(
            (
                (d.on, finish)
                for d in getattr(models.get(item.id), "depends_on", [])
                if d.type == "FF"
                and (finish := early.get(d.on, (None, None))[1]) is not None
                and not works(item.id, finish)
                and works(d.on, finish)
            ),
            None,
        ):
            why = (
                f"it finishes with {names_of.get(across[0], across[0])!r} (finish to finish), "
                f"which finishes on {across[1]}, a day its own calendar does not work: progman "
                "finishes it after that day, as the link says, where Microsoft Project's "
                "working-time arithmetic (as MPXJ implements it) finishes it the working day "
                "before"
            )
        elif elapsed_ff := next(
            (
                d.on
                for d in getattr(models.get(item.id), "depends_on", [])
                if d.type == "FF" and d.elapsed_lag
            ),
            None,
        ):
            why = (
                f"it finishes with {names_of.get(elapsed_ff, elapsed_ff)!r} (finish to finish) "
                "after an elapsed lag: progman adds the lag to that finish, as the link says, "
                "where MPXJ's implementation of Microsoft Project's rules adds it to the start "
                "worked back from it"
            )
        elif across_milestone := next(
            (
                d.on
                for d in getattr(models.get(item.id), "depends_on", [])
                if isinstance(models.get(d.on), Milestone)
                and (d.elapsed_lag or getattr(models.get(item.id), "calendar", None) is not None)
            ),
            None,
        ):
            why = (
                f"it follows milestone {names_of.get(across_milestone, across_milestone)!r} "
                "across calendars or an elapsed lag: the close of one working day and the "
                "opening of the next, one moment in the milestone's calendar, are not in this "
                "task's calendar or in elapsed time, and progman and Microsoft Project can "
                "put the milestone on different sides"
            )
        elif before_change := _changed_before(changed, ours, theirs):
            why = (
                f"a working-time change before it ({before_change}), which the import "
                "counted as a whole working day, moved the time of day its work starts"
            )
        else:
            why = _GENERIC
        out.append(
            finding := Finding(
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
        if why == _GENERIC:
            generic.append(finding)
    late = {key for key, item in models.items() if item.as_late_as_possible}
    return _after_predecessors(out, generic, links, names_of, touched, members, late)


_GENERIC = "look at its links, constraints and calendar, and at its predecessors'"


def _after_predecessors(
    out: list[Finding],
    generic: list[Finding],
    links: Mapping[str, list[str]],
    names: Mapping[str, str],
    touched: Container[str],
    members: Mapping[str, list[str]],
    late: Container[str] = (),
) -> list[Finding]:
    """Name the predecessor an item follows that differs, or that the import approximated,
    where nothing on the item itself explains its difference; for an as-late-as-possible
    item, which sits on its late dates, what comes after it, or anything in the plan (its
    late dates count back from the finish)."""
    differing = {f.subject for f in out}
    followers: dict[str, list[str]] = {}
    for key, before in links.items():
        for on in before:
            followers.setdefault(on, []).append(key)
    replaced: dict[int, Finding] = {}

    def changed(key: str) -> bool:
        return key in differing or key in touched

    for finding in generic:
        before = links.get(finding.subject or "", [])
        inside = members.get(finding.subject or "", [])
        if finding.subject in late and (
            cause := _earlier([finding.subject or ""], followers, changed)
            or next((p for p in names if p != finding.subject and changed(p)), None)
        ):
            why = (
                f"it is as late as possible, on late dates counted back from what follows it "
                f"and the finish, and {names.get(cause, cause)!r} differs too or the import "
                "approximated something on it"
            )
        elif cause := next((p for p in inside if p in differing), None):
            why = f"it holds {names.get(cause, cause)!r}, which differs too"
        elif finding.subject in members:
            why = (
                "its tasks and milestones agree: the file rolls the stage up from their times "
                "of day, progman from their days"
            )
        elif cause := next((p for p in before if p in differing), None):
            why = f"it follows {names.get(cause, cause)!r}, which differs too"
        elif cause := next((p for p in before if p in touched), None):
            why = (
                f"it follows {names.get(cause, cause)!r}, on which the import approximated "
                "or left out something (see its findings)"
            )
        elif cause := _earlier(before, links, changed):
            # a milestone between can show the same day at another moment (see _same_moment)
            why = (
                f"it comes after {names.get(cause, cause)!r}, which differs too or on which "
                "the import approximated something"
            )
        else:
            continue
        replaced[id(finding)] = replace(finding, message=finding.message.replace(_GENERIC, why))
    return [replaced.get(id(f), f) for f in out]


def _earlier(
    first: list[str], links: Mapping[str, list[str]], wanted: Callable[[str], bool]
) -> str | None:
    """The nearest item before these predecessors, along the links, that is `wanted`."""
    seen = set(first)
    queue = deque(first)
    while queue:
        for before in links.get(queue.popleft(), []):
            if wanted(before):
                return before
            if before not in seen:
                seen.add(before)
                queue.append(before)
    return None


def _same_moment(
    working: WorkingCalendar, theirs: FileDates, ours: date | None, at_close: bool
) -> bool:
    """True when a milestone is at one moment in both, shown on different days: the close of
    a working day and the opening of the next."""
    if theirs.edge is None or theirs.start is None or ours is None or ours == theirs.start:
        return False
    moment = (
        working.index(theirs.start)
        if theirs.edge == "opening"
        else working.index_after(theirs.start)
    )
    return moment == (working.index_after(ours) if at_close else working.index(ours))


def _changed_between(
    changed: list[date], ours: tuple[date | None, date | None], theirs: FileDates
) -> date | None:
    """The first day with changed hours within either pair of dates, if any."""
    days = [d for d in (*ours, theirs.start, theirs.finish) if d is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    return next((day for day in changed if first <= day <= last), None)


def _changed_before(
    changed: list[date], ours: tuple[date | None, date | None], theirs: FileDates
) -> date | None:
    """The last day with changed hours before both pairs of dates, if any."""
    days = [d for d in (*ours, theirs.start, theirs.finish) if d is not None]
    if not days:
        return None
    return next((day for day in reversed(changed) if day < min(days)), None)


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
