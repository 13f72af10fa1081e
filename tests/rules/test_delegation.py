"""Delegated authority: chains, dates, limits, joint sign-off, cycles, self-approval."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from progman import Delegation, Programme
from progman.rules import RuleContext
from progman.rules.delegation import approval_verdict

from .conftest import TODAY, only, run


def _approval(programme: Programme, approval_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in programme.approvals if a.id == approval_id)


def test_chain_of_delegations_gives_authority(programme: Programme) -> None:
    # ceo (standing, £1m) -> fin (d-fin, £250k) -> pm1 (d-pm, £50k, portal only).
    ctx = RuleContext(programme, today=TODAY)
    verdict = approval_verdict(ctx, _approval(programme, "a-spend"))
    assert verdict.valid
    assert verdict.chain == "authority auth-ceo -> d-fin -> d-pm"
    assert verdict.grant is not None
    assert verdict.grant.limit == Decimal(50_000)
    assert verdict.grant.scope == frozenset({"portal"})


def test_chain_broken_where_sub_delegation_is_not_allowed(programme: Programme) -> None:
    programme.delegations[0].may_sub_delegate = False
    sub = only(programme, "PG-DELEGATION-SUB")
    assert sub.message == (
        "delegation 'd-pm' passes on spend decisions that 'fin' holds only through delegation "
        "'d-fin', which does not permit sub-delegation"
    )
    assert sub.subject == "d-pm"
    authority = only(programme, "PG-APPROVAL-AUTHORITY")
    assert authority.subject == "a-spend"
    assert "under delegation 'd-pm', which does not cover it" in authority.message


# Dates in messages are written as a board paper writes them (issue 14, "dates as dates").
def test_expired_delegation(programme: Programme) -> None:
    _approval(programme, "a-spend").date = date(2013, 4, 2)
    finding = only(programme, "PG-DELEGATION-EXPIRED")
    assert finding.message == (
        "approval 'a-spend' (spend for task 'portal-config' (Configure the portal), 2 April 2013) "
        "relies on delegation 'd-pm' (authority auth-ceo -> d-fin -> d-pm, in force 1 June 2012 "
        "to 31 March 2013), which had expired on 2 April 2013"
    )
    assert finding.data["valid_to"] == date(2013, 3, 31)


def test_delegation_not_yet_in_force(programme: Programme) -> None:
    _approval(programme, "a-spend").date = date(2012, 5, 1)
    assert (
        "which was not yet in force on 1 May 2012"
        in only(programme, "PG-DELEGATION-EXPIRED").message
    )


def test_over_limit_approval(programme: Programme) -> None:
    _approval(programme, "a-spend").value = Decimal(60_000)
    finding = only(programme, "PG-DELEGATION-LIMIT")
    assert finding.message.endswith(
        "commits £60,000, but the authority of 'pm1' through authority auth-ceo -> d-fin -> d-pm "
        "is limited to £50,000 (over by £10,000)"
    )
    assert finding.data["limit"] == Decimal(50_000)


def test_joint_sign_off_with_one_signatory_missing(programme: Programme) -> None:
    _approval(programme, "a-signoff").approvers = ["leader"]
    finding = only(programme, "PG-DELEGATION-JOINT")
    assert finding.message.endswith(
        "relies on delegation 'd-tp', held jointly by 'ceo' and 'leader', but 'ceo' did not sign"
    )
    assert finding.data["missing"] == ["ceo"]


def test_delegation_cycle_is_spelled_out(programme: Programme) -> None:
    programme.delegations[1].may_sub_delegate = True
    programme.delegations.append(
        Delegation(id="d-back", delegator="pm1", delegates=["ceo"], decisions=["spend"])
    )
    finding = only(programme, "PG-DELEGATION-CYCLE")
    assert finding.message == (
        "delegations form a cycle: ceo -> fin -> pm1 -> ceo (through 'd-fin', 'd-pm' and 'd-back')"
    )
    assert finding.data["cycle"] == ["ceo", "fin", "pm1", "ceo"]
    assert finding.path == "delegations[0]"


def test_self_approval(programme: Programme) -> None:
    _approval(programme, "a-spend").requested_by = "pm1"
    finding = only(programme, "PG-APPROVAL-SELF")
    assert finding.message.endswith(
        "was requested by person 'pm1' (Portal project manager), who also approved it"
    )
    assert finding.subject == "a-spend"


def test_approver_without_any_authority(programme: Programme) -> None:
    _approval(programme, "a-portal-init-end").approvers = ["su1"]
    finding = only(programme, "PG-APPROVAL-AUTHORITY")
    assert finding.message == (
        "approval 'a-portal-init-end' (end stage assessment for stage 'portal-init' "
        "(Initiation), 4 January 2013) was made by 'su1', who holds no authority for end stage "
        "assessment decisions on 'portal-init'"
    )


def test_scope_of_a_delegation_limits_the_subject(programme: Programme) -> None:
    approval = _approval(programme, "a-spend")
    approval.subject = "llp-transfer"  # outside d-pm's scope (portal)
    assert only(programme, "PG-APPROVAL-AUTHORITY").subject == "a-spend"


def test_delegation_granting_more_than_the_delegator_holds(programme: Programme) -> None:
    d_pm = programme.delegations[1]
    d_pm.limit = Decimal(300_000)
    d_pm.valid_to = date(2013, 6, 30)
    d_pm.decisions = ["spend", "close_project"]  # type: ignore[list-item]
    finding = only(programme, "PG-DELEGATION-EXCEEDS")
    assert finding.message == (
        "delegation 'd-pm' from person 'fin' (Director of Finance) grants more than the "
        "delegator holds: it delegates close project, which 'fin' does not hold; its limit of "
        "£300,000 is above the delegator's £250,000; it runs until 30 June 2013, after the "
        "delegator's authority ends (31 March 2013)"
    )


def test_delegation_scope_outside_the_delegators(programme: Programme) -> None:
    programme.delegations[0].scope = ["llp"]
    finding = only(programme, "PG-DELEGATION-EXCEEDS")
    assert "its scope includes 'portal', outside the delegator's" in finding.message


def test_key_decision_needs_the_executive(programme: Programme) -> None:
    approval = _approval(programme, "a-big")
    approval.approvers = ["ceo"]
    approval.key_decision = False  # still key: 600k is over the 500k threshold
    finding = only(programme, "PG-APPROVAL-KEY-DECISION")
    assert "commits £600,000, at or above the key-decision threshold of £500,000" in (
        finding.message
    )
    assert "not by the executive" in finding.message
    # Issue 14: the programme declares its executive body, so the finding names it.
    assert (finding.escalate_to, finding.escalate_to_id) == ("Cabinet", "cabinet")


def test_leader_counts_as_the_executive(programme: Programme) -> None:
    _approval(programme, "a-big").approvers = ["leader"]
    assert run(programme, "PG-APPROVAL-KEY-DECISION") == []


def test_rejected_decisions_need_no_authority(programme: Programme) -> None:
    approval = _approval(programme, "a-portal-init-end")
    approval.approvers = ["su1"]
    approval.outcome = "rejected"  # type: ignore[assignment]
    assert run(programme, "PG-APPROVAL-AUTHORITY") == []


def test_cycle_with_a_branch_hanging_off_it(programme: Programme) -> None:
    # fin -> pm1 -> fin is the cycle; pm1 also delegates on to su1, who is not on it.
    programme.delegations[1].may_sub_delegate = True
    programme.delegations += [
        Delegation(id="d-back", delegator="pm1", delegates=["fin"], decisions=["spend"]),
        Delegation(id="d-su", delegator="pm1", delegates=["su1"], decisions=["spend"]),
        Delegation(id="d-su2", delegator="su1", delegates=["ss1"], decisions=["spend"]),
    ]
    finding = only(programme, "PG-DELEGATION-CYCLE")
    assert finding.data == {"cycle": ["fin", "pm1", "fin"], "delegations": ["d-pm", "d-back"]}


def test_two_separate_cycles_are_both_reported(programme: Programme) -> None:
    programme.delegations += [
        Delegation(id="d-x", delegator="su1", delegates=["ss1"], decisions=["spend"]),
        Delegation(id="d-y", delegator="ss1", delegates=["su1"], decisions=["spend"]),
        Delegation(id="d-z", delegator="qa1", delegates=["tm1"], decisions=["spend"]),
        Delegation(id="d-w", delegator="tm1", delegates=["qa1"], decisions=["spend"]),
    ]
    cycles = [f.data["cycle"] for f in run(programme, "PG-DELEGATION-CYCLE")]
    assert sorted(cycles) == [["qa1", "tm1", "qa1"], ["ss1", "su1", "ss1"]]


def test_delegating_from_a_nil_limit(programme: Programme) -> None:
    programme.authorities[1].limit = Decimal(0)  # the Chief Executive may commit nothing
    found = {f.subject: f.message for f in run(programme, "PG-DELEGATION-EXCEEDS")}
    assert "its limit of £250,000 is above the delegator's £0" in found["d-fin"]
    assert "its limit of £50,000 is above the delegator's £0" in found["d-pm"]
