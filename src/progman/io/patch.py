"""Saving the commonest edits fast: changed values rewritten in place in the file's text.

A risk's status updated, a date moved, a budget revised: when every change
is a new value for a scalar the file already spells out, the new values are
written over the old ones in the text itself, in the old one's quoting style,
and nothing else moves. Items removed from or reordered in a list of objects
with ids (one item per line group, `- ` leading each) are matched by id and
their lines moved or dropped whole, comment lines above an item going with it.
The result is checked by loading it again; anything else (a value unset, a
change in an included file, a block scalar) is left to the round-trip path in
`save`, which is much slower (ruamel.yaml re-reads and re-writes the whole
document).

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
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from .compose import Composed, Span, compose_text
from .layout import guess_indent
from .save import _emit, _has_break, _yaml, to_plain

__all__ = ["Change", "patch_text", "text_changes"]

# Text that reads back as itself when written plain, anywhere (block or flow).
_SAFE_PLAIN = re.compile(r"[A-Za-z0-9_(][A-Za-z0-9_ ()./£$%+=~;-]*")


@dataclass(frozen=True)
class Change:
    """One edit the text can take: a value `set` or `unset` (its key left out), a key `add`ed,
    items `append`ed, or a list of objects with ids `arrange`d anew (value: each new item
    with its old index, or None)."""

    kind: str
    path: str
    value: Any


def text_changes(before: Any, after: Any, path: str = "") -> list[Change] | None:
    """The edits that turn `before` into `after`; None if one is beyond text patching
    (a value set to null where its default is another).

    >>> from progman.model import Risk
    >>> old = Risk(id="R1", title="Slips", probability=2, impact=3)
    >>> text_changes(old, old.model_copy(update={"impact": 4}), "risks[0]")
    [Change(kind='set', path='risks[0].impact', value=4)]
    """
    if before is after or before == after:
        return []
    if isinstance(after, BaseModel) and type(before) is type(after):
        changes: list[Change] = []
        for name, field in type(after).model_fields.items():
            old, new = getattr(before, name), getattr(after, name)
            if old is new or old == new:
                continue
            if new is None and _is_scalar(old):
                if field.is_required() or field.default is not None:
                    return None  # written `key: null`, not left out: the round trip's
                changes.append(Change("unset", _key(path, name), None))
                continue
            if old in (None, []) and isinstance(new, BaseModel | list):
                inner: list[Change] | None = [Change("add", _key(path, name), new)]
            else:
                inner = text_changes(old, new, _key(path, name))
            if inner is None:
                return None
            changes += inner
        return changes
    old_ids, new_ids = _ids(before), _ids(after, unique=False)
    if new_ids is not None and old_ids is not None:
        known = set(old_ids)  # once: made per item, it was quadratic (0.36 s on 5 MB)
        kept = [id_ for id_ in new_ids if id_ in known]
        if len(set(kept)) != len(kept):
            new_ids = None  # an old item twice over: which copy is the old one is unknowable
    if old_ids is not None and new_ids is not None and new_ids[: len(old_ids)] != old_ids:
        return _arranged(before, after, old_ids, new_ids, path)
    if isinstance(after, list) and isinstance(before, list) and len(after) >= len(before):
        changes = []
        for index, (old, new) in enumerate(zip(before, after[: len(before)], strict=True)):
            inner = text_changes(old, new, f"{path}[{index}]")
            if inner is None:
                return None
            changes += inner
        if len(after) > len(before):
            changes.append(Change("append", path, after[len(before) :]))
        return changes
    if _is_scalar(before) and _is_scalar(after) and after is not None:
        return [Change("set", path, after)]  # unsetting a value removes a key: not here
    return None


def _ids(items: Any, *, unique: bool = True) -> list[str] | None:
    """The ids of a list of objects, if every item has one and (when `unique`) no two
    share one. Added items may share an id (the programme is then invalid, and `check`
    says so) and are still placed as additions, keeping every other item's comments."""
    if not isinstance(items, list):
        return None
    ids = [getattr(item, "id", None) if isinstance(item, BaseModel) else None for item in items]
    if any(not isinstance(id_, str) for id_ in ids) or (unique and len(set(ids)) != len(ids)):
        return None
    return ids  # type: ignore[return-value]  # every one a str, checked above


