"""`progman import plan.xml --update programme.yaml`: one project's plan from Microsoft
Project into the programme, keeping what the programme office owns."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from progman import Programme, Project, Stage, Task
from progman.cli import main
from progman.io.mspdi import dump, dumps, loads
from progman.io.plan_update import PlanUpdateError, update_from_plan
from progman.io.yaml import load as load_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "milton-keynes"
NS = "{http://schemas.microsoft.com/project}"
ET.register_namespace("", NS[1:-1])


def _task(root: ET.Element, name: str) -> ET.Element:
    return next(t for t in root.iter(f"{NS}Task") if t.findtext(f"{NS}Name") == name)


def _set(task: ET.Element, tag: str, text: str) -> None:
    found = task.find(f"{NS}{tag}")
    if found is None:  # MS Project accepts the elements in any order on reading
        found = ET.SubElement(task, f"{NS}{tag}")
    found.text = text


def _pm_edits(plan: Path) -> None:
    """What the project manager does in Microsoft Project, then saves as XML."""
    root = ET.parse(plan).getroot()
    _set(_task(root, "Test with customer services staff"), "Duration", "PT120H0M0S")  # 10 -> 15 d
    integration = _task(root, "Resolve IT integration issues with back-office systems")
    _set(integration, "ActualStart", "2012-12-03T08:00:00")
    _set(integration, "PercentComplete", "40")
    # a new row typed in MS Project: no progman id
    new = ET.SubElement(root.find(f"{NS}Tasks"), f"{NS}Task")  # type: ignore[arg-type]
    for tag, text in (("UID", "900"), ("ID", "900"), ("Name", "Train contact centre staff"),
                      ("OutlineLevel", "2"), ("Duration", "PT40H0M0S")):  # fmt: skip
        ET.SubElement(new, f"{NS}{tag}").text = text
    # rows are ordered by ID: put it after the last task of the delivery stage
    ET.ElementTree(root).write(plan, xml_declaration=True, encoding="utf-8")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "milton-keynes"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_update_keeps_the_programme_offices_edits_and_comments(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "portal.xml"
    assert main(["export", str(office), "--what", "plan", "--project",
                 "customer-contact-portal", "-o", str(plan)]) == 0  # fmt: skip
    _pm_edits(plan)
    # Meanwhile the programme office edits the definition: a new budget and a comment.
    definition = office / "programme.yaml"
    text = definition.read_text(encoding="utf-8")
    text = text.replace("    budget: 450k\n", "    budget: 480k  # re-approved by the board\n", 1)
    definition.write_text(text, encoding="utf-8")
    capsys.readouterr()

    assert main(["import", str(plan), "--update", str(office), "--dry-run"]) == 0
    dry = capsys.readouterr()
    assert definition.read_text(encoding="utf-8") == text  # nothing written
    assert "re-planned task 'ccp-uat'" in dry.out

    assert main(["import", str(plan), "--update", str(office)]) == 0
    out = capsys.readouterr().out.splitlines()
    saved = definition.read_text(encoding="utf-8")
    assert "budget: 480k  # re-approved by the board" in saved  # the office's edit survives
    assert "# --- Public Access ---" in saved  # and the file's comments
    assert "re-planned task 'ccp-uat' (Test with customer services staff): duration 10 -> 15" in out
    assert any(line.startswith("progress task 'ccp-integration'") and "percent_complete None -> 40"
               in line for line in out)  # fmt: skip
    assert "added task 'train-contact-centre-staff' (Train contact centre staff): " \
        "in stage 'ccp-delivery'" in out  # fmt: skip
    assert any(line.startswith("re-dated task 'ccp-uat'") for line in out)

    programme = load_yaml(office)
    portal = programme.project("customer-contact-portal")
    assert portal.budget == 480_000
    delivery = next(s for s in portal.stages if s.id == "ccp-delivery")
    uat = next(t for t in delivery.tasks if t.id == "ccp-uat")
    assert (uat.duration, uat.owner) == (15, "pm-pa")  # the plan's duration, the office's owner
    assert delivery.authorisation == "appr-ccp-delivery"
    assert [t.id for t in delivery.tasks][-1] == "train-contact-centre-staff"
    assert programme.risks  # the registers are untouched
    assert portal.risks

    # Applying the same plan again changes nothing and writes nothing.
    assert main(["import", str(plan), "--update", str(office)]) == 0
    assert "no changes" in capsys.readouterr().err
    assert definition.read_text(encoding="utf-8") == saved


def test_update_reports_json(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "portal.xml"
    programme = load_yaml(office)
    dump(programme, plan, project="customer-contact-portal")
    _pm_edits(plan)
    assert (
        main(["import", str(plan), "--update", str(office), "--dry-run", "--format", "json"]) == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert document["update"]["project"] == "customer-contact-portal"
    assert document["output"] is None
    kinds = {(c["kind"], c["id"]) for c in document["update"]["changes"]}
    assert ("added", "train-contact-centre-staff") in kinds


def _two_tasks_named_alike() -> Programme:
    return Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        projects=[
            Project(
                id="portal",
                name="Portal",
                stages=[
                    Stage(id="s1", name="One", tasks=[Task(id="a1", name="Review", duration=2)]),
                    Stage(id="s2", name="Two", tasks=[Task(id="a2", name="Review", duration=3)]),
                ],
            ),
            Project(id="hr", name="HR", tasks=[Task(id="hr-review", name="Review", duration=1)]),
        ],
    )


def test_matching_by_name_when_the_id_is_gone_and_ambiguities_are_reported() -> None:
    programme = _two_tasks_named_alike()
    data, _ = dumps(programme, project="portal")
    # The PM's tool dropped the custom field values (a copy-paste into a new plan).
    plan = loads(data.replace(b"<Value>a1</Value>", b"").replace(b"<Value>a2</Value>", b"")
                 .replace(b"<Value>s1</Value>", b""))  # fmt: skip
    update = update_from_plan(programme, plan)
    portal = programme.project("portal")
    assert [s.id for s in portal.stages] == ["s1", "s2"]  # 'One' matched by its name
    ambiguous = [f for f in update.findings if f.code == "PLAN-AMBIGUOUS"]
    assert len(ambiguous) == 2  # one for each 'Review' row of the plan
    assert all("(a1, a2)" in finding.message for finding in ambiguous)
    # Both 'Review' rows are added anew (never guessed) and the old ones removed.
    kinds = sorted((c.kind, c.id) for c in update.changes if c.kind in {"added", "removed"})
    assert kinds == [("added", "review"), ("added", "review-2"), ("removed", "a1"),
                     ("removed", "a2")]  # fmt: skip
    assert programme.project("hr").tasks[0].id == "hr-review"


def test_a_new_items_id_never_clashes_with_another_project() -> None:
    programme = _two_tasks_named_alike()
    data, _ = dumps(programme, project="hr")
    root = ET.fromstring(data)
    tasks = root.find(f"{NS}Tasks")
    assert tasks is not None
    new = ET.SubElement(tasks, f"{NS}Task")
    for tag, text in (("UID", "50"), ("ID", "50"), ("Name", "A1"), ("OutlineLevel", "1"),
                      ("Duration", "PT8H0M0S")):  # fmt: skip
        ET.SubElement(new, f"{NS}{tag}").text = text
    update = update_from_plan(programme, loads(ET.tostring(root)))
    added = [c.id for c in update.changes if c.kind == "added"]
    assert added == ["a1-2"]  # 'a1' is a task of the portal project
    assert [f.code for f in update.findings] == ["PLAN-NEW-ID"]


def test_the_project_to_update_must_be_found() -> None:
    programme = _two_tasks_named_alike()
    stranger = loads(dumps(Project(id="x", name="Unknown", start=date(2013, 1, 7),
                                   tasks=[Task(id="t", name="T", duration=1)]))[0])  # fmt: skip
    with pytest.raises(PlanUpdateError, match="--project ID"):
        update_from_plan(programme, stranger)
    with pytest.raises(PlanUpdateError, match="no project 'nope'"):
        update_from_plan(programme, stranger, project="nope")
    update = update_from_plan(programme, stranger, project="hr")
    assert {c.kind for c in update.changes} >= {"added", "removed"}


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.xml"
    dump(_two_tasks_named_alike(), plan)
    assert main(["import", str(plan), "--dry-run"]) == 2
    assert "--update" in capsys.readouterr().err
    assert main(["import", str(plan), "--update", str(EXAMPLE), "-o", "x.yaml"]) == 2
