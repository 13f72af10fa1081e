"""A leaner validator for large definitions: the model's own schema, with the checks that
pydantic-core can make itself made there rather than by a call into Python per value.

`Programme.model_validate` calls a Python function for every id and reference (`Id`,
`Ref`) and two for every duration and lag (`WorkingDays`, `Lag`): on 100,000 tasks, a
quarter of a million calls. Their meaning fits pydantic-core's own constraints, but their
error messages do not: "'ICT Delt' is not a valid id: use a short slug ..." is not
pydantic's "String should match pattern ...". So the lean validator is the same schema,
the same model classes and the same results, with

* an id checked by its pattern (`common._ID_PATTERN`), in pydantic-core's regex engine:
  the same strings pass (letters, digits, `-`, `_` and `.`, starting with a letter or
  digit, at most 80), taken as written: the pattern leaves no space to strip, so the text
  read is kept rather than copied (the model strips first, so an id written with spaces
  around it, `" t1 "`, is left to the model; `$` is the end of the text in that engine);
* a duration or lag taken only as a whole number within its bounds (strict: `true` and
  the text `"5"`, which the model reads or refuses with its own message, are refused);

and it answers only when it accepts: `validate_lean` returns None when it refuses the data
(or anything goes wrong), and the caller validates with `Programme.model_validate`, whose
results and error messages are the model's. It accepts nothing the model refuses, and
what it accepts it makes exactly as the model does (tests/model/test_lean.py).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic_core import SchemaValidator

from .common import _ID_PATTERN, MAX_WORKING_DAYS, _check_id, _duration, _lag, _not_bool
from .programme import Programme

__all__ = ["validate_lean"]


def validate_lean(data: Any, *, release: bool = False) -> Programme | None:
    """`Programme.model_validate(data)` by the lean validator, or None when it refuses the
    data: validate with `Programme.model_validate` then, for the model's answer.

    With `release`, each of `data`'s projects is replaced in its list by the project made
    of it as soon as that is made, so that the parsed data's memory is freed and reused
    while the rest is made. `data` then holds model objects where some projects were;
    the model takes them as they are (they are what it would make of that data), so
    validating `data` after a refusal still gives the model's answer."""
    try:
        if release and type(data) is dict and type(projects := data.get("projects")) is list:
            project = _project_validator()
            for k, item in enumerate(projects):
                projects[k] = project.validate_python(item)
        programme: Programme = _validator().validate_python(data)
    except Exception:  # refused, or out of range: the model says what and where
        return None
    return programme


@cache
def _schema() -> Any:
    """The lean copy of the model's schema, made on first use."""
    Programme.model_rebuild()  # the model's schema is built on first use (`defer_build`)
    return _lean(Programme.__pydantic_core_schema__)


@cache
def _validator() -> SchemaValidator:
    """The lean validator, built on first use (a few milliseconds)."""
    return _built(_schema())


def _built(schema: Any) -> SchemaValidator:
    """A validator of the schema as written. pydantic-core would otherwise use the model's
    own validator for a class that has one built already (a `Task` made before the file
    is loaded), with the Python checks the lean schema leaves out: the same results, none
    of the gain."""
    try:
        return SchemaValidator(schema, _use_prebuilt=False)
    except TypeError:  # a pydantic-core that reuses no validator has no such option
        return SchemaValidator(schema)


@cache
def _project_validator() -> SchemaValidator:
    """The lean validator of one project: the schema of the items of the programme's
    `projects` in the lean schema, with the definitions they may refer to."""
    schema = _schema()
    definitions = schema.get("definitions", []) if schema["type"] == "definitions" else []
    node = schema
    while node["type"] != "model-fields":  # definitions, the model's checks, the model
        node = node["schema"]
    node = node["fields"]["projects"]["schema"]
    while node["type"] != "list":  # the field, its default
        node = node["schema"]
    return _built(
        {"type": "definitions", "schema": node["items_schema"], "definitions": definitions}
    )


def _function(node: dict[str, Any]) -> Any:
    """The Python function of a `function-before` or `function-after` schema node."""
    function = node.get("function")
    return function.get("function") if isinstance(function, dict) else None


_BOUNDS = {_duration: (0, MAX_WORKING_DAYS), _lag: (-MAX_WORKING_DAYS, MAX_WORKING_DAYS)}


def _lean(node: Any) -> Any:
    """A copy of a core schema with the id, duration and lag checks made by pydantic-core."""
    if isinstance(node, list):
        return [_lean(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "function-after":
        check, inner = _function(node), node.get("schema")
        if check is _check_id and inner == {"type": "str"}:
            # no strip (a copy of every id and reference: 250,000 on 100,000 tasks)
            return {"type": "str", "pattern": _ID_PATTERN.pattern, "strip_whitespace": False}
        if (
            check in _BOUNDS
            and isinstance(inner, dict)
            and inner.get("type") == "function-before"
            and _function(inner) is _not_bool
            and inner.get("schema") == {"type": "int"}
        ):
            low, high = _BOUNDS[check]
            return {"type": "int", "strict": True, "ge": low, "le": high}
    return {key: _lean(value) for key, value in node.items()}
