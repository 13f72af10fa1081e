"""The JSON Schema of every command's `--format json` document (`progman schema --output
COMMAND`): the published contract of the CLI's machine-readable output.

Every document carries `schema_version` (see `progman._json.SCHEMA_VERSION`). A command that
stops (usage error, a definition that cannot be loaded, a programme that cannot be scheduled,
an internal error) prints the `error` document instead, so each command's schema is "its
own document, or the error document".
"""

from __future__ import annotations

from typing import Any

from .._json import SCHEMA_VERSION

__all__ = ["OUTPUT_SCHEMAS", "output_schema"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}
_DATE: dict[str, Any] = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NULLABLE_DATE: dict[str, Any] = {"anyOf": [_DATE, {"type": "null"}]}
_MONEY: dict[str, Any] = {
    "type": "string",
    "pattern": r"^-?\d+(\.\d+)?$",
    "description": "Pounds as exact decimal text.",
}
_NULLABLE_MONEY: dict[str, Any] = {"anyOf": [_MONEY, {"type": "null"}]}
_SOURCE: dict[str, Any] = {
    "enum": ["argument", "programme", "today", "per-file", None],
    "description": "Where the status date came from: --date, the file's status_date, today.",
}
_VERSION: dict[str, Any] = {"const": SCHEMA_VERSION}
_RAG: dict[str, Any] = {"enum": ["green", "amber_green", "amber", "amber_red", "red", None]}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """An object with these required properties (and these optional ones), nothing else."""
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": sorted(required),
        "additionalProperties": False,
    }


FINDING = _object(
    {
        "code": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "path": {"type": "string"},
        "location": {
            "anyOf": [
                _object(
                    {
                        "file": {"type": "string"},
                        "line": {"type": "integer", "minimum": 1},
                        "column": {"type": "integer", "minimum": 1},
                    }
                ),
                {"type": "null"},
            ]
        },
        "subject": _NULLABLE_STRING,
        "escalate_to": _NULLABLE_STRING,
        "escalate_to_id": _NULLABLE_STRING,
        "data": {"type": "object"},
    }
)
"""One finding: the same shape everywhere (check, schedule, run, import, export, errors)."""

_FINDINGS: dict[str, Any] = {"type": "array", "items": {"$ref": "#/$defs/finding"}}

ERROR = _object(
    {
        "schema_version": _VERSION,
        "command": _NULLABLE_STRING,
        "ok": {"const": False},
        "exit_code": {"enum": [1, 2, 3]},
        "error": _object(
            {
                "kind": {"enum": ["usage", "definition", "schedule", "io", "internal"]},
                "message": {"type": "string"},
            }
        ),
        "findings": _FINDINGS,
    }
)

_SUPPRESSED = {
    "type": "array",
    "items": {
        "allOf": [{"$ref": "#/$defs/finding_fields"}],
        "type": "object",
        "required": ["code", "severity", "message", "reason"],
    },
}

CHECK = _object(
    {
        "schema_version": _VERSION,
        "ok": {"type": "boolean"},
        "status_date": _NULLABLE_DATE,
        "status_date_source": _SOURCE,
        "counts": _object(
            {s: {"type": "integer", "minimum": 0} for s in ("error", "warning", "info")}
        ),
        "rules": {"type": "array", "items": {"type": "string"}},
        "findings": _FINDINGS,
        "suppressed": _SUPPRESSED,
    }
)

_SCHEDULED_ITEM = _object(
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "examples": ["project", "stage", "task", "milestone"]},
        "early_start": _NULLABLE_DATE,
        "early_finish": _NULLABLE_DATE,
        "late_start": _NULLABLE_DATE,
        "late_finish": _NULLABLE_DATE,
        "total_float": {"type": ["integer", "null"]},
        "free_float": {"type": ["integer", "null"]},
        "critical": {"type": "boolean"},
    }
)

SCHEDULE = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "finish": _NULLABLE_DATE,
        "critical_path": {"type": "array", "items": {"type": "string"}},
        "items": {"type": "array", "items": {"$ref": "#/$defs/scheduled_item"}},
        "findings": _FINDINGS,
    }
)

_ASPECT = _object({"status": _RAG, "reason": {"type": "string"}})

LESSON = _object(
    {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "type": {"enum": ["project", "programme", "corporate"]},
        "kind": {"enum": ["positive", "negative", None]},
        "register": {
            **_NULLABLE_STRING,
            "description": "The project whose lessons log holds it; null: the programme's.",
        },
        "event": _NULLABLE_STRING,
        "cause": _NULLABLE_STRING,
        "effect": _NULLABLE_STRING,
        "recommendation": _NULLABLE_STRING,
        "raised_by": _NULLABLE_STRING,
        "raised_on": _NULLABLE_DATE,
        "applies_to": {"type": "array", "items": {"type": "string"}},
    }
)