def _arranged(
    before: list[Any], after: list[Any], old_ids: list[str], new_ids: list[str], path: str
) -> list[Change] | None:
    """A list matched by id: its new arrangement, then the changes inside kept items (at
    their old places, where the text has them)."""
    where = {id_: index for index, id_ in enumerate(old_ids)}
    order = [(where.get(id_), item) for id_, item in zip(new_ids, after, strict=True)]
    changes = [Change("arrange", path, order)]
    for old, item in order:
        if old is not None:
            inner = text_changes(before[old], item, f"{path}[{old}]")
            if inner is None:
                return None
            changes += inner
    return changes


def _key(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, BaseModel | list | dict | tuple)


def patch_text(
    text: str, name: str, before: Any, after: Any, *, in_part: bool = False
) -> str | None:
    """`text` (the file `before` was read from) with `after`'s changes written in, or None
    when a change is not one the text can take where it stands.

    With `in_part`, only the parts of the text the changes are in are read for their
    places (`regions.locate`); the caller must then check the result reads back as
    `after` (the places are found from indentation first)."""
    changes = text_changes(before, after)
    if not changes:
        return None
    wanted = frozenset(c.path for c in changes) | frozenset(_parent(c.path)[0] for c in changes)
    if in_part:
        from .regions import lengths_of, locate

        located = locate(text, name, wanted, lengths_of(before))
        if located is None:
            return None
        composed = located
    else:
        composed = compose_text(text, name, spans_for=wanted)
    if composed.findings or any(
        path.startswith(include.path) for include in composed.includes for path in wanted
    ):
        return None  # a change inside an included file: the round-trip path handles it
    layout = guess_indent(text)
    edits: list[_Edit] = []
    for order, change in enumerate(changes):
        if change.kind == "arrange":
            found = _arrangement(text, composed, change, layout)
            if found is None:
                return None
            edits += found
            continue
        edit = _edit(text, composed, change, layout)
        if edit is None:
            return None
        start, end, written = edit
        edits.append(_Edit(start, order, end, written))
    edits.sort(key=_placing)
    return _apply(text, 0, len(text), edits)


def _placing(edit: _Edit) -> tuple[int, int, int]:
    """Where an edit goes among edits at one place: lines inserted there go deepest first
    (an item appended to a list ending there, then a key added to the mapping holding
    that list); otherwise the changes' order."""
    inserted = edit.start == edit.end and not edit.blocks and edit.written
    if not inserted:
        return (edit.start, 0, edit.order)
    first = next((line for line in edit.written.splitlines() if line.strip()), "")
    return (edit.start, -(len(first) - len(first.lstrip(" "))), edit.order)


@dataclass(frozen=True)
class _Edit:
    """Text `written` over [start, end); or, for an arrangement, the list's items rebuilt."""

    start: int
    order: int
    end: int
    written: str = ""
    blocks: tuple[tuple[int, int], ...] = ()
    """An arrangement's old items, as the [start, end) of each one's lines."""
    items: tuple[int | str, ...] = ()
    """An arrangement's new items: the index of an old block, or new text."""


def _apply(text: str, start: int, end: int, edits: list[_Edit]) -> str:
    """`text[start:end]` with `edits` (sorted, inside it) made; the edits inside an
    arrangement are made in the blocks it moves."""
    out: list[str] = []
    at, index = start, 0
    while index < len(edits):
        edit = edits[index]
        index += 1
        out.append(text[at : edit.start])
        at = edit.end
        if not edit.blocks:
            out.append(edit.written)
            continue
        inside: list[_Edit] = []
        following: list[_Edit] = []
        column = _column(text, edit.blocks[0][0])
        while index < len(edits) and edits[index].start < edit.end:
            (following if _follows(text, edits[index], edit.end, column) else inside).append(
                edits[index]
            )
            index += 1
        for item in edit.items:
            if isinstance(item, str):
                out.append(item)
                continue
            block_start, block_end = edit.blocks[item]
            mine = [e for e in inside if block_start <= e.start and e.end <= block_end]
            out.append(_apply(text, block_start, block_end, mine))
        newline = _line_break_ending(text, edit.end)
        out += [e.written[len(newline) :] + newline for e in following]
    out.append(text[at:end])
    return "".join(out)


