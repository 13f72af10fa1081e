"""Agreement with Microsoft Project on a corpus of hand-written MSPDI files, one per feature
(tests/interop/corpus/: manually scheduled tasks, base calendars and their exceptions,
non-standard working weeks, a 24-hour calendar, elapsed durations) plus the fixtures (a
plan with summaries, links and lags; a plan in progress at its status date). Each file
holds the Start and Finish MS Project's rules give, worked out by hand in its header.

Every task and milestone whose progman date differs must be explained by a finding naming
the feature, on it or on a predecessor it follows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from progman.io.mspdi import ImportResult, load, schedule_agreement

HERE = Path(__file__).parent
FILES = [
    *sorted((HERE / "corpus").glob("*.xml")),
    HERE / "fixtures" / "plan.xml",
    HERE / "fixtures" / "progress.xml",
]

# What is left: progman's durations are working days, so an elapsed duration (calendar
# days, round the clock) is carried as working days, with a warning naming it.
EXPECTED_DIFFERENCES = {("elapsed.xml", "concrete-cures"), ("elapsed.xml", "fit-out")}


def _work(result: ImportResult) -> dict[str, list[str]]:
    """Each task and milestone's predecessors."""
    return {
        item.id: [d.on for d in item.depends_on] for _, _, item in result.programme.work_items()
    }


def _explained(item: str, links: dict[str, list[str]], named: set[str], seen: set[str]) -> bool:
    if item in named:
        return True
    seen.add(item)
    return any(
        _explained(before, links, named, seen)
        for before in links.get(item, [])
        if before not in seen
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_difference_is_named(path: Path) -> None:
    result = load(path)
    named = {f.subject for f in result.findings if f.subject and f.code != "MSPDI-FLATTENED"}
    links = _work(result)
    for finding in schedule_agreement(result):
        assert finding.subject is not None
        assert _explained(finding.subject, links, named, set()), str(finding)


def test_the_agreement_figure() -> None:
    total, differing = 0, set()
    for path in FILES:
        result = load(path)
        items = _work(result)
        total += len(items)
        differing |= {
            (path.name, f.subject) for f in schedule_agreement(result) if f.subject in items
        }
    assert differing == EXPECTED_DIFFERENCES
    # 12 tasks in the corpus, 11 in plan.xml, 3 in progress.xml: 26 tasks and milestones
    # in 7 files, 24 dated as MS Project dates them (92%).
    assert (total, total - len(differing)) == (26, 24)


@pytest.mark.parametrize("name", ["base-calendar.xml", "work-weeks.xml"])
def test_working_days_agree_with_mpxj(name: str) -> None:
    """MPXJ, an independent reader, gives the same working days for the project calendar."""
    from progman.io import mpxj as via_mpxj
    from progman.schedule import WorkingCalendar

    if not via_mpxj.java_available():  # pragma: no cover - depends on the machine
        pytest.skip("no Java runtime for MPXJ")
    pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    org_mpxj = via_mpxj._mpxj()
    import jpype

    theirs = org_mpxj.reader.UniversalProjectReader().read(str(HERE / "corpus" / name))
    calendar = theirs.getDefaultCalendar()
    ours = WorkingCalendar(load(HERE / "corpus" / name).programme.calendar(), first_year=2012)
    local_date = jpype.JClass("java.time.LocalDate")
    first = date(2013, 1, 1)
    for offset in range(365):
        day = first + timedelta(days=offset)
        java_day = local_date.of(day.year, day.month, day.day)
        assert bool(calendar.isWorkingDate(java_day)) == ours.is_working(day), day
