"""Closure and lessons rules, by PRINCE2's "Closing a Project": confirm the users' acceptance
of the products, hand over open risks and issues (follow-on actions), leave a benefits review
plan, and report lessons. The compliant fixture closes `llp` that way; each test breaks one
part of it."""

from __future__ import annotations

import pytest

from progman import Issue, Lesson, Programme, ProjectStatus, Risk, Task

from .conftest import only, run

CLOSURE_RULES = (
    "PG-CLOSURE-ACCEPTANCE",
    "PG-CLOSURE-HANDOVER",
    "PG-CLOSURE-BENEFITS-REVIEW",
    "PG-CLOSURE-LESSONS",
    "PG-LESSON-INCOMPLETE",
)


def llp(programme: Programme) -> int:
    return next(i for i, p in enumerate(programme.projects) if p.id == "llp")


@pytest.mark.parametrize("rule_id", CLOSURE_RULES)
def test_a_properly_closed_project_passes(programme: Programme, rule_id: str) -> None:
    assert run(programme, rule_id) == []


@pytest.mark.parametrize("rule_id", CLOSURE_RULES[:4])
def test_a_project_still_delivering_is_not_judged_on_closure(
    programme: Programme, rule_id: str
) -> None:
    project = programme.projects[llp(programme)]
    project.status = ProjectStatus.DELIVERING
    project.closure = None
    project.lessons = []
    project.risks = [Risk(id="R-open", title="Open", probability=2, impact=2, owner="pm2")]
    assert run(programme, rule_id) == []


@pytest.mark.parametrize("status", ["closed", "closed_prematurely", "transferred_to_bau"], ids=str)
def test_every_closed_status_needs_an_acceptance(programme: Programme, status: str) -> None:
    project = programme.projects[llp(programme)]
    project.status = ProjectStatus(status)
    assert project.closure is not None
    project.closure.acceptance = None
    finding = only(programme, "PG-CLOSURE-ACCEPTANCE")
    assert finding.subject == "llp"
    assert "no approval is recorded" in finding.message
    assert finding.escalate_to == "project board"


