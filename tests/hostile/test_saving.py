"""Edits lost or misplaced on save (issue 12, item 3): two writers, a hand edit after
loading, symbolic links, read-only files, byte-order marks and temporary files left by a
killed save."""

from __future__ import annotations

import codecs
import os
import time
from pathlib import Path

import pytest

import progman

TEXT = """\
id: otp   # the OTP
name: OTP
risks:
  - id: R1
    title: Slips
    probability: 3
    impact: 4
  - id: R2
    title: Costs rise
    probability: 2
    impact: 2
"""


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "programme.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_the_second_of_two_writers_is_refused_not_lost(file: Path) -> None:
    alice, bob = progman.load(file), progman.load(file)
    alice.risks[0].impact = 5
    progman.dump(alice, file)
    bob.risks[1].impact = 1
    with pytest.raises(progman.DefinitionChanged) as caught:
        progman.dump(bob, file)
    assert caught.value.path == file
    message = str(caught.value)
    assert "load it again" in message
    assert "force=True" in message
    assert progman.load(file).risks[0].impact == 5  # Alice's edit is kept
    assert progman.load(file).risks[1].impact == 2  # and Bob's is not written


def test_force_overwrites_as_asked(file: Path) -> None:
    alice, bob = progman.load(file), progman.load(file)
    alice.risks[0].impact = 5
    progman.dump(alice, file)
    bob.risks[1].impact = 1
    progman.dump(bob, file, force=True)
    after = progman.load(file)
    assert (after.risks[0].impact, after.risks[1].impact) == (4, 1)  # Bob's whole view


def test_a_hand_edit_after_loading_is_not_reverted(file: Path) -> None:
    programme = progman.load(file)
    file.write_text(TEXT.replace("title: Slips", "title: Transfer slips"), encoding="utf-8")
    programme.risks[1].impact = 3
    with pytest.raises(progman.DefinitionChanged):
        progman.dump(programme, file)
    assert "Transfer slips" in file.read_text(encoding="utf-8")


def test_saving_twice_is_not_a_conflict(file: Path) -> None:
    programme = progman.load(file)
    programme.risks[0].impact = 5
    progman.dump(programme, file)
    programme.risks.pop()  # the round-trip path this time
    progman.dump(programme, file)
    assert [risk.id for risk in progman.load(file).risks] == ["R1"]


def test_a_changed_included_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(
        "id: otp\nname: OTP\nprojects:\n  - include: portal.yaml\n", encoding="utf-8"
    )
    portal = tmp_path / "portal.yaml"
    portal.write_text("id: portal\nname: Portal\n", encoding="utf-8")
    programme = progman.load(tmp_path)
    portal.write_text("id: portal\nname: Customer portal\n", encoding="utf-8")
    programme.projects[0].status = progman.ProjectStatus.CLOSED
    with pytest.raises(progman.DefinitionChanged) as caught:
        progman.dump(programme, tmp_path)
    assert caught.value.path == portal.resolve()


