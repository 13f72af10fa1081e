"""Working-day calendars: the one place in progman that counts working days.

A `WorkingCalendar` is a sorted table of the ordinals (`date.toordinal()`) of
every working day over a span of whole years: the weekdays in the calendar's
`working_days`, less the bank holidays of its region (from the maintained
`holidays` library), less its closures, plus its working weekends. Working day
*i* is `table[i]`; every conversion is one `numpy.searchsorted` on the table,
so a million dates cost milliseconds rather than a day-by-day walk.

The scheduler counts in *boundaries*: boundary *b* is the instant between
working day *b-1* and working day *b*. A task of *D* days starting at boundary
*s* works days *s .. s+D-1* and finishes at boundary *s+D*.

>>> from datetime import date
>>> from progman import Calendar
>>> cal = WorkingCalendar(Calendar(region="england_and_wales"), first_year=2012)
>>> start = cal.index(date(2012, 12, 21))          # Friday before Christmas 2012
>>> cal.date(start + 1)                            # Christmas Eve is a working day
datetime.date(2012, 12, 24)
>>> cal.date(start + 2)                            # 25 and 26 Dec are bank holidays
datetime.date(2012, 12, 27)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import BankHolidayRegion, Calendar
from .errors import out_of_range

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "WorkingCalendar",
    "bank_holidays",
    "crossing_table",
    "first_year_for",
    "ordinals_to_datetime64",
]

# `holidays` names the UK nations by ISO 3166-2 subdivision.
_SUBDIVISION = {
    BankHolidayRegion.ENGLAND_AND_WALES: "ENG",
    BankHolidayRegion.SCOTLAND: "SCT",
    BankHolidayRegion.NORTHERN_IRELAND: "NIR",
}
_WEEKDAY_NUMBER = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# date(1, 1, 1) has ordinal 1 and is a Monday, so weekday = (ordinal - 1) % 7.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Years per table extension: a programme rarely runs longer, and extending is cheap.
_SPAN_YEARS = 8


@lru_cache(maxsize=64)
def bank_holidays(region: str, first_year: int, last_year: int) -> frozenset[date]:
    """The bank holidays of a UK region (including substitute days) in a range of years.

    >>> sorted(d for d in bank_holidays("scotland", 2013, 2013) if d.month == 1)
    [datetime.date(2013, 1, 1), datetime.date(2013, 1, 2)]
    """
    subdivision = _SUBDIVISION.get(BankHolidayRegion(region))
    if subdivision is None:
        return frozenset()
    from . import _bank_holidays as known

    if first_year >= known.FIRST_YEAR and last_year <= known.LAST_YEAR:
        # The package's answer for these years, kept (tools/bank_holidays.py): no import.
        days = map(date.fromisoformat, known.BANK_HOLIDAYS[subdivision].split())
        return frozenset(day for day in days if first_year <= day.year <= last_year)
    import holidays  # imported here: it takes a while and only scheduling needs it

    table = holidays.country_holidays(
        "GB", subdiv=subdivision, years=range(first_year, last_year + 1)
    )
    return frozenset(table.keys())


class WorkingCalendar:
    """Working-day arithmetic for one `Calendar`, on a precomputed table of working days.

    The table starts on 1 January of `first_year` and grows on demand, so any
    date from then on can be converted. Conversions on single dates return
    Python ints and dates; the `*_array` variants take and return numpy arrays.

    >>> from datetime import date
    >>> cal = WorkingCalendar(first_year=2013)      # England and Wales, Mon-Fri
    >>> monday = cal.index(date(2013, 5, 20))
    >>> cal.date(monday + 5)                        # the next Monday is the Spring bank holiday
    datetime.date(2013, 5, 28)
    >>> cal.working_days_between(date(2013, 5, 20), date(2013, 5, 31))
    9
    """

    def __init__(self, calendar: Calendar | None = None, *, first_year: int) -> None:
        self.calendar = calendar if calendar is not None else Calendar()
        self.first_year = first_year
        self.first_ordinal = date(first_year, 1, 1).toordinal()
        self.last_year = first_year - 1
        self.days: NDArray[np.int64] = np.empty(0, dtype=np.int64)
        self._extend_to_year(first_year + _SPAN_YEARS - 1)

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar({self.calendar.id!r}, {self.first_year}-{self.last_year}, "
            f"{len(self.days)} working days)"
        )

    # --- the table ------------------------------------------------------------------

    def _extend_to_year(self, last_year: int) -> None:
        # Rebuild the whole table: simple, and it happens a handful of times at most.
        last_year = min(last_year, 9998)
        if last_year <= self.last_year:
            return
        cal = self.calendar
        lo = self.first_ordinal
        hi = date(last_year, 12, 31).toordinal()
        ordinals = np.arange(lo, hi + 1, dtype=np.int64)
        weekdays = (ordinals - 1) % 7
        working_weekdays = np.zeros(7, dtype=bool)
        for day in cal.working_days:
            working_weekdays[_WEEKDAY_NUMBER[str(day)]] = True
        working = working_weekdays[weekdays]
        off = [d.toordinal() for d in bank_holidays(str(cal.region), self.first_year, last_year)]
        for closure in cal.closures:
            first = closure.start.toordinal()
            last = (closure.end or closure.start).toordinal()
            off.extend(range(first, last + 1))
        off_array = np.asarray(off, dtype=np.int64)
        off_array = off_array[(off_array >= lo) & (off_array <= hi)]
        working[off_array - lo] = False
        extra = np.asarray([d.toordinal() for d in cal.working_weekends], dtype=np.int64)
        extra = extra[(extra >= lo) & (extra <= hi)]
        working[extra - lo] = True
        self.days = ordinals[working]
        self.last_year = last_year

    def ensure_index(self, index: int) -> None:
        """Grow the table until working day `index` is in it."""
        while index >= len(self.days) - 1:
            if self.last_year >= 9998:
                raise out_of_range("the schedule runs past the year 9998")
            self._extend_to_year(
                self.last_year + max(_SPAN_YEARS, self.last_year - self.first_year)
            )

    def ensure_ordinal(self, ordinal: int) -> None:
        """Grow the table until it covers the day with this ordinal (and a little after)."""
        year = date.fromordinal(ordinal).year
        if year + 1 > self.last_year:
            self._extend_to_year(year + _SPAN_YEARS)

    def _check_ordinal(self, ordinal: int) -> None:
        if ordinal < self.first_ordinal:
            raise out_of_range(
                f"{date.fromordinal(ordinal)} is before this calendar's first year "
                f"({self.first_year})"
            )
        self.ensure_ordinal(ordinal)

    # --- single values --------------------------------------------------------------

    def index(self, day: datetime.date) -> int:
        """Boundary at the start of `day`: the index of the first working day on or after it."""
        ordinal = day.toordinal()
        self._check_ordinal(ordinal)
        return int(np.searchsorted(self.days, ordinal, side="left"))

    def index_after(self, day: datetime.date) -> int:
        """Boundary at the end of `day`: the number of working days up to and including it."""
        ordinal = day.toordinal()
        self._check_ordinal(ordinal)
        return int(np.searchsorted(self.days, ordinal, side="right"))

    def date(self, index: int) -> datetime.date:
        """The date of working day `index`."""
        self.ensure_index(index)
        return datetime.date.fromordinal(int(self.days[index]))

    def is_working(self, day: datetime.date) -> bool:
        """True if `day` is a working day in this calendar.

        >>> from datetime import date
        >>> WorkingCalendar(first_year=2012).is_working(date(2012, 6, 5))  # Diamond Jubilee
        False
        """
        return self.index_after(day) > self.index(day)

    def working_days_between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days from `first` to `last`, both included (0 if `last` is before `first`)."""
        return max(0, self.index_after(last) - self.index(first))

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The working day `count` working days after `day` (rolled forward to a working day).

        >>> from datetime import date
        >>> # Mon 24 Dec 2012 + 3: Thu 27, Fri 28, Mon 31 (25 and 26 are bank holidays)
        >>> WorkingCalendar(first_year=2012).add_working_days(date(2012, 12, 24), 3)
        datetime.date(2012, 12, 31)
        """
        return self.date(self.index(day) + count)

    # --- arrays ---------------------------------------------------------------------

    def ordinals(self, indexes: NDArray[np.int64]) -> NDArray[np.int64]:
        """Ordinals of working days `indexes` (an integer array)."""
        if len(indexes):
            self.ensure_index(int(indexes.max()))
        return self.days[indexes]

    def indexes_of(self, ordinals: NDArray[np.int64], *, after: bool = False) -> NDArray[np.int64]:
        """Boundaries at the start (or, with `after`, the end) of each day in `ordinals`."""
        if len(ordinals):
            self._check_ordinal(int(ordinals.min()))
            self.ensure_ordinal(int(ordinals.max()))
        side: Any = "right" if after else "left"
        return np.searchsorted(self.days, ordinals, side=side).astype(np.int64)


def ordinals_to_datetime64(ordinals: NDArray[np.int64]) -> NDArray[Any]:
    """Day ordinals as a numpy `datetime64[D]` array (no Python date objects made)."""
    return (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]")


def first_year_for(days: Iterable[date | None], default: int) -> int:
    """The first year of a calendar table covering every one of `days`, with a year's margin.

    >>> from datetime import date
    >>> first_year_for([date(2013, 1, 4), None, date(2012, 7, 2)], 2020)
    2011
    """
    years = [d.year for d in days if d is not None]
    return (min(years) if years else default) - 1


def crossing_table(
    source: WorkingCalendar,
    target: WorkingCalendar,
    size: int,
    *,
    from_finish: bool,
    to_finish: bool,
) -> NDArray[np.int64]:
    """Map boundaries 0..size-1 of `source` to boundaries of `target` for a cross-calendar link.

    A boundary taken from a predecessor's finish is the end of its last working
    day; one from its start is the start of its first. The result is the
    earliest boundary of `target` at which a start (or, with `to_finish`, a
    finish) is no earlier than that instant. Monotone, so the backward pass
    inverts it with a search.
    """
    source.ensure_index(size + 1)
    indexes = np.arange(size, dtype=np.int64)
    if from_finish:
        # end of source day b-1; boundary 0 has no day before it: use the day itself
        ordinal = source.days[np.maximum(indexes - 1, 0)]
        ordinal = np.where(indexes == 0, ordinal - 1, ordinal)
        # The day before a table whose first day is worked (a seven-day calendar) is before
        # the target's table too: nothing of the target lies before it.
        before = ordinal < target.first_ordinal
        ordinal = np.maximum(ordinal, target.first_ordinal)
        # first target day strictly after that day starts at or after the instant
        start_boundary = np.where(before, 0, target.indexes_of(ordinal, after=True))
        # a finish no earlier than the end of day d: end of the first target day on/after d
        finish_boundary = target.indexes_of(ordinal) + 1
    else:
        ordinal = source.days[indexes]
        start_boundary = target.indexes_of(ordinal)
        # a finish no earlier than the start of day d: the end of the last target day
        # before d is the same instant when no target working time lies between.
        finish_boundary = start_boundary
    return finish_boundary if to_finish else start_boundary
