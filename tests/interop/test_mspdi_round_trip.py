"""Export then import gives the same programme, for every field docs/interop.md lists as
carried; and the export -> import problems reported in issue 16 stay fixed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from progman import (
    Baseline,
    BaselineItem,
    Calendar,
    Closure,
    Dependency,
    Milestone,
    Programme,
    Project,
    Stage,
    Task,
)
from progman.io.mspdi import dump, dumps, load, loads
from progman.io.yaml import load as load_yaml

EXAMPLES = Path(__file__).parents[2] / "examples"
NS = "{http://schemas.microsoft.com/project}"
FIRST = date(2012, 4, 2)

# Names and notes as a person types them; MSPDI text is trimmed when read, and XML
# cannot hold control characters.
_TEXT = (
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
_DAYS = st.integers(0, 400).map(lambda n: FIRST + timedelta(days=n))


class _Ids:
    """Unique ids for one drawn programme."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"


@st.composite
def _item(draw: st.DrawFn, ids: _Ids, earlier: list[str]) -> Task | Milestone:
    """A task or milestone with links to items drawn before it, constraints and progress."""
    links = [
        Dependency(on=on, type=draw(st.sampled_from(["FS", "SS", "FF", "SF"])), lag=lag)
        for on, lag in draw(
            st.lists(st.tuples(st.sampled_from(earlier), st.integers(-5, 5)), max_size=2)
            if earlier
            else st.just([])
        )
    ]
    links = list({link.on: link for link in links}.values())  # one link per predecessor
    common: dict[str, Any] = {
        "name": draw(_TEXT),
        "depends_on": links,
        "notes": draw(st.none() | _TEXT),
        "must_finish_by": draw(st.none() | _DAYS),
    }
    if draw(st.booleans()):
        common["start_no_earlier_than"] = draw(_DAYS)
    else:
        common["as_late_as_possible"] = draw(st.booleans())
    if draw(st.booleans()):
        return Milestone(id=ids("m"), **common, achieved_on=draw(st.none() | _DAYS))
    duration = draw(st.integers(1, 30))
    progress: dict[str, Any] = {}
    state = draw(st.sampled_from(["none", "started", "finished"]))
    if state != "none":
        started = draw(_DAYS)
        progress["actual_start"] = started
        progress["percent_complete"] = Decimal(draw(st.integers(1, 100)))
        if state == "finished":
            progress["actual_finish"] = started + timedelta(days=draw(st.integers(0, 40)))
        else:
            progress["remaining_duration"] = draw(st.integers(0, duration))
    return Task(id=ids("t"), **common, duration=duration, **progress)


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    """A programme of projects, stages, tasks, milestones, links, progress and baselines."""
    ids = _Ids()
    earlier: list[str] = []

    def items(count: tuple[int, int], milestones_only: bool = False) -> list[Task | Milestone]:
        drawn = []
        for _ in range(draw(st.integers(*count))):
            item = draw(_item(ids, list(earlier)))
            if milestones_only and isinstance(item, Task):
                continue  # a programme holds milestones, not tasks
            earlier.append(item.id)
            drawn.append(item)
        return drawn

    def split(drawn: list[Task | Milestone]) -> dict[str, Any]:
        return {
            "tasks": [i for i in drawn if isinstance(i, Task)],
            "milestones": [i for i in drawn if isinstance(i, Milestone)],
        }

    projects: list[Project] = []
    for _ in range(draw(st.integers(1, 3))):
        project_id = ids("p")
        links = [Dependency(on=p.id, lag=draw(st.integers(0, 3))) for p in projects[-1:]]
        loose = split(items((0, 2)))
        stages = []
        for _ in range(draw(st.integers(0 if loose["tasks"] or loose["milestones"] else 1, 2))):
            stage_id = ids("s")
            stages.append(Stage(id=stage_id, name=draw(_TEXT), **split(items((1, 3)))))
            earlier.append(stage_id)
        projects.append(
            Project(
                id=project_id,
                name=draw(_TEXT),
                start=draw(st.none() | _DAYS),
                depends_on=draw(st.sampled_from([[], links])),
                stages=stages,
                **loose,
            )
        )
        earlier.append(project_id)
    milestones = [i for i in items((0, 2), milestones_only=True) if isinstance(i, Milestone)]
    programme_id = "programme"
    baselines = []
    for n in range(draw(st.integers(0, 3))):
        keys = draw(
            st.lists(st.sampled_from([programme_id, *earlier]), min_size=1, max_size=4, unique=True)
        )
        saved = []
        for key in sorted(keys):
            start, finish, cost = draw(
                st.tuples(st.none() | _DAYS, st.none() | _DAYS, st.none() | st.integers(1, 10**7))
            )
            if start is None and finish is None and cost is None:
                start = FIRST
            budget = None if cost is None else Decimal(cost) / 100
            saved.append(BaselineItem(id=key, start=start, finish=finish, budget=budget))
        baselines.append(Baseline(id=f"b{n}", name=draw(_TEXT), date=draw(_DAYS), items=saved))
    closures = sorted(
        draw(
            st.lists(
                st.tuples(_DAYS, st.integers(0, 5), _TEXT), max_size=3, unique_by=lambda c: c[0]
            )
        ),
    )
    calendar = Calendar(
        region="none",
        closures=[
            Closure(start=day, end=day + timedelta(days=span) if span else None, name=name)
            for day, span, name in closures
        ],
        working_weekends=sorted(
            {
                FIRST + timedelta(days=5 + 7 * n)
                for n in draw(st.lists(st.integers(0, 50), max_size=2))
            }
        ),
    )
    return Programme(
        id=programme_id,
        name=draw(_TEXT),
        start=FIRST,
        status_date=draw(st.none() | _DAYS),
        calendars=[calendar],
        projects=projects,
        milestones=milestones,
        baselines=baselines,
    )