def test_a_removed_file_is_a_change(file: Path) -> None:
    programme = progman.load(file)
    file.unlink()
    with pytest.raises(progman.DefinitionChanged, match="was removed"):
        progman.dump(programme, file)


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "definitions" / "otp.yaml"
    real.parent.mkdir()
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "programme.yaml"
    link.symlink_to(real)
    programme = progman.load(tmp_path)
    programme.risks[0].impact = 5  # text patch
    progman.dump(programme, tmp_path)
    programme.risks.pop()  # ruamel round-trip
    progman.dump(programme, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert progman.load(real).risks[0].impact == 5
    assert len(progman.load(real).risks) == 1
    assert not list(tmp_path.glob(".programme.yaml.*"))


def test_a_read_only_file_is_refused_even_to_root(file: Path) -> None:
    programme = progman.load(file)
    programme.risks[0].impact = 5
    file.chmod(0o444)
    try:
        with pytest.raises(PermissionError, match="read-only"):
            progman.dump(programme, file)
        assert file.read_text(encoding="utf-8") == TEXT
    finally:
        file.chmod(0o644)


@pytest.mark.parametrize("crlf", [False, True])
def test_a_byte_order_mark_is_kept(file: Path, crlf: bool) -> None:
    text = TEXT.replace("\n", "\r\n") if crlf else TEXT
    file.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    programme = progman.load(file)
    programme.risks[0].impact = 5  # written into the text
    progman.dump(programme, file)
    assert file.read_bytes() == codecs.BOM_UTF8 + text.replace("impact: 4", "impact: 5").encode(
        "utf-8"
    )
    programme.risks.pop()  # written by the round-trip path
    progman.dump(programme, file)
    data = file.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert not data[3:].startswith(codecs.BOM_UTF8)
    assert (b"\r\n" in data) == crlf


def test_temporary_files_a_killed_save_left_are_removed(file: Path) -> None:
    stale = file.parent / ".programme.yaml.k1ll3d_0.tmp"  # mkstemp's naming, 8 characters
    fresh = file.parent / ".programme.yaml.s4v1ng00.tmp"  # another save under way
    other = file.parent / ".programme.yaml.notours.tmp"  # not a name we make
    for path in (stale, fresh, other):
        path.write_text("id: half", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    programme = progman.load(file)
    programme.risks[0].impact = 5
    progman.dump(programme, file)
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


# --- reorders and removals match items by id ----------------------------------------------

PEOPLE = """\
id: otp
name: OTP
people:
  # Officers
  - id: alice   # Alice is the s151 officer
    name: Alice
    title: Chief Finance Officer
  - id: bob
    name: Bob   # Monitoring officer
  - {id: carol, name: Carol}
risks: []
"""


def people(tmp_path: Path) -> tuple[Path, progman.Programme]:
    file = tmp_path / "programme.yaml"
    file.write_text(PEOPLE, encoding="utf-8")
    return file, progman.load(file)


def test_a_reorder_moves_each_item_with_its_comments(tmp_path: Path) -> None:
    file, programme = people(tmp_path)
    programme.people.reverse()
    progman.dump(programme, file)
    assert file.read_text(encoding="utf-8") == (
        "id: otp\nname: OTP\npeople:\n"
        "  - {id: carol, name: Carol}\n"
        "  - id: bob\n    name: Bob   # Monitoring officer\n"
        "  # Officers\n"
        "  - id: alice   # Alice is the s151 officer\n"
        "    name: Alice\n    title: Chief Finance Officer\n"
        "risks: []\n"
    )


def test_a_removal_takes_the_item_and_leaves_the_others_comments(tmp_path: Path) -> None:
    file, programme = people(tmp_path)
    del programme.people[1]
    progman.dump(programme, file)
    assert file.read_text(encoding="utf-8") == PEOPLE.replace(
        "  - id: bob\n    name: Bob   # Monitoring officer\n", ""
    )


def test_moved_changed_added_and_removed_at_once(tmp_path: Path) -> None:
    file, programme = people(tmp_path)
    alice, bob, _ = programme.people
    bob.name = "Robert"
    programme.people = [alice, progman.Person(id="dave", name="Dave"), bob]
    progman.dump(programme, file)
    assert file.read_text(encoding="utf-8") == (
        "id: otp\nname: OTP\npeople:\n"
        "  # Officers\n"
        "  - id: alice   # Alice is the s151 officer\n"
        "    name: Alice\n    title: Chief Finance Officer\n"
        "  - id: dave\n    name: Dave\n"
        "  - id: bob\n    name: Robert   # Monitoring officer\n"
        "risks: []\n"
    )
    assert progman.load(file) == programme


def test_the_round_trip_path_also_matches_by_id(tmp_path: Path) -> None:
    file, programme = people(tmp_path)
    programme.people.reverse()
    programme.people[2].title = None  # a value unset: beyond text patching
    progman.dump(programme, file)
    lines = file.read_text(encoding="utf-8").splitlines()
    assert [p.id for p in progman.load(file).people] == ["carol", "bob", "alice"]
    assert "s151" in next(line for line in lines if "id: alice" in line)
    assert "Monitoring" in next(line for line in lines if "name: Bob" in line)
    assert not any("Chief Finance Officer" in line for line in lines)


@pytest.mark.parametrize("round_trip", [False, True])
def test_swapping_included_projects_keeps_each_files_contents(
    tmp_path: Path, round_trip: bool
) -> None:
    top = "id: otp\nname: OTP\nstart: 2012-04-02\nprojects:\n"
    (tmp_path / "programme.yaml").write_text(
        top + "  - include: a.yaml   # first\n  - include: b.yaml\n", encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("id: a\nname: Project A\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nname: Project B\n", encoding="utf-8")
    programme = progman.load(tmp_path)
    programme.projects.reverse()
    if round_trip:
        programme.start = None  # a value unset: ruamel's round trip does the rest
    progman.dump(programme, tmp_path)
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "id: a\nname: Project A\n"
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "id: b\nname: Project B\n"
    assert [p.id for p in progman.load(tmp_path).projects] == ["b", "a"]
    if not round_trip:
        assert (tmp_path / "programme.yaml").read_text(encoding="utf-8") == (
            top + "  - include: b.yaml\n  - include: a.yaml   # first\n"
        )


@pytest.mark.parametrize(
    ("character", "escape"), [("\x85", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")]
)
def test_a_line_separator_in_a_value_is_saved_escaped(
    tmp_path: Path, character: str, escape: str
) -> None:
    # The loader refuses these characters raw (YAML readers disagree on them), so a save
    # must write them as YAML's double-quoted escapes, on every path.
    file = tmp_path / "programme.yaml"
    file.write_text(TEXT + "finish: 2017-03-31\n", encoding="utf-8")
    programme = progman.load(file)
    programme.name = f"O{character}TP"  # written into the text
    progman.dump(programme, file)
    assert f'name: "O{escape}TP"\n' in file.read_text(encoding="utf-8")
    programme.risks[0].title = f"Slips{character}again"
    programme.finish = None  # a value unset: the round-trip path, ruamel.yaml writes it
    progman.dump(programme, file)
    assert f'title: "Slips{escape}again"' in file.read_text(encoding="utf-8")
    assert progman.load(file) == programme
    clean = tmp_path / "clean.yaml"
    progman.dump(progman.Programme(id="otp", name=f"O{character}TP"), clean)
    assert clean.read_text(encoding="utf-8") == f'id: otp\nname: "O{escape}TP"\n'


WRITER = """
import pathlib, sys, time
import progman
file, index, folder = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
programme = progman.load(file)
programme.risks[index].impact = 5
(folder / f"ready-{index}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
try:
    progman.dump(programme, file)
    print("saved")
except progman.DefinitionChanged:
    print("refused")
"""


def test_writers_saving_at_the_same_moment_lose_nothing(tmp_path: Path) -> None:
    # The two people, four of them here, released at once: before, every save
    # passed the check and all but the last edit were lost. One save at a time per folder.
    import subprocess
    import sys

    file = tmp_path / "programme.yaml"
    risks = "".join(f"  - {{id: R{i}, title: t, probability: 1, impact: 1}}\n" for i in range(4))
    file.write_text("id: otp\nname: OTP\nrisks:\n" + risks, encoding="utf-8")
    signals = tmp_path / "signals"
    signals.mkdir()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(file), str(i), str(signals)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    deadline = time.monotonic() + 60
    while len(list(signals.glob("ready-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    (signals / "go").touch()
    outcomes = [writer.communicate(timeout=60)[0].strip() for writer in writers]
    assert sorted(set(outcomes)) <= ["refused", "saved"], outcomes
    saved = [i for i, outcome in enumerate(outcomes) if outcome == "saved"]
    assert saved, outcomes
    final = progman.load(file)
    assert all(final.risks[i].impact == 5 for i in saved)  # every save that said so, kept
    assert all(final.risks[i].impact == 1 for i in range(4) if i not in saved)


def test_a_copy_saved_elsewhere_is_not_watched(file: Path, tmp_path: Path) -> None:
    programme = progman.load(file)
    copy = tmp_path / "copy.yaml"
    progman.dump(programme, copy)
    copy.write_text("id: other\nname: Other\n", encoding="utf-8")  # the copy's own life
    programme.risks[0].impact = 5
    progman.dump(programme, file)  # the file it was loaded from has not changed
    assert progman.load(file).risks[0].impact == 5
