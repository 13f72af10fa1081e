"""The fuzzing properties of tests/hostile/fuzzing.py, each with a small budget in every
test run (issue 12, item 6): loading never raises anything but DefinitionError, and the two
readers give the same data or the same refusal. `make fuzz` runs them at length."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from .fuzzing import (
    check_clean_save,
    check_readers_agree,
    check_same_whichever_reader,
    loaded,
    loaded_carefully,
    mutated,
    programme_texts,
    seeds,
    texts,
    valued_texts,
)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_loading_never_raises_anything_else(text: str) -> None:
    loaded(text)


@settings(max_examples=300, deadline=None)
@given(text=programme_texts)
def test_the_two_readers_agree(text: str) -> None:
    check_readers_agree(text)


@settings(max_examples=200, deadline=None)
@given(text=valued_texts)
def test_loading_gives_the_same_whichever_reader_runs(text: str) -> None:
    check_same_whichever_reader(text)


@settings(max_examples=30, deadline=None)
@given(text=mutated(seeds()))
def test_mutated_examples(text: str) -> None:
    check_readers_agree(text)
    check_same_whichever_reader(text)


def test_the_examples_save_clean_as_themselves() -> None:
    for text in seeds():
        programme = loaded(text)
        assert not isinstance(programme, list), programme
        check_clean_save(programme)


@pytest.mark.parametrize(
    "text",
    [
        "id: otp\nname: O\x85TP\n",  # NEL: text to yaml-rs, a line break to ruamel
        "id: otp\nname: OTP\n\r\t",  # a tab starting a line after a bare CR (found by fuzzing)
        "id: otp\nname: 'O\u2028TP'\n",
        "id: otp\nname: OTP\nsavings_target: _1\n",  # 1 to yaml-rs, text to the core schema
        "id: otp\nname: OTP\nsavings_target: 1e_3\n",
        "id: otp\nname: OTP\nsavings_target: " + "9" * 4301 + "\n",
        "id: otp\nname: OTP\npeople: [{id: a, name: 10:30}]\n",  # `:` in flow: ruamel refuses
        "id: otp\nname: OTP\nsponsoring_group: [a:]\n",
        "...\nid: otp\nname: OTP\n",  # found by `make fuzz`: a document end before the document
    ],
)
def test_the_cases_fuzzing_found(text: str) -> None:
    check_readers_agree(text)
    either = loaded(text)
    assert loaded_carefully(text) == either
    assert isinstance(either, list)  # each is refused, with a place
