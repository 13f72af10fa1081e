"""The layers import downwards only: model <- schedule <- forecasting <- rules/control <-
report <- cli. A lower layer may reach a higher one only to display itself (a notebook's
`_repr_html_`, `to_dataframe`), never for its computation.

Regression (issue 15): `progman.forecasting` imported `progman.control.benefits` for the
benefits arithmetic; it now lives in `progman.forecasting.benefits`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "progman"
ABOVE = {
    "model": {"schedule", "forecasting", "rules", "control", "report", "cli", "io"},
    "schedule": {"forecasting", "rules", "control", "report", "cli"},
    "forecasting": {"rules", "control", "report", "cli"},
}
DISPLAY = {"_repr_html_", "to_dataframe"}


def _upward_imports(path: Path, package: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.ImportFrom) and child.level >= 1 and child.module:
                # `from ..control.x import y` inside progman/<package>/ is level 2
                top = child.module.split(".")[0] if child.level == 2 else None
                if top in ABOVE[package] and function not in DISPLAY:
                    found.append(f"{path.name}:{child.lineno} from ..{child.module}")
            visit(child, name)

    visit(tree, None)
    return found


@pytest.mark.parametrize("package", sorted(ABOVE))
def test_no_layer_imports_a_higher_one_for_its_computation(package: str) -> None:
    upward = [
        line
        for path in sorted((SRC / package).glob("*.py"))
        for line in _upward_imports(path, package)
    ]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "compute.py"
    module.write_text(
        "def _benefit_totals():\n    from ..control.benefits import benefit_plans\n",
        encoding="utf-8",
    )
    assert _upward_imports(module, "forecasting") == ["compute.py:2 from ..control.benefits"]


def test_control_benefits_names_still_work() -> None:
    from progman.control import benefits as old
    from progman.forecasting import benefits as new

    for name in old.__all__:
        assert getattr(old, name) is getattr(new, name)
