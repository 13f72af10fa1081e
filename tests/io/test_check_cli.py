"""`progman check` and `progman schema`: output, formats and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from progman.cli import main

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[2]


def test_golden_readable_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    assert main(["check", "several_mistakes.yaml"]) == 2  # cannot be loaded: exit 2
    expected = (GOLDEN / "several_mistakes.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected


def test_json_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    assert main(["check", "--format", "json", "several_mistakes.yaml"]) == 2
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert len(findings) == 7
    assert findings[1] == {
        "code": "DEF-UNKNOWN-KEY",
        "severity": "error",
        "message": "unknown key 'bugdet' (did you mean 'budget'?)",
        "path": "projects[0].bugdet",
        "location": {"file": "several_mistakes.yaml", "line": 8, "column": 5},
        "subject": None,
        "escalate_to": None,
        "data": {},
        "escalate_to_id": None,
    }


CLEAN = "id: otp\nname: OTP\nsro: gt\npeople:\n  - {id: gt, name: Gail Tolley}\n"


def test_clean_programme_exits_zero_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "programme.yaml").write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_rule_findings_are_located_and_grouped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text(CLEAN.replace("sro: gt", "sro: gtt"), encoding="utf-8")
    assert main(["check", str(file), "--today", "2013-01-10"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 error, 0 warnings, 0 info"
    assert out[1] == "Errors:"
    assert out[2].startswith(f"  {file}:3:6: error PG-REF-UNRESOLVED ")
    assert "(did you mean 'gt'?)" in out[2]


def test_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    # a project without tolerances draws a warning (PG-TOLERANCE-REQUIRED), no error
    text = CLEAN + (
        "projects:\n  - {id: p, name: P, executive: gt, project_manager: pm, "
        "senior_users: [gt], senior_suppliers: [pm]}\n"
    )
    file.write_text(text.replace("people:\n", "people:\n  - {id: pm, name: PM}\n"), "utf-8")
    assert main(["check", str(file)]) == 0
    assert main(["check", str(file), "--fail-on", "warning"]) == 1


def test_sarif_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text(CLEAN.replace("sro: gt", "sro: gtt"), encoding="utf-8")
    assert main(["check", str(file), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "PG-REF-UNRESOLVED"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 6)


def test_folder_checks_every_programme_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "programme.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "programme.yaml").write_text("id: other\n")
    assert main(["check", str(tmp_path)]) == 2  # one of them cannot be loaded
    out = capsys.readouterr().out
    assert out == (
        "1 error, 0 warnings, 0 info\nErrors:\n"
        f"  {tmp_path / 'other' / 'programme.yaml'}:1:1: error DEF-MISSING 'name' is missing\n"
    )


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/programme.yaml"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_no_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_schema_command_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Programme"


def test_run_loads_the_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # run writes report.html here
    example = REPO / "examples" / "milton-keynes"
    # exit 1: the example's intended error findings at 10 January 2013 (as `check`)
    assert main(["run", str(example), "--date", "2013-01-10"]) == 1
    assert "Organisational Transformation Programme" in capsys.readouterr().out


def test_run_reports_definition_errors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    assert main(["run", "several_mistakes.yaml"]) == 2
    # the same problems as `progman check`, one per line without its severity grouping
    golden = (GOLDEN / "several_mistakes.txt").read_text().splitlines()[2:]
    assert capsys.readouterr().out.splitlines() == [line.strip() for line in golden]


def test_folder_without_programme_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "no programme.yaml" in capsys.readouterr().err


def test_no_rules_checks_loading_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text(CLEAN.replace("sro: gt", "sro: gtt"), encoding="utf-8")  # a rule finding
    assert main(["check", str(file), "--no-rules"]) == 0
    assert capsys.readouterr().out == ""
