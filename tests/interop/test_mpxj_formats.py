"""Plans in other formats through MPXJ (`progman[mpp]`): the files are written by MPXJ's own
writers from our hand-written MSPDI fixture, then read back through `progman.io.mpxj`.
Skipped where MPXJ or a Java runtime is missing; the message for that case is tested
everywhere."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from progman.cli import main
from progman.io import mpxj as via_mpxj
from progman.io.mspdi import MspdiError, load

FIXTURES = Path(__file__).parent / "fixtures"


def test_without_mpxj_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "jpype", None)  # as if JPype1 were not installed
    plan = tmp_path / "plan.mpp"
    plan.write_bytes(b"\xd0\xcf\x11\xe0")  # the start of an OLE2 (.mpp) file
    with pytest.raises(via_mpxj.MpxjUnavailable, match=r"progman\[mpp\]"):
        via_mpxj.load(plan)
    assert main(["import", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "pip install 'progman[mpp]'" in err
    assert "File > Save As > XML" in err
    assert "Traceback" not in err


def test_without_java_the_message_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    monkeypatch.setattr(via_mpxj, "java_available", lambda: False)
    plan = tmp_path / "plan.xer"
    plan.write_text("ERMHDR", encoding="utf-8")
    with pytest.raises(via_mpxj.MpxjUnavailable, match="Java runtime"):
        via_mpxj.load(plan)


@pytest.fixture(scope="module")
def mpxj() -> Any:
    if not via_mpxj.java_available():  # pragma: no cover - depends on the machine
        pytest.skip("no Java runtime for MPXJ")
    pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    return via_mpxj._mpxj()


def _write(mpxj: Any, writer: Any, target: Path) -> Path:
    project = mpxj.reader.UniversalProjectReader().read(str(FIXTURES / "plan.xml"))
    if target.suffix == ".xer":
        # Primavera P6 keeps an activity's duration as done plus remaining (an unstarted
        # one: none done, all of it remaining); the fixture, from MS Project, has neither.
        import jpype

        unit = jpype.JClass("org.mpxj.TimeUnit")
        for task in project.getTasks():
            if task.getDuration() is not None:
                task.setActualDuration(jpype.JClass("org.mpxj.Duration").getInstance(0, unit.DAYS))
                task.setRemainingDuration(task.getDuration())
    writer.write(project, str(target))
    return target


def _plan_of(path: Path) -> list[tuple[str, int, list[tuple[str, str, int]]]]:
    """Each task's name, duration and links (by name): what every format carries."""
    result = via_mpxj.load(path) if path.suffix != ".xml" else load(path)
    names = {item.id: item.name for _, _, item in result.programme.work_items()}
    return [
        (item.name, item.duration, [(names[d.on], str(d.type), d.lag) for d in item.depends_on])
        for _, _, item in result.programme.work_items()
    ]


@pytest.mark.parametrize(
    ("suffix", "writer"),
    [
        (".mpx", "mpx.MPXWriter"),
        (".pmxml", "primavera.PrimaveraPMFileWriter"),
        (".xer", "primavera.PrimaveraXERFileWriter"),
    ],
)
def test_a_plan_in_another_format_reads_as_the_xml_does(
    suffix: str, writer: str, mpxj: Any, tmp_path: Path
) -> None:
    package, name = writer.split(".")
    written = _write(mpxj, getattr(getattr(mpxj, package), name)(), tmp_path / f"plan{suffix}")
    # Primavera lists activities by WBS and milestones apart: the same plan, in another order.
    assert sorted(_plan_of(written)) == sorted(_plan_of(FIXTURES / "plan.xml"))


def test_progman_import_reads_an_mpx_file(
    mpxj: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = _write(mpxj, mpxj.mpx.MPXWriter(), tmp_path / "plan.mpx")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(written), "-o", str(out), "--no-date-check"]) == 0
    assert "build-portal" in out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    # the fixture's 11 tasks and milestones, and its one note (the flattened summary; its
    # finish-no-later-than is carried), located in the MSPDI MPXJ wrote for the file
    assert "11 tasks and milestones imported, 1 finding" in err
    assert "plan.mpx (as MSPDI):" in err


def test_a_file_mpxj_cannot_read_is_a_clear_error(mpxj: Any, tmp_path: Path) -> None:
    plan = tmp_path / "plan.mpp"
    plan.write_bytes(b"not a plan at all")
    with pytest.raises(MspdiError) as caught:
        via_mpxj.load(plan)
    assert caught.value.findings[0].code in {"MSPDI-READ", "MSPDI-NOT-PROJECT"}
    assert str(plan) in caught.value.findings[0].message
