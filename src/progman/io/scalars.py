"""Plain YAML scalars read by the YAML 1.2 core schema, the one rule both load paths follow.

`no`, `on` and `yes` are text, `0123` is the decimal 123, `0o17` is octal,
`1e3` is a float; dates stay text here and the model reads ISO dates. An integer
written with more than `MAX_DIGITS` digits is refused (`ValueError`), whichever reader
meets it: nothing in a definition needs one, and Python cannot even print one of 4,301.

>>> [resolve_plain(text) for text in ("no", "0123", "0o17", "1e3", "~", "2013-01-14")]
['no', 123, 15, 1000.0, None, '2013-01-14']
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MAX_DIGITS", "resolve_plain"]

MAX_DIGITS = 100
"""Most digits an integer may be written with (underscores not counted)."""

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9][0-9_]*")
_PREFIXED = re.compile(r"(?P<sign>[-+]?)0(?P<base>[oxb])(?P<digits>[0-9a-fA-F_]+)")
_BASES = {"o": 8, "x": 16, "b": 2}
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = frozenset({".nan", ".NaN", ".NAN"})


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar: None, bool, int, float or the text itself."""
    if text in _NULL:
        return None
    found = _BOOL.get(text)
    if found is not None:
        return found
    first = text[0]
    if not (first.isdigit() or first in "-+."):
        return text  # the common case: a word
    if _INT.fullmatch(text):
        return int(_digits(text))
    prefixed = _PREFIXED.fullmatch(text)
    if prefixed:
        digits = prefixed["digits"].replace("_", "")
        try:
            number = int(digits, _BASES[prefixed["base"]])
        except ValueError:
            return text
        _digits(digits)
        return -number if prefixed["sign"] == "-" else number
    if _FLOAT.fullmatch(text):
        return float(text.replace("_", ""))
    if _INF.fullmatch(text):
        return float("-inf") if text[0] == "-" else float("inf")
    if text in _NAN:
        return float("nan")
    return text


def _digits(text: str) -> str:
    """An integer's digits without underscores; ValueError if there are too many."""
    digits = text.replace("_", "")
    count = len(digits.lstrip("+-"))
    if count > MAX_DIGITS:
        raise ValueError(
            f"a number written with {count:,} digits is too long (at most {MAX_DIGITS})"
        )
    return digits
