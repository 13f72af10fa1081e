"""Reading the project calendar of an MSPDI file: working weekdays and exceptions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta

from ..findings import Severity
from ..model import BankHolidayRegion, Calendar, Closure, Weekday
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

    def calendar(self, root: ET.Element) -> Calendar:
        """The project calendar (`CalendarUID`) as a progman calendar with region `none`."""
        calendars = self.children(root, "Calendars/Calendar")
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
            return Calendar(region=BankHolidayRegion.NONE)
        # A derived calendar (a project calendar based on, say, "Standard") takes its
        # base's week and exceptions, then its own days and exceptions on top.
        chain = [chosen]
        while (base_uid := self.integer(chain[-1], "BaseCalendarUID")) not in {None, -1}:
            base = next((c for c in calendars if self.integer(c, "UID") == base_uid), None)
            if base is None or any(base is layer for layer in chain):
                self.unmapped(
                    f"the project calendar's base calendar UID {base_uid} (not in the file)",
                    chain[-1],
                )
                break
            chain.append(base)
        for other in calendars:
            if any(other is layer for layer in chain):
                continue
            if self.integer(other, "BaseCalendarUID") not in {None, -1}:
                continue  # resource calendars are reported with the resources
            name = self.text(other, "Name") or f"UID {self.integer(other, 'UID')}"
            self.unmapped(f"calendar {name!r} (only the project calendar is read)", other)
        working = {Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI}
        self.day_lengths: dict[Weekday, int] = {}
        self.work_weeks: list[tuple[date, date, str, dict[Weekday, bool]]] = []
        exceptions: list[tuple[ET.Element, bool]] = []
        for layer in reversed(chain):
            exceptions += self.week_and_exceptions(layer, working)
        ordered = [day for day in Weekday if day in working]
        if not ordered:
            self.bad_value(chosen, "the project calendar has no working day in the week")
            ordered = [Weekday.MON]
        self.settle_day_length(chosen, ordered)
        closures: list[Closure] = []
        weekends: list[date] = []
        for element, is_working in exceptions:
            span = self.exception_span(element)
            if span is None:
                continue
            first, last = span
            if not is_working:
                label = self.text(element, "Name")
                closures.append(
                    Closure(start=first, end=last if last != first else None, name=label)
                )
            else:
                weekends.extend(
                    d for d in _days(first, last) if _weekday(d) not in ordered
                )  # working exceptions on working days only change hours
        for first, last, name, days in self.work_weeks:
            for day in _days(first, last):
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

    def exception_span(self, element: ET.Element) -> tuple[date, date] | None:
        period = self.child(element, "TimePeriod")
        if period is None:
            self.bad_value(element, "a calendar exception without <TimePeriod>")
            return None
        first, last = self.day(period, "FromDate"), self.day(period, "ToDate")
        if first is None or last is None or last < first:
            self.bad_value(period, "a calendar exception needs <FromDate> before <ToDate>")
            return None
        kind = self.integer(element, "Type")
        every = self.integer(element, "Period")
        if (kind not in {None, 1}) or (every not in {None, 1}):
            name = self.text(element, "Name") or f"{first} to {last}"
            self.unmapped(f"recurring calendar exception {name!r}", element)
            return None
        return first, last

    def day_minutes(self, weekday: ET.Element) -> int:
        """Minutes of working time a <WeekDay> or <WorkWeek> day lists (0 when it lists none)."""
        minutes = 0
        for period in self.children(weekday, "WorkingTimes/WorkingTime"):
            frm, to = self.clock(period, "FromTime"), self.clock(period, "ToTime")
            if frm is not None and to is not None:
                minutes += (to - frm) % (24 * 60) or 24 * 60
        return minutes

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


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _weekday(day: date) -> Weekday:
    return list(Weekday)[day.weekday()]  # Weekday runs Monday..Sunday, as date.weekday()
