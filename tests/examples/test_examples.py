"""The bundled examples load, hold the facts of the council papers, and refer only to
objects that exist. Expected rule findings are asserted by the rules' own tests."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from progman.cli import main
from progman.control.benefits import benefits_realisation
from progman.io.yaml import load_path
from progman.model import FinancialYear, Level, Programme, Project

from .integrity import integrity_problems

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ["milton-keynes", "plymouth", "total-place"]


def load(name: str) -> Programme:
    return load_path(EXAMPLES / name)


def find(programme: Programme, ident: str) -> Any:
    """Any task, milestone, stage or project by id."""
    for project in programme.projects:
        if project.id == ident:
            return project
        for stage in project.stages:
            if stage.id == ident:
                return stage
    for _, _, item in programme.work_items():
        if item.id == ident:
            return item
    raise KeyError(ident)


def owner_project(programme: Programme) -> dict[str, Project | None]:
    """The project holding each work item (None for programme milestones)."""
    return {item.id: project for project, _, item in programme.work_items()}


@pytest.fixture(scope="module", params=NAMES)
def example(request: pytest.FixtureRequest) -> Programme:
    return load(request.param)


# --- every example ---------------------------------------------------------------------


def test_every_example_has_its_own_folder_and_no_stray_file() -> None:
    # quick-tour is the small single-file programme docs/yaml.md walks through
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == sorted(
        [*NAMES, "quick-tour"]
    )
    assert not (EXAMPLES / "programme.yaml").exists()


def test_example_refers_only_to_objects_that_exist(example: Programme) -> None:
    assert integrity_problems(example) == []


def test_example_file_starts_with_its_sources_and_what_is_invented() -> None:
    for name in NAMES:
        text = (EXAMPLES / name / "programme.yaml").read_text(encoding="utf-8")
        header = text.split("\nid:", 1)[0]
        assert re.search(r"\d{3}_[0-9a-f]{16}\.txt", header), name
        assert "Invented for the example" in header, name


@pytest.mark.parametrize("name", NAMES)
def test_progman_run_prints_the_summary(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # `run` writes report.html in the current directory
    assert main(["run", str(EXAMPLES / name)]) in (0, 1)  # 1 when it has error findings
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(f"({load(name).id})")


def test_every_work_item_deadline_is_an_iso_date(example: Programme) -> None:
    deadlines = [item.must_finish_by for _, _, item in example.work_items() if item.must_finish_by]
    assert deadlines
    assert all(isinstance(d, date) for d in deadlines)


# --- the integrity check itself ----------------------------------------------------------


def test_integrity_check_reports_dangling_and_mistyped_references() -> None:
    broken = Programme.model_validate(
        {
            "id": "x",
            "name": "X",
            "sro": "nobody",
            "people": [{"id": "ann", "name": "Ann"}],
            "boards": [{"id": "board", "name": "Board", "chair": "ann"}],
            "projects": [
                {
                    "id": "p",
                    "name": "P",
                    "executive": "board",
                    "tasks": [{"id": "t", "name": "T", "duration": 1, "depends_on": ["gone"]}],
                }
            ],
            "risks": [{"id": "p", "title": "R", "probability": 1, "impact": 1, "owner": "ann"}],
            "approvals": [
                {
                    "id": "a",
                    "subject": "p",
                    "decision": "sign_off",
                    "approvers": ["ann"],
                    "date": "2010-01-01",
                    "delegation": "d-missing",
                }
            ],
        }
    )
    assert integrity_problems(broken) == [
        "id 'p' is used 2 times",
        "sro: 'nobody' does not exist",
        "projects[0].executive: 'board' is a board, expected person",
        "projects[0]::t.depends_on[0]: 'gone' does not exist",
        "approvals[0].delegation: 'd-missing' does not exist",
    ]


# --- Milton Keynes -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mk() -> Programme:
    return load("milton-keynes")


def test_mk_has_the_six_enduring_strands(mk: Programme) -> None:
    assert [s.name for s in mk.strands] == [
        "Public Access",
        "Health and Well Being",
        "Improvement and Service Development Board (ISDB)",
        "People, Processes and Performance",
        "New and Alternative Sources of Funds",
        "Housing",
    ]


def test_mk_children_and_families_moved_to_business_as_usual(mk: Programme) -> None:
    project = mk.project("children-families")
    assert project.status == "transferred_to_bau"
    assert find(mk, "cf-to-bau").achieved_on == date(2012, 9, 28)
    # It left the strands: no enduring strand holds it.
    assert all("children-families" not in s.projects for s in mk.strands)


def test_mk_size_and_key_dates(mk: Programme) -> None:
    assert 12 <= len(mk.projects) <= 20
    assert find(mk, "hca-assets-transferred").achieved_on == date(2013, 1, 14)
    assert find(mk, "llp-transfer").achieved_on == date(2013, 1, 1)
    assert "670" in (mk.project("mouchel-llp").description or "")
    assert find(mk, "ccp-live-internal").must_finish_by == date(2013, 1, 18)
    assert find(mk, "highways-contract-start").must_finish_by == date(2014, 4, 1)
    assert find(mk, "waste-preferred-bidder").achieved_on is not None


def test_mk_names_the_five_detailed_business_cases(mk: Programme) -> None:
    names = " ".join(t.name for t in mk.project("pa-business-cases").tasks)
    for service in [
        "Taxi Licensing",
        "Street Lighting",
        "Blue Badges",
        "Passenger Transport",
        "Traffic Management",
    ]:
        assert service in names


def test_mk_savings_by_financial_year(mk: Programme) -> None:
    realisation = benefits_realisation(mk)
    by_year = realisation.by_year()
    fy = FinancialYear.parse
    assert by_year[fy("2011/12")].planned == Decimal("600000")
    assert by_year[fy("2011/12")].actual == Decimal("600000")
    # The paper: "likely to be £1.4m", counted once although four items are listed.
    assert by_year[fy("2012/13")].planned == Decimal("1400000")
    headline = next(b for b in mk.benefits if b.id == "b-savings-2012-13")
    itemised = [b for b in mk.benefits if b.id in headline.components]
    assert sorted(b.profile.total_planned for b in itemised if b.profile) == [
        Decimal("107000"),
        Decimal("200000"),
        Decimal("400000"),
        Decimal("600000"),
    ]
    assert all("£1.4m" in (b.description or "") for b in itemised)
    # 400k + 600k + 107k + 200k = 1.307m: 93k of the 1.4m is not itemised.
    (gap,) = realisation.reconciliation()
    assert (gap.benefit, gap.year, gap.itemised, gap.gap) == (
        "b-savings-2012-13",
        fy("2012/13"),
        Decimal("1307000"),
        Decimal("93000"),
    )
    # The three targets of paragraph 4.1, each on its own years; the MTFP's £15.9m is
    # what 2013/14-2016/17 forecast, not "£1.9m beyond" (that was 2011/12 and 2012/13).
    targets = {t.target.name: t for t in realisation.targets()}
    assert {name: (str(t.target.years), t.target.amount) for name, t in targets.items()} == {
        "OTP savings 2011/12": ("2011/12", Decimal("600000")),
        "OTP savings 2012/13": ("2012/13", Decimal("1400000")),
        "MTFP 2013-2017": ("2013/14-2016/17", Decimal("15900000")),
    }
    assert all(t.shortfall == 0 for t in targets.values())
    mtfp = sum(
        (by_year[fy(y)].planned for y in ["2013/14", "2014/15", "2015/16", "2016/17"]), Decimal(0)
    )
    assert mtfp == Decimal("15900000")


def test_mk_project_risks_are_managed_at_strand_level(mk: Programme) -> None:
    strand_of = {ref: s.id for s in mk.strands for ref in s.projects}
    project_risks = [(p, r) for p, r in mk.all_risks() if p is not None]
    assert project_risks
    for project, risk in project_risks:
        assert project is not None
        assert risk.level == Level.STRAND, risk.id
        assert risk.strand == strand_of[project.id], risk.id
    escalated = {r.id for _, r in mk.all_risks() if r.escalated_to == Level.PROGRAMME}
    assert {"R-ISDB-01", "R-PPP-01"} <= escalated
    # Every risk at or above the appetite (15 on the 5 x 5 grid) is escalated.
    assert all(
        r.id in escalated
        for p, r in mk.all_risks()
        if p is not None and r.probability * r.impact >= 15
    )


def test_mk_boards_and_governance(mk: Programme) -> None:
    names = {b.name for b in mk.boards}
    assert {"OTP Board (Corporate Leadership Team)", "OTP Operations Board"} <= names
    assert len(mk.tranches) >= 2
    assert mk.tolerances
    assert all(p.tolerances for p in mk.projects if p.status not in ("mandated",))
    assert any(s.tolerances for p in mk.projects for s in p.stages)
    assert any(a.delegation for a in mk.approvals)
    assert any(s.authorisation and s.end_stage_approval for p in mk.projects for s in p.stages)


def test_mk_links_cross_projects_and_use_ss_or_ff_with_a_lag(mk: Programme) -> None:
    holder = owner_project(mk)
    links = [(item, link) for _, _, item in mk.work_items() for link in item.depends_on]
    cross = [
        (i.id, link.on)
        for i, link in links
        if link.on in holder and holder[link.on] is not holder[i.id]
    ]
    assert ("llp-review", "llp-transfer") in cross
    assert ("os-categorise", "hca-assets-transferred") in cross
    assert any(link.type in ("SS", "FF") and link.lag != 0 for _, link in links)


def test_mk_highways_pre_qualification_slipped_but_april_2014_holds(mk: Programme) -> None:
    stage = find(mk, "highways-pq")
    assert stage.status == "active"
    questionnaire = find(mk, "pq-questionnaire")
    # Finished 2012-11-30 then 20 working days of evaluation: 3 Dec 2012 to 2 Jan 2013
    # (25, 26 Dec and 1 Jan are bank holidays), past the stage's planned 14 December.
    assert questionnaire.actual_finish == date(2012, 11, 30)
    assert find(mk, "pq-evaluation").duration == 20
    assert stage.finish == date(2012, 12, 14)


# --- Plymouth -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plymouth() -> Programme:
    return load("plymouth")


def test_plymouth_funding_gap_projects_and_people(plymouth: Programme) -> None:
    assert "£65m" in (plymouth.vision or "")
    assert plymouth.savings_target is None  # the paper gives no figure for the programme
    assert [p.name for p in plymouth.projects] == [
        "Executive Office",
        "Commissioning and procurement",
        "HR, finance and corporate services",
        "ICT-Delt migration",
        "Facilities management and business support",
    ]
    people = {p.id: p for p in plymouth.people}
    assert (
        people["penberthy"].title == "Cabinet Member for Co-operatives and Communities Development"
    )
    assert people[plymouth.sro or ""].name == "David Trussler"
    assert people[plymouth.programme_manager or ""].name == "Piers Newton"


def test_plymouth_out_of_scope_items_are_external_dependencies(plymouth: Programme) -> None:
    external = [
        link
        for _, _, item in plymouth.work_items()
        for link in item.depends_on
        if link.scope == "external"
    ]
    assert len(external) == 2
    assert all(link.owner and link.counterpart for link in external)
    counterparts = " ".join(link.counterpart or "" for link in external)
    assert "Customer and Service Transformation" in counterparts
    assert "NEW Devon Clinical Commissioning Group" in counterparts


def test_plymouth_key_events(plymouth: Programme) -> None:
    concierge = find(plymouth, "concierge-live")
    assert "Ballard" in concierge.name
    assert concierge.must_finish_by == date(2014, 6, 30)
    assert find(plymouth, "ict-transfer").must_finish_by == date(2014, 7, 31)


def test_plymouth_benefits(plymouth: Programme) -> None:
    assert sum(1 for b in plymouth.benefits if b.category == "non_financial") == 7
    financial = [b for b in plymouth.benefits if b.category == "cashable"]
    assert len(financial) == 1
    # "profiling work had yet to be finalised": a measure but no baseline or target.
    profile = financial[0].profile
    assert profile is not None
    assert profile.baseline_value is None
    assert profile.target_value is None


def test_plymouth_risks_are_the_papers_words(plymouth: Programme, shared_dir: Path) -> None:
    seed = (shared_dir / "seeds" / "002_e3298d4e283bde0c.txt").read_text(encoding="utf-8")
    words = " ".join(seed.split()).lower()
    assert len(plymouth.risks) == 5
    for risk in plymouth.risks:
        assert " ".join(risk.title.split()).lower() in words, risk.title


# --- Total Place ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def total_place() -> Programme:
    return load("total-place")


def test_total_place_theme_sub_themes_and_workshops(total_place: Programme) -> None:
    assert "From dependence to self-reliance" in (total_place.vision or "")
    names = [p.name for p in total_place.projects]
    assert "Integrated offender management" in names
    assert "Access to benefits" in names
    workshops = find(total_place, "deep-dive-workshops")
    assert workshops.achieved_on == date(2009, 11, 27)
    assert "250" in workshops.name
    assert "47" in workshops.name
    assert find(total_place, "report-to-hmt").must_finish_by == date(2010, 2, 5)


def test_total_place_joint_delegation_signed_by_one(total_place: Programme) -> None:
    (delegation,) = total_place.delegations
    assert delegation.joint
    assert delegation.delegator == "cbc-executive"
    assert delegation.delegates == ["cbc-leader", "cbc-chief-exec"]
    assert any(
        a.holder == "cbc-executive" and "sign_off" in a.decisions for a in total_place.authorities
    )
    (approval,) = [a for a in total_place.approvals if a.delegation == delegation.id]
    assert approval.subject == "report-to-hmt"
    assert approval.decision == "sign_off"
    # The deliberate finding: a joint delegation needs every delegate's signature.
    assert set(delegation.delegates) - set(approval.approvers) == {"cbc-chief-exec"}


def test_total_place_director_and_sponsors_from_two_councils(total_place: Programme) -> None:
    people = {p.id: p for p in total_place.people}
    assert people[total_place.programme_manager or ""].name == "Robin Porter"
    sponsors = [people[ref] for ref in total_place.sponsoring_group]
    assert {p.name for p in sponsors} == {"Richard Ellis", "Steve Heappey"}
    assert {p.organisation for p in sponsors} == {
        "Central Bedfordshire Council",
        "Luton Borough Council",
    }


def test_total_place_notes_the_questionable_paper_date() -> None:
    text = (EXAMPLES / "total-place" / "programme.yaml").read_text(encoding="utf-8")
    assert "12 January 2009" in text
    assert "21 December 2009" in text
