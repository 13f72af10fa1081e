"""PG-CHANGE-AUTHORITY: PRINCE2's change authority decides requests for change within the
limit delegated to it (its change budget, or a larger delegation), and every decision is in
the decision log. The compliant fixture's portal has Executive `exec1` (authority up to the
project budget, £500k) and, here, change authority `su1` with a £50k change budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from progman import Approval, Delegation, Issue, IssueDecision, Programme

from .conftest import only, run


def portal_changes(programme: Programme, *approvals: tuple[str, list[str], str]) -> Programme:
    """Give the portal a change authority and a change budget, one request for change per
    approval (id suffix, approvers, value), and the approvals."""
    portal = next(p for p in programme.projects if p.id == "portal")
    portal.change_authority = "su1"
    portal.change_budget = Decimal("50000")
    for n, approvers, value in approvals:
        portal.issues.append(Issue(id=f"RFC-{n}", title=f"Change {n}", type="request_for_change"))
        programme.approvals.append(
            Approval(id=f"a-rfc-{n}", subject=f"RFC-{n}", decision="approve_change",
                     approvers=approvers, date="2013-01-09", value=value)
        )  # fmt: skip
    return programme


def test_the_change_authority_within_its_budget_passes(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "50k"))  # exactly the limit: within it
    assert run(programme, "PG-CHANGE-AUTHORITY") == []


def test_someone_else_deciding_within_the_limit_is_a_finding(programme: Programme) -> None:
    portal_changes(programme, ("1", ["pm1"], "10k"))
    finding = only(programme, "PG-CHANGE-AUTHORITY")
    assert finding.subject == "a-rfc-1"
    assert finding.data == {"approvers": ["pm1"], "change_authority": "su1"}
    assert finding.escalate_to == "project board"


def test_the_change_authority_beyond_its_limit_goes_up_a_level(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "50001"))
    finding = only(programme, "PG-CHANGE-AUTHORITY")
    assert finding.data == {
        "change_authority": "su1",
        "value": Decimal("50001"),
        "limit": Decimal("50000"),
    }
    assert finding.escalate_to == "programme board"


def test_the_board_deciding_a_change_beyond_the_authority_is_the_escalation(
    programme: Programme,
) -> None:
    portal_changes(programme, ("1", ["exec1"], "70k"))
    assert run(programme, "PG-CHANGE-AUTHORITY") == []


def test_a_delegation_raises_the_change_authoritys_limit(programme: Programme) -> None:
    # exec1 (the board's Executive, £500k) delegates approve_change up to £100k to su1
    portal_changes(programme, ("1", ["su1"], "80k"))
    assert only(programme, "PG-CHANGE-AUTHORITY").data["limit"] == Decimal("50000")
    programme.delegations.append(
        Delegation(id="d-ca", delegator="exec1", delegates=["su1"], decisions=["approve_change"],
                   limit="100k", scope=["portal"])
    )  # fmt: skip
    assert run(programme, "PG-CHANGE-AUTHORITY") == []


def test_a_delegation_not_yet_in_force_does_not_count(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "80k"))
    programme.delegations.append(
        Delegation(id="d-ca", delegator="exec1", delegates=["su1"], decisions=["approve_change"],
                   limit="100k", valid_from="2013-02-01")
    )  # fmt: skip
    assert only(programme, "PG-CHANGE-AUTHORITY").data["limit"] == Decimal("50000")


def test_the_amount_is_the_impact_assessments_cost_without_a_value(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "1"))
    programme.approvals[-1].value = None
    portal = next(p for p in programme.projects if p.id == "portal")
    portal.issues[-1].impact_assessment = {"cost": "60k"}  # type: ignore[assignment]
    assert only(programme, "PG-CHANGE-AUTHORITY").data["value"] == Decimal("60000")


def test_a_rejection_commits_nothing(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "90k"))
    programme.approvals[-1].outcome = "rejected"  # type: ignore[assignment]
    assert run(programme, "PG-CHANGE-AUTHORITY") == []


def test_no_change_authority_anywhere_is_named(programme: Programme) -> None:
    portal_changes(programme, ("1", ["su1"], "10k"))
    next(p for p in programme.projects if p.id == "portal").change_authority = None
    finding = only(programme, "PG-CHANGE-AUTHORITY")
    assert "names no change authority (nor does the programme)" in finding.message


def test_the_programmes_change_authority_decides_the_programmes_changes(
    programme: Programme,
) -> None:
    # programme-level change control: its own authority and budget (a running balance too)
    programme.change_authority = "gt"
    programme.change_budget = Decimal("100000")
    programme.issues.append(Issue(id="RFC-P", title="Add a strand", type="request_for_change"))
    programme.approvals.append(
        Approval(id="a-rfc-p", subject="RFC-P", decision="approve_change", approvers=["gt"],
                 date="2013-01-09", value="80k")
    )  # fmt: skip
    assert run(programme, "PG-CHANGE-AUTHORITY") == []
    # the grant makes the decision valid: no PG-APPROVAL-AUTHORITY finding
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []
    programme.approvals[-1].value = Decimal("120000")
    finding = only(programme, "PG-CHANGE-AUTHORITY")
    assert finding.escalate_to == "sponsoring group"
    assert finding.data["limit"] == Decimal("100000")


@pytest.mark.parametrize("decision", ["approved", "rejected", "deferred", "concession"])
def test_a_decision_outside_the_log_is_a_finding(programme: Programme, decision: str) -> None:
    programme.issues.append(
        Issue(id="RFC-X", title="Quiet change", type="off_specification", decision=decision,
              decided_by="gt", decided_on="2013-01-08")
    )  # fmt: skip
    finding = only(programme, "PG-CHANGE-AUTHORITY")
    assert finding.path.endswith(".decision")
    assert "by person 'gt'" in finding.message
    assert "on 8 January 2013" in finding.message


def test_an_escalated_issue_is_not_yet_decided(programme: Programme) -> None:
    programme.issues.append(
        Issue(id="RFC-X", title="Up", type="request_for_change", decision=IssueDecision.ESCALATED)
    )
    assert run(programme, "PG-CHANGE-AUTHORITY") == []
