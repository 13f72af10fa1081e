"""A fully populated instance of every model, for round-trip tests."""

from __future__ import annotations

import progman as pm


def full_programme() -> pm.Programme:
    """A small programme that uses every model and most fields."""
    tolerance_cost = pm.Tolerance(aspect="cost", plus=10, minus=5, set_by="otp-board")
    tolerance_time = pm.Tolerance(aspect="time", plus=10, unit="absolute")
    task = pm.Task(
        id="portal-build",
        name="Build the portal",
        duration=10,
        depends_on=[pm.Dependency(on="portal-spec", type="SS", lag=-2)],
        owner="ict-lead",
        actual_start="2012-10-01",
        percent_complete=40,
        remaining_duration=6,
        budget="120k",
        actual_cost="50000.50",
        tolerances=[pm.Tolerance(aspect="time", plus=2, unit="absolute")],
        estimate=pm.DurationEstimate(optimistic=8, most_likely=10, pessimistic=16),
        cost_estimate=pm.CostEstimate(
            optimistic="100k", most_likely="120k", pessimistic="180k", distribution="triangular"
        ),
        calendar="default",
        category="it",
    )
    milestone = pm.Milestone(
        id="portal-live",
        name="Portal live internally",
        depends_on=["portal-build"],
        must_finish_by="2013-01-18",
    )
    stage = pm.Stage(
        id="portal-delivery",
        name="Delivery",
        start="2012-10-01",
        finish="2013-01-31",
        budget="200k",
        tolerances=[tolerance_cost],
        status="active",
        authorisation="a-stage",
        tasks=[task],
        milestones=[milestone],
    )
    risk = pm.Risk(
        id="R-1",
        title="Portal delayed by IT",
        cause="IT resourcing",
        event="go-live slips",
        effect="savings later",
        category="operational",
        probability=4,
        impact=3,
        residual_probability=2,
        residual_impact=3,
        impact_value="250k",
        proximity="within_stage",
        proximity_date="2013-01-18",
        owner="pa-lead",
        actionee="ict-lead",
        response="reduce",
        actions=[pm.RiskAction(description="Second a developer", actionee="ict-lead")],
        level="strand",
        strand="public-access",
        raised_on="2012-10-05",
        affects=["portal-build"],
        schedule_impact=pm.DurationEstimate(optimistic=2, most_likely=5, pessimistic=10),
        cost_impact=pm.CostEstimate(optimistic="10k", most_likely="20k", pessimistic="60k"),
    )
    issue = pm.Issue(
        id="I-1",
        title="Portal go-live delayed",
        type="request_for_change",
        raised_by="ict-lead",
        raised_on="2012-12-01",
        priority="high",
        severity="programme",
        impact=["time"],
        status="decided",
        decision="approved",
        decided_by="gtolley",
        decided_on="2012-12-10",
    )
    project = pm.Project(
        id="portal",
        name="Customer Contact Portal",
        executive="pa-lead",
        senior_users=["cs-head"],
        senior_suppliers=["ict-lead"],
        project_manager="portal-pm",
        assurance=["assurer"],
        change_authority="pa-lead",
        tranche="t1",
        status="delivering",
        business_case=pm.BusinessCase(status="full", approval="a-bc", owner="pa-lead"),
        objectives=["Resolve more enquiries at first contact"],
        start="2012-10-01",
        finish="2013-03-29",
        budget="250k",
        change_budget="20k",
        risk_budget="15k",
        tolerances=[tolerance_cost, tolerance_time],
        calendar="default",
        depends_on=[pm.Dependency(on="ict-refresh", scope="external", counterpart="Delt")],
        stages=[stage],
        tasks=[pm.Task(id="portal-spec", name="Specify", duration=5)],
        risks=[risk],
        issues=[issue],
        lessons=[
            pm.Lesson(
                id="L-1",
                title="Test with real users",
                type="programme",
                kind="positive",
                event="Users tested the portal",
                cause="A usability lab was booked early",
                effect="Fewer defects at go-live",
                early_warning="Defects found in the pilot",
                recommendation="Test every channel with users",
                raised_by="pa-lead",
                raised_on="2013-01-10",
                applies_to=["portal-build"],
            )
        ],
        closure=pm.ProjectClosure(
            acceptance="a-bc",
            approval="a-bc",
            benefits_review_plan="BRP-1",
            lessons_report="End project report",
            closed_on="2013-03-29",
        ),
    )
    benefit = pm.Benefit(
        id="b-contact",
        name="Fewer avoidable contacts",
        kind="dis_benefit",
        category="non_cashable",
        owner="cs-head",
        enabled_by=["portal"],
        tranche="t1",
        status="realising",
        profile=pm.BenefitProfile(
            kpi="Avoidable contacts per month",
            unit="contacts",
            direction="decrease",
            baseline_value=12000,
            baseline_date="2012-04-01",
            target_value=8000,
            target_date="2014-03-31",
            periods=[
                pm.ProfilePeriod(financial_year="2012/13", planned=500, actual=450),
                pm.ProfilePeriod(start="2013-04-01", end="2013-06-30", planned=1000),
            ],
        ),
    )
    return pm.Programme(
        id="mk-otp",
        name="Organisational Transformation Programme",
        vision="A more productive council",
        start="2012-04-02",
        finish="2017-03-31",
        sro="gtolley",
        programme_manager="otp-pm",
        sponsoring_group=["gtolley"],
        edition="2017",
        savings_target="17.9m",
        savings_targets=[
            pm.SavingsTarget(name="MTFP 2013-2017", amount="15.9m", years="2013/14-2016/17")
        ],
        risk_analysis=pm.RiskAnalysisSettings(
            uncertainty=[pm.DurationUncertainty(category="it", optimistic=-10, pessimistic=40)],
            correlations=[pm.TaskCorrelation(category="it", coefficient="0.8")],
            deadline_confidence=80,
            iterations=1000,
            seed=3,
        ),
        people=[pm.Person(id="gtolley", name="Gail Tolley", title="Corporate Director")],
        boards=[pm.Board(id="otp-board", name="OTP Board", chair="gtolley", members=["gtolley"])],
        roles=[pm.RoleAssignment(role="sro", person="gtolley", start="2012-04-01")],
        stakeholders=[pm.Stakeholder(id="unions", name="Trades unions", interest=5, influence=3)],
        tranches=[pm.Tranche(id="t1", name="Tranche 1", start="2012-04-01", end="2013-03-31")],
        strands=[pm.Strand(id="public-access", name="Public Access", projects=["portal"])],
        projects=[project],
        milestones=[pm.Milestone(id="mtfp", name="MTFP agreed", achieved_on="2013-02-27")],
        risks=[pm.Risk(id="R-P1", title="Savings not realised", probability=3, impact=5)],
        issues=[
            pm.Issue(
                id="I-P1",
                title="Budget pressure",
                type="request_for_change",
                impact_assessment=pm.ImpactAssessment(time=5, cost="30k", baseline="b1"),
            )
        ],
        benefits=[benefit],
        objectives=[pm.Objective(id="obj-mtfp", name="OTP-related savings in the MTFP")],
        capabilities=[pm.Capability(id="cap-portal", name="Portal in use", enabled_by=["portal"])],
        outcomes=[
            pm.Outcome(
                id="out-contact", name="First-contact resolution", capabilities=["cap-portal"]
            )
        ],
        tolerances=[pm.Tolerance(aspect="benefits", minus=10)],
        authorities=[
            pm.Authority(id="auth-cabinet", holder="cabinet", decisions=["sign_off"], limit="5m")
        ],
        delegations=[
            pm.Delegation(
                id="d-signoff",
                delegator="cabinet",
                delegates=["leader", "chief-exec"],
                joint=True,
                decisions=["sign_off"],
                limit="1m",
                valid_from="2009-12-01",
                valid_to="2010-03-31",
                purpose="Final sign-off of the Total Place report",
            )
        ],
        reservations=[
            pm.Reservation(
                body="cabinet", decisions=["sign_off"], subjects=["portal"], note="Cabinet"
            )
        ],
        approvals=[
            pm.Approval(
                id="a-stage",
                subject="portal-delivery",
                decision="authorise_stage",
                approvers=["pa-lead"],
                date="2012-09-28",
                value="200k",
                requested_by="portal-pm",
            )
        ],
        calendars=[
            pm.Calendar(
                closures=[pm.Closure(start="2012-12-27", end="2012-12-31", name="Christmas")]
            )
        ],
        risk_grid=pm.RiskGrid(size=5, escalation_threshold=16),
        status_date="2012-12-14",
        baselines=[
            pm.Baseline(
                id="cabinet-2012-10",
                name="Cabinet approval 2012-10",
                date="2012-10-15",
                approval="a-stage",
                items=[pm.BaselineItem(id="portal-build", start="2012-10-01", budget="120k")],
                risks=[pm.BaselineRisk(id="R-1", score=12)],
                benefits=[pm.BaselineBenefit(id="b-contact", planned={"2012/2013": 500})],
            )
        ],
        governance=pm.GovernanceSettings(
            rules={"PG-OWNER-BENEFIT": "warning"},
            suppress=[pm.Suppression(rule="PG-OWNER-RISK", target="R-P1", reason="new risk")],
        ),
    )
