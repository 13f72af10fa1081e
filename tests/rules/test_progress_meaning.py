"""Progress rules by their documented meaning (docs/governance.md, PG-PROGRESS-OVERDUE and
PG-BASELINE-MISSING; PRINCE2 2017 "Progress": progress is measured against an approved
baseline). Overdue work is named with the finish it is now forecast to reach, the forecast
scheduling it from the day after the status date. Dates counted by hand on the England and
Wales calendar (no bank holidays in the weeks used)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import progman as pm


def programme(status: str, *, baselines: bool = False, **task: Any) -> pm.Programme:
    """Task 'a' (A), 10 working days planned Mon 7 - Fri 18 Jan 2013, and milestone 'm'."""
    return pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "status_date": status,
        "projects": [{"id": "p", "name": "P", "tasks": [
            {"id": "a", "name": "A", "duration": 10, **task}],
            "milestones": [{"id": "m", "name": "M", "depends_on": ["a"]}]}],
        "baselines": [{"id": "b", "name": "B", "date": "2013-01-04", "items": [
            {"id": "a", "start": "2013-01-07", "finish": "2013-01-18"}]}] if baselines else [],
    })  # fmt: skip


def findings(programme: pm.Programme, code: str) -> list[pm.Finding]:
    return [f for f in pm.validate(programme, rules=[code]) if f.code == code]


def test_work_not_started_past_its_planned_start_is_named_with_its_new_finish() -> None:
    # Not started by Mon 14 Jan: rescheduled from Tue 15 Jan, its 10 days run to Mon 28 Jan
    # (15-18, 21-25, 28 January).
    [finding] = findings(programme("2013-01-14"), "PG-PROGRESS-OVERDUE")
    assert finding.message == (
        "task 'a' (A) was planned to start 7 January 2013 and has not started by the status "
        "date 14 January 2013; it is now forecast to finish 28 January 2013"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].tasks[0]",
        "a",
        "project manager",
    )
    assert finding.data == {
        "reason": "not started",
        "planned_start": date(2013, 1, 7),
        "actual_start": None,
        "status_date": date(2013, 1, 14),
    }


def test_started_work_reporting_no_progress_is_named_with_its_new_finish() -> None:
    # Started Mon 7 Jan, nothing reported by Mon 14 Jan: its 10 days are forecast from
    # Tue 15 Jan, to Mon 28 Jan.
    [finding] = findings(programme("2013-01-14", actual_start="2013-01-07"), "PG-PROGRESS-OVERDUE")
    assert finding.message == (
        "task 'a' (A) started 7 January 2013 and reports no progress by the status date "
        "14 January 2013: record percent complete or remaining duration; it is now forecast "
        "to finish 28 January 2013"
    )
    assert finding.data["reason"] == "no progress"
    assert finding.data["actual_start"] == date(2013, 1, 7)


def test_a_milestone_not_reached_past_its_planned_date_is_named() -> None:
    # 'a' finished on time on Fri 18 Jan; 'm' follows it, planned Fri 18 Jan, and is not
    # recorded as achieved by Mon 21 Jan.
    done = programme("2013-01-21", actual_start="2013-01-07", actual_finish="2013-01-18")
    [finding] = findings(done, "PG-PROGRESS-OVERDUE")
    assert finding.message == (  # a milestone has no forecast finish of its own to add
        "milestone 'm' (M) was planned to be reached 18 January 2013 and has not been reached "
        "by the status date 21 January 2013"
    )
    assert finding.path == "projects[0].milestones[0]"


def test_progress_without_a_baseline_is_a_finding_for_the_level_above() -> None:
    started = {"actual_start": "2013-01-07", "percent_complete": Decimal(20)}
    [finding] = findings(programme("2013-01-09", **started), "PG-BASELINE-MISSING")
    assert finding.message == (
        "programme 'otp' records progress but holds no baseline: planned value and overdue "
        "work are measured against the current plan as if nothing had slipped, not against an "
        "approved baseline (take one with progman.take_baseline)"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "baselines",
        "otp",
        "sponsoring group",
    )
    # a baseline, or no progress at all, and there is nothing to say
    assert findings(programme("2013-01-09", baselines=True, **started), "PG-BASELINE-MISSING") == []
    assert findings(programme("2013-01-09"), "PG-BASELINE-MISSING") == []


def test_a_missed_deadline_goes_to_the_project_manager_with_its_dates() -> None:
    # 10 days from Mon 7 Jan end Fri 18 Jan; due Wed 16 Jan: 2 working days late (17, 18).
    deadline = pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "status_date": "2013-01-04",
        "projects": [{"id": "p", "name": "P", "tasks": [
            {"id": "a", "name": "Report to HM Treasury", "duration": 10,
             "must_finish_by": "2013-01-16"}]}]})  # fmt: skip
    [finding] = findings(deadline, "SCHED-DEADLINE")
    assert finding.message == (
        "'Report to HM Treasury' due 16 January 2013 is forecast 2 working days late "
        "(18 January 2013)"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].tasks[0].must_finish_by",
        "a",
        "project manager",
    )
    assert finding.data == {"due": "2013-01-16", "forecast": "2013-01-18", "late_days": 2}


def test_a_scheduling_conflict_goes_to_the_project_manager_with_its_shortfall() -> None:
    # 'a' 10 days Mon 7 - Fri 18 Jan; 'b' after it must start no later than Mon 14 Jan: the
    # link would start it Mon 21 Jan, 5 working days (14-18 Jan) after the date it is held to.
    conflict = pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "status_date": "2013-01-04",
        "projects": [{"id": "p", "name": "P", "tasks": [
            {"id": "a", "name": "Build", "duration": 10},
            {"id": "b", "name": "Train staff", "duration": 2, "depends_on": ["a"],
             "start_no_later_than": "2013-01-14"}]}]})  # fmt: skip
    [finding] = findings(conflict, "SCHED-CONSTRAINT-CONFLICT")
    assert finding.message == (
        "'Train staff' must start no later than 14 January 2013, but its links would move it "
        "5 working days later: it is held to the date, so the work before it shows negative "
        "float"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].tasks[1].start_no_later_than",
        "b",
        "project manager",
    )
    assert finding.data == {"constraint": "start_no_later_than", "date": "2013-01-14", "days": 5}
    # the deadline rule says nothing of it: each rule relays its own findings
    assert findings(conflict, "SCHED-DEADLINE") == []


def test_a_plan_that_cannot_be_scheduled_says_why_and_where() -> None:
    unknown = programme("2013-01-04")
    unknown.projects[0].calendar = "council"
    [finding] = findings(unknown, "SCHED-UNSCHEDULABLE")
    assert finding.message == (
        "project 'p' uses calendar 'council', which is not among the programme's calendars "
        "(SCHED-UNKNOWN-CALENDAR)"
    )
    assert finding.path == "projects[0].calendar"
    assert finding.subject == "p"  # the project whose calendar is unknown
    assert finding.data == {"code": "SCHED-UNKNOWN-CALENDAR"}
