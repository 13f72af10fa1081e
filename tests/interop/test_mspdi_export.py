"""Writing Microsoft Project XML, and reading it back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from progman import Calendar, Milestone, Programme, Project, Stage, Task, Weekday
from progman.io.mspdi import MspdiError, dump, dumps, load, loads, schedule_agreement

FIXTURES = Path(__file__).parent / "fixtures"
NS = "{http://schemas.microsoft.com/project}"

# The order the MSPDI schema's <Task> sequence requires, for the elements we write.
TASK_ORDER = [
    "UID", "ID", "Name", "IsNull", "OutlineLevel", "Start", "Finish", "Duration",
    "DurationFormat", "Estimated", "Milestone", "Summary", "PercentComplete", "ActualStart",
    "ActualFinish", "RemainingDuration", "ConstraintType", "ConstraintDate", "Deadline",
    "Notes", "PredecessorLink", "ExtendedAttribute", "Baseline",
]  # fmt: skip


# The order the schema's <Project> sequence requires, for the elements we write.
PROJECT_ORDER = [
    "SaveVersion", "Name", "Title", "ScheduleFromStart", "StartDate", "FYStartDate",
    "CurrencyDigits", "CurrencySymbol", "CurrencyCode", "CurrencySymbolPosition",
    "CalendarUID", "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay",
    "MinutesPerWeek", "DaysPerMonth", "DurationFormat", "WorkFormat", "NewTasksEstimated",
    "StatusDate", "ExtendedAttributes", "Calendars", "Tasks",
]  # fmt: skip


def link_table(project: Project) -> set[tuple[str, str, str, int]]:
    return {
        (item.id, link.on, str(link.type), link.lag)
        for _, item in project.work_items()
        for link in item.depends_on
    }


@pytest.mark.parametrize("fixture", ["plan.xml", "progress.xml"])
def test_export_reimports_identically(fixture: str, tmp_path: Path) -> None:
    first = load(FIXTURES / fixture)
    written = tmp_path / "out.xml"
    assert dump(first.programme, written) == []
    second = load(written)
    assert second.programme == first.programme
    assert link_table(second.project) == link_table(first.project)
    assert second.findings == ()


def test_a_designed_project_keeps_its_ids_when_they_are_slugs_of_the_names() -> None:
    project = Project(
        id="ict-delt",
        name="ICT Delt",
        start="2013-04-01",
        stages=[
            Stage(
                id="migration",
                name="Migration",
                tasks=[
                    Task(id="move-servers", name="Move servers", duration=15),
                    Task(
                        id="move-desktops",
                        name="Move desktops",
                        duration=20,
                        depends_on=[{"on": "move-servers", "type": "SS", "lag": -3}],
                        as_late_as_possible=True,
                    ),
                ],
                milestones=[
                    Milestone(
                        id="migrated",
                        name="Migrated",
                        depends_on=["move-desktops", "migration-start"],
                        must_finish_by="2013-07-31",
                    )
                ],
            )
        ],
        milestones=[Milestone(id="migration-start", name="Migration start")],
    )
    calendar = Calendar(region="none", working_days=["mon", "tue", "wed", "thu"])
    data, findings = dumps(project, calendar=calendar)
    assert findings == []
    again = loads(data)
    assert again.project.model_dump(exclude={"id"}) == project.model_dump(exclude={"id"})
    assert again.project.id == "ict-delt"
    assert again.programme.calendars[0].working_days == calendar.working_days


def test_the_xml_follows_the_schema_order_and_units() -> None:
    project = Project(
        id="p",
        name="P",
        start="2013-01-07",
        tasks=[
            Task(id="a", name="A", duration=3, notes="why"),
            Task(
                id="b",
                name="B",
                duration=2,
                depends_on=[{"on": "a", "type": "FF", "lag": -2}],
                start_no_earlier_than="2013-01-09",
                must_finish_by="2013-01-31",
                actual_start="2013-01-09",
                percent_complete=25,
                remaining_duration=1,
            ),
        ],
    )
    data, _ = dumps(project, calendar=Calendar(region="none"))
    root = ET.fromstring(data)
    assert root.tag == f"{NS}Project"
    written = [child.tag.removeprefix(NS) for child in root]
    assert written == [tag for tag in PROJECT_ORDER if tag != "StatusDate"]  # a project has none
    assert root.findtext(f"{NS}StartDate") == "2013-01-07T08:00:00"
    assert root.findtext(f"{NS}MinutesPerDay") == "480"
    tasks = root.findall(f"{NS}Tasks/{NS}Task")
    assert [t.findtext(f"{NS}UID") for t in tasks] == ["0", "1", "2"]  # 0: project summary
    b = tasks[2]
    tags = [child.tag.removeprefix(NS) for child in b]
    assert tags == sorted(tags, key=TASK_ORDER.index)
    assert b.findtext(f"{NS}Duration") == "PT16H0M0S"
    assert b.findtext(f"{NS}ConstraintType") == "4"
    assert b.findtext(f"{NS}ConstraintDate") == "2013-01-09T08:00:00"
    assert b.findtext(f"{NS}Deadline") == "2013-01-31T17:00:00"
    assert b.findtext(f"{NS}RemainingDuration") == "PT8H0M0S"
    link = b.find(f"{NS}PredecessorLink")
    assert link is not None
    assert link.findtext(f"{NS}PredecessorUID") == "1"
    assert link.findtext(f"{NS}Type") == "0"  # FF
    assert link.findtext(f"{NS}LinkLag") == "-9600"  # 2 days x 480 minutes x 10
    assert link.findtext(f"{NS}LagFormat") == "7"


def test_closures_and_working_weekends_are_written_as_exceptions() -> None:
    calendar = Calendar(
        region="none",
        closures=[{"start": "2012-12-27", "end": "2012-12-31", "name": "Christmas closure"}],
        working_weekends=["2013-01-12"],
    )
    project = Project(
        id="p", name="P", start="2013-01-07", tasks=[Task(id="a", name="A", duration=1)]
    )
    again = loads(dumps(project, calendar=calendar)[0])
    assert again.programme.calendars[0].closures == calendar.closures
    assert again.programme.calendars[0].working_weekends == calendar.working_weekends


def test_bank_holidays_are_written_when_a_table_is_given() -> None:
    project = Project(
        id="p", name="P", start="2013-01-07", tasks=[Task(id="a", name="A", duration=1)]
    )

    def holidays(region: object, first: date, last: date) -> list[tuple[date, str]]:
        return [(date(2013, 3, 29), "Good Friday"), (date(2013, 4, 1), "Easter Monday")]

    data, findings = dumps(project, calendar=Calendar(), holidays=holidays)
    assert findings == []
    closures = loads(data).programme.calendars[0].closures
    assert [(c.start, c.name) for c in closures] == [
        (date(2013, 3, 29), "Good Friday"),
        (date(2013, 4, 1), "Easter Monday"),
    ]


def test_what_is_not_written_is_reported() -> None:
    programme = Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        risks=[{"id": "R1", "title": "Slip", "probability": 2, "impact": 3}],
        projects=[
            Project(
                id="p",
                name="P",
                tasks=[
                    Task(id="a", name="A", duration=1, owner="pnewton", budget="10k"),
                    Task(id="b", name="B", duration=1, depends_on=["elsewhere"]),
                ],
            )
        ],
    )
    _, findings = dumps(programme)
    messages = [f"{f.code} {f.message}" for f in findings]
    assert any("risks" in m for m in messages)
    assert any("owner not written (1: a)" in m for m in messages)
    assert any("budget not written (1: a)" in m for m in messages)
    assert any("outside the file" in m and "b <- elsewhere" in m for m in messages)
    assert not any("bank holidays" in m for m in messages)  # written by default


def test_uk_bank_holidays_are_written_by_default() -> None:
    project = Project(
        id="p", name="P", start="2013-01-07", tasks=[Task(id="a", name="A", duration=1)]
    )
    data, findings = dumps(project)  # the default calendar: England and Wales
    assert findings == []
    closures = {c.start for c in loads(data).programme.calendars[0].closures}
    # Good Friday, Easter Monday, the May bank holidays and Christmas 2013.
    assert {date(2013, 3, 29), date(2013, 4, 1), date(2013, 5, 6), date(2013, 12, 25)} <= closures
    assert date(2013, 1, 1) not in closures  # before the start
    assert date(2018, 12, 25) in closures  # five years on
    assert date(2019, 1, 1) not in closures


def test_a_programme_of_several_projects_nests_them_under_summaries() -> None:
    programme = Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        calendars=[Calendar(region="none")],
        projects=[
            Project(id="one", name="One", tasks=[Task(id="a", name="A", duration=2)]),
            Project(
                id="two",
                name="Two",
                stages=[
                    Stage(
                        id="s",
                        name="S",
                        tasks=[Task(id="b", name="B", duration=1, depends_on=["a"])],
                    )
                ],
            ),
        ],
        milestones=[Milestone(id="done", name="Done", depends_on=["b"])],
    )
    data, findings = dumps(programme)
    assert findings == []
    root = ET.fromstring(data)
    outline = [
        (t.findtext(f"{NS}Name"), t.findtext(f"{NS}OutlineLevel"))
        for t in root.findall(f"{NS}Tasks/{NS}Task")
    ]
    assert outline == [
        ("OTP", "0"),
        ("One", "1"),
        ("A", "2"),
        ("Two", "1"),
        ("S", "2"),
        ("B", "3"),
        ("Done", "1"),
    ]
    again = loads(data)  # the programme comes back whole
    assert again.programme == programme


def test_no_start_date_is_an_error() -> None:
    with pytest.raises(MspdiError) as caught:
        dumps(Project(id="p", name="P"))
    assert caught.value.findings[0].code == "MSPDI-NO-START"


def test_the_export_carries_progmans_dates_and_they_agree_on_reimport() -> None:
    first = load(FIXTURES / "plan.xml")
    data, _ = dumps(first.programme)
    again = loads(data)
    # The exported Start/Finish are the original file's (hand-counted) dates...
    assert {key: again.file_dates[key] for key in first.file_dates if key != "data-migration"} == {
        key: first.file_dates[key] for key in first.file_dates if key != "data-migration"
    }
    # ...so the re-imported plan agrees with its own dates.
    assert schedule_agreement(again) == []
    root = ET.fromstring(data)
    go_live = next(t for t in root.iter(f"{NS}Task") if t.findtext(f"{NS}Name") == "Go live")
    assert go_live.findtext(f"{NS}Start") == "2013-02-04T17:00:00"  # as MS Project puts it


def test_dates_can_be_left_out_and_an_unschedulable_plan_is_still_written() -> None:
    project = Project(
        id="p",
        name="P",
        start="2013-01-07",
        tasks=[
            Task(id="a", name="A", duration=1, depends_on=["b"]),
            Task(id="b", name="B", duration=1, depends_on=["a"]),
        ],
    )
    data, findings = dumps(project, dates=False)
    assert b"<Start>" not in data
    assert findings == []
    data, findings = dumps(project)  # a cycle: written, without dates, and said so
    assert b"<Start>" not in data
    (finding,) = findings
    assert finding.code == "MSPDI-NOT-WRITTEN"
    assert "cannot be scheduled" in finding.message
    assert [t.id for t in loads(data).project.tasks] == ["a", "b"]


def test_a_task_working_every_day_is_written_as_an_elapsed_duration() -> None:
    """MS Project's elapsed duration is days round the clock (DurationFormat 8, 'ed'): three
    days are PT72H; a task on another calendar of its own is reported, not written."""
    programme = Programme(
        id="p", name="P", start="2013-01-11",
        calendars=[Calendar(region="none"),
                   Calendar(id="elapsed", region="none", working_days=list(Weekday)),
                   Calendar(id="mondays", region="none", working_days=["mon"])],
        projects=[Project(id="site", name="Site", tasks=[
            Task(id="cure", name="Concrete cures", duration=3, calendar="elapsed"),
            Task(id="fit", name="Fit out", duration=1, depends_on=["cure"]),
            Task(id="clean", name="Clean", duration=1, calendar="mondays")])],
    )  # fmt: skip
    data, findings = dumps(programme)
    cure = next(
        task
        for task in ET.fromstring(data).iter("{http://schemas.microsoft.com/project}Task")
        if task.findtext("{http://schemas.microsoft.com/project}Name") == "Concrete cures"
    )
    assert cure.findtext("{http://schemas.microsoft.com/project}Duration") == "PT72H0M0S"
    assert cure.findtext("{http://schemas.microsoft.com/project}DurationFormat") == "8"
    (finding,) = [f for f in findings if "task calendars" in f.message]
    assert finding.data["subjects"] == ["clean"]
    again = loads(data).programme
    assert again.projects[0].tasks[0] == programme.projects[0].tasks[0]
    assert again.calendar("elapsed") == programme.calendar("elapsed")


def test_the_text_is_what_elementtree_writes() -> None:
    """progman's serialiser gives, byte for byte, what ElementTree's indent and tostring give
    for the same tree (names with markup characters and notes over several lines)."""
    import copy

    from progman.io._mspdi_write import serialise, write

    project = Project(id="p", name='Roads & <bridges> "2013"', start="2013-01-07", tasks=[
        Task(id="a", name="Survey & design", duration=2, notes="line one\nline <two>\tend"),
        Task(id="b", name="Build", duration=3, depends_on=[{"on": "a", "lag": -1}]),
    ])  # fmt: skip
    tree, _ = write(project, calendar=None, start=None, holidays=None)
    assert tree is not None
    theirs = copy.deepcopy(tree.getroot())
    ET.indent(theirs)
    assert serialise(tree.getroot()) == ET.tostring(theirs, encoding="unicode")
    assert len(tree.getroot()) == 0  # emptied as it was written


def test_each_date_constraint_is_written_as_ms_projects_one_constraint() -> None:
    # MS Project's ConstraintType: 2 must start on, 3 must finish on, 5 start no later than,
    # 6 finish no earlier than, 7 finish no later than (MSPDI schema). No earlier and no
    # later than one start is must start on, than one finish must finish on. Read back,
    # each gives the same fields.
    tasks = [
        Task(id="snlt", name="SNLT", duration=1, start_no_later_than="2013-01-09"),
        Task(id="fnlt", name="FNLT", duration=1, finish_no_later_than="2013-01-10"),
        Task(
            id="mso",
            name="MSO",
            duration=1,
            start_no_earlier_than="2013-01-08",
            start_no_later_than="2013-01-08",
        ),
        Task(
            id="mfo",
            name="MFO",
            duration=2,
            finish_no_earlier_than="2013-01-11",
            finish_no_later_than="2013-01-11",
        ),
        Task(id="fnet", name="FNET", duration=1, finish_no_earlier_than="2013-01-10"),
        Task(
            id="both",
            name="Both",
            duration=1,
            start_no_later_than="2013-01-09",
            finish_no_later_than="2013-01-10",
        ),
    ]
    programme = Programme(
        id="otp", name="OTP", start="2013-01-07", projects=[Project(id="p", name="P", tasks=tasks)]
    )
    text, findings = dumps(programme, project="p")
    root = ET.fromstring(text)
    written = {
        t.findtext(f"{NS}Name"): (
            t.findtext(f"{NS}ConstraintType"),
            t.findtext(f"{NS}ConstraintDate"),
        )
        for t in root.iter(f"{NS}Task")
    }
    assert written["SNLT"] == ("5", "2013-01-09T08:00:00")
    assert written["FNLT"] == ("7", "2013-01-10T17:00:00")
    assert written["MSO"] == ("2", "2013-01-08T08:00:00")
    assert written["MFO"] == ("3", "2013-01-11T17:00:00")
    assert written["FNET"] == ("6", "2013-01-10T17:00:00")
    assert written["Both"] == ("5", "2013-01-09T08:00:00")  # one constraint a task
    assert any("a second date constraint" in f.message and "both" in f.message for f in findings)
    back = {task.id: task for task in loads(text).project.tasks}
    fields = (
        "start_no_earlier_than",
        "start_no_later_than",
        "finish_no_earlier_than",
        "finish_no_later_than",
    )
    for task in tasks[:5]:
        assert [getattr(back[task.id], f) for f in fields] == [getattr(task, f) for f in fields]
