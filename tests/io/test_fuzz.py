"""Scraps of YAML glued at random: loading never raises anything but DefinitionError, and
whenever both readers accept a text they read the same data."""

from __future__ import annotations

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

import progman
from progman.io.compose import compose_text
from progman.io.loader import _needs_care

PIECES = [
    "id: otp\n", "name: OTP\n", "projects:\n", "  - ", "    ", "{", "}", "[", "]", ": ", ", ",
    "&a ", "*a", "!!str ", "!x ", "? ", "- ", "\t", "'", '"', "# c\n", "\n", "0x1F", "0o17",
    "1e3", "~", "no", "2013-01-14", "14/01/2013", "include: x.yaml", "<<: *a\n", "---\n",
    "...\n", "%YAML 1.2\n", "|\n", ">-\n", "\\", "\x00", "\x07", "\ufeff", "é",
    "12345678901234567890", ".nan", ".inf", "true", "null", "a: 1\n", "a: 2\n",
    "risks: [{id: R1, title: t, probability: 9, impact: 1}]\n",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)
# Starting from a valid programme makes the rest more often a valid programme too.
programme_texts = st.lists(st.sampled_from(PIECES), max_size=8).map(
    lambda parts: "id: otp\nname: OTP\n" + "".join(parts)
)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_loading_never_raises_anything_else(text: str) -> None:
    problems = []
    try:
        progman.loads(text)
    except progman.DefinitionError as error:
        problems = error.problems
        assert problems, "a DefinitionError always names its problems"
    yaml_problems = [problem for problem in problems if problem.code.startswith("YAML-")]
    assert all(problem.location is not None for problem in yaml_problems)


@settings(max_examples=300, deadline=None)
@given(text=programme_texts)
def test_the_two_readers_agree_where_the_fast_one_is_used(text: str) -> None:
    if _needs_care(text):
        return  # the fast path never sees such a text
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
    except (ValueError, TypeError):
        return  # the careful path reads it and reports
    try:
        progman.Programme.model_validate(fast)
    except ValueError:
        return  # the fast path's data is used only when it is a valid programme
    composed = compose_text(text, "t.yaml")
    refused = [f for f in composed.findings if f.code not in ("YAML-EMPTY", "YAML-NOT-MAPPING")]
    if refused:
        pytest.fail(f"fast path accepted what the careful path refuses: {refused}")
    assert repr(fast) == repr(composed.data)  # repr: nan != nan, but prints the same
