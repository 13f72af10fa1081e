"""The one way progman writes data as JSON: dates as ISO text, money as exact decimal text.

Every JSON document progman prints (the CLI's `--format json`, `Report.to_json()`,
`Schedule.to_json()`) goes through `jsonable`, so a `Decimal` amount or a `date` in a
finding's data can never break the output.

>>> from datetime import date
>>> from decimal import Decimal
>>> jsonable({"budget": Decimal("1200.50"), "due": date(2013, 1, 10), "ids": ("a", "b")})
{'budget': '1200.50', 'due': '2013-01-10', 'ids': ['a', 'b']}
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from pathlib import PurePath
from typing import Any

from ._gc import bulk_objects

__all__ = ["SCHEMA_VERSION", "dumps_json", "json_bytes", "jsonable"]

SCHEMA_VERSION = "1.0"
"""Version of every JSON document the CLI prints: the major number changes when a field
is removed or changes meaning; the minor number when fields are added."""


_READY = frozenset({str, int, bool, type(None)})
"""Types whose values JSON takes as they are (exactly these: subclasses such as enums go
through `jsonable`)."""


def jsonable(value: Any) -> Any:
    """`value` with every date, amount, enum, path, set and tuple made JSON-ready."""
    kind = type(value)
    if kind in _READY:
        return value
    # the bulk of large documents (a schedule's items): plain dicts and lists of plain
    # values, converted without a call per value
    if kind is dict:
        return {
            key if type(key) is str else str(key): item if type(item) in _READY else jsonable(item)
            for key, item in value.items()
        }
    if kind is list:
        if _plain_records(value):  # a schedule's items: checked in bulk, copied whole
            return list(map(dict, value))
        return [item if type(item) in _READY else jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(item) for item in items]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):
        return model_dump(mode="json")
    return str(value)


def _plain_records(rows: list[Any]) -> bool:
    """True if `rows` is a list of dicts of text keys and values JSON takes as they are,
    found by a few passes over all of them together rather than a call per row."""
    if not rows or set(map(type, rows)) != {dict}:
        return False
    if not set(map(type, chain.from_iterable(rows))) <= {str}:
        return False
    return set(map(type, chain.from_iterable(map(dict.values, rows)))) <= _READY


def dumps_json(value: Any, *, indent: int | None = 2) -> str:
    """`value` as JSON text, through `jsonable`.

    Indented by two spaces (the CLI's documents) it is written by orjson, some 10x
    faster than the standard library's pure-Python indenting encoder and the same
    text, except that a float with a negative exponent is spelled `1e-7` rather than
    `1e-07`; what orjson refuses (an integer beyond 64 bits, text with a lone
    surrogate) is written by the standard library.

    >>> print(dumps_json({"due": date(2013, 1, 10), "ids": ("a", "b"), "none": []}))
    {
      "due": "2013-01-10",
      "ids": [
        "a",
        "b"
      ],
      "none": []
    }
    """
    if indent == 2:
        data = json_bytes(value)
        if data is not None:
            return data.decode()
    with bulk_objects():  # a large document is many small objects, no cycles
        data = jsonable(value)
    if indent == 2:
        import orjson

        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
        except TypeError:  # orjson.JSONEncodeError: a huge integer, a lone surrogate
            pass
    return json.dumps(data, indent=indent, ensure_ascii=False)


def json_bytes(value: Any) -> bytes | None:
    """`dumps_json(value)` as UTF-8 bytes when orjson writes it (None when it refuses the
    value: `dumps_json` then writes it another way), for writing a large document to a
    byte stream without a text copy of it.

    >>> json_bytes({"due": date(2013, 1, 10)})
    b'{\\n  "due": "2013-01-10"\\n}'
    """
    import orjson

    # orjson walks the value itself and hands `jsonable` only what it would not write as
    # `jsonable` makes it (`_orjson_options`): no copy of a large document is made (a
    # 100,000-item schedule: 0.13 -> 0.02 s)
    try:
        return orjson.dumps(value, default=jsonable, option=_orjson_options())
    except TypeError:  # a key that is not text, a huge integer, a lone surrogate, ...
        return None


def _orjson_options() -> int:
    """orjson's options for writing a value as `jsonable` would make it: dates, times and
    dataclasses are handed to `jsonable` rather than written by orjson.

    What orjson writes itself is written as `jsonable` would make it: text, whole numbers,
    true, false and null; floats (NaN and infinities as null); lists and tuples; dicts
    (and their subclasses) with text keys; enums, by their values; text and number
    subclasses as their plain values; UUIDs as text. Anything else (a `Decimal`, a set, a
    path, a model, a numpy number) goes to `jsonable` (orjson's `default`), and whatever
    orjson refuses (a key that is not text, an integer beyond 64 bits) makes `dumps_json`
    convert the whole value with `jsonable` first.
    """
    import orjson

    return orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
