"""Shared test helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings

# CI runs each property test on the same examples every time (a red CI must mean a change
# broke something, not that the generator found a new case today); locally they stay
# random, so new cases keep being found. `HYPOTHESIS_PROFILE=ci` gives CI's run anywhere.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
# `make mutate` (tools/mutate.py) runs the same examples for every mutant, so a score is
# the same run after run, and does not shrink a failing example: a mutant is killed
# by the first failure, and shrinking it (seconds each) would only slow the run.
settings.register_profile(
    "mutation", derandomize=True, database=None, phases=(Phase.explicit, Phase.generate)
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the repository; tests using it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED
