"""Gate rules by their meaning in PRINCE2 2017 (Directing a Project) and MSP 5: the board
authorises a stage before it starts, a tranche starts after the review of the one before,
and a gate is passed only by an approval that exists, approves and was made with authority.
A stage "starts" when its first piece of work actually starts, else on its planned start."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from progman import Approval, Programme, Tranche
from progman.rules import RuleContext
from progman.rules.gates import gate_passed

from .conftest import TODAY, only, run


def _approval(programme: Programme, approval_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in programme.approvals if a.id == approval_id)


def test_a_stage_starts_when_its_earliest_task_starts(programme: Programme) -> None:
    # portal-build is planned from Mon 7 Jan 2013, but its first task started Thu 3 Jan (the
    # second, listed after it, on Tue 8 Jan). The end-stage assessment of portal-init dated
    # Fri 4 Jan came one day after the stage had started.
    config, test = programme.projects[0].stages[1].tasks
    config.actual_start, test.actual_start = date(2013, 1, 3), date(2013, 1, 8)
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 4)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert finding.message == (
        "stage 'portal-build' of project 'portal' started on 3 January 2013 but the end-stage "
        "assessment of the previous stage 'portal-init' ('a-portal-init-end') is dated "
        "4 January 2013, 1 day later: the stage was authorised retrospectively"
    )
    assert finding.data["started"] == date(2013, 1, 3)
    assert finding.data["gate"] == "end_stage_approval"


def test_a_stage_with_no_work_started_yet_starts_on_its_planned_start(
    programme: Programme,
) -> None:
    # No task of the active stage has started: its start is the planned Mon 7 Jan, and an
    # assessment dated Wed 9 Jan is 2 days late.
    config = programme.projects[0].stages[1].tasks[0]
    config.actual_start, config.percent_complete, config.actual_cost = None, Decimal(0), None
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 9)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert "started on 7 January 2013" in finding.message
    assert "dated 9 January 2013, 2 days later" in finding.message


def test_a_tranche_reviewed_one_day_after_it_started(programme: Programme) -> None:
    # Tranche t2 started Tue 1 Jan 2013; the review of t1 is dated Wed 2 Jan.
    _approval(programme, "a-t1-review").date = date(2013, 1, 2)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert "is dated 2 January 2013, 1 day later: the tranche was authorised" in finding.message


def test_a_gate_citing_an_approval_that_does_not_exist_is_not_passed(
    programme: Programme,
) -> None:
    programme.projects[0].stages[0].end_stage_approval = "a-gone"
    assert only(programme, "PG-GATE-STAGE").message.endswith(
        "is not approved: the approval it cites, 'a-gone', is not in the programme"
    )


def test_a_gate_passed_gives_no_reason_and_the_approval(programme: Programme) -> None:
    ctx = RuleContext(programme, today=TODAY)
    approval = _approval(programme, "a-portal-init-end")
    assert gate_passed(ctx, "a-portal-init-end") == (True, "", approval)
    assert run(programme, "PG-GATE-STAGE") == []


def test_a_stage_gate_finding_says_which_assessment_it_waits_for(programme: Programme) -> None:
    _approval(programme, "a-portal-init-end").outcome = "rejected"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-STAGE")
    assert (finding.subject, finding.escalate_to) == ("portal-build", "project board")
    assert finding.data == {"previous": "portal-init", "approval": "a-portal-init-end"}


def test_a_business_case_finding_points_at_the_business_case(programme: Programme) -> None:
    # The portal is still initiating (no gate yet); the LLP, closed, cites a rejected case.
    programme.projects[0].status = "initiating"  # type: ignore[assignment]
    _approval(programme, "a-llp-bc").outcome = "rejected"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-BUSINESS-CASE")
    assert finding.message == (
        "project 'llp' is closed without an approved business case: approval 'a-llp-bc' was "
        "rejected"
    )
    assert (finding.path, finding.subject) == ("projects[1].business_case", "llp")
    assert finding.data == {"status": "closed", "approval": "a-llp-bc"}
    programme.projects[1].business_case = None
    programme.projects[1].status = "transferred_to_bau"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-BUSINESS-CASE")
    assert finding.message.startswith("project 'llp' is transferred to bau without an approved")
    assert (finding.path, finding.data) == (
        "projects[1]",
        {"status": "transferred_to_bau", "approval": None},
    )


def test_the_business_case_status_is_judged_for_each_project_in_delivery(
    programme: Programme,
) -> None:
    # The portal (delivering) has no business case at all: PG-GATE-BUSINESS-CASE's finding,
    # not this rule's. The LLP, back in exception, runs on an outline case.
    programme.projects[0].business_case = None
    llp = programme.projects[1]
    llp.status = "in_exception"  # type: ignore[assignment]
    assert llp.business_case is not None
    llp.business_case.status = "outline"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-BUSINESS-CASE-STATUS")
    assert finding.message == (
        "project 'llp' (Transfer of Mouchel staff to an LLP) is in exception on an outline "
        "business case, but the programme requires a detailed business case before delivery"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[1].business_case.status",
        "llp",
        "programme board",
    )
    assert finding.data == {"status": "outline", "required": "detailed"}


def test_a_tranche_that_starts_today_needs_the_review_before_it(programme: Programme) -> None:
    programme.tranches[1].start = TODAY
    programme.tranches[0].end_of_tranche_review = None
    finding = only(programme, "PG-GATE-TRANCHE")
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "tranches[1]",
        "t2",
        "sponsoring group",
    )
    assert finding.data == {"previous": "t1", "review": None}


def test_a_tranche_after_an_approved_review_passes_its_gate(programme: Programme) -> None:
    assert run(programme, "PG-GATE-TRANCHE") == []


def test_a_retrospective_finding_says_which_gate_and_when(programme: Programme) -> None:
    # portal-build started Mon 7 Jan 2013; its own authorisation is dated Wed 9 Jan.
    programme.projects[0].stages[1].authorisation = "a-late"
    programme.approvals.append(
        Approval(
            id="a-late",
            subject="portal-build",
            decision="authorise_stage",
            approvers=["exec1"],
            date="2013-01-09",
        )
    )
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert finding.message.startswith(
        "stage 'portal-build' of project 'portal' started on 7 January 2013 but its "
        "authorisation ('a-late') is dated 9 January 2013, 2 days later"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].stages[1].status",
        "portal-build",
        "project board",
    )
    assert finding.data == {
        "started": date(2013, 1, 7),
        "approval": "a-late",
        "approved": date(2013, 1, 9),
        "gate": "authorisation",
    }


def test_a_retrospective_tranche_finding_carries_its_review(programme: Programme) -> None:
    _approval(programme, "a-t1-review").date = date(2013, 2, 20)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert (finding.path, finding.subject) == ("tranches[1]", "t2")
    assert finding.data == {
        "started": date(2013, 1, 1),
        "approval": "a-t1-review",
        "approved": date(2013, 2, 20),
        "gate": "end_of_tranche_review",
    }


def test_the_first_stage_and_tranche_have_nothing_before_them_to_wait_for(
    programme: Programme,
) -> None:
    # The last stage's assessment and the last tranche's review are dated after the first
    # stage and tranche started: they authorise what follows them, not what came first.
    programme.projects[0].stages[1].end_stage_approval = "a-portal-bc"  # 2 January 2013
    programme.tranches[1].end_of_tranche_review = "a-t1-review"  # 20 December 2012
    assert run(programme, "PG-GATE-RETROSPECTIVE") == []


def test_every_stage_under_way_is_checked_after_one_that_is_not(programme: Programme) -> None:
    programme.projects[0].stages[0].status = "planned"  # type: ignore[assignment]
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 9)
    assert only(programme, "PG-GATE-RETROSPECTIVE").subject == "portal-build"


def test_a_tranche_without_a_start_or_a_review_is_not_judged_retrospective(
    programme: Programme,
) -> None:
    # No start date: nothing to be late for. No review at all: PG-GATE-TRANCHE's finding.
    programme.tranches[1].start = None
    assert run(programme, "PG-GATE-RETROSPECTIVE") == []
    programme.tranches[1].start = date(2013, 1, 1)
    programme.tranches[0].end_of_tranche_review = None
    assert run(programme, "PG-GATE-RETROSPECTIVE") == []


def test_a_tranche_starting_today_reviewed_tomorrow_is_retrospective(programme: Programme) -> None:
    programme.tranches[1].start = TODAY  # Thu 10 Jan 2013
    _approval(programme, "a-t1-review").date = date(2013, 1, 11)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert "is dated 11 January 2013, 1 day later" in finding.message


def test_every_stage_under_way_is_checked_after_one_with_no_start_at_all(
    programme: Programme,
) -> None:
    # portal-init is complete but has neither a planned start nor any task started: there
    # is no day it could have been authorised late for. The stage after it, portal-build,
    # started Mon 7 Jan 2013 (its first task) and the assessment of portal-init is dated
    # Wed 9 Jan: still a finding, 2 days late.
    programme.projects[0].stages[0].start = None
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 9)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert finding.subject == "portal-build"
    assert "dated 9 January 2013, 2 days later" in finding.message


def _third_tranche(programme: Programme, review_day: date | None) -> None:
    """Tranche t3 started Mon 7 Jan 2013, after t2's end-of-tranche review (`a-t2-review`,
    approved by the SRO on `review_day`; none when None)."""
    programme.tranches.append(Tranche(id="t3", name="Tranche 3", start="2013-01-07"))
    if review_day is not None:
        programme.tranches[1].end_of_tranche_review = "a-t2-review"
        programme.approvals.append(
            Approval(
                id="a-t2-review",
                subject="t2",
                decision="end_of_tranche",
                approvers=["gt"],
                date=review_day,
            )
        )


def test_each_tranche_is_judged_retrospective_after_one_reviewed_in_time(
    programme: Programme,
) -> None:
    # t2 started Tue 1 Jan 2013 after t1's review of Thu 20 Dec 2012 (in time); t3 started
    # Mon 7 Jan but t2's review is dated Wed 9 Jan: t3 alone, 2 days late.
    _third_tranche(programme, date(2013, 1, 9))
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert (finding.path, finding.subject) == ("tranches[2]", "t3")
    assert "t3' started on 7 January 2013" in finding.message
    assert "dated 9 January 2013, 2 days later" in finding.message


def test_a_tranche_with_no_start_does_not_stop_the_next_being_judged(
    programme: Programme,
) -> None:
    # t2's start is not recorded, so nothing is judged for t2; t3 started Mon 7 Jan and is
    # judged on t2's review all the same: late (dated Wed 9 Jan), then missing.
    programme.tranches[1].start = None
    _third_tranche(programme, date(2013, 1, 9))
    assert only(programme, "PG-GATE-RETROSPECTIVE").subject == "t3"
    assert run(programme, "PG-GATE-TRANCHE") == []  # a late review is still a review
    programme.tranches[1].end_of_tranche_review = None
    finding = only(programme, "PG-GATE-TRANCHE")
    assert (finding.path, finding.subject) == ("tranches[2]", "t3")
    assert finding.data == {"previous": "t2", "review": None}
