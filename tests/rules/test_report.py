"""ValidationResult: order, filters, JSON, SARIF 2.1.0 and raise_for_findings."""

from __future__ import annotations

import json

import pytest

import progman
from progman import Programme
from progman.rules import GovernanceError, ValidationResult

from .conftest import TODAY


@pytest.fixture
def report(programme: Programme) -> ValidationResult:
    programme.projects[0].risks[0].owner = None  # error at projects[0].risks[0]
    programme.projects[0].senior_users = []  # warning at projects[0]
    programme.projects[1].senior_suppliers = []  # warning, suppressed below
    programme.governance.suppress = [
        {"rule": "PG-OWNER-BOARD-ROLES", "target": "llp", "reason": "Supplier left at closure"}  # type: ignore[list-item]
    ]
    return progman.validate(programme, status_date=TODAY)


def test_counts_ok_and_order(report: ValidationResult) -> None:
    assert report.counts() == {"error": 1, "warning": 1, "info": 0}
    assert not report.ok
    # No file positions, so severity decides the order.
    assert [f.code for f in report] == ["PG-OWNER-RISK", "PG-OWNER-BOARD-ROLES"]
    assert [f.code for f in report.sorted(by="path")] == [
        "PG-OWNER-BOARD-ROLES",
        "PG-OWNER-RISK",
    ]
    with pytest.raises(ValueError, match="cannot sort by 'colour'"):
        report.sorted(by="colour")


def test_filters(report: ValidationResult) -> None:
    assert report.filter(severity="warning").ok
    assert [f.code for f in report.filter(code=["PG-OWNER-RISK"])] == ["PG-OWNER-RISK"]
    assert len(report.filter(path="projects[0]")) == 2
    assert len(report.filter(path="projects[0].risks")) == 1
    assert len(report.filter(path="projects[1]")) == 0
    assert [f.subject for f in report.filter(subject="R1")] == ["R1"]


def test_json(report: ValidationResult) -> None:
    data = json.loads(report.to_json())
    assert data["ok"] is False
    assert data["status_date"] == "2013-01-10"
    assert data["status_date_source"] == "argument"
    assert data["schema_version"] == "1.0"
    assert data["findings"][0]["code"] == "PG-OWNER-RISK"
    assert data["findings"][0]["path"] == "projects[0].risks[0]"
    assert data["suppressed"][0]["reason"] == "Supplier left at closure"


def test_sarif(report: ValidationResult) -> None:
    sarif = report.to_sarif()
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["PG-OWNER-RISK"]["helpUri"] == "docs/governance.md#pg-owner-risk"
    assert rules["PG-OWNER-BOARD-ROLES"]["defaultConfiguration"] == {"level": "warning"}
    results = run["results"]
    first = results[0]
    assert first["ruleId"] == "PG-OWNER-RISK"
    assert first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "PG-OWNER-RISK"
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "projects[0].risks[0]"
    )
    suppressed = [r for r in results if "suppressions" in r]
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "justification": "Supplier left at closure"}
    ]
    json.dumps(sarif)  # serialisable as it stands


def test_raise_for_findings(report: ValidationResult) -> None:
    with pytest.raises(GovernanceError) as caught:
        report.raise_for_findings()
    assert caught.value.report is report
    assert [f.code for f in caught.value.findings] == ["PG-OWNER-RISK"]
    report.filter(severity="warning").raise_for_findings()  # warnings pass at "error"
    with pytest.raises(GovernanceError):
        report.filter(severity="warning").raise_for_findings("warning")


def test_text_groups_by_severity(report: ValidationResult) -> None:
    text = report.to_text()
    assert text.splitlines()[0] == "1 error, 1 warning, 0 info"
    assert text.index("Errors:") < text.index("Warnings:")
    assert "has no Senior User on its board [escalate to: project board]" in text
    assert ValidationResult().to_text() == "No governance findings."
