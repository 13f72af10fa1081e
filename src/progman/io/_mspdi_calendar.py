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
        for other in calendars:
            if other is chosen or self.integer(other, "BaseCalendarUID") not in {None, -1}:
                continue  # resource calendars are reported with the resources
            name = self.text(other, "Name") or f"UID {self.integer(other, 'UID')}"
            self.unmapped(f"calendar {name!r} (only the project calendar is read)", other)
        if chosen is None:
            self.report(
                "MSPDI-NO-CALENDAR",
                Severity.WARNING,
                "no project calendar in the file: Monday to Friday with no holidays assumed",
                root,
            )
            return Calendar(region=BankHolidayRegion.NONE)
        if self.integer(chosen, "BaseCalendarUID") not in {None, -1}:
            self.unmapped(
                "the project calendar's base calendar (only its own days are read)", chosen
            )
        working = {Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI}
        old_style: list[tuple[ET.Element, bool]] = []
        for weekday in self.children(chosen, "WeekDays/WeekDay"):
            day_type = self.integer(weekday, "DayType")
            is_working = self.flag(weekday, "DayWorking")
            if day_type == 0:  # the pre-2007 way of writing an exception
                old_style.append((weekday, is_working))
            elif day_type in _DAY_TYPES:
                (working.add if is_working else working.discard)(_DAY_TYPES[day_type])
                self.check_hours(weekday, is_working)
        # Project 2007 and later write each exception twice, old style and in <Exceptions>;
        # the newer form (with names and recurrence) wins when it is there.
        new_style = [
            (exception, self.flag(exception, "DayWorking"))
            for exception in self.children(chosen, "Exceptions/Exception")
        ]
        exceptions = new_style if self.child(chosen, "Exceptions") is not None else old_style
        if self.children(chosen, "WorkWeeks/WorkWeek"):
            self.unmapped("<WorkWeeks> (alternative working weeks)", chosen)
        ordered = [day for day in Weekday if day in working]
        if not ordered:
            self.bad_value(chosen, "the project calendar has no working day in the week")
            ordered = [Weekday.MON]
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
        return Calendar(
            region=BankHolidayRegion.NONE,
            working_days=ordered,
            closures=closures,
            working_weekends=weekends,
        )

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

    def check_hours(self, weekday: ET.Element, is_working: bool) -> None:
        if not is_working:
            return
        minutes = 0
        for period in self.children(weekday, "WorkingTimes/WorkingTime"):
            frm, to = self.clock(period, "FromTime"), self.clock(period, "ToTime")
            if frm is not None and to is not None:
                minutes += (to - frm) % (24 * 60) or 24 * 60
        if minutes and minutes != self.minutes_per_day:
            self.approximated(
                f"a working day of {minutes} minutes in the calendar differs from the "
                f"project's {self.minutes_per_day} minutes per day; whole days are used",
                weekday,
            )


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _weekday(day: date) -> Weekday:
    return list(Weekday)[day.weekday()]  # Weekday runs Monday..Sunday, as date.weekday()
