"""Saving the commonest edits fast: changed values rewritten in place in the file's text.

A risk's status updated, a date moved, a budget revised: when every change
is a new value for a scalar the file already spells out, the new values are
written over the old ones in the text itself, in the old one's quoting style,
and nothing else moves. The result is checked by loading it again; anything
else (an item added or removed, a key added, a change in an included file, a
block scalar) is left to the round-trip path in `save`, which is much slower
(ruamel.yaml re-reads and re-writes the whole document).

>>> from progman.model import Programme
>>> text = "id: otp\\nname: 'OTP'   # short\\nstart: 2012-04-02\\n"
>>> before = Programme.model_validate({"id": "otp", "name": "OTP", "start": "2012-04-02"})
>>> after = before.model_copy(update={"name": "O'TP", "start": before.start.replace(day=3)})
>>> print(patch_text(text, "otp.yaml", before, after), end="")
id: otp
name: 'O''TP'   # short
start: 2012-04-03
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from pydantic import BaseModel

from .compose import compose_text
from .save import to_plain

__all__ = ["patch_text", "scalar_changes"]

# Text that reads back as itself when written plain, anywhere (block or flow).
_SAFE_PLAIN = re.compile(r"[A-Za-z0-9_(][A-Za-z0-9_ ()./£$%+=~;-]*")


def scalar_changes(before: Any, after: Any, path: str = "") -> list[tuple[str, Any]] | None:
    """(model path, new value) for each changed scalar; None if anything else changed.

    >>> from progman.model import Risk
    >>> old = Risk(id="R1", title="Slips", probability=2, impact=3)
    >>> scalar_changes(old, old.model_copy(update={"impact": 4}), "risks[0]")
    [('risks[0].impact', 4)]
    """
    if before == after:
        return []
    if isinstance(after, BaseModel) and type(before) is type(after):
        changes: list[tuple[str, Any]] = []
        for name in type(after).model_fields:
            inner = scalar_changes(getattr(before, name), getattr(after, name), _key(path, name))
            if inner is None:
                return None
            changes += inner
        return changes
    if isinstance(after, list) and isinstance(before, list) and len(after) == len(before):
        changes = []
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            inner = scalar_changes(old, new, f"{path}[{index}]")
            if inner is None:
                return None
            changes += inner
        return changes
    if _is_scalar(before) and _is_scalar(after) and after is not None:
        return [(path, after)]  # a value changed or set (unsetting one removes a key: not here)
    return None


def _key(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, BaseModel | list | dict | tuple)


def patch_text(text: str, name: str, before: Any, after: Any) -> str | None:
    """`text` (the file `before` was read from) with `after`'s changed values written in,
    or None when the change is not a matter of writing scalars into this text."""
    changes = scalar_changes(before, after)
    if not changes:
        return None
    wanted = frozenset(path for path, _ in changes) | frozenset(
        _parent(path)[0] for path, _ in changes
    )
    composed = compose_text(text, name, spans_for=wanted)
    if composed.findings or any(
        path.startswith(include.path) for include in composed.includes for path in wanted
    ):
        return None  # a change inside an included file: the round-trip path handles it
    edits: list[tuple[int, int, int, str]] = []
    for order, (path, value) in enumerate(changes):
        span = composed.spans.get(path)
        if span is not None:  # the value is written: write the new one over it
            written = _written(value, span.style)
            if written is None:
                return None
            edits.append((span.start, order, span.end, written))
            continue
        parent, key = _parent(path)
        mapping = composed.mappings.get(parent)
        written = _written(value, "")
        if mapping is None or written is None:
            return None  # a shorthand (a bare-id dependency) or not a mapping: leave it
        if mapping.flow:
            edits.append((mapping.close, order, mapping.close, f", {key}: {written}"))
        else:
            end = text.find("\n", mapping.last)
            end = len(text) if end == -1 else end
            newline = "\n"
            if end > 0 and text[end - 1] == "\r":
                end, newline = end - 1, "\r\n"
            indent = " " * (mapping.column - 1)
            edits.append((end, order, end, f"{newline}{indent}{key}: {written}"))
    out = text
    # From the end backwards, so earlier offsets stay right; keys added at one place
    # keep their order.
    for start, _, end, written in sorted(edits, reverse=True):
        out = out[:start] + written + out[end:]
    return out


def _parent(path: str) -> tuple[str, str]:
    """`projects[0].risks[1].status` -> (`projects[0].risks[1]`, `status`)."""
    cut = path.rfind(".")
    return (path[:cut], path[cut + 1 :]) if cut != -1 else ("", path)


def _written(value: Any, style: str) -> str | None:
    """How to write `value` where a scalar in `style` stood, or None to leave it to ruamel."""
    plain = to_plain(value)
    if isinstance(plain, bool):
        text = "true" if plain else "false"
    elif isinstance(plain, date):
        text = plain.isoformat()
    elif isinstance(plain, int | float):
        text = repr(plain)
    elif isinstance(plain, str):
        text = plain
    else:  # pragma: no cover - to_plain gives only the kinds above for scalars
        return None
    if "\n" in text or style not in ("", "'", '"'):
        return None  # block scalars and multi-line text keep ruamel's handling
    if style == '"':
        return json.dumps(text, ensure_ascii=False)
    quote = style == "'" or (isinstance(plain, str) and not _SAFE_PLAIN.fullmatch(text))
    if isinstance(plain, str) and not quote:
        from .scalars import resolve_plain

        quote = resolve_plain(text) != text or text != text.strip()
    return "'" + text.replace("'", "''") + "'" if quote else text
