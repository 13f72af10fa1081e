"""The Schedule as data: records, JSON contract, DataFrame, what-if, the graph."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import networkx as nx
import pytest

import progman
from progman import Milestone, Programme, Project, Stage, Task
from progman.schedule import Schedule, ScheduledItem, build_graph


def example() -> Programme:
    # design 3 (Mon 7 - Wed 9 Jan 2013) -> build 5 (Thu 10 - Wed 16) -> live (Wed 16);
    # comms 2 (Mon 7 - Tue 8) -> live: 6 days of float.
    return Programme(
        id="p",
        name="P",
        start="2013-01-07",
        tranches=[{"id": "t1", "name": "Tranche 1"}],
        projects=[
            Project(
                id="portal",
                name="Customer Contact Portal",
                tranche="t1",
                stages=[
                    Stage(
                        id="delivery",
                        name="Delivery",
                        tasks=[
                            Task(id="design", name="Design", duration=3),
                            Task(id="build", name="Build", duration=5, depends_on=["design"]),
                            Task(id="comms", name="Comms", duration=2),
                        ],
                        milestones=[
                            Milestone(id="live", name="Live", depends_on=["build", "comms"])
                        ],
                    )
                ],
            ),
            Project(id="empty", name="Nothing yet"),
        ],
    )


def test_records_are_frozen_and_complete() -> None:
    plan = progman.schedule(example())
    row = plan["comms"]
    assert isinstance(row, ScheduledItem)
    assert (row.total_float, row.free_float, row.critical) == (6, 6, False)
    assert row.late_finish == date(2013, 1, 16)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.name = "x"  # type: ignore[misc]
    assert "comms" in plan
    assert "nope" not in plan
    with pytest.raises(KeyError, match="nope"):
        plan["nope"]


def test_iteration_covers_every_kind_in_reading_order() -> None:
    plan = progman.schedule(example())
    assert [(row.id, row.kind) for row in plan] == [
        ("portal", "project"),
        ("delivery", "stage"),
        ("design", "task"),
        ("build", "task"),
        ("comms", "task"),
        ("live", "milestone"),
        ("empty", "project"),
        ("t1", "tranche"),
    ]
    assert len(plan) == 8
    empty = plan["empty"]
    assert empty.early_start is None
    assert empty.total_float is None
    assert plan.start == date(2013, 1, 7)
    assert plan.finish == date(2013, 1, 16)


def test_json_contract() -> None:
    data = json.loads(progman.schedule(example()).to_json())
    assert data["finish"] == "2013-01-16"
    assert data["critical_path"] == ["design", "build", "live"]
    keys = {
        "id",
        "name",
        "kind",
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "total_float",
        "free_float",
        "critical",
    }
    assert all(set(item) == keys for item in data["items"])
    build = next(item for item in data["items"] if item["id"] == "build")
    assert build == {
        "id": "build",
        "name": "Build",
        "kind": "task",
        "early_start": "2013-01-10",
        "early_finish": "2013-01-16",
        "late_start": "2013-01-10",
        "late_finish": "2013-01-16",
        "total_float": 0,
        "free_float": 0,
        "critical": True,
    }


def test_bulk_dicts_are_the_records_dicts() -> None:
    # `to_dicts` is made straight from the columns: it must say what each record says
    # (the empty project included), and records hold plain Python values, not numpy's.
    plan = progman.schedule(example())
    assert plan.to_dicts() == [row.to_dict() for row in plan]
    # the JSON contract lists each item's keys in the record's field order
    order = [f.name for f in dataclasses.fields(ScheduledItem)]
    assert all(list(row) == order for row in plan.to_dicts())
    for row in plan:
        for value in (row.total_float, row.free_float):
            assert value is None or type(value) is int
        assert type(row.critical) is bool
    assert plan["build"] == next(row for row in plan if row.id == "build")


def test_json_text_is_the_standard_librarys() -> None:
    # orjson writes the indented documents: the same text as json.dumps(indent=2)
    from progman._json import dumps_json

    document = progman.schedule(example()).to_dict()
    document["note"] = 'Café £5\n\t\u2028 \x01 "quoted" back\\slash'
    document["nested"] = {"empty": [], "none": {}, "big": 2**70, "float": 0.5}
    assert dumps_json(document) == json.dumps(document, indent=2, ensure_ascii=False)
    assert dumps_json(document, indent=None) == json.dumps(document, ensure_ascii=False)


def test_critical_chains_start_in_date_order() -> None:
    # Two unlinked critical chains of equal length: the path list takes the chain that
    # starts first (by early start, then model order) first among equals.
    programme = Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(id="late", name="Late", duration=2, start_no_earlier_than="2013-01-09"),
                    Task(id="late2", name="Late 2", duration=1, depends_on=["late"]),
                    Task(id="early", name="Early", duration=3),
                    Task(id="early2", name="Early 2", duration=2, depends_on=["early"]),
                ],
            )
        ],
    )
    # early: Mon 7 - Wed 9, early2: Thu 10 - Fri 11; late: Wed 9 - Thu 10, late2: Fri 11.
    # Both chains finish on Friday 11 January, both are critical.
    assert progman.schedule(programme).critical_paths == [["early", "early2"], ["late", "late2"]]


def test_to_dataframe() -> None:
    pytest.importorskip("pandas")
    frame = progman.schedule(example()).to_dataframe()
    assert frame.loc["build", "total_float"] == 0
    assert list(frame.columns)[:2] == ["name", "kind"]


def test_what_if_moves_the_chain_and_the_finish() -> None:
    plan = progman.schedule(example())
    answer = plan.what_if("design", 2)
    # design now Mon 7 - Fri 11, build Mon 14 - Fri 18, live Fri 18: two days later
    assert answer.finish == date(2013, 1, 18)
    assert answer.finish_change_days == 2
    moved = {item: (old, new) for item, old, new in answer.moved}
    assert moved["build"] == (date(2013, 1, 16), date(2013, 1, 18))
    assert "comms" not in moved
    assert moved["portal"] == (date(2013, 1, 16), date(2013, 1, 18))


def test_what_if_within_float_moves_nothing_else() -> None:
    answer = progman.schedule(example()).what_if("comms", 3)
    assert answer.finish_change_days == 0
    assert [item for item, _, _ in answer.moved] == ["comms"]


def test_what_if_on_a_milestone_and_unknown_ids() -> None:
    plan = progman.schedule(example())
    assert plan.what_if("live", 1).finish == date(2013, 1, 17)
    with pytest.raises(KeyError):
        plan.what_if("portal", 1)


def test_schedule_is_the_documented_type() -> None:
    assert isinstance(progman.schedule(example()), Schedule)


def test_build_graph_kinds_and_views() -> None:
    g = build_graph(example())
    assert g.nodes["build"] == {
        "kind": "task",
        "name": "Build",
        "duration": 5,
        "project": "portal",
        "stage": "delivery",
    }
    assert g.edges["design", "build"] == {"kind": "depends", "type": "FS", "lag": 0}
    assert g.edges["delivery", "build"] == {"kind": "contains"}
    assert g.edges["t1", "portal"] == {"kind": "contains"}
    links = nx.subgraph_view(g, filter_edge=lambda u, v: g.edges[u, v]["kind"] == "depends")
    assert nx.dag_longest_path(links) == ["design", "build", "live"]


def test_the_programme_is_not_mutated() -> None:
    programme = example()
    before = programme.model_dump()
    progman.schedule(programme).what_if("design", 4)
    assert programme.model_dump() == before


def test_what_if_on_a_started_task() -> None:
    programme = example()
    programme.projects[0].stages[0].tasks[1].actual_start = date(2013, 1, 10)
    plan = progman.schedule(programme, status_date=date(2013, 1, 10))
    # build: 5 days from Thu 10, nothing reported done: resumes Fri 11, 5 days -> Thu 17
    assert plan["build"].early_finish == date(2013, 1, 17)
    assert plan.what_if("build", 1).finish == date(2013, 1, 18)


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_pandas(name: str, *args: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *args)  # type: ignore[arg-type]

    plan = progman.schedule(example())
    monkeypatch.setattr(importlib, "import_module", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        plan.to_dataframe()


def test_schedule_arrays_from_plain_lists() -> None:
    from progman.schedule.bulk import schedule_arrays

    # A 3 (Mon 7 - Wed 9 Jan 2013); B 2 SS + 1 (Tue 8 - Wed 9); C 1 FS after both (Thu 10)
    result = schedule_arrays(
        duration=[3, 2, 1],
        src=[0, 0, 1],
        dst=[1, 2, 2],
        link=["SS", "FS", "FS"],
        lag=[1, 0, 0],
        start=date(2013, 1, 7),
    )
    assert result.early_start.tolist() == [date(2013, 1, 7), date(2013, 1, 8), date(2013, 1, 10)]
    assert result.total_float.tolist() == [0, 0, 0]
    assert result.finish == date(2013, 1, 10)
