"""Reading the project calendar of an MSPDI file: working weekdays and exceptions."""

from __future__ import annotations

import calendar as calendar_module
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta

from ..findings import Severity
from ..model import BankHolidayRegion, Calendar, Closure, Weekday
from ._mspdi_codes import ELAPSED_CALENDAR, slug
from ._mspdi_xml import Document

# DayType 1..7 is Sunday..Saturday.
_DAY_TYPES = {
    1: Weekday.SUN,
    2: Weekday.MON,
    3: Weekday.TUE,
    4: Weekday.WED,
    5: Weekday.THU,
    6: Weekday.FRI,
    7: Weekday.SAT,
}


class CalendarReader(Document):
    """Reads the project calendar (a step of reading the whole document)."""

    # When working time opens and closes (minutes after midnight); the whole day until the
    # calendar says otherwise.
    opens = 0
    closes = 24 * 60
    day_lengths: dict[Weekday, int]

    def calendar(self, root: ET.Element) -> Calendar:
        """The project calendar (`CalendarUID`) as a progman calendar with region `none`."""
        self.all_calendars = self.children(root, "Calendars/Calendar")
        self.used_calendars: list[ET.Element] = []
        self.task_calendars: dict[int, Calendar | None] = {}
        calendars = self.all_calendars
        wanted = self.integer(root, "CalendarUID")
        chosen = next((c for c in calendars if self.integer(c, "UID") == wanted), None)
        if chosen is None:
            chosen = next((c for c in calendars if self.flag(c, "IsBaseCalendar")), None)
        if chosen is None:
            self.report(
                "MSPDI-NO-CALENDAR",
                Severity.WARNING,
                "no project calendar in the file: Monday to Friday with no holidays assumed",
                root,
            )
            self.opens, self.closes = 8 * 60, 17 * 60  # MS Project's Standard hours
            return Calendar(region=BankHolidayRegion.NONE)
        return self.read_calendar(chosen)

    def task_calendar(self, uid: int, task: ET.Element) -> str | None:
        """The id of the calendar a task names (`CalendarUID`), read on first use; None when
        it is the project calendar or cannot be read (said once)."""
        if uid not in self.task_calendars:
            element = next((c for c in self.all_calendars if self.integer(c, "UID") == uid), None)
            if element is None:
                self.unmapped(f"the task calendar UID {uid} (not in the file)", task)
                self.task_calendars[uid] = None
            elif any(element is used for used in self.used_calendars[:1]):
                self.task_calendars[uid] = None  # the project calendar itself
            else:
                # Reading it must not disturb the project calendar's hours and day length.
                saved = (self.opens, self.closes, self.day_lengths, self.minutes_per_day)
                read = self.read_calendar(element, project=False)
                length = self.minutes_per_day
                self.opens, self.closes, self.day_lengths, self.minutes_per_day = saved
                taken = {c.id for c in self.task_calendars.values() if c is not None}
                name = self.text(element, "Name") or ""
                key = slug(name) or f"calendar-{uid}"
                if key in taken or key in {"default", ELAPSED_CALENDAR}:
                    key = f"calendar-{uid}"
                self.task_calendars[uid] = read.model_copy(update={"id": key})
                if length != self.minutes_per_day:
                    self.approximated(
                        f"task calendar {name or key!r} has working days of {length} minutes, "
                        f"the project calendar {self.minutes_per_day}: durations on it are "
                        "counted in the project calendar's days",
                        element,
                    )
        found = self.task_calendars[uid]
        return found.id if found is not None else None

    def unused_calendars(self) -> None:
        """Report the base calendars neither the project nor any task uses."""
        for other in self.all_calendars:
            if any(other is used for used in self.used_calendars):
                continue
            if self.integer(other, "BaseCalendarUID") not in {None, -1}:
                continue  # resource calendars are reported with the resources
            name = self.text(other, "Name") or f"UID {self.integer(other, 'UID')}"
            self.unmapped(
                f"calendar {name!r} (only the project calendar and task calendars are read)",
                other,
            )

    def read_calendar(self, chosen: ET.Element, *, project: bool = True) -> Calendar:
        """One calendar of the file, with the calendars it is based on, as a progman
        calendar with region `none`; sets the hours (`opens`, `closes`, day lengths) it keeps."""
        calendars = self.all_calendars
        # A derived calendar (a project calendar based on, say, "Standard") takes its
        # base's week and exceptions, then its own days and exceptions on top.
        chain = [chosen]
        while (base_uid := self.integer(chain[-1], "BaseCalendarUID")) not in {None, -1}:
            base = next((c for c in calendars if self.integer(c, "UID") == base_uid), None)
            if base is None or any(base is layer for layer in chain):
                self.unmapped(
                    f"the base calendar UID {base_uid} of calendar "
                    f"{self.text(chain[-1], 'Name') or ''!r} (not in the file)",
                    chain[-1],
                )
                break
            chain.append(base)
        self.used_calendars += chain
        working = {Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI}
        # Working time opens and closes (minutes after midnight) on the calendar's days.
        self.opens, self.closes = 24 * 60, 0
        self.day_lengths = {}
        self.work_weeks: list[tuple[date, date, str, dict[Weekday, bool]]] = []
        exceptions: list[tuple[ET.Element, bool]] = []
        for layer in reversed(chain):
            exceptions += self.week_and_exceptions(layer, working)
        ordered = [day for day in Weekday if day in working]
        if not ordered:
            self.bad_value(chosen, "the project calendar has no working day in the week")
            ordered = [Weekday.MON]
        if project:
            self.settle_day_length(chosen, ordered)
        else:  # a task calendar's day: compared with the project's by the caller
            lengths = {self.day_lengths[day] for day in ordered if self.day_lengths.get(day)}
            if len(lengths) == 1:
                (self.minutes_per_day,) = lengths
        if self.opens >= self.closes:  # no working times listed
            self.opens, self.closes = 0, 24 * 60
        closures: list[Closure] = []
        weekends: list[date] = []
        excepted: set[date] = set()  # an exception outranks an alternative working week
        for element, is_working in exceptions:
            for first, last in self.exception_spans(element):
                if self.work_weeks:
                    excepted.update(_days(first, last))
                if not is_working:
                    label = self.text(element, "Name")
                    closures.append(
                        Closure(start=first, end=last if last != first else None, name=label)
                    )
                else:
                    weekends.extend(d for d in _days(first, last) if _weekday(d) not in ordered)
                    self.hours_changed(element, first, last, ordered)
        for first, last, name, days in self.work_weeks:
            for day in _days(first, last):
                if day in excepted:
                    continue
                worked = days.get(_weekday(day))
                if worked is False and _weekday(day) in ordered:
                    closures.append(Closure(start=day, name=name))
                elif worked and _weekday(day) not in ordered:
                    weekends.append(day)
        return Calendar(
            region=BankHolidayRegion.NONE,
            working_days=ordered,
            closures=closures,
            working_weekends=weekends,
        )

    def week_and_exceptions(
        self, calendar: ET.Element, working: set[Weekday]
    ) -> list[tuple[ET.Element, bool]]:
        """Apply a calendar's own weekdays to `working`; its exceptions, with whether each is
        a working one."""
        old_style: list[tuple[ET.Element, bool]] = []
        for weekday in self.children(calendar, "WeekDays/WeekDay"):
            day_type = self.integer(weekday, "DayType")
            is_working = self.flag(weekday, "DayWorking")
            if day_type == 0:  # the pre-2007 way of writing an exception
                old_style.append((weekday, is_working))
            elif day_type in _DAY_TYPES:
                (working.add if is_working else working.discard)(_DAY_TYPES[day_type])
                self.day_lengths[_DAY_TYPES[day_type]] = (
                    self.day_minutes(weekday) if is_working else 0
                )
        for week in self.children(calendar, "WorkWeeks/WorkWeek"):
            self.work_week(week)
        # Project 2007 and later write each exception twice, old style and in <Exceptions>;
        # the newer form (with names and recurrence) wins when it is there.
        if self.child(calendar, "Exceptions") is None:
            return old_style
        return [
            (exception, self.flag(exception, "DayWorking"))
            for exception in self.children(calendar, "Exceptions/Exception")
        ]

    def work_week(self, week: ET.Element) -> None:
        """An alternative working week (`WorkWeek`: say, Fridays off in August), kept to be
        written into the calendar as closures and working days once the normal week is known."""
        period = self.child(week, "TimePeriod")
        first = self.day(period, "FromDate") if period is not None else None
        last = self.day(period, "ToDate") if period is not None else None
        name = self.text(week, "Name") or "alternative working week"
        if first is None or last is None or last < first or (last - first).days > 3660:
            self.unmapped(f"working week {name!r} without a period of at most ten years", week)
            return
        # MS Project writes all seven days of a working week; a day left out is not worked
        # (as MPXJ reads it too).
        days: dict[Weekday, bool] = dict.fromkeys(Weekday, False)
        for weekday in self.children(week, "WeekDays/WeekDay"):
            day_type = self.integer(weekday, "DayType")
            if day_type in _DAY_TYPES:
                days[_DAY_TYPES[day_type]] = self.flag(weekday, "DayWorking")
        self.work_weeks.append((first, last, name, days))

    def exception_spans(self, element: ET.Element) -> list[tuple[date, date]]:
        """The days an exception covers: its period, or each day its recurrence falls on."""
        period = self.child(element, "TimePeriod")
        if period is None:
            self.bad_value(element, "a calendar exception without <TimePeriod>")
            return []
        first, last = self.day(period, "FromDate"), self.day(period, "ToDate")
        if first is None or last is None or last < first:
            self.bad_value(period, "a calendar exception needs <FromDate> before <ToDate>")
            return []
        kind = self.integer(element, "Type")
        every = self.integer(element, "Period")
        if kind in {None, 1, 7} and every in {None, 1}:
            return [(first, last)]  # every day from the first to the last: one span
        name = self.text(element, "Name") or f"{first} to {last}"
        days = self.recurrence(element, kind, first, last)
        if days is None:
            self.unmapped(
                f"recurring calendar exception {name!r} (its recurrence cannot be read)", element
            )
            return []
        if len(days) > _MOST_OCCURRENCES:
            self.unmapped(
                f"recurring calendar exception {name!r} ({len(days)} occurrences, more than "
                f"{_MOST_OCCURRENCES})",
                element,
            )
            return []
        return [(day, day) for day in days]

    def recurrence(
        self, element: ET.Element, kind: int | None, first: date, last: date
    ) -> list[date] | None:
        """The days a recurring exception falls on, from `first` to `last` and at most
        `<Occurrences>` of them; None when its recurrence is not one MSPDI defines.

        `<Type>`: 1 or 7 daily, 2 yearly on a day of a month, 3 yearly on (say) the first
        Monday of a month, 4 monthly on a day, 5 monthly on (say) the last Friday, 6 weekly
        on the `<DaysOfWeek>` (bits 1 Sunday .. 64 Saturday); every `<Period>` days, weeks
        or months. `<Month>` counts January as 0, `<MonthPosition>` 0-3 first to fourth and
        4 last, `<MonthItem>` 3-9 Sunday to Saturday. The rules are MS Project's, as MPXJ
        reads them (org.mpxj.RecurringData)."""
        every = self.integer(element, "Period") or 1
        occurrences = self.integer(element, "Occurrences")
        limit = occurrences if occurrences and occurrences > 0 else None
        if not 1 <= every <= 1000:
            return None
        if kind in {1, 7}:
            candidates: Iterator[date] = _stepping(first, timedelta(days=every))
        elif kind == 6:
            mask = self.integer(element, "DaysOfWeek") or 0
            if not 0 < mask < 128:
                return None
            candidates = _weekly(first, every, mask)
        elif kind in {2, 3, 4, 5}:
            month = self.integer(element, "Month") if kind in {2, 3} else None
            if month is not None and not 0 <= month <= 11:
                return None
            if kind in {2, 4}:
                day_of_month = self.integer(element, "MonthDay")
                if day_of_month is None or not 1 <= day_of_month <= 31:
                    return None
                rule: tuple[int, int] = (0, day_of_month)
            else:
                position = self.integer(element, "MonthPosition")
                item = self.integer(element, "MonthItem")
                if position is None or item is None or not 0 <= position <= 4:
                    return None
                if not 3 <= item <= 9:
                    return None  # 0-2 (any day, weekday, weekend day) are not read
                rule = (position + 1, (item - 3 + 6) % 7)  # as date.weekday(): Monday 0
            if kind in {2, 3}:
                if month is None:
                    return None
                months = _months(date(first.year, month + 1, 1), 12)
            else:
                months = _months(date(first.year, first.month, 1), every)
            candidates = (_in_month(start, rule) for start in months)
        else:
            return None
        out: list[date] = []
        for day in candidates:
            if day > last or (limit is not None and len(out) >= limit):
                break
            if day >= first:
                out.append(day)
                if len(out) > _MOST_OCCURRENCES:
                    break
        return out

    def day_minutes(self, weekday: ET.Element) -> int:
        """Minutes of working time a <WeekDay> day lists (0 when it lists none); the earliest
        start and latest end of working time are kept in `opens` and `closes`."""
        periods = self.working_periods(weekday)
        for frm, length in periods:
            self.opens = min(self.opens, frm)
            self.closes = max(self.closes, frm + length)
        return sum(length for _, length in periods)

    def working_periods(self, element: ET.Element) -> list[tuple[int, int]]:
        """The `<WorkingTime>` periods an element lists: (start, length) in minutes."""
        periods = []
        for period in self.children(element, "WorkingTimes/WorkingTime"):
            frm, to = self.clock(period, "FromTime"), self.clock(period, "ToTime")
            if frm is not None and to is not None:
                periods.append((frm, (to - frm) % (24 * 60) or 24 * 60))
        return periods

    def hours_changed(
        self, element: ET.Element, first: date, last: date, working: list[Weekday]
    ) -> None:
        """A working exception on normally worked days only changes their hours (a half day
        on Christmas Eve), and one on a weekend day of fewer or more hours than a working
        day is still one working day: progman counts whole days, so it is said, with the
        days."""
        minutes = sum(length for _, length in self.working_periods(element))
        if not minutes:
            return  # no hours given: the day's own
        # A worked weekend day counts as a whole working day of the project's length.
        days = [
            d
            for d in _days(first, last)
            if minutes
            != (
                self.day_lengths.get(_weekday(d), minutes)
                if _weekday(d) in working
                else self.minutes_per_day
            )
        ]
        if days:
            name = self.text(element, "Name") or f"{first} to {last}"
            self.approximated(
                f"the working-time change {name!r} ({minutes} minutes of work on "
                f"{len(days)} working day(s) from {days[0]}) is counted as whole working days: "
                "progman schedules in days",
                element,
                days=days,
                minutes=minutes,
            )

    def settle_day_length(self, calendar: ET.Element, working: list[Weekday]) -> None:
        """Durations are counted in the calendar's working day, as MS Project schedules them:
        when every working day is the same length and not the project's minutes per day
        (a 24-hour calendar), that length is the divisor; mixed lengths are a warning."""
        lengths = {self.day_lengths[day] for day in working if self.day_lengths.get(day)}
        if not lengths or lengths == {self.minutes_per_day}:
            return
        if len(lengths) == 1:
            (length,) = lengths
            self.report(
                "MSPDI-DAY-LENGTH",
                Severity.INFO,
                f"the calendar's working day is {length} minutes, not the project's "
                f"{self.minutes_per_day} minutes per day: durations and lags are counted in "
                f"days of {length} minutes, as Microsoft Project schedules them",
                calendar,
                minutes=length,
            )
            self.minutes_per_day = length
            return
        self.approximated(
            f"the calendar's working days are of different lengths "
            f"({', '.join(str(n) for n in sorted(lengths))} minutes): whole days of the "
            f"project's {self.minutes_per_day} minutes are used",
            calendar,
        )


