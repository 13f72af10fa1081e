"""Reading hand-written Microsoft Project XML (MSPDI) fixtures.

The expected values come from the fixtures as written by hand (durations in
hours / 8, lags in tenths of minutes / 4800), not from the reader's output.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from progman import Milestone, Programme, Task, Weekday
from progman.findings import Finding, Severity
from progman.io.mspdi import FileDates, ImportResult, MspdiError, load, loads

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def plan() -> ImportResult:
    return load(FIXTURES / "plan.xml")


def items(result: ImportResult) -> dict[str, Task | Milestone]:
    return {item.id: item for _, _, item in result.programme.work_items()}


def codes(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_a_programme_holding_one_project(plan: ImportResult) -> None:
    assert len(plan.programme.projects) == 1
    project = plan.project
    assert project.id == "customer-contact-portal"
    assert project.name == "Customer Contact Portal"
    assert project.start == plan.programme.start == date(2013, 1, 7)


def test_level_one_summaries_become_stages_and_deeper_ones_are_flattened(
    plan: ImportResult,
) -> None:
    project = plan.project
    assert [stage.id for stage in project.stages] == ["initiation", "delivery"]
    delivery = project.stages[1]
    # 'Data migration' (level 2) is gone; its two tasks sit in the Delivery stage.
    assert [task.id for task in delivery.tasks] == [
        "build-portal",
        "configure-crm",
        "train-staff",
        "extract-data",
        "load-data",
    ]
    assert [task.id for task in project.tasks] == [
        "post-implementation-review",
        "comms-plan",
        "handover-note",
    ]
    flattened = [f for f in plan.findings if f.code == "MSPDI-FLATTENED"]
    assert len(flattened) == 1
    assert "Data migration" in flattened[0].message
    assert flattened[0].location is not None
    assert flattened[0].location.line == 120


def test_milestones_from_the_flag_and_from_zero_duration(plan: ImportResult) -> None:
    found = items(plan)
    assert isinstance(found["pid-approved"], Milestone)
    assert isinstance(found["go-live"], Milestone)
    assert not any(isinstance(found[i], Milestone) for i in ("prepare-pid", "handover-note"))


def test_durations_are_hours_over_the_minutes_per_day(plan: ImportResult) -> None:
    found = items(plan)
    expected = {
        "prepare-pid": 5,  # PT40H
        "build-portal": 10,  # PT80H
        "configure-crm": 8,  # PT64H
        "train-staff": 4,  # PT32H
        "extract-data": 3,  # PT24H
        "load-data": 2,  # PT16H
        "handover-note": 1,  # PT8H
    }
    assert {key: found[key].duration for key in expected} == expected


def test_every_link_type_with_positive_and_negative_lags(plan: ImportResult) -> None:
    links = {
        (item.id, link.on): (str(link.type), link.lag)
        for item in items(plan).values()
        for link in item.depends_on
    }
    assert links == {
        ("pid-approved", "prepare-pid"): ("FS", 0),
        ("build-portal", "pid-approved"): ("FS", 2),  # LinkLag 9600
        ("configure-crm", "build-portal"): ("SS", -2),  # -9600
        ("train-staff", "build-portal"): ("FF", 3),  # 14400
        ("extract-data", "configure-crm"): ("SF", 1),  # 4800
        ("load-data", "extract-data"): ("FS", -1),  # -4800
        ("go-live", "train-staff"): ("FS", 0),
        ("go-live", "load-data"): ("FS", 0),
        ("post-implementation-review", "go-live"): ("FF", -1),  # -4800
        ("comms-plan", "prepare-pid"): ("SS", 3),  # 14400
        ("handover-note", "post-implementation-review"): ("SF", -2),  # -9600
    }


def test_constraints_and_deadlines(plan: ImportResult) -> None:
    found = items(plan)
    # FNLT: a constraint that holds it (MS Project honours constraint dates), not a deadline
    assert found["go-live"].finish_no_later_than == date(2013, 2, 8)
    assert found["go-live"].must_finish_by is None
    assert found["train-staff"].must_finish_by == date(2013, 2, 1)  # Deadline
    assert found["comms-plan"].start_no_earlier_than == date(2013, 1, 14)  # SNET
    assert found["build-portal"].must_finish_by is None


def test_the_holiday_exception_becomes_a_closure(plan: ImportResult) -> None:
    (calendar,) = plan.programme.calendars
    assert calendar.id == "default"
    assert calendar.region == "none"  # the file lists its own holidays
    assert [day.value for day in calendar.working_days] == ["mon", "tue", "wed", "thu", "fri"]
    assert [(c.start, c.end, c.name) for c in calendar.closures] == [
        (date(2013, 1, 21), None, "Council closure day")
    ]


def test_the_files_own_dates_are_kept(plan: ImportResult) -> None:
    assert plan.file_dates["build-portal"] == FileDates(date(2013, 1, 16), date(2013, 1, 30))
    assert plan.file_dates["go-live"] == FileDates(date(2013, 2, 4), date(2013, 2, 4))
    assert plan.file_dates["delivery"] == FileDates(date(2013, 1, 10), date(2013, 2, 4))


def test_notes_are_carried(plan: ImportResult) -> None:
    assert items(plan)["prepare-pid"].notes == "Project initiation documentation for the board."


def test_a_clean_plan_gives_no_warnings(plan: ImportResult) -> None:
    assert [f for f in plan.findings if f.severity is not Severity.INFO] == []


def test_an_in_progress_plan() -> None:
    result = load(FIXTURES / "progress.xml")
    found = items(result)
    survey, install, signed_off = (
        found["survey-sites"],
        found["install-kiosks"],
        found["survey-signed-off"],
    )
    assert isinstance(survey, Task)
    assert isinstance(install, Task)
    assert (survey.actual_start, survey.actual_finish) == (date(2013, 1, 7), date(2013, 1, 10))
    assert survey.percent_complete == Decimal(100)
    assert install.actual_start == date(2013, 1, 11)
    assert install.actual_finish is None
    assert install.percent_complete == Decimal(50)
    assert install.remaining_duration == 3  # PT24H
    assert isinstance(signed_off, Milestone)
    assert signed_off.achieved_on == date(2013, 1, 10)
    # No calendar in the file: said so, and Monday to Friday without holidays assumed.
    assert codes(result.findings)[0] == "MSPDI-NO-CALENDAR"
    # The status date goes to Programme.status_date where the model has it (arriving on
    # main); until then the reader says it is not carried.
    if "status_date" in Programme.model_fields:
        assert getattr(result.programme, "status_date") == date(2013, 1, 16)  # noqa: B009
        assert codes(result.findings) == ["MSPDI-NO-CALENDAR"]
    else:
        assert codes(result.findings) == ["MSPDI-NO-CALENDAR", "MSPDI-UNMAPPED"]
        assert "<StatusDate> 2013-01-16" in result.findings[1].message
    assert result.programme.calendars[0].region == "none"


def test_what_cannot_be_mapped_is_named_never_dropped() -> None:
    result = load(FIXTURES / "unmapped.xml")
    messages = [f"{f.code} {f.message}" for f in result.findings]

    def said(*words: str) -> bool:
        return any(all(word in message for word in words) for message in messages)

    assert said("MSPDI-UNMAPPED", "Resource", "Pat Newton")
    assert said("MSPDI-UNMAPPED", "Assignment")
    assert said("MSPDI-UNMAPPED", "custom fields", "Cost centre")
    assert said("MSPDI-UNMAPPED", "baseline 0", "holds no dates")
    assert said("MSPDI-UNMAPPED", "custom field values", "Cure concrete")
    assert said("MSPDI-UNMAPPED", "recurrence", "Weekly checkpoint")
    assert said("MSPDI-UNMAPPED", "recurring calendar exception", "Staff away day")
    assert said("MSPDI-UNMAPPED", "Estates plan")
    assert not said("start no later than")  # carried: start_no_later_than
    assert said("MSPDI-UNMAPPED", "inactive task", "Parked idea")
    assert said("MSPDI-APPROX", "manually scheduled", "Not before the audit")
    assert said("MSPDI-UNMAPPED", "levelling delay", "Not before the audit")
    assert said("MSPDI-LINK", "UID 99")
    assert said("MSPDI-ELAPSED", "elapsed duration", "Cure concrete", "calendar 'elapsed'")
    assert said("MSPDI-APPROX", "1.5 working days", "rounded up to 2")
    assert not said("must start on")  # carried: no earlier and no later than the date
    # The MS Project placeholders (resource UID 0, the unassigned -65535) are not reported.
    assert sum("Resource" in m for m in messages) == 1
    assert all(f.severity is Severity.WARNING for f in result.findings if f.code != "MSPDI-ELAPSED")
    assert all(f.location is not None for f in result.findings)

    found = items(result)
    assert "parked-idea" not in found
    assert found["cure-concrete"].duration == 2  # 48 elapsed hours: 2 calendar days
    assert found["cure-concrete"].calendar == "elapsed"
    assert result.programme.calendar("elapsed").working_days == list(Weekday)
    assert result.programme.calendar("elapsed").region == "none"
    assert found["half-day-briefing"].duration == 2  # 1.5 days rounded up
    # 500% of an elapsed duration of 2 days: a lag of 10 elapsed days
    assert found["half-day-briefing"].depends_on[0].lag == 10
    assert found["half-day-briefing"].depends_on[0].elapsed_lag
    # its task calendar (Night shift, which lists no days: MS Project's Monday to Friday)
    assert found["half-day-briefing"].calendar == "night-shift"
    assert result.programme.calendar("night-shift").working_days == list(Weekday)[:5]
    assert found["half-day-briefing"].start_no_later_than == date(2013, 1, 18)
    assert found["fix-the-date"].start_no_earlier_than == date(2013, 1, 21)
    assert found["fix-the-date"].start_no_later_than == date(2013, 1, 21)
    assert found["fix-the-date"].depends_on[0].lag == 2  # 2880 elapsed minutes
    assert found["fix-the-date"].depends_on[0].elapsed_lag
    calendar = result.programme.calendars[0]
    assert [day.value for day in calendar.working_days] == ["mon", "tue", "wed", "thu", "fri"]
    # <Exceptions> is there, so the old-style copies (WeekDay with DayType 0) are not read
    # again; its only exception recurs and is not carried.
    assert calendar.closures == []
    assert calendar.working_weekends == []


def test_bad_values_are_all_reported_with_their_lines() -> None:
    text = """<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2013-01-07T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><Name>A</Name>
      <Duration>eight hours</Duration></Task>
    <Task><UID>2</UID><Name>B</Name><Duration>PT8H0M0S</Duration>
      <ConstraintType>4</ConstraintType></Task>
    <Task><UID>x</UID><Name>C</Name></Task>
  </Tasks>
