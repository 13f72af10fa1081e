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
from .locations import SourceMap
from .scalars import resolve_plain

__all__ = ["LazyPositions", "Positions", "lazy_locations", "quick_locations"]

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


# --- located on demand: only the paths asked for ---------------------------------------------
#
# A rule finding asks for a few paths; most of a large file is never asked about. The lazy
# locator finds a path's value by searching the text (C-speed `re` and `str` scans) instead
# of reading every line: a mapping's key by a search for its line at the mapping's column,
# a list's items by a scan for the dashes at its column, a flow collection only when a path
# goes inside it. That is sound because, in block YAML, a mapping's keys are exactly the
# lines at its column within its lines (everything deeper belongs to some key's value: block
# scalars and plain scalars continued over lines are indented further than their mapping),
# unless a quoted scalar runs on over lines, a flow collection runs on to a line not
# indented further than its bracket (either may come back to any column), or a key is
# quoted or explicit (`? k`): `_lazy_unfit` looks for those in the whole text first, and the
# one-pass reader above reads such a text instead. A line on a path's way that the lazy
# locator does not read declines at lookup time, and the one-pass reader (else the careful
# one) answers from then on; each agrees with the careful reader on every position it gives
# (`tests/io/test_quick_locations.py`).

# What `_lazy_unfit` keeps of a text to see where flow collections close: brackets, quotes,
# hashes and line breaks.
_MARKS = b"[]{}\n\"'#"
_NOT_MARKS = bytes(c for c in range(256) if c not in _MARKS)
_BRACKET = re.compile(rb"[\[\]{}]")
_QUOTE = re.compile(r"[\"']")
_EXPLICIT_KEY = re.compile(r"\?(?:[ \r\n]|$)", re.MULTILINE)
_AFTER_QUOTED_KEY = re.compile(r" *:(?:[ \r\n]|$)")
# Where a key's value ends: a line at or left of the key's column that is not a comment,
# blank, or an item of a list written at the key's column (compiled per column).
_SIBLING: dict[int, re.Pattern[str]] = {}
_AFTER_KEY = re.compile(r" *:(?=[ \r\n]|\Z)")
_AFTER_DASH = frozenset({"", " ", "\r", "\n"})
_CONTENT_LINE = re.compile(r"\n( *)(?=[^ \r\n#])")
_LINE_IN_TEXT = re.compile(_LINE.pattern, re.MULTILINE)  # `_LINE`, matched in the text
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][\w/-]*")
# Keys that other written keys resolve to (`true`, `~`, `.inf`): looked for by the one-pass
# reader, which resolves every key it reads; and keys found to be written only as themselves.
_RESOLVED = frozenset({"True", "False", "None", "inf", "nan"})
_SEARCHABLE: set[str] = set()


def _lazy_unfit(text: str) -> bool:
    """True if something in `text` could defeat the lazy locator's searches (see above)."""
    if "\t" in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return True
    if ("[" in text or "{" in text) and _flows_unfit(text):
        return True
    if "?" in text:
        for found in _EXPLICIT_KEY.finditer(text):
            at = found.start()
            if at == 0 or text[at - 1] in " \n[{,":
                return True
    if '"' in text or "'" in text:
        for found in _QUOTE.finditer(text):
            at = found.start()
            if at and text[at - 1] not in " \n[{,:":
                continue  # an apostrophe, or a quote inside a plain scalar
            try:
                end = _quoted_end(text, at)
            except _Decline:
                return True
            if "\n" in text[at:end] or _AFTER_QUOTED_KEY.match(text, end):
                return True
    return False


