"""Milton Keynes at 10 January 2013: `check`, `status`, `run` and the board report name the
same findings and the same forecasts (issue 11)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import progman
from progman.cli import main
from progman.report import board_report

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "milton-keynes"
DAY = date(2013, 1, 10)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    main([*argv, "--format", "json"])
    document: dict[str, object] = json.loads(capsys.readouterr().out)
    return document


def test_check_status_run_and_the_report_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    programme = progman.load(EXAMPLE)
    report = board_report(programme, status_date=DAY)
    assert report.rag is not None
    findings = sorted((f.code, f.subject, f.message) for f in report.validation)

    check = run_json(capsys, "check", str(EXAMPLE), "--date", "2013-01-10")
    status = run_json(capsys, "status", str(EXAMPLE), "--date", "2013-01-10")
    ran = run_json(capsys, "run", str(EXAMPLE), "--date", "2013-01-10",
                   "--report", str(tmp_path / "report.html"))  # fmt: skip

    def messages(document: object) -> list[tuple[object, object, object]]:
        assert isinstance(document, dict)
        return sorted((f["code"], f["subject"], f["message"]) for f in document["findings"])

    assert messages(check) == findings
    assert messages(ran["validation"]) == findings
    rows = {row["id"]: row for row in status["rag"]}  # type: ignore[attr-defined]
    for key, level in {report.rag.programme.subject: report.rag.programme,
                       **report.rag.projects}.items():  # fmt: skip
        for aspect in ("time", "cost", "benefits", "risk", "overall"):
            mine = getattr(level, aspect)
            assert rows[key][aspect] == {
                "status": str(mine.status) if mine.status else None,
                "reason": mine.reason,
            }
    assert ran["status"] == {  # type: ignore[comparison-overlap]
        "rag": str(report.rag.programme.overall.status),
        "reason": report.rag.programme.overall.reason,
    }


def test_the_programme_cost_line_is_a_real_forecast() -> None:
    rag = progman.rag_status(progman.load(EXAMPLE), status_date=DAY)
    cost = rag.programme.cost
    # The 11 projects with budgets: 450k + 60k + 80k + 750k + 200k + 300k + 350k + 250k
    # + 1.2m + 90k + 6m = £9.73m; the bottom-up EAC forecasts no overrun.
    assert cost.reason == (
        "cost forecast £9,730,000, on the £9,730,000 budget (the sum of the project budgets)"
    )
