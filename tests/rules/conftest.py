"""A compliant programme built in code: every built-in rule is silent on it.

Tests take a fresh copy (the `programme` fixture), break one thing, and
check the finding that one rule raises.
"""

from __future__ import annotations

from datetime import date

import pytest

import progman
from progman import (
    Approval,
    Authority,
    Benefit,
    Board,
    Delegation,
    Milestone,
    Person,
    Programme,
    Project,
    Risk,
    RoleAssignment,
    Stage,
    Strand,
    Task,
    Tolerance,
    Tranche,
)
from progman.findings import Finding

TODAY = date(2013, 1, 10)

PEOPLE = {
    "gt": "Gail Tolley (SRO)",
    "otp-pm": "Programme manager",
    "exec1": "Portal Executive",
    "pm1": "Portal project manager",
    "pm2": "LLP project manager",
    "su1": "Senior User",
    "ss1": "Senior Supplier",
    "qa1": "Project Assurance",
    "tm1": "Team manager",
    "bcm": "Business change manager",
    "leader": "Leader of the Council",
    "ceo": "Chief Executive",
    "fin": "Director of Finance",
}


def build() -> Programme:
    """The compliant programme, judged at TODAY (10 January 2013)."""
    portal = Project(
        id="portal",
        name="Customer Contact Portal",
        executive="exec1",
        project_manager="pm1",
        senior_users=["su1"],
        senior_suppliers=["ss1"],
        assurance=["qa1"],
        tranche="t2",
        status="delivering",
        business_case={"status": "full", "approval": "a-portal-bc", "owner": "exec1"},
        start="2013-01-01",
        finish="2013-12-31",
        budget="500k",
        change_budget="50k",
        tolerances=[
            Tolerance(aspect="cost", plus=10, minus=10),
            Tolerance(aspect="time", plus=20, unit="absolute"),
        ],
        stages=[
            Stage(
                id="portal-init",
                name="Initiation",
                kind="initiation",
                start="2013-01-01",
                finish="2013-01-04",
                status="complete",
                end_stage_approval="a-portal-init-end",
            ),
            Stage(
                id="portal-build",
                name="Build",
                start="2013-01-07",
                finish="2013-12-31",
                budget="400k",
                status="active",
                tolerances=[
                    Tolerance(aspect="cost", plus=5, minus=5),
                    Tolerance(aspect="time", plus=10, unit="absolute"),
                ],
                tasks=[
                    Task(
                        id="portal-config",
                        name="Configure the portal",
                        duration=40,
                        owner="tm1",
                        budget="100k",
                        actual_cost="50k",
                        actual_start="2013-01-07",
                        percent_complete=50,
                        tolerances=[Tolerance(aspect="cost", plus=5)],
                    ),
                    Task(
                        id="portal-test",
                        name="Test with customer services",
                        duration=15,
                        owner="tm1",
                        depends_on=["portal-config"],
                    ),
                ],
                milestones=[
                    Milestone(
                        id="portal-live",
                        name="Portal live internally",
                        depends_on=["portal-test"],
                        must_finish_by="2013-06-28",
                    )
                ],
            ),
        ],
        risks=[
            Risk(
                id="R1",
                title="Go-live delayed by IT resourcing",
                probability=3,
                impact=4,
                owner="pm1",
                response="reduce",
                proximity_date="2013-01-20",
            ),
            Risk(
                id="R3",
                title="Channel shift beyond plan",
                kind="opportunity",
                probability=2,
                impact=3,
                owner="su1",
                response="exploit",
            ),
        ],
    )
    llp = Project(
        id="llp",
        name="Transfer of Mouchel staff to an LLP",
        executive="gt",
        project_manager="pm2",
        senior_users=["su1"],
        senior_suppliers=["ss1"],
        tranche="t1",
        status="closed",
        business_case={"status": "full", "approval": "a-llp-bc"},
        start="2012-04-02",
        finish="2012-12-31",
        tolerances=[
            Tolerance(aspect="cost", plus=10),
            Tolerance(aspect="time", plus=20, unit="absolute"),
        ],
        milestones=[Milestone(id="llp-transfer", name="Staff transfer", achieved_on="2012-12-20")],
        # closed as PRINCE2's "Closing a Project" asks (issue 15)
        closure={
            "acceptance": "a-llp-close",
            "benefits_review_plan": "BRP-LLP",
            "lessons_report": "End project report, section 4",
        },
        lessons=[
            {
                "id": "L-llp",
                "title": "Review transferred teams early",
                "event": "About 670 staff transferred",
                "effect": "Duplication with the client side",
                "recommendation": "Review within six months",
            }
        ],
    )
    return Programme(
        id="otp",
        name="Organisational Transformation Programme",
        start="2012-04-01",
        finish="2017-03-31",
        sro="gt",
        programme_manager="otp-pm",
        sponsoring_group=["gt", "ceo"],
        people=[Person(id=pid, name=name) for pid, name in PEOPLE.items()],
        boards=[
            Board(id="cabinet", name="Cabinet", chair="leader", members=["leader"]),
            Board(id="otp-board", name="OTP Board", chair="gt", members=["gt", "otp-pm"]),
        ],
        roles=[RoleAssignment(role="leader", person="leader")],
        tranches=[
            Tranche(
                id="t1",
                name="Tranche 1",
                start="2012-04-01",
                end="2012-12-31",
                end_of_tranche_review="a-t1-review",
            ),
            Tranche(id="t2", name="Tranche 2", start="2013-01-01", end="2017-03-31"),
        ],
        strands=[
            Strand(
                id="public-access",
                name="Public Access",
                lead="su1",
                board="otp-board",
                projects=["portal"],
            )
        ],
        projects=[portal, llp],
        risks=[
            Risk(
                id="R2",
                title="Savings not realised in the MTFP",
                probability=4,
                impact=4,
                residual_probability=2,
                residual_impact=3,
                owner="gt",
                response="reduce",
                level="programme",
            )
        ],
        benefits=[
            Benefit(
                id="b-saving",
                name="Saving from the LLP",
                owner="bcm",
                enabled_by=["llp"],
                tranche="t1",
                objectives=["Savings in the MTFP"],
                profile={
                    "kpi": "Annual saving",
                    "unit": "GBP",
                    "baseline_value": 0,
                    "baseline_date": "2012-04-01",
                    "target_value": "4m",
                    "target_date": "2014-03-31",
                    "periods": [
                        {"financial_year": "2012/13", "planned": "1m", "actual": "950k"},
                        {"financial_year": "2013/14", "planned": "3m"},
                    ],
                },
            ),
            Benefit(
                id="d-travel",
                name="Longer journeys to the new contact centre",
                kind="dis_benefit",
                category="non_financial",
                owner="bcm",
                enabled_by=["portal"],
                profile={
                    "kpi": "Average journey minutes",
                    "unit": "minutes",
                    "direction": "increase",
                    "baseline_value": 20,
                    "target_value": 25,
                    "periods": [{"financial_year": "2012/13", "planned": 25, "actual": 24}],
                },
            ),
        ],
        tolerances=[
            Tolerance(aspect="cost", plus=15, minus=15),
            Tolerance(aspect="time", plus=30, unit="absolute"),
            Tolerance(aspect="benefits", minus=10),
        ],
        baselines=[
            progman.Baseline(
                id="approved-plan",
                name="Plan approved by the OTP Board",
                date="2013-01-01",
                items=[{"id": "portal", "start": "2013-01-01", "finish": "2013-12-31"}],
            )
        ],
        authorities=[
            Authority(id="auth-cabinet", holder="cabinet", decisions=["spend", "sign_off"]),
            Authority(id="auth-ceo", holder="ceo", decisions=["spend"], limit="1m"),
        ],
        delegations=[
            Delegation(
                id="d-fin",
                delegator="ceo",
                delegates=["fin"],
                decisions=["spend"],
                limit="250k",
                valid_from="2012-04-01",
                valid_to="2013-03-31",
                may_sub_delegate=True,
            ),
            Delegation(
                id="d-pm",
                delegator="fin",
                delegates=["pm1"],
                decisions=["spend"],
                limit="50k",
                scope=["portal"],
                valid_from="2012-06-01",
                valid_to="2013-03-31",
            ),
            Delegation(
                id="d-tp",
                delegator="cabinet",
                delegates=["leader", "ceo"],
                joint=True,
                decisions=["sign_off"],
                purpose="Final sign-off of the Total Place report",
            ),
        ],
        approvals=[
            Approval(
                id="a-t1-review",
                subject="t1",
                decision="end_of_tranche",
                approvers=["gt"],
                date="2012-12-20",
            ),
            Approval(
                id="a-llp-bc",
                subject="llp",
                decision="approve_business_case",
                approvers=["gt"],
                date="2012-04-02",
                requested_by="pm2",
            ),
            Approval(
                id="a-portal-bc",
                subject="portal",
                decision="approve_business_case",
                approvers=["exec1"],
                date="2013-01-02",
                requested_by="pm1",
            ),
            Approval(
                id="a-portal-init-end",
                subject="portal-init",
                decision="end_stage_assessment",
                approvers=["exec1"],
                date="2013-01-04",
                requested_by="pm1",
            ),
            Approval(
                id="a-spend",
                subject="portal-config",
                decision="spend",
                approvers=["pm1"],
                date="2013-01-08",
                value="40k",
                delegation="d-pm",
                requested_by="tm1",
            ),
            Approval(
                id="a-signoff",
                subject="portal-live",
                decision="sign_off",
                approvers=["leader", "ceo"],
                date="2013-01-09",
                delegation="d-tp",
            ),
            Approval(
                id="a-big",
                subject="portal",
                decision="spend",
                approvers=["cabinet"],
                date="2013-01-05",
                value="600k",
                key_decision=True,
            ),
            Approval(
                id="a-llp-close",
                subject="llp",
                decision="close_project",
                approvers=["gt"],
                date="2012-12-21",
            ),
        ],
        governance={
            "key_decision_threshold": "500k",
            "warning_fraction": "0.8",
            "executive": "cabinet",  # the executive body, declared (issue 14)
        },
    )


@pytest.fixture
def programme() -> Programme:
    """A fresh compliant programme for each test to break."""
    return build()


def run(programme: Programme, rule_id: str, **options: object) -> list[Finding]:
    """The findings of one rule on a programme, judged at TODAY unless told otherwise."""
    today = options.pop("today", TODAY)
    report = progman.validate(programme, status_date=today, rules=[rule_id], **options)  # type: ignore[arg-type]
    return list(report.findings)


def only(programme: Programme, rule_id: str, **options: object) -> Finding:
    """The single finding of one rule (fails if there is not exactly one)."""
    found = run(programme, rule_id, **options)
    assert len(found) == 1, [str(f) for f in found]
    return found[0]
