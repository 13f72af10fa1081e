"""Writing a new definition: plain data as block YAML, fast.

ruamel.yaml's round-trip emitter, which keeps comments and quoting when a loaded
file is saved, costs about 0.7 ms per task when the whole document is new (a
100,000-task programme imported from Microsoft Project: over a minute). A new
document has no comments or quoting to keep, so `block_yaml` writes it directly
in the layout ruamel.yaml gives it (two-space indents, lists under a key not
indented, plain scalars where they read back as the same text, then single and
double quotes), about twenty times faster. The caller reads the text back
before trusting it (`progman.io.save.new_text`): anything this does not write
the way the loader reads it falls back to ruamel.yaml.

>>> print(block_yaml({"id": "otp", "tasks": [{"id": "t1", "depends_on": []}],
...                   "note": "it: works", "start": None}), end="")
id: otp
tasks:
- id: t1
  depends_on: []
note: 'it: works'
start:
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from .scalars import resolve_plain

__all__ = ["Unwritable", "block_yaml"]


class Unwritable(ValueError):
    """A value `block_yaml` does not write (the caller uses ruamel.yaml instead)."""


# A plain scalar may not start with an indicator, hold ": " or " #", end with ":" or
# a space, or look like a date (ruamel.yaml quotes those: other readers take them for
# timestamps); only printable characters other than the three line breaks YAML readers
# disagree on.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_./()-]*(?: [A-Za-z0-9_./()-]+)*")
_NOT_TEXT = frozenset({"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def block_yaml(data: dict[str, Any]) -> str:
    """`data` (dicts, lists, text, numbers, booleans, dates, None) as a block YAML
    document. Raises `Unwritable` for anything else."""
    lines: list[str] = []
    _mapping(data, "", lines)
    lines.append("")
    return "\n".join(lines)


def _mapping(data: dict[Any, Any], indent: str, lines: list[str], first: str = "") -> None:
    """Each key on its own line at `indent`; the first line starts with `first` (a
    list item's dash) instead of the indent."""
    lead = first or indent
    for key, value in data.items():
        if not isinstance(key, str):
            raise Unwritable(f"a key that is not text: {key!r}")
        _entry(f"{lead}{scalar(key)}:", value, indent, lines, key=True)
        lead = indent


def _sequence(data: list[Any], indent: str, lines: list[str], first: str = "") -> None:
    lead = first or indent
    for item in data:
        _entry(f"{lead}-", item, indent, lines, key=False)
        lead = indent


def _entry(head: str, value: Any, indent: str, lines: list[str], *, key: bool) -> None:
    """`head` (a key and its colon, or a dash) followed by `value`."""
    if isinstance(value, dict) and value:
        if key:
            lines.append(head)
            _mapping(value, indent + "  ", lines)
        else:
            _mapping(value, indent + "  ", lines, first=head + " ")
    elif isinstance(value, list) and value:
        if key:
            lines.append(head)
            _sequence(value, indent, lines)  # a list under a key is not indented
        else:
            _sequence(value, indent + "  ", lines, first=head + " ")
    elif value is None:
        lines.append(head)
    else:
        lines.append(f"{head} {scalar(value)}")


def scalar(value: Any) -> str:
    """One value as a YAML scalar that reads back as the same value."""
    if isinstance(value, str):
        return _text(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if value == [] or value == {}:
        return "[]" if value == [] else "{}"
    raise Unwritable(f"a value of type {type(value).__name__}")


def _text(text: str) -> str:
    if _plain(text):
        return text
    if "'" not in text and not _UNPRINTABLE.search(text):
        return f"'{text}'"
    if _SURROGATE.search(text):
        raise Unwritable("text with a lone surrogate")
    quoted = json.dumps(text, ensure_ascii=False)  # JSON's escapes are YAML's too
    return _UNPRINTABLE.sub(_escape, quoted)  # what JSON leaves raw (U+007F and above)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _plain(text: str) -> bool:
    if _WORDS.fullmatch(text):  # most ids and names: only null and booleans read otherwise
        return text not in _NOT_TEXT
    return bool(
        text
        and text[0] not in _NOT_PLAIN_START
        and not text[0].isspace()
        and not text[-1].isspace()
        and text[-1] != ":"
        and ": " not in text
        and " #" not in text
        and not text.startswith("...")
        and not _UNPRINTABLE.search(text)
        and not _DATE_LIKE.match(text)
        and _reads_as_text(text)
    )


def _reads_as_text(text: str) -> bool:
    try:
        return resolve_plain(text) is text
    except ValueError:  # a number too long to read: quoted, it is text
        return False