def _flows_unfit(text: str) -> bool:
    """True unless every flow collection in `text` reads (by the one-pass reader) and each
    line it runs on to is indented further than its opening bracket, so that no search for
    a key or an item at a block's column can land inside it."""
    # Its brackets, quotes and hashes, line by line; then without the bracket pairs that
    # close on their line with nothing between them but other such pairs.
    marks = text.encode("utf-8", "surrogatepass").translate(None, _NOT_MARKS)
    while True:
        fewer = marks.replace(b"[]", b"").replace(b"{}", b"")
        if len(fewer) == len(marks):
            break
        marks = fewer
    if not any(bracket in marks for bracket in (b"[", b"{", b"]", b"}")):
        return False
    lines = text.split("\n")
    number = line_number = offset = previous = covered = 0
    last = -1
    reader = _Reader(text, "")
    for odd in _BRACKET.finditer(marks):  # on a line with a quote, a hash, or not closed
        number += marks.count(b"\n", previous, odd.start())
        previous = odd.start()
        if number == last:
            continue  # a line looked at already
        last = number
        offset += sum(map(len, lines[line_number:number])) + number - line_number
        line_number = number
        if offset < covered:
            continue  # a line of a flow collection already read
        line = lines[number].removesuffix("\r")
        found = _LINE.match(line)
        assert found is not None
        at = found.end()
        if at == len(line) or line[at] not in "[{":
            if line[at : at + 2] in ("-", "- "):
                return True  # `- - [a,`: a list in a list on one line
            continue  # a plain scalar with a bracket in it, or a comment
        try:
            end, _, _ = reader.flow({}, 0, offset + at, number + 1, offset)
            eol = text.find("\n", end)
            eol = len(text) if eol == -1 else eol
            _line_ends(text[end:eol].rstrip("\r"), 0)
        except _Decline:
            return True
        for more in text[offset:eol].split("\n")[1:]:
            inner = more.lstrip(" ")
            if inner and inner[0] not in "#\r" and len(more) - len(inner) <= at:
                return True
        covered = eol
    return False


_GONE = object()  # a path's parent has no such key or item: its position is the parent's
_UNREAD = object()  # a key or item of a block not looked for yet


class _Flow:
    """A flow collection not yet read: where it opens."""

    __slots__ = ("at", "line_start", "node", "number")

    def __init__(self, at: int, number: int, line_start: int) -> None:
        self.at, self.number, self.line_start = at, number, line_start
        self.node: Any = None


class _Block:
    """A block mapping or list not yet read: its lines are `text[start:end]`, the first one
    numbered `number`; its keys or dashes stand at `column` (a mapping that is a list item
    starts on the item's line, after the dash)."""

    __slots__ = (
        "column", "end", "entries", "first", "head", "is_map", "items", "number", "start"
    )  # fmt: skip

    def __init__(self, start: int, end: int, number: int, column: int, is_map: bool) -> None:
        self.start, self.end, self.number, self.column = start, end, number, column
        self.is_map = is_map
        self.entries: dict[Any, Any] = {}  # the keys or items read so far
        self.items: list[tuple[int, int]] | None = None  # each item's line: offset, number
        self.head: tuple[str, str, re.Match[str]] | None = None  # a mapping's first key
        self.first: str | None = None  # the first key as written, when read with the item


