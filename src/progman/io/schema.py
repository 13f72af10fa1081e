"""The JSON Schema of the definition format, for editors (yaml-language-server) and other tools.

>>> schema = json_schema()
>>> schema["title"], schema["properties"]["sro"]["description"]
('Programme', 'The Senior Responsible Owner (exactly one).')
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from pathlib import Path
from typing import Any

from ..model import Programme
from ..model.common import Model

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://progman.example/schema/programme.json"
"""The `$id` the schema declares (a name, not a place it is published)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a programme definition file, with descriptions."""
    schema = Programme.model_json_schema(mode="validation")
    _add_field_docstrings(schema)
    _add_shorthands(schema["$defs"])
    _allow_includes(schema, schema["$defs"])
    _trim_descriptions(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _add_field_docstrings(schema: dict[str, Any]) -> None:
    """Describe each field by the docstring under it in its class, as pydantic's
    `use_attribute_docstrings` would: read here, when a schema is asked for, rather than
    by every `import progman` (reading the source is a third of the model's import time)."""
    models = {cls.__name__: cls for cls in _models(Model)}
    defs = schema["$defs"]
    for name, node in [(schema["title"], schema), *defs.items()]:
        cls = models.get(name)
        properties = node.get("properties")
        if cls is None or not properties:
            continue
        for field_name, info in cls.model_fields.items():
            prop = properties.get(info.alias or field_name)
            if prop is None or info.description is not None:
                continue  # a description given in code wins over the docstring
            for base in cls.__mro__:
                text = _docstrings(base).get(field_name)
                if text is not None:
                    ref = prop.get("$ref", "").rsplit("/", 1)[-1]
                    if text != defs.get(ref, {}).get("description"):  # as pydantic: not twice
                        prop["description"] = text
                    break


def _models(base: type[Model]) -> list[type[Model]]:
    found = []
    for cls in base.__subclasses__():
        found.append(cls)
        found.extend(_models(cls))
    return found


def _docstrings(cls: type) -> dict[str, str]:
    """Field name -> the string written under it in the class body (cleaned as pydantic
    cleans it), for a class defined at the top level of a progman module."""
    module = sys.modules.get(cls.__module__)
    if module is None or not cls.__module__.startswith("progman."):
        return {}
    return _module_docstrings(getattr(module, "__file__", None) or "").get(cls.__qualname__, {})


@cache
def _module_docstrings(file: str) -> dict[str, dict[str, str]]:
    try:
        tree = ast.parse(Path(file).read_text(encoding="utf-8"))
    except (OSError, SyntaxError):  # pragma: no cover - progman's own modules parse
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        attrs: dict[str, str] = {}
        target: str | None = None
        previous: ast.stmt | None = None
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                target = stmt.target.id
            elif (
                isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
                and isinstance(previous, ast.AnnAssign)
                and target
            ):
                attrs[target] = inspect.cleandoc(stmt.value.value)
                target = None
            previous = stmt
        found[node.name] = attrs
    return found


def _add_shorthands(defs: dict[str, Any]) -> None:
    """Describe what the model's before-validators accept, so editors do not flag it."""
    # A dependency may be a bare id: `depends_on: [portal-build]`.
    link = defs["Dependency"]
    on = link["properties"]["on"]
    defs["Dependency"] = {
        "description": link.get("description", ""),
        "anyOf": [{**on, "description": "The predecessor's id (finish-to-start, no lag)."}, link],
    }
    # A profile period may name a UK financial year instead of its dates.
    period = defs["ProfilePeriod"]
    period["properties"]["financial_year"] = {
        "type": "string",
        "pattern": r"^\d{4}\s*/\s*(\d{2}|\d{4})$",
        "description": "A UK financial year such as 2012/13 (1 April to 31 March), "
        "instead of start and end.",
    }
    required = period.pop("required", ["start", "end"])
    period["anyOf"] = [{"required": required}, {"required": ["financial_year"]}]
    # A bare include item may stand for any list item: `projects: [{include: FILE}]`.
    defs["Include"] = {
        "type": "object",
        "description": "Read this list item from another file, relative to this one.",
        "properties": {"include": {"type": "string"}},
        "required": ["include"],
        "additionalProperties": False,
    }


def _allow_includes(node: Any, defs: dict[str, Any]) -> None:
    """Let every list of objects hold `{include: FILE}` items."""
    if isinstance(node, dict):
        items = node.get("items")
        if isinstance(items, dict) and "$ref" in items:
            target = defs[items["$ref"].rsplit("/", 1)[1]]
            if "enum" not in target:
                node["items"] = {"anyOf": [items, {"$ref": "#/$defs/Include"}]}
        for value in node.values():
            _allow_includes(value, defs)
    elif isinstance(node, list):
        for value in node:
            _allow_includes(value, defs)


def _trim_descriptions(node: Any) -> None:
    """Keep the prose of docstrings, not their doctest examples."""
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str) and ">>>" in text:
            node["description"] = text.split(">>>", 1)[0].strip()
        for value in node.values():
            _trim_descriptions(value)
    elif isinstance(node, list):
        for value in node:
            _trim_descriptions(value)