</Project>"""
    with pytest.raises(MspdiError) as caught:
        loads(text, "bad.xml")
    found = caught.value.findings
    assert codes(found) == ["MSPDI-BAD-VALUE"] * 3
    assert [f.location.line for f in found if f.location] == [5, 6, 8]
    assert "eight hours" in found[0].message
    assert "start no earlier than" in found[1].message
    assert "'x'" in found[2].message
    assert "bad.xml:8:" in str(caught.value)


def test_a_model_rule_broken_in_the_file_is_an_error_not_a_traceback() -> None:
    text = """<Project xmlns="http://schemas.microsoft.com/project">
  <Tasks><Task><UID>1</UID><Name>A</Name><Duration>PT8H0M0S</Duration>
    <ActualStart>2013-01-10T08:00:00</ActualStart><ActualFinish>2013-01-08T17:00:00</ActualFinish>
  </Task></Tasks></Project>"""
    with pytest.raises(MspdiError) as caught:
        loads(text)
    (finding,) = caught.value.findings
    assert finding.code == "MSPDI-INVALID"
    assert "before the actual start" in finding.message


def test_a_file_without_namespace_is_read_too() -> None:
    result = loads(
        "<Project><Tasks><Task><UID>1</UID><Name>Only task</Name>"
        "<Duration>PT16H0M0S</Duration></Task></Tasks></Project>"
    )
    assert [(t.id, t.duration) for t in result.project.tasks] == [("only-task", 2)]
    assert result.project.id == "imported-plan"


def test_duplicate_names_get_unique_ids_and_nameless_tasks_their_uid() -> None:
    result = loads(
        "<Project><Tasks>"
        "<Task><UID>7</UID><Name>Review</Name><Duration>PT8H0M0S</Duration></Task>"
        "<Task><UID>8</UID><Name>Review</Name><Duration>PT8H0M0S</Duration></Task>"
        "<Task><UID>9</UID><Name>!!!</Name><Duration>PT8H0M0S</Duration></Task>"
        "</Tasks></Project>"
    )
    assert [t.id for t in result.project.tasks] == ["review", "review-2", "t9"]


def test_links_into_summaries_are_reported() -> None:
    result = loads(
        "<Project><Tasks>"
        "<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel>"
        "<Duration>PT8H0M0S</Duration></Task>"
        "<Task><UID>2</UID><ID>2</ID><Name>Phase</Name><OutlineLevel>1</OutlineLevel>"
        "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>"
        "<Task><UID>3</UID><ID>3</ID><Name>B</Name><OutlineLevel>2</OutlineLevel>"
        "<Duration>PT8H0M0S</Duration></Task>"
        "<Task><UID>4</UID><ID>4</ID><Name>C</Name><OutlineLevel>1</OutlineLevel>"
        "<Duration>PT8H0M0S</Duration>"
        "<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>3</Type></PredecessorLink>"
        "</Task></Tasks></Project>"
    )
    (into_summary,) = [f for f in result.findings if f.code == "MSPDI-LINK"]
    assert "summary task 'Phase'" in into_summary.message
    # A link from a level-1 summary (a stage) is carried: stages can be predecessors.
    c = next(t for t in result.project.tasks if t.id == "c")
    assert [(link.on, str(link.type)) for link in c.depends_on] == [("phase", "SS")]


def test_a_task_without_duration_is_read_as_a_milestone_and_said_so() -> None:
    result = loads(
        "<Project><Tasks><Task><UID>1</UID><Name>Decision</Name></Task></Tasks></Project>"
    )
    assert [m.id for m in result.project.milestones] == ["decision"]
    assert [f.code for f in result.findings] == ["MSPDI-NO-CALENDAR", "MSPDI-APPROX"]


CALENDAR = """<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2013-01-07T08:00:00</StartDate><CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
    <WeekDays>
      <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>
        <TimePeriod><FromDate>2012-12-25T00:00:00</FromDate><ToDate>2012-12-26T23:59:00</ToDate>
        </TimePeriod></WeekDay>
      <WeekDay><DayType>0</DayType><DayWorking>1</DayWorking>
        <TimePeriod><FromDate>2013-01-12T00:00:00</FromDate><ToDate>2013-01-12T23:59:00</ToDate>
        </TimePeriod></WeekDay>
    </WeekDays>
    %s
  </Calendar></Calendars>
  <Tasks><Task><UID>1</UID><Name>A</Name><Duration>PT8H0M0S</Duration></Task></Tasks>