def _carried(programme: Programme) -> Programme:
    """The programme with its baseline items in id order (the file holds them by row)."""
    return programme.model_copy(
        update={
            "baselines": [
                b.model_copy(update={"items": sorted(b.items, key=lambda i: i.id)})
                for b in programme.baselines
            ]
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_export_then_import_gives_the_same_programme(programme: Programme) -> None:
    data, findings = dumps(programme)
    assert [f for f in findings if f.code != "MSPDI-NOT-WRITTEN" or "dates" not in f.message] == []
    again = loads(data)
    assert _carried(again.programme) == _carried(programme)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes(), st.data())
def test_one_project_exported_alone_comes_back_with_its_id(
    programme: Programme, data: st.DataObject
) -> None:
    chosen = data.draw(st.sampled_from(programme.projects))
    inside = {chosen.id} | {item.id for _, item in chosen.work_items()}
    inside |= {stage.id for stage in chosen.stages}
    written, _ = dumps(programme, project=chosen.id)
    again = loads(written)
    (project,) = again.programme.projects
    links_inside = chosen.model_copy(
        update={
            "depends_on": [],
            "start": chosen.start or programme.start,
            "tasks": [_inside(t, inside) for t in chosen.tasks],
            "milestones": [_inside(m, inside) for m in chosen.milestones],
            "stages": [
                s.model_copy(
                    update={
                        "tasks": [_inside(t, inside) for t in s.tasks],
                        "milestones": [_inside(m, inside) for m in s.milestones],
                    }
                )
                for s in chosen.stages
            ],
        }
    )
    assert project == links_inside
    assert again.programme.status_date == programme.status_date


def _inside(item: Task | Milestone, inside: set[str]) -> Any:
    """The item with only its links to items in the file (others are reported, not written)."""
    return item.model_copy(
        update={"depends_on": [link for link in item.depends_on if link.on in inside]}
    )


# --- the problems reported in issue 16, on the Milton Keynes example ------------------


@pytest.fixture(scope="module")
def milton_keynes() -> Programme:
    return load_yaml(EXAMPLES / "milton-keynes")


@pytest.fixture(scope="module")
def milton_keynes_again(
    milton_keynes: Programme, tmp_path_factory: pytest.TempPathFactory
) -> Programme:
    path = tmp_path_factory.mktemp("mk") / "plan.xml"
    dump(milton_keynes, path)
    return load(path).programme


def test_projects_keep_their_start_dates(
    milton_keynes: Programme, milton_keynes_again: Programme
) -> None:
    # Issue 16: a project came back 253 working days early; its start was lost.
    assert {p.id: p.start for p in milton_keynes_again.projects} == {
        p.id: p.start for p in milton_keynes.projects
    }


def test_ids_are_kept_not_slugged(milton_keynes: Programme, milton_keynes_again: Programme) -> None:
    def ids(programme: Programme) -> list[tuple[str | None, str | None, str]]:
        return [(p and p.id, s and s.id, i.id) for p, s, i in programme.work_items()]

    assert ids(milton_keynes_again) == ids(milton_keynes)
    assert milton_keynes_again.id == milton_keynes.id


def test_projects_stay_projects(milton_keynes: Programme, milton_keynes_again: Programme) -> None:
    # Issue 16: several projects came back as one project with a stage each.
    assert [p.id for p in milton_keynes_again.projects] == [p.id for p in milton_keynes.projects]
    assert len(milton_keynes.projects) > 3
    assert [[s.id for s in p.stages] for p in milton_keynes_again.projects] == [
        [s.id for s in p.stages] for p in milton_keynes.projects
    ]


def test_the_id_field_is_a_named_custom_field(milton_keynes: Programme) -> None:
    data, _ = dumps(milton_keynes)
    root = ET.fromstring(data)
    definitions = {
        d.findtext(f"{NS}Alias"): (d.findtext(f"{NS}FieldID"), d.findtext(f"{NS}FieldName"))
        for d in root.iter(f"{NS}ExtendedAttribute")
        if d.findtext(f"{NS}Alias")
    }
    # Text1 and Text2, with the FieldIDs MS Project (and MPXJ) give those task fields.
    assert definitions["progman id"] == ("188743731", "Text1")
    assert definitions["progman kind"] == ("188743734", "Text2")
    first_project = root.findall(f"{NS}Tasks/{NS}Task")[1]
    assert first_project.findtext(f"{NS}Name") == milton_keynes.projects[0].name
    values = {
        a.findtext(f"{NS}FieldID"): a.findtext(f"{NS}Value")
        for a in first_project.findall(f"{NS}ExtendedAttribute")
    }
    assert values == {"188743731": milton_keynes.projects[0].id}


def test_a_file_edited_in_ms_project_keeps_the_ids_it_still_holds() -> None:
    # A row added in MS Project has no progman id: it gets a slug of its name; an id
    # typed twice keeps its first row and the second gets a slug, with a warning.
    project = Project(
        id="portal",
        name="Portal",
        start="2013-01-07",
        tasks=[Task(id="B-1", name="Build", duration=2), Task(id="T-2", name="Test", duration=1)],
    )
    data, _ = dumps(project)
    text = data.decode().replace("<Value>T-2</Value>", "<Value>B-1</Value>")
    text = text.replace(
        "</Tasks>",
        "<Task><UID>9</UID><ID>9</ID><Name>Train staff</Name><OutlineLevel>1</OutlineLevel>"
        "<Duration>PT8H0M0S</Duration></Task></Tasks>",
    )
    again = loads(text)
    assert [t.id for t in again.project.tasks] == ["B-1", "test", "train-staff"]
    assert again.project.id == "portal"
    (warning,) = [f for f in again.findings if "used twice" in f.message]
    assert warning.subject == "test"
