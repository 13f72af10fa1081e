"""`progman compare`: what moved since a baseline, or between two, and the approved change
behind each later baseline. Dates worked by hand: a 40-working-day build from Monday
7 January 2013 ends Friday 1 March; 50 days end Friday 15 March (no bank holiday falls in
January to mid-March 2013)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import progman as pm
from progman.cli import main

from .test_output_contract import validate_output


def portal(days: int, budget: str) -> pm.Programme:
    return pm.Programme(
        id="otp", name="OTP", start="2013-01-07",
        projects=[pm.Project(
            id="portal", name="Portal", start="2013-01-07", change_authority="board",
            change_budget="50k",
            tasks=[pm.Task(id="build", name="Build", duration=days, budget=budget)],
            issues=[pm.Issue(
                id="RFC-1", title="Add webchat", type="request_for_change",
                impact_assessment=pm.ImpactAssessment(
                    time=10, cost=Decimal(30000), benefit=Decimal(0)))])],
        boards=[pm.Board(id="board", name="Portal board")],
        approvals=[pm.Approval(id="a-rfc-1", subject="RFC-1", decision="approve_change",
                               approvers=["board"], date="2013-01-11", value="30k")],
    )  # fmt: skip


@pytest.fixture
def definition(tmp_path: Path) -> Path:
    first = pm.take_baseline(portal(40, "100k"), id="bl-1", name="Initiation", on=date(2013, 1, 4))
    programme = portal(50, "130k")
    second = pm.take_baseline(
        programme, id="bl-2", name="After RFC-1", on=date(2013, 1, 11), approval="a-rfc-1"
    )
    programme.baselines = [first, second]
    path = tmp_path / "programme.yaml"
    pm.dump(programme, path)
    return path


def test_two_baselines_and_the_change_between_them(
    definition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["compare", str(definition), "--baseline", "bl-1", "--to", "bl-2", "--format", "json"]
    assert main(argv) == 0
    document = validate_output("compare", capsys.readouterr().out)
    assert document["baseline"]["id"] == "bl-1"
    assert document["against"]["id"] == "bl-2"
    (basis,) = document["changes_behind"]
    assert basis["approval"]["id"] == "a-rfc-1"
    assert basis["approval"]["approvers"] == ["board"]
    assert basis["change"] == {
        "id": "RFC-1",
        "title": "Add webchat",
        "type": "request_for_change",
        "impact": {"time": 10, "cost": "30000", "benefit": "0"},
    }
    moved = {(c["kind"], c["subject"]): c["data"] for c in document["changes"]}
    assert moved[("slipped", "build")] == {
        "was": "2013-03-01",
        "now": "2013-03-15",
        "working_days": 10,
    }
    assert moved[("cost_changed", "build")] == {"was": "100000", "now": "130000"}


def test_text_names_the_change_and_its_assessed_impact(
    definition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(definition), "--baseline", "bl-1", "--to", "bl-2"]) == 0
    out = capsys.readouterr().out
    assert (
        "  bl-2 (After RFC-1, 2013-01-11): a-rfc-1, approve change approved by 'board' on "
        "2013-01-11 for RFC-1 (Add webchat); assessed impact +10 working days, cost +£30,000, "
        "benefits +£0"
    ) in out.splitlines()
    assert "  'build' finishes 10 working days later: 2013-03-15, was 2013-03-01" in out


def test_by_default_the_latest_baseline_against_the_plan(
    definition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # at 4 January nothing has started late, so the plan is the one bl-2 recorded
    assert main(["compare", str(definition), "--date", "2013-01-04", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["baseline"]["id"] == "bl-2"
    assert document["against"] is None
    assert document["changes_behind"] == []
    assert document["changes"] == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--baseline", "bl-9"], "--baseline: no baseline 'bl-9'"),
        (["--to", "bl-9"], "--to: no baseline 'bl-9'"),
        (["--baseline", "bl-2", "--to", "bl-1"], "--to: baseline 'bl-1' is not later than 'bl-2'"),
    ],
)
def test_a_wrong_baseline_is_a_usage_error(
    definition: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["compare", str(definition), *extra]) == 2
    assert message in capsys.readouterr().err


def test_no_baselines_means_nothing_to_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "programme.yaml"
    pm.dump(portal(40, "100k"), path)
    assert main(["compare", str(path)]) == 0
    assert "no baselines, so nothing to compare against" in capsys.readouterr().out