STATUS = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "rag": {
            "type": "array",
            "items": _object(
                {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "time": _ASPECT,
                    "cost": _ASPECT,
                    "benefits": _ASPECT,
                    "risk": _ASPECT,
                    "overall": _ASPECT,
                }
            ),
        },
        "benefits_by_year": {
            "type": "array",
            "items": _object(
                {
                    "year": {"type": "string", "pattern": r"^\d{4}/\d{2}$"},
                    "planned": _MONEY,
                    "forecast": _MONEY,
                    "actual": _MONEY,
                }
            ),
        },
        "savings_targets": {"type": "array", "items": {"type": "object"}},
        "benefit_reconciliation": {"type": "array", "items": {"type": "object"}},
        "escalated_risks": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "title", "score"]},
        },
        "lessons": {"type": "array", "items": LESSON},
    }
)

REPORT = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "output": {"type": "string"},
        "file_format": {"enum": ["html", "md"]},
    }
)

RUN = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "programme": _object({"id": {"type": "string"}, "name": {"type": "string"}}),
        "facts": {
            "type": "array",
            "items": _object({"label": {"type": "string"}, "value": {"type": "string"}}),
        },
        "validation": {"$ref": "#/$defs/check"},
        "finish": _NULLABLE_DATE,
        "critical_path": {"type": "array", "items": {"type": "string"}},
        "status": {
            "anyOf": [_object({"rag": _RAG, "reason": {"type": "string"}}), {"type": "null"}]
        },
        "report": {"type": "string"},
    }
)

RULES = _object(
    {
        "schema_version": _VERSION,
        "rules": {
            "type": "array",
            "items": _object(
                {
                    "id": {"type": "string"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "family": {"type": "string"},
                    "description": {"type": "string"},
                    "docs": {"type": "string"},
                }
            ),
        },
    }
)

SCHEMA = {
    "type": "object",
    "required": ["$schema"],
    "properties": {"$schema": {"type": "string"}},
}

IMPORT = _object(
    {
        "schema_version": _VERSION,
        "output": _NULLABLE_STRING,
        "items": {"type": "integer", "minimum": 0},
        "findings": _FINDINGS,
        "definition": {"type": ["object", "null"]},
    },
    {  # with --update: the project updated and what changed
        "update": _object(
            {
                "programme": {"type": "string"},
                "project": {"type": "string"},
                "dry_run": {"type": "boolean"},
                "changes": {
                    "type": "array",
                    "items": _object(
                        {
                            "kind": {
                                "enum": [
                                    "added",
                                    "removed",
                                    "moved",
                                    "renamed",
                                    "re-planned",
                                    "progress",
                                    "re-dated",
                                ]
                            },
                            "what": {"enum": ["project", "stage", "task", "milestone"]},
                            "id": {"type": "string"},
                            "name": {"type": "string"},
                            "detail": {"type": "string"},
                        }
                    ),
                },
            }
        )
    },
)

EXPORT = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "what": {"type": "string"},
        "file_format": {"enum": ["xlsx", "csv", "xml"]},
        "output": {"type": "string"},
        "findings": _FINDINGS,
    }
)

_PERCENT: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 100}
_SPREAD = _object(
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"enum": ["programme", "project", "milestone"]},
        "p10": _DATE,
        "p50": _DATE,
        "p80": _DATE,
        "p90": _DATE,
        "mean": _DATE,
        "plan": _NULLABLE_DATE,
        "plan_percentile": {"anyOf": [_PERCENT, {"type": "null"}]},
    }
)

RISK_ANALYSIS = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "iterations": {"type": "integer", "minimum": 1},
        "seed": {"type": "integer", "minimum": 0},
        "block": {"type": "integer", "minimum": 1},
        "finish": {"$ref": "#/$defs/date_spread"},
        "projects": {"type": "array", "items": {"$ref": "#/$defs/date_spread"}},
        "milestones": {"type": "array", "items": {"$ref": "#/$defs/date_spread"}},
        "deadlines": {
            "type": "array",
            "items": _object(
                {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "due": _DATE,
                    "probability": _PERCENT,
                }
            ),
        },
        "tasks": {
            "type": "array",
            "items": _object(
                {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "criticality": _PERCENT,
                    "sensitivity": {"type": ["number", "null"], "minimum": -1, "maximum": 1},
                }
            ),
        },
        "risks": {
            "type": "array",
            "items": _object(
                {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "likelihood": _PERCENT,
                    "occurred": _PERCENT,
                    "p80_finish_days": {"type": "integer"},
                    "p80_cost": _NULLABLE_MONEY,
                }
            ),
        },
        "cost": {
            "anyOf": [
                _object(
                    {
                        "p10": _MONEY,
                        "p50": _MONEY,
                        "p80": _MONEY,
                        "p90": _MONEY,
                        "mean": _MONEY,
                        "plan": _MONEY,
                        "plan_percentile": _PERCENT,
                    }
                ),
                {"type": "null"},
            ]
        },
        "savings": {
            "type": "array",
            "items": _object(
                {
                    "year": {"type": "string"},
                    "plan": _MONEY,
                    "p10": _MONEY,
                    "p50": _MONEY,
                    "p90": _MONEY,
                    "mean": _MONEY,
                }
            ),
        },
        "targets": {
            "type": "array",
            "items": _object(
                {
                    "name": {"type": "string"},
                    "years": {"type": "string"},
                    "amount": _MONEY,
                    "plan": _MONEY,
                    "probability": _PERCENT,
                }
            ),
        },
    }
)

