"""A task on a calendar of its own (`Task.calendar`): concrete curing goes on every day while
the rest of the project works Monday to Friday (Microsoft Project's elapsed duration).
Expected dates are counted by hand on the 2013 and 2014 calendars."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import progman as pm
from progman.schedule import ScheduleError

EVERY_DAY = pm.Calendar(id="every-day", region="none", working_days=list(pm.Weekday))


def _programme(*tasks: pm.Task, start: str = "2013-01-11") -> pm.Programme:
    return pm.Programme(
        id="p", name="P", start=start,
        calendars=[pm.Calendar(region="none"), EVERY_DAY],
        projects=[pm.Project(id="site", name="Site", tasks=list(tasks))],
    )  # fmt: skip


def test_a_task_works_to_its_own_calendar() -> None:
    programme = _programme(
        pm.Task(id="cure", name="Concrete cures", duration=3, calendar="every-day"),
        pm.Task(id="fit", name="Fit out", duration=1, depends_on=["cure"]),
        pm.Task(id="dry", name="Drying out", duration=7, calendar="every-day", depends_on=["fit"]),
        pm.Task(id="snag", name="Snagging", duration=1, depends_on=["dry"]),
    )
    dates = {i.id: (i.early_start, i.early_finish) for i in pm.schedule(programme)}
    # Fri 11 Jan 2013: curing Fri, Sat, Sun; fit out Mon 14; drying Tue 15 to Mon 21 (seven
    # days); snagging the next Monday-to-Friday day, Tue 22.
    assert dates["cure"] == (date(2013, 1, 11), date(2013, 1, 13))
    assert dates["fit"] == (date(2013, 1, 14), date(2013, 1, 14))
    assert dates["dry"] == (date(2013, 1, 15), date(2013, 1, 21))
    assert dates["snag"] == (date(2013, 1, 22), date(2013, 1, 22))
    assert dates["site"] == (date(2013, 1, 11), date(2013, 1, 22))


def test_an_unknown_task_calendar_is_a_located_error() -> None:
    programme = _programme(pm.Task(id="cure", name="Cure", duration=3, calendar="every-dya"))
    with pytest.raises(ScheduleError) as raised:
        pm.schedule(programme)
    (finding,) = raised.value.findings
    assert finding.code == "SCHED-UNKNOWN-CALENDAR"
    assert finding.path == "projects[0].tasks[0].calendar"
    assert "did you mean 'every-day'?" in finding.message


def test_planned_value_counts_the_tasks_own_days() -> None:
    """By the end of Sat 12 Jan, two of curing's three days have passed (PMI's planned value:
    the budget times the share of the planned work due by then): 2/3 of 300 = 200."""
    programme = _programme(
        pm.Task(id="cure", name="Cure", duration=3, calendar="every-day", budget=300),
    )
    level = pm.forecast(programme, status_date=date(2013, 1, 12)).levels["cure"]
    assert level.earned_value.pv == Decimal(200)


def test_links_between_calendars_whose_first_day_is_worked() -> None:
    """Regression: a link from one calendar into another whose table starts on a worked day
    (1 Jan 2013, a Tuesday, with no bank holidays) failed with SCHED-OUT-OF-RANGE."""
    four_days = pm.Calendar(id="four", region="none", working_days=["mon", "tue", "wed", "thu"])
    programme = pm.Programme(
        id="p", name="P", start="2014-01-06", calendars=[pm.Calendar(region="none"), four_days],
        projects=[
            pm.Project(id="x", name="X", tasks=[pm.Task(id="a", name="A", duration=3)]),
            pm.Project(id="y", name="Y", calendar="four",
                       tasks=[pm.Task(id="b", name="B", duration=2, depends_on=["a"])]),
        ],
    )  # fmt: skip
    dates = {i.id: (i.early_start, i.early_finish) for i in pm.schedule(programme)}
    # A: Mon 6 to Wed 8 Jan 2014; B on Monday to Thursday: Thu 9, (Fri off) Mon 13.
    assert dates["a"] == (date(2014, 1, 6), date(2014, 1, 8))
    assert dates["b"] == (date(2014, 1, 9), date(2014, 1, 13))


def test_a_chain_through_a_busier_calendar_is_not_cut_short() -> None:
    """Regression: the tables that carry dates across calendars were sized in one calendar's
    working days; a chain through a calendar with more working days a week ran past the end
    of its table, and the milestone after it came out weeks early (24 April, not 28 May).
    Found by the generated MPXJ corpus (tests/interop/generated.py)."""
    six_days = pm.Calendar(id="site-works", region="none", working_days=list(pm.Weekday)[:6])
    programme = pm.Programme(
        id="p", name="P", start="2026-03-30", calendars=[pm.Calendar(region="none"), six_days],
        projects=[pm.Project(id="x", name="X", tasks=[
            pm.Task(id="a", name="A", duration=6, start_no_earlier_than="2026-05-11"),
            pm.Task(id="b", name="B", duration=2, depends_on=["a"]),
            pm.Task(id="c", name="C", duration=7, calendar="site-works", depends_on=["b"]),
        ], milestones=[pm.Milestone(id="m", name="M", depends_on=["c"])])],
    )  # fmt: skip
    dates = {i.id: (i.early_start, i.early_finish) for i in pm.schedule(programme)}
    # A: Mon 11 to Mon 18 May 2026; B: Tue 19, Wed 20; C Monday to Saturday: Thu 21, Fri 22,
    # Sat 23, Mon 25 to Thu 28; M on the day C finishes.
    assert dates["a"] == (date(2026, 5, 11), date(2026, 5, 18))
    assert dates["b"] == (date(2026, 5, 19), date(2026, 5, 20))
    assert dates["c"] == (date(2026, 5, 21), date(2026, 5, 28))
    assert dates["m"] == (date(2026, 5, 28), date(2026, 5, 28))


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        # A works Mon 7 to Fri 11 Jan 2013 (17:00). Two elapsed days from Friday's end are
        # Sunday's end: B starts Monday 14; two working days would make it Wednesday 16.
        ({"on": "a", "lag": 2, "elapsed_lag": True}, date(2013, 1, 14)),
        ({"on": "a", "lag": 2}, date(2013, 1, 16)),
        # From A's start (Mon 7, 08:00): 4 elapsed days are Fri 11, 5 are Saturday, so B
        # starts on Monday 14.
        ({"on": "a", "type": "SS", "lag": 4, "elapsed_lag": True}, date(2013, 1, 11)),
        ({"on": "a", "type": "SS", "lag": 5, "elapsed_lag": True}, date(2013, 1, 14)),
        # A lead of 2 elapsed days from Friday's end is Wednesday's end: B starts Thu 10.
        ({"on": "a", "lag": -2, "elapsed_lag": True}, date(2013, 1, 10)),
    ],
)
def test_an_elapsed_lag_counts_every_day(link: dict[str, object], expected: date) -> None:
    """Microsoft Project's elapsed lag (`2ed`): calendar days round the clock, weekends
    included, then the successor's first working day from there."""
    programme = _programme(
        pm.Task(id="a", name="A", duration=5),
        pm.Task(id="b", name="B", duration=1, depends_on=[link]),
        start="2013-01-07",
    )
    assert pm.schedule(programme)["b"].early_start == expected


def test_a_milestone_at_a_days_opening_crosses_calendars_as_that_moment() -> None:
    """Kick-off is at the opening of Monday 7 Jan 2013 (the plan's start); Survey, on a
    calendar of every day, follows it: it starts on Monday, not on Saturday 5 Jan after the
    close of Friday 4, the same boundary in the Monday-to-Friday calendar."""
    programme = pm.Programme(
        id="p", name="P", start="2013-01-07", calendars=[pm.Calendar(region="none"), EVERY_DAY],
        projects=[pm.Project(
            id="site", name="Site",
            milestones=[pm.Milestone(id="kick-off", name="Kick-off")],
            tasks=[pm.Task(id="survey", name="Survey", duration=2, calendar="every-day",
                           depends_on=["kick-off"])],
        )],
    )  # fmt: skip
    assert pm.schedule(programme)["survey"].early_start == date(2013, 1, 7)
