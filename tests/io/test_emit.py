"""Writing a new definition (`progman.dumps`, `progman.dump` of a programme built in code or
imported): the direct block writer (`progman.io.emit`) against ruamel.yaml's emitter (the
independent implementation it replaces on this path) and against both of progman's
readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

import progman
from progman.io.compose import compose_text
from progman.io.emit import Unwritable, block_yaml, scalar
from progman.io.save import _emit, _yaml, new_text, to_plain

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _as_read(value: Any) -> Any:
    """What a reader gives back for plain data: dates as ISO text."""
    if isinstance(value, dict):
        return {key: _as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("name", ["milton-keynes", "plymouth", "total-place", "quick-tour"])
def test_the_examples_are_written_as_ruamel_writes_them(name: str) -> None:
    data = to_plain(progman.load(EXAMPLES / name))
    text = block_yaml(data)
    assert text == _emit(_yaml(), data)  # the layout users already had, byte for byte
    assert new_text(data) == text  # and the direct writer's text is the one used


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Build the portal", "Build the portal"),
        ("no", "no"),  # YAML 1.2: text, as both readers take it
        ("2013-01-14", "'2013-01-14'"),  # looks like a date: quoted, as ruamel quotes it
        ("1.5", "'1.5'"),  # would read as a number
        ("~", "'~'"),  # would read as null
        ("null", "'null'"),
        ("False", "'False'"),  # would read as a boolean
        ("Task 1 (phase 2)", "Task 1 (phase 2)"),
        ("", "''"),
        ("it: works", "'it: works'"),  # ": " starts a mapping
        ("a #comment", "'a #comment'"),
        ("- a", "'- a'"),
        (" padded", "' padded'"),
        ("the council's gap", "the council's gap"),
        ("the council's: gap", '"the council\'s: gap"'),  # ruamel's choice with a quote
        ("two\nlines", '"two\\nlines"'),
        ("a\tb", '"a\\tb"'),
        ("line\u2028separator", '"line\\Lseparator"'),  # YAML's own escapes, as dump writes
        ("next\x85line", '"next\\Nline"'),
        ("bell\x07", '"bell\\u0007"'),
        (True, "true"),
        (0, "0"),
        (-2.5, "-2.5"),
        (1e20, "1e+20"),
        (float("inf"), ".inf"),
        (date(2013, 1, 14), "2013-01-14"),
        ([], "[]"),
        ({}, "{}"),
    ],
)
def test_scalars_are_written_so_they_read_back(value: Any, written: str) -> None:
    assert scalar(value) == written
    assert compose_text(f"x: {written}\n", "t.yaml").data == {"x": _as_read(value)}


def test_what_it_cannot_write_is_left_to_ruamel() -> None:
    with pytest.raises(Unwritable):
        block_yaml({"x": object()})
    with pytest.raises(Unwritable):
        block_yaml({"x": "lone \ud800 surrogate"})
    data = {"x": {1: "a key that is not text"}}
    assert new_text(data) == _emit(_yaml(), data)


_keys = st.text(min_size=1, max_size=8)
_scalars = (
    st.text(max_size=12)
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, width=64)
    | st.booleans()
    | st.none()
    | st.dates()
)
_data = st.dictionaries(
    _keys,
    st.recursive(
        _scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
        max_leaves=12,
    ),
    max_size=5,
)


@settings(max_examples=300, deadline=None)
@given(data=_data)
def test_a_new_document_reads_back_as_its_data_by_either_reader(data: dict[str, Any]) -> None:
    data = to_plain(data)  # as dump gives it: text with U+0085, U+2028, U+2029 marked
    text = new_text(data)
    careful = compose_text(text, "t.yaml")
    assert careful.data == _as_read(data) or (not data and careful.data is None), text
    from progman.io.loader import _needs_care

    if not _needs_care(text):
        assert yaml_rs.loads(text, parse_datetime=False) == _as_read(data), text


def test_a_programme_built_in_code_is_saved_and_loads_as_itself(tmp_path: Path) -> None:
    programme = progman.load(EXAMPLES / "milton-keynes")
    built = progman.Programme.model_validate(programme.model_dump())  # no file behind it
    progman.dump(built, tmp_path / "programme.yaml")
    assert progman.load(tmp_path / "programme.yaml") == programme
