"""`progman rules` and the findings `progman run` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from progman.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "milton-keynes"


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "delegation:" in out
    line = next(x for x in out.splitlines() if "PG-DELEGATION-LIMIT" in x)
    assert "error" in line
    assert "within the approvers' effective limit" in line


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema_version"] == "1.0"
    rows = document["rules"]
    owner = next(r for r in rows if r["id"] == "PG-OWNER-RISK")
    assert owner == {
        "id": "PG-OWNER-RISK",
        "severity": "error",
        "family": "ownership",
        "description": "Every active risk has an owner",
        "docs": "docs/governance.md#pg-owner-risk",
    }


def test_run_prints_the_example_findings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # `run` writes report.html in the current directory
    assert main(["run", str(EXAMPLE), "--date", "2013-01-10"]) == 1  # error findings
    out = capsys.readouterr().out
    assert "Organisational Transformation Programme" in out
    # Judged against the schedule at the status date (as `progman status` does): the
    # pre-qualification stage planned for 14 Dec 2012 now finishes 2 Jan 2013, 10 working
    # days late (17-21, 24, 27, 28, 31 Dec, 2 Jan) against 5 days' tolerance.
    assert "error PG-TOLERANCE-EXCEEDED stage 'highways-pq'" in out
    # Issue 14: to the highways project's strand board, named from the file.
    assert "escalate to the Improvement and Service Development Board" in out
    assert (tmp_path / "report.html").is_file()
