"""Risk rules: escalation threshold, proximity, responses by edition, appetite."""

from __future__ import annotations

from datetime import date

from progman import Programme

from .conftest import only, run


def test_high_risk_on_project_register_must_escalate(programme: Programme) -> None:
    risk = programme.projects[0].risks[0]
    risk.probability = 4
    risk.impact = 4
    finding = only(programme, "PG-RISK-ESCALATION")
    assert finding.message == (
        "risk 'R1' (Go-live delayed by IT resourcing) scores 16 (4 x 4), at or above the "
        "programme's escalation threshold of 15, but sits at project level on the register of "
        "project 'portal' and has not been escalated"
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
        "risk 'R1' (Go-live delayed by IT resourcing) could happen by 2013-01-20 (in 10 days; "
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
        "threat 'R2' (Savings not realised in the MTFP) is to be accepted with a residual "
        "score of 16, at or above the risk appetite of 15: treat it, or escalate it for a "
        "decision one level up"
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
    assert "scores 16 (4 x 4)" in only(programme, "PG-RISK-ESCALATION").message
    programme.risk_grid.escalation_basis = "inherent"  # type: ignore[assignment]
    assert run(programme, "PG-RISK-ESCALATION") == []


def test_a_risk_on_a_smaller_scale_is_rescaled_level_by_level(programme: Programme) -> None:
    # Issue 14: 3 x 3 on a 3-point scale is the top of both axes: 5 x 5 = 25 on the grid.
    old = programme.projects[0].risks[0]
    programme.projects[0].risks[0] = old.model_validate(
        {**old.model_dump(), "response": None, "scale": 3, "probability": 3, "impact": 3}
    )
    assert "scores 25 (5 x 5)" in only(programme, "PG-RISK-ESCALATION").message
