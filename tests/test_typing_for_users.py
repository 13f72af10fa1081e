"""Typed for users: the documented style (`budget="20k"`, `status="delivering"`, dates as
ISO text) type-checks in a user's own code under `mypy --strict` without pydantic's mypy
plugin, and so does every example in docs/ (each page's doctest lines, checked as a user's
module)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

USER_CODE = """\
from decimal import Decimal

import progman as pm

portal = pm.Project(id="portal", name="Portal", budget="20k", status="delivering",
                    start="2013-01-07", tasks=[pm.Task(id="build", name="Build", duration=5,
                                                       depends_on=["spec"])])
otp = pm.Programme(id="otp", name="OTP", status_date="2013-01-10", projects=[portal])
period = pm.ProfilePeriod(financial_year="2012/13", planned="1.4m")
budget: Decimal | None = portal.budget   # attributes keep their stored types
result = pm.validate(otp, status_date="2013-01-10")
"""


def docs_as_user_code() -> str:
    """Every docs page's doctest lines as the body of one typed function per page."""
    out = ["from __future__ import annotations"]
    for page in sorted((REPO / "docs").glob("*.md")):
        lines = [m[2] for m in re.finditer(r"(?m)^(>>> |\.\.\. ?)(.*)$", page.read_text("utf-8"))]
        if lines:
            name = re.sub(r"\W", "_", page.stem)
            out += [f"def page_{name}() -> None:", *("    " + line for line in lines), "    pass"]
    return "\n".join(out) + "\n"


def mypy_without_plugins(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # no pydantic plugin
    (tmp_path / "user.py").write_text(code, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--strict",
         "--allow-redefinition", "--no-incremental", "user.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def test_the_documented_constructor_style_type_checks(tmp_path: Path) -> None:
    # Regression: budget="20k", status="active" and ISO dates gave 57 errors under
    # mypy --strict without the plugin; ProfilePeriod(financial_year=...) could not be
    # written type-checked at all.
    pytest.importorskip("mypy")
    result = mypy_without_plugins(tmp_path, USER_CODE)
    assert result.returncode == 0, result.stdout


def test_every_docs_example_type_checks_as_user_code(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    result = mypy_without_plugins(tmp_path, docs_as_user_code())
    assert result.returncode == 0, result.stdout[-3000:]


def test_a_typo_in_a_field_name_is_still_refused_when_the_model_is_built() -> None:
    import progman

    with pytest.raises(ValueError, match="bugdet"):
        progman.Project(id="p", name="P", bugdet="20k")
