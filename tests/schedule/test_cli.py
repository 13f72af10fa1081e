"""`progman schedule PATH`: table, JSON and CSV output, errors and exit status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from progman.cli import main

# Judged the working day before the plan starts: nothing is due yet, so its dates stand.
AT_START = "2013-01-04"

PLAN = """\
id: p
name: Programme
start: 2013-01-07
projects:
  - id: portal
    name: Customer Contact Portal
    tasks:
      - {id: build, name: Build, duration: 5}
      - {id: test, name: Test, duration: 3, depends_on: [build]}
    milestones:
      - {id: live, name: Live, depends_on: [test], must_finish_by: 2013-01-14}
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(PLAN)
    return path


def test_table(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(plan_file), "--date", AT_START]) == 0
    out = capsys.readouterr().out
    # build Mon 7 - Fri 11, test Mon 14 - Wed 16, live Wed 16: 2 working days after its
    # deadline (Mon 14)
    assert "Finish: 16 January 2013" in out
    assert "Critical path: build -> test -> live" in out
    assert "SCHED-DEADLINE 'Live' due 14 January 2013 is forecast 2 working days late" in out
    assert out.splitlines()[0].split()[:3] == ["id", "name", "kind"]


def test_json(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(plan_file), "--format", "json", "--date", AT_START]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["finish"] == "2013-01-16"
    assert data["critical_path"] == ["build", "test", "live"]
    live = next(item for item in data["items"] if item["id"] == "live")
    assert live["total_float"] == -2
    assert live["early_finish"] == "2013-01-16"


def test_csv(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(plan_file), "--format", "csv", "--date", AT_START]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["id"] for row in rows] == ["portal", "build", "test", "live"]
    assert rows[2]["early_start"] == "2013-01-14"


def test_status_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        PLAN.replace(
            "{id: build, name: Build, duration: 5}",
            "{id: build, name: Build, duration: 5, actual_start: 2013-01-07, "
            "remaining_duration: 2}",
        )
    )
    # 2 days left after Fri 11: Mon 14, Tue 15; test Wed 16 - Fri 18
    assert main(["schedule", str(path), "--date", "2013-01-11", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["finish"] == "2013-01-18"


def test_cycle_exits_1_with_the_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("duration: 5}", "duration: 5, depends_on: [live]}"))
    assert main(["schedule", str(path)]) == 1
    out = capsys.readouterr().out
    assert "SCHED-CYCLE dependency cycle: build -> test -> live -> build" in out


def test_bad_status_date_is_a_usage_error(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedule", str(plan_file), "--date", "14/01/2013"]) == 2
    assert "'14/01/2013' is not a date" in capsys.readouterr().err


def test_deprecated_status_date_option_still_works_and_warns(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedule", str(plan_file), "--status-date", "2013-01-11"]) == 0
    assert "--status-date is deprecated; use --date" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: no such file or folder" in capsys.readouterr().err
