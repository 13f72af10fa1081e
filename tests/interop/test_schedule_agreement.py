"""Item 3 of the issue: progman's schedule of an imported plan agrees with Microsoft
Project's own dates. The expected dates were counted by hand on a calendar (see the
comment in fixtures/plan.xml); they are not the scheduler's output."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

import progman
from progman.io.mspdi import load, loads, schedule_agreement
from progman.io.registers import export_register

FIXTURES = Path(__file__).parent / "fixtures"

# Working days from Monday 7 January 2013, Monday 21 January a closure day:
# d0=7, d1=8, d2=9, d3=10, d4=11, d5=14, d6=15, d7=16, d8=17, d9=18,
# d10=22, d11=23, d12=24, d13=25, d14=28, d15=29, d16=30, d17=31, d18=1 Feb, d19=4 Feb.
HAND_COUNTED = {
    "prepare-pid": ("2013-01-07", "2013-01-11"),  # 5 days from d0
    "pid-approved": ("2013-01-11", "2013-01-11"),  # at the end of d4
    "build-portal": ("2013-01-16", "2013-01-30"),  # FS +2: starts d7, 10 days over the closure
    "configure-crm": ("2013-01-14", "2013-01-24"),  # SS -2 on d7: d5, 8 days
    "train-staff": ("2013-01-30", "2013-02-04"),  # FF +3 on d16: finishes d19, 4 days
    "extract-data": ("2013-01-10", "2013-01-14"),  # SF +1 on d5: finishes by end of d5
    "load-data": ("2013-01-14", "2013-01-15"),  # FS -1: starts d5
    "go-live": ("2013-02-04", "2013-02-04"),  # after train-staff
    "post-implementation-review": ("2013-01-30", "2013-02-01"),  # FF -1 on go-live
    "comms-plan": ("2013-01-14", "2013-01-15"),  # SS +3 gives d3, SNET 14 Jan wins
    "handover-note": ("2013-01-25", "2013-01-25"),  # SF -2 on d16: finishes by end of d13
    "initiation": ("2013-01-07", "2013-01-11"),
    "delivery": ("2013-01-10", "2013-02-04"),
}


def test_the_imported_schedule_matches_the_hand_count() -> None:
    result = load(FIXTURES / "plan.xml")
    plan = progman.schedule(result.programme)
    got = {key: (str(plan[key].early_start), str(plan[key].early_finish)) for key in HAND_COUNTED}
    assert got == HAND_COUNTED
    assert plan.finish == date(2013, 2, 4)


def test_the_files_own_dates_are_the_hand_count_too() -> None:
    result = load(FIXTURES / "plan.xml")
    got = {
        key: (str(result.file_dates[key].start), str(result.file_dates[key].finish))
        for key in HAND_COUNTED
    }
    assert got == HAND_COUNTED


def test_an_unprogressed_plan_agrees_item_by_item() -> None:
    assert schedule_agreement(load(FIXTURES / "plan.xml")) == []


def test_a_progressed_plan_agrees_as_microsoft_project_saved_it() -> None:
    # Install kiosks: 6 days from Fri 11 Jan 2013, 50% done (3 days: 11, 14, 15) at the
    # status date, the end of Wed 16. Microsoft Project leaves the remaining 3 days where
    # they were (16, 17, 18: finish Fri 18) until told to reschedule uncompleted work, and
    # the check schedules the same way (issue 16).
    result = load(FIXTURES / "progress.xml")
    assert schedule_agreement(result) == []
    # progman's own forecast resumes the work after the status date (17, 18, 21: Mon 21),
    # one working day later: the difference the check used to report.
    from progman import schedule

    forecast = schedule(result.programme)
    assert forecast["install-kiosks"].early_finish == date(2013, 1, 21)


def test_a_difference_is_reported_per_task_with_its_shift() -> None:
    text = (FIXTURES / "plan.xml").read_text(encoding="utf-8")
    # Pretend MS Project had Build portal a working day earlier than the links give.
    moved = text.replace(
        "<Start>2013-01-16T08:00:00</Start><Finish>2013-01-30T17:00:00</Finish>",
        "<Start>2013-01-15T08:00:00</Start><Finish>2013-01-29T17:00:00</Finish>",
    )
    assert moved != text
    (finding,) = schedule_agreement(loads(moved, "moved.xml"))
    assert finding.code == "MSPDI-DATES-DIFFER"
    assert finding.subject == "build-portal"
    assert finding.data["start_days"] == 1
    assert finding.data["finish_days"] == 1
    assert finding.data["file_start"] == date(2013, 1, 15)
    assert finding.data["start"] == date(2013, 1, 16)
    assert finding.location is not None
    assert (finding.location.file, finding.location.line) == ("moved.xml", 99)
    assert "1 working day later" in finding.message


def test_the_hint_points_at_what_the_import_could_not_carry() -> None:
    # Survey takes 4 hours (Mon 7 Jan, 08:00-12:00) and Audit 12 hours after it: MS Project
    # runs Audit from Mon 13:00 to Tue 17:00. The import rounds both up to whole days (a
    # warning on each), so progman's Audit follows a whole Monday: Tue 8 - Wed 9.
    result = loads(
        """<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2013-01-07T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>Survey</Name><Duration>PT4H0M0S</Duration>
      <Start>2013-01-07T08:00:00</Start><Finish>2013-01-07T12:00:00</Finish></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Audit sign-off</Name><Duration>PT12H0M0S</Duration>
      <Start>2013-01-07T13:00:00</Start><Finish>2013-01-08T17:00:00</Finish>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>
    </Task>
  </Tasks></Project>"""
    )
    (finding,) = schedule_agreement(result)
    assert finding.data["start_days"] == 1  # Tue 8, 1 working day after Mon 7
    assert "approximated or left out" in finding.message


def test_a_must_start_on_date_holds_against_its_link() -> None:
    # Must start on 8 January though its predecessor runs to the 9th: MS Project, which by
    # default honours constraint dates ("tasks will always honor their constraint dates"),
    # holds it to the 8th and shows the conflict as negative slack; progman carries it as
    # no earlier and no later than the 8th, and dates it so. Survey then has -2 days of
    # float: it must finish by the close of Mon 7 for the audit to follow it.
    result = loads(
        """<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2013-01-07T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>Survey</Name><Duration>PT24H0M0S</Duration>
      <Start>2013-01-07T08:00:00</Start><Finish>2013-01-09T17:00:00</Finish></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Audit sign-off</Name><Duration>PT8H0M0S</Duration>
      <Start>2013-01-08T08:00:00</Start><Finish>2013-01-08T17:00:00</Finish>
      <ConstraintType>2</ConstraintType><ConstraintDate>2013-01-08T08:00:00</ConstraintDate>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>
    </Task>
  </Tasks></Project>"""
    )
    assert schedule_agreement(result) == []
    plan = progman.schedule(result.programme)
    assert plan["audit-sign-off"].early_start == date(2013, 1, 8)
    assert plan["survey"].total_float == -2


def test_the_schedule_register_in_xlsx(tmp_path: Path) -> None:
    result = load(FIXTURES / "plan.xml")
    path = export_register(result.programme, "schedule", tmp_path / "schedule.xlsx")
    book = openpyxl.load_workbook(path)
    header, *rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    build = table["build-portal"]
    assert build["Early start"] == datetime(2013, 1, 16)
    assert build["Early finish"] == datetime(2013, 1, 30)
    assert build["Kind"] == "Task"
    assert isinstance(build["Total float (days)"], int)
    # The critical path runs build-portal -> train-staff -> go-live (hand-checked: each
    # link is tight), so those carry no float.
    assert [table[k]["Critical"] for k in ("build-portal", "train-staff", "go-live")] == [
        "yes",
        "yes",
        "yes",
    ]


def _plan(tasks: str, calendars: str = "") -> str:
    return (
        '<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2013-01-07T08:00:00'
        f"</StartDate>{calendars}<Tasks>{tasks}</Tasks></Project>"
    )


def test_finish_constraints_start_the_task_so_that_it_finishes_then() -> None:
    # Finish no earlier than Fri 25 Jan 2013 on a 3-day task: MS Project starts it Wed 23 so
    # that it finishes on the 25th; must finish on Fri 18 Jan for a 2-day task: Thu 17.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>Audit</Name><Duration>PT24H0M0S</Duration>"
            "<Start>2013-01-23T08:00:00</Start><Finish>2013-01-25T17:00:00</Finish>"
            "<ConstraintType>6</ConstraintType><ConstraintDate>2013-01-25T17:00:00"
            "</ConstraintDate></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>Report</Name><Duration>PT16H0M0S</Duration>"
            "<Start>2013-01-17T08:00:00</Start><Finish>2013-01-18T17:00:00</Finish>"
            "<ConstraintType>3</ConstraintType><ConstraintDate>2013-01-18T17:00:00"
            "</ConstraintDate></Task>"
        )
    )
    audit, report = result.project.tasks
    assert audit.finish_no_earlier_than == date(2013, 1, 25)
    assert report.finish_no_earlier_than == report.finish_no_later_than == date(2013, 1, 18)
    assert report.must_finish_by is None
    assert schedule_agreement(result) == []
    plan = progman.schedule(result.programme)
    assert plan["audit"].early_start == date(2013, 1, 23)
    assert plan["report"].early_start == date(2013, 1, 17)


def test_a_manual_task_keeps_the_days_the_file_gives_it() -> None:
    # Typed in from Mon 7 Jan 08:00 to Wed 9 Jan 12:00 (20 hours): it works three days.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>Survey</Name><Duration>PT20H0M0S</Duration>"
            "<Manual>1</Manual><Start>2013-01-07T08:00:00</Start>"
            "<Finish>2013-01-09T12:00:00</Finish></Task>"
        )
    )
    (survey,) = result.project.tasks
    assert (survey.start_no_earlier_than, survey.duration) == (date(2013, 1, 7), 3)
    assert schedule_agreement(result) == []


def test_a_milestone_after_a_lead_is_the_same_moment_on_another_day() -> None:
    # A works Mon 7 to Fri 11 Jan; M follows it with a 2-day lead. MS Project counts 16
    # working hours back from Fri 17:00 and lands on Thu 10 at 08:00; progman puts M at the
    # close of Wed 9: the same moment, shown on the day before. Not a difference.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT40H0M0S</Duration>"
            "<Start>2013-01-07T08:00:00</Start><Finish>2013-01-11T17:00:00</Finish></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>M</Name><Duration>PT0H0M0S</Duration>"
            "<Milestone>1</Milestone>"
            "<Start>2013-01-10T08:00:00</Start><Finish>2013-01-10T08:00:00</Finish>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>"
            "<LinkLag>-9600</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>"
        )
    )
    assert progman.schedule(result.programme)["m"].early_start == date(2013, 1, 9)
    assert schedule_agreement(result) == []


def test_a_lead_before_the_project_start_is_named() -> None:
    # B starts 2 days before A, which starts the project on Mon 7 Jan: MS Project puts B on
    # Thu 3 and Fri 4 Jan; progman starts nothing before the project.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT16H0M0S</Duration>"
            "<Start>2013-01-07T08:00:00</Start><Finish>2013-01-08T17:00:00</Finish></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>B</Name><Duration>PT16H0M0S</Duration>"
            "<Start>2013-01-03T08:00:00</Start><Finish>2013-01-04T17:00:00</Finish>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type>"
            "<LinkLag>-9600</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>"
        )
    )
    (finding,) = schedule_agreement(result)
    assert finding.subject == "b"
    assert "before the project's start 2013-01-07" in finding.message


def test_an_as_late_as_possible_task_agrees_on_its_late_dates() -> None:
    # C 6 days sets the finish: Mon 7 - Mon 14 Jan. A 2 days as late as possible -> B 1 day.
    # MS Project ("As Late As Possible: schedules the task as late as it can without
    # delaying subsequent tasks") puts A on its late dates, Thu 10 - Fri 11, and B after
    # it on Mon 14: the dates the file carries, which progman gives too.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT16H0M0S</Duration>"
            "<Start>2013-01-10T08:00:00</Start><Finish>2013-01-11T17:00:00</Finish>"
            "<ConstraintType>1</ConstraintType></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>B</Name><Duration>PT8H0M0S</Duration>"
            "<Start>2013-01-14T08:00:00</Start><Finish>2013-01-14T17:00:00</Finish>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>"
            "<Task><UID>3</UID><ID>3</ID><Name>C</Name><Duration>PT48H0M0S</Duration>"
            "<Start>2013-01-07T08:00:00</Start><Finish>2013-01-14T17:00:00</Finish></Task>"
        )
    )
    assert result.project.tasks[0].as_late_as_possible
    assert [f.subject for f in result.findings if f.subject == "a"] == []  # nothing to say
    assert schedule_agreement(result) == []


def test_an_as_late_as_possible_task_names_what_follows_it_when_it_differs() -> None:
    # C 5 days: Mon 7 - Fri 11 Jan. A 1 day as late as possible -> B 12 hours. MS Project
    # counts B back from Fri 17:00 to Thu 13:00 and A from there to Wed 13:00 - Thu 12:00;
    # the import rounds B up to 2 days (a warning on B), so progman's A is Wed 9 alone.
    # A agrees with nothing on itself to blame: the check names B, after it.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT8H0M0S</Duration>"
            "<Start>2013-01-09T13:00:00</Start><Finish>2013-01-10T12:00:00</Finish>"
            "<ConstraintType>1</ConstraintType></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>B</Name><Duration>PT12H0M0S</Duration>"
            "<Start>2013-01-10T13:00:00</Start><Finish>2013-01-11T17:00:00</Finish>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>"
            "<Task><UID>3</UID><ID>3</ID><Name>C</Name><Duration>PT40H0M0S</Duration>"
            "<Start>2013-01-07T08:00:00</Start><Finish>2013-01-11T17:00:00</Finish></Task>"
        )
    )
    (finding,) = schedule_agreement(result)
    assert finding.subject == "a"
    assert "2013-01-09 to 2013-01-09, the file says 2013-01-09 to 2013-01-10" in finding.message
    assert "it is as late as possible" in finding.message
    assert "'B' differs too or the import approximated something on it" in finding.message


def test_an_as_late_as_possible_task_names_what_moves_the_finish() -> None:
    # A 1 day as late as possible, with nothing after it, ends with the project; C 12 hours
    # sets that finish: Mon 7 08:00 - Tue 8 12:00 in MS Project, so A runs Mon 7 13:00 -
    # Tue 8 12:00. The import rounds C up to 2 days (a warning on C): progman's finish is
    # the close of Tue 8 and its A Tue 8 alone. The check names C, which moves the finish.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT8H0M0S</Duration>"
            "<Start>2013-01-07T13:00:00</Start><Finish>2013-01-08T12:00:00</Finish>"
            "<ConstraintType>1</ConstraintType></Task>"
            "<Task><UID>3</UID><ID>3</ID><Name>C</Name><Duration>PT12H0M0S</Duration>"
            "<Start>2013-01-07T08:00:00</Start><Finish>2013-01-08T12:00:00</Finish></Task>"
        )
    )
    (finding,) = schedule_agreement(result)
    assert finding.subject == "a"
    assert "it is as late as possible" in finding.message
    assert "'C' differs too" in finding.message


def test_a_milestone_finishing_no_earlier_than_a_day_sits_at_its_close() -> None:
    # Sign-off must finish no earlier than Wed 9 Jan (17:00): MS Project puts the milestone
    # at 17:00 on Wed 9, so Report after it starts Thu 10. Progman agrees (a milestone held
    # at the opening of Wed 9 would let Report start on the 9th).
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>Sign-off</Name><Duration>PT0H0M0S</Duration>"
            "<Milestone>1</Milestone>"
            "<Start>2013-01-09T17:00:00</Start><Finish>2013-01-09T17:00:00</Finish>"
            "<ConstraintType>6</ConstraintType><ConstraintDate>2013-01-09T17:00:00"
            "</ConstraintDate></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>Report</Name><Duration>PT8H0M0S</Duration>"
            "<Start>2013-01-10T08:00:00</Start><Finish>2013-01-10T17:00:00</Finish>"
            "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>"
        )
    )
    sign_off = result.project.milestones[0]
    assert sign_off.finish_no_earlier_than == date(2013, 1, 9)
    assert [f for f in result.findings if f.subject == sign_off.id] == []  # nothing to say
    assert schedule_agreement(result) == []
    assert progman.schedule(result.programme)["report"].early_start == date(2013, 1, 10)


def test_a_finish_constraint_at_a_days_opening_is_the_close_of_the_day_before() -> None:
    # Round the clock a day's close is the next day's 00:00: a milestone that must finish
    # no earlier than 2013-01-10T00:00 finishes no earlier than the 9th, as a task's does.
    result = loads(
        _plan(
            "<Task><UID>1</UID><ID>1</ID><Name>Sign-off</Name><Duration>PT0H0M0S</Duration>"
            "<Milestone>1</Milestone>"
            "<ConstraintType>6</ConstraintType><ConstraintDate>2013-01-10T00:00:00"
            "</ConstraintDate></Task>",
            "<CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>24 Hours"
            "</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>"
            + "".join(
                f"<WeekDay><DayType>{d}</DayType><DayWorking>1</DayWorking><WorkingTimes>"
                "<WorkingTime><FromTime>00:00:00</FromTime><ToTime>00:00:00</ToTime>"
                "</WorkingTime></WorkingTimes></WeekDay>"
                for d in range(1, 8)
            )
            + "</WeekDays></Calendar></Calendars>",
        )
    )
    assert result.project.milestones[0].finish_no_earlier_than == date(2013, 1, 9)
