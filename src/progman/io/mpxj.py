"""Plans in other formats (.mpp, .mpx, .xer, .pmxml, ProjectLibre .pod) through MPXJ.

[MPXJ](https://www.mpxj.org/) reads Microsoft Project's binary .mpp files and
most other planning formats. It is a Java library: the optional extra
`pip install 'progman[mpp]'` brings it (`mpxj`, with `JPype1` to call Java from
Python), and a Java runtime must be installed (`apt-get install
default-jre-headless` on Debian). `load(path)` has MPXJ read the plan and write
it as Microsoft Project XML (MSPDI), which `progman.io.mspdi` then reads: the same
mapping, findings and date check as a file saved from Microsoft Project as XML.
Without MPXJ or Java, `MpxjUnavailable` says what to install, and how to save the
plan as XML from Microsoft Project instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from .mspdi import ImportResult, MspdiError, loads

__all__ = ["SUFFIXES", "MpxjUnavailable", "java_available", "load"]

SUFFIXES = frozenset({".mpp", ".mpt", ".mpx", ".xer", ".pmxml", ".pod", ".gan", ".planner"})
"""File endings read through MPXJ (any other plan MPXJ recognises is read too)."""

_HINT = (
    "install the optional extra with `pip install 'progman[mpp]'` and a Java runtime "
    "(Debian and Ubuntu: `apt-get install default-jre-headless`); or open the plan in "
    "Microsoft Project, choose File > Save As > XML (*.xml), and import the .xml file"
)


class MpxjUnavailable(RuntimeError):
    """MPXJ cannot be used here: the `mpxj`/`JPype1` packages or a Java runtime are missing."""


def java_available() -> bool:
    """True when a Java runtime can be found (`JAVA_HOME` or `java` on the PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None


def _mpxj() -> Any:
    """MPXJ's Java package `org.mpxj`, starting the Java virtual machine once."""
    try:
        import jpype
        import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)
    except ImportError as error:
        raise MpxjUnavailable(
            f"reading this plan needs MPXJ ({error.name} is missing): {_HINT}"
        ) from None
    if not java_available():
        raise MpxjUnavailable(f"reading this plan needs a Java runtime for MPXJ: {_HINT}") from None
    if not jpype.isJVMStarted():
        try:
            jpype.startJVM()
        except (OSError, RuntimeError) as error:
            raise MpxjUnavailable(
                f"Java could not be started for MPXJ ({error}): {_HINT}"
            ) from None
    return jpype.JPackage("org").mpxj


def load(path: str | Path) -> ImportResult:
    """Read a plan in any format MPXJ reads, as `progman.io.mspdi.load` reads MSPDI.

    Findings are located in the MSPDI MPXJ wrote for the file, and name the file
    as `plan.mpp (as MSPDI)`. Raises `MpxjUnavailable` without MPXJ or Java, and
    `MspdiError` when the file cannot be read.
    """
    file = Path(path)
    if not file.is_file():
        raise MspdiError([Finding("MSPDI-READ", Severity.ERROR, f"{file}: no such file")])
    org_mpxj = _mpxj()
    import jpype

    try:
        project = org_mpxj.reader.UniversalProjectReader().read(str(file))
    except jpype.JException as error:
        raise MspdiError(
            [Finding("MSPDI-READ", Severity.ERROR, f"{file}: MPXJ cannot read it: {error}")]
        ) from None
    if project is None:
        raise MspdiError(
            [
                Finding(
                    "MSPDI-NOT-PROJECT",
                    Severity.ERROR,
                    f"{file}: MPXJ does not recognise this as a plan in any format it reads",
                )
            ]
        )
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / "plan.xml"
        org_mpxj.mspdi.MSPDIWriter().write(project, str(written))
        data = written.read_bytes()
    return loads(data, f"{file} (as MSPDI)")
