"""Where each part of an ordinary definition was written, from one pass over its lines.

A rule finding points at `file:line:col`. For a file the fast path read (no anchors,
aliases, tags or other oddities: `loader._needs_care`), this module works out the same
positions the careful reader (`compose.compose_text`) records, several times faster: it
reads the text line by line, by indentation, without building events or data.

It reads a plain subset of YAML's block style: `key: value` lines, `- ` list items,
comments, flow collections (`{id: a, depends_on: [b]}`, over several lines too),
one-line quoted scalars and block scalars (`|`, `>-`). Anything else (a plain scalar
continued on the next line, a quoted scalar over several lines, a quoted or complex key,
a key given twice, a tab, a bare carriage return...) makes it decline (None), and the
careful reader locates the file as before. Where it does not decline the two agree on
every position: `tests/io/test_quick_locations.py` holds them to it on the examples, the
benchmark corpus and fuzzed texts.

The positions are kept as a tree shaped like the data (a dict per mapping, a list per
list), each value's position packed into one int, so that hundreds of thousands of them
cost little; `Positions.find` walks a model path down it.

>>> found = quick_locations("id: otp\\nprojects:\\n  - {id: portal, name: Portal}\\n", "p.yaml")
>>> found is not None and str(found.locate("projects[0].name"))
'p.yaml:3:24'
>>> str(found.locate("projects[0].budget"))  # not written: where its parent is
'p.yaml:3:5'
>>> quick_locations("id: otp\\nname: a long name\\n  continued\\n", "p.yaml") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .._gc import bulk_objects
from ..findings import SourceLocation
from .scalars import resolve_plain

__all__ = ["Positions", "quick_locations"]

_SHIFT = 32
_COLUMN = (1 << _SHIFT) - 1

# One line: indentation, a `- ` list item mark, a plain key and its colon, the rest.
# A key such as `1e3` is resolved by the core schema, as the careful reader does;
# anything else (a quoted key, a key with spaces) makes the reader decline.
_LINE = re.compile(r"( *)(-(?: +|$))?(?:([A-Za-z0-9_][\w/-]*)( *):(?: +|$))?")
_FLOW_KEY = re.compile(r"([A-Za-z0-9_][\w/-]*)[ ]*:[ ]+")
_BLOCK_HEADER = re.compile(r"[|>][-+]?[ ]*(?:#.*)?")
_SPACES = re.compile(r"[ ]*")
# Spaces, line breaks and comments between the parts of a flow collection.
_FLOW_GAP = re.compile(r"(?:[ \r\n]|(?<![^ \r\n])#[^\n]*)*")
# A plain scalar inside a flow collection ends at `,`, `]`, `}`, `: `, ` #` or the line.
_FLOW_MARKS = frozenset(",]}")
_FLOW_GAP_START = frozenset(" \r\n#")
_FLOW_PLAIN = re.compile(r"[^,\[\]{}:#\r\n]*(?:(?::(?![ ,\]}\r\n])|(?<! )#)[^,\[\]{}:#\r\n]*)*")
_NOT_PLAIN_START = frozenset("&*!|>?%@`#,[]{}'\"")
_SPECIAL_START = _NOT_PLAIN_START | {"-"}  # `-` may start a plain scalar, or a list item
# Keys that read as something other than their text (`true: x` has the key True).
_WORDS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"})
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


class _Decline(Exception):
    """The text is outside what this reader handles: the careful reader locates it."""


class Positions:
    """Where each value of a definition starts, as the careful reader records them."""

    def __init__(self, file: str, root: int, node: dict[str, Any]) -> None:
        self.file = file
        self.root = root
        self.node = node

    def locate(self, path: str) -> SourceLocation:
        """Where the value at `path` was written, or its nearest recorded parent."""
        line, column = self.find(path)
        return SourceLocation(self.file, line, column)

    def locations(self) -> dict[str, SourceLocation]:
        """Every model path and its location (as the careful reader's `locations`)."""
        file = self.file
        return {path: SourceLocation(file, *at) for path, at in self.items()}

    def find(self, path: str) -> tuple[int, int]:
        """(line, column) of the value at `path`, or of its nearest recorded parent."""
        packed = self.root
        node: Any = self.node
        for index, key in _PATH_PART.findall(path):
            if node is None:
                break
            if key:
                if type(node) is not dict or key not in node:
                    break
                entry = node[key]
            else:
                if type(node) is not list or int(index) >= len(node):
                    break
                entry = node[int(index)]
            if type(entry) is tuple:
                packed, node = entry
            else:
                packed, node = entry, None
        return packed >> _SHIFT, packed & _COLUMN

    def items(self) -> Iterator[tuple[str, tuple[int, int]]]:
        """Every (model path, (line, column)), parents first."""
        stack: list[tuple[str, int, Any]] = [("", self.root, self.node)]
        while stack:
            path, packed, node = stack.pop()
            yield path, (packed >> _SHIFT, packed & _COLUMN)
            if node is None:
                continue
            pairs = (
                (((f"{path}.{k}" if path else k), v) for k, v in node.items())
                if type(node) is dict
                else ((f"{path}[{i}]", v) for i, v in enumerate(node))
            )
            for child, entry in pairs:
                if type(entry) is tuple:
                    stack.append((child, entry[0], entry[1]))
                else:
                    stack.append((child, entry, None))

    def __len__(self) -> int:
        return sum(1 for _ in self.items())


def quick_locations(text: str, file: str) -> Positions | None:
    """The position of every value in `text` (written in `file`), as the careful reader
    records them; None when the text is not one this reader handles."""
    if "\t" in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return None
    try:
        with bulk_objects():  # hundreds of thousands of small objects, none of them cyclic
            return _Reader(text, file).run()
    except _Decline:
        return None


def _key(written: str) -> str:
    key = (
        str(resolve_plain(written)) if written in _WORDS or not written.isidentifier() else written
    )
    if "." in key:
        raise _Decline  # `1e3` is 1000.0: its path would be ambiguous
    return key


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        # Open block collections, innermost last: (column, node, is a mapping).
        self.stack: list[tuple[int, Any, bool]] = []
        # A key or `-` whose value starts on a later line: the node holding it, its key
        # or index, the column of its key or dash, whether a dash, where an empty value is.
        self.pending: tuple[Any, Any, int, bool, int] | None = None
        self.skip_to = 0  # lines starting before this offset were read with a flow collection

    def run(self) -> Positions:
        text = self.text
        stack = self.stack
        # every part of `_LINE` is optional: it matches every line
        line_match: Callable[[str], re.Match[str]] = _LINE.match  # type: ignore[assignment]
        root: Positions | None = None
        block = -1  # inside a block scalar: lines indented more than this belong to it
        start = 0  # offset of the line
        number = 0
        for line in text.split("\n"):
            number += 1
            line_start = start
            start += len(line) + 1
            if line_start < self.skip_to:
                continue
            if line and line[-1] == "\r":
                line = line[:-1]
            found = line_match(line)
            column = found.end(1)
            if column == len(line):
                continue  # blank
            if block >= 0:
                if column > block:
                    continue
                block = -1
            if line[column] == "#":
                continue  # a comment
            _, dash, key, _ = found.groups()
            if root is None:
                if line.startswith("---"):
                    if line.rstrip(" ") == "---":
                        continue
                    raise _Decline
                if dash or key is None:
                    raise _Decline  # a top-level list or scalar
                root = Positions(self.file, number << _SHIFT | (column + 1), {})
                stack.append((column, root.node, True))
            pending = self.pending
            if pending is not None:
                self.pending = None
                holder, slot, at, was_dash, empty = pending
                if column > at or (dash and column == at and not was_dash):
                    node: Any = [] if dash else {}
                    holder[slot] = (number << _SHIFT | (column + 1), node)
                    stack.append((column, node, not dash))
                else:
                    holder[slot] = empty  # an empty value (null)
            while True:
                top_column, node, is_map = stack[-1]
                if column < top_column or (column == top_column and not is_map and not dash):
                    stack.pop()
                    if not stack:
                        raise _Decline  # a second top-level node
                else:
                    break
            if column != top_column or (dash is None) != is_map:
                raise _Decline  # a continuation line, or a node where none may start
            if dash:
                at = found.end(2)
                index = len(node)
                if key is not None:  # `- id: x`: a mapping starts at its first key
                    inner: dict[str, Any] = {}
                    node.append((number << _SHIFT | (at + 1), inner))
                    stack.append((at, inner, True))
                    block = self.value(inner, _key(key), line, found, number, at, line_start)
                elif at == len(line) or line[at] == "#":
                    node.append(None)
                    self.pending = (node, index, column, True, number << _SHIFT | (column + 2))
                else:
                    node.append(None)
                    block = self.item(node, index, line, at, number, column, line_start)
            elif key is None:
                raise _Decline
            else:
                # the common case inline: `key: plain value`
                at = found.end()
                if at < len(line) and line[at] not in _SPECIAL_START:
                    if key in _WORDS or not key.isidentifier():
                        key = _key(key)
                    if key in node:
                        raise _Decline
                    plain = line[at:]
                    if ": " in plain or plain[-1] == ":":
                        plain = plain.split(" #", 1)[0]
                        if ": " in plain or plain.rstrip(" ").endswith(":"):
                            raise _Decline
                    node[key] = number << _SHIFT | (at + 1)
                else:
                    block = self.value(node, _key(key), line, found, number, column, line_start)
        if root is None:
            raise _Decline
        if self.pending is not None:
            holder, slot, _, _, empty = self.pending
            holder[slot] = empty
        return root

    def value(
        self,
        node: dict[str, Any],
        key: str,
        line: str,
        found: re.Match[str],
        number: int,
        column: int,
        line_start: int,
    ) -> int:
        """Record the value of `key`, written after `found` on its line; the column a
        block scalar's lines must pass, or -1."""
        if key in node:
            raise _Decline  # a key given twice: the careful reader reports it
        at = found.end()
        if at == len(line) or line[at] == "#":
            node[key] = None
            empty = number << _SHIFT | (found.end(4) + 2)  # just past the colon
            self.pending = (node, key, column, False, empty)
            return -1
        first = line[at]
        packed = number << _SHIFT | (at + 1)
        if first not in _NOT_PLAIN_START and not (
            first == "-" and line[at + 1 : at + 2] in ("", " ")
        ):
            plain = line[at:].split(" #", 1)[0]
            if ": " in plain or plain.rstrip(" ").endswith(":"):
                raise _Decline  # not a scalar: let the careful reader say what it is
            node[key] = packed
            return -1
        return self.special(node, key, line, at, packed, column, number, line_start)

    def item(
        self,
        node: list[Any],
        index: int,
        line: str,
        at: int,
        number: int,
        column: int,
        line_start: int,
    ) -> int:
        """Record a list item written after its dash (other than a mapping)."""
        packed = number << _SHIFT | (at + 1)
        first = line[at]
        if first in "'\"":
            end = _quoted_end(line, at)
            if line[end:].lstrip(" ").startswith(":"):
                raise _Decline  # a quoted key
        elif first not in _NOT_PLAIN_START and not (
            first == "-" and line[at + 1 : at + 2] in ("", " ")
        ):
            plain = line[at:].split(" #", 1)[0]
            if ": " in plain or plain.rstrip(" ").endswith(":"):
                raise _Decline  # a mapping whose key this reader does not read
            node[index] = packed
            return -1
        return self.special(node, index, line, at, packed, column, number, line_start)

    def special(
        self,
        node: Any,
        slot: Any,
        line: str,
        at: int,
        packed: int,
        parent: int,
        number: int,
        line_start: int,
    ) -> int:
        """A value starting with a quote, a bracket or a block scalar indicator."""
        first = line[at]
        if first in "{[":
            text = self.text
            end, number, line_start = self.flow(node, slot, line_start + at, number, line_start)
            eol = text.find("\n", end)
            eol = len(text) if eol == -1 else eol
            _line_ends(text[end:eol].rstrip("\r"), 0)
            self.skip_to = eol + 1
            return -1
        if first in "|>":
            if _BLOCK_HEADER.fullmatch(line, at) is None:
                raise _Decline  # an indentation indicator, or more on the line
            node[slot] = packed
            return parent
        if first in "'\"":
            _line_ends(line, _quoted_end(line, at))
            node[slot] = packed
            return -1
        raise _Decline

    def flow(
        self, holder: Any, slot: Any, at: int, number: int, line_start: int
    ) -> tuple[int, int, int]:
        """Record the flow collection opening at offset `at` (on line `number`, which starts
        at `line_start`) and what is inside; the offset past its end, and its line."""
        text = self.text
        is_map = text[at] == "{"
        node: Any = {} if is_map else []
        holder[slot] = (number << _SHIFT | (at - line_start + 1), node)
        closing = "}" if is_map else "]"
        at, number, line_start = self.gap(at + 1, number, line_start)
        if text.startswith(closing, at):
            return at + 1, number, line_start
        while True:
            if is_map:
                found = _FLOW_KEY.match(text, at)
                if found is None:
                    raise _Decline
                slot = _key(found[1])
                if slot in node:
                    raise _Decline
                at = found.end()
            else:
                slot = len(node)
                node.append(None)
            if at >= len(text):
                raise _Decline
            first = text[at]
            packed = number << _SHIFT | (at - line_start + 1)
            if first in "{[":
                at, number, line_start = self.flow(node, slot, at, number, line_start)
            elif first in "'\"":
                end = _quoted_end(text, at)
                if "\n" in text[at:end]:
                    raise _Decline
                node[slot] = packed
                at = end
            elif (
                first in _NOT_PLAIN_START
                or first in " \r\n"
                or (first == "-" and text[at + 1 : at + 2] in ("", " ", "\r", "\n"))
            ):
                raise _Decline  # an empty value, or one this reader does not know
            else:
                node[slot] = packed
                at = _FLOW_PLAIN.match(text, at).end()  # type: ignore[union-attr]
            mark = text[at : at + 1]
            if mark not in _FLOW_MARKS:
                at, number, line_start = self.gap(at, number, line_start)
                mark = text[at : at + 1]
            if mark == ",":
                at += 1
                if text[at : at + 1] == " " and text[at + 1 : at + 2] not in _FLOW_GAP_START:
                    at += 1
                else:
                    at, number, line_start = self.gap(at, number, line_start)
                if text.startswith(closing, at):
                    return at + 1, number, line_start
            elif mark == closing:
                return at + 1, number, line_start
            else:
                raise _Decline  # `[a: b]`, `{a}`, ...

    def gap(self, at: int, number: int, line_start: int) -> tuple[int, int, int]:
        """Past the spaces, line breaks and comments at `at`, and the line reached."""
        text = self.text
        end = _FLOW_GAP.match(text, at).end()  # type: ignore[union-attr]
        breaks = text.count("\n", at, end)
        if breaks:
            number += breaks
            line_start = text.rfind("\n", at, end) + 1
        return end, number, line_start


def _quoted_end(text: str, at: int) -> int:
    """The offset just past the quoted scalar opening at `text[at]`, on the same line."""
    quote = text[at]
    i = at + 1
    while True:
        i = text.find(quote, i)
        if i == -1:
            raise _Decline  # it goes on over the next line
        if quote == "'":
            if text[i + 1 : i + 2] == "'":  # '' is a quote inside
                i += 2
                continue
            return i + 1
        run = text[at + 1 : i]
        if (len(run) - len(run.rstrip("\\"))) % 2 == 0:
            return i + 1
        i += 1


def _line_ends(text: str, at: int) -> None:
    """Decline unless only spaces and a comment follow `at` on the line."""
    rest = text[at:]
    stripped = rest.lstrip(" ")
    if stripped and not (stripped[0] == "#" and len(stripped) < len(rest)):
        raise _Decline
