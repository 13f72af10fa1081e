"""Ownership rules by their meaning in PRINCE2 2017 (Organization theme: Project Assurance
is independent of the Project Manager, team managers and Project Support; the board has a
Senior User and a Senior Supplier) and MSP 5 (benefits are owned in the business): what
each finding says, where it points and who hears of it."""

from __future__ import annotations

from progman import Programme, RoleAssignment

from .conftest import only, run


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
