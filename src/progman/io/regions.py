"""Where an edit goes, found without reading the whole file: saving costs the edit.

Writing a changed value into the text needs the exact place of that value
(`compose.Span`) or of the list or mapping that takes a new item
(`compose.ContainerEnd`). Reading the whole file with positions for that costs
about 0.6 s per MB. `locate` reads only the part of the file the edit is in:
it finds a top-level key's lines, and a block list's items, by their
indentation alone (regular expressions over the text, in C), then composes
just that key's lines or that item's lines with the careful reader
(`compose.compose_text`) and moves the positions back to the whole file.
A very long top-level list that gains, loses or reorders items is described
from the indentation of its `- ` lines without composing it.

What indentation alone cannot tell (a multi-line quoted text or flow
collection that breaks its lines oddly) can only make the place wrong, never
go unnoticed: `save` reads the edited text back and compares it with the
programme before writing it, and falls back to the slower, whole-file ways
when they differ.

>>> text = "id: otp\\nprojects:\\n  - id: a  # first\\n    name: A\\n  - id: b\\n    name: B\\n"
>>> found = locate(text, "p.yaml", frozenset({"projects[1].name", "projects"}), {"projects": 2})
>>> span = found.spans["projects[1].name"]
>>> text[span.start:span.end], found.containers["projects"].items == (text.index("id: a"),
...     text.index("id: b"))
('B', True)
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .compose import Composed, ContainerEnd, compose_text

__all__ = ["locate"]

_PART = re.compile(r"[^.\[\]]+|\[\d+\]")
# A line at column 0 that ends a top-level key's value: content, not a comment, not `- `.
_TOP_LEVEL = r"(?:[^\s#-]|-[^\s])"
_SMALL = 32_768
"""A top-level key's lines shorter than this are composed whole (a few milliseconds)."""


def locate(
    text: str, name: str, wanted: frozenset[str], lengths: dict[str, int]
) -> Composed | None:
    """Spans and containers for the `wanted` model paths, as `compose_text(text, name,
    spans_for=wanted)` would record them, reading only the parts of `text` they are in;
    None when the text is not laid out in a way this can follow.

    `lengths` gives the number of items of top-level lists, as loaded: a list whose
    `- ` lines do not number as many is composed whole (or declined)."""
    found = Composed(data={})
    groups: dict[tuple[str, int | None], set[str]] = {}
    for path in wanted:
        if path == "":
            root = _root(text)
            if root is not None:
                found.containers[""] = root
            continue
        parts = _PART.findall(path)
        if not parts or not path.startswith(parts[0]) or parts[0].startswith("["):
            return None
        index = int(parts[1][1:-1]) if len(parts) > 1 and parts[1].startswith("[") else None
        groups.setdefault((parts[0], index), set()).add(path)
    for (key, index), paths in sorted(groups.items(), key=lambda group: str(group[0])):
        if not _locate_under(text, name, key, index, paths, lengths, found):
            return None
    return found


def _locate_under(
    text: str,
    name: str,
    key: str,
    index: int | None,
    paths: set[str],
    lengths: dict[str, int],
    found: Composed,
) -> bool:
    """Record the places of `paths`, all under top-level `key` (item `index` of it)."""
    where = _line_search(rf"{re.escape(key)}:(?=[ \t\r\n]|\Z)", text, 0, len(text))
    if where is None:
        return True  # not written: a key to add, placed by the root container
    line_end = _line_end(text, where)
    after = _line_search(_TOP_LEVEL, text, line_end, len(text))
    end = len(text) if after is None else after
    items = _block_items(text, line_end, end)
    if items is not None and len(items) != lengths.get(key, -1):
        items = None  # not what was loaded: the indentation misleads, compose it all
    if items is None or end - where <= _SMALL:
        return _compose_slice(text, name, where, end, paths, "", "", found)
    if index is None:
        if paths != {key}:
            return _compose_slice(text, name, where, end, paths, "", "", found)
        found.containers[key] = _block_list(text, items, end)
        return True
    if index >= len(items):
        return False
    start = _line_start(text, items[index])
    stop = _line_start(text, items[index + 1]) if index + 1 < len(items) else end
    return _compose_slice(text, name, start, stop, paths, f"{key}[{index}]", "[0]", found)


