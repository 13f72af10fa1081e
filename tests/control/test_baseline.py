"""What changed since the baseline: slips, pull-ins, new and removed items, risks, benefits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import progman as pm
from progman.control.baseline import compare, take_baseline


def plan() -> pm.Programme:
    # Mon 2013-03-25 start: a (3 days) 25-27 Mar; b after a (2 days) is Thu 28 Mar and,
    # Good Friday and Easter Monday being bank holidays, Tue 2 Apr.
    return pm.Programme(
        id="otp",
        name="OTP",
        start="2013-03-25",
        projects=[
            pm.Project(
                id="p",
                name="P",
                budget="50k",
                tasks=[
                    pm.Task(id="a", name="A", duration=3, budget="20k"),
                    pm.Task(id="b", name="B", duration=2, depends_on=["a"], budget="30k"),
                ],
                risks=[pm.Risk(id="R1", title="R1", probability=3, impact=3)],
            )
        ],
        risks=[pm.Risk(id="R2", title="R2", probability=2, impact=2)],
        benefits=[
            pm.Benefit(
                id="saving",
                name="Saving",
                profile=pm.BenefitProfile(
                    kpi="GBP",
                    periods=[
                        {"financial_year": "2013/14", "planned": "100k"},
                        {"financial_year": "2014/15", "planned": "200k"},
                    ],
                ),
            )
        ],
    )


def baseline() -> pm.Baseline:
    return take_baseline(plan(), id="cabinet", name="Cabinet approval", on=date(2013, 3, 22))


def test_the_baseline_records_dates_budgets_risks_and_benefits() -> None:
    taken = baseline()
    items = {i.id: (i.start, i.finish, i.budget) for i in taken.items}
    assert items["b"] == (date(2013, 3, 28), date(2013, 4, 2), Decimal(30_000))
    assert items["p"][2] == Decimal(50_000)
    assert {(r.id, r.score) for r in taken.risks} == {("R1", 9), ("R2", 4)}
    assert taken.benefits[0].planned == {"2013/14": 100_000, "2014/15": 200_000}


def test_no_change_means_nothing_to_report() -> None:
    assert compare(baseline(), plan()) == []


def test_slip_counted_in_working_days_across_easter() -> None:
    now = plan()
    now.projects[0].tasks[0].duration = 4  # a ends Thu 28 Mar; b now Tue 2 - Wed 3 Apr
    changes = {(c.kind, c.subject): c for c in compare(baseline(), now)}
    slip = changes[("slipped", "b")]
    assert slip.data == {"was": date(2013, 4, 2), "now": date(2013, 4, 3), "working_days": 1}
    assert str(slip) == "'b' finishes 1 working days later: 2013-04-03, was 2013-04-02"
    assert changes[("slipped", "a")].data["working_days"] == 1


def test_pull_in() -> None:
    now = plan()
    now.projects[0].tasks[1].duration = 1  # b is Thu 28 Mar only
    changes = {(c.kind, c.subject): c for c in compare(baseline(), now)}
    assert changes[("pulled_in", "b")].data["working_days"] == -1
    assert "finishes 1 working days earlier" in str(changes[("pulled_in", "b")])


def test_new_and_removed_items() -> None:
    now = plan()
    tasks = now.projects[0].tasks
    tasks[1] = pm.Task(id="c", name="C", duration=2, depends_on=["a"], budget="30k")
    kinds = {(c.kind, c.subject) for c in compare(baseline(), now)}
    assert ("added", "c") in kinds
    assert ("removed", "b") in kinds


def test_cost_change() -> None:
    now = plan()
    now.projects[0].tasks[0].budget = Decimal(25_000)
    (change,) = [c for c in compare(baseline(), now) if c.kind == "cost_changed"]
    assert str(change) == "'a' budget is £25,000, was £20,000"


def test_risks_added_closed_and_rescored() -> None:
    now = plan()
    now.projects[0].risks[0].impact = 5  # 9 -> 15
    now.risks[0].status = pm.RiskStatus.CLOSED
    now.risks.append(pm.Risk(id="R3", title="R3", probability=1, impact=1))
    messages = {c.kind: str(c) for c in compare(baseline(), now)}
    assert messages["risk_rescored"] == "risk 'R1' scores 15, up from 9"
    assert messages["risk_closed"] == "risk 'R2' is closed"
    assert messages["risk_added"] == "risk 'R3' is new, scoring 1"


def test_benefit_reprofiled() -> None:
    now = plan()
    assert now.benefits[0].profile is not None
    now.benefits[0].profile.periods[1].planned = Decimal(150_000)
    (change,) = compare(baseline(), now)
    assert change.kind == "reprofiled"
    assert str(change) == "benefit 'saving' re-profiled: 2014/15 £200,000 -> £150,000"
