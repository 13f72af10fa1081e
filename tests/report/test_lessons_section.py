"""The board report's lessons section: the whole lessons log, for the end-of-tranche review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import progman
from progman.report import board_report, render_html, render_markdown
from progman.report.tables import lessons_table

TOTAL_PLACE = Path(__file__).resolve().parents[2] / "examples" / "total-place"


def test_the_board_report_lists_every_lesson_with_its_recommendation() -> None:
    programme = progman.load(TOTAL_PLACE)
    programme.projects[0].lessons = [progman.Lesson(id="L-IOM", title="Unjudged")]
    report = board_report(programme, status_date=date(2010, 1, 12))
    table = lessons_table(report)
    # the programme's log first (L-TP-01..03, seed 000), then each project's
    assert [row[0].split()[0] for row in table.rows] == ["L-TP-01", "L-TP-02", "L-TP-03", "L-IOM"]
    assert [row[1] for row in table.rows] == ["repeat", "avoid", "avoid", "-"]
    assert table.rows[3][3] == "integrated-offender-management"
    assert table.rows[3][4] == "-"
    assert "## Lessons" in render_markdown(report)
    page = render_html(report)
    assert '<a href="#lessons">Lessons</a>' in page
    assert "Produce a communications and engagement plan" in page


def test_a_programme_without_lessons_has_an_empty_table() -> None:
    programme = progman.Programme(id="otp", name="OTP", start="2013-01-07")
    assert lessons_table(board_report(programme, status_date=date(2013, 1, 9))).rows == ()