_BASELINE = {
    "anyOf": [
        _object(
            {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "date": _DATE,
                "approval": _NULLABLE_STRING,
            }
        ),
        {"type": "null"},
    ]
}

COMPARE = _object(
    {
        "schema_version": _VERSION,
        "status_date": _DATE,
        "status_date_source": _SOURCE,
        "baseline": {
            **_BASELINE,
            "description": "The baseline compared from; null when the programme has none.",
        },
        "against": {
            **_BASELINE,
            "description": "The later baseline compared with; null: the plan at the status date.",
        },
        "changes_behind": {
            "type": "array",
            "description": "Each baseline after the one compared from (up to `against`), with "
            "the approval it cites and the change that approval decided.",
            "items": _object(
                {
                    "baseline": {"type": "string"},
                    "approval": {
                        "anyOf": [
                            _object(
                                {
                                    "id": {"type": "string"},
                                    "decision": {"type": "string"},
                                    "outcome": {"type": "string"},
                                    "approvers": {"type": "array", "items": {"type": "string"}},
                                    "date": _DATE,
                                    "delegation": _NULLABLE_STRING,
                                    "value": _NULLABLE_MONEY,
                                }
                            ),
                            {"type": "null"},
                        ]
                    },
                    "change": {
                        "anyOf": [
                            _object(
                                {
                                    "id": {"type": "string"},
                                    "title": {"type": "string"},
                                    "type": {"enum": ["request_for_change", "off_specification"]},
                                    "impact": {
                                        "anyOf": [
                                            _object(
                                                {
                                                    "time": {"type": ["integer", "null"]},
                                                    "cost": _NULLABLE_MONEY,
                                                    "benefit": _NULLABLE_MONEY,
                                                }
                                            ),
                                            {"type": "null"},
                                        ]
                                    },
                                }
                            ),
                            {"type": "null"},
                        ]
                    },
                }
            ),
        },
        "changes": {
            "type": "array",
            "items": _object(
                {
                    "kind": {
                        "enum": [
                            "slipped",
                            "pulled_in",
                            "cost_changed",
                            "added",
                            "removed",
                            "risk_added",
                            "risk_closed",
                            "risk_rescored",
                            "reprofiled",
                        ]
                    },
                    "subject": {"type": "string"},
                    "message": {"type": "string"},
                    "data": {"type": "object"},
                }
            ),
        },
    }
)

_DOCUMENTS: dict[str, dict[str, Any]] = {
    "check": CHECK,
    "schedule": SCHEDULE,
    "risk-analysis": RISK_ANALYSIS,
    "status": STATUS,
    "compare": COMPARE,
    "report": REPORT,
    "run": RUN,
    "rules": RULES,
    "schema": SCHEMA,
    "import": IMPORT,
    "export": EXPORT,
}

OUTPUT_SCHEMAS = frozenset([*_DOCUMENTS, "error"])
"""The names `progman schema --output` takes: each command, and `error`."""


def output_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of `progman COMMAND --format json` (its document, or the error
    document), or of the error document alone for `error`.

    >>> output_schema("check")["oneOf"][1]["$ref"]
    '#/$defs/error'
    """
    defs: dict[str, Any] = {
        "finding": FINDING,
        "finding_fields": {"type": "object", "properties": FINDING["properties"]},
        "error": ERROR,
        "check": CHECK,
        "scheduled_item": _SCHEDULED_ITEM,
        "date_spread": _SPREAD,
    }
    head = {
        "$schema": _DRAFT,
        "$id": f"urn:progman:output:{SCHEMA_VERSION}:{command}",
        "title": f"progman {command} --format json" if command != "error" else "progman error",
        "$defs": defs,
    }
    if command == "error":
        return {**head, "$ref": "#/$defs/error"}
    return {**head, "oneOf": [_DOCUMENTS[command], {"$ref": "#/$defs/error"}]}
