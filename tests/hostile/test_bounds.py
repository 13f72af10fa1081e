"""Issue 12 item 4: values out of any plausible range are refused by the model, where
they are written, and whatever the scheduler cannot work out is a `ScheduleError`.

The bounds (docs/model.md, "Plausible values"): dates 1900-01-01 to 2199-12-31,
durations 0 to 10,000 working days, lags within 10,000 either way, money within
£10^15 either way; true/false is not a number.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import progman as pm
from progman.cli import main
from progman.model import EARLIEST_DATE, LATEST_DATE, MAX_MONEY, MAX_WORKING_DAYS
from progman.report import board_report, render_html, render_markdown
from progman.report.svg import GanttRow, gantt_svg
from progman.schedule import ScheduleError

# Columns counted by hand: the duration sits at line 9, column 38 (6 spaces, "- {" and
# "id: t1, name: T1, duration: " are 37 characters before it).
TEMPLATE = """id: p
name: P
start: {start}
status_date: {status}
projects:
  - id: a
    name: A
    tasks:
      - {{id: t1, name: T1, duration: {duration}}}
      - {{id: t2, name: T2, duration: 5, depends_on: [{{on: t1, lag: {lag}}}]}}
    milestones:
      - {{id: m1, name: M1, depends_on: [t2], must_finish_by: {finish}}}
"""
NORMAL = {
    "start": "2013-01-07",
    "status": "2013-01-09",
    "duration": "5",
    "lag": "0",
    "finish": "2013-03-01",
}
# (field, value, line, column, message) with columns counted by hand in TEMPLATE.
CASES = [
    ("duration", "3000000", 9, 38, "3000000 working days is outside the supported durations"),
    ("duration", "1" + "0" * 20, 9, 38, "working days is outside the supported durations"),
    ("lag", "1" + "0" * 20, 10, 68, "is outside the supported lags, -10,000 to 10,000"),
    ("lag", "-1" + "0" * 20, 10, 68, "is outside the supported lags, -10,000 to 10,000"),
    ("start", "0001-01-01", 3, 8, "0001-01-01 is outside the supported dates"),
    ("finish", "0001-01-01", 12, 62, "0001-01-01 is outside the supported dates"),
    ("status", "9999-12-31", 4, 14, "9999-12-31 is outside the supported dates"),
]


@pytest.mark.parametrize(("field", "value", "line", "column", "message"), CASES)
@pytest.mark.parametrize("command", ["check", "schedule", "status", "report", "export", "run"])
def test_out_of_range_values_are_located_errors_in_every_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    field: str,
    value: str,
    line: int,
    column: int,
    message: str,
) -> None:
    source = tmp_path / "programme.yaml"
    source.write_text(TEMPLATE.format(**{**NORMAL, field: value}), encoding="utf-8")
    extra = {
        "report": ["-o", str(tmp_path / "r.html")],
        "export": ["--what", "schedule", "-o", str(tmp_path / "s.csv")],
        "run": ["--report", str(tmp_path / "r.html")],
    }.get(command, [])
    assert main([command, str(source), *extra]) == 2  # cannot be loaded (docs/cli.md)
    out = capsys.readouterr()
    assert f"programme.yaml:{line}:{column}: error DEF-INVALID" in out.out + out.err
    assert message in out.out + out.err


def test_the_bounds_themselves_are_accepted() -> None:
    task = pm.Task(id="t", name="T", duration=MAX_WORKING_DAYS, budget=MAX_MONEY)
    assert task.duration == 10_000
    assert pm.Dependency(on="t", lag=-MAX_WORKING_DAYS).lag == -10_000
    assert pm.Programme(id="p", name="P", start=EARLIEST_DATE).start == datetime.date(1900, 1, 1)
    assert pm.Programme(id="p", name="P", start=LATEST_DATE).start == datetime.date(2199, 12, 31)


@pytest.mark.parametrize(
    "money", [Decimal(10) ** 100, MAX_MONEY + Decimal("0.01"), "99999999999999999999999999999m"]
)
def test_money_beyond_the_range_is_refused_not_a_crash(money: object) -> None:
    with pytest.raises(ValidationError, match="outside the supported amounts"):
        pm.Task(id="t", name="T", duration=1, budget=money)


def test_money_at_the_bound_goes_through_earned_value_and_the_report() -> None:
    # 10 tasks of £10^15, a third done, £10^15 spent on each: forecasts of some 10^17
    # stay within Decimal's 28 digits, so earned value and the RAG work them out.
    tasks = [
        pm.Task(
            id=f"t{k}",
            name="T",
            duration=5,
            budget=MAX_MONEY,
            actual_cost=MAX_MONEY,
            percent_complete=Decimal("33.3333"),
            actual_start="2013-01-07",
        )
        for k in range(10)
    ]
    programme = pm.Programme(
        id="p",
        name="P",
        start="2013-01-07",
        status_date="2013-01-09",
        projects=[pm.Project(id="a", name="A", budget=MAX_MONEY, tasks=tasks)],
    )
    report = board_report(programme, status_date=datetime.date(2013, 1, 9))
    text = render_markdown(report)
    assert "over the £1,000,000,000,000,000 budget" in text


@pytest.mark.parametrize("field", ["probability", "impact", "residual_probability", "scale"])
def test_true_and_false_are_not_numbers(field: str) -> None:
    values = {"id": "R1", "title": "T", "probability": 2, "impact": 2, field: True}
    with pytest.raises(ValidationError, match="expected a whole number, not true"):
        pm.Risk(**values)
    risk = pm.Risk(id="R1", title="T", probability=2, impact=2)
    with pytest.raises(ValidationError, match="not false"):
        setattr(risk, field if field != "scale" else "impact", False)
    with pytest.raises(ValidationError, match="not true"):
        pm.Task(id="t", name="T", duration=True)


def chain(tasks: int) -> pm.Programme:
    """Tasks of 10,000 working days one after another: 260 of them need 2.6 million
    working days, about 10,000 years, past the calendar's last year (9998)."""
    return pm.Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            pm.Project(
                id="a",
                name="A",
                tasks=[
                    pm.Task(
                        id=f"t{k}",
                        name=f"T{k}",
                        duration=MAX_WORKING_DAYS,
                        depends_on=[f"t{k - 1}"] if k else [],
                    )
                    for k in range(tasks)
                ],
            )
        ],
    )


