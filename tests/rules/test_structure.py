"""Structure rules: unique ids, references that resolve, stage and project dates."""

from __future__ import annotations

from datetime import date

from progman import Dependency, Person, Programme, Project, Stage, Strand
from progman.findings import Severity

from .conftest import only, run


def test_duplicate_id_names_every_holder(programme: Programme) -> None:
    programme.people.append(Person(id="portal", name="Someone called portal"))
    finding = only(programme, "PG-ID-DUPLICATE")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "portal"
    assert "id 'portal' is used by 2 objects" in finding.message
    assert "person at people[13]" in finding.message
    assert "project at projects[0]" in finding.message
    assert finding.data["paths"] == ["people[13]", "projects[0]"]


def test_stage_id_clashing_with_task_id(programme: Programme) -> None:
    programme.projects[0].stages[0].id = "portal-config"
    finding = only(programme, "PG-ID-DUPLICATE")
    assert finding.data["paths"] == ["projects[0].stages[0]", "projects[0].stages[1].tasks[0]"]


def test_unknown_person_suggests_the_nearest_id(programme: Programme) -> None:
    programme.projects[0].executive = "exec2"
    finding = only(programme, "PG-REF-UNRESOLVED")
    assert finding.path == "projects[0].executive"
    assert finding.subject == "portal"
    assert finding.message == (
        "project 'portal' (Customer Contact Portal) names Executive 'exec2', which is not in "
        "the programme (did you mean 'exec1'?)"
    )


def test_reference_to_the_wrong_kind(programme: Programme) -> None:
    programme.projects[0].project_manager = "t1"
    finding = only(programme, "PG-REF-UNRESOLVED")
    assert "names tranche 't1' (Tranche 1) as its PM, but that must be a person" in (
        finding.message
    )
    assert finding.data == {"ref": "t1", "found_kind": "tranche", "expected": ["person"]}


def test_depends_on_target_must_exist(programme: Programme) -> None:
    task = programme.projects[0].stages[1].tasks[1]
    task.depends_on[0].on = "portal-confg"
    finding = only(programme, "PG-REF-UNRESOLVED")
    assert finding.path == "projects[0].stages[1].tasks[1].depends_on[0].on"
    assert finding.subject == "portal-test"
    assert "names predecessor 'portal-confg'" in finding.message
    assert "(did you mean 'portal-config'?)" in finding.message


def test_external_dependencies_are_not_resolved(programme: Programme) -> None:
    task = programme.projects[0].stages[1].tasks[1]
    task.depends_on = [{"on": "nhs-devon-ccg", "scope": "external"}]  # type: ignore[list-item]
    assert run(programme, "PG-REF-UNRESOLVED") == []


def test_benefit_enabler_tranche_and_approval_refs(programme: Programme) -> None:
    programme.benefits[0].enabled_by = ["llp", "nope"]
    programme.tranches[0].end_of_tranche_review = "a-t1-reveiw"
    programme.approvals[4].delegation = "d-pmm"
    paths = {f.path: f.message for f in run(programme, "PG-REF-UNRESOLVED")}
    assert set(paths) == {
        "benefits[0].enabled_by[1]",
        "tranches[0].end_of_tranche_review",
        "approvals[4].delegation",
    }
    assert "(did you mean 'a-t1-review'?)" in paths["tranches[0].end_of_tranche_review"]
    assert "(did you mean 'd-pm'?)" in paths["approvals[4].delegation"]


def test_strand_project_and_delegate_refs(programme: Programme) -> None:
    programme.strands[0].projects.append("portl")
    programme.delegations[0].delegates = ["finn"]
    found = {f.path for f in run(programme, "PG-REF-UNRESOLVED")}
    assert found == {"strands[0].projects[1]", "delegations[0].delegates[0]"}


def test_stages_overlapping(programme: Programme) -> None:
    programme.projects[0].stages[1].start = date(2013, 1, 3)
    finding = only(programme, "PG-STAGE-ORDER")
    assert finding.message == (
        "stage 'portal-build' of project 'portal' starts 2013-01-03, before the previous "
        "stage 'portal-init' finishes (2013-01-04)"
    )
    assert finding.escalate_to == "project board"


def test_initiation_must_come_first(programme: Programme) -> None:
    programme.projects[0].stages.append(
        Stage(id="late-init", name="Late", kind="initiation", start="2013-12-31")
    )
    programme.projects[0].stages[-1].start = None
    finding = only(programme, "PG-STAGE-ORDER")
    assert "stage 'late-init' of project 'portal' is an initiation stage but is not the first" in (
        finding.message
    )


def test_stage_outside_project_dates(programme: Programme) -> None:
    programme.projects[0].stages[1].finish = date(2014, 1, 31)
    finding = only(programme, "PG-STAGE-DATES")
    assert finding.message == (
        "stage 'portal-build' lies outside project 'portal' (2013-01-01 to 2013-12-31): it "
        "finishes 2014-01-31 after 2013-12-31"
    )
    assert finding.path == "projects[0].stages[1]"
    assert finding.escalate_to == "project board"


def test_project_outside_its_tranche(programme: Programme) -> None:
    programme.projects[1].start = date(2012, 3, 1)
    finding = only(programme, "PG-PROJECT-TRANCHE-DATES")
    assert finding.message == (
        "project 'llp' lies outside tranche 't1' (2012-04-01 to 2012-12-31): it starts "
        "2012-03-01 before 2012-04-01"
    )
    assert finding.escalate_to == "programme board"


def test_unknown_rule_in_configuration(programme: Programme) -> None:
    programme.governance.rules = {"PG-OWNER-RSK": "off"}
    finding = only(programme, "PG-CONFIG")
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "governance.rules configures 'PG-OWNER-RSK', which is not a rule "
        "(did you mean 'PG-OWNER-RISK'?)"
    )


def test_dependency_cycle_is_spelled_out(programme: Programme) -> None:
    # portal-config -> portal-test -> portal-live already; close the loop back to config.
    build = programme.projects[0].stages[1]
    build.tasks[0].depends_on = [Dependency(on="portal-live")]
    finding = only(programme, "PG-CYCLE")
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "dependency cycle: portal-config -> portal-test -> portal-live -> portal-config; "
        "no item in it can start until another in it has, so the plan cannot be scheduled"
    )
    assert finding.data["cycle"] == ["portal-config", "portal-test", "portal-live", "portal-config"]
    assert finding.path.startswith("projects[0].stages[1]")


def test_a_lag_does_not_hide_a_cycle(programme: Programme) -> None:
    tasks = programme.projects[0].stages[1].tasks
    tasks[0].depends_on = [Dependency(on="portal-test", type="SS", lag=-3)]
    finding = only(programme, "PG-CYCLE")
    assert finding.data["cycle"] == ["portal-config", "portal-test", "portal-config"]


def test_a_clashing_id_resolves_as_its_first_holder() -> None:
    # People are indexed before projects, so the person is the first holder of 'portal':
    # the Executive (a person) resolves; the strand's project names the wrong kind.
    programme = Programme(
        id="otp",
        name="OTP",
        people=[Person(id="portal", name="Someone called portal")],
        strands=[Strand(id="access", name="Access", projects=["portal"])],
        projects=[Project(id="portal", name="Portal", executive="portal")],
    )
    found = run(programme, "PG-REF-UNRESOLVED")
    assert [f.path for f in found] == ["strands[0].projects[0]"]
    assert found[0].data == {"ref": "portal", "found_kind": "person", "expected": ["project"]}
