"""JSON text: `dumps_json` writes what `jsonable` makes of a value, whichever way it goes.

`dumps_json` lets orjson walk the value and hands `jsonable` only what orjson would write
otherwise (dates, dataclasses, amounts, sets, ...). The reference here is the plain way:
`jsonable` first, then orjson (or the standard library where orjson refuses the data).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import uuid
from collections import OrderedDict
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from progman import Task
from progman._json import dumps_json, jsonable
from progman.model import RAG


def reference(value: Any) -> str:
    """The text of `jsonable(value)`, indented by two spaces: orjson's, else json's."""
    data = jsonable(value)
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except TypeError:
        return json.dumps(data, indent=2, ensure_ascii=False)


class Colour(enum.Enum):
    RED = "red"
    PAIR = (1, date(2013, 1, 7))
    SET = frozenset({"b", "a"})


class Text(str):
    def __str__(self) -> str:
        return "not the text"


@dataclasses.dataclass
class Row:
    day: date
    amount: Decimal


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(alphabet=st.sampled_from(["a", "\udc00", "£"])),  # lone surrogates too
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC])),
    st.times(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([*RAG, *Colour, Text("t"), uuid.UUID(int=7), PurePosixPath("a/b")]),
    st.builds(Row, st.dates(), st.decimals(allow_nan=False, allow_infinity=False)),
)
KEYS = st.one_of(st.text(max_size=3), st.integers(-3, 3), st.sampled_from([*RAG, Text("k")]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.frozensets(st.text(max_size=2), max_size=3),
        st.dictionaries(KEYS, inner, max_size=4),
        st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict),
    ),
    max_leaves=12,
)


@given(VALUES)
def test_dumps_json_writes_what_jsonable_makes_of_any_value(value: Any) -> None:
    assert dumps_json(value) == reference(value)


def test_dumps_json_writes_dates_amounts_enums_and_models_as_jsonable_makes_them() -> None:
    task = Task(id="a", name="A", duration=3, budget="1.4m")
    value = {
        "due": date(2013, 1, 10),
        "at": datetime(2013, 1, 10, 9, 30),
        "time": time(9, 30),
        "budget": Decimal("1200.50"),
        "rag": RAG.AMBER_GREEN,
        "pair": Colour.PAIR,
        "ids": {"b", "a"},
        "task": task,
        "row": Row(date(2013, 1, 7), Decimal("5")),
        RAG.RED: "an enum key",
        3: "a number key",
    }
    text = dumps_json(value)
    assert text == reference(value)
    loaded = json.loads(text)
    # written out by hand from each type's rule in `jsonable`
    assert loaded["due"] == "2013-01-10"
    assert loaded["at"] == "2013-01-10T09:30:00"
    assert loaded["time"] == "09:30:00"
    assert loaded["budget"] == "1200.50"
    assert loaded["rag"] == "amber_green"
    assert loaded["pair"] == [1, "2013-01-07"]
    assert loaded["ids"] == ["a", "b"]
    assert loaded["task"]["budget"] == "1400000"
    assert loaded["row"] == {"day": "2013-01-07", "amount": "5"}
    assert loaded["red"] == "an enum key"
    assert loaded["3"] == "a number key"


def test_dumps_json_writes_a_text_subclass_key_by_its_str() -> None:
    # jsonable makes a key that is not exactly text into str(key)
    assert json.loads(dumps_json({Text("k"): 1})) == {"not the text": 1}