class LazyPositions:
    """The positions `quick_locations` records, worked out path by path as they are asked
    for; `otherwise` gives them all when a path leads somewhere this locator does not read."""

    def __init__(
        self,
        text: str,
        file: str,
        otherwise: Callable[[], Positions | dict[str, SourceLocation]],
    ) -> None:
        self.text = text
        self.file = file
        self._otherwise: Callable[[], Positions | dict[str, SourceLocation]] | None = otherwise
        self._other: Positions | dict[str, SourceLocation] | None = None
        self._reader = _LazyReader(text, file)
        self._found: dict[str, SourceLocation] = {}  # each path asked, once
        self._nodes: dict[str, tuple[int, Any]] = {}  # and the paths on the way to it
        self._root = self._start()  # None: declined at once
        if self._root is not None:
            self._nodes[""] = self._root

    def locate(self, path: str) -> SourceLocation:
        """Where the value at `path` was written, or its nearest recorded parent."""
        if self._other is None and self._root is not None:
            found = self._found.get(path)
            if found is not None:
                return found
            try:
                packed = self._resolve(path)[0]
                found = self._found[path] = SourceLocation(
                    self.file, packed >> _SHIFT, packed & _COLUMN
                )
                return found
            except _Decline:
                self._found.clear()
                self._nodes.clear()
        other = self._fallback()
        if isinstance(other, Positions):
            return other.locate(path)
        found = SourceMap.of(other).lookup(path)
        assert found is not None  # the careful reader records the root
        return found

    def locations(self) -> dict[str, SourceLocation]:
        """Every model path and its location (from the one-pass or the careful reader)."""
        other = self._fallback()
        return other.locations() if isinstance(other, Positions) else other

    def __len__(self) -> int:
        return len(self._fallback())

    def _fallback(self) -> Positions | dict[str, SourceLocation]:
        if self._other is None:
            assert self._otherwise is not None
            self._other, self._otherwise = self._otherwise(), None
        return self._other

    def _start(self) -> tuple[int, _Block] | None:
        """The root mapping: where it starts."""
        text = self.text
        found = _CONTENT_LINE.search("\n" + text)
        if found is None:
            return None
        start = found.end() - 1 - len(found[1])
        number = text.count("\n", 0, start) + 1
        if text.startswith("---", start):
            if _line(text, start).rstrip(" ") != "---":
                return None
            found = _CONTENT_LINE.search(text, start)
            if found is None:
                return None
            start = found.end() - len(found[1])
            number = text.count("\n", 0, start) + 1
        line = _line(text, start)
        head = _LINE.match(line)
        assert head is not None
        if head[2] or head[3] is None:
            return None
        column = head.end(1)
        return number << _SHIFT | (column + 1), _Block(start, len(text), number, column, True)

    def find(self, path: str) -> tuple[int, int]:
        """(line, column) of the value at `path`, or of its nearest recorded parent; raises
        `_Decline` where the path leads somewhere this locator does not read."""
        packed = self._resolve(path)[0]
        return packed >> _SHIFT, packed & _COLUMN

    def _resolve(self, path: str) -> tuple[int, Any]:
        """The packed position and node of `path` (or of its nearest recorded parent, and
        `_GONE`), worked out from its parent's, which is kept: paths share their parents."""
        found = self._nodes.get(path)
        if found is not None:
            return found
        slot: Any
        if path[-1:] == "]":
            cut = path.rfind("[")
            digits = path[cut + 1 : -1]
            if cut < 0 or not (digits.isdigit() and digits.isascii()):
                raise _Decline  # not a model path: the one-pass reader reads it as it can
            slot = int(digits)
        else:
            cut = path.rfind(".")
            slot = path[cut + 1 :]
            if not slot or cut == 0 or "[" in slot:
                raise _Decline
        if cut > 0:
            parent = path[:cut]
            packed, node = self._nodes.get(parent) or self._resolve(parent)
        else:
            assert self._root is not None
            packed, node = self._root
        if node is None or node is _GONE:
            found = packed, _GONE
        else:
            entry: Any = None
            if type(node) is _Block:
                entry = node.entries.get(slot, _UNREAD)
                if entry is _UNREAD:
                    entry = self._key(node, slot) if type(slot) is str else self._item(node, slot)
            else:
                if type(node) is _Flow:
                    node = self._flow(node)
                if type(slot) is str:
                    if type(node) is dict:
                        entry = node.get(slot)
                elif type(node) is list and slot < len(node):
                    entry = node[slot]
            if entry is None:
                found = packed, _GONE
            elif type(entry) is tuple:
                found = entry
            else:
                found = entry, None
        self._nodes[path] = found
        return found

    def _flow(self, flow: _Flow) -> Any:
        if flow.node is None:
            text = self.text
            holder: list[Any] = [None]
            end, _, _ = self._reader.flow(holder, 0, flow.at, flow.number, flow.line_start)
            eol = text.find("\n", end)
            _line_ends(text[end : len(text) if eol == -1 else eol].rstrip("\r"), 0)
            flow.node = holder[0][1]
        return flow.node

    def _key(self, node: _Block, key: str) -> Any:
        """The entry of `key` in a block mapping, or None if it has no such key."""
        if not node.is_map:
            return None
        if key in node.entries:
            return node.entries[key]
        if key not in _SEARCHABLE:
            # only a key written as itself (`true`, `01`, `.inf` are read as other keys)
            if key in _RESOLVED or _PLAIN_KEY.fullmatch(key) is None:
                raise _Decline
            if type(resolve_plain(key)) is not str:
                raise _Decline
            _SEARCHABLE.add(key)
        text, column = self.text, node.column
        head = node.head
        if head is None and node.first is not None and node.first != key:
            at = text.find("\n", node.start)  # not the first key (written on an item's line)
            if at == -1:
                at = len(text)
        else:
            if head is None:
                first = _line(text, node.start)
                found = _LINE.match(first)
                assert found is not None
                if found[3] is None or found.start(3) != column:
                    raise _Decline
                head = node.head = _key(found[3]), first, found
            at = node.start + len(head[1])
        if head is not None and head[0] == key:
            start, number, line, found = node.start, node.number, head[1], head[2]
        else:
            written = "\n" + " " * column + key
            end = node.end
            while True:
                at = text.find(written, at, end)
                if at == -1:
                    node.entries[key] = None
                    return None
                hit = _AFTER_KEY.match(text, at + len(written))
                if hit is not None:
                    break
                at += 1  # a longer key starting alike
            start = at + 1
            number = node.number + text.count("\n", node.start, start)
            colon = hit.end()
            if text.startswith("\n", colon) or colon == len(text):  # `key:`, the value below
                entry = node.entries[key] = self._below_key(
                    node, start, colon, number, number << _SHIFT | (colon - start + 1)
                )
                return entry
            line = _line(text, start)
            found = _LINE.match(line)
            assert found is not None
        holder: dict[str, Any] = {}
        reader = self._reader
        reader.pending = None
        reader.value(holder, key, line, found, number, column, start)
        entry = holder[key]
        if reader.pending is not None:  # nothing after the colon: a block below, or null
            empty = reader.pending[4]
            reader.pending = None
            entry = self._below_key(node, start, start + len(line), number, empty)
        node.entries[key] = entry
        return entry

    def _below_key(self, node: _Block, start: int, after: int, number: int, empty: int) -> Any:
        """The value of the key on the line at `start` (in `node`) with nothing after it on
        its line (which ends at `after`): up to the next key of `node`."""
        column = node.column
        sibling = _SIBLING.get(column)
        if sibling is None:
            sibling = _SIBLING[column] = re.compile(rf"\n {{0,{column}}}(?=[^ \r\n#-]|-[^ \r\n])")
        found = sibling.search(self.text, after, node.end)
        end = node.end if found is None else found.start() + 1
        return self._below(after, end, number, column, True, empty)

    def _item(self, node: _Block, index: int) -> Any:
        """The entry of item `index` of a block list, or None if it has no such item."""
        if node.is_map:
            return None
        if index in node.entries:
            return node.entries[index]
        entry = node.entries[index] = self._read_item(node, index)
        return entry

    def _read_item(self, node: _Block, index: int) -> Any:
        text, column = self.text, node.column
        items = node.items
        if items is None:
            items = node.items = self._items(node)
        if index >= len(items):
            return None
        start, number = items[index]
        end = items[index + 1][0] if index + 1 < len(items) else node.end
        # every part of `_LINE` is optional: it matches every line
        found: re.Match[str] = _LINE_IN_TEXT.match(text, start)  # type: ignore[assignment]
        if found[2] and found.end(1) - start == column:  # the usual items, their line unread
            at = found.end(2) - start
            if found[3] is not None:  # `- id: x`
                block = _Block(start, end, number, at, True)
                block.first = found[3]
                return number << _SHIFT | (at + 1), block
            if text[start + at : start + at + 1] in ("{", "["):  # `- {id: x}`
                return number << _SHIFT | (at + 1), _Flow(start + at, number, start)
        line = _line(text, start)
        found = _LINE.match(line)  # type: ignore[assignment]
        if found.end(1) != column or not found[2]:
            raise _Decline  # not an item where one must be
        at = found.end(2)
        if found[3] is not None:  # `- id: x`: a mapping starts at its first key
            return number << _SHIFT | (at + 1), _Block(start, end, number, at, True)
        if at == len(line) or line[at] == "#":
            return self._below(start + len(line), end, number, column, False, 0)
        holder: list[Any] = [None]
        self._reader.item(holder, 0, line, at, number, column, start)
        return holder[0]

    def _items(self, node: _Block) -> list[tuple[int, int]]:
        """Where each item of a block list starts: its offset and line number."""
        text, column = self.text, node.column
        previous, number = node.start, node.number
        items = [(previous, number)]
        # In valid YAML every line at a list's column within its lines is an item.
        dash = "\n" + " " * column + "-"
        end, after = node.end, column + 2
        at = text.find(dash, node.start, end)
        while at != -1:
            start = at + 1
            if text[start + after - 1 : start + after] not in _AFTER_DASH:
                raise _Decline  # `-x`: not an item
            number += text.count("\n", previous, start)
            items.append((start, number))
            previous = start
            at = text.find(dash, start, end)
        return items

    def _below(
        self, after: int, end: int, number: int, column: int, in_map: bool, empty: int
    ) -> Any:
        """The value of a key or dash with nothing after it on its line (which ends at
        `after`): the block collection on the lines below (up to `end`), else null."""
        text = self.text
        below = _CONTENT_LINE.search(text, after, end)
        if below is None:
            return empty if in_map else number << _SHIFT | (column + 2)
        start = below.end() - len(below[1])
        found: re.Match[str] = _LINE_IN_TEXT.match(text, start)  # type: ignore[assignment]
        if found[2] is None and found[3] is None:  # offsets in the text, not in the line
            found = _LINE.match(_line(text, start))  # type: ignore[assignment]
            start_in = 0
        else:
            start_in = start
        inner = found.end(1) - start_in
        dash = found[2] is not None
        if not (inner > column or (in_map and dash and inner == column)):
            raise _Decline  # the careful reader decides (it should not happen in valid YAML)
        if not dash and found[3] is None:
            raise _Decline  # a scalar on the next line: the one-pass reader declines it too
        below_number = number + text.count("\n", after, start)
        return below_number << _SHIFT | (inner + 1), _Block(
            start, end, below_number, inner, not dash
        )


class _LazyReader(_Reader):
    """The one-pass reader's reading of a value on its line, leaving flow collections to
    be read when a path goes inside them."""

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
        if line[at] in "{[":
            node[slot] = (packed, _Flow(line_start + at, number, line_start))
            return -1
        return super().special(node, slot, line, at, packed, parent, number, line_start)


def _line(text: str, start: int) -> str:
    """The line starting at `start`, without its line break."""
    end = text.find("\n", start)
    line = text[start:] if end == -1 else text[start:end]
    return line[:-1] if line.endswith("\r") else line


def lazy_locations(
    text: str, file: str, otherwise: Callable[[], Positions | dict[str, SourceLocation]]
) -> LazyPositions | Positions | dict[str, SourceLocation]:
    """Positions in `text` worked out path by path (`LazyPositions`), or `otherwise()` at
    once when the text holds something that could defeat the lazy locator's searches."""
    if _lazy_unfit(text):
        return otherwise()
    found = LazyPositions(text, file, otherwise)
    return found if found._root is not None else otherwise()
