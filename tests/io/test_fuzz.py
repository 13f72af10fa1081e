"""Scraps of YAML glued at random: loading never raises anything but DefinitionError, and
the two readers give the same data or the same refusal (issue 12, item 6).

Always run with a small budget; `make fuzz` runs the same properties much longer.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

import progman
from progman.io import loader
from progman.io.compose import compose_text
from progman.io.loader import _needs_care

PIECES = [
    "id: otp\n", "name: OTP\n", "projects:\n", "  - ", "    ", "{", "}", "[", "]", ": ", ", ",
    "&a ", "*a", "!!str ", "!x ", "? ", "- ", "\t", "'", '"', "# c\n", "\n", "0x1F", "0o17",
    "1e3", "~", "no", "2013-01-14", "14/01/2013", "include: x.yaml", "<<: *a\n", "---\n",
    "...\n", "%YAML 1.2\n", "|\n", ">-\n", "\\", "\x00", "\x07", "\ufeff", "é",
    "12345678901234567890", ".nan", ".inf", "true", "null", "a: 1\n", "a: 2\n",
    "risks: [{id: R1, title: t, probability: 9, impact: 1}]\n",
    # what coverage-guided fuzzing found the readers disagreeing on (issue 12, item 6)
    "\x85", "\u2028", "\u2029", "_", "_1", "1_0", ".5_", "e_", "-_", ":", ":x", "10:30",
    "http://x", "9" * 101, "0x" + "f" * 101, "\r", "\r\n",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)
# Starting from a valid programme makes the rest more often a valid programme too.
programme_texts = st.lists(st.sampled_from(PIECES), max_size=8).map(
    lambda parts: "id: otp\nname: OTP\n" + "".join(parts)
)
# Values in the places a programme has them, to reach the model as often as the parser.
values = st.lists(st.sampled_from([*PIECES[23:], "1", "2", "x", " "]), max_size=4).map("".join)
valued_texts = st.tuples(values, values, values).map(
    lambda v: (
        f"id: otp\nname: {v[0]}\nsavings_target: {v[1]}\n"
        f"risks:\n  - {{id: R1, title: {v[2]}, probability: 2, impact: 3}}\n"
    )
)


def loaded(text: str) -> Any:
    """What `loads` makes of `text`: the programme, or the codes and places it refuses."""
    try:
        return progman.loads(text, source="t.yaml")
    except progman.DefinitionError as error:
        problems = error.problems
    assert problems, "a DefinitionError always names its problems"
    return [(p.code, str(p.location)) for p in problems]


def loaded_carefully(text: str) -> Any:
    """`loaded`, with the fast reader declining every text."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_needs_care", lambda _text: True)
        return loaded(text)


def _check_loading(text: str) -> None:
    problems = loaded(text)
    if isinstance(problems, list):
        assert all(location != "None" for code, location in problems if code.startswith("YAML-"))


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_loading_never_raises_anything_else(text: str) -> None:
    _check_loading(text)


def _check_readers_agree(text: str) -> None:
    """Where the fast reader's data is used (a valid programme), the careful one reads the
    same data from the text."""
    if _needs_care(text):
        return  # the fast path never sees such a text
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
        progman.Programme.model_validate(fast)
    except Exception:
        return  # the careful path reads it and reports
    composed = compose_text(text, "t.yaml")
    refused = [f for f in composed.findings if f.code not in ("YAML-EMPTY", "YAML-NOT-MAPPING")]
    if refused:
        pytest.fail(f"fast reader accepted what the careful one refuses: {text!r}: {refused}")
    assert repr(fast) == repr(composed.data), text  # repr: nan != nan, but prints the same


@settings(max_examples=300, deadline=None)
@given(text=programme_texts)
def test_the_two_readers_agree(text: str) -> None:
    _check_readers_agree(text)


@settings(max_examples=200, deadline=None)
@given(text=valued_texts)
def test_loading_gives_the_same_whichever_reader_runs(text: str) -> None:
    # The same text loaded as it is (fast path where it may) and forced down the careful path.
    either = loaded(text)
    careful = loaded_carefully(text)
    if isinstance(either, list) or isinstance(careful, list):
        assert isinstance(either, list) == isinstance(careful, list), (text, either, careful)
    else:
        assert either == careful, text


@pytest.mark.parametrize(
    "text",
    [
        "id: otp\nname: O\x85TP\n",  # NEL: text to yaml-rs, a line break to ruamel
        "id: otp\nname: 'O\u2028TP'\n",
        "id: otp\nname: OTP\nsavings_target: _1\n",  # 1 to yaml-rs, text to the core schema
        "id: otp\nname: OTP\nsavings_target: 1e_3\n",
        "id: otp\nname: OTP\nsavings_target: " + "9" * 4301 + "\n",
        "id: otp\nname: OTP\npeople: [{id: a, name: 10:30}]\n",  # `:` in flow: ruamel refuses
        "id: otp\nname: OTP\nsponsoring_group: [a:]\n",
    ],
)
def test_the_cases_fuzzing_found(text: str) -> None:
    _check_readers_agree(text)
    either = loaded(text)
    assert loaded_carefully(text) == either
    assert isinstance(either, list)  # each is refused, with a place
