"""Programme files that include project files: resolved, located, and refused when unsafe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import progman
from progman.io.locations import locate
from progman.io.yaml import check_path


def write(folder: Path, name: str, text: str) -> Path:
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


@pytest.fixture
def programme_folder(tmp_path: Path) -> Path:
    write(
        tmp_path,
        "programme.yaml",
        "id: otp\nname: OTP\nprojects:\n  - include: projects/ict-delt.yaml\n"
        "  - {id: portal, name: Portal}\n",
    )
    write(
        tmp_path,
        "projects/ict-delt.yaml",
        "# ICT transfer to Delt\nid: ict-delt\nname: ICT-Delt migration\nrisks:\n"
        "  - {id: R1, title: Transfer slips, probability: 3, impact: 4}\n",
    )
    return tmp_path


def test_included_project_is_read_in_place(programme_folder: Path) -> None:
    programme = progman.load(programme_folder)
    assert [p.id for p in programme.projects] == ["ict-delt", "portal"]
    assert programme.projects[0].risks[0].score == 12


def test_locations_point_into_the_included_file(programme_folder: Path) -> None:
    programme = progman.load(programme_folder)
    location = locate(programme, "projects[0].risks[0].title")
    assert location is not None
    assert Path(location.file).name == "ict-delt.yaml"
    assert (location.line, location.column) == (5, 21)
    portal = locate(programme, "projects[1].name")
    assert portal is not None
    assert (Path(portal.file).name, portal.line) == ("programme.yaml", 5)


def test_errors_in_an_included_file_are_located_there(programme_folder: Path) -> None:
    write(programme_folder, "projects/ict-delt.yaml", "id: ict-delt\nname: X\nstatus: done\n")
    [finding] = check_path(programme_folder)
    assert finding.code == "DEF-INVALID"
    assert finding.path == "projects[0].status"
    assert finding.location is not None
    assert Path(finding.location.file).name == "ict-delt.yaml"
    assert (finding.location.line, finding.location.column) == (3, 9)


def test_missing_include(programme_folder: Path) -> None:
    write(
        programme_folder,
        "programme.yaml",
        "id: otp\nname: OTP\nprojects:\n  - include: nope.yaml\n",
    )
    [finding] = check_path(programme_folder)
    assert finding.code == "YAML-INCLUDE"
    assert "no such file" in finding.message
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (4, 5)


def test_include_cycle(tmp_path: Path) -> None:
    write(tmp_path, "programme.yaml", "id: otp\nname: OTP\nprojects:\n  - include: a.yaml\n")
    write(tmp_path, "a.yaml", "id: a\nname: A\nrisks:\n  - include: b.yaml\n")
    write(tmp_path, "b.yaml", "id: b\nname: B\nrisks:\n  - include: a.yaml\n")
    [finding] = check_path(tmp_path)
    assert finding.code == "YAML-INCLUDE"
    assert finding.message == "include cycle: programme.yaml -> a.yaml -> b.yaml -> a.yaml"
    assert finding.location is not None
    assert (Path(finding.location.file).name, finding.location.line) == ("b.yaml", 4)


def test_include_escaping_the_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "secret.yaml", "id: s\nname: S\n")
    folder = tmp_path / "otp"
    write(folder, "programme.yaml", "id: otp\nname: OTP\nprojects:\n  - include: ../secret.yaml\n")
    [finding] = check_path(folder)
    assert (finding.code, "outside the programme's folder" in finding.message) == (
        "YAML-INCLUDE",
        True,
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_escaping_the_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "secret.yaml", "id: s\nname: S\n")
    folder = tmp_path / "otp"
    write(folder, "programme.yaml", "id: otp\nname: OTP\nprojects:\n  - include: link.yaml\n")
    (folder / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    [finding] = check_path(folder)
    assert finding.code == "YAML-INCLUDE"
    assert "outside" in finding.message


def test_include_needs_a_file() -> None:
    with pytest.raises(progman.DefinitionError) as caught:
        progman.loads("id: otp\nname: OTP\nprojects:\n  - include: p.yaml\n")
    assert [p.code for p in caught.value.problems] == ["YAML-INCLUDE"]
