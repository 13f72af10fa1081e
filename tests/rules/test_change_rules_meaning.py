"""Change control rules by their meaning (PRINCE2 2017, Change theme: the change budget is
spent by approved changes and the level above decides beyond it; a change is assessed for
impact before it is decided; a baseline changes only by an approved change or exception
plan): what each finding says, where it points, who hears of it and what it carries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import progman as pm

from ..control.test_change import with_changes


def findings(programme: pm.Programme, code: str) -> list[pm.Finding]:
    return list(pm.validate(programme, rules=[code]).findings)


def test_an_overspent_change_budget_says_what_was_left_and_what_came_before() -> None:
    # 50k budget: a1 spends 30k (20k left), a2 spends 30k: 10k over.
    [finding] = findings(with_changes("30k", "30k"), "PG-CHANGE-BUDGET")
    assert "spends £30,000 with £20,000 left of the change budget of project 'portal': " in (
        finding.message
    )
    assert finding.message.endswith(
        "£10,000 over (earlier changes: a1 £30,000); the level above must decide"
    )
    assert finding.message.startswith("change 'RFC-2' approved on ")
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "approvals[1]",
        "a2",
        "programme board",
    )
    assert finding.data == {
        "holder": "portal",
        "spent": Decimal(30_000),
        "left_before": Decimal(20_000),
        "overspend": Decimal(10_000),
    }


def test_the_first_change_over_budget_has_no_earlier_changes() -> None:
    [finding] = findings(with_changes("60k"), "PG-CHANGE-BUDGET")
    assert "with £50,000 left" in finding.message
    assert finding.message.endswith(
        "£10,000 over (earlier changes: none); the level above must decide"
    )


def test_spending_the_change_budget_to_the_last_penny_is_within_it() -> None:
    # 30k then 20k is exactly 50k; 30k then £19,999.50 leaves 50p.
    assert findings(with_changes("30k", "20k"), "PG-CHANGE-BUDGET") == []
    assert findings(with_changes("30k", "19999.50"), "PG-CHANGE-BUDGET") == []


def test_each_decided_change_is_checked_for_an_impact_assessment() -> None:
    # A problem (not a change) comes first; then a change decided in the issue itself
    # (no approval cited) without an assessment.
    programme = with_changes("30k")
    issues = programme.projects[0].issues
    issues.insert(0, pm.Issue(id="P-1", title="A problem", type="problem_concern"))
    issues[1].impact_assessment = None
    programme.approvals = []
    issues[1].decision = "approved"  # type: ignore[assignment]
    [finding] = findings(programme, "PG-CHANGE-IMPACT")
    assert finding.message == (
        "request for change 'RFC-1' (Change 1) was decided without an impact assessment: "
        "record its effect on time, cost, benefits and risk against the baseline"
    )
    assert (finding.path, finding.subject) == ("projects[0].issues[1]", "RFC-1")


def test_a_baseline_resting_on_the_wrong_kind_of_decision_is_a_finding() -> None:
    # b2 cites a1, an approve-change decision that was rejected; b3 cites nothing.
    programme = with_changes("30k")
    programme.approvals[0].outcome = "rejected"  # type: ignore[assignment]
    programme.baselines = [
        pm.Baseline(id="b1", name="Initiation", date=date(2012, 4, 1)),
        pm.Baseline(id="b2", name="After RFC-1", date=date(2013, 1, 9), approval="a1"),
        pm.Baseline(id="b3", name="Quiet re-plan", date=date(2013, 2, 1)),
    ]
    first, second = findings(programme, "PG-BASELINE-CHANGE")
    assert first.message.startswith("baseline 'b2' (After RFC-1) replaces 'b1' but cites 'a1' ")
    assert first.message.endswith(
        "(approve change, rejected): a baseline changes only by an approved change or "
        "exception plan"
    )
    assert (first.path, first.subject, first.escalate_to) == (
        "baselines[1]",
        "b2",
        "programme board",
    )
    assert (first.data, second.data) == ({"previous": "b1"}, {"previous": "b2"})


def test_the_programmes_own_change_budget_is_overspent_to_the_sponsoring_group() -> None:
    # A programme-level change of £60,000 against the programme's £50,000 change budget:
    # the sponsoring group, above the programme board, decides.
    rfc = pm.Issue(id="RFC-1", title="C1", type="request_for_change",
                   impact_assessment=pm.ImpactAssessment(cost="60k"))  # fmt: skip
    decided = pm.Approval(id="a1", subject="RFC-1", decision="approve_change",
                          approvers=["board"], date=date(2013, 1, 8), value="60k")  # fmt: skip
    programme = pm.Programme(
        id="otp", name="OTP", change_budget="50k", issues=[rfc], approvals=[decided]
    )
    [finding] = findings(programme, "PG-CHANGE-BUDGET")
    assert "left of the change budget of programme: £10,000 over" in finding.message
    assert finding.escalate_to == "sponsoring group"


def test_a_change_after_the_budget_is_spent_has_nothing_left_and_lists_all_before() -> None:
    # 30k, 30k (10k over), then 10k: nothing is left before the third, not -£10,000.
    third = findings(with_changes("30k", "30k", "10k"), "PG-CHANGE-BUDGET")[1]
    assert "spends £10,000 with £0 left" in third.message
    assert "(earlier changes: a1 £30,000, a2 £30,000)" in third.message


def test_a_decided_problem_needs_no_change_impact_assessment() -> None:
    programme = with_changes("30k")
    problem = pm.Issue(id="P-1", title="A problem", type="problem_concern", decision="approved")
    programme.projects[0].issues.insert(0, problem)
    assert findings(programme, "PG-CHANGE-IMPACT") == []
