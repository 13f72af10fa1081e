"""`make mutate`'s configuration (pyproject.toml) matches the code, the tests and the docs."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MUTATE = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["progman"]["mutate"]


def test_every_module_and_test_file_listed_exists() -> None:
    missing = [
        path
        for module, tests in MUTATE["modules"].items()
        for path in [f"src/progman/{module}", *tests]
        if not (REPO / path).exists()
    ]
    assert missing == []


def test_every_equivalent_mutant_is_listed_with_its_reason_in_the_docs() -> None:
    docs = (REPO / "docs" / "testing.md").read_text("utf-8")
    unlisted = [
        name
        for name, reason in MUTATE["equivalent"].items()
        if f"`{name.removeprefix('progman.')}`: {reason}" not in docs
    ]
    assert unlisted == []


def test_the_floor_applies_to_listed_modules() -> None:
    assert set(MUTATE["floored"]) <= set(MUTATE["modules"])
    assert MUTATE["floor"] == 85
