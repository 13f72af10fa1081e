"""`progman risk-analysis` says so when there is nothing uncertain to simulate: with no
three-point estimate, no category default and no risk naming the tasks it delays, every
iteration is the plan, and a table of identical P10-P90 dates would otherwise look like
certainty rather than missing data."""

from __future__ import annotations

from pathlib import Path

import pytest

import progman
from progman.cli import main
from tests.report.test_risk_section import programme

NOTE = "every iteration is the plan"


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *, uncertain: bool) -> str:
    plan = programme(uncertain=uncertain)
    if not uncertain:
        plan.projects[0].risks[0].schedule_impact = None
    path = tmp_path / "programme.yaml"
    progman.dump(plan, path)
    status = main(["risk-analysis", str(path), "--iterations", "200", "--seed", "1",
                   "--date", "2013-01-04"])  # fmt: skip
    assert status == 0
    return capsys.readouterr().err


def test_nothing_uncertain_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert NOTE in run(tmp_path, capsys, uncertain=False)


def test_an_estimate_is_simulated_without_the_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert NOTE not in run(tmp_path, capsys, uncertain=True)
