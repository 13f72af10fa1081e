"""Each example shows the governance findings examples/README.md says it should, and only those."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import progman

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

EXPECTED = {
    # the pre-qualification stage runs 10 working days past its plan: a stage exception
    # and the 2012/13 savings: "likely to be £1.4m", itemised as £1.307m (£93k unaccounted)
    "milton-keynes": {
        ("PG-TOLERANCE-EXCEEDED", "highways-pq"),
        ("PG-BENEFIT-COMPONENTS", "b-savings-2012-13"),
    },
    # benefit profiling is "yet to be finalised": eight benefits without a full measure
    "plymouth": {
        ("PG-BENEFIT-MEASURE", benefit)
        for benefit in (
            "b-financial",
            "b-tuned-services",
            "b-better-decisions",
            "b-customer-satisfaction",
            "b-flexibility-choice",
            "b-local-economy",
            "b-local-energy",
            "b-less-complexity",
        )
    },
    # the joint sign-off is signed by the Leader alone
    "total-place": {("PG-DELEGATION-JOINT", "appr-final-report")},
}

# Milton Keynes has no status date of its own; `make run` judges it on this day.
TODAY = {"milton-keynes": date(2013, 1, 10)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_shows_exactly_its_intended_findings(name: str) -> None:
    programme = progman.load(EXAMPLES / name)
    report = progman.validate(programme, today=TODAY.get(name) or programme.status_date)
    assert {(f.code, f.subject) for f in report} == EXPECTED[name]
    assert all(f.location is not None for f in report)  # every finding points into the file


def test_the_milton_keynes_exception_is_counted_in_working_days() -> None:
    programme = progman.load(EXAMPLES / "milton-keynes")
    report = progman.validate(programme, today=TODAY["milton-keynes"])
    (finding,) = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED"]
    # Planned finish Fri 14 Dec 2012; forecast Wed 2 Jan 2013: 17-21 Dec (5), 24, 27, 28,
    # 31 Dec (25 and 26 Dec are bank holidays) and 2 Jan (1 Jan is one): 10 working days.
    assert "10 working days after its planned finish 2012-12-14" in finding.message
    assert finding.escalate_to == "project board"


def test_the_milton_keynes_savings_gap_is_the_93k_the_paper_leaves_unitemised() -> None:
    programme = progman.load(EXAMPLES / "milton-keynes")
    report = progman.validate(programme, today=TODAY["milton-keynes"])
    (finding,) = [f for f in report if f.code == "PG-BENEFIT-COMPONENTS"]
    # Seed 004 para 4.2: "likely to be £1.4m"; 400k + 600k + 107k + 200k = 1,307k.
    assert finding.data["gap"] == 93_000
    assert finding.message.startswith(
        "benefit 'b-savings-2012-13' states £1,400,000 for 2012/13 but its components"
    )
    assert finding.message.endswith("add up to £1,307,000: £93,000 unaccounted for")
