"""Working-day arithmetic against hand counts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from progman import Calendar
from progman.schedule import WorkingCalendar
from progman.schedule.calendar import crossing_table


def test_hand_count_over_christmas_and_new_year_2012() -> None:
    # Dec 2012: Mon 17 .. Fri 21 (5), Mon 24 (6), Thu 27, Fri 28 (8), Mon 31 (9);
    # Jan 2013: Wed 2, Thu 3, Fri 4 (12). 25, 26 Dec and 1 Jan are bank holidays.
    cal = WorkingCalendar(first_year=2012)
    assert cal.working_days_between(date(2012, 12, 17), date(2013, 1, 4)) == 12
    assert not cal.is_working(date(2013, 1, 1))
    assert cal.add_working_days(date(2012, 12, 24), 1) == date(2012, 12, 27)


def test_bank_holiday_substitute_days() -> None:
    # Christmas 2010 fell on a Saturday: Mon 27 and Tue 28 Dec were the bank holidays.
    cal = WorkingCalendar(first_year=2010)
    assert cal.add_working_days(date(2010, 12, 24), 1) == date(2010, 12, 29)


def test_regions_differ() -> None:
    # St Andrew's Day (Fri 30 Nov 2012, Scotland) and 12 July (Thu 2012, Northern Ireland)
    scotland = WorkingCalendar(Calendar(region="scotland"), first_year=2012)
    northern_ireland = WorkingCalendar(Calendar(region="northern_ireland"), first_year=2012)
    england = WorkingCalendar(first_year=2012)
    assert not scotland.is_working(date(2012, 11, 30))
    assert england.is_working(date(2012, 11, 30))
    assert not northern_ireland.is_working(date(2012, 7, 12))


def test_agrees_with_a_day_by_day_walk_over_years() -> None:
    cal = WorkingCalendar(
        Calendar(
            closures=[{"start": "2014-08-11", "end": "2014-08-15"}], working_weekends=["2015-03-07"]
        ),
        first_year=2012,
    )
    day = cal.date(cal.index(date(2012, 1, 3)))
    count = 0
    while day < date(2016, 1, 1):
        assert cal.index(day) == cal.index(date(2012, 1, 3)) + count
        count += 1
        day = cal.add_working_days(day, 1)
        assert day.weekday() < 5 or day == date(2015, 3, 7)
    assert cal.working_days_between(date(2014, 8, 11), date(2014, 8, 15)) == 0


def test_table_grows_on_demand_and_rejects_earlier_years() -> None:
    cal = WorkingCalendar(Calendar(region="none"), first_year=2012)
    far = cal.index(date(2012, 1, 2)) + 5 * 261 * 10  # about fifty years of weekdays
    assert cal.date(far).year >= 2060
    with pytest.raises(ValueError, match="before"):
        cal.index(date(2011, 12, 30))


def test_array_conversions() -> None:
    cal = WorkingCalendar(first_year=2013)
    ordinals = np.array([date(2013, 5, 25).toordinal(), date(2013, 5, 28).toordinal()])
    starts = cal.indexes_of(ordinals)
    assert cal.ordinals(starts).tolist() == [date(2013, 5, 28).toordinal()] * 2  # 27 is a holiday
    assert (cal.indexes_of(ordinals, after=True) - starts).tolist() == [0, 1]


def test_crossing_from_a_six_day_week() -> None:
    six = WorkingCalendar(
        Calendar(working_days=["mon", "tue", "wed", "thu", "fri", "sat"]), first_year=2013
    )
    five = WorkingCalendar(first_year=2013)
    size = six.index(date(2013, 1, 20))
    to_start = crossing_table(six, five, size, from_finish=True, to_finish=False)
    to_finish = crossing_table(six, five, size, from_finish=True, to_finish=True)
    after_saturday = six.index_after(date(2013, 1, 12))
    # finished on Saturday 12 Jan: a Monday-Friday successor starts Mon 14 ...
    assert five.date(int(to_start[after_saturday])) == date(2013, 1, 14)
    # ... and a finish-to-finish successor cannot finish before the end of Mon 14
    assert five.date(int(to_finish[after_saturday]) - 1) == date(2013, 1, 14)
    assert (np.diff(to_start) >= 0).all()
