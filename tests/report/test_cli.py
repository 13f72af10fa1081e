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
    assert text.startswith(
        "# Organisational Transformation Programme: board report at 10 January 2013"
    )


def test_report_on_a_broken_definition_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "programme.yaml"
    broken.write_text("id: x\nname: [unclosed\n", "utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(broken), "--date", "2013-01-10", "-o", str(out)]) == 2
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
def test_report_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: progman report" in capsys.readouterr().err


def test_report_without_a_status_date_uses_today_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(EXAMPLE), "-o", str(tmp_path / "r.html")]) == 0
    assert "(today's date: the file has no status_date)" in capsys.readouterr().err


def test_run_writes_the_report_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "board.html"
    assert main(["run", str(EXAMPLE), "--date", "2013-01-10", "--report", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "Forecast finish: 27 June 2014" in printed
    assert "Critical path: Identify sites for the second tranche" in printed
    assert "Status at 10 January 2013: Red" in printed
    assert f"Board report written to {out.resolve()}" in printed
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
