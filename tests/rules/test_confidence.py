"""PG-DEADLINE-CONFIDENCE: the chance of meeting a must-finish-by, from the risk analysis.

Oracle: a task of U(10, 30) working days, rounded, finishes within 20 days with
probability (20 + 0.5 - 10) / 20 = 52.5%; checked to four standard errors of 2,000
iterations (1.1 points each).
"""

from __future__ import annotations

import datetime
import math

import pytest

import progman
from progman import DurationEstimate, Milestone, Programme, Project, Task

TODAY = datetime.date(2013, 1, 4)


def programme(confidence: int | None, *, set_by: str | None = None) -> Programme:
    # 7 January 2013 + 20 working days (no bank holidays) ends on Friday 1 February
    tolerances = [{"aspect": "time", "plus": 10, "unit": "absolute", "set_by": set_by}]
    return Programme(
        id="p",
        name="P",
        start="2013-01-07",
        people=[{"id": "sro", "name": "SRO"}],
        boards=[{"id": "pb", "name": "Programme Board", "serves": ["programme"]}],
        risk_analysis={"deadline_confidence": confidence},
        projects=[
            Project(
                id="x",
                name="X",
                tolerances=tolerances if set_by else [],
                tasks=[
                    Task(
                        id="build",
                        name="Build",
                        duration=20,
                        estimate=DurationEstimate(
                            optimistic=10, most_likely=20, pessimistic=30, distribution="uniform"
                        ),
                    )
                ],
                milestones=[
                    Milestone(
                        id="open",
                        name="Opens",
                        depends_on=["build"],
                        must_finish_by=datetime.date(2013, 2, 1),
                    )
                ],
            )
        ],
    )


def findings(p: Programme) -> list[progman.Finding]:
    report = progman.validate(p, status_date=TODAY, rules=["PG-DEADLINE-CONFIDENCE"])
    return list(report)


def test_below_the_confidence_asked_for_is_a_warning_with_the_probability() -> None:
    (finding,) = findings(programme(80))
    assert finding.code == "PG-DEADLINE-CONFIDENCE"
    assert finding.severity == "warning"
    assert finding.subject == "open"
    assert finding.path == "projects[0].milestones[0]"
    share = finding.data["probability"]
    assert abs(share - 52.5) <= 4 * 100 * math.sqrt(0.525 * 0.475 / 2000)
    assert finding.data["due"] == datetime.date(2013, 2, 1)
    assert finding.data["iterations"] == 2000
    assert "below the 80%" in finding.message
    # a project milestone: escalated as the project's time forecast is, one level up
    assert (finding.escalate_to, finding.escalate_to_id) == ("Programme Board", "pb")


def test_a_task_is_escalated_as_its_work_package_forecast() -> None:
    p = programme(80)
    p.projects[0].tasks[0].must_finish_by = datetime.date(2013, 2, 1)
    told = {f.subject: f.escalate_to for f in findings(p)}
    assert told == {"open": "Programme Board", "build": "project manager"}


def test_confidence_met_is_quiet() -> None:
    assert findings(programme(40)) == []


def test_escalated_to_whoever_set_the_time_tolerance() -> None:
    p = programme(80, set_by="sro")
    (finding,) = findings(p)
    assert finding.escalate_to_id == "sro"


def test_without_the_setting_check_does_not_simulate(monkeypatch: pytest.MonkeyPatch) -> None:
    import progman.analysis

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated without being asked")

    monkeypatch.setattr(progman.analysis, "risk_analysis", refuse)
    assert findings(programme(None)) == []
    progman.validate(programme(None), status_date=TODAY)  # every rule: still no simulation


def test_the_same_answer_every_time() -> None:
    assert findings(programme(80))[0].message == findings(programme(80))[0].message


def test_a_bad_correlation_is_reported_not_raised() -> None:
    p = programme(80)
    p.risk_analysis.correlations = [progman.TaskCorrelation(tasks=["nope"], coefficient=0.5)]
    (finding,) = findings(p)
    assert finding.data["code"] == "RISK-CORRELATION-UNKNOWN"
    assert finding.path == "risk_analysis.correlations[0].tasks[0]"
