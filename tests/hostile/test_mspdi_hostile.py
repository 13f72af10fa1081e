"""Issue 12 item 4: hostile values in Microsoft Project XML are located `MspdiError`
findings, never raw `ValueError`, `OverflowError` or `InvalidOperation`.

Lines and columns below were counted by hand in the fixtures (tests/interop/fixtures):
the finding points at the element holding the bad value.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from benchmarks.bench_interop import mspdi_plan

from progman import load as pm_load
from progman.cli import main
from progman.io import _mspdi_read
from progman.io._mspdi_codes import IdMaker
from progman.io.mspdi import MspdiError, loads

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "fixtures"
PLAN = (FIXTURES / "plan.xml").read_text(encoding="utf-8")
PROGRESS = (FIXTURES / "progress.xml").read_text(encoding="utf-8")

# (name, fixture text, replaced, replacement, line, column, words in the message)
CASES = [
    # plan.xml line 29: 12 spaces and <WorkingTime> (13 characters), <FromTime> at 26.
    (
        "from-time-eight",
        PLAN,
        "<FromTime>08:00:00</FromTime>",
        "<FromTime>eight</FromTime>",
        29,
        26,
        "<FromTime> should be a time of day such as 08:00:00, not 'eight'",
    ),
    (
        "from-time-8",
        PLAN,
        "<FromTime>08:00:00</FromTime>",
        "<FromTime>8</FromTime>",
        29,
        26,
        "<FromTime> should be a time of day such as 08:00:00, not '8'",
    ),
    # plan.xml line 57: 10 spaces, <TimePeriod> (12) and the 40-character <FromDate>
    # element come first, so <ToDate> starts at column 63.
    (
        "exception-to-9999",
        PLAN,
        "<ToDate>2013-01-21T23:59:00</ToDate>",
        "<ToDate>9999-12-31T23:59:00</ToDate>",
        57,
        63,
        "<ToDate> 9999-12-31 is outside the supported dates",
    ),
    # progress.xml line 20: 6 spaces and the 30-character <Duration> element, so
    # <PercentComplete> starts at column 37.
    (
        "percent-snan",
        PROGRESS,
        "<PercentComplete>50</PercentComplete>",
        "<PercentComplete>sNaN</PercentComplete>",
        20,
        37,
        "<PercentComplete> should be a number from 0 to 100, not 'sNaN'",
    ),
    (
        "percent-200",
        PROGRESS,
        "<PercentComplete>50</PercentComplete>",
        "<PercentComplete>200</PercentComplete>",
        20,
        37,
        "<PercentComplete> should be a number from 0 to 100, not '200'",
    ),
]


@pytest.mark.parametrize(
    ("text", "old", "new", "line", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_values_are_located_findings(
    text: str, old: str, new: str, line: int, column: int, message: str
) -> None:
    assert old in text
    with pytest.raises(MspdiError) as caught:
        loads(text.replace(old, new, 1), "plan.xml")
    located = [
        (f.location.line, f.location.column, f.code)
        for f in caught.value.findings
        if f.location is not None and message in f.message
    ]
    assert located == [(line, column, "MSPDI-BAD-VALUE")]


@pytest.mark.parametrize(
    ("text", "old", "new", "line", "column", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_import_prints_the_located_error_and_exits_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    old: str,
    new: str,
    line: int,
    column: int,
    message: str,
) -> None:
    plan = tmp_path / "plan.xml"
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["import", str(plan), "-o", str(tmp_path / "out.yaml")]) == 2  # unreadable input
    err = capsys.readouterr().err
    assert f"plan.xml:{line}:{column}: error MSPDI-BAD-VALUE {message}" in err
    assert not (tmp_path / "out.yaml").exists()


def test_a_lag_beyond_the_model_range_is_located() -> None:
    # 10^12 tenths of a minute at 480 minutes a day is about 208 million working days.
    # The one LinkLag in plan.xml is the first; its line is found, its text replaced.
    start = PLAN.index("<LinkLag>")
    end = PLAN.index("</LinkLag>", start)
    text = PLAN[:start] + "<LinkLag>1000000000000" + PLAN[end:]
    line = PLAN[:start].count("\n") + 1
    column = start - PLAN.rfind("\n", 0, start)
    with pytest.raises(MspdiError) as caught:
        loads(text, "plan.xml")
    (finding,) = [f for f in caught.value.findings if "lag" in f.message]
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (line, column)
    assert "outside the supported lags" in finding.message


def test_tasks_sharing_a_name_get_the_numbers_in_order() -> None:
    # Issue 12 item 7: 20,000 tasks called "Task" were quadratic (each id searched from
    # -2 up); the search now resumes where it stopped. The ids must be as before: the
    # first free number from 2 up, skipping any already taken ("task-3" here).
    ids = IdMaker(["task-3"])
    made = [ids.make("Task", uid) for uid in range(5)]
    assert made == ["task", "task-2", "task-4", "task-5", "task-6"]
    assert ids.make("Other", 9) == "other"
    assert ids.make("Task", 10) == "task-7"


def test_an_unforeseen_failure_is_a_located_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> None:
        raise ArithmeticError("something nobody foresaw")

    monkeypatch.setattr(_mspdi_read._Reader, "percent", boom)
    with pytest.raises(MspdiError) as caught:
        loads(PROGRESS, "plan.xml")
    (finding,) = caught.value.findings
    assert finding.code == "MSPDI-INVALID"
    assert "something nobody foresaw" in finding.message
    assert finding.location is not None


def test_an_unknown_encoding_is_a_located_finding() -> None:
    # Found by `make fuzz`: a flipped byte turned UTF-8 into U-F-8 (a LookupError).
    with pytest.raises(MspdiError) as caught:
        loads(PLAN.replace('encoding="UTF-8"', 'encoding="U-F-8"', 1), "plan.xml")
    (finding,) = caught.value.findings
    assert (finding.code, str(finding.location)) == ("MSPDI-XML", "plan.xml:1:1")
    assert "unknown encoding: U-F-8" in finding.message


def test_an_imported_name_with_a_next_line_character_loads_back(tmp_path: Path) -> None:
    # Found by fuzzing: U+0085 (NEL) in a task name was written raw into the YAML, which
    # `progman.load` refuses (the two YAML readers disagree on it). It is now escaped.
    plan = tmp_path / "plan.xml"
    name = "Build\u0085portal \u2028phase 2"
    assert "<Name>Prepare PID</Name>" in PLAN
    plan.write_text(PLAN.replace("<Name>Prepare PID", f"<Name>{name}"), encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", str(plan), "--no-date-check", "-o", str(out)]) == 0
    back = pm_load(out)
    assert back == loads(plan.read_bytes(), str(plan)).programme
    assert name in [item.name for _, _, item in back.work_items()]


class _CountingSet(set[str]):
    """A set that counts membership tests: the work IdMaker does, independent of the clock."""

    checks = 0

    def __contains__(self, item: object) -> bool:
        _CountingSet.checks += 1
        return super().__contains__(item)


def test_ids_for_one_name_take_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # n tasks of one name: one membership test for the bare name, then one per number
    # handed out (each resumes after the last), so 2n tests at most; the quadratic search
    # made n(n+1)/2 (2,001,000 for 2,000 tasks).
    ids = IdMaker()
    monkeypatch.setattr(ids, "_taken", _CountingSet())
    _CountingSet.checks = 0
    made = [ids.make("Task", uid) for uid in range(2_000)]
    assert len(set(made)) == 2_000
    assert _CountingSet.checks <= 2 * 2_000


def test_a_plan_of_one_name_imports_in_bounded_memory() -> None:
    # 2,000 tasks sharing one name (a 630 KiB file): the peak traced memory was measured
    # at about 16 MiB; the bound leaves room for change, not for a blow-up.
    data = mspdi_plan(2_000, same_name=True)
    tracemalloc.start()
    try:
        result = loads(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(1 for _ in result.programme.work_items()) == 2_000
    assert peak < 48 * 2**20
