"""`progman report` and the report `progman run` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from progman.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "milton-keynes"


def test_report_writes_html_where_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "board.html"
    assert main(["report", str(EXAMPLE), "--date", "2013-01-10", "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Organisational Transformation Programme</h1>" in page
    assert str(out) in capsys.readouterr().out


def test_report_defaults_to_report_md_for_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(EXAMPLE), "--date", "2013-01-10", "--format", "md"]) == 0
    text = (tmp_path / "report.md").read_text("utf-8")
    assert text.startswith("# Organisational Transformation Programme: board report at 2013-01-10")


def test_report_on_a_broken_definition_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "programme.yaml"
    broken.write_text("id: x\nname: [unclosed\n", "utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(broken), "--date", "2013-01-10", "-o", str(out)]) == 1
    assert not out.exists()
    assert "programme.yaml" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["report", str(EXAMPLE), "--date", "10/01/2013"],
        ["report", str(EXAMPLE), "--date", "2013-01-10", "--format", "pdf"],
        ["report"],
    ],
)
def test_report_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


def test_report_without_a_status_date_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "r.html")]) == 2
    assert "--date" in capsys.readouterr().out


def test_run_writes_the_report_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "board.html"
    assert main(["run", str(EXAMPLE), "--today", "2013-01-10", "--report", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Forecast finish: 2014-06-27" in printed
    assert "Critical path: Identify sites for the second tranche" in printed
    assert "Status at 2013-01-10: Red" in printed
    assert f"Board report written to {out.resolve()}" in printed
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
