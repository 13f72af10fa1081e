"""Delegated authority, by its documented meaning (docs/governance.md, "Delegated authority").

Each test is one thing a council relies on when it asks "could they sign this?",
with the answer worked out by hand from the rule as documented, on a small
programme built here (two projects in one tranche). Written to catch the
mistakes mutation testing found unnoticed (issue 19): authority that widens,
joint authority passed on by one holder, and off-by-one boundaries.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import progman
from progman import Programme
from progman.rules import RuleContext
from progman.rules.delegation import Verdict, approval_verdict

TODAY = date(2013, 6, 1)

CEO = {"id": "auth-ceo", "holder": "ceo", "decisions": ["spend"], "limit": "1m"}
"""The Chief Executive's standing authority: spend up to £1m anywhere in the programme."""


def programme(
    *approvals: dict[str, Any],
    authorities: list[dict[str, Any]] | None = None,
    delegations: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> Programme:
    """Projects `portal` and `llp` in tranche `t1`, with the given authority and decisions."""
    return Programme.model_validate(
        {
            "id": "otp",
            "name": "OTP",
            "tranches": [{"id": "t1", "name": "Tranche 1"}],
            "projects": [
                {"id": "portal", "name": "Portal", "tranche": "t1", **extra.pop("portal", {})},
                {"id": "llp", "name": "LLP", "tranche": "t1"},
            ],
            "authorities": [CEO] if authorities is None else authorities,
            "delegations": delegations or [],
            "approvals": list(approvals),
            **extra,
        }
    )


def approval(
    *approvers: str,
    decision: str = "spend",
    subject: str = "portal",
    value: str | None = None,
    day: str = "2013-01-08",
    **extra: Any,
) -> dict[str, Any]:
    """One approved decision (the id is the approvers' names: unique enough here)."""
    return {
        "id": "a-" + "-".join(approvers) + f"-{subject}-{day}-{value}-{decision}",
        "subject": subject,
        "decision": decision,
        "approvers": list(approvers),
        "value": value,
        "date": day,
        **extra,
    }


def delegation(id: str, delegator: str, *delegates: str, **terms: Any) -> dict[str, Any]:
    """A delegation of spend decisions unless told otherwise."""
    return {
        "id": id,
        "delegator": delegator,
        "delegates": list(delegates),
        "decisions": ["spend"],
        **terms,
    }


def verdicts(p: Programme) -> list[Verdict]:
    """The verdict on each of the programme's approvals, in order."""
    ctx = RuleContext(p, today=TODAY)
    return [approval_verdict(ctx, a) for a in p.approvals]


def valid(p: Programme) -> list[bool]:
    return [v.valid for v in verdicts(p)]


def rule(p: Programme, rule_id: str) -> list[progman.Finding]:
    return list(progman.validate(p, status_date=TODAY, rules=[rule_id]).findings)


# Scope: a delegation passes on part of what the delegator holds, never more.


def test_a_delegation_without_scope_keeps_the_delegators_scope() -> None:
    # The CEO may spend on the portal only; an unscoped delegation passes on exactly that.
    p = programme(
        approval("fin", subject="portal"),
        approval("fin", subject="llp"),
        authorities=[{**CEO, "scope": ["portal"]}],
        delegations=[delegation("d-fin", "ceo", "fin")],
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[0].grant.scope == frozenset({"portal"})  # type: ignore[union-attr]


def test_a_delegation_scope_is_narrowed_to_what_the_delegator_holds() -> None:
    # It names both projects, but the CEO holds only the portal: the LLP part is void.
    p = programme(
        approval("fin", subject="portal"),
        approval("fin", subject="llp"),
        authorities=[{**CEO, "scope": ["portal"]}],
        delegations=[delegation("d-fin", "ceo", "fin", scope=["portal", "llp"])],
    )
    assert valid(p) == [True, False]


def test_a_delegation_scope_wholly_outside_the_delegators_gives_no_authority_at_all() -> None:
    # Nothing of the LLP is the CEO's to give: the delegation is void, not programme-wide.
    p = programme(
        approval("fin", subject="llp"),
        approval("fin", subject="portal"),
        approval("fin", subject="otp"),
        authorities=[{**CEO, "scope": ["portal"]}],
        delegations=[delegation("d-fin", "ceo", "fin", scope=["llp"])],
    )
    assert valid(p) == [False, False, False]
    assert [v.grant for v in verdicts(p)] == [None, None, None]
    assert len(rule(p, "PG-APPROVAL-AUTHORITY")) == 3


def test_a_scoped_delegation_from_programme_wide_authority_covers_only_its_scope() -> None:
    p = programme(
        approval("fin", subject="portal"),
        approval("fin", subject="llp"),
        delegations=[delegation("d-fin", "ceo", "fin", scope=["portal"])],
    )
    assert valid(p) == [True, False]


def test_only_the_decision_types_the_delegator_holds_are_passed_on() -> None:
    # The CEO holds spend only; delegating sign-off as well gives no sign-off authority.
    p = programme(
        approval("fin", decision="sign_off"),
        approval("fin", decision="spend"),
        delegations=[delegation("d-fin", "ceo", "fin", decisions=["spend", "sign_off"])],
    )
    assert valid(p) == [False, True]


def test_a_delegation_scoped_inside_the_delegators_scope_is_not_granting_more() -> None:
    # The CEO may spend on tranche t1 only. The portal is a project in t1 (a scope covers
    # what it holds), so a delegation scoped to the portal stays within the CEO's scope;
    # one scoped to the programme as a whole reaches beyond t1: one finding, for d-all.
    p = programme(
        authorities=[{**CEO, "scope": ["t1"]}],
        delegations=[
            delegation("d-pm", "ceo", "pm1", scope=["portal"]),
            delegation("d-all", "ceo", "fin", scope=["otp"]),
        ],
    )
    [finding] = rule(p, "PG-DELEGATION-EXCEEDS")
    assert finding.subject == "d-all"
    assert finding.message.endswith("its scope includes 'otp', outside the delegator's")


def test_delegating_a_decision_the_delegator_does_not_hold_is_reported() -> None:
    # 'nobody' holds no authority at all: the delegation grants more than they hold.
    p = programme(delegations=[delegation("d-x", "nobody", "fin")])
    found = rule(p, "PG-DELEGATION-EXCEEDS")
    assert [f.subject for f in found] == ["d-x"]
    assert "it delegates spend, which 'nobody' does not hold" in found[0].message
    assert rule(p, "PG-DELEGATION-SUB") == []


# Joint authority: held by all its delegates together.


def _joint(**terms: Any) -> list[dict[str, Any]]:
    return [
        delegation("d-tp", "cabinet", "leader", "ceo", joint=True, decisions=["sign_off"], **terms),
        delegation("d-on", "ceo", "fin", decisions=["sign_off"]),
    ]


CABINET = {"id": "auth-cabinet", "holder": "cabinet", "decisions": ["sign_off"]}


def test_joint_authority_is_exercised_by_every_joint_delegate_signing() -> None:
    p = programme(
        approval("leader", "ceo", decision="sign_off", delegation="d-tp"),
        approval("leader", decision="sign_off", delegation="d-tp"),
        authorities=[CABINET],
        delegations=_joint(),
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[1].failures == ("joint",)


def test_one_holder_of_a_joint_delegation_cannot_pass_it_on_even_with_sub_delegation() -> None:
    p = programme(
        approval("fin", decision="sign_off"),
        authorities=[CABINET],
        delegations=_joint(may_sub_delegate=True),
    )
    assert valid(p) == [False]
    assert verdicts(p)[0].grant is None


def test_a_delegation_to_several_people_not_joint_lets_each_act_alone() -> None:
    p = programme(
        approval("fin"),
        approval("pm"),
        delegations=[delegation("d-both", "ceo", "fin", "pm")],
    )
    assert valid(p) == [True, True]
    assert [v.failures for v in verdicts(p)] == [(), ()]


def test_a_joint_delegation_to_one_person_is_that_persons_alone_to_use_and_pass_on() -> None:
    p = programme(
        approval("pm"),
        delegations=[
            delegation("d-fin", "ceo", "fin", joint=True, may_sub_delegate=True),
            delegation("d-pm", "fin", "pm"),
        ],
    )
    assert valid(p) == [True]
    assert verdicts(p)[0].chain == "authority auth-ceo -> d-fin -> d-pm"


# Dates: a delegation may be relied on from its first day to its last, both included.


def test_an_approval_on_the_first_or_last_day_of_a_delegation_is_in_force() -> None:
    p = programme(
        approval("fin", day="2012-12-31"),
        approval("fin", day="2013-01-01"),
        approval("fin", day="2013-03-31"),
        approval("fin", day="2013-04-01"),
        delegations=[
            delegation("d-fin", "ceo", "fin", valid_from="2013-01-01", valid_to="2013-03-31")
        ],
    )
    assert valid(p) == [False, True, True, False]
    assert [v.failures for v in verdicts(p)] == [("date",), (), (), ("date",)]


def test_a_one_day_delegation_is_in_force_on_that_day_only() -> None:
    p = programme(
        approval("pm", day="2013-02-01"),
        approval("pm", day="2013-02-02"),
        delegations=[
            delegation("d-fin", "ceo", "fin", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", valid_from="2013-02-01", valid_to="2013-02-01"),
        ],
    )
    assert valid(p) == [True, False]


def test_a_chain_is_in_force_only_where_every_link_is() -> None:
    # d-fin runs 1 Apr 2012 - 31 Mar 2013 and d-pm 1 Jan - 30 Jun 2013: together,
    # 1 Jan - 31 Mar 2013 (the later start, the earlier end).
    p = programme(
        approval("pm", day="2012-12-31"),
        approval("pm", day="2013-01-01"),
        approval("pm", day="2013-03-31"),
        approval("pm", day="2013-04-01"),
        delegations=[
            delegation(
                "d-fin",
                "ceo",
                "fin",
                valid_from="2012-04-01",
                valid_to="2013-03-31",
                may_sub_delegate=True,
            ),
            delegation("d-pm", "fin", "pm", valid_from="2013-01-01", valid_to="2013-06-30"),
        ],
    )
    assert valid(p) == [False, True, True, False]
    grant = verdicts(p)[1].grant
    assert grant is not None
    assert (grant.valid_from, grant.valid_to) == (date(2013, 1, 1), date(2013, 3, 31))


def test_a_chain_window_with_the_dates_the_other_way_round() -> None:
    # Now the first link starts later and the second ends earlier:
    # 1 Jan - 30 Jun 2013 and 1 Apr 2012 - 31 Mar 2013 give 1 Jan - 31 Mar 2013.
    p = programme(
        approval("pm", day="2013-01-01"),
        delegations=[
            delegation(
                "d-fin",
                "ceo",
                "fin",
                valid_from="2013-01-01",
                valid_to="2013-06-30",
                may_sub_delegate=True,
            ),
            delegation("d-pm", "fin", "pm", valid_from="2012-04-01", valid_to="2013-03-31"),
        ],
    )
    grant = verdicts(p)[0].grant
    assert grant is not None
    assert (grant.valid_from, grant.valid_to) == (date(2013, 1, 1), date(2013, 3, 31))


def test_an_undated_link_inherits_the_dates_of_the_links_before_it() -> None:
    p = programme(
        approval("pm", day="2012-12-31"),
        approval("pm", day="2013-01-01"),
        approval("pm", day="2013-03-31"),
        approval("pm", day="2013-04-01"),
        delegations=[
            delegation(
                "d-fin",
                "ceo",
                "fin",
                valid_from="2013-01-01",
                valid_to="2013-03-31",
                may_sub_delegate=True,
            ),
            delegation("d-pm", "fin", "pm"),
        ],
    )
    assert valid(p) == [False, True, True, False]


def test_a_dated_link_after_an_undated_one_sets_the_chains_dates() -> None:
    p = programme(
        approval("pm", day="2012-12-31"),
        approval("pm", day="2013-01-01"),
        approval("pm", day="2013-03-31"),
        approval("pm", day="2013-04-01"),
        delegations=[
            delegation("d-fin", "ceo", "fin", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", valid_from="2013-01-01", valid_to="2013-03-31"),
        ],
    )
    assert valid(p) == [False, True, True, False]


def test_delegations_that_never_overlap_give_no_authority() -> None:
    # d-fin ends 31 Dec 2012, d-pm starts 1 Jan 2013: pm never holds anything.
    p = programme(
        approval("pm", day="2013-01-01"),
        delegations=[
            delegation("d-fin", "ceo", "fin", valid_to="2012-12-31", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", valid_from="2013-01-01"),
        ],
    )
    assert verdicts(p)[0].grant is None


# Limits: a value exactly at the limit is within it.


def test_an_approval_exactly_at_the_limit_is_within_it() -> None:
    p = programme(
        approval("fin", value="250000"),
        approval("fin", value="250000.01"),
        delegations=[delegation("d-fin", "ceo", "fin", limit="250k")],
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[1].failures == ("limit",)


def test_delegating_exactly_the_delegators_limit_is_not_granting_more() -> None:
    p = programme(
        delegations=[
            delegation("d-fin", "ceo", "fin", limit="250k", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", limit="250k"),
            delegation("d-su", "fin", "su", limit="250000.01"),
        ]
    )
    found = rule(p, "PG-DELEGATION-EXCEEDS")
    assert [f.subject for f in found] == ["d-su"]


def test_a_delegation_limit_applies_under_an_unlimited_delegator() -> None:
    # Cabinet's spending authority has no limit; its delegation to the CEO sets £100k.
    p = programme(
        approval("ceo", value="100k"),
        approval("ceo", value="150k"),
        authorities=[{"id": "auth-cabinet", "holder": "cabinet", "decisions": ["spend"]}],
        delegations=[delegation("d-ceo", "cabinet", "ceo", limit="100k")],
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[1].grant.limit == Decimal(100_000)  # type: ignore[union-attr]


def test_an_unlimited_delegation_keeps_the_delegators_limit() -> None:
    p = programme(
        approval("fin", value="1m"),
        approval("fin", value="1000000.01"),
        delegations=[delegation("d-fin", "ceo", "fin")],
    )
    assert valid(p) == [True, False]


# Several grants: the delegator holds the widest of them.


def _two_grants() -> list[dict[str, Any]]:
    # fin holds spend twice: up to £100k (portal) and up to £250k (anywhere).
    return [
        delegation("d-small", "ceo", "fin", limit="100k", scope=["portal"], may_sub_delegate=True),
        delegation("d-large", "ceo", "fin", limit="250k", may_sub_delegate=True),
    ]


def test_a_delegator_with_several_grants_may_delegate_up_to_the_largest() -> None:
    p = programme(
        delegations=[
            *_two_grants(),
            delegation("d-pm", "fin", "pm", limit="200k"),
            delegation("d-su", "fin", "su", limit="300k"),
        ]
    )
    found = rule(p, "PG-DELEGATION-EXCEEDS")
    assert [f.subject for f in found] == ["d-su"]
    assert "its limit of £300,000 is above the delegator's £250,000" in found[0].message


def test_an_approver_with_several_grants_is_judged_on_the_one_that_covers_the_decision() -> None:
    p = programme(
        approval("fin", value="200k"),
        approval("pm", value="150k"),
        approval("pm", value="250k"),
        delegations=[*_two_grants(), delegation("d-pm", "fin", "pm", limit="200k")],
    )
    # pm holds min(100k, 200k) = 100k and min(250k, 200k) = 200k.
    assert valid(p) == [True, True, False]


# Role-implied authority: the Executive, the change authority and the SRO.


def test_the_change_authority_may_approve_changes_up_to_the_change_budget_only() -> None:
    p = programme(
        approval("ca", decision="approve_change", value="50k"),
        approval("ca", decision="approve_change", value="50000.01"),
        approval("ca", decision="approve_change", subject="llp", value="1k"),
        approval("ca", decision="sign_off"),
        portal={
            "executive": "exec",
            "change_authority": "ca",
            "budget": "500k",
            "change_budget": "50k",
        },
    )
    assert valid(p) == [True, False, False, False]
    over = verdicts(p)[1]
    assert over.failures == ("limit",)
    assert over.grant is not None
    assert over.grant.limit == Decimal(50_000)
    assert over.chain == "change authority of project portal"
    assert [v.grant for v in verdicts(p)[2:]] == [None, None]


def test_the_executive_takes_the_boards_decisions_on_the_project_up_to_its_budget() -> None:
    p = programme(
        approval("exec", decision="approve_change", value="500k"),
        approval("exec", decision="authorise_stage", value="500000.01"),
        approval("exec", decision="close_project", subject="llp"),
        approval("exec", decision="spend", value="1k"),
        portal={"executive": "exec", "budget": "500k"},
    )
    assert valid(p) == [True, False, False, False]
    assert verdicts(p)[1].failures == ("limit",)
    assert verdicts(p)[0].chain == "Executive of project portal"


def test_the_sro_authorises_projects_anywhere_in_the_programme_without_a_limit() -> None:
    p = programme(
        approval("gt", decision="authorise_project", subject="llp", value="10m"),
        approval("gt", decision="end_of_tranche", subject="t1"),
        approval("gt", decision="spend", subject="llp"),
        sro="gt",
    )
    assert valid(p) == [True, True, False]
    assert verdicts(p)[0].chain == "SRO of programme otp"


def test_standing_authority_is_held_by_its_holder_for_its_decisions_scope_and_limit() -> None:
    p = programme(
        approval("ceo", value="1m"),
        approval("ceo", subject="llp"),
        approval("ceo", decision="sign_off"),
        approval("fin"),
        authorities=[{**CEO, "scope": ["portal"]}],
    )
    assert valid(p) == [True, False, False, False]
    assert verdicts(p)[0].chain == "authority auth-ceo"
    assert [v.grant for v in verdicts(p)[1:]] == [None, None, None]


def test_the_executive_may_delegate_the_project_boards_decisions() -> None:
    p = programme(
        approval("deputy", decision="approve_change", value="20k"),
        approval("deputy", decision="approve_change", value="20000.01"),
        delegations=[
            delegation("d-deputy", "exec", "deputy", decisions=["approve_change"], limit="20k")
        ],
        portal={"executive": "exec", "budget": "500k"},
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[0].chain == "Executive of project portal -> d-deputy"


def test_the_change_authority_may_delegate_within_the_change_budget() -> None:
    p = programme(
        approval("deputy", decision="approve_change", value="50k"),
        approval("deputy", decision="approve_change", value="50000.01"),
        delegations=[delegation("d-deputy", "ca", "deputy", decisions=["approve_change"])],
        portal={"change_authority": "ca", "change_budget": "50k"},
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[0].chain == "change authority of project portal -> d-deputy"


def test_the_programmes_change_authority_may_delegate_within_the_change_budget() -> None:
    # docs/governance.md and issue 15: the programme's change authority holds approve-change
    # decisions over the whole programme (a project in it as much as the programme itself)
    # up to the programme's change budget, £50,000. It holds them alone, as standing
    # authority, so it may pass them on: a deputy under an unscoped delegation holds the
    # same. £50,000 on the LLP is within it; £50,000.01 on the programme is 1p over.
    p = programme(
        approval("deputy", decision="approve_change", subject="llp", value="50k"),
        approval("deputy", decision="approve_change", subject="otp", value="50000.01"),
        delegations=[delegation("d-deputy", "ca", "deputy", decisions=["approve_change"])],
        change_authority="ca",
        change_budget="50k",
    )
    assert valid(p) == [True, False]
    assert verdicts(p)[1].failures == ("limit",)
    assert verdicts(p)[0].chain == "change authority of programme otp -> d-deputy"
    # Passing it on is within what the change authority holds and is allowed to pass on.
    assert rule(p, "PG-DELEGATION-EXCEEDS") == []
    assert rule(p, "PG-DELEGATION-SUB") == []


def test_the_sro_may_delegate_authorising_projects_across_the_programme() -> None:
    p = programme(
        approval("deputy", decision="authorise_project", subject="llp"),
        approval("deputy", decision="authorise_project", subject="portal"),
        delegations=[delegation("d-deputy", "gt", "deputy", decisions=["authorise_project"])],
        sro="gt",
    )
    assert valid(p) == [True, True]
    assert verdicts(p)[0].chain == "SRO of programme otp -> d-deputy"


# Choosing the authority relied on.


def test_a_valid_longer_chain_is_preferred_to_a_failing_shorter_one() -> None:
    # ceo -> pm directly is limited to £10k; ceo -> fin -> pm allows £100k.
    p = programme(
        approval("pm", value="50k"),
        delegations=[
            delegation("d-short", "ceo", "pm", limit="10k"),
            delegation("d-fin", "ceo", "fin", limit="250k", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", limit="100k"),
        ],
    )
    (verdict,) = verdicts(p)
    assert verdict.valid
    assert verdict.chain == "authority auth-ceo -> d-fin -> d-pm"


def test_of_two_valid_chains_the_shorter_is_cited() -> None:
    p = programme(
        approval("pm", value="5k"),
        delegations=[
            delegation("d-fin", "ceo", "fin", limit="250k", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", limit="100k"),
            delegation("d-short", "ceo", "pm", limit="10k"),
        ],
    )
    assert verdicts(p)[0].chain == "authority auth-ceo -> d-short"


def test_an_approval_citing_a_delegation_relies_on_that_delegation_only() -> None:
    # pm holds spend on the portal through d-portal and on the LLP through d-llp.
    p = programme(
        approval("pm", subject="llp", delegation="d-portal"),
        approval("pm", subject="llp", delegation="d-llp"),
        approval("pm", subject="llp"),
        delegations=[
            delegation("d-portal", "ceo", "pm", scope=["portal"]),
            delegation("d-llp", "ceo", "pm", scope=["llp"]),
        ],
    )
    assert valid(p) == [False, True, True]
    assert verdicts(p)[1].chain == "authority auth-ceo -> d-llp"


def test_someone_without_any_authority_makes_no_valid_approval() -> None:
    p = programme(approval("su"))
    (verdict,) = verdicts(p)
    assert verdict.valid is False
    assert verdict.grant is None
    assert verdict.chain == ""


def test_two_approvals_sharing_an_id_are_each_judged_on_their_own() -> None:
    p = programme(
        {**approval("ceo"), "id": "a1"},
        {**approval("su"), "id": "a1"},
    )
    assert valid(p) == [True, False]


# Separation of duties and key decisions.


def test_self_approval_is_reported_only_for_decisions_that_were_approved() -> None:
    p = programme(
        approval("ceo", requested_by="ceo", outcome="approved"),
        approval("ceo", requested_by="ceo", outcome="rejected", day="2013-01-09"),
        approval("ceo", requested_by="ceo", outcome="deferred", day="2013-01-10"),
        approval("ceo", requested_by="fin", day="2013-01-11"),
    )
    found = rule(p, "PG-APPROVAL-SELF")
    assert [f.path for f in found] == ["approvals[0]"]


def test_a_decision_exactly_at_the_key_decision_threshold_is_a_key_decision() -> None:
    # "valued at or above governance.key_decision_threshold"
    p = programme(
        approval("ceo", value="500k"),
        approval("ceo", value="499999.99", day="2013-01-09"),
        governance={"key_decision_threshold": "500k"},
    )
    found = rule(p, "PG-APPROVAL-KEY-DECISION")
    assert [f.path for f in found] == ["approvals[0]"]


# Cycles.


def test_a_cycle_is_spelled_without_the_parties_it_leads_on_to() -> None:
    # fin -> pm -> fin is the cycle; pm also delegates to 'aa', whose id sorts first.
    p = programme(
        delegations=[
            delegation("d-fin", "ceo", "fin", may_sub_delegate=True),
            delegation("d-pm", "fin", "pm", may_sub_delegate=True),
            delegation("d-back", "pm", "fin"),
            delegation("d-aa", "pm", "aa"),
        ]
    )
    (found,) = rule(p, "PG-DELEGATION-CYCLE")
    assert found.data["cycle"] == ["fin", "pm", "fin"]


def test_every_cycle_is_reported_when_a_party_downstream_of_one_sorts_before_another() -> None:
    # ceo <-> fin, with fin -> pm hanging off it; su <-> tm is a second, separate cycle.
    p = programme(
        delegations=[
            delegation("d-1", "ceo", "fin"),
            delegation("d-2", "fin", "ceo"),
            delegation("d-3", "fin", "pm"),
            delegation("d-4", "su", "tm"),
            delegation("d-5", "tm", "su"),
        ]
    )
    cycles = sorted(f.data["cycle"] for f in rule(p, "PG-DELEGATION-CYCLE"))
    assert cycles == [["ceo", "fin", "ceo"], ["su", "tm", "su"]]


# Chains that have ended: the finding names the link that ended (docs: "names that link").


def _dated_chain(**pm_terms: Any) -> list[dict[str, Any]]:
    return [
        delegation("d-fin", "ceo", "fin", may_sub_delegate=True, valid_to="2013-03-31"),
        delegation("d-pm", "fin", "pm", **pm_terms),
    ]


def test_an_expired_upstream_link_is_named_even_when_the_last_link_ends_that_day() -> None:
    # d-pm is in force to 1 Apr 2013 inclusive; d-fin ended on 31 Mar: d-fin is broken.
    p = programme(
        approval("pm", day="2013-04-01"),
        delegations=_dated_chain(valid_from="2013-01-01", valid_to="2013-04-01"),
    )
    (found,) = rule(p, "PG-DELEGATION-EXPIRED")
    assert found.data["broken_link"] == "d-fin"


def test_a_not_yet_started_upstream_link_is_named_even_when_the_last_link_starts_that_day() -> None:
    p = programme(
        approval("pm", day="2013-01-01"),
        delegations=[
            delegation("d-fin", "ceo", "fin", may_sub_delegate=True, valid_from="2013-01-02"),
            delegation("d-pm", "fin", "pm", valid_from="2013-01-01"),
        ],
    )
    (found,) = rule(p, "PG-DELEGATION-EXPIRED")
    assert found.data["broken_link"] == "d-fin"


def test_an_undated_last_link_is_never_the_broken_one() -> None:
    p = programme(approval("pm", day="2013-04-01"), delegations=_dated_chain())
    (found,) = rule(p, "PG-DELEGATION-EXPIRED")
    assert found.data["broken_link"] == "d-fin"


# Who is told: the decision's overseer where no authority was held (role names, as this
# programme defines no boards).


def test_a_decision_without_authority_goes_to_the_overseer_of_its_type() -> None:
    p = programme(
        approval("su", decision="authorise_project"),
        approval("su", decision="end_stage_assessment", day="2013-01-09"),
        approval("su", decision="spend", day="2013-01-10"),
    )
    told = [f.escalate_to for f in rule(p, "PG-APPROVAL-AUTHORITY")]
    assert told[:2] == ["sponsoring group", "project board"]
    assert str(told[2]).startswith("executive")


def test_an_executive_over_the_project_budget_is_reported_to_the_project_board() -> None:
    # The Executive's authority is role-implied (no standing holder): told is the overseer.
    p = programme(
        approval("exec", decision="approve_change", value="600k"),
        portal={"executive": "exec", "budget": "500k"},
    )
    (found,) = rule(p, "PG-DELEGATION-LIMIT")
    assert found.escalate_to == "project board"


# Reserved decisions: only the body, or those it delegates to, may take them.


def _reserved(*approvals: dict[str, Any], **extra: Any) -> Programme:
    return programme(
        *approvals,
        authorities=[CEO, {"id": "auth-ceo-2", "holder": "ceo", "decisions": ["sign_off"]}],
        reservations=[
            {"body": "cabinet", "decisions": ["spend"], "subjects": ["portal"]},
            {"body": "cabinet", "decisions": ["sign_off"], "subjects": ["llp"]},
            {"body": "cabinet", "decisions": ["sign_off"], "subjects": ["portal"]},
        ],
        portal={"executive": "exec", "budget": "500k"},
        **extra,
    )


def test_a_reserved_decision_taken_under_other_authority_is_not_valid() -> None:
    # The third reservation covers it (the first is of spending, the second of the LLP).
    p = _reserved(approval("ceo", decision="sign_off"))
    (verdict,) = verdicts(p)
    assert verdict.valid is False
    assert verdict.failures == ("reserved",)
    assert verdict.grant is not None
    assert verdict.reservation is not None
    assert verdict.reservation.decisions == ["sign_off"]


def test_of_several_authorities_over_a_reserved_decision_the_shortest_chain_is_cited() -> None:
    p = _reserved(
        approval("fin", decision="sign_off"),
        delegations=[
            delegation("d-fin", "ceo", "fin", decisions=["sign_off"]),
            delegation("d-fin-2", "ceo", "pm", decisions=["sign_off"], may_sub_delegate=True),
            delegation("d-fin-3", "pm", "fin", decisions=["sign_off"], limit="100k"),
        ],
    )
    (verdict,) = verdicts(p)
    assert verdict.failures == ("reserved",)
    assert verdict.chain == "authority auth-ceo-2 -> d-fin"


def test_a_reserved_decision_taken_under_the_bodys_delegation_is_valid_and_says_so() -> None:
    p = _reserved(
        approval("leader", decision="sign_off"),
        delegations=[delegation("d-leader", "cabinet", "leader", decisions=["sign_off"])],
    )
    (verdict,) = verdicts(p)
    assert verdict.valid
    assert verdict.reservation is not None
    assert verdict.reservation.body == "cabinet"


def test_a_reservation_of_some_decisions_gives_the_body_those_decisions_only() -> None:
    p = _reserved(
        approval("cabinet", decision="sign_off"),
        approval("cabinet", decision="approve_change", day="2013-01-09"),
    )
    assert valid(p) == [True, False]


def test_an_open_start_or_end_of_a_delegation_is_said_in_words() -> None:
    ended = programme(
        approval("fin", day="2013-04-01"),
        delegations=[delegation("d-fin", "ceo", "fin", valid_to="2013-03-31")],
    )
    assert "in force the start to 31 March 2013" in rule(ended, "PG-DELEGATION-EXPIRED")[0].message
    early = programme(
        approval("fin", day="2013-01-01"),
        delegations=[delegation("d-fin", "ceo", "fin", valid_from="2013-01-02")],
    )
    assert (
        "in force 2 January 2013 to open-ended" in rule(early, "PG-DELEGATION-EXPIRED")[0].message
    )
