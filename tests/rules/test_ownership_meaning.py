"""Ownership rules by their meaning in PRINCE2 2017 (Organization theme: Project Assurance
is independent of the Project Manager, team managers and Project Support; the board has a
Senior User and a Senior Supplier) and MSP 5 (benefits are owned in the business): what
each finding says, where it points and who hears of it."""

from __future__ import annotations

from datetime import date

from progman import Programme, RoleAssignment

from .conftest import TODAY, only, run


def test_project_support_elsewhere_does_not_compromise_assurance_here(
    programme: Programme,
) -> None:
    # qa1 supports the LLP project only: its assurance of the portal stays independent.
    # Supporting the whole programme (no scope) does compromise it.
    programme.roles.append(RoleAssignment(role="project_support", person="qa1", scope="llp"))
    assert run(programme, "PG-OWNER-ASSURANCE") == []
    programme.roles[-1].scope = None
    finding = only(programme, "PG-OWNER-ASSURANCE")
    assert finding.message == (
        "person 'qa1' (Project Assurance) gives Project Assurance on project 'portal' but is "
        "project support there: assurance reports to the board, not to the work it checks"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].assurance[0]",
        "portal",
        "project board",
    )
    assert finding.data == {"person": "qa1", "role": "project support"}


def test_assurance_on_a_project_with_no_team_managers_is_independent(
    programme: Programme,
) -> None:
    # The LLP has no tasks, so nobody manages a team there: qa1's assurance is fine.
    programme.projects[1].assurance = ["qa1"]
    assert run(programme, "PG-OWNER-ASSURANCE") == []


def test_every_benefit_owned_by_an_enabling_project_manager_is_named(
    programme: Programme,
) -> None:
    # A benefit with no owner (another rule's finding) does not stop the search, and each
    # benefit owned by a Project Manager of a project enabling it is its own finding.
    saving, travel = programme.benefits
    saving.owner, travel.owner = None, "pm1"
    programme.benefits.append(saving.model_copy(update={"id": "b-two", "owner": "pm2"}))
    found = run(programme, "PG-OWNER-BENEFIT-IS-PM")
    assert [(f.subject, f.path, f.escalate_to) for f in found] == [
        ("d-travel", "benefits[1].owner", "programme board"),
        ("b-two", "benefits[2].owner", "programme board"),
    ]
    assert found[0].message == (
        "benefit 'd-travel' is owned by person 'pm1' (Portal project manager), the Project "
        "Manager of enabling project 'portal': benefits are realised in the business, after "
        "the project closes"
    )


def test_a_board_with_neither_senior_role_names_both(programme: Programme) -> None:
    programme.projects[0].senior_users = []
    programme.projects[0].senior_suppliers = []
    finding = only(programme, "PG-OWNER-BOARD-ROLES")
    assert finding.message == (
        "project 'portal' has no Senior User and no Senior Supplier on its board"
    )
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0]",
        "portal",
        "project board",
    )
    assert finding.data == {"missing": ["Senior User", "Senior Supplier"]}


def test_a_benefit_without_an_owner_points_at_the_benefit(programme: Programme) -> None:
    programme.benefits[0].owner = None
    finding = only(programme, "PG-OWNER-BENEFIT")
    assert (finding.path, finding.subject) == ("benefits[0]", "b-saving")


def test_a_second_sro_counts_from_the_day_they_start_to_the_day_they_end(
    programme: Programme,
) -> None:
    # MSP: one SRO at a time. An assignment starting today, ending today, or with no dates
    # at all overlaps the SRO named on the programme today (10 January 2013).
    for start, end in ((TODAY, None), (None, TODAY), (None, None)):
        programme.roles = [RoleAssignment(role="sro", person="ceo", start=start, end=end)]
        finding = only(programme, "PG-OWNER-SRO")
        assert (finding.path, finding.subject, finding.escalate_to) == (
            "roles[0]",
            "otp",
            "sponsoring group",
        )
        assert finding.data == {"sro": "gt", "other": "ceo"}
    programme.roles = [RoleAssignment(role="sro", person="ceo", start=date(2013, 1, 11))]
    assert run(programme, "PG-OWNER-SRO") == []


def test_no_sro_is_a_finding_about_the_programme(programme: Programme) -> None:
    programme.sro = None
    finding = only(programme, "PG-OWNER-SRO")
    assert (finding.subject, finding.escalate_to) == ("otp", "sponsoring group")


def test_an_executive_managing_their_own_project_points_at_the_project_manager(
    programme: Programme,
) -> None:
    programme.projects[0].project_manager = "exec1"
    finding = only(programme, "PG-OWNER-EXECUTIVE-IS-PM")
    assert (finding.path, finding.subject, finding.escalate_to) == (
        "projects[0].project_manager",
        "portal",
        "programme board",
    )
    assert finding.data == {"person": "exec1"}


def test_a_project_without_executive_or_manager_points_at_the_project(
    programme: Programme,
) -> None:
    programme.projects[0].executive = None
    programme.projects[0].project_manager = None
    executive = only(programme, "PG-OWNER-EXECUTIVE")
    manager = only(programme, "PG-OWNER-PM")
    assert (executive.path, executive.subject) == ("projects[0]", "portal")
    assert (manager.path, manager.subject, manager.escalate_to) == (
        "projects[0]",
        "portal",
        "project board",
    )


def test_a_programme_risk_without_an_owner_says_whose_register(programme: Programme) -> None:
    programme.risks[0].owner = None
    finding = only(programme, "PG-OWNER-RISK")
    assert "on the register of the programme has no owner" in finding.message