</Project>"""

NEW_STYLE = """<Exceptions>
  <Exception><TimePeriod><FromDate>2012-12-25T00:00:00</FromDate>
    <ToDate>2012-12-26T23:59:00</ToDate></TimePeriod><Name>Christmas</Name><Type>1</Type>
    <DayWorking>0</DayWorking></Exception>
  <Exception><TimePeriod><FromDate>2013-01-12T00:00:00</FromDate>
    <ToDate>2013-01-12T23:59:00</ToDate></TimePeriod><Name>Cut-over</Name><Type>1</Type>
    <DayWorking>1</DayWorking></Exception>
</Exceptions>"""


def test_pre_2007_exceptions_are_read() -> None:
    calendar = loads(CALENDAR % "").programme.calendars[0]
    assert [(c.start, c.end, c.name) for c in calendar.closures] == [
        (date(2012, 12, 25), date(2012, 12, 26), None)
    ]
    assert calendar.working_weekends == [date(2013, 1, 12)]  # a Saturday worked


def test_exceptions_written_both_ways_are_read_once() -> None:
    # Microsoft Project (and MPXJ) write each exception old style and in <Exceptions>.
    calendar = loads(CALENDAR % NEW_STYLE).programme.calendars[0]
    assert [(c.start, c.end, c.name) for c in calendar.closures] == [
        (date(2012, 12, 25), date(2012, 12, 26), "Christmas")
    ]
    assert calendar.working_weekends == [date(2013, 1, 12)]


def test_lags_in_hours_are_rounded_up_to_whole_days_with_a_warning() -> None:
    def lag_of(tenths: int, fmt: int) -> tuple[int, list[str]]:
        result = loads(
            "<Project><Tasks>"
            "<Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT8H0M0S</Duration></Task>"
            "<Task><UID>2</UID><ID>2</ID><Name>B</Name><Duration>PT8H0M0S</Duration>"
            f"<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>"
            f"<LinkLag>{tenths}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>"
            "</Task></Tasks></Project>"
        )
        (b,) = [t for t in result.project.tasks if t.id == "b"]
        return b.depends_on[0].lag, [
            f.code for f in result.findings if f.code != "MSPDI-NO-CALENDAR"
        ]

    assert lag_of(2400, 5) == (1, ["MSPDI-APPROX"])  # 4 hours: half a day, rounded up
    assert lag_of(-2400, 5) == (0, ["MSPDI-APPROX"])  # a 4-hour lead: rounded up to none
    assert lag_of(9600, 5) == (2, [])  # 16 hours: exactly two days
    assert lag_of(-14400, 7) == (-3, [])
    # A percentage of the predecessor's duration: LinkLag holds the percentage itself, as
    # MPXJ reads and writes it (org.mpxj.mspdi); A is one day.
    assert lag_of(200, 19) == (2, [])
    assert lag_of(50, 19) == (1, ["MSPDI-APPROX"])  # half a day, rounded up


def _with_exception(exception: str) -> ImportResult:
    return loads(
        '<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2013-01-07T08:00:00'
        "</StartDate><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID>"
        f"<Name>Standard</Name><Exceptions>{exception}</Exceptions></Calendar></Calendars>"
        "</Project>",
        "plan.xml",
    )


@pytest.mark.parametrize(
    ("recurrence", "days"),
    [
        # Every third day from Tue 1 Jan 2013 to Thu 10 Jan: 1, 4, 7, 10 Jan.
        ("<Type>1</Type><Period>3</Period>", ["2013-01-01", "2013-01-04", "2013-01-07",
                                              "2013-01-10"]),
        # Tuesdays and Thursdays (bits 4 and 16): 1, 3, 8, 10 Jan.
        ("<Type>6</Type><Period>1</Period><DaysOfWeek>20</DaysOfWeek>",
         ["2013-01-01", "2013-01-03", "2013-01-08", "2013-01-10"]),
        # The second Wednesday of each month (position 1, item 6): 9 Jan only by the 10th.
        ("<Type>5</Type><Period>1</Period><MonthPosition>1</MonthPosition>"
         "<MonthItem>6</MonthItem>", ["2013-01-09"]),
    ],
)  # fmt: skip
def test_recurring_exceptions_fall_on_their_days(recurrence: str, days: list[str]) -> None:
    result = _with_exception(
        "<Exception><TimePeriod><FromDate>2013-01-01T00:00:00</FromDate><ToDate>"
        f"2013-01-10T23:59:00</ToDate></TimePeriod><Name>Off</Name>{recurrence}"
        "<DayWorking>0</DayWorking></Exception>"
    )
    calendar = result.programme.calendars[0]
    assert [str(c.start) for c in calendar.closures] == days
    assert all(c.name == "Off" for c in calendar.closures)


@pytest.mark.parametrize(
    ("recurrence", "why"),
    [
        ("<Type>5</Type><Period>1</Period>", "cannot be read"),  # no position or weekday
        ("<Type>6</Type><Period>1</Period><DaysOfWeek>0</DaysOfWeek>", "cannot be read"),
        ("<Type>4</Type><Period>1</Period><MonthDay>32</MonthDay>", "cannot be read"),
        ("<Type>1</Type><Period>99999999</Period>", "cannot be read"),
        ("<Type>9</Type><Period>1</Period>", "cannot be read"),
        ("<Type>6</Type><Period>1</Period><DaysOfWeek>127</DaysOfWeek>", "more than 3660"),
    ],
)
def test_a_recurrence_that_cannot_be_carried_is_named(recurrence: str, why: str) -> None:
    result = _with_exception(
        "<Exception><TimePeriod><FromDate>2013-01-01T00:00:00</FromDate><ToDate>"
        f"2030-12-31T23:59:00</ToDate></TimePeriod><Name>Odd</Name>{recurrence}"
        "<DayWorking>0</DayWorking></Exception>"
    )
    assert result.programme.calendars[0].closures == []
    (finding,) = [f for f in result.findings if f.code == "MSPDI-UNMAPPED"]
    assert "recurring calendar exception 'Odd'" in finding.message
    assert why in finding.message
    assert finding.location is not None
    assert finding.location.line == 1


def test_a_change_of_working_hours_is_named() -> None:
    """Christmas Eve worked 08:00-12:00 (240 of the Standard day's 480 minutes): progman
    counts whole days, and says so at the exception, with the day."""
    result = load(Path(__file__).parent / "corpus" / "hours.xml")
    (finding,) = [f for f in result.findings if "working-time change" in f.message]
    assert finding.code == "MSPDI-APPROX"
    assert finding.data == {"days": [date(2012, 12, 24)], "minutes": 240}
    assert "'Christmas Eve'" in finding.message
    assert finding.location is not None


def test_a_half_day_on_a_weekend_is_named() -> None:
    """Saturday 12 Jan 2013 worked 08:00-12:00: a working weekend day for progman, which
    counts it whole (480 minutes), so the 240 minutes are said, as for a working day."""
    result = _with_exception(
        "<Exception><TimePeriod><FromDate>2013-01-12T00:00:00</FromDate><ToDate>"
        "2013-01-12T23:59:00</ToDate></TimePeriod><Name>Cut-over</Name><DayWorking>1"
        "</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>"
        "12:00:00</ToTime></WorkingTime></WorkingTimes></Exception>"
    )
    assert result.programme.calendars[0].working_weekends == [date(2013, 1, 12)]
    (finding,) = [f for f in result.findings if "working-time change" in f.message]
    assert finding.data == {"days": [date(2013, 1, 12)], "minutes": 240}


def test_an_exception_outranks_an_alternative_working_week() -> None:
    # A working week with Fridays off through January 2013, and an exception that works
    # Friday 18 Jan: MS Project works the 18th (an exception wins over any week), not the
    # 11th or the 25th.
    week = "".join(
        f"<WeekDay><DayType>{n}</DayType><DayWorking>{int(n in range(2, 6))}</DayWorking></WeekDay>"
        for n in range(1, 8)
    )
    result = loads(
        '<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2013-01-07T08:00:00'
        "</StartDate><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID>"
        "<Name>Standard</Name><WorkWeeks><WorkWeek><Name>January</Name><TimePeriod>"
        "<FromDate>2013-01-01T00:00:00</FromDate><ToDate>2013-01-31T23:59:59</ToDate>"
        f"</TimePeriod><WeekDays>{week}</WeekDays></WorkWeek></WorkWeeks><Exceptions>"
        "<Exception><Name>Stocktake</Name><TimePeriod><FromDate>2013-01-18T00:00:00</FromDate>"
        "<ToDate>2013-01-18T23:59:59</ToDate></TimePeriod><Type>1</Type><DayWorking>1"
        "</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00"
        "</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00"
        "</ToTime></WorkingTime></WorkingTimes></Exception></Exceptions></Calendar></Calendars>"
        "</Project>"
    )
    closed = {c.start for c in result.programme.calendar().closures}
    assert date(2013, 1, 11) in closed
    assert date(2013, 1, 25) in closed
    assert date(2013, 1, 18) not in closed


def test_actual_dates_are_the_days_worked_on_a_round_the_clock_calendar() -> None:
    # Two 24-hour days from Mon 7 Jan 00:00 finish at 00:00 on Wed 9 Jan: the days worked
    # are the 7th and the 8th (as the file's Start and Finish are read).
    day = "".join(
        f"<WeekDay><DayType>{n}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime>"
        "<FromTime>00:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes>"
        "</WeekDay>"
        for n in range(1, 8)
    )
    result = loads(
        '<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2013-01-07T00:00:00'
        "</StartDate><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>24 "
        f"Hours</Name><WeekDays>{day}</WeekDays></Calendar></Calendars><Tasks><Task><UID>1</UID>"
        "<ID>1</ID><Name>Pour</Name><Duration>PT48H0M0S</Duration><ActualStart>"
        "2013-01-07T00:00:00</ActualStart><ActualFinish>2013-01-09T00:00:00</ActualFinish>"
        "<PercentComplete>100</PercentComplete></Task></Tasks></Project>"
    )
    (pour,) = result.project.tasks
    assert (pour.actual_start, pour.actual_finish, pour.duration) == (
        date(2013, 1, 7),
        date(2013, 1, 8),
        2,
    )
