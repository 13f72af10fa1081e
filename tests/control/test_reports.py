"""Highlight and exception reports as data, and the `progman status` dashboard."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import progman as pm
from progman.cli import main
from progman.control import exception_report, highlight_report

STATUS = date(2013, 1, 18)


def programme() -> pm.Programme:
    # Mon 7 Jan 2013 start. spec 7-11 Jan done; build 10 days started Mon 14 Jan, 20% done
    # at Fri 18 Jan, so its remaining 8 days run 21-30 Jan; review follows, 31 Jan - 1 Feb.
    return pm.Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        projects=[
            pm.Project(
                id="portal",
                name="Customer Contact Portal",
                budget="100k",
                finish="2013-01-25",
                tolerances=[
                    {"aspect": "time", "plus": 3, "unit": "absolute"},
                    {"aspect": "cost", "plus": 10},
                ],
                tasks=[
                    pm.Task(id="spec", name="Specify", duration=5, budget="20k",
                            actual_start="2013-01-07", actual_finish="2013-01-11",
                            actual_cost="20k"),
                    pm.Task(id="build", name="Build", duration=10, budget="60k",
                            depends_on=["spec"], actual_start="2013-01-14",
                            percent_complete=20, actual_cost="15k"),
                    pm.Task(id="review", name="Review", duration=2, budget="20k",
                            depends_on=["build"]),
                ],
                risks=[
                    pm.Risk(id="R1", title="IT resourcing", probability=2, impact=3),
                    pm.Risk(id="R2", title="Supplier", probability=4, impact=4),
                    pm.Risk(id="R3", title="Old", probability=5, impact=5, status="closed"),
                ],
                issues=[
                    pm.Issue(id="I1", title="Open"),
                    pm.Issue(id="I2", title="Done", status="closed"),
                ],
            )
        ],
    )  # fmt: skip


def test_highlight_report_sections() -> None:
    report = highlight_report(programme(), "portal", STATUS, period_days=14)
    assert report.period == (date(2013, 1, 5), STATUS)
    assert report.next_period == (date(2013, 1, 19), date(2013, 2, 1))
    assert [w.id for w in report.this_period] == ["spec"]
    assert [(w.id, w.finish) for w in report.next_period_work] == [
        ("build", date(2013, 1, 30)),
        ("review", date(2013, 2, 1)),
    ]
    assert [i.id for i in report.issues] == ["I1"]
    assert [r.id for r in report.risks] == ["R2", "R1"]
    # EV: spec 20k + build 12k; PV: spec 20k + build 5 of 10 days = 30k; AC 35k
    assert (report.earned_value.pv, report.earned_value.ev, report.earned_value.ac) == (
        50_000,
        32_000,
        35_000,
    )
    assert [a.aspect for a in report.tolerance_status] == ["time", "cost", "benefits", "risk"]


def test_exception_report_names_the_breach_and_who_to_tell() -> None:
    report = exception_report(programme(), "portal", STATUS)
    assert report.needed
    # finish Fri 1 Feb is 5 working days after the planned Fri 25 Jan; tolerance 3.
    # cost, bottom-up EAC (PMI): spec 20k + build 60k x 15/12 = 75k + review 20k = 115k,
    # 15% over against +10%
    time, cost = report.cause
    assert {time.code, cost.code} == {"PG-TOLERANCE-EXCEEDED"}
    assert "5 working days after its planned finish 25 January 2013" in time.message
    assert "forecast to cost £115,000 against a budget of £100,000" in cost.message
    assert report.escalate_to == ["programme board"]
    assert [a.aspect for a in report.consequences] == ["time", "cost", "risk"]  # R2: 16 >= 15


def test_no_exception_when_within_tolerance() -> None:
    plan = programme()
    plan.projects[0].finish = date(2013, 2, 1)
    plan.projects[0].tolerances[1].plus = Decimal(20)  # 115k is within +20%
    assert not exception_report(plan, "portal", STATUS).needed


def test_unknown_project_lists_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"no project 'portl' in the programme \(projects: portal\)"
    ):
        highlight_report(programme(), "portl", STATUS)


@pytest.fixture
def definition(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    data = programme().model_dump(mode="json", exclude_defaults=True)
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    return path


def test_status_command_prints_the_dashboard(
    definition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", str(definition), "--date", "2013-01-18"]) == 0
    out = capsys.readouterr().out
    assert "OTP: status at 18 January 2013" in out
    assert (
        "Customer Contact Portal time: Red: forecast finish 1 February 2013 is 5 working days "
        "after the planned 25 January 2013, tolerance +3 working days" in out
    )
    assert "R2 (score 16) Supplier" in out


def test_status_command_json(definition: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(definition), "--date", "2013-01-18", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    portal = next(row for row in data["rag"] if row["id"] == "portal")
    assert portal["time"]["status"] == "red"
    assert portal["cost"]["status"] == "red"  # bottom-up EAC 115k: 15% over, tolerance 10%
    assert [r["id"] for r in data["escalated_risks"]] == ["R2"]


def test_status_without_a_date_uses_today_and_says_so_on_stderr(
    definition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: without a date, `status` printed its error on stdout (and exited 2).
    assert main(["status", str(definition)]) == 0
    captured = capsys.readouterr()
    assert "progman: status date " in captured.err
    assert "(today's date: the file has no status_date)" in captured.err
    assert "status date" not in captured.out.splitlines()[-1]
