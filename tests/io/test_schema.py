"""The JSON Schema accepts what the loader accepts, so editors do not flag valid files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml_rs

import progman

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = progman.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read(text: str) -> Any:
    # yaml-language-server reads YAML 1.2 as the loader does: dates are strings.
    return yaml_rs.loads(text, parse_datetime=False)


def test_bundled_example_is_valid(validator: Any) -> None:
    text = (REPO / "examples" / "quick-tour" / "programme.yaml").read_text(encoding="utf-8")
    assert list(validator.iter_errors(read(text))) == []


def test_shorthands_and_includes_are_valid(validator: Any) -> None:
    text = (
        "id: otp\nname: OTP\nprojects:\n  - include: projects/portal.yaml\n"
        "  - id: llp\n    name: LLP\n    tasks:\n"
        "      - {id: a, name: A, duration: 1}\n"
        "      - {id: b, name: B, duration: 2, depends_on: [a, {on: a, type: SS}]}\n"
        "benefits:\n  - id: b1\n    name: Saving\n"
        "    profile: {kpi: Savings, periods: [{financial_year: 2013/14, planned: 4m}]}\n"
    )
    assert list(validator.iter_errors(read(text))) == []


def test_mistakes_are_flagged(validator: Any) -> None:
    errors = list(validator.iter_errors(read("id: otp\nname: OTP\nbugdet: 1\nsro: 'not an id'\n")))
    assert sorted(error.validator for error in errors) == ["additionalProperties", "anyOf"]


def test_descriptions_come_from_the_model_without_doctests() -> None:
    schema = progman.json_schema()
    risk = schema["$defs"]["Risk"]
    assert risk["properties"]["owner"]["description"] == (
        "Who manages the risk (required while it is active)."
    )
    assert ">>>" not in str(schema)
