"""The key-by-key reference of the definition format, generated from the JSON Schema.

`docs/yaml.md` holds its output; a test keeps the two the same.

>>> print(reference().splitlines()[0])
### Programme
"""

from __future__ import annotations

from typing import Any

from .schema import json_schema

__all__ = ["reference"]

# The order a reader meets them in a programme file.
SECTIONS = [
    "Programme",
    "Person",
    "Board",
    "RoleAssignment",
    "Stakeholder",
    "Tranche",
    "Strand",
    "Project",
    "BusinessCase",
    "Stage",
    "Task",
    "Milestone",
    "Dependency",
    "Risk",
    "RiskAction",
    "Issue",
    "ImpactAssessment",
    "Benefit",
    "BenefitProfile",
    "ProfilePeriod",
    "SavingsTarget",
    "Objective",
    "Capability",
    "Outcome",
    "Tolerance",
    "Authority",
    "Delegation",
    "Reservation",
    "Approval",
    "Calendar",
    "Closure",
    "RiskGrid",
    "GovernanceSettings",
    "Suppression",
]


def reference() -> str:
    """Markdown tables, one per kind of object: key, what it holds, default, meaning."""
    schema = json_schema()
    defs = schema["$defs"]
    parts = []
    for name in SECTIONS:
        node = schema if name == "Programme" else defs[name]
        if "properties" not in node:  # a Dependency may also be a bare id
            node = next(option for option in node["anyOf"] if "properties" in option)
        required = set(node.get("required", []))
        lines = [f"### {name}", "", _first_paragraph(node.get("description", "")), ""]
        lines += ["| key | value | default | meaning |", "|---|---|---|---|"]
        for key, prop in node["properties"].items():
            default = "**required**" if key in required else _default(prop)
            meaning = _first_paragraph(prop.get("description", "")).replace("|", "\\|")
            lines.append(f"| `{key}` | {_kind(prop, defs)} | {default} | {meaning} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n", 1)[0].split())


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop or prop["default"] is None:
        return ""
    value = prop["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == []:
        return "none"
    if isinstance(value, dict | list):
        return "see below"
    return f"`{value}`"


def _kind(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        target = defs[name]
        if "enum" in target:
            return "one of " + ", ".join(f"`{value}`" for value in target["enum"])
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        # `{include: FILE}` may stand for any list item; the page says so once, not per key.
        options = [
            option
            for option in prop["anyOf"]
            if option.get("type") != "null" and option.get("$ref") != "#/$defs/Include"
        ]
        if len(options) == 1:
            return _kind(options[0], defs)
        if all(option.get("type") in ("number", "string") for option in options):
            return "amount"
        return " or ".join(_kind(option, defs) for option in options)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_kind(prop.get('items', {}), defs)}"
    if kind == "object":
        values = prop.get("additionalProperties")
        return f"mapping to {_kind(values, defs)}" if isinstance(values, dict) else "mapping"
    if kind == "string" and prop.get("format") == "date":
        return "date"
    if kind == "string" and "pattern" in prop:
        return "id"
    return str(kind or "any")
