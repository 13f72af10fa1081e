"""The shared fixture is compliant: every built-in rule is silent on it."""

from __future__ import annotations

import pytest

import progman
from progman.rules import all_rules

from .conftest import TODAY, build, run

BUILT_IN = [r.id for r in all_rules() if r.id.startswith(("PG-", "SCHED-"))]


def test_the_whole_fixture_is_clean() -> None:
    report = progman.validate(build(), status_date=TODAY)
    assert [str(f) for f in report] == []
    assert report.ok
    assert set(report.rules) == set(BUILT_IN)


@pytest.mark.parametrize("rule_id", BUILT_IN)
def test_rule_is_silent_on_a_compliant_programme(rule_id: str) -> None:
    assert run(build(), rule_id) == []
