"""Model errors read as plain English, at the value's own line and column."""

from __future__ import annotations

import pytest

import progman

BASE = "id: otp\nname: OTP\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("edition: 2019\n", "3:10: error DEF-INVALID 'edition' should be '7' or '2017', not 2019"),
        (
            "risks:\n  - {id: R1, title: x, probability: ten, impact: 2}\n",
            "4:37: error DEF-INVALID 'probability' should be a whole number, not 'ten'",
        ),
        ("sro: [a, b]\n", "3:6: error DEF-INVALID 'sro' should be text, not a list"),
        (
            "people:\n  - {id: p, name: ''}\n",
            "4:19: error DEF-INVALID 'name' must not be empty",
        ),
        (
            "projects:\n  - {id: p, name: P, tasks: [{id: t, name: T, duration: 2.5}]}\n",
            "4:57: error DEF-INVALID 'duration' should be a whole number, not 2.5",
        ),
        (
            "projects: {id: p}\n",
            "3:11: error DEF-INVALID 'projects' should be a list, not a mapping",
        ),
        (
            "calendars:\n  - {working_days: [mon, funday]}\n",
            "4:26: error DEF-INVALID each item of 'working_days' should be 'mon', 'tue', 'wed', "
            "'thu', 'fri', 'sat' or 'sun', not 'funday'",
        ),
        (
            "savings_target: -5\n",
            "3:17: error DEF-INVALID an amount of money cannot be negative (got -5)",
        ),
        (
            "risk_grid: {sise: 4}\n",
            "3:13: error DEF-UNKNOWN-KEY unknown key 'sise' (did you mean 'size'?)",
        ),
        ("zzz: 1\n", "3:1: error DEF-UNKNOWN-KEY unknown key 'zzz' for a programme"),
    ],
)
def test_message(extra: str, expected: str) -> None:
    with pytest.raises(progman.DefinitionError) as caught:
        progman.loads(BASE + extra, source="p.yaml")
    assert str(caught.value) == f"p.yaml:{expected}"
