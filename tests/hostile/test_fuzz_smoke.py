"""A few dozen cases of each fuzz target (tests/fuzz) in every test run; `make fuzz`
runs thousands. A failure here is a reader letting an exception other than its own
located error through."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.targets import TARGETS


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target_holds_on_a_small_budget(name: str) -> None:
    strategy, run = TARGETS[name]
    test = settings(
        max_examples=25,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )(given(strategy())(run))
    test()
