"""An independent reader and writer of MSPDI: MPXJ, the Java library behind most tools
that open Microsoft Project files. Runs only where the `mpxj` and `JPype1` packages
and a Java runtime are installed (`pip install mpxj JPype1`); skipped otherwise.

progman's export must read back in MPXJ with the same tasks, durations, links and
lags; and MSPDI written by MPXJ (as Microsoft Project writes it: exceptions twice,
every optional element present) must import to the same programme as our fixture.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from progman.io.mspdi import dump, load, schedule_agreement

FIXTURES = Path(__file__).parent / "fixtures"

if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("no Java runtime for MPXJ", allow_module_level=True)
jpype = pytest.importorskip("jpype")
pytest.importorskip("mpxj")  # puts MPXJ's jars on the class path


@pytest.fixture(scope="module")
def mpxj() -> Any:
    if not jpype.isJVMStarted():
        jpype.startJVM()
    return jpype.JPackage("org").mpxj


def links_seen_by_mpxj(project: Any) -> dict[tuple[str, str], tuple[str, float]]:
    out = {}
    for task in project.getTasks():
        for relation in task.getPredecessors():
            lag = relation.getLag()
            key = (str(task.getName()), str(relation.getPredecessorTask().getName()))
            out[key] = (str(relation.getType()), float(lag.getDuration()))
            assert str(lag.getUnits()) == "d"
    return out


@pytest.mark.parametrize("fixture", ["plan.xml", "progress.xml"])
def test_mpxj_reads_our_export(fixture: str, tmp_path: Path, mpxj: Any) -> None:
    ours = load(FIXTURES / fixture)
    exported = tmp_path / "exported.xml"
    dump(ours.programme, exported)
    project = mpxj.reader.UniversalProjectReader().read(str(exported))
    names = {item.id: item.name for _, _, item in ours.programme.work_items()}
    expected_links = {
        (item.name, names[link.on]): (str(link.type), float(link.lag))
        for _, _, item in ours.programme.work_items()
        for link in item.depends_on
    }
    assert links_seen_by_mpxj(project) == expected_links
    durations = {
        str(t.getName()): float(t.getDuration().getDuration())
        for t in project.getTasks()
        if not t.getSummary()
    }
    assert durations == {
        item.name: float(item.duration) for _, _, item in ours.programme.work_items()
    }


@pytest.mark.parametrize("fixture", ["plan.xml", "progress.xml"])
def test_mspdi_written_by_mpxj_imports_the_same(fixture: str, tmp_path: Path, mpxj: Any) -> None:
    project = mpxj.reader.UniversalProjectReader().read(str(FIXTURES / fixture))
    written = tmp_path / "mpxj.xml"
    mpxj.mspdi.MSPDIWriter().write(project, str(written))
    theirs, ours = load(written), load(FIXTURES / fixture)
    assert theirs.programme.projects == ours.programme.projects
    assert theirs.programme.calendars == ours.programme.calendars
    # The same agreement as the hand-written file: none for the plan; for the plan in
    # progress, the one difference that recorded progress explains.
    assert [(f.subject, f.data) for f in schedule_agreement(theirs)] == [
        (f.subject, f.data) for f in schedule_agreement(ours)
    ]
