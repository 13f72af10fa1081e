"""Lessons reports (PRINCE2: the lessons report at a stage's and the project's end; MSP: the
programme's lessons at the end of a tranche), the highlight report's lessons, and the lessons
log on the status dashboard."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import progman as pm
from progman.cli import main
from progman.control import highlight_report, lessons_report

TOTAL_PLACE = Path(__file__).resolve().parents[2] / "examples" / "total-place"


def programme() -> pm.Programme:
    """Two tranches; the portal (t1, two stages) and the LLP (t2); lessons in the portal's log,
    the LLP's and the programme's."""

    def lesson(id: str, **more: object) -> pm.Lesson:
        return pm.Lesson(id=id, title=f"Lesson {id}", **more)

    return pm.Programme(
        id="otp", name="OTP", start="2013-01-07",
        tranches=[pm.Tranche(id="t1", name="T1"), pm.Tranche(id="t2", name="T2")],
        projects=[
            pm.Project(
                id="portal", name="Portal", tranche="t1",
                stages=[
                    pm.Stage(id="design", name="Design", start="2013-01-07",
                             finish="2013-01-31"),
                    pm.Stage(id="build", name="Build", start="2013-02-01",
                             finish="2013-03-29"),
                ],
                lessons=[
                    lesson("P-jan", raised_on="2013-01-15"),   # in design's dates
                    lesson("P-feb", raised_on="2013-02-15"),   # in build's dates
                    lesson("P-named", raised_on="2013-02-20", applies_to=["design"]),
                    lesson("P-undated"),
                ],
            ),
            pm.Project(id="llp", name="LLP", tranche="t2", lessons=[lesson("L-1")]),
        ],
        lessons=[
            lesson("G-t1", applies_to=["t1"], raised_on="2013-01-02"),
            lesson("G-build", applies_to=["build"]),
            lesson("G-none"),
        ],
    )  # fmt: skip


def ids(subject: str | None) -> list[str]:
    return [lesson.id for lesson in lessons_report(programme(), subject).lessons]


def test_a_stage_gets_lessons_naming_it_or_raised_in_its_dates_in_its_projects_log() -> None:
    # design: P-jan (raised 15 Jan, inside 7-31 Jan) and P-named (names design), oldest first
    assert ids("design") == ["P-jan", "P-named"]
    # build: P-feb (15 Feb inside 1 Feb-29 Mar) and G-build (names it); P-named names design
    assert ids("build") == ["P-feb", "G-build"]


def test_a_project_gets_its_log_and_lessons_naming_it_or_its_stages() -> None:
    assert ids("portal") == ["P-jan", "P-feb", "P-named", "G-build", "P-undated"]
    assert ids("llp") == ["L-1"]


def test_a_tranche_gets_its_projects_logs_and_lessons_naming_anything_in_it() -> None:
    assert ids("t1") == ["G-t1", "P-jan", "P-feb", "P-named", "G-build", "P-undated"]
    assert ids("t2") == ["L-1"]


def test_the_programme_gets_every_lesson_once() -> None:
    everything = ids(None)
    assert sorted(everything) == sorted(
        ["P-jan", "P-feb", "P-named", "P-undated", "L-1", "G-t1", "G-build", "G-none"]
    )
    assert ids("otp") == everything


def test_an_unknown_subject_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no stage, project or tranche 'nope'"):
        lessons_report(programme(), "nope")


def test_the_report_groups_and_prints_lessons() -> None:
    otp = programme()
    otp.projects[1].lessons = [
        pm.Lesson(id="A", title="Went well", kind="positive", recommendation="Repeat it"),
        pm.Lesson(id="B", title="Went badly", kind="negative"),
        pm.Lesson(id="C", title="Not judged"),
    ]
    report = lessons_report(otp, "llp")
    assert {kind: [x.id for x in xs] for kind, xs in report.by_kind().items()} == {
        "positive": ["A"],
        "negative": ["B"],
        "unstated": ["C"],
    }
    assert report.to_text().splitlines() == [
        "Lessons report: project 'llp' (LLP)",
        "  + A (project): Went well",
        "      recommendation: Repeat it",
        "  - B (project): Went badly",
        "  ? C (project): Not judged",
    ]
    otp.projects[1].lessons = []
    assert lessons_report(otp, "llp").to_text().endswith("  no lessons logged")


def test_the_highlight_report_lists_the_lessons_its_period_added() -> None:
    # Regression: HighlightReport.lessons was always empty (no lessons log existed).
    otp = programme()
    otp.projects[0].tasks = [pm.Task(id="spec", name="Specify", duration=5)]
    report = highlight_report(otp, "portal", date(2013, 1, 31), period_days=28)
    # period 4-31 January: P-jan (15 Jan); P-feb and P-named are later, P-undated has no date
    assert [lesson.id for lesson in report.lessons] == ["P-jan"]


def test_total_place_reports_the_papers_lessons_for_its_tranche() -> None:
    total_place = pm.load(TOTAL_PLACE)
    report = lessons_report(total_place, "pilot")
    assert [lesson.id for lesson in report.lessons] == ["L-TP-01", "L-TP-02", "L-TP-03"]
    # Executive paper (seed 000) para 11: over 250 colleagues in 47 workshop sessions
    assert "47 workshop sessions" in (report.lessons[0].event or "")
    assert [str(lesson.kind) for lesson in report.lessons] == ["positive", "negative", "negative"]


def test_status_ends_with_the_lessons_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(TOTAL_PLACE)]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("Lessons log (3: 1 to repeat, 2 to avoid):")
    assert out[start + 1].startswith("  + L-TP-01 (programme log, corporate lesson): ")
    assert main(["status", str(TOTAL_PLACE), "--format", "json"]) == 0
    lessons = json.loads(capsys.readouterr().out)["lessons"]
    assert [(x["id"], x["register"], x["kind"]) for x in lessons] == [
        ("L-TP-01", None, "positive"),
        ("L-TP-02", None, "negative"),
        ("L-TP-03", None, "negative"),
    ]
    assert lessons[2]["applies_to"] == ["final-report"]
    assert lessons[0]["raised_on"] == "2010-01-12"
