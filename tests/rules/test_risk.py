"""Risk rules: escalation threshold, proximity, responses by edition, appetite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import progman
from progman import Programme, Project, Risk

from .conftest import only, run


def test_high_risk_on_project_register_must_escalate(programme: Programme) -> None:
    risk = programme.projects[0].risks[0]
    risk.probability = 4
    risk.impact = 4
    finding = only(programme, "PG-RISK-ESCALATION")
    # Issue 14: the message names the owner and which score it is (R1 has a response, so
    # its residual score, here the inherent one as no residual is assessed).
    assert finding.message == (
        "risk 'R1' (Go-live delayed by IT resourcing, owned by Portal project manager) has a "
        "residual score of 16 (4 x 4), at or above the programme's escalation threshold of 15, "
        "but sits at project level on the register of project 'portal' and has not been "
        "escalated"
    )
    assert finding.escalate_to == "programme board"
    risk.escalated_to = "programme"  # type: ignore[assignment]
    assert run(programme, "PG-RISK-ESCALATION") == []


def test_threshold_is_a_programme_setting(programme: Programme) -> None:
    programme.risk_grid.escalation_threshold = 12
    assert only(programme, "PG-RISK-ESCALATION").subject == "R1"


def test_near_risk_without_response(programme: Programme) -> None:
    programme.projects[0].risks[0].response = None
    finding = only(programme, "PG-RISK-PROXIMITY")
    assert finding.message == (
        "risk 'R1' (Go-live delayed by IT resourcing) could happen by 20 January 2013 (in 10 days; "
        "near means within 30 days) but has no response planned"
    )
    assert finding.escalate_to == "project board"


def test_imminent_programme_risk_without_response(programme: Programme) -> None:
    risk = programme.risks[0]
    risk.response = None
    risk.proximity = "imminent"  # type: ignore[assignment]
    finding = only(programme, "PG-RISK-PROXIMITY")
    assert "is imminent but has no response planned" in finding.message
    assert finding.escalate_to == "sponsoring group"


def test_far_risk_without_response_is_fine(programme: Programme) -> None:
    programme.projects[0].risks[0].response = None
    assert run(programme, "PG-RISK-PROXIMITY", today=date(2012, 11, 1)) == []


def test_opportunity_response_not_in_the_2017_edition(programme: Programme) -> None:
    programme.edition = "2017"  # type: ignore[assignment]
    programme.projects[0].risks[1].response = "accept"  # type: ignore[assignment]
    finding = only(programme, "PG-RISK-RESPONSE")
    assert finding.message == (
        "risk 'R3' is an opportunity with response 'accept', which PRINCE2 2017 does not allow "
        "for an opportunity; use one of enhance, exploit, reject and share"
    )
    assert finding.data["allowed"] == ["enhance", "exploit", "reject", "share"]


def test_fallback_is_a_2017_threat_response(programme: Programme) -> None:
    programme.projects[0].risks[0].response = "fallback"  # type: ignore[assignment]
    finding = only(programme, "PG-RISK-RESPONSE")
    assert "which PRINCE2 7 does not allow for a threat" in finding.message
    programme.edition = "2017"  # type: ignore[assignment]
    assert run(programme, "PG-RISK-RESPONSE") == []


def test_accepting_a_threat_above_appetite(programme: Programme) -> None:
    risk = programme.risks[0]
    risk.response = "accept"  # type: ignore[assignment]
    risk.residual_probability = 4
    risk.residual_impact = 4
    finding = only(programme, "PG-RISK-APPETITE")
    assert finding.message == (
        "threat 'R2' (Savings not realised in the MTFP, owned by Gail Tolley (SRO)) is to be "
        "accepted with a residual score of 16, at or above the risk appetite of 15: treat it, "
        "or escalate it for a decision one level up"
    )
    assert finding.escalate_to == "sponsoring group"


def test_accepting_a_threat_within_appetite(programme: Programme) -> None:
    programme.risks[0].response = "tolerate"  # type: ignore[assignment]
    assert run(programme, "PG-RISK-APPETITE") == []


def test_a_mitigated_risk_escalates_on_its_residual_score(programme: Programme) -> None:
    # Issue 14: inherent 20 but reduced to 3 is not escalated; inherent 6 with a residual
    # 16 is (residual once a response is recorded: the programme's default basis).
    risk = programme.projects[0].risks[0]
    risk.probability, risk.impact = 4, 5
    risk.response = "reduce"  # type: ignore[assignment]
    risk.residual_probability, risk.residual_impact = 1, 3
    assert run(programme, "PG-RISK-ESCALATION") == []
    risk.probability, risk.impact = 2, 3
    risk.residual_probability, risk.residual_impact = 4, 4
    assert "residual score of 16 (4 x 4)" in only(programme, "PG-RISK-ESCALATION").message
    programme.risk_grid.escalation_basis = "inherent"  # type: ignore[assignment]
    assert run(programme, "PG-RISK-ESCALATION") == []


def test_a_risk_on_a_smaller_scale_is_rescaled_level_by_level(programme: Programme) -> None:
    # Issue 14: 3 x 3 on a 3-point scale is the top of both axes: 5 x 5 = 25 on the grid.
    old = programme.projects[0].risks[0]
    programme.projects[0].risks[0] = old.model_validate(
        {**old.model_dump(), "response": None, "scale": 3, "probability": 3, "impact": 3}
    )
    assert "inherent score of 25 (5 x 5)" in only(programme, "PG-RISK-ESCALATION").message


def test_a_high_opportunity_is_escalated_for_exploitation_not_as_a_breach(
    programme: Programme,
) -> None:
    # Issue 14: an opportunity scoring 4 x 5 raised PG-RISK-ESCALATION as an error.
    opportunity = programme.projects[0].risks[1]
    opportunity.probability, opportunity.impact = 4, 5
    opportunity.response = None
    assert run(programme, "PG-RISK-ESCALATION") == []
    finding = only(programme, "PG-RISK-OPPORTUNITY")
    assert str(finding.severity) == "info"
    assert finding.subject == "R3"
    assert "escalate it so the programme can exploit it" in finding.message
    assert finding.escalate_to == "programme board"


def test_appetite_by_category(programme: Programme) -> None:
    # R2 (programme register): residual 2 x 3 = 6, tolerated. Within the default appetite
    # (below 15), above a financial appetite of 4 (the highest score that may be accepted).
    risk = programme.risks[0]
    risk.response = "tolerate"  # type: ignore[assignment]
    risk.category = "financial"
    assert run(programme, "PG-RISK-APPETITE") == []
    programme.risk_grid.appetite = {"financial": 4}
    finding = only(programme, "PG-RISK-APPETITE")
    assert "residual score of 6, above the financial risk appetite of 4" in finding.message
    programme.risk_grid.appetite = {"financial": 6}  # at the appetite: may be accepted
    assert run(programme, "PG-RISK-APPETITE") == []


def test_appetite_and_escalation_go_to_the_same_body(programme: Programme) -> None:
    # Issue 14: on the same project risk, PG-RISK-APPETITE went to the project board and
    # PG-RISK-ESCALATION to the programme board.
    risk = programme.projects[0].risks[0]
    risk.response = "accept"  # type: ignore[assignment]
    risk.probability = risk.impact = 4
    appetite = only(programme, "PG-RISK-APPETITE")
    escalation = only(programme, "PG-RISK-ESCALATION")
    assert appetite.escalate_to == escalation.escalate_to == "programme board"


def test_threat_exposure_over_the_risk_budget(programme: Programme) -> None:
    # Issue 14: £80k of threat exposure against a £10k risk budget was not checked.
    # R1: probability 3 of 5 is 50%; 50% x £160k = £80k.
    programme.projects[0].risks[0].impact_value = Decimal(160_000)
    programme.projects[0].risk_budget = Decimal(10_000)
    finding = only(programme, "PG-RISK-BUDGET")
    assert finding.message == (
        "the active threats on project 'portal' ('R1') have an expected monetary value of "
        "£80,000, over its risk budget of £10,000 by £70,000"
    )
    assert finding.path == "projects[0].risk_budget"
    assert finding.escalate_to == "programme board"
    programme.projects[0].risk_budget = Decimal(80_000)  # exactly covered
    assert run(programme, "PG-RISK-BUDGET") == []


def test_an_avoided_opportunity_is_a_finding_on_that_risk_and_the_rest_is_checked() -> None:
    # Issue 14: `response: avoid` on an opportunity failed the whole load (DEF-INVALID, not
    # naming the risk), so PG-RISK-RESPONSE could never fire and every other rule was skipped.
    programme = progman.loads(
        "id: otp\nname: OTP\n"
        "risks:\n"
        "  - {id: O1, title: Shared service, kind: opportunity, probability: 2, impact: 3,\n"
        "     owner: gt, response: avoid}\n",
        "otp.yaml",
    )
    report = progman.validate(programme, status_date=date(2013, 1, 10))
    response = next(f for f in report if f.code == "PG-RISK-RESPONSE")
    assert response.subject == "O1"
    assert response.message.startswith("risk 'O1' is an opportunity with response 'avoid'")
    assert response.location is not None
    assert response.location.line == 5
    assert {"PG-OWNER-SRO", "PG-REF-UNRESOLVED"} <= report.codes()  # other rules still ran


def test_a_risk_is_assessed_once_per_validation() -> None:
    # The rules read one assessment per risk (issue 18): the same figures as
    # `assess_risk`, worked by hand on the default 5x5 grid: residual 1 x 5 = 5, the
    # grid's 10% for probability 1, 10% of the 160k impact.
    from progman.rules.context import RuleContext

    risk = progman.Risk(
        id="R1",
        title="t",
        probability=2,
        impact=5,
        impact_value="160k",
        residual_probability=1,
        response="reduce",
    )
    ctx = RuleContext(Programme(id="otp", name="OTP", risks=[risk]), today=date(2013, 1, 10))
    first = ctx.assessed(risk)
    assert (first.score, first.likelihood, first.expected_value) == (
        5,
        Decimal("10"),
        Decimal("16000"),
    )
    assert ctx.assessed(risk) is first


def test_only_registers_with_a_risk_budget_are_judged_against_one() -> None:
    # The programme's register has a budget; the project's does not, so its threat (an
    # expected £900,000) counts against nothing. Programme: probability 3 of 5 is 50% on
    # the default grid (10/30/50/70/90%); 50% x £100,000 = £50,000, £40,000 over £10,000.
    programme = Programme(
        id="otp",
        name="OTP",
        risk_budget="10k",
        risks=[
            Risk(
                id="R-P",
                title="Programme threat",
                probability=3,
                impact=4,
                impact_value="100k",
                level="programme",
            )
        ],
        projects=[
            Project(
                id="p1",
                name="P1",
                risks=[
                    Risk(
                        id="R-1", title="Project threat", probability=5, impact=5, impact_value="1m"
                    )
                ],
            )
        ],
    )
    finding = only(programme, "PG-RISK-BUDGET")
    assert finding.message == (
        "the active threats on the programme register ('R-P') have an expected monetary "
        "value of £50,000, over its risk budget of £10,000 by £40,000"
    )
    assert finding.path == "risk_budget"
