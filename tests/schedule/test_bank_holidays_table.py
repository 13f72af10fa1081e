"""The bank holidays kept for 2000-2040 (`schedule/_bank_holidays.py`, so that scheduling
does not import `holidays`: issue 18) are the `holidays` package's own answer, region by
region; outside those years the package is asked. After upgrading the package, a failure
here means: run `python tools/bank_holidays.py`."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from progman.schedule import _bank_holidays as known
from progman.schedule.calendar import bank_holidays


@pytest.mark.parametrize(
    ("region", "subdivision"),
    [("england_and_wales", "ENG"), ("scotland", "SCT"), ("northern_ireland", "NIR")],
)
def test_the_kept_table_is_the_packages_answer(region: str, subdivision: str) -> None:
    years = range(known.FIRST_YEAR, known.LAST_YEAR + 1)
    expected = frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=years))
    bank_holidays.cache_clear()
    assert bank_holidays(region, known.FIRST_YEAR, known.LAST_YEAR) == expected
    # and a window of it, as the working calendar asks for
    assert bank_holidays(region, 2013, 2014) == {d for d in expected if d.year in (2013, 2014)}


def test_gov_uk_dates_for_2013_in_england_and_wales() -> None:
    # gov.uk/bank-holidays (2013, England and Wales): the eight bank holidays.
    assert sorted(bank_holidays("england_and_wales", 2013, 2013)) == [
        date(2013, 1, 1), date(2013, 3, 29), date(2013, 4, 1), date(2013, 5, 6),
        date(2013, 5, 27), date(2013, 8, 26), date(2013, 12, 25), date(2013, 12, 26),
    ]  # fmt: skip


def test_years_outside_the_table_ask_the_package() -> None:
    bank_holidays.cache_clear()
    found = bank_holidays("england_and_wales", 2050, 2050)
    assert date(2050, 12, 26) in found  # Boxing Day 2050 is a Monday
    assert found == frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[2050]))