# A recurring exception gives at most this many days (ten years of every day).
_MOST_OCCURRENCES = 3660


def _stepping(first: date, step: timedelta) -> Iterator[date]:
    day = first
    while True:
        yield day
        day += step


def _weekly(first: date, every: int, mask: int) -> Iterator[date]:
    """The days of `mask` (bit 1 Sunday .. 64 Saturday) in every `every`-th week, the weeks
    running Sunday to Saturday from the one holding `first`."""
    sunday = first - timedelta(days=(first.weekday() + 1) % 7)
    while True:
        for offset in range(7):
            if mask & (1 << offset):
                yield sunday + timedelta(days=offset)
        sunday += timedelta(weeks=every)


def _months(first: date, every: int) -> Iterator[date]:
    """The first day of every `every`-th month from `first` (the first of a month)."""
    year, month = first.year, first.month
    while True:
        yield date(year, month, 1)
        month += every
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def _in_month(start: date, rule: tuple[int, int]) -> date:
    """A day of the month beginning `start`: `(0, n)` its n-th day (the last day when the
    month is shorter); `(k, weekday)` its k-th such weekday, k = 5 the last one."""
    position, value = rule
    length = calendar_module.monthrange(start.year, start.month)[1]
    if position == 0:
        return start.replace(day=min(value, length))
    if position == 5:
        end = start.replace(day=length)
        return end - timedelta(days=(end.weekday() - value) % 7)
    return start + timedelta(days=(value - start.weekday()) % 7 + 7 * (position - 1))


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _weekday(day: date) -> Weekday:
    return list(Weekday)[day.weekday()]  # Weekday runs Monday..Sunday, as date.weekday()
