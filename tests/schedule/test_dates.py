"""Scheduled dates against hand counts (Microsoft Project conventions).

Every expected date below was counted by hand on a calendar; the comment
beside each test shows the count. January 2013: Mon 7 .. Fri 11, Mon 14 ..
Fri 18, Mon 21 .. Fri 25 (no bank holidays after 1 January).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import progman
from progman import Calendar, Milestone, Programme, Project, Stage, Task


def one_project(*items: Task | Milestone, start: str = "2013-01-07", **calendar: Any) -> Programme:
    tasks = [i for i in items if isinstance(i, Task)]
    milestones = [i for i in items if isinstance(i, Milestone)]
    return Programme(
        id="prog",
        name="Programme",
        start=start,
        calendars=[Calendar(**calendar)],
        projects=[Project(id="proj", name="Project", tasks=tasks, milestones=milestones)],
    )


def dates(programme: Programme, item: str, **options: Any) -> tuple[date | None, date | None]:
    row = progman.schedule(programme, **options)[item]
    return row.early_start, row.early_finish


def task(id: str, duration: int, *deps: Any, **more: Any) -> Task:
    return Task(id=id, name=id.upper(), duration=duration, depends_on=list(deps), **more)


A3 = task("a", 3)  # Mon 7 - Wed 9 Jan 2013


# --- link types, positive and negative lags -------------------------------------------


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        # FS: A finishes Wed 9; B starts Thu 10, 2 days -> Fri 11
        ({"on": "a"}, (date(2013, 1, 10), date(2013, 1, 11))),
        # FS +2: lag days Thu 10, Fri 11; B Mon 14 - Tue 15
        ({"on": "a", "lag": 2}, (date(2013, 1, 14), date(2013, 1, 15))),
        # FS -1: overlap by a day; B Wed 9 - Thu 10
        ({"on": "a", "lag": -1}, (date(2013, 1, 9), date(2013, 1, 10))),
        # SS: with A, Mon 7 - Tue 8
        ({"on": "a", "type": "SS"}, (date(2013, 1, 7), date(2013, 1, 8))),
        # SS +2: Wed 9 - Thu 10
        ({"on": "a", "type": "SS", "lag": 2}, (date(2013, 1, 9), date(2013, 1, 10))),
        # SS -2: would be Thu 3 Jan, but nothing starts before the project (Mon 7)
        ({"on": "a", "type": "SS", "lag": -2}, (date(2013, 1, 7), date(2013, 1, 8))),
        # FF: B finishes with A on Wed 9, so starts Tue 8
        ({"on": "a", "type": "FF"}, (date(2013, 1, 8), date(2013, 1, 9))),
        # FF +1: finishes Thu 10, starts Wed 9
        ({"on": "a", "type": "FF", "lag": 1}, (date(2013, 1, 9), date(2013, 1, 10))),
        # FF -1: finishes Tue 8, starts Mon 7
        ({"on": "a", "type": "FF", "lag": -1}, (date(2013, 1, 7), date(2013, 1, 8))),
        # FF -2: would finish Mon 7 and start Fri 4; held at the project start: Mon 7 - Tue 8
        ({"on": "a", "type": "FF", "lag": -2}, (date(2013, 1, 7), date(2013, 1, 8))),
        # SF +3: finish no earlier than A's start (Mon 7) + 3 days -> ends Wed 9: Tue 8 - Wed 9
        ({"on": "a", "type": "SF", "lag": 3}, (date(2013, 1, 8), date(2013, 1, 9))),
        # SF +5: ends Fri 11: Thu 10 - Fri 11
        ({"on": "a", "type": "SF", "lag": 5}, (date(2013, 1, 10), date(2013, 1, 11))),
    ],
)
def test_link_types_and_lags(link: dict[str, Any], expected: tuple[date, date]) -> None:
    programme = one_project(A3, task("b", 2, link))
    assert dates(programme, "b") == expected


def test_sf_link_from_a_later_start() -> None:
    # A starts no earlier than Wed 9 (Wed 9 - Fri 11). B SF 0: B finishes when A starts,
    # i.e. by the end of Tue 8; 2 days: Mon 7 - Tue 8.
    programme = one_project(
        task("a", 3, start_no_earlier_than="2013-01-09"), task("b", 2, {"on": "a", "type": "SF"})
    )
    assert dates(programme, "a") == (date(2013, 1, 9), date(2013, 1, 11))
    assert dates(programme, "b") == (date(2013, 1, 7), date(2013, 1, 8))


def test_start_no_earlier_than_on_a_weekend_rolls_to_monday() -> None:
    # Sat 12 -> Mon 14; 2 days Mon 14 - Tue 15
    programme = one_project(task("a", 2, start_no_earlier_than="2013-01-12"))
    assert dates(programme, "a") == (date(2013, 1, 14), date(2013, 1, 15))


def test_project_start_on_a_sunday_moves_to_monday() -> None:
    programme = one_project(task("a", 1), start="2013-01-06")
    assert dates(programme, "a") == (date(2013, 1, 7), date(2013, 1, 7))


# --- milestones -------------------------------------------------------------------------


def test_milestone_sits_on_the_day_its_predecessor_finishes() -> None:
    # A Mon 7 - Wed 9; M FS A is shown Wed 9; C FS M starts Thu 10
    programme = one_project(
        A3,
        Milestone(id="m", name="M", depends_on=["a"]),
        task("c", 1, "m"),
    )
    assert dates(programme, "m") == (date(2013, 1, 9), date(2013, 1, 9))
    assert dates(programme, "c") == (date(2013, 1, 10), date(2013, 1, 10))


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ({"on": "a", "type": "SS"}, date(2013, 1, 7)),  # on A's start, Mon 7
        ({"on": "a", "type": "SS", "lag": 2}, date(2013, 1, 9)),  # Mon 7 + 2 = Wed 9
        ({"on": "a", "type": "FF"}, date(2013, 1, 9)),  # on A's finish day, Wed 9
        ({"on": "a", "lag": 1}, date(2013, 1, 10)),  # FS +1: Wed 9 + 1 day = Thu 10
        ({"on": "a", "type": "SF", "lag": 1}, date(2013, 1, 8)),  # start Mon 7 + 1 = Tue 8
    ],
)
def test_milestone_driven_by_start_or_finish(link: dict[str, Any], shown: date) -> None:
    programme = one_project(A3, Milestone(id="m", name="M", depends_on=[link]))
    assert dates(programme, "m") == (shown, shown)


def test_milestone_without_links_sits_on_the_project_start() -> None:
    programme = one_project(A3, Milestone(id="kickoff", name="Kick-off"))
    assert dates(programme, "kickoff") == (date(2013, 1, 7), date(2013, 1, 7))


def test_start_side_wins_a_tie_for_a_milestone() -> None:
    # A finishes Wed 9 (boundary before Thu 10); the milestone may not be before Thu 10:
    # both give the same boundary and the start side (Thu 10) wins.
    programme = one_project(
        A3, Milestone(id="m", name="M", depends_on=["a"], start_no_earlier_than="2013-01-10")
    )
    assert dates(programme, "m") == (date(2013, 1, 10), date(2013, 1, 10))


def test_chain_of_milestones_keeps_the_finish_day() -> None:
    # A ends Wed 9; M1 Wed 9; M2 FS M1 still Wed 9; task after M2 Thu 10
    programme = one_project(
        A3,
        Milestone(id="m1", name="M1", depends_on=["a"]),
        Milestone(id="m2", name="M2", depends_on=["m1"]),
        task("c", 2, "m2"),
    )
    assert dates(programme, "m2") == (date(2013, 1, 9), date(2013, 1, 9))
    assert dates(programme, "c") == (date(2013, 1, 10), date(2013, 1, 11))


# --- calendars --------------------------------------------------------------------------


def test_chain_across_easter_bank_holiday_weekend() -> None:
    # England and Wales 2013: Good Friday 29 Mar, Easter Monday 1 Apr.
    # A 3 days from Wed 27 Mar: Wed 27, Thu 28, Tue 2 Apr. B FS: Wed 3 - Thu 4 Apr.
    programme = one_project(A3, task("b", 2, "a"), start="2013-03-27")
    assert dates(programme, "a") == (date(2013, 3, 27), date(2013, 4, 2))
    assert dates(programme, "b") == (date(2013, 4, 3), date(2013, 4, 4))


def test_chain_across_christmas_and_new_year_england() -> None:
    # England and Wales: Tue 25, Wed 26 Dec 2012 and Tue 1 Jan 2013 are bank holidays.
    # A 5 days from Mon 24 Dec: Mon 24, Thu 27, Fri 28, Mon 31, Wed 2 Jan.
    # B 2 days FS: Thu 3 - Fri 4 Jan.
    programme = one_project(task("a", 5), task("b", 2, "a"), start="2012-12-24")
    assert dates(programme, "a") == (date(2012, 12, 24), date(2013, 1, 2))
    assert dates(programme, "b") == (date(2013, 1, 3), date(2013, 1, 4))


def test_chain_across_christmas_and_new_year_scotland() -> None:
    # Scotland adds 2 January: Mon 24, Thu 27, Fri 28, Mon 31, Thu 3 Jan.
    programme = one_project(task("a", 5), start="2012-12-24", region="scotland")
    assert dates(programme, "a") == (date(2012, 12, 24), date(2013, 1, 3))


def test_christmas_closure() -> None:
    # Closure 27-31 Dec 2012 on top of the bank holidays: Mon 24, Wed 2, Thu 3 Jan.
    programme = one_project(
        task("a", 3),
        start="2012-12-24",
        closures=[{"start": "2012-12-27", "end": "2012-12-31", "name": "Christmas closure"}],
    )
    assert dates(programme, "a") == (date(2012, 12, 24), date(2013, 1, 3))


def test_working_weekend() -> None:
    # Saturday 12 Jan worked: A Mon 7 - Fri 11; B (2 days) Sat 12, Mon 14.
    programme = one_project(task("a", 5), task("b", 2, "a"), working_weekends=["2013-01-12"])
    assert dates(programme, "b") == (date(2013, 1, 12), date(2013, 1, 14))


def test_diamond_jubilee_2012() -> None:
    # Spring bank holiday moved to Mon 4 Jun 2012 and Tue 5 Jun was the Diamond Jubilee:
    # 3 days from Fri 1 Jun: Fri 1, Wed 6, Thu 7.
    programme = one_project(task("a", 3), start="2012-06-01")
    assert dates(programme, "a") == (date(2012, 6, 1), date(2012, 6, 7))


def test_calendar_argument_replaces_the_programme_calendars() -> None:
    # No bank holidays: 5 days from Mon 24 Dec 2012 end Fri 28 Dec.
    programme = one_project(task("a", 5), start="2012-12-24")
    plan = progman.schedule(programme, calendar=Calendar(region="none"))
    assert plan["a"].early_finish == date(2012, 12, 28)


# --- deadlines --------------------------------------------------------------------------


def test_missed_must_finish_by_gives_negative_float_and_a_finding() -> None:
    # Start Mon 4 Jan 2010 (1 Jan was a bank holiday). Draft: 25 days, Jan 4-8, 11-15,
    # 18-22, 25-29, Feb 1-5 -> Fri 5 Feb. Review: 3 days Mon 8 - Wed 10 Feb. The
    # report to HM Treasury is shown Wed 10 Feb, due Fri 5 Feb: 3 working days late.
    programme = Programme(
        id="total-place",
        name="Total Place",
        start="2010-01-04",
        projects=[
            Project(
                id="pilot",
                name="Pilot",
                tasks=[task("draft", 25), task("review", 3, "draft")],
                milestones=[
                    Milestone(
                        id="report-to-hmt",
                        name="Final report to HM Treasury",
                        depends_on=["review"],
                        must_finish_by="2010-02-05",
                    )
                ],
            )
        ],
    )
    plan = progman.schedule(programme)
    assert plan["report-to-hmt"].early_finish == date(2010, 2, 10)
    assert plan["report-to-hmt"].total_float == -3
    assert plan["review"].total_float == -3
    assert plan["draft"].total_float == -3
    assert plan["report-to-hmt"].critical
    [finding] = plan.findings
    assert finding.code == "SCHED-DEADLINE"
    assert finding.message.startswith(
        "'Final report to HM Treasury' due 5 February 2010 is forecast 3 working days late"
    )
    assert finding.path == "projects[0].milestones[0].must_finish_by"
    assert finding.data["late_days"] == 3


def test_met_deadline_leaves_positive_float() -> None:
    # A ends Wed 9, due Thu 10; B runs to Fri 11. A's late finish is the deadline (Thu 10,
    # earlier than the programme finish): float 1, no finding.
    programme = one_project(task("a", 3, must_finish_by="2013-01-10"), task("b", 5))
    plan = progman.schedule(programme)
    assert plan["a"].late_finish == date(2013, 1, 10)
    assert plan["a"].total_float == 1
    assert plan.findings == []


# --- progress ---------------------------------------------------------------------------


def test_started_task_schedules_remaining_work_after_the_status_date() -> None:
    # A: 10 days, started Mon 7, 40% done -> 6 days left. Status date Fri 11: the rest
    # runs Mon 14 .. Mon 21 (14, 15, 16, 17, 18, 21). B FS: Tue 22 - Wed 23.
    programme = one_project(
        task("a", 10, actual_start="2013-01-07", percent_complete=40), task("b", 2, "a")
    )
    assert dates(programme, "a", status_date=date(2013, 1, 11)) == (
        date(2013, 1, 7),
        date(2013, 1, 21),
    )
    assert dates(programme, "b", status_date=date(2013, 1, 11)) == (
        date(2013, 1, 22),
        date(2013, 1, 23),
    )


def test_started_task_with_remaining_duration() -> None:
    # 3 days left after status date Wed 16: Thu 17, Fri 18, Mon 21.
    programme = one_project(task("a", 10, actual_start="2013-01-08", remaining_duration=3))
    assert dates(programme, "a", status_date=date(2013, 1, 16)) == (
        date(2013, 1, 8),
        date(2013, 1, 21),
    )


def test_started_task_without_status_date_runs_its_duration() -> None:
    # No status date: the done part is taken as worked from the actual start, Tue 8:
    # 5 days Tue 8 - Mon 14.
    programme = one_project(task("a", 5, actual_start="2013-01-08", percent_complete=50))
    assert dates(programme, "a") == (date(2013, 1, 8), date(2013, 1, 14))


def test_finished_task_and_achieved_milestone_are_fixed() -> None:
    # A done Tue 8 - Mon 14 (later than its 3 days): B FS starts Tue 15.
    # Milestone achieved Wed 9: C FS starts Thu 10 even though the project starts Mon 7.
    programme = one_project(
        task("a", 3, actual_start="2013-01-08", actual_finish="2013-01-14"),
        task("b", 1, "a"),
        Milestone(id="m", name="M", achieved_on="2013-01-09"),
        task("c", 1, "m"),
    )
    plan = progman.schedule(programme)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 8), date(2013, 1, 14))
    assert plan["b"].early_start == date(2013, 1, 15)
    assert plan["m"].early_finish == date(2013, 1, 9)
    assert plan["c"].early_start == date(2013, 1, 10)
    assert not plan["a"].critical


def test_actual_start_before_the_project_start_is_kept() -> None:
    programme = one_project(task("a", 2, actual_start="2013-01-03"), start="2013-01-07")
    assert dates(programme, "a")[0] == date(2013, 1, 3)


# --- floats and critical paths ---------------------------------------------------------


def test_total_and_free_float() -> None:
    # A 3 (Mon 7 - Wed 9) and B 5 (Mon 7 - Fri 11) both precede C 1 (Mon 14).
    # A can slip 2 days (Thu 10, Fri 11) before C moves: free = total = 2.
    programme = one_project(task("a", 3), task("b", 5), task("c", 1, "a", "b"))
    plan = progman.schedule(programme)
    assert (plan["a"].total_float, plan["a"].free_float) == (2, 2)
    assert plan["a"].late_start == date(2013, 1, 9)
    assert plan["a"].late_finish == date(2013, 1, 11)
    assert (plan["b"].total_float, plan["b"].free_float) == (0, 0)
    assert plan.critical_path == ["b", "c"]


def test_free_float_smaller_than_total_float() -> None:
    # A 1 -> B 1 -> D 1; C 5 -> D. A and B have 3 days of total float (they share it);
    # A has no free float (B follows at once), B has 3. Ends Mon 7 + 5 + 1 = Mon 14.
    programme = one_project(task("a", 1), task("b", 1, "a"), task("c", 5), task("d", 1, "b", "c"))
    plan = progman.schedule(programme)
    assert (plan["a"].total_float, plan["a"].free_float) == (3, 0)
    assert (plan["b"].total_float, plan["b"].free_float) == (3, 3)
    assert plan.finish == date(2013, 1, 14)


def test_two_parallel_critical_paths() -> None:
    # A 2 then B 3 and C 3 side by side, then D 1: both A-B-D and A-C-D are critical.
    programme = one_project(
        task("a", 2), task("b", 3, "a"), task("c", 3, "a"), task("d", 1, "b", "c")
    )
    plan = progman.schedule(programme)
    assert sorted(plan.critical_paths) == [["a", "b", "d"], ["a", "c", "d"]]
    assert plan.finish == date(2013, 1, 14)  # Mon 7 + 2 + 3 = Fri 11, D Mon 14


def test_late_start_link_gives_late_finish_at_programme_finish() -> None:
    # A 10 with B 2 SS: B may start as late as day 8 (finishing with A); A is critical
    # and B has 8 days of float (late start Thu 17, late finish Fri 18).
    programme = one_project(task("a", 10), task("b", 2, {"on": "a", "type": "SS"}))
    plan = progman.schedule(programme)
    assert plan["a"].total_float == 0
    assert plan["b"].total_float == 8
    assert plan["b"].late_start == date(2013, 1, 17)


def test_as_late_as_possible_task_sits_against_its_successor() -> None:
    # B 5 (Mon 7 - Fri 11) -> C 1 (Mon 14); A 2 ALAP -> C: A moves to Thu 10 - Fri 11.
    programme = one_project(
        task("a", 2, as_late_as_possible=True), task("b", 5), task("c", 1, "a", "b")
    )
    assert dates(programme, "a") == (date(2013, 1, 10), date(2013, 1, 11))
    assert dates(programme, "c") == (date(2013, 1, 14), date(2013, 1, 14))


# Microsoft Project, constraint types ("Set a task start or finish date (constraint)",
# support.microsoft.com): "As Late As Possible: schedules the task as late as it can
# without delaying subsequent tasks". The task sits at its late dates (late finish from
# the backward pass, which starts at the project finish) and its successors are scheduled
# after it, so the chain after it uses up its float too; MPXJ's MicrosoftScheduler does
# the same (a second forward pass from the ALAP task's late dates).


def test_as_late_as_possible_task_takes_its_total_float_and_its_successor_follows() -> None:
    # C 6 sets the finish: Mon 7 - Mon 14. A 2 ALAP -> B 1. B's late finish is Mon 14, so
    # its late start Mon 14; A's late finish Fri 11, its late start Thu 10. A moves to
    # Thu 10 - Fri 11 (not only into its free float, which is 0: B follows it at once)
    # and B, as soon as possible after A, to Mon 14.
    programme = one_project(task("a", 2, as_late_as_possible=True), task("b", 1, "a"), task("c", 6))
    plan = progman.schedule(programme)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 10), date(2013, 1, 11))
    assert (plan["b"].early_start, plan["b"].early_finish) == (date(2013, 1, 14), date(2013, 1, 14))
    # both sit on their late dates now: no float left on the chain
    assert (plan["a"].total_float, plan["b"].total_float) == (0, 0)
    assert plan.finish == date(2013, 1, 14)


def test_as_late_as_possible_milestone_sits_at_the_close_of_its_late_day() -> None:
    # C 6: Mon 7 - Mon 14. M ALAP milestone -> B 1: B's late start Mon 14, so M's late
    # finish is the opening of Mon 14, which MS Project shows as the close of Fri 11 (a
    # finish at a day's opening is the previous working day's end). B follows on Mon 14.
    programme = one_project(
        Milestone(id="m", name="M", as_late_as_possible=True),
        task("b", 1, "m"),
        task("c", 6),
    )
    assert dates(programme, "m") == (date(2013, 1, 11), date(2013, 1, 11))
    assert dates(programme, "b") == (date(2013, 1, 14), date(2013, 1, 14))


def test_as_late_as_possible_task_finishes_on_its_deadline() -> None:
    # C 6: Mon 7 - Mon 14. A 2 ALAP with a deadline Wed 9: the deadline lowers its late
    # finish (Microsoft Project: a deadline moves an as-late-as-possible task, which is
    # scheduled to finish on it), so A runs Tue 8 - Wed 9.
    programme = one_project(
        task("a", 2, as_late_as_possible=True, must_finish_by="2013-01-09"), task("c", 6)
    )
    assert dates(programme, "a") == (date(2013, 1, 8), date(2013, 1, 9))


def test_as_late_as_possible_task_never_moves_before_its_early_dates() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2 ALAP with a deadline Tue 8, which it cannot meet: its
    # late finish (Tue 8) is before its early finish (Fri 11), so it stays on its early
    # dates, Thu 10 - Fri 11, and misses the deadline by 3 working days.
    programme = one_project(
        task("b", 3), task("a", 2, "b", as_late_as_possible=True, must_finish_by="2013-01-08")
    )
    plan = progman.schedule(programme)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 10), date(2013, 1, 11))
    assert plan["a"].total_float == -3


def test_as_late_as_possible_started_task_keeps_its_actual_start() -> None:
    # A 2 ALAP started Mon 7 (status Mon 7, reschedule off): progress fixes it, so it is
    # not moved to its late dates (Thu 10 - Fri 11 with C 6 setting the finish).
    programme = one_project(
        task("a", 2, as_late_as_possible=True, actual_start="2013-01-07", percent_complete=50),
        task("c", 6),
    )
    plan = progman.schedule(programme, status_date="2013-01-07", reschedule=False)
    assert plan["a"].early_start == date(2013, 1, 7)


# No-later-than constraints, as Microsoft Project schedules them by default ("tasks will
# always honor their constraint dates", Project Options > Schedule): the date wins over
# the links, and the conflict shows as negative slack on the chain that drives the task.
# Must start on is no earlier and no later than one date; must finish on, no earlier than
# the start that finishes it then and no later than the finish.


def test_start_no_later_than_holds_a_task_against_its_predecessor() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2, which must start by Tue 8: MS Project starts A on Tue 8
    # (Tue 8 - Wed 9) and B, which must finish by Mon 7 for A to follow it, has -2 days of
    # float (late finish Mon 7 against an early finish Wed 9).
    programme = one_project(task("b", 3), task("a", 2, "b", start_no_later_than="2013-01-08"))
    plan = progman.schedule(programme)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 8), date(2013, 1, 9))
    assert plan["b"].total_float == -2
    assert plan["a"].total_float == 0


def test_a_no_later_than_date_the_links_overrun_is_a_scheduling_conflict() -> None:
    # MS Project warns of a scheduling conflict when a link would move a task past its
    # no-later-than date. B 3 (Mon 7 - Wed 9) -> A 2, which must start by Tue 8: the link
    # would start A on Thu 10, 2 working days (Tue 8 -> Thu 10) later than it is held.
    programme = one_project(task("b", 3), task("a", 2, "b", start_no_later_than="2013-01-08"))
    plan = progman.schedule(programme)
    [conflict] = [f for f in plan.findings if f.code == "SCHED-CONSTRAINT-CONFLICT"]
    assert conflict.subject == "a"
    assert conflict.path == "projects[0].tasks[1].start_no_later_than"
    assert conflict.data == {"constraint": "start_no_later_than", "date": "2013-01-08", "days": 2}
    assert conflict.message == (
        "'A' must start no later than 8 January 2013, but its links would move it 2 working "
        "days later: it is held to the date, so the work before it shows negative float"
    )


def test_a_finish_no_later_than_overrun_names_the_finish_constraint() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2 finishing by Wed 9: the link would run A Thu 10 - Fri 11,
    # 2 working days after the Tue 8 - Wed 9 it is held to. C 1 after B by Fri 11 fits
    # (Thu 10): no conflict for it.
    programme = one_project(
        task("b", 3),
        task("a", 2, "b", finish_no_later_than="2013-01-09"),
        task("c", 1, "b", finish_no_later_than="2013-01-11"),
    )
    found = progman.schedule(programme).findings
    assert [(f.code, f.subject, f.data["days"]) for f in found] == [
        ("SCHED-CONSTRAINT-CONFLICT", "a", 2)
    ]
    assert found[0].path.endswith(".finish_no_later_than")


def test_a_no_later_than_date_the_links_meet_exactly_is_no_conflict() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2 by Thu 10: the link starts A on Thu 10 itself.
    programme = one_project(task("b", 3), task("a", 2, "b", start_no_later_than="2013-01-10"))
    assert progman.schedule(programme).findings == []


def test_start_no_later_than_after_the_links_changes_nothing() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2 by Fri 18: A follows B, Thu 10 - Fri 11; a date later
    # than the links give holds nothing back.
    programme = one_project(task("b", 3), task("a", 2, "b", start_no_later_than="2013-01-18"))
    assert dates(programme, "a") == (date(2013, 1, 10), date(2013, 1, 11))


def test_start_no_later_than_caps_the_late_dates() -> None:
    # A 1 with no links, by Tue 8; C 6 sets the finish, Mon 14. A starts Mon 7; its late
    # start is Tue 8 (not Mon 14): 1 day of float.
    programme = one_project(task("a", 1, start_no_later_than="2013-01-08"), task("c", 6))
    plan = progman.schedule(programme)
    assert plan["a"].early_start == date(2013, 1, 7)
    assert (plan["a"].late_start, plan["a"].total_float) == (date(2013, 1, 8), 1)


def test_finish_no_later_than_holds_a_task_to_finish_by_its_date() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2, which must finish by Tue 8: A Mon 7 - Tue 8 (started 2
    # days before the close of Tue 8). A milestone M after B, due by Tue 8, sits at the
    # close of Tue 8; D 1 after M starts Wed 9.
    programme = one_project(
        task("b", 3),
        task("a", 2, "b", finish_no_later_than="2013-01-08"),
        Milestone(id="m", name="M", depends_on=["b"], finish_no_later_than="2013-01-08"),
        task("d", 1, "m"),
    )
    plan = progman.schedule(programme)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 7), date(2013, 1, 8))
    assert plan["m"].early_start == date(2013, 1, 8)
    assert plan["d"].early_start == date(2013, 1, 9)


def test_must_start_on_is_no_earlier_and_no_later_than_its_date() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 1 must start on Tue 8: held there, before B finishes. E 1
    # must start on Wed 16 with nothing before it: there, as no earlier than alone does.
    programme = one_project(
        task("b", 3),
        task("a", 1, "b", start_no_earlier_than="2013-01-08", start_no_later_than="2013-01-08"),
        task("e", 1, start_no_earlier_than="2013-01-16", start_no_later_than="2013-01-16"),
    )
    assert dates(programme, "a") == (date(2013, 1, 8), date(2013, 1, 8))
    assert dates(programme, "e") == (date(2013, 1, 16), date(2013, 1, 16))


def test_must_finish_on_holds_the_finish_either_way() -> None:
    # A 2 must finish on Fri 11 (no earlier and no later than its close): with nothing before
    # it, Thu 10 - Fri 11. B 2 must finish on Tue 8 after C 3 (Mon 7 - Wed 9): held to
    # Mon 7 - Tue 8.
    programme = one_project(
        task("a", 2, finish_no_earlier_than="2013-01-11", finish_no_later_than="2013-01-11"),
        task("c", 3),
        task(
            "b",
            2,
            "c",
            finish_no_earlier_than="2013-01-08",
            finish_no_later_than="2013-01-08",
        ),
    )
    assert dates(programme, "a") == (date(2013, 1, 10), date(2013, 1, 11))
    assert dates(programme, "b") == (date(2013, 1, 7), date(2013, 1, 8))


# Must start on and must finish on are inflexible: "Project sets both the early start and
# late start equal to the MSO constraint date. This completely blocks logic flow through
# the task, and TS is zero" (T. Boyle, "Mandatory Constraints in Microsoft Project and
# Primavera P6", 2016, on MS Project's default "tasks will always honor their constraint
# dates"); MPXJ's MicrosoftScheduler sets the late finish to the constraint's likewise.


def test_must_start_on_has_no_float_and_blocks_negative_float_behind_it() -> None:
    # A 2 (Mon 7 - Tue 8) -> B 1 must start on Thu 10 -> C 1 due (deadline) Thu 10. C
    # starts Fri 11 and is a day late: -1. B's late dates are its early ones (float 0),
    # so the lateness stops there: A may finish as late as Wed 9, the day before B,
    # 1 day of float (not 0, as it would be if C's lateness came through B).
    programme = one_project(
        task("a", 2),
        task(
            "b",
            1,
            "a",
            start_no_earlier_than="2013-01-10",
            start_no_later_than="2013-01-10",
        ),
        task("c", 1, "b", must_finish_by="2013-01-10"),
    )
    plan = progman.schedule(programme)
    assert [plan[k].total_float for k in ("a", "b", "c")] == [1, 0, -1]
    assert (plan["b"].late_start, plan["b"].late_finish) == (date(2013, 1, 10), date(2013, 1, 10))


def test_must_finish_on_a_milestone_has_no_float_either() -> None:
    # A 2 (Mon 7 - Tue 8) -> B, a milestone that must finish on Thu 10 (no earlier and no
    # later than its close), -> C 1 due Thu 10. B sits at the close of Thu 10, so C runs
    # Fri 11, a day late: -1. B has no float, so A may finish by the close of Thu 10:
    # 2 days (1 if C's lateness came through B).
    programme = one_project(
        task("a", 2),
        Milestone(
            id="b",
            name="B",
            depends_on=["a"],
            finish_no_earlier_than="2013-01-10",
            finish_no_later_than="2013-01-10",
        ),
        task("c", 1, "b", must_finish_by="2013-01-10"),
    )
    plan = progman.schedule(programme)
    assert plan["b"].early_start == date(2013, 1, 10)
    assert plan["c"].early_start == date(2013, 1, 11)
    assert [plan[k].total_float for k in ("a", "b", "c")] == [2, 0, -1]


def test_a_window_of_two_days_is_not_inflexible() -> None:
    # B no earlier than Thu 10 and no later than Fri 11 is a window, not a date: the
    # lateness of C (-1, as above) comes back through it to B (-1) and A (0).
    programme = one_project(
        task("a", 2),
        task(
            "b",
            1,
            "a",
            start_no_earlier_than="2013-01-10",
            start_no_later_than="2013-01-11",
        ),
        task("c", 1, "b", must_finish_by="2013-01-10"),
    )
    plan = progman.schedule(programme)
    assert [plan[k].total_float for k in ("a", "b", "c")] == [0, -1, -1]


def test_rescheduled_work_never_goes_back_before_the_status_date() -> None:
    # A 2, not started, must start by Tue 8; status Wed 9 with uncompleted work
    # rescheduled: it cannot be done in the past, so it starts Thu 10 (Thu 10 - Fri 11).
    # The plan as drawn keeps it at Mon 7, within its constraint.
    programme = one_project(task("a", 2, start_no_later_than="2013-01-08"))
    plan = progman.schedule(programme, status_date="2013-01-09", reschedule=True)
    assert (plan["a"].early_start, plan["a"].early_finish) == (date(2013, 1, 10), date(2013, 1, 11))
    assert plan.planned_dates()["a"] == (date(2013, 1, 7), date(2013, 1, 8))


def test_planned_dates_honour_the_constraint_too() -> None:
    # B 3 (Mon 7 - Wed 9) -> A 2 by Tue 8, status Mon 14 rescheduling: the plan as drawn
    # holds A at Tue 8 - Wed 9, as MS Project did before anything was late.
    programme = one_project(task("b", 3), task("a", 2, "b", start_no_later_than="2013-01-08"))
    plan = progman.schedule(programme, status_date="2013-01-14", reschedule=True)
    assert plan.planned_dates()["a"] == (date(2013, 1, 8), date(2013, 1, 9))


# --- summaries and links across projects ------------------------------------------------


def two_projects(*, depends_on: list[Any] | None = None) -> Programme:
    return Programme(
        id="prog",
        name="Programme",
        start="2013-01-07",
        tranches=[{"id": "t1", "name": "Tranche 1"}],
        projects=[
            Project(
                id="ict",
                name="ICT transfer to Delt",
                tranche="t1",
                stages=[
                    Stage(id="ict-s1", name="Stage 1", tasks=[task("design", 3)]),
                    Stage(id="ict-s2", name="Stage 2", tasks=[task("migrate", 5, "design")]),
                ],
            ),
            Project(
                id="hr",
                name="HR service review",
                tranche="t1",
                depends_on=depends_on or [],
                tasks=[task("consult", 2), task("restructure", 3, "consult")],
            ),
        ],
    )


def test_stage_project_and_tranche_roll_up() -> None:
    # design Mon 7 - Wed 9; migrate Thu 10 - Wed 16. HR: consult Mon 7 - Tue 8,
    # restructure Wed 9 - Fri 11.
    plan = progman.schedule(two_projects())
    assert (plan["ict-s1"].early_start, plan["ict-s1"].early_finish) == (
        date(2013, 1, 7),
        date(2013, 1, 9),
    )
    assert (plan["ict-s2"].early_start, plan["ict-s2"].early_finish) == (
        date(2013, 1, 10),
        date(2013, 1, 16),
    )
    assert (plan["ict"].early_start, plan["ict"].early_finish) == (
        date(2013, 1, 7),
        date(2013, 1, 16),
    )
    assert plan["ict"].kind == "project"
    assert plan["ict-s1"].kind == "stage"
    assert (plan["t1"].early_start, plan["t1"].early_finish) == (
        date(2013, 1, 7),
        date(2013, 1, 16),
    )
    assert plan["hr"].total_float == 3  # Fri 11 vs Wed 16


def test_project_depends_on_project() -> None:
    # "ICT transfer must finish before the HR service review starts": ICT ends Wed 16;
    # consult Thu 17 - Fri 18, restructure Mon 21 - Wed 23.
    plan = progman.schedule(two_projects(depends_on=["ict"]))
    assert (plan["consult"].early_start, plan["restructure"].early_finish) == (
        date(2013, 1, 17),
        date(2013, 1, 23),
    )
    assert plan.critical_path == ["design", "migrate", "consult", "restructure"]


def test_task_depends_on_a_task_in_another_project() -> None:
    # restructure waits for migrate (ends Wed 16): Thu 17 - Mon 21.
    programme = two_projects()
    programme.projects[1].tasks[1].depends_on.append(progman.Dependency(on="migrate"))
    plan = progman.schedule(programme)
    assert (plan["restructure"].early_start, plan["restructure"].early_finish) == (
        date(2013, 1, 17),
        date(2013, 1, 21),
    )


def test_task_depends_on_a_stage_start() -> None:
    # consult SS +1 on stage 2 (starts Thu 10): Fri 11 - Mon 14.
    programme = two_projects()
    programme.projects[1].tasks[0].depends_on.append(
        progman.Dependency(on="ict-s2", type="SS", lag=1)
    )
    plan = progman.schedule(programme)
    assert (plan["consult"].early_start, plan["consult"].early_finish) == (
        date(2013, 1, 11),
        date(2013, 1, 14),
    )


def test_programme_milestone_after_a_project() -> None:
    programme = two_projects()
    programme.milestones.append(Milestone(id="t1-end", name="End of tranche", depends_on=["ict"]))
    plan = progman.schedule(programme)
    assert plan["t1-end"].early_finish == date(2013, 1, 16)
    assert plan.critical_path == ["design", "migrate", "t1-end"]


def test_project_calendars_inside_one_project() -> None:
    # HR works to a Scottish calendar: 2 Jan 2013 is a holiday there.
    # consult 2 days from Mon 31 Dec: Mon 31 Dec, Thu 3 Jan.
    programme = Programme(
        id="prog",
        name="Programme",
        start="2012-12-31",
        calendars=[Calendar(), Calendar(id="scot", region="scotland")],
        projects=[
            Project(id="a", name="A", tasks=[task("x", 2)]),
            Project(id="b", name="B", calendar="scot", tasks=[task("consult", 2)]),
        ],
    )
    plan = progman.schedule(programme)
    assert plan["x"].early_finish == date(2013, 1, 2)
    assert plan["consult"].early_finish == date(2013, 1, 3)


def test_link_across_calendars() -> None:
    # Project A works Saturdays (Mon-Sat); its task ends Sat 12 Jan. B (Mon-Fri) follows
    # FS: Mon 14 - Tue 15. A FS successor in A itself would start Mon 14 too.
    programme = Programme(
        id="prog",
        name="Programme",
        start="2013-01-07",
        calendars=[
            Calendar(),
            Calendar(id="six", working_days=["mon", "tue", "wed", "thu", "fri", "sat"]),
        ],
        projects=[
            Project(id="a", name="A", calendar="six", tasks=[task("x", 6)]),
            Project(id="b", name="B", tasks=[task("y", 2, "x")]),
        ],
    )
    plan = progman.schedule(programme)
    assert plan["x"].early_finish == date(2013, 1, 12)
    assert (plan["y"].early_start, plan["y"].early_finish) == (date(2013, 1, 14), date(2013, 1, 15))
    assert plan.critical_path == ["x", "y"]


def test_project_starts_with_another_project_ss() -> None:
    # ICT starts when its earliest item does, Mon 7. HR depends SS + 2 on ICT: consult
    # Wed 9 - Thu 10.
    programme = two_projects(depends_on=[{"on": "ict", "type": "SS", "lag": 2}])
    plan = progman.schedule(programme)
    assert (plan["consult"].early_start, plan["consult"].early_finish) == (
        date(2013, 1, 9),
        date(2013, 1, 10),
    )
    # the link holds the whole project: restructure (after consult) Fri 11 - Tue 15
    assert plan["restructure"].early_finish == date(2013, 1, 15)


def test_sf_link_with_a_lead() -> None:
    # A starts no earlier than Mon 14. B SF - 1: B finishes no earlier than one
    # working day before A's start, i.e. by the end of Thu 10: B (2 days) Wed 9 - Thu 10.
    programme = one_project(
        task("a", 3, start_no_earlier_than="2013-01-14"),
        task("b", 2, {"on": "a", "type": "SF", "lag": -1}),
    )
    assert dates(programme, "b") == (date(2013, 1, 9), date(2013, 1, 10))


def test_start_no_later_than_the_project_start_is_still_flexible() -> None:
    # A 1 no later than Mon 7, the project's start (so it can only start then, but by its
    # links and the project, not by two constraints), -> C 1 due Mon 7: C runs Tue 8, a
    # day late, and the lateness reaches A (-1): A is not must-start-on.
    programme = one_project(
        task("a", 1, start_no_later_than="2013-01-07"),
        task("c", 1, "a", must_finish_by="2013-01-07"),
    )
    plan = progman.schedule(programme)
    assert [plan[k].total_float for k in ("a", "c")] == [-1, -1]


# Finish no earlier than (MS Project's FNET): a task starts no earlier than the day that
# finishes it then; a milestone sits no earlier than the close of the day, where MS
# Project puts it (the constraint's time is the day's finish, 17:00).


def test_finish_no_earlier_than_holds_a_milestone_at_the_close_of_its_day() -> None:
    # M, no links, finishes no earlier than Wed 9: at the close of Wed 9, shown on Wed 9;
    # D 1 after it starts Thu 10 (from a milestone at the opening of Wed 9 it would start
    # Wed 9).
    programme = one_project(
        Milestone(id="m", name="M", finish_no_earlier_than="2013-01-09"), task("d", 1, "m")
    )
    assert dates(programme, "m") == (date(2013, 1, 9), date(2013, 1, 9))
    assert dates(programme, "d") == (date(2013, 1, 10), date(2013, 1, 10))


def test_finish_no_earlier_than_a_task_without_links_takes_the_place_of_the_start() -> None:
    # A 2 finishes no earlier than Mon 7, the project's start, and has no links: it runs
    # Fri 4 - Mon 7, as a start-no-earlier-than takes the place of the project start.
    programme = one_project(task("a", 2, finish_no_earlier_than="2013-01-07"))
    assert dates(programme, "a") == (date(2013, 1, 4), date(2013, 1, 7))


def test_finish_no_earlier_than_a_linked_task_starts_no_earlier_than_the_project() -> None:
    # The same A after B 1 with a 1-day lead (SS -1): the constraint alone would start it
    # Fri 4 and the link Fri 4 too, but a linked task starts no earlier than the project
    # start (MS Project clamps it): Mon 7 - Tue 8.
    programme = one_project(
        task("b", 1),
        task("a", 2, {"on": "b", "type": "SS", "lag": -1}, finish_no_earlier_than="2013-01-07"),
    )
    assert dates(programme, "a") == (date(2013, 1, 7), date(2013, 1, 8))


def test_finish_no_earlier_than_a_linked_task_later_than_the_start() -> None:
    # B 1 (Mon 7) -> A 2 no earlier than finishing Fri 11: Thu 10 - Fri 11, the constraint
    # later than both the link (Tue 8) and the project start.
    programme = one_project(task("b", 1), task("a", 2, "b", finish_no_earlier_than="2013-01-11"))
    assert dates(programme, "a") == (date(2013, 1, 10), date(2013, 1, 11))


def test_a_rescheduled_milestone_leaves_the_close_of_its_day() -> None:
    # M finishes no earlier than Mon 7 (the close of Mon 7); status Wed 9, uncompleted work
    # rescheduled: it cannot be reached before the opening of Thu 10, shown Thu 10. Planned,
    # it stays on Mon 7.
    programme = one_project(Milestone(id="m", name="M", finish_no_earlier_than="2013-01-07"))
    plan = progman.schedule(programme, status_date="2013-01-09", reschedule=True)
    assert plan["m"].early_start == date(2013, 1, 10)
    assert plan.planned_dates()["m"] == (date(2013, 1, 7), date(2013, 1, 7))
