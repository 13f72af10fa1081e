"""Saving: untouched files stay byte for byte, edits touch only what changed, writes are atomic."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import progman
from progman.io import atomic, layout
from progman.model import ProfilePeriod

REPO = Path(__file__).resolve().parents[2]

COMMENTED = """\
# OTP definition, kept by the programme office.
id: otp   # short id
name: Organisational Transformation Programme
start: 2012-04-02
savings_target: 15.9m          # MTFP 2013-2017
people:
  - {id: gtolley, name: Gail Tolley}
risks:
  # The big one.
  - id: R1
    title: Delt transfer slips
    probability: 3
    impact: 4
    owner: gtolley   # Corporate Director
  - id: R2
    title: 'Portal late: IT resourcing'
    probability: 2
    impact: 2
issues: []
"""


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    file = tmp_path / "programme.yaml"
    file.write_text(COMMENTED, encoding="utf-8")
    return file


def test_dump_without_change_is_byte_identical(commented: Path) -> None:
    programme = progman.load(commented)
    progman.dump(programme, commented)
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_dump_to_another_path_copies_the_text(commented: Path, tmp_path: Path) -> None:
    other = tmp_path / "copy.yaml"
    progman.dump(progman.load(commented), other)
    assert other.read_text(encoding="utf-8") == COMMENTED


def test_the_bundled_example_round_trips_byte_for_byte(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    shutil.copy(REPO / "examples" / "quick-tour" / "programme.yaml", file)
    before = file.read_bytes()
    progman.dump(progman.load(tmp_path), file)
    assert file.read_bytes() == before


def test_changed_scalar_and_new_item_keep_comments_and_order(commented: Path) -> None:
    programme = progman.load(commented)
    programme.risks[0].status = progman.RiskStatus.CLOSED
    programme.risks[1].impact = 5
    programme.issues.append(progman.Issue(id="I-1", title="Portal go-live delayed"))
    progman.dump(programme, commented)
    expected = (
        COMMENTED.replace(
            "    owner: gtolley   # Corporate Director\n",
            "    owner: gtolley   # Corporate Director\n    status: closed\n",
        )
        .replace("    impact: 2\n", "    impact: 5\n")
        # An empty flow list takes the new item in flow style.
        .replace("issues: []\n", "issues: [{id: I-1, title: Portal go-live delayed}]\n")
    )
    assert commented.read_text(encoding="utf-8") == expected
    assert progman.load(commented) == programme


def test_removed_item_and_cleared_field(commented: Path) -> None:
    programme = progman.load(commented)
    del programme.risks[1]
    programme.risks[0].owner = None
    progman.dump(programme, commented)
    text = commented.read_text(encoding="utf-8")
    assert "R2" not in text
    assert "owner: gtolley" not in text
    assert "# The big one.\n" in text
    assert "savings_target: 15.9m          # MTFP 2013-2017\n" in text
    assert progman.load(commented) == programme


def test_changes_in_an_included_project_go_to_its_file(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    main = "id: otp\nname: OTP\nprojects:\n  - include: projects/portal.yaml\n"
    project = "# Portal project\nid: portal\nname: Portal\nstatus: delivering  # since Oct\n"
    (tmp_path / "programme.yaml").write_text(main)
    (tmp_path / "projects" / "portal.yaml").write_text(project)
    programme = progman.load(tmp_path)
    programme.projects[0].status = progman.ProjectStatus.CLOSED
    progman.dump(programme, tmp_path / "programme.yaml")
    assert (tmp_path / "programme.yaml").read_text() == main
    # ruamel keeps an end-of-line comment in its column.
    assert (tmp_path / "projects" / "portal.yaml").read_text() == project.replace(
        "status: delivering  #", "status: closed      #"
    )


def test_programme_built_in_code_is_written_clean(tmp_path: Path) -> None:
    programme = progman.Programme(
        id="otp",
        name="OTP",
        start=date(2012, 4, 2),
        savings_target=Decimal("15900000"),
        projects=[progman.Project(id="portal", name="Portal", status="delivering")],
    )
    file = tmp_path / "otp.yaml"
    progman.dump(programme, file)
    assert file.read_text() == (
        "id: otp\nname: OTP\nstart: 2012-04-02\nsavings_target: 15900000\n"
        "projects:\n- id: portal\n  name: Portal\n  status: delivering\n"
    )
    assert progman.load(file) == programme


def test_failed_write_leaves_the_old_file(commented: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    programme = progman.load(commented)
    programme.risks[0].impact = 1

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        progman.dump(programme, commented)
    assert commented.read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in commented.parent.iterdir()) == ["programme.yaml"]


# --- generated programmes survive dump -> load -------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s != "")
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)

# Tasks and the items they depend on get different first letters: nothing depends on itself.
task_ids = st.from_regex(r"t[a-z0-9-]{0,8}", fullmatch=True)
other_ids = st.from_regex(r"d[a-z0-9-]{0,8}", fullmatch=True)
tasks = st.builds(
    progman.Task,
    id=task_ids,
    name=text,
    duration=st.integers(0, 400),
    budget=st.none() | money,
    must_finish_by=st.none() | days,
    depends_on=st.lists(
        st.builds(progman.Dependency, on=other_ids, lag=st.integers(-5, 5)), max_size=2
    ),
)
risks = st.builds(
    progman.Risk,
    id=ids,
    title=text,
    probability=st.integers(1, 5),
    impact=st.integers(1, 5),
    status=st.sampled_from(list(progman.RiskStatus)),
    cause=st.none() | text,
)
projects = st.builds(
    progman.Project,
    id=ids,
    name=text,
    status=st.sampled_from(list(progman.ProjectStatus)),
    budget=st.none() | money,
    tasks=st.lists(tasks, max_size=3),
    risks=st.lists(risks, max_size=2),
)
amounts = st.decimals(min_value=-(10**7), max_value=10**7, places=4, allow_nan=False)
periods = st.builds(
    lambda start, days_long, planned, actual: ProfilePeriod(
        start=start, end=start + timedelta(days=days_long), planned=planned, actual=actual
    ),
    days,
    st.integers(0, 400),
    amounts,
    st.none() | amounts,
)
benefits = st.builds(
    progman.Benefit,
    id=ids,
    name=text,
    category=st.sampled_from(list(progman.BenefitCategory)),
    profile=st.none()
    | st.builds(progman.BenefitProfile, kpi=text, periods=st.lists(periods, max_size=3)),
)
issues = st.builds(
    progman.Issue,
    id=ids,
    title=text,
    type=st.sampled_from(list(progman.IssueType)),
    raised_on=st.none() | days,
)
people = st.builds(progman.Person, id=ids, name=text, title=st.none() | text)
programmes = st.builds(
    progman.Programme,
    id=ids,
    name=text,
    vision=st.none() | text,
    start=st.none() | days,
    savings_target=st.none() | money,
    people=st.lists(people, max_size=2),
    projects=st.lists(projects, max_size=3),
    risks=st.lists(risks, max_size=2),
    issues=st.lists(issues, max_size=2),
    benefits=st.lists(benefits, max_size=2),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(programme=programmes)
def test_generated_programmes_survive_dump_and_load(
    tmp_path: Path, programme: progman.Programme
) -> None:
    file = tmp_path / "generated.yaml"
    progman.dump(programme, file)
    assert progman.load(file) == programme


def test_edit_to_the_example_changes_only_its_own_lines(tmp_path: Path) -> None:
    # The example wraps several flow mappings over two lines; ruamel would join them when it
    # rewrites the file. Untouched ones must keep their two lines.
    file = tmp_path / "programme.yaml"
    shutil.copy(REPO / "examples" / "quick-tour" / "programme.yaml", file)
    original = file.read_text(encoding="utf-8")
    programme = progman.load(file)
    programme.projects[0].risks[0].status = progman.RiskStatus.CLOSED
    progman.dump(programme, file)
    expected = original.replace(
        "        strand: public-access\n", "        strand: public-access\n        status: closed\n"
    )
    assert file.read_text(encoding="utf-8") == expected


def test_keep_layout_uses_the_new_text_where_the_edit_reaches() -> None:
    original = "a: {x: 1,\n    y: 2}\nb: {p: 1,\n    q: 2}\n"
    untouched = "a: {x: 1, y: 2}\nb: {p: 1, q: 2}\n"
    changed = "a: {x: 1, y: 2}\nb: {p: 1, q: 3}\n"
    assert (
        layout.keep_layout(original, untouched, changed)
        == "a: {x: 1,\n    y: 2}\nb: {p: 1, q: 3}\n"
    )


def test_crlf_file_stays_crlf(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    file.write_bytes(b"id: otp  # OTP\r\nname: OTP\r\nsro: a\r\n")
    programme = progman.load(file)
    programme.sro = "b"
    progman.dump(programme, file)
    assert file.read_bytes() == b"id: otp  # OTP\r\nname: OTP\r\nsro: b\r\n"


def test_dump_to_a_folder_writes_its_programme_file(commented: Path) -> None:
    programme = progman.load(commented.parent)
    programme.risks[1].impact = 3
    progman.dump(programme, commented.parent)
    assert progman.load(commented).risks[1].impact == 3


EDITS = [
    lambda p: setattr(p.projects[0].risks[0], "status", "closed"),
    lambda p: setattr(p.projects[0].tasks[1], "duration", 21),
    lambda p: setattr(p.strands[0], "lead", "gtolley"),
    lambda p: p.strands.pop(3),
    lambda p: p.people.append(progman.Person(id="new", name="New Person")),
    lambda p: setattr(p.projects[2].milestones[0], "achieved_on", None),
    lambda p: setattr(p.benefits[1].profile.periods[1], "actual", Decimal("1300000")),
    lambda p: p.projects[1].issues.append(progman.Issue(id="I-9", title="Late")),
    lambda p: setattr(p, "vision", "A council that costs less."),
    lambda p: p.tranches.reverse(),
    lambda p: p.projects[0].tasks[1].depends_on.clear(),
    lambda p: setattr(p.projects[0], "budget", Decimal("250000.50")),
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.sampled_from(range(len(EDITS))), min_size=1, max_size=5, unique=True))
def test_any_edits_to_the_example_save_and_load_back(tmp_path: Path, edits: list[int]) -> None:
    file = tmp_path / "programme.yaml"
    shutil.copy(REPO / "examples" / "quick-tour" / "programme.yaml", file)
    original = file.read_text(encoding="utf-8").splitlines()
    programme = progman.load(file)
    for edit in edits:
        EDITS[edit](programme)
    progman.dump(programme, file)
    assert progman.load(file) == programme
    # Comments are never lost.
    comments = [line for line in original if line.lstrip().startswith("#")]
    saved = file.read_text(encoding="utf-8").splitlines()
    assert [line for line in saved if line.lstrip().startswith("#")] == comments


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(
        st.sampled_from(["a\n", "b\n", "c\n", "id: 1\n", "id: 2\n", "id: 3\n"]), max_size=30
    ),
    b=st.lists(
        st.sampled_from(["a\n", "b\n", "c\n", "id: 1\n", "id: 2\n", "id: 4\n"]), max_size=30
    ),
)
def test_line_diff_opcodes_rebuild_the_new_lines(a: list[str], b: list[str]) -> None:
    rebuilt: list[str] = []
    position = (0, 0)
    for tag, i1, i2, j1, j2 in layout.line_diff(a, b):
        assert (i1, j1) == position  # opcodes cover both lists without gaps
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        rebuilt += b[j1:j2]
        position = (i2, j2)
    assert position == (len(a), len(b))
    assert rebuilt == b
