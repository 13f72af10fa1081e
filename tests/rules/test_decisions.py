"""Decisions under English local-government law (issue 14): the executive body, officer key
decisions under delegation (Local Government Act 2000 s.9E; SI 2012/2089 reg 13), reserved
decisions, subject scopes, contract awards and chain findings that name the broken link."""

from __future__ import annotations

from datetime import date

from progman import Approval, Authority, DecisionType, Delegation, Programme, Reservation

from .conftest import only, run


def _approval(programme: Programme, approval_id: str) -> Approval:
    return next(a for a in programme.approvals if a.id == approval_id)


def _cabinet_delegates_spend_to_the_chief_executive(programme: Programme) -> None:
    programme.delegations.append(
        Delegation(id="d-cab-ceo", delegator="cabinet", delegates=["ceo"], decisions=["spend"])
    )


def test_an_officer_may_take_a_key_decision_under_delegation_when_it_is_recorded(
    programme: Programme,
) -> None:
    # LGA 2000 s.9E(2)(b)(iv): an executive function may be discharged by an officer under
    # the executive's arrangements; SI 2012/2089 reg 13: the officer records the decision.
    _cabinet_delegates_spend_to_the_chief_executive(programme)
    big = _approval(programme, "a-big")
    big.approvers = ["ceo"]
    big.delegation = "d-cab-ceo"
    finding = only(programme, "PG-APPROVAL-KEY-DECISION")
    assert "taken by 'ceo' under delegation 'd-cab-ceo' from the executive" in finding.message
    assert "no record of the decision is given" in finding.message
    big.record = "ODR-2013-001"
    assert run(programme, "PG-APPROVAL-KEY-DECISION") == []


def test_the_chief_executives_own_standing_authority_is_not_the_executives(
    programme: Programme,
) -> None:
    # auth-ceo (spend up to £1m) is the Chief Executive's own: not an executive delegation.
    big = _approval(programme, "a-big")
    big.approvers = ["ceo"]
    big.record = "ODR-2013-001"
    finding = only(programme, "PG-APPROVAL-KEY-DECISION")
    assert "not by the executive (board 'cabinet' (Cabinet) or the Leader)" in finding.message


def test_a_board_with_standing_authority_is_not_the_executive(programme: Programme) -> None:
    # Issue 14: any board holding standing authority counted as "the executive".
    programme.authorities.append(
        Authority(id="auth-otp-board", holder="otp-board", decisions=["spend"])
    )
    _approval(programme, "a-big").approvers = ["otp-board"]
    assert only(programme, "PG-APPROVAL-KEY-DECISION").subject == "a-big"


def test_without_a_declared_executive_the_finding_asks_for_one(programme: Programme) -> None:
    programme.governance.executive = None
    finding = only(programme, "PG-APPROVAL-KEY-DECISION")  # a-big, taken by the cabinet board
    assert "declare it in governance.executive" in finding.message
    assert finding.escalate_to == "executive (cabinet)"


def test_a_reserved_sign_off_is_beyond_the_project_executive(programme: Programme) -> None:
    # Issue 14: the Executive "takes the board's decisions up to the project budget", which
    # let a director sign off a report the council's Executive had reserved to itself.
    programme.reservations = [
        Reservation(body="cabinet", decisions=["sign_off"], subjects=["portal-live"])
    ]
    signoff = _approval(programme, "a-signoff")
    signoff.approvers = ["exec1"]
    signoff.delegation = None
    finding = only(programme, "PG-APPROVAL-RESERVED")
    assert finding.message == (
        "approval 'a-signoff' (sign off for milestone 'portal-live' (Portal live internally), "
        "9 January 2013) was taken by 'exec1' under Executive of project portal, but sign off "
        "decisions on 'portal-live' are reserved to board 'cabinet' (Cabinet): only it, or "
        "those it delegates to, may take them"
    )
    assert (finding.escalate_to, finding.escalate_to_id) == ("Cabinet", "cabinet")
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []  # one finding, the precise one


def test_a_reserved_decision_is_taken_under_the_bodys_joint_delegation(
    programme: Programme,
) -> None:
    # d-tp: the Cabinet delegates sign-off jointly to the Leader and the Chief Executive.
    programme.reservations = [Reservation(body="cabinet", subjects=["portal-live"])]
    assert run(programme, "PG-APPROVAL-RESERVED") == []
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []


def test_a_reservation_gives_the_body_the_authority(programme: Programme) -> None:
    programme.authorities[0].decisions = ["spend"]  # type: ignore[list-item]
    assert "who hold no authority for sign off" in only(programme, "PG-APPROVAL-AUTHORITY").message
    programme.reservations = [Reservation(body="cabinet", decisions=["sign_off"])]
    # a-signoff under the Cabinet's joint delegation d-tp, which it may now give
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []
    assert run(programme, "PG-DELEGATION-EXCEEDS") == []
    assert run(programme, "PG-APPROVAL-RESERVED") == []


def test_a_delegation_scope_may_name_one_subject(programme: Programme) -> None:
    programme.delegations.append(
        Delegation(
            id="d-contract",
            delegator="cabinet",
            delegates=["fin"],
            decisions=["contract_award"],
            scope=["llp-transfer"],
        )
    )
    programme.approvals.append(
        Approval(
            id="a-award",
            subject="llp-transfer",
            decision="contract_award",
            approvers=["fin"],
            date="2012-12-01",
            delegation="d-contract",
        )
    )
    programme.authorities[0].decisions.append(DecisionType.CONTRACT_AWARD)
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []
    assert run(programme, "PG-REF-UNRESOLVED") == []
    _approval(programme, "a-award").subject = "portal-live"  # another subject: not covered
    assert only(programme, "PG-APPROVAL-AUTHORITY").subject == "a-award"


def test_an_expired_upstream_link_is_named(programme: Programme) -> None:
    # Issue 14: d-fin (upstream) ended, d-pm did not; the finding named d-pm as expired.
    programme.delegations[0].valid_to = date(2012, 12, 31)
    finding = only(programme, "PG-DELEGATION-EXPIRED")
    assert finding.message == (
        "approval 'a-spend' (spend for task 'portal-config' (Configure the portal), "
        "8 January 2013) relies on delegation 'd-pm' (authority auth-ceo -> d-fin -> d-pm), but "
        "delegation 'd-fin' upstream in that chain (in force 1 April 2012 to 31 December 2012) had "
        "expired on 8 January 2013"
    )
    assert finding.data["broken_link"] == "d-fin"
    assert finding.escalate_to_id == "ceo"  # whose authority the chain starts from


def test_a_joint_delegation_that_also_forbids_sub_delegation_says_both(
    programme: Programme,
) -> None:
    programme.delegations.append(
        Delegation(id="d-on", delegator="leader", delegates=["fin"], decisions=["sign_off"])
    )
    finding = only(programme, "PG-DELEGATION-SUB")
    assert finding.message.endswith(
        "through delegation 'd-tp', which is joint and does not permit sub-delegation "
        "(may_sub_delegate: false)"
    )
    programme.delegations[2].may_sub_delegate = True
    assert only(programme, "PG-DELEGATION-SUB").message.endswith("which is joint")
