"""`progman import` and `progman export`: thin shells over progman.io.mspdi and registers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from ruamel.yaml import YAML

from progman.cli import main
from progman.io.mspdi import load
from progman.io.yaml import load_path

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_writes_a_programme_definition_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "programme.yaml"
    assert main(["import", str(FIXTURES / "plan.xml"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "MSPDI-FLATTENED" in err
    assert "11 tasks and milestones imported" in err
    assert "progman's schedule agrees with the file's" in err
    assert load_path(out) == load(FIXTURES / "plan.xml").programme


def test_import_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(FIXTURES / "progress.xml")]) == 0
    data = YAML(typ="safe").load(capsys.readouterr().out)
    assert data["projects"][0]["tasks"][1]["remaining_duration"] == 3


def test_import_of_a_hostile_file_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.xml"
    plan.write_text('<!DOCTYPE p [<!ENTITY a "b">]><Project>&a;</Project>', encoding="utf-8")
    assert main(["import", str(plan), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "MSPDI-UNSAFE-XML" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_export_risks_to_xlsx_and_plan_to_xml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "programme.yaml"
    assert main(["import", str(FIXTURES / "plan.xml"), "-o", str(source)]) == 0
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    data["risks"] = [{"id": "R1", "title": "Slip", "probability": 2, "impact": 4, "owner": "x"}]
    with source.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)

    sheet = tmp_path / "risks.xlsx"
    assert main(["export", str(source), "--what", "risks", "-o", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == ("R1", "Slip")

    plan = tmp_path / "again.xml"
    assert main(["export", str(source), "--what", "plan", "-o", str(plan)]) == 0
    assert load(plan).programme.projects == load(FIXTURES / "plan.xml").programme.projects


def test_export_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "p.yaml"
    source.write_text("id: p\nname: P\n", encoding="utf-8")
    assert main(["export", str(source), "--what", "risks", "-o", str(tmp_path / "r.txt")]) == 2
    assert "give --file-format" in capsys.readouterr().err
    out = tmp_path / "r.txt"
    argv = ["export", str(source), "--what", "risks", "--file-format", "csv", "-o", str(out)]
    assert main(argv) == 0
    assert out.read_text(encoding="utf-8").startswith("ID,Title,Register")


def test_export_of_a_broken_definition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "p.yaml"
    source.write_text("id: p\n", encoding="utf-8")
    assert main(["export", str(source), "--what", "issues", "-o", str(tmp_path / "i.csv")]) == 2
    captured = capsys.readouterr()
    assert "'name' is missing" in captured.out  # the finding
    assert "cannot be loaded" in captured.err  # the diagnostic


def test_import_reports_dates_that_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.xml"
    plan.write_text(
        (FIXTURES / "plan.xml")
        .read_text(encoding="utf-8")
        .replace("<Finish>2013-01-24T17:00:00</Finish>", "<Finish>2013-01-25T17:00:00</Finish>"),
        encoding="utf-8",
    )
    assert main(["import", str(plan), "-o", str(tmp_path / "p.yaml")]) == 0
    err = capsys.readouterr().err
    assert "MSPDI-DATES-DIFFER 'Configure CRM'" in err
    assert "finish 1 working day earlier" in err
    assert main(["import", "--no-date-check", str(plan), "-o", str(tmp_path / "p.yaml")]) == 0
    assert "DATES" not in capsys.readouterr().err


def test_export_the_schedule_to_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "programme.yaml"
    assert main(["import", "--no-date-check", str(FIXTURES / "plan.xml"), "-o", str(source)]) == 0
    out = tmp_path / "schedule.csv"
    # judged before the plan starts: nothing is overdue, the plan's dates stand
    argv = ["export", str(source), "--what", "schedule", "-o", str(out), "--date", "2012-12-31"]
    assert main(argv) == 0
    rows = {line.split(",")[0]: line.split(",") for line in out.read_text().splitlines()}
    assert rows["ID"][3:5] == ["Early start", "Early finish"]
    assert rows["build-portal"][3:5] == ["2013-01-16", "2013-01-30"]  # hand-counted


def test_the_closing_count_is_every_finding_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 16: "2 finding(s)" after printing 6 (the date differences were not counted).
    plan = tmp_path / "plan.xml"
    plan.write_text(
        (FIXTURES / "plan.xml")
        .read_text(encoding="utf-8")
        .replace("<Finish>2013-01-24T17:00:00</Finish>", "<Finish>2013-01-25T17:00:00</Finish>"),
        encoding="utf-8",
    )
    assert main(["import", str(plan), "-o", str(tmp_path / "p.yaml")]) == 0
    lines = capsys.readouterr().err.splitlines()
    printed = [line for line in lines if " MSPDI-" in line]
    assert any("MSPDI-DATES-DIFFER" in line for line in printed)
    count = len(printed)
    assert lines[-1].endswith(f"{count} finding{'' if count == 1 else 's'}")


def test_export_one_project_of_the_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).parents[2] / "examples" / "milton-keynes"
    out = tmp_path / "portal.xml"
    args = ["export", str(example), "--what", "plan", "-o", str(out)]
    assert main([*args, "--project", "customer-contact-portal"]) == 0
    (project,) = load(out).programme.projects
    assert project.id == "customer-contact-portal"
    capsys.readouterr()
    assert main([*args, "--project", "no-such-project"]) == 1
    assert "no project 'no-such-project'" in capsys.readouterr().err
    assert main(["export", str(example), "--what", "risks", "-o", str(tmp_path / "r.csv"),
                 "--project", "x"]) == 2  # fmt: skip
