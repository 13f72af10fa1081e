"""The CLI's output contract: every command x format on every example and on generated
programmes. JSON output is one document on stdout validated against the command's published
JSON Schema (`progman schema --output COMMAND`); exit codes are those `progman --help`
documents; nothing ever prints a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import progman
from progman.cli import main
from progman.cli.schemas import OUTPUT_SCHEMAS, output_schema

from ..rules.conftest import build
from ..rules.test_robust import MUTATIONS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "programme.yaml").is_file())


def validate_output(command: str, text: str) -> dict[str, Any]:
    """The one JSON document `text` holds, checked against the command's schema."""
    document = json.loads(text)
    validator = jsonschema.Draft202012Validator(
        output_schema(command), format_checker=jsonschema.FormatChecker()
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    assert error is None, f"{list(error.absolute_path)}: {error.message[:300]}"
    assert document["schema_version"] == "1.0"
    return dict(document)


def argv_for(command: str, path: Path, out: Path, fmt: str) -> list[str]:
    """A command line for `command` on the programme at `path`, writing files under `out`."""
    extra = {
        "report": ["-o", str(out / "report.html")],
        "run": ["--report", str(out / "run.html")],
        "export": ["--what", "risks", "-o", str(out / "risks.csv")],
        "risk-analysis": ["--iterations", "200", "--seed", "1"],
    }
    return [command, str(path), *extra.get(command, []), "--format", fmt]


PROGRAMME_COMMANDS = [
    "check",
    "schedule",
    "risk-analysis",
    "status",
    "compare",
    "report",
    "run",
    "export",
]
EXTRA_FORMATS = {"check": ["sarif"], "schedule": ["csv"]}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("command", PROGRAMME_COMMANDS)
def test_every_command_and_format_on_every_example(
    example: Path, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ["text", "json", *EXTRA_FORMATS.get(command, [])]:
        code = main(argv_for(command, example, tmp_path, fmt))
        out, err = capsys.readouterr()
        assert code in (0, 1), (fmt, err)
        assert "Traceback" not in out + err
        if fmt == "json":
            document = validate_output(command, out)
            if "status_date_source" in document:
                assert document["status_date_source"] in ("programme", "today")
        elif fmt == "sarif":
            assert json.loads(out)["version"] == "2.1.0"
        elif fmt == "text" and command != "check":
            assert "progman: status date " in err  # which status date was used, on stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_exported_plan_imports_back_with_json_output(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.xml"
    assert main(["export", str(example), "--what", "plan", "-o", str(plan)]) == 0
    capsys.readouterr()
    assert main(["import", str(plan), "--format", "json"]) == 0
    document = validate_output("import", capsys.readouterr().out)
    assert document["items"] > 0
    assert document["definition"]["projects"]


@pytest.mark.parametrize("command", ["rules", "schema"])
def test_commands_without_a_programme(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json"):
        assert main([command, "--format", fmt]) == 0
        out = capsys.readouterr().out
        if fmt == "json":
            validate_output(command, out)


@pytest.mark.parametrize("name", sorted(OUTPUT_SCHEMAS))
def test_each_output_schema_is_printed_and_is_a_valid_schema(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--output", name]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == output_schema(name)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=st.lists(st.sampled_from(range(len(MUTATIONS))), max_size=6, unique=True))
def test_generated_programmes_keep_the_contract(
    chosen: list[int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    programme = build()
    for index in chosen:
        MUTATIONS[index](programme)
    folder = tmp_path_factory.mktemp("generated")
    path = folder / "programme.yaml"
    path.write_text(progman.dumps(programme), encoding="utf-8")
    for command in PROGRAMME_COMMANDS:
        with pytest.MonkeyPatch.context() as patch:
            import io
            import sys

            stdout, stderr = io.StringIO(), io.StringIO()
            patch.setattr(sys, "stdout", stdout)
            patch.setattr(sys, "stderr", stderr)
            code = main([*argv_for(command, path, folder, "json"), "--date", "2013-01-10"])
        assert code in (0, 1), stderr.getvalue()
        assert "Traceback" not in stderr.getvalue()
        document = validate_output(command, stdout.getvalue())
        if "status_date" in document and command != "check":
            assert document["status_date"] == "2013-01-10"
            assert document["status_date_source"] == "argument"


# --- errors: one document in JSON mode, exit codes as documented -------------------------


def test_check_json_is_the_validation_result_json(capsys: pytest.CaptureFixture[str]) -> None:
    # One shape for findings: `check --format json` prints exactly ValidationResult.to_json().
    example = REPO / "examples" / "milton-keynes"
    assert main(["check", str(example), "--format", "json", "--date", "2013-01-10"]) == 1
    printed = json.loads(capsys.readouterr().out)
    programme = progman.load(example)
    expected = json.loads(progman.validate(programme, status_date="2013-01-10").to_json())
    assert printed == expected


def test_findings_with_dates_and_amounts_in_their_data_print_as_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Regression: `check --format json` died with "Object of type date is not JSON
    # serializable" (and Decimal) on the bundled example, exiting 1 like findings do.
    example = REPO / "examples" / "milton-keynes"
    assert main(["check", str(example), "--format", "json", "--date", "2013-01-10"]) == 1
    document = validate_output("check", capsys.readouterr().out)
    data = [f["data"] for f in document["findings"] if f["data"]]
    assert data, "the example has findings carrying data"
    tolerance = next(
        f for f in document["findings"] if f["code"] == "PG-TOLERANCE-EXCEEDED" and f["data"]
    )
    text = json.dumps(tolerance["data"])
    assert "Decimal" not in text
    assert "datetime" not in text


CYCLE = """\
id: p
name: P
start: 2013-01-07
projects:
  - id: x
    name: X
    tasks:
      - {id: a, name: A, duration: 2, depends_on: [b]}
      - {id: b, name: B, duration: 2, depends_on: [a]}
"""


@pytest.mark.parametrize("command", ["schedule", "status"])
def test_a_programme_that_cannot_be_scheduled_is_one_json_error_document(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: with --format json, `schedule` and `status` printed plain-text errors.
    path = tmp_path / "programme.yaml"
    path.write_text(CYCLE, encoding="utf-8")
    assert main([command, str(path), "--format", "json", "--date", "2013-01-10"]) == 1
    document = validate_output("error", capsys.readouterr().out)
    assert document["error"]["kind"] == "schedule"
    assert document["exit_code"] == 1
    assert [f["code"] for f in document["findings"]] == ["SCHED-CYCLE"]


@pytest.mark.parametrize("command", PROGRAMME_COMMANDS)
def test_a_definition_that_cannot_be_loaded_exits_2(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text("id: p\nname: [unclosed\n", encoding="utf-8")
    assert main(argv_for(command, path, tmp_path, "json")) == 2
    out = capsys.readouterr().out
    document = validate_output(command, out)  # check's own document, else the error one
    assert document["findings"][0]["location"]["file"].endswith("programme.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--format", "json"],
        ["status", "x.yaml", "--date", "10/01/2013", "--format", "json"],
        ["check", "no/such/file.yaml", "--format", "json"],
        ["nonsense", "--format", "json"],
    ],
)
def test_usage_errors_are_json_documents_with_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    document = validate_output("error", out)
    assert document["error"]["kind"] == "usage"
    assert err == ""


def test_internal_errors_exit_3_in_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from progman.cli import rules as rules_command

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(rules_command, "handle", broken)
    assert main(["rules"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err
    assert main(["rules", "--format", "json"]) == 3
    document = validate_output("error", capsys.readouterr().out)
    assert document["error"]["kind"] == "internal"
    assert main(["rules", "--debug"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit status: 0 clean; 1 findings at or above --fail-on" in text
    assert "2 usage error, a definition that cannot be loaded or an output that" in text
    assert "3 internal error" in text


def test_run_on_a_cycle_reports_it_once_and_says_why_there_is_no_forecast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: `run` exited 0 with errors and printed a cycle twice (PG-CYCLE and
    # SCHED-CYCLE) with blank forecast lines.
    path = tmp_path / "programme.yaml"
    path.write_text(CYCLE, encoding="utf-8")
    argv = ["run", str(path), "--date", "2013-01-10", "--report", str(tmp_path / "r.html")]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert out.count("dependency cycle") == 1
    assert "Forecast finish: none: the plan cannot be scheduled" in out
    assert "\n\n\n" not in out