def test_an_acceptance_must_be_an_approved_sign_off_or_closure(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    assert project.closure is not None
    project.closure.acceptance = "a-llp-bc"  # a business case approval: not an acceptance
    finding = only(programme, "PG-CLOSURE-ACCEPTANCE")
    assert "approval 'a-llp-bc' decides approve business case, not a sign-off" in finding.message
    closing = next(a for a in programme.approvals if a.id == "a-llp-close")
    project.closure.acceptance = "a-llp-close"
    closing.outcome = "rejected"  # type: ignore[assignment]
    assert "was rejected" in only(programme, "PG-CLOSURE-ACCEPTANCE").message


def test_unfinished_work_blocks_a_normal_closure_but_not_a_premature_one(
    programme: Programme,
) -> None:
    project = programme.projects[llp(programme)]
    project.tasks = [
        Task(id="llp-done", name="Done", duration=5, actual_start="2012-11-01",
             actual_finish="2012-11-07"),
        Task(id="llp-open", name="Open", duration=5, actual_start="2012-11-01"),
    ]  # fmt: skip
    project.milestones[0].achieved_on = None
    finding = only(programme, "PG-CLOSURE-ACCEPTANCE")
    # one task unfinished plus the milestone not achieved: 2 of 3 items
    assert finding.data["unfinished"] == ["llp-open", "llp-transfer"]
    assert "2 of its tasks and milestones are not finished" in finding.message
    project.status = ProjectStatus.CLOSED_PREMATURELY
    assert run(programme, "PG-CLOSURE-ACCEPTANCE") == []


def test_open_risks_and_issues_must_be_closed_or_handed_over(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    project.risks = [
        Risk(id="R-live", title="Live", probability=2, impact=3, owner="pm2"),
        Risk(id="R-closed", title="Closed", probability=2, impact=3, status="closed"),
        Risk(id="R-passed", title="Passed on", probability=2, impact=3, handed_over_to="gt"),
    ]
    project.issues = [
        Issue(id="I-open", title="Open", status="examined"),
        Issue(id="I-closed", title="Closed", status="closed"),
        Issue(id="I-passed", title="Passed on", handed_over_to="gt"),
    ]
    found = run(programme, "PG-CLOSURE-HANDOVER")
    assert sorted((f.subject, f.escalate_to) for f in found) == [
        ("I-open", "programme board"),
        ("R-live", "programme board"),
    ]
    issue = next(f for f in found if f.subject == "I-open")
    assert "is examined and handed over to no one" in issue.message


def test_a_risk_held_above_the_project_stays_in_hand(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    project.risks = [
        Risk(id="R-strand", title="S", probability=2, impact=3, level="strand"),
        Risk(id="R-up", title="U", probability=2, impact=3, escalated_to="programme"),
        Risk(id="R-stage", title="St", probability=2, impact=3, escalated_to="stage"),
    ]
    assert [f.subject for f in run(programme, "PG-CLOSURE-HANDOVER")] == ["R-stage"]


def test_programme_register_risks_are_not_a_closed_projects_business(
    programme: Programme,
) -> None:
    programme.risks.append(Risk(id="R-prog", title="P", probability=2, impact=2, owner="gt"))
    assert run(programme, "PG-CLOSURE-HANDOVER") == []


def test_a_benefits_review_plan_is_needed(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    assert project.closure is not None
    project.closure.benefits_review_plan = None
    assert only(programme, "PG-CLOSURE-BENEFITS-REVIEW").path == "projects[1].closure"
    project.closure = None
    assert only(programme, "PG-CLOSURE-BENEFITS-REVIEW").path == "projects[1]"


def test_lessons_report_and_a_lesson_are_needed(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    assert project.closure is not None
    project.closure.lessons_report = None
    project.lessons = []
    finding = only(programme, "PG-CLOSURE-LESSONS")
    assert "no lessons report (`closure.lessons_report`) and no lesson" in finding.message
    assert finding.data == {"lessons": 0}
    assert str(finding.severity) == "warning"


def test_a_lesson_elsewhere_that_names_the_project_counts(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    project.lessons = []
    assert only(programme, "PG-CLOSURE-LESSONS").data == {"lessons": 0}
    programme.lessons = [
        Lesson(id="L-prog", title="T", event="e", effect="f", recommendation="r",
               applies_to=["llp"]),
        Lesson(id="L-other", title="T", event="e", effect="f", recommendation="r",
               applies_to=["portal"]),
    ]  # fmt: skip
    assert run(programme, "PG-CLOSURE-LESSONS") == []


def test_a_lesson_names_its_event_effect_and_recommendation(programme: Programme) -> None:
    programme.lessons = [Lesson(id="L-x", title="Half a lesson", event="Something happened")]
    finding = only(programme, "PG-LESSON-INCOMPLETE")
    assert finding.path == "lessons[0]"
    assert finding.data == {"missing": ["effect", "recommendation"]}


def test_lesson_references_are_checked(programme: Programme) -> None:
    programme.lessons = [
        Lesson(id="L-x", title="T", event="e", effect="f", recommendation="r",
               raised_by="nobody", applies_to=["llp-transfer"]),
    ]  # fmt: skip
    found = run(programme, "PG-REF-UNRESOLVED")
    by_path = {f.path: f.message for f in found}
    assert set(by_path) == {"lessons[0].raised_by", "lessons[0].applies_to[0]"}
    assert "must be a tranche, strand, project or stage" in by_path["lessons[0].applies_to[0]"]


def test_closure_and_handover_references_are_checked(programme: Programme) -> None:
    project = programme.projects[llp(programme)]
    assert project.closure is not None
    project.closure.approval = "no-such-approval"
    project.risks = [Risk(id="R-1", title="T", probability=1, impact=1, handed_over_to="gt2")]
    paths = {f.path for f in run(programme, "PG-REF-UNRESOLVED")}
    assert paths == {"projects[1].closure.approval", "projects[1].risks[0].handed_over_to"}
