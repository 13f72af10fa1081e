"""The public surface: `__all__` is exactly what is exported, and import stays light."""

from __future__ import annotations

import subprocess
import sys

import progman


def test_all_lists_exactly_the_public_names() -> None:
    # Subpackages appear as attributes once something imports them.
    subpackages = {"model", "findings", "io", "cli", "report", "control"}
    public = {
        name for name in vars(progman) if not name.startswith("_") and name not in subpackages
    }
    assert set(progman.__all__) == public | {"__version__"}


def test_all_is_sorted_for_readers() -> None:
    names = [name for name in progman.__all__ if name != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))


def test_version_is_a_string() -> None:
    assert isinstance(progman.__version__, str)
    assert progman.__version__[0].isdigit()


def test_import_does_not_load_heavy_dependencies() -> None:
    code = (
        "import sys, progman; "
        "heavy = [m for m in ('networkx', 'numpy', 'ruamel.yaml', 'pandas') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
