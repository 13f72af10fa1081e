"""Ownership rules: SRO, project boards, owners of risks and benefits, benefit measures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from progman import Programme, RoleAssignment
from progman.findings import Severity

from .conftest import only, run


def test_no_sro(programme: Programme) -> None:
    programme.sro = None
    finding = only(programme, "PG-OWNER-SRO")
    assert finding.message == "programme 'otp' has no Senior Responsible Owner (SRO)"
    assert finding.escalate_to == "sponsoring group"
    assert finding.path == ""


def test_two_sros_at_once(programme: Programme) -> None:
    programme.roles.append(RoleAssignment(role="sro", person="ceo", start="2012-04-01"))
    finding = only(programme, "PG-OWNER-SRO")
    assert (
        finding.message
        == "programme 'otp' has two SROs on 2013-01-10: 'gt' and 'ceo' (a role assignment)"
    )
    assert finding.path == "roles[1]"
    programme.roles[1].end = date(2012, 12, 31)  # handed over before today: fine
    assert run(programme, "PG-OWNER-SRO") == []


def test_no_executive(programme: Programme) -> None:
    programme.projects[0].executive = None
    finding = only(programme, "PG-OWNER-EXECUTIVE")
    assert finding.message == "project 'portal' has no Executive to own its business case"
    assert finding.escalate_to == "programme board"


def test_no_project_manager(programme: Programme) -> None:
    programme.projects[1].project_manager = None
    finding = only(programme, "PG-OWNER-PM")
    assert finding.message == "project 'llp' has no Project Manager"
    assert finding.path == "projects[1]"


def test_executive_is_project_manager(programme: Programme) -> None:
    programme.projects[0].project_manager = "exec1"
    finding = only(programme, "PG-OWNER-EXECUTIVE-IS-PM")
    assert finding.message.startswith(
        "person 'exec1' (Portal Executive) is both Executive and Project Manager of project "
        "'portal'"
    )
    assert finding.escalate_to == "programme board"


def test_board_without_senior_supplier_is_a_warning(programme: Programme) -> None:
    programme.projects[0].senior_suppliers = []
    finding = only(programme, "PG-OWNER-BOARD-ROLES")
    assert finding.severity is Severity.WARNING
    assert finding.message == "project 'portal' has no Senior Supplier on its board"
    assert finding.data == {"missing": ["Senior Supplier"]}


def test_assurance_by_the_project_manager(programme: Programme) -> None:
    programme.projects[0].assurance = ["qa1", "pm1"]
    finding = only(programme, "PG-OWNER-ASSURANCE")
    assert finding.path == "projects[0].assurance[1]"
    assert "gives Project Assurance on project 'portal' but is Project Manager there" in (
        finding.message
    )
    assert finding.escalate_to == "project board"


def test_assurance_by_a_team_manager_or_support(programme: Programme) -> None:
    programme.projects[0].assurance = ["tm1", "qa1"]
    programme.roles.append(RoleAssignment(role="project_support", person="qa1", scope="portal"))
    found = run(programme, "PG-OWNER-ASSURANCE")
    assert [f.data["role"] for f in found] == ["a team manager", "project support"]


def test_active_risk_without_owner(programme: Programme) -> None:
    programme.projects[0].risks[0].owner = None
    finding = only(programme, "PG-OWNER-RISK")
    assert finding.message == (
        "risk 'R1' (Go-live delayed by IT resourcing) on the register of project 'portal' "
        "has no owner"
    )
    assert finding.path == "projects[0].risks[0]"
    assert finding.subject == "R1"


def test_closed_risk_needs_no_owner(programme: Programme) -> None:
    programme.projects[0].risks[0].owner = None
    programme.projects[0].risks[0].status = "closed"  # type: ignore[assignment]
    assert run(programme, "PG-OWNER-RISK") == []


def test_benefit_without_owner(programme: Programme) -> None:
    programme.benefits[1].owner = None
    finding = only(programme, "PG-OWNER-BENEFIT")
    assert finding.message == (
        "dis-benefit 'd-travel' (Longer journeys to the new contact centre) has no owner"
    )
    assert finding.escalate_to == "programme board"


def test_benefit_owned_by_the_enabling_project_manager(programme: Programme) -> None:
    programme.benefits[0].owner = "pm2"
    finding = only(programme, "PG-OWNER-BENEFIT-IS-PM")
    assert finding.severity is Severity.WARNING
    assert "the Project Manager of enabling project 'llp'" in finding.message
    assert finding.data == {"owner": "pm2", "project": "llp"}


def test_benefit_without_profile_or_baseline(programme: Programme) -> None:
    programme.benefits[0].profile = None
    profile = programme.benefits[1].profile
    assert profile is not None
    profile.baseline_value = None
    found = run(programme, "PG-BENEFIT-MEASURE")
    assert [f.message for f in found] == [
        "benefit 'b-saving' has no profile: say how it is measured (KPI, unit, baseline and "
        "target)",
        "the profile of benefit 'd-travel' (KPI 'Average journey minutes') has no baseline value",
    ]


def test_target_against_the_direction(programme: Programme) -> None:
    profile = programme.benefits[0].profile
    assert profile is not None
    profile.direction = "decrease"  # type: ignore[assignment]
    finding = only(programme, "PG-BENEFIT-TARGET")
    assert finding.message == (
        "benefit 'b-saving' should decrease 'Annual saving', but its target £4,000,000 is not "
        "below its baseline £0"
    )
    assert finding.data["target"] == Decimal(4_000_000)


def test_target_date_before_baseline(programme: Programme) -> None:
    profile = programme.benefits[0].profile
    assert profile is not None
    profile.target_date = profile.baseline_date
    finding = only(programme, "PG-BENEFIT-TARGET")
    assert "target date 2012-04-01 on or before its baseline date 2012-04-01" in finding.message
