"""The delegation rules' findings by their documented meaning (docs/governance.md,
"Delegated authority"; Local Government Act 2000 s.9E and SI 2012/2089 for key decisions):
what each finding says, where it points and who hears of it. Built on the small programme
of test_delegation_meaning (the Chief Executive holds spend up to £1m)."""

from __future__ import annotations

from datetime import date

from progman import Approval, Delegation

from .test_delegation_meaning import CEO, approval, delegation, programme, rule, verdicts

FIN = {"id": "auth-fin", "holder": "fin", "decisions": ["spend"], "limit": "100k"}
"""The Director of Finance's own standing authority: spend up to £100,000."""


def test_authority_held_only_through_a_closed_delegation_is_a_sub_delegation_finding() -> None:
    # The CEO delegates spend to Finance without leave to sub-delegate; Finance passes it
    # on. That is PG-DELEGATION-SUB's finding (not "grants more than it holds"), and the
    # CEO, who set the terms, hears of it.
    p = programme(delegations=[delegation("d-fin", "ceo", "fin"), delegation("d-pm", "fin", "pm1")])
    assert rule(p, "PG-DELEGATION-EXCEEDS") == []
    [finding] = rule(p, "PG-DELEGATION-SUB")
    assert finding.message == (
        "delegation 'd-pm' passes on spend decisions that 'fin' holds only through delegation "
        "'d-fin', which does not permit sub-delegation"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == ("delegations[1]", "d-pm", "ceo")
    assert finding.data == {"decision": "spend", "through": ["authority auth-ceo", "d-fin"]}


def test_each_delegation_passing_on_closed_authority_is_its_own_finding() -> None:
    p = programme(
        delegations=[
            delegation("d-fin", "ceo", "fin"),
            delegation("d-pm", "fin", "pm1"),
            delegation("d-pm2", "fin", "pm2"),
        ]
    )
    assert [f.subject for f in rule(p, "PG-DELEGATION-SUB")] == ["d-pm", "d-pm2"]


def test_authority_held_in_ones_own_right_may_be_passed_on() -> None:
    # Finance holds spend in its own right and also through the CEO's closed delegation:
    # its delegation to the project manager rests on its own authority.
    p = programme(
        authorities=[CEO, FIN],
        delegations=[delegation("d-fin", "ceo", "fin"), delegation("d-pm", "fin", "pm1")],
    )
    assert rule(p, "PG-DELEGATION-SUB") == []


def test_sub_delegation_is_judged_decision_by_decision() -> None:
    # Finance holds spend in its own right but sign-off only through the CEO's closed
    # delegation; passing on both, only sign-off is at fault. And a decision Finance does
    # not hold at all (approve change) is another rule's business, not a reason to stop.
    ceo = {**CEO, "decisions": ["spend", "sign_off"]}
    closed = delegation("d-x", "ceo", "fin", decisions=["sign_off"])
    for decisions in (["spend", "sign_off"], ["approve_change", "sign_off"]):
        p = programme(
            authorities=[ceo, FIN],
            delegations=[closed, delegation("d-pm", "fin", "pm1", decisions=decisions)],
        )
        [finding] = rule(p, "PG-DELEGATION-SUB")
        assert finding.message.startswith("delegation 'd-pm' passes on sign off decisions")
        assert finding.data["decision"] == "sign_off"


def test_a_delegation_may_start_the_day_the_delegators_authority_starts() -> None:
    # Finance's authority from the CEO runs from 1 April 2012; its own delegation to the
    # project manager from that same day is within it, from the day before it is not.
    def chain(start: str) -> list[dict[str, object]]:
        return [
            delegation("d-fin", "ceo", "fin", valid_from="2012-04-01", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm1", valid_from=start),
        ]

    assert rule(programme(delegations=chain("2012-04-01")), "PG-DELEGATION-EXCEEDS") == []
    [finding] = rule(programme(delegations=chain("2012-03-31")), "PG-DELEGATION-EXCEEDS")
    reason = "it runs from 31 March 2012, before the delegator's authority starts (1 April 2012)"
    assert finding.message == (
        f"delegation 'd-pm' from 'fin' grants more than the delegator holds: {reason}"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == ("delegations[1]", "d-pm", "fin")
    assert finding.data == {"reasons": [reason]}


def test_one_holder_of_joint_authority_does_not_hold_it_alone() -> None:
    # The CEO delegates spend to Finance and the Leader jointly (both must sign), with leave
    # to sub-delegate; Finance alone passing it on grants what Finance alone does not hold.
    p = programme(
        delegations=[
            delegation("d-j", "ceo", "fin", "leader", joint=True, may_sub_delegate=True),
            delegation("d-pm", "fin", "pm1"),
        ]
    )
    [finding] = rule(p, "PG-DELEGATION-EXCEEDS")
    assert finding.message.endswith("it delegates spend, which 'fin' does not hold")


KEY = {"governance": {"executive": "cabinet", "key_decision_threshold": "500k"}}
CABINET = {"id": "auth-cabinet", "holder": "cabinet", "decisions": ["spend"]}


def test_a_flagged_key_decision_below_the_threshold_says_it_was_flagged() -> None:
    # £100,000 is below the £500,000 threshold, but the decision is flagged as key: the CEO
    # alone may not take it (LGA 2000 s.9E: the executive, or under its explicit delegation).
    p = programme(
        approval("ceo", value="100k", key_decision=True), authorities=[CEO, CABINET], **KEY
    )
    [finding] = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert "is flagged as a key decision, but was taken by 'ceo', not by the executive" in (
        finding.message
    )
    assert finding.message.endswith("nor under an explicit delegation from it (LGA 2000 s.9E)")
    assert (finding.subject, finding.escalate_to) == (p.approvals[0].id, "executive (cabinet)")
    assert finding.data == {
        "value": 100_000,
        "threshold": 500_000,
        "executive": ["cabinet"],
        "delegation": None,  # the CEO's own standing authority is no delegation
        "record": None,
    }


def test_a_key_decision_by_someone_holding_no_authority_names_no_delegation() -> None:
    # 'pm1' holds no authority at all and commits £600,000, above the £500,000 threshold:
    # neither the executive nor anyone under its delegation took it. The finding's data
    # names no delegation (there is none to name); PG-APPROVAL-AUTHORITY reports the
    # missing authority itself.
    p = programme(approval("pm1", value="600k"), authorities=[CEO, CABINET], **KEY)
    [finding] = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert "but was taken by 'pm1', not by the executive" in finding.message
    assert finding.data == {
        "value": 600_000,
        "threshold": 500_000,
        "executive": ["cabinet"],
        "delegation": None,
        "record": None,
    }
    assert [f.subject for f in rule(p, "PG-APPROVAL-AUTHORITY")] == [p.approvals[0].id]


def test_a_key_decision_with_no_executive_declared_says_to_declare_it() -> None:
    p = programme(approval("ceo", value="600k"), governance={"key_decision_threshold": "500k"})
    [finding] = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert "not by the executive (the executive (declare it in governance.executive) or the " \
        "Leader)" in finding.message  # fmt: skip


def test_a_key_decision_delegated_by_the_executive_must_be_recorded() -> None:
    # SI 2012/2089 reg 13: an officer's executive decision under delegation is recorded.
    p = programme(
        approval("pm1", value="600k"),
        authorities=[CEO, CABINET],
        delegations=[delegation("d-pm", "cabinet", "pm1")],
        **KEY,
    )
    [finding] = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert finding.message.endswith(
        "taken by 'pm1' under delegation 'd-pm' from the executive, but no record of the "
        "decision is given (`record`; an officer's key decision must be recorded, "
        "SI 2012/2089 reg 13)"
    )
    assert finding.data["delegation"] == "d-pm"


def test_a_key_decision_under_a_delegation_not_from_the_executive_is_a_finding() -> None:
    # Finance takes a £600,000 decision, recorded, under the CEO's delegation: the CEO is not
    # the executive, so it is not an explicit delegation from it. The decision after it,
    # under Cabinet's own delegation and recorded, is sound.
    p = programme(
        approval("fin", value="600k", record="ODR-1"),
        approval("pm1", value="600k", record="ODR-2"),
        authorities=[CEO, CABINET],
        delegations=[delegation("d-fin", "ceo", "fin"), delegation("d-pm", "cabinet", "pm1")],
        **KEY,
    )
    [finding] = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert finding.subject == p.approvals[0].id
    assert "commits £600,000, at or above the key-decision threshold of £500,000" in (
        finding.message
    )
    assert finding.data == {
        "value": 600_000,
        "threshold": 500_000,
        "executive": ["cabinet"],
        "delegation": "d-fin",
        "record": "ODR-1",
    }


def test_each_key_decision_is_judged_after_a_sound_one() -> None:
    # The first is taken under Cabinet's delegation and recorded (sound); the second by
    # Finance with no delegation from the executive.
    p = programme(
        approval("pm1", value="600k", record="ODR-2"),
        approval("fin", value="700k"),
        authorities=[CEO, CABINET, FIN],
        delegations=[delegation("d-pm", "cabinet", "pm1")],
        **KEY,
    )
    assert [f.subject for f in rule(p, "PG-APPROVAL-KEY-DECISION")] == [p.approvals[1].id]


def test_self_approval_under_a_delegation_is_told_to_the_delegator() -> None:
    # Finance requests and approves its own spend under the CEO's delegation: the CEO, whose
    # authority it used, hears of it (separation of duties).
    p = programme(
        approval("fin", requested_by="fin"), delegations=[delegation("d-fin", "ceo", "fin")]
    )
    [finding] = rule(p, "PG-APPROVAL-SELF")
    assert (finding.path, finding.escalate_to) == ("approvals[0]", "ceo")
    assert finding.data == {"person": "fin"}


def test_self_approval_without_authority_or_by_role_is_told_to_the_overseer() -> None:
    # The Senior User, with no authority, approves their own spend: the executive oversees
    # spend. The change authority approves its own change request (authority implied by the
    # role, from no one's delegation): the project board oversees changes.
    p = programme(
        approval("su1", requested_by="su1"),
        approval("ca", decision="approve_change", value="1k", requested_by="ca"),
        portal={"executive": "exec", "change_authority": "ca", "change_budget": "50k"},
    )
    su1, ca = rule(p, "PG-APPROVAL-SELF")
    assert (su1.escalate_to, ca.escalate_to) == ("executive (cabinet)", "project board")


def test_an_approval_with_no_authority_names_who_made_it_and_under_what() -> None:
    # The Senior User holds no spend authority; citing Finance's delegation does not help.
    p = programme(
        approval("su1"),
        approval("su1", "ss1", delegation="d-fin"),
        delegations=[delegation("d-fin", "ceo", "fin")],
    )
    alone, cited = rule(p, "PG-APPROVAL-AUTHORITY")
    assert alone.message.endswith(
        "was made by 'su1', who holds no authority for spend decisions on 'portal'"
    )
    assert cited.message.endswith(
        "was made by 'su1' and 'ss1', who hold no authority for spend decisions on 'portal' "
        "under delegation 'd-fin', which does not cover it"
    )
    assert (alone.path, alone.subject, alone.escalate_to) == (
        "approvals[0]",
        p.approvals[0].id,
        "executive (cabinet)",
    )
    assert cited.data == {"approvers": ["su1", "ss1"], "decision": "spend", "delegation": "d-fin"}


CHAIN = ["authority auth-ceo", "d-fin"]
"""The chain of a grant to Finance from the CEO's standing authority, as findings carry it."""


def test_an_approval_over_the_limit_says_by_how_much_and_tells_the_delegator() -> None:
    p = programme(
        approval("fin", value="150k"), delegations=[delegation("d-fin", "ceo", "fin", limit="100k")]
    )
    [finding] = rule(p, "PG-DELEGATION-LIMIT")
    assert finding.message.endswith(
        "commits £150,000, but the authority of 'fin' through authority auth-ceo -> d-fin is "
        "limited to £100,000 (over by £50,000)"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "approvals[0]",
        p.approvals[0].id,
        "ceo",
    )
    assert finding.data == {"value": 150_000, "limit": 100_000, "chain": CHAIN}


def test_an_approval_missing_a_joint_signature_names_who_did_not_sign() -> None:
    p = programme(
        approval("fin"), delegations=[delegation("d-j", "ceo", "fin", "leader", joint=True)]
    )
    [finding] = rule(p, "PG-DELEGATION-JOINT")
    assert finding.message.endswith(
        "relies on delegation 'd-j', held jointly by 'fin' and 'leader', but 'leader' did not sign"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "approvals[0]",
        p.approvals[0].id,
        "ceo",
    )
    assert finding.data == {"missing": ["leader"], "joint": ["fin", "leader"]}


def test_a_reserved_decision_taken_outside_the_body_names_the_chain_used() -> None:
    # Spend on the portal is reserved to Cabinet: neither the CEO's own authority nor
    # Finance's delegation from the CEO comes from Cabinet.
    p = programme(
        approval("ceo"),
        approval("fin"),
        reservations=[{"body": "cabinet", "decisions": ["spend"], "subjects": ["portal"]}],
        delegations=[delegation("d-fin", "ceo", "fin")],
    )
    ceo, fin = rule(p, "PG-APPROVAL-RESERVED")
    tail = (
        "but spend decisions on 'portal' are reserved to 'cabinet': only it, or those it "
        "delegates to, may take them"
    )
    assert ceo.message.endswith(f"was taken by 'ceo' under authority auth-ceo, {tail}")
    assert fin.message.endswith(f"was taken by 'fin' under authority auth-ceo -> d-fin, {tail}")
    assert (fin.path, fin.subject, fin.escalate_to) == (
        "approvals[1]",
        p.approvals[1].id,
        "cabinet",
    )
    assert fin.data == {"reserved_to": "cabinet", "chain": CHAIN}
    p.delegations[0].may_sub_delegate = True
    p.delegations.append(Delegation(id="d-pm", delegator="fin", delegates=["pm1"],
                                    decisions=["spend"]))  # fmt: skip
    p.approvals.append(Approval(id="a-pm1", subject="portal", decision="spend",
                                approvers=["pm1"], date="2013-01-08"))  # fmt: skip
    pm1 = rule(p, "PG-APPROVAL-RESERVED")[2]
    assert "under authority auth-ceo -> d-fin -> d-pm, but" in pm1.message


def test_an_approval_under_a_delegation_not_yet_in_force_says_so() -> None:
    p = programme(
        approval("fin", day="2012-03-30"),
        delegations=[delegation("d-fin", "ceo", "fin", valid_from="2012-04-01")],
    )
    [finding] = rule(p, "PG-DELEGATION-EXPIRED")
    assert finding.message.endswith(
        "relies on delegation 'd-fin' (authority auth-ceo -> d-fin, in force 1 April 2012 to "
        "open-ended), which was not yet in force on 30 March 2012"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "approvals[0]",
        p.approvals[0].id,
        "ceo",
    )
    assert finding.data["broken_link"] == "d-fin"


def test_an_approval_relying_on_an_upstream_delegation_says_which_link_failed() -> None:
    # Finance's delegation from the CEO runs from 1 April 2013; the project manager's from
    # Finance is open. On 8 January 2013 the upstream link was not yet in force; after
    # 31 December 2012, had it ended then, it would have expired.
    def chain(**terms: str) -> list[dict[str, object]]:
        return [
            delegation("d-fin", "ceo", "fin", may_sub_delegate=True, **terms),
            delegation("d-pm", "fin", "pm1"),
        ]

    [early] = rule(programme(approval("pm1"), delegations=chain(valid_from="2013-04-01")),
                   "PG-DELEGATION-EXPIRED")  # fmt: skip
    assert early.message.endswith(
        "relies on delegation 'd-pm' (authority auth-ceo -> d-fin -> d-pm), but delegation "
        "'d-fin' upstream in that chain (in force 1 April 2013 to open-ended) was not yet in "
        "force on 8 January 2013"
    )
    [late] = rule(programme(approval("pm1"), delegations=chain(valid_to="2012-12-31")),
                  "PG-DELEGATION-EXPIRED")  # fmt: skip
    assert "(in force the start to 31 December 2012) had expired on 8 January 2013" in (
        late.message
    )
    assert late.data == {
        "chain": [*CHAIN, "d-pm"],
        "valid_from": None,
        "valid_to": date(2012, 12, 31),
        "date": date(2013, 1, 8),
        "broken_link": "d-fin",
    }


def test_a_delegation_cycle_is_told_to_the_executive() -> None:
    p = programme(
        delegations=[
            delegation("d1", "fin", "pm1", may_sub_delegate=True),
            delegation("d2", "pm1", "fin", may_sub_delegate=True),
        ]
    )
    [finding] = rule(p, "PG-DELEGATION-CYCLE")
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "delegations[0]",
        "d1",
        "executive (cabinet)",
    )


def test_the_programmes_change_authority_may_approve_programme_changes_to_its_budget() -> None:
    # Issue 15: a programme-level change authority holds approve-change decisions on the
    # programme up to the programme's change budget, and nothing else.
    p = programme(
        approval("ca", decision="approve_change", subject="otp", value="50k"),
        approval("ca", decision="approve_change", subject="otp", value="50000.01"),
        approval("ca", decision="sign_off", subject="otp"),
        change_authority="ca",
        change_budget="50k",
    )
    assert [v.valid for v in verdicts(p)] == [True, False, False]
    over = verdicts(p)[1]
    assert over.failures == ("limit",)
    assert over.grant is not None
    assert (over.grant.limit, over.chain) == (50_000, "change authority of programme otp")
    assert over.grant.holders == frozenset({"ca"})
    assert verdicts(p)[2].grant is None
