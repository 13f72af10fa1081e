"""The lean validator (`model._lean`) makes what the model makes, and refuses the rest.

The model's id, duration and lag checks are Python functions; the lean validator makes
the same checks with pydantic-core's pattern and bounds. It may refuse more than the model
(the loader then asks the model), but never accept what the model refuses, and what it
accepts it must make exactly as the model does, down to which fields were set.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from progman.io.loader import load_file, load_text
from progman.model import MAX_WORKING_DAYS, Dependency, Programme, Task
from progman.model._lean import _lean, _project_validator, _schema, _validator, validate_lean
from progman.model.common import _ID_PATTERN, _check_id, _duration, _lag

EXAMPLES = Path(__file__).parents[2] / "examples"


def model_answer(data: Any) -> Programme | None:
    try:
        return Programme.model_validate(data)
    except ValidationError:
        return None


def fields_set(model: BaseModel) -> list[tuple[str, frozenset[str]]]:
    """Which fields were given, for the model and every model inside it, in order."""
    out = [(type(model).__name__, frozenset(model.model_fields_set))]
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                out += fields_set(item)
    return out


def assert_same(lean: Programme | None, model: Programme | None) -> None:
    if lean is None:  # refusing is allowed: the loader then asks the model
        return
    assert model is not None, "the lean validator accepted what the model refuses"
    assert type(lean) is type(model)
    assert lean == model
    assert fields_set(lean) == fields_set(model)


def programme_with(task: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "p",
        "name": "P",
        "start": "2013-01-07",
        "projects": [
            {"id": "x", "name": "X", "tasks": [{"id": "a", "name": "A", "duration": 1}, task]}
        ],
    }


def test_the_lean_schema_makes_no_python_call_for_ids_durations_or_lags() -> None:
    # otherwise the tests below would compare the model with itself
    Programme.model_rebuild()
    found: set[Any] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            function = node.get("function")
            if isinstance(function, dict):
                found.add(function.get("function"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Programme.__pydantic_core_schema__)
    assert {_check_id, _duration, _lag} <= found
    found.clear()
    walk(_lean(Programme.__pydantic_core_schema__))
    assert not {_check_id, _duration, _lag} & found


@pytest.mark.parametrize("folder", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_the_examples_are_made_as_the_model_makes_them(folder: str) -> None:
    loaded = load_file(EXAMPLES / folder)
    assert loaded.programme is not None
    data = loaded.programme.model_dump(mode="json", exclude_unset=True)
    lean = validate_lean(data)
    assert lean is not None  # the examples are ordinary: the lean validator takes them
    assert_same(lean, model_answer(data))


ID_TEXT = st.one_of(
    st.text(max_size=90),
    st.text(alphabet="aZ9-_. é٣²\n\t", max_size=82),
    st.sampled_from(["", "x" * 80, "x" * 81, " t1 ", "t1\n", "-a", ".a", "_a", "a-", "ß"]),
)


@given(ID_TEXT, ID_TEXT)
def test_ids_and_references_pass_as_the_model_passes_them(own: str, other: str) -> None:
    data = programme_with({"id": own, "name": "B", "duration": 2, "depends_on": [other]})
    lean, model = validate_lean(data), model_answer(data)
    assert_same(lean, model)
    as_written = all(re.fullmatch(_ID_PATTERN.pattern, text) for text in (own, other))
    if model is not None and as_written:
        assert lean is not None  # the same strings pass: nothing left to the model
    if lean is not None:  # taken as written: the text read, not a stripped copy of it
        task = lean.projects[0].tasks[1]
        assert task.id is data["projects"][0]["tasks"][1]["id"]
        assert task.depends_on[0].on is other


def test_an_id_written_with_spaces_around_it_is_left_to_the_model() -> None:
    # the model strips them; the lean validator takes ids as written, so it refuses
    data = programme_with({"id": " b ", "name": "B", "duration": 2, "depends_on": ["a\n"]})
    assert validate_lean(data) is None
    model = model_answer(data)
    assert model is not None
    assert model.projects[0].tasks[1].id == "b"
    assert model.projects[0].tasks[1].depends_on[0].on == "a"


WHOLE = st.one_of(
    st.integers(min_value=-MAX_WORKING_DAYS - 2, max_value=MAX_WORKING_DAYS + 2),
    st.sampled_from([-MAX_WORKING_DAYS, MAX_WORKING_DAYS, 0, -1, 10**30]),
    st.booleans(),
    st.none(),
    st.sampled_from(["5", " 5 ", "-2", "x", 5.0, 2.5, float("nan")]),
)


@given(WHOLE, WHOLE, WHOLE)
def test_durations_and_lags_pass_only_as_the_model_passes_them(
    duration: Any, remaining: Any, lag: Any
) -> None:
    task = {
        "id": "b",
        "name": "B",
        "duration": duration,
        "remaining_duration": remaining,
        "depends_on": [{"on": "a", "lag": lag}],
    }
    data = programme_with(task)
    lean, model = validate_lean(data), model_answer(data)
    assert_same(lean, model)
    plain = [v for v in (duration, lag) if type(v) is int]
    if model is not None and len(plain) == 2 and remaining is None:
        assert lean is not None  # whole numbers in range are not left to the model


@pytest.mark.parametrize(
    "line",
    [
        "duration: 5",  # taken by the lean validator
        "duration: '5'",  # refused by it, read by the model
        "duration: 5.0",
        "duration: true",  # refused by both: the model's message
        "duration: 10001",
        "duration: -1",
        "duration: 3\n        depends_on: [{on: a, lag: 20000}]",
        "duration: 3\n        depends_on: [b]",  # depends on itself
        "duration: 3\n        depends_on: ['a b']",
    ],
)
def test_loading_a_large_definition_says_what_loading_a_small_one_says(
    line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "id: p\nname: P\nstart: 2013-01-07\nprojects:\n"
        "  - {id: w, name: W, tasks: [{id: w1, name: W1, duration: 2}]}\n"  # made, then released
        "  - id: x\n    name: X\n    tasks:\n"
        "      - {id: a, name: A, duration: 1}\n"
        f"      - id: b\n        name: B\n        {line}\n"
    )
    small = load_text(text, name="p.yaml")
    monkeypatch.setattr("progman.io.loader.LEAN_FROM", 0)  # every definition counts as large
    used: list[Any] = []
    monkeypatch.setattr(
        "progman.io.loader.validate_lean",
        lambda data, **options: used.append(data) or validate_lean(data, **options),
    )
    large = load_text(text, name="p.yaml")
    assert used, "the lean validator was not asked"
    assert [str(f) for f in large.findings] == [str(f) for f in small.findings]
    assert large.programme == small.programme
    if small.programme is not None:
        assert fields_set(large.programme) == fields_set(small.programme)


def three_projects(duration: Any) -> dict[str, Any]:
    return {
        "id": "p",
        "name": "P",
        "start": "2013-01-07",
        "projects": [
            {"id": f"x{k}", "name": "X", "tasks": [{"id": f"t{k}", "name": "T", "duration": d}]}
            for k, d in enumerate([1, 2, duration])
        ],
    }


@pytest.mark.parametrize("folder", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_releasing_the_projects_makes_what_the_model_makes(folder: str) -> None:
    loaded = load_file(EXAMPLES / folder)
    assert loaded.programme is not None
    data = loaded.programme.model_dump(mode="json", exclude_unset=True)
    model = model_answer(copy.deepcopy(data))
    lean = validate_lean(data, release=True)
    assert lean is not None
    assert_same(lean, model)
    # each project's data was replaced by the project made of it
    assert data.get("projects", []) == lean.projects
    assert all(a is b for a, b in zip(data.get("projects", []), lean.projects, strict=True))


@pytest.mark.parametrize("duration", [3, "3", 3.0, True, -1])
def test_after_a_refusal_the_model_reads_the_released_data_as_it_read_the_original(
    duration: Any,
) -> None:
    # "3" and 3.0 the model reads and the lean validator refuses, after making two projects
    data = three_projects(duration)
    original = copy.deepcopy(data)
    lean = validate_lean(data, release=True)
    assert (lean is None) == (type(duration) is not int or duration < 0)
    if lean is None:
        assert isinstance(data["projects"][0], BaseModel)  # released before the refusal
        assert isinstance(data["projects"][2], dict)
    model, model_before = model_answer(data), model_answer(original)
    assert (model is None) == (duration in (True, -1))
    if model is not None and model_before is not None:
        assert model == model_before
        assert fields_set(model) == fields_set(model_before)
    else:
        assert model is model_before is None


def test_validators_the_model_built_before_are_not_used_in_its_place() -> None:
    # pydantic-core reuses a class's own validator where one is built, with the Python
    # checks the lean schema leaves out: the lean validator would read a lag written "2"
    # as the model does, not refuse it as its own schema says
    Dependency(on="x")
    Task(id="t", name="T", duration=1)
    for made in (_schema, _validator, _project_validator):
        made.cache_clear()  # built again now that the model's own validators exist
    link = {"on": "a", "lag": "2"}
    written = programme_with({"id": "b", "name": "B", "duration": 5, "depends_on": [link]})
    assert model_answer(written) is not None
    assert validate_lean(written) is None
    assert validate_lean(written, release=True) is None
    taken = programme_with({"id": "b", "name": "B", "duration": 5, "depends_on": ["a"]})
    assert_same(validate_lean(taken, release=True), model_answer(taken))


def test_the_lean_validator_is_built_once() -> None:
    assert _validator() is _validator()