def _column(text: str, offset: int) -> int:
    """The indentation of the line starting at `offset`."""
    line = text[offset : text.find("\n", offset) if "\n" in text[offset:] else len(text)]
    return len(line) - len(line.lstrip(" "))


def _follows(text: str, edit: _Edit, end: int, column: int) -> bool:
    """Lines inserted at the last line break of a rearranged list, less indented than its
    items (a key or item of a mapping or list holding it): they go after the list in its
    new order, not after whichever item was last before."""
    newline = _line_break_ending(text, end)
    return (
        bool(newline)
        and edit.start == edit.end == end - len(newline)
        and edit.written.startswith(newline)
        and not edit.blocks
        and _column(edit.written, len(newline)) < column
    )


def _line_break_ending(text: str, end: int) -> str:
    """The line break `text[:end]` ends with ("\r\n", "\n" or "")."""
    if text.endswith("\r\n", 0, end):
        return "\r\n"
    return "\n" if text.endswith("\n", 0, end) else ""


def _arrangement(
    text: str, composed: Composed, change: Change, layout: tuple[int, int]
) -> list[_Edit] | None:
    """The edit that rebuilds a block list in a new order (items kept, dropped or new),
    each kept item's lines moved whole with the comment lines just above it."""
    here = composed.containers.get(change.path)
    if here is None or here.is_map or here.flow or not here.items:
        return None
    starts = []
    for offset in here.items:
        line = _line_start(text, offset)
        if text[line:offset].strip() != "-":
            return None  # an item not led by `- ` on its own line: leave it to ruamel
        while line > 0:  # comment lines just above an item go with it
            above = _line_start(text, line - 1)
            if not text[above : line - 1].lstrip().startswith("#"):
                break
            line = above
        starts.append(line)
    last = here.last
    if last and text[last - 1] != "\n":
        line_end = text.find("\n", last)
        last = len(text) if line_end == -1 else line_end + 1
    if not text.endswith("\n") and last == len(text):
        return None  # no line end after the last item to join the moved ones with
    blocks = tuple(zip(starts, [*starts[1:], last], strict=True))
    if not change.value:  # every item removed: `key: []`, as a clean save writes it
        colon = _key_colon(text, blocks[0][0])
        if colon is None:
            return None
        return [_Edit(colon + 1, -1, colon + 1, " []"), _Edit(blocks[0][0], -1, last, "")]
    newline = "\r\n" if "\r\n" in text[blocks[0][0] : last] else "\n"
    indent = " " * (here.column - 1)
    items: list[int | str] = []
    for old, item in change.value:
        if old is not None:
            items.append(old)
            continue
        if here.flow_items:
            lines = [f"- {_flow(to_plain(item))}"]
        else:
            lines = _block(to_plain([item]), layout)
        items.append("".join(indent + line + newline for line in lines))
    return [_Edit(blocks[0][0], -1, last, blocks=blocks, items=tuple(items))]


