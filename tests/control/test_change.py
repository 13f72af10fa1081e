"""Change control: the change budget as a running balance across decisions, impact
assessments from the forecasts, baselines changed only by approved changes, and the
decision log kept append-only (PRINCE2 7, issue and change control)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import progman as pm
from progman.control import assess_change, change_budget_balance, decision_log_changes


def with_changes(*values: str, budget: str | None = "50k") -> pm.Programme:
    issues = [
        pm.Issue(
            id=f"RFC-{n}",
            title=f"Change {n}",
            type="request_for_change",
            impact_assessment=pm.ImpactAssessment(cost=value),
        )
        for n, value in enumerate(values, start=1)
    ]
    approvals = [
        pm.Approval(
            id=f"a{n}",
            subject=f"RFC-{n}",
            decision="approve_change",
            approvers=["board"],
            date=date(2013, 1, 7 + n),
            value=value,
        )
        for n, value in enumerate(values, start=1)
    ]
    project = pm.Project(id="portal", name="Portal", change_budget=budget, issues=issues)
    return pm.Programme(id="otp", name="OTP", projects=[project], approvals=approvals)


def test_the_change_budget_runs_down_decision_by_decision() -> None:
    # 50k budget: 30k leaves 20k; 15k leaves 5k; 10k is 5k over. Each alone is within 50k.
    lines = change_budget_balance(with_changes("30k", "15k", "10k"))["portal"]
    assert [(line.spent, line.balance) for line in lines] == [
        (30_000, 20_000),
        (15_000, 5_000),
        (10_000, -5_000),
    ]


def test_only_the_change_that_overspends_is_a_finding() -> None:
    programme = with_changes("30k", "30k")  # the issue's example: two 30k against 50k
    (finding,) = pm.validate(programme, rules=["PG-CHANGE-BUDGET"])
    assert finding.subject == "a2"
    assert finding.data["overspend"] == 10_000
    assert finding.data["left_before"] == 20_000
    assert finding.escalate_to == "programme board"


def test_decisions_count_in_date_order_not_list_order() -> None:
    programme = with_changes("40k", "20k")
    programme.approvals.reverse()
    programme.approvals[0].date = date(2013, 2, 1)  # a2 (20k) is now the later one
    lines = change_budget_balance(programme)["portal"]
    assert [(line.approval, line.balance) for line in lines] == [("a1", 10_000), ("a2", -10_000)]


def test_rejected_changes_spend_nothing_and_no_budget_means_no_balance() -> None:
    programme = with_changes("30k", "30k")
    programme.approvals[1].outcome = "rejected"
    assert [line.balance for line in change_budget_balance(programme)["portal"]] == [20_000]
    assert pm.validate(programme, rules=["PG-CHANGE-BUDGET"]).findings == ()
    unbudgeted = with_changes("30k", budget=None)
    assert change_budget_balance(unbudgeted)["portal"][0].balance is None


def test_an_approval_without_a_value_spends_the_assessed_cost() -> None:
    programme = with_changes("30k")
    programme.approvals[0].value = None
    assert change_budget_balance(programme)["portal"][0].spent == 30_000


def test_a_decided_change_needs_an_impact_assessment() -> None:
    programme = with_changes("30k")
    programme.projects[0].issues[0].impact_assessment = None
    (finding,) = pm.validate(programme, rules=["PG-CHANGE-IMPACT"])
    assert finding.subject == "RFC-1"


def test_a_baseline_changed_without_an_approved_change() -> None:
    programme = with_changes("30k")
    programme.baselines = [
        pm.Baseline(id="b1", name="Initiation", date="2012-04-01"),
        pm.Baseline(id="b2", name="After RFC-1", date="2013-01-09", approval="a1"),
        pm.Baseline(id="b3", name="Quiet re-plan", date="2013-02-01"),
    ]
    (finding,) = pm.validate(programme, rules=["PG-BASELINE-CHANGE"])
    assert finding.subject == "b3"
    assert "replaces 'b2' but cites no approval" in finding.message


def test_impact_is_computed_from_the_forecasts() -> None:
    def plan(days: int, budget: str) -> pm.Programme:
        task = pm.Task(id="build", name="Build", duration=days, budget=budget)
        project = pm.Project(id="portal", name="Portal", start="2013-01-07", tasks=[task])
        return pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[project])

    # 10 working days from Mon 7 Jan finish Fri 18 Jan; 15 finish Fri 25 Jan: 5 days later.
    # No work done yet, so the estimate at completion is the budget: 100k -> 130k.
    impact = assess_change(
        plan(10, "100k"), plan(15, "130k"), status_date=date(2013, 1, 4), subject="portal"
    )
    assert (impact.time, impact.cost) == (5, Decimal(30_000))


def test_the_decision_log_is_append_only() -> None:
    before = with_changes("30k", "15k")
    after = before.model_copy(deep=True)
    after.approvals[0].value = Decimal(3_000)
    del after.approvals[1]
    after.approvals.append(
        pm.Approval(
            id="a9",
            subject="RFC-1",
            decision="approve_change",
            approvers=["board"],
            date="2013-03-01",
        )
    )
    assert decision_log_changes(before, after) == [
        "decision 'a1' was altered: value 30000 -> 3000",
        "decision 'a2' was removed",
    ]


def test_milton_keynes_records_one_change_within_its_budget() -> None:
    from pathlib import Path

    mk = pm.load(Path(__file__).resolve().parents[2] / "examples" / "milton-keynes")
    # £50k change budget on the highways contract, £18k approved: £32k left.
    (line,) = change_budget_balance(mk)["highways-contract"]
    assert (line.issue, line.spent, line.balance) == ("RFC-ISDB-01", 18_000, 32_000)