def test_a_schedule_past_the_calendar_is_a_schedule_error() -> None:
    with pytest.raises(ScheduleError) as caught:
        pm.schedule(chain(260))
    assert [f.code for f in caught.value.findings] == ["SCHED-OUT-OF-RANGE"]
    assert "past the year 9998" in str(caught.value)


def test_a_status_date_before_the_calendar_is_a_schedule_error() -> None:
    with pytest.raises(ScheduleError, match="SCHED-OUT-OF-RANGE"):
        pm.schedule(chain(2), status_date=datetime.date(1, 1, 1))


def test_the_cli_reports_an_overflowing_schedule_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "programme.yaml"
    pm.dump(chain(260), source)
    assert main(["schedule", str(source)]) == 1
    assert "error SCHED-OUT-OF-RANGE" in capsys.readouterr().out


def test_the_gantt_chart_draws_a_status_date_of_9999_12_31() -> None:
    plan = pm.schedule(chain(2))
    rows = [GanttRow(item, 0) for item in plan]
    svg = gantt_svg(rows, datetime.date(9999, 12, 31))
    assert "the line marks the status date 9999-12-31" in svg


def test_a_report_at_9999_12_31_says_the_plan_cannot_be_scheduled() -> None:
    # Work not done by the status date is rescheduled after it: past the calendar.
    page = render_html(board_report(chain(2), status_date=datetime.date(9999, 12, 31)))
    assert "SCHED-OUT-OF-RANGE" in page


def test_a_report_at_year_1_says_the_plan_cannot_be_scheduled() -> None:
    page = render_html(board_report(chain(2), status_date=datetime.date(1, 1, 1)))
    assert "SCHED-OUT-OF-RANGE" in page


def test_a_list_edited_in_place_is_one_clear_definition_error() -> None:
    programme = chain(2)
    programme.projects.append("x")  # type: ignore[arg-type]
    programme.projects[0].tasks[1].depends_on.append("t0")  # type: ignore[arg-type]
    for entry in (pm.schedule, lambda p: pm.validate(p, status_date=datetime.date(2013, 1, 9))):
        with pytest.raises(pm.DefinitionError) as caught:
            entry(programme)
        assert [(f.path, f.code) for f in caught.value.problems] == [
            ("projects[0].tasks[1].depends_on[1]", "DEF-INVALID"),
            ("projects[1]", "DEF-INVALID"),
        ]
        assert "'x' is a str, not a Project" in str(caught.value)


def test_validate_walks_the_programme_once_and_schedule_after_it_walks_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # validate checks the lists on entry; the schedule its rules forecast from need not
    # walk the programme again (issue 18), but a schedule made afterwards still does.
    from progman.model import common

    walked: list[object] = []
    original = common.misplaced

    def counting(model: Any) -> list[tuple[str, str]]:
        walked.append(model)
        return original(model)

    monkeypatch.setattr(common, "misplaced", counting)
    programme = chain(2)
    pm.validate(programme, status_date=datetime.date(2013, 1, 9))
    assert walked == [programme]
    programme.projects.append("x")  # type: ignore[arg-type]
    with pytest.raises(pm.DefinitionError):
        pm.schedule(programme)
    assert walked == [programme, programme]


def test_the_command_line_does_not_walk_what_it_has_just_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Validation has just checked every list of a programme the command line loaded, and
    # nothing edits it before it is scheduled or checked: no second walk (issue 18). An
    # edited programme inside `contents_checked(..., validated=True)` is the caller's word.
    from progman.model import common
    from progman.schedule import check_contents, contents_checked

    walked: list[object] = []
    original = common.misplaced

    def counting(model: Any) -> list[tuple[str, str]]:
        walked.append(model)
        return original(model)

    monkeypatch.setattr(common, "misplaced", counting)
    file = tmp_path / "programme.yaml"
    file.write_text(
        "id: p\nname: P\nstart: 2013-01-07\nprojects:\n  - id: x\n    name: X\n"
        "    tasks:\n      - {id: a, name: A, duration: 2}\n",
        encoding="utf-8",
    )
    assert main(["schedule", str(file), "--format", "json"]) == 0
    assert main(["check", str(file), "--date", "2013-01-09"]) in (0, 1)
    assert walked == []
    programme = chain(2)
    programme.projects.append("x")  # type: ignore[arg-type]
    with contents_checked(programme, validated=True):
        check_contents(programme)  # taken on the caller's word
    with pytest.raises(pm.DefinitionError):
        check_contents(programme)
    assert walked == [programme]
