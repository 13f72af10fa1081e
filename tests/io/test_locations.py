"""Source maps: every loaded programme can say where each of its parts was written."""

from __future__ import annotations

from pathlib import Path

import progman
from progman.io.locations import LazySourceMap, locate, source_map

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "quick-tour" / "programme.yaml"


def test_fast_path_locates_lazily() -> None:
    programme = progman.load(EXAMPLE)
    found = source_map(programme)
    assert isinstance(found, LazySourceMap)
    # Line 75 is `        owner: pa-lead`: the value starts in column 16.
    location = locate(programme, "projects[0].risks[0].owner")
    assert location is not None
    assert (location.line, location.column) == (75, 16)
    # A list item is located at its first key; a missing optional field at its parent.
    item = locate(programme, "projects[1]")
    assert item is not None
    assert (item.line, item.column) == (79, 5)
    parent = locate(programme, "projects[1].budget")
    assert parent == item


def test_careful_path_locates_too() -> None:
    # The anchor sends this file down the careful path, which records positions as it reads.
    programme = progman.loads(
        "id: otp\nname: OTP\nsponsoring_group: &sg [gtolley]\nboards:\n"
        "  - {id: sg, name: Sponsors, members: *sg}\n",
        source="otp.yaml",
    )
    assert not isinstance(source_map(programme), LazySourceMap)
    assert str(locate(programme, "boards[0].name")) == "otp.yaml:5:20"
    assert str(locate(programme, "sponsoring_group[0]")) == "otp.yaml:3:24"


def test_programme_built_in_code_has_no_locations() -> None:
    programme = progman.Programme(id="otp", name="OTP")
    assert locate(programme, "name") is None