def _block_items(text: str, start: int, end: int) -> list[int] | None:
    """The offsets of the `-` of each item, if the value in [start, end) is a block list."""
    first = _line_search(r"[ ]*[^\s#]", text, start, end)
    if first is None:
        return None
    dash = _after_blanks(text, first)
    if not text.startswith("-", dash) or dash >= end:
        return None
    lead = re.escape(text[first:dash])
    items = [dash]
    pattern = re.compile(rf"\n{lead}-(?=[ \t\r\n]|\Z)")
    at = pattern.search(text, dash, end)
    while at is not None:
        items.append(at.end() - 1)
        at = pattern.search(text, at.end(), end)
    return items


def _line_search(pattern: str, text: str, start: int, end: int) -> int | None:
    """The start of the first line in [start, end) that begins with `pattern` (`start` is a
    line start). The search is for a line break and the pattern after it, which the
    regular expression engine finds far faster than a `^` tried at every offset."""
    if start < end and re.compile(pattern).match(text, start, end):
        return start
    found = re.compile(rf"\n(?:{pattern})").search(text, start, end)
    return None if found is None else found.start() + 1


def _block_list(text: str, dashes: list[int], end: int) -> ContainerEnd:
    """A block list's place from its `- ` lines: each item starts after its `- `."""
    items = tuple(_after_blanks(text, dash + 1) for dash in dashes)
    column = dashes[0] - _line_start(text, dashes[0]) + 1
    return ContainerEnd(
        flow=False,
        column=column,
        last=_last_content(text, end),
        close=0,
        size=len(items),
        flow_items=text.startswith("{", items[0]),
        is_map=False,
        items=items,
    )


def _root(text: str) -> ContainerEnd | None:
    """The top-level mapping's place: its keys at column 1, new keys after its last line."""
    first = _line_search(r"[^\s#]", text, 0, len(text))
    if first is None or not re.compile(_TOP_LEVEL).match(text, first):
        return None
    last = _last_content(text, len(text))
    return ContainerEnd(False, 1, last, 0, 0, flow_items=False, is_map=True)


def _compose_slice(
    text: str,
    name: str,
    start: int,
    end: int,
    paths: set[str],
    prefix: str,
    alias: str,
    found: Composed,
) -> bool:
    """Compose text[start:end] alone, where `prefix` is called `alias` (a list item, written
    at the top of the slice, is item 0), and record the places of `paths` in the file."""
    wanted = frozenset(alias + path[len(prefix) :] for path in paths)
    composed = compose_text(text[start:end], name, spans_for=wanted)
    if any(finding.code != "YAML-NOT-MAPPING" for finding in composed.findings):
        return False
    if any(path.startswith(include.path) for include in composed.includes for path in wanted):
        return False  # a change inside an included file: not in this text
    for path, span in composed.spans.items():
        if path.startswith(alias):
            found.spans[prefix + path[len(alias) :]] = replace(
                span, start=span.start + start, end=span.end + start
            )
    for path, container in composed.containers.items():
        if path.startswith(alias):
            found.containers[prefix + path[len(alias) :]] = replace(
                container,
                last=container.last + start,
                close=container.close + start,
                items=tuple(item + start for item in container.items),
            )
    return True


def _after_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    """The offset just after the line holding `offset` (its `\\n` included)."""
    end = text.find("\n", offset)
    return len(text) if end == -1 else end + 1


def _last_content(text: str, end: int) -> int:
    """The end of the last line before `end` that holds more than a comment (its line
    break left out)."""
    while end > 0:
        start = _line_start(text, end - 1)
        line = text[start:end].rstrip("\r\n")
        body = line.lstrip(" \t")
        if body and not body.startswith("#"):
            return start + len(line)
        end = start
    return 0


def lengths_of(programme: Any) -> dict[str, int]:
    """The number of items of each top-level list of a programme."""
    return {
        name: len(value) for name, value in programme.__dict__.items() if isinstance(value, list)
    }
