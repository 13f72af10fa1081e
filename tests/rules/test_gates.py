"""Gate rules: stage gates, the business case before delivery, tranche reviews."""

from __future__ import annotations

from datetime import date

from progman import Programme

from .conftest import only, run


def _approval(programme: Programme, approval_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in programme.approvals if a.id == approval_id)


def test_stage_active_after_rejected_end_stage_assessment(programme: Programme) -> None:
    _approval(programme, "a-portal-init-end").outcome = "rejected"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-STAGE")
    assert finding.message == (
        "stage 'portal-build' of project 'portal' is active but the end-stage assessment of the "
        "previous stage 'portal-init' is not approved: approval 'a-portal-init-end' was rejected"
    )
    assert finding.escalate_to == "project board"
    assert finding.path == "projects[0].stages[1].status"


def test_stage_gate_approved_without_authority(programme: Programme) -> None:
    _approval(programme, "a-portal-init-end").approvers = ["su1"]
    finding = only(programme, "PG-GATE-STAGE")
    assert finding.message.endswith(
        "approval 'a-portal-init-end' was not made with the authority to make it"
    )


def test_stage_gate_with_no_approval(programme: Programme) -> None:
    programme.projects[0].stages[0].end_stage_approval = None
    assert only(programme, "PG-GATE-STAGE").message.endswith("no approval is recorded")


def test_planned_stage_needs_no_gate_yet(programme: Programme) -> None:
    programme.projects[0].stages[0].end_stage_approval = None
    programme.projects[0].stages[1].status = "planned"  # type: ignore[assignment]
    assert run(programme, "PG-GATE-STAGE") == []


def test_delivering_without_approved_business_case(programme: Programme) -> None:
    case = programme.projects[0].business_case
    assert case is not None
    case.approval = None
    finding = only(programme, "PG-GATE-BUSINESS-CASE")
    assert finding.message == (
        "project 'portal' is delivering without an approved business case: no approval is recorded"
    )
    assert finding.escalate_to == "programme board"


def test_closed_project_without_business_case(programme: Programme) -> None:
    programme.projects[1].business_case = None
    finding = only(programme, "PG-GATE-BUSINESS-CASE")
    assert finding.message == (
        "project 'llp' is closed without an approved business case: it has no business case"
    )


def test_initiating_project_needs_no_business_case_yet(programme: Programme) -> None:
    programme.projects[0].business_case = None
    programme.projects[0].status = "initiating"  # type: ignore[assignment]
    assert run(programme, "PG-GATE-BUSINESS-CASE") == []


def test_tranche_started_without_end_of_tranche_review(programme: Programme) -> None:
    programme.tranches[0].end_of_tranche_review = None
    finding = only(programme, "PG-GATE-TRANCHE")
    assert finding.message == (
        "tranche 't2' started on 1 January 2013 but the end-of-tranche review of 't1' is not "
        "approved: no approval is recorded"
    )
    assert finding.escalate_to == "sponsoring group"


def test_tranche_not_yet_started_needs_no_review(programme: Programme) -> None:
    programme.tranches[0].end_of_tranche_review = None
    assert run(programme, "PG-GATE-TRANCHE", today=date(2012, 12, 1)) == []


def test_an_end_stage_assessment_dated_after_the_next_stage_started(programme: Programme) -> None:
    # Issue 14: PRINCE2 2017 (Directing a Project): the board authorises the next stage
    # before it starts; portal-build started 7 January 2013 (its first task's actual start).
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 9)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert finding.message == (
        "stage 'portal-build' of project 'portal' started on 7 January 2013 but the end-stage "
        "assessment of the previous stage 'portal-init' ('a-portal-init-end') is dated "
        "9 January 2013, 2 days later: the stage was authorised retrospectively"
    )
    assert str(finding.severity) == "warning"
    assert run(programme, "PG-GATE-STAGE") == []  # approved, with authority: the gate passed
    programme.governance.rules["PG-GATE-RETROSPECTIVE"] = "error"
    assert str(only(programme, "PG-GATE-RETROSPECTIVE").severity) == "error"


def test_a_tranche_authorised_after_it_started(programme: Programme) -> None:
    # Issue 14: tranche 2 started 1 January 2013; its end-of-tranche review dated 20 February.
    _approval(programme, "a-t1-review").date = date(2013, 2, 20)
    finding = only(programme, "PG-GATE-RETROSPECTIVE")
    assert finding.message == (
        "tranche 't2' started on 1 January 2013 but the end-of-tranche review of 't1' "
        "('a-t1-review') is dated 20 February 2013, 50 days later: the tranche was authorised "
        "retrospectively"
    )
    assert finding.escalate_to == "sponsoring group"


def test_an_approval_on_the_day_of_the_start_is_in_time(programme: Programme) -> None:
    _approval(programme, "a-portal-init-end").date = date(2013, 1, 7)
    _approval(programme, "a-t1-review").date = date(2013, 1, 1)
    assert run(programme, "PG-GATE-RETROSPECTIVE") == []


def test_delivery_on_an_outline_business_case(programme: Programme) -> None:
    # Issue 14; PRINCE2 2017: the detailed business case is approved when the project is
    # authorised, before delivery. The programme can accept an outline one instead.
    case = programme.projects[0].business_case
    assert case is not None
    case.status = "outline"  # type: ignore[assignment]
    finding = only(programme, "PG-GATE-BUSINESS-CASE-STATUS")
    assert finding.message == (
        "project 'portal' (Customer Contact Portal) is delivering on an outline business case, "
        "but the programme requires a detailed business case before delivery"
    )
    programme.governance.business_case_for_delivery = "outline"  # type: ignore[assignment]
    assert run(programme, "PG-GATE-BUSINESS-CASE-STATUS") == []
    programme.governance.business_case_for_delivery = "full"  # type: ignore[assignment]
    case.status = "detailed"  # type: ignore[assignment]
    assert (
        "requires a full business case" in only(programme, "PG-GATE-BUSINESS-CASE-STATUS").message
    )