def _key_colon(text: str, first_line: int) -> int | None:
    """The offset of the `:` ending `key:` on the line above a block list's first line."""
    if first_line == 0:
        return None
    line = _line_start(text, first_line - 1)
    written = text[line : first_line - 1].rstrip("\r")
    comment = written.find(" #")
    written = (written[:comment] if comment != -1 else written).rstrip()
    return line + len(written) - 1 if written.endswith(":") else None


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _edit(
    text: str, composed: Composed, change: Change, layout: tuple[int, int]
) -> tuple[int, int, str] | None:
    """(start, end, new text) for one change, or None if the text cannot take it here."""
    span = composed.spans.get(change.path)
    here = composed.containers.get(change.path)
    if change.kind == "unset":
        return None if span is None else _unset(text, span, _parent(change.path)[1])
    if change.kind == "set" and span is not None:  # the value is written: write over it
        written = _written(change.value, span.style)
        return None if written is None else (span.start, span.end, written)
    if change.kind == "append" or (change.kind == "add" and here is not None):
        # Items after the last one (a list written `[]` takes them too).
        items = change.value if isinstance(change.value, list) else None
        if here is None or here.is_map or items is None:
            return None
        if here.flow:
            joined = ", ".join(_flow(to_plain(item)) for item in items)
            return here.close, here.close, (", " if here.size else "") + joined
        if here.flow_items:
            lines = [f"- {_flow(to_plain(item))}" for item in items]
        else:
            lines = _block(to_plain(items), layout)
        return _after_line(text, here.last, lines, here.column)
    if span is not None or here is not None:
        return None  # written in a form the change does not fit (a null, a shorthand)
    parent, key = _parent(change.path)
    mapping = composed.containers.get(parent)
    if mapping is None or not mapping.is_map:
        return None  # a shorthand (a bare-id dependency) or not a mapping: leave it
    value = to_plain(change.value)
    if mapping.flow:
        return mapping.close, mapping.close, f", {key}: {_flow(value)}"
    if isinstance(value, dict | list):
        lines = _block({key: value}, layout)
    else:
        written = _written(change.value, "")
        if written is None:
            return None
        lines = [f"{key}: {written}"]
    return _after_line(text, mapping.last, lines, mapping.column)


def _unset(text: str, span: Span, key: str) -> tuple[int, int, str] | None:
    """Take out the line(s) of `key: value` (with its end-of-line comment), where the key
    starts its own line in a block mapping and the value is a plain or quoted scalar."""
    if span.style not in ("", "'", '"'):
        return None  # a block scalar: the round trip
    line = _line_start(text, span.start)
    if not re.fullmatch(rf"[ ]*{re.escape(key)}[ ]*:[ ]+", text[line : span.start]):
        return None  # after `- `, in a flow mapping, or a key written otherwise
    end = text.find("\n", span.end)
    end = len(text) if end == -1 else end + 1
    rest = text[span.end : end].strip()
    if rest and not rest.startswith("#"):
        return None
    return line, end, ""


def _after_line(
    text: str, offset: int, lines: list[str], column: int
) -> tuple[int, int, str] | None:
    """Insert `lines`, indented to `column`, after the line holding `offset`."""
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    newline = "\n"
    if end > 0 and text[end - 1] == "\r":
        end, newline = end - 1, "\r\n"
    indent = " " * (column - 1)
    return end, end, "".join(newline + indent + line for line in lines)


def _parent(path: str) -> tuple[str, str]:
    """`projects[0].risks[1].status` -> (`projects[0].risks[1]`, `status`)."""
    cut = path.rfind(".")
    return (path[:cut], path[cut + 1 :]) if cut != -1 else ("", path)


def _flow(value: Any) -> str:
    """A value written on one line: `{id: I-1, title: Late}`, `[a, b]` or a scalar."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict | list):
        styled = CommentedMap(value) if isinstance(value, dict) else CommentedSeq(value)
        styled.fa.set_flow_style()
        return _emit(_yaml(), styled).rstrip("\n")
    written = _written(value, "")
    assert written is not None  # only block styles decline, and this one is plain
    return written


def _block(value: Any, layout: tuple[int, int]) -> list[str]:
    """A mapping or list written in block style as the file indents, first line at column 1."""
    mapping, offset = layout
    yaml = _yaml()
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    lines = _emit(yaml, value).splitlines()
    margin = min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    return [line[margin:] for line in lines]


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
    if style not in ("", "'", '"'):
        return None  # a block scalar (`|`, `>`): ruamel's round-trip keeps its form
    if style == '"' or "\n" in text or _has_break(text):  # the one style with escapes
        escaped = json.dumps(text, ensure_ascii=False)
        return escaped.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")
    quote = style == "'" or (isinstance(plain, str) and not _SAFE_PLAIN.fullmatch(text))
    if isinstance(plain, str) and not quote:
        from .scalars import resolve_plain

        quote = resolve_plain(text) != text or text != text.strip()
    return "'" + text.replace("'", "''") + "'" if quote else text
