"""The JSON Schema of the definition format, for editors (yaml-language-server) and other tools.

>>> schema = json_schema()
>>> schema["title"], schema["properties"]["sro"]["description"]
('Programme', 'The Senior Responsible Owner (exactly one).')
"""

from __future__ import annotations

from typing import Any

from ..model import Programme

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://progman.example/schema/programme.json"
"""The `$id` the schema declares (a name, not a place it is published)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a programme definition file, with descriptions."""
    schema = Programme.model_json_schema(mode="validation")
    _add_shorthands(schema["$defs"])
    _allow_includes(schema, schema["$defs"])
    _trim_descriptions(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


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
