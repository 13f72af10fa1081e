"""The careful reader: YAML events -> plain data, with a position for every node.

It reads the event stream of ruamel.yaml's parser (the C parser from
`ruamel.yaml.clib`) and builds the data itself, iteratively, so that it can
refuse what a definition file must not contain: duplicate keys, unknown tags,
alias bombs, nesting deeper than a cap, more than one document. Plain scalars
follow the YAML 1.2 core schema (`scalars.resolve_plain`), exactly as the fast
path does. Every mapping, list item and key gets its `file:line:col`.

>>> composed = compose_text("id: otp\\nprojects:\\n  - {id: portal, name: Portal}\\n", "p.yaml")
>>> composed.data["projects"][0]["name"]
'Portal'
>>> str(composed.locations["projects[0].name"])
'p.yaml:3:24'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .._gc import bulk_objects
from ..findings import Finding, Severity, SourceLocation
from .scalars import resolve_plain

__all__ = [
    "Composed",
    "ContainerEnd",
    "Include",
    "Limits",
    "Span",
    "bulk_objects",
    "compose_text",
    "problem",
]

# Tags a definition may use explicitly; anything else is refused rather than constructed.
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS: dict[str, Callable[[str], Any]] = {
    "!": str,
    _CORE + "str": str,
    _CORE + "int": lambda text: _typed(text, int),
    _CORE + "float": lambda text: _typed(text, float),
    _CORE + "bool": lambda text: _typed(text, bool),
    _CORE + "null": lambda text: _typed(text, type(None)),
}
_CONTAINER_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _typed(text: str, kind: type) -> Any:
    value = resolve_plain(text)
    if type(value) is not kind:
        raise ValueError(f"{text!r} is not a {kind.__name__}")
    return value


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile input from exhausting time or memory.

    Each cap refused is reported as a located finding naming the cap; pass
    `progman.load(path, limits=Limits(...))` to raise one. One cap is fixed, as
    part of the format: an integer has at most `scalars.MAX_DIGITS` (100) digits.

    >>> Limits().max_depth
    64
    """

    max_bytes: int = 50_000_000
    """Largest definition file (or `loads` text) read, in bytes of UTF-8."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists."""
    max_alias_nodes: int = 100_000
    """Most nodes that aliases (`*name`) may add by repeating anchored ones."""
    max_alias_chars: int = 1_000_000
    """Most characters of text that aliases may add by repeating anchored values (a short
    file must not become a huge report)."""
    max_expanded_chars: int = 100_000_000
    """Most characters a definition may expand to: the text of every file read
    (the programme and each include, as often as it is included) plus the text
    that aliases repeat."""
    max_include_reads: int = 10_000
    """Most include files read for one definition, counting a file included twice twice."""


@dataclass
class Composed:
    """What the careful reader found: the data, where each part was written, and problems."""

    data: Any = None
    locations: dict[str, SourceLocation] = field(default_factory=dict)
    """Model path -> where the value (a scalar, a mapping, a list) starts."""
    key_locations: dict[str, SourceLocation] = field(default_factory=dict)
    """Model path -> where its key is written (for unknown keys)."""
    findings: list[Finding] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    """List items written `{include: FILE}`, for the caller to replace with the file's content."""
    spans: dict[str, Span] = field(default_factory=dict)
    """For the scalars asked for by path: where their text starts and ends, and its style."""
    containers: dict[str, ContainerEnd] = field(default_factory=dict)
    """For the mappings and lists asked for by path: where a new key or item would go."""
    alias_chars: int = 0
    """Characters of text the aliases repeated (counted against `max_expanded_chars`)."""


@dataclass(frozen=True)
class Span:
    """Where a scalar's text is: character offsets [start, end) and its quoting style."""

    start: int
    end: int
    style: str
    """'' plain, "'" or '"' quoted, '|' or '>' block."""


@dataclass(frozen=True)
class ContainerEnd:
    """Where a mapping or list ends, for adding a key or an item to it."""

    flow: bool
    """Written `{a: 1}` / `[a, b]` rather than one key or item per line."""
    column: int
    """Column of its keys, or of its items' `-` (block style)."""
    last: int
    """Offset just after its last scalar."""
    close: int
    """Offset of its closing `}` or `]` (flow style)."""
    size: int
    """How many keys or items it has."""
    flow_items: bool
    """A list whose first item is a flow mapping (`- {id: a, name: A}`)."""
    is_map: bool
    """A mapping rather than a list."""
    items: tuple[int, ...] = ()
    """Offsets where a list's items start (the node after each `- `)."""


@dataclass(frozen=True)
class Include:
    """A list item written `{include: FILE}`: where it sits, and what it names."""

    items: list[Any]
    """The list holding the item."""
    index: int
    """The item's place in that list."""
    path: str
    """Its model path, e.g. `projects[3]`."""
    target: Any
    """The file named, as written."""
    location: SourceLocation
    """Where the item is written."""


def problem(code: str, message: str, location: SourceLocation | None, path: str = "") -> Finding:
    """An error finding about a definition file."""
    return Finding(code, Severity.ERROR, message, path=path, location=location)


class _Stop(Exception):
    """Composing cannot go on (a bomb, too deep): the finding is already recorded."""


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: str
    location: SourceLocation
    anchor: str | None
    size: int = 1
    key: Any = None
    key_location: SourceLocation | None = None
    has_key: bool = False
    in_key: bool = False  # this container is itself being used as a mapping key
    is_map: bool = False
    flow: bool = False
    flow_items: bool = False
    item_starts: list[int] | None = None  # a list's item offsets, when its spans are wanted


def compose_text(
    text: str,
    file: str,
    limits: Limits | None = None,
    spans_for: frozenset[str] = frozenset(),
    expanded: int = 0,
) -> Composed:
    """Read one YAML document from `text` (written in `file`) into data and positions.

    `spans_for` names scalars and mappings (by model path) whose place in the text to
    record exactly (`spans`, `containers`), for editing the text in place. `expanded`
    counts the characters already read for the same definition (its other files).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    limits = limits or Limits()
    out = Composed()
    out.findings.extend(_disputed_breaks(text, file))
    if out.findings:
        return out
    yaml = YAML(typ="safe")  # the C parser when ruamel.yaml.clib is installed
    composer = _Composer(file, limits, out, spans_for)
    composer.expanded = expanded + len(text)
    try:
        with bulk_objects():  # hundreds of thousands of small objects, none of them cyclic
            composer.run(_events(yaml, text))
    except MarkedYAMLError as error:
        out.findings.extend(_syntax_findings(error, text, file))
    except ReaderError as error:
        out.findings.append(_reader_finding(error, text, file))
    except YAMLError as error:  # pragma: no cover - every parser error we know is one above
        out.findings.append(problem("YAML-SYNTAX", str(error), SourceLocation(file, 1, 1)))
    except _Stop:
        pass
    if not out.findings and out.data is None:
        out.findings.append(
            problem("YAML-EMPTY", "the file holds no definition", SourceLocation(file, 1, 1))
        )
    elif not out.findings and not isinstance(out.data, dict):
        out.findings.append(
            problem(
                "YAML-NOT-MAPPING",
                f"the top level must be a mapping of keys (id: ..., name: ...), "
                f"not {_kind(out.data)}",
                out.locations.get("", SourceLocation(file, 1, 1)),
            )
        )
    return out


def _events(yaml: Any, text: str) -> Iterator[Any]:
    """The parser's events; straight from the C parser when there is one (a third faster)."""
    parser_class = yaml.Parser
    if parser_class.__module__.startswith("ruamel.yaml.clib"):
        parser = parser_class(text)
        try:
            event = parser.get_event()
            while event is not None:
                yield event
                event = parser.get_event()
        finally:
            parser.dispose()
    else:  # pragma: no cover - without ruamel.yaml.clib
        yield from yaml.parse(text)


def _tag_message(tag: str) -> str:
    short = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"the tag {short} is not allowed: definitions hold plain data only"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a single value" if value is not None else "nothing"


def _syntax_findings(error: Any, text: str, file: str) -> list[Finding]:
    tabs = [match.end() for match in _TAB_INDENT.finditer(text)]
    if tabs:
        # A tab in the indentation is the usual cause; name every such line at once.
        return [
            problem(
                "YAML-TABS",
                "a tab is used for indentation: YAML indents with spaces",
                SourceLocation(file, text.count("\n", 0, end) + 1, end - _line_start(text, end)),
            )
            for end in tabs
        ]
    mark = error.problem_mark or error.context_mark
    location = SourceLocation(file, mark.line + 1, mark.column + 1) if mark else None
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{message} ({error.context}"
        if error.context_mark is not None:
            message += f" started at line {error.context_mark.line + 1}"
        message += ")"
    return [problem("YAML-SYNTAX", message, location)]


def _reader_finding(error: Any, text: str, file: str) -> Finding:
    """A character YAML does not allow (a control character), located."""
    at = min(max(int(error.position), 0), len(text))
    character = error.character
    code = ord(character) if isinstance(character, str) else int(character)
    return problem(
        "YAML-ENCODING",
        f"character U+{code:04X} is not allowed in YAML (a control character)",
        SourceLocation(file, text.count("\n", 0, at) + 1, at - _line_start(text, at) + 1),
    )


# YAML 1.1 (and ruamel.yaml's reader) ends a line at these; YAML 1.2 (and yaml-rs) does
# not. Rather than let the two readers (and a save) disagree, a definition may not hold them.
_DISPUTED_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAKS = {
    "\x85": ("next line", "\\N"),
    "\u2028": ("line separator", "\\L"),
    "\u2029": ("paragraph separator", "\\P"),
}


def _disputed_breaks(text: str, file: str) -> list[Finding]:
    """A finding for each character YAML readers disagree on as a line break (at most 10)."""
    found = []
    for match in _DISPUTED_BREAKS.finditer(text):
        at = match.start()
        character = match.group()
        name, escape = _BREAKS[character]
        found.append(
            problem(
                "YAML-ENCODING",
                f"character U+{ord(character):04X} ({name}) is not allowed: YAML readers "
                f"disagree on whether it ends a line; use a line break, or write {escape} "
                "inside double quotes",
                SourceLocation(file, text.count("\n", 0, at) + 1, at - _line_start(text, at) + 1),
            )
        )
        if len(found) == 10:
            break
    return found


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _key_path(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


class _Composer:
    """Builds data from events with an explicit stack (no recursion, so no stack overflow)."""

    def __init__(
        self, file: str, limits: Limits, out: Composed, spans_for: frozenset[str] = frozenset()
    ) -> None:
        self.spans_for = spans_for
        self.last_end = 0  # end of the latest scalar, tracked only when spans are wanted
        self.file = file
        self.limits = limits
        self.out = out
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.expanded = 0  # characters of text read for the definition, aliases repeated
        self.anchor_chars: dict[str, int] = {}
        self.documents = 0

    def where(self, event: Any) -> SourceLocation:
        mark = event.start_mark
        return SourceLocation(self.file, mark.line + 1, mark.column + 1)

    def fail(self, code: str, message: str, location: SourceLocation, path: str = "") -> None:
        self.out.findings.append(problem(code, message, location, path))

    def run(self, events: Iterable[Any]) -> None:
        from ruamel.yaml import events as kinds

        handlers: dict[type, Callable[[Any], None]] = {
            kinds.MappingStartEvent: lambda event: self.start(event, {}),
            kinds.SequenceStartEvent: lambda event: self.start(event, []),
            kinds.MappingEndEvent: self.end,
            kinds.SequenceEndEvent: self.end,
            kinds.AliasEvent: self.alias,
            kinds.DocumentStartEvent: self.document,
        }
        scalar_event = kinds.ScalarEvent
        stack = self.stack
        locations = self.out.locations
        key_locations = self.out.key_locations
        file = self.file
        # Most events are plain scalars in a mapping: that case is handled inline, the
        # rest by the methods below. This loop is the careful path's whole cost.
        for event in events:
            kind = type(event)
            if kind is not scalar_event:
                handler = handlers.get(kind)
                if handler is not None:
                    handler(event)
                continue
            top = stack[-1] if stack else None
            if top is None or not top.is_map or top.in_key or event.tag is not None or event.anchor:
                self.scalar(event)
                continue
            mark = event.start_mark
            location = SourceLocation(file, mark.line + 1, mark.column + 1)
            if event.style:
                value = event.value
            else:
                try:
                    value = resolve_plain(event.value)
                except ValueError as error:  # a number too long to read
                    self.fail("YAML-NUMBER", str(error), location, top.path)
                    value = event.value
            if self.spans_for:
                self.last_end = event.end_mark.index
            top.size += 1
            if not top.has_key:
                top.key, top.key_location, top.has_key = value, location, True
                continue
            key = top.key
            top.has_key = False
            path = _key_path(top.path, key)
            if key in top.container:
                self.duplicate(key, path, top.key_location or location)
                continue
            top.container[key] = value
            locations[path] = location
            if path in self.spans_for:
                self.span(path, event)
            if top.key_location is not None:
                key_locations[path] = top.key_location

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(
                "YAML-SYNTAX",
                "a definition file holds one YAML document; this is a second one",
                self.where(event),
            )
            raise _Stop

    def duplicate(self, key: Any, path: str, location: SourceLocation) -> None:
        first = self.out.key_locations.get(path)
        where = f" (first at line {first.line})" if first else ""
        self.fail("YAML-DUPLICATE-KEY", f"key {key!r} is given twice{where}", location, path)

    # --- where a finished value goes ---------------------------------------------------

    def path_for_next(self) -> str:
        if not self.stack:
            return ""
        top = self.stack[-1]
        if isinstance(top.container, list):
            return f"{top.path}[{len(top.container)}]"
        if top.has_key:
            return _key_path(top.path, top.key)
        return top.path

    def place(self, value: Any, location: SourceLocation, size: int, path: str) -> None:
        if not self.stack:
            self.out.data = value
            self.out.locations[""] = location
            return
        top = self.stack[-1]
        top.size += size
        if top.in_key and isinstance(top.container, list):
            top.container.append(value)
            return
        if isinstance(top.container, list):
            top.container.append(value)
            self.out.locations[path] = location
            return
        if not top.has_key:
            if isinstance(value, dict | list):
                self.fail(
                    "YAML-SYNTAX", "a key must be plain text, not a mapping or a list", location
                )
                value = f"<{_kind(value)}>"
            top.key, top.key_location, top.has_key = value, location, True
            return
        key = top.key
        if key in top.container:
            self.duplicate(key, path, top.key_location or location)
        else:
            top.container[key] = value
            self.out.locations[path] = location
            if top.key_location is not None:
                self.out.key_locations[path] = top.key_location
        top.has_key = False

    # --- events --------------------------------------------------------------------------

    def note_item(self, event: Any) -> None:
        """Record where a list item starts, if the list's items are wanted."""
        if self.stack:
            starts = self.stack[-1].item_starts
            if starts is not None:
                starts.append(event.start_mark.index)

    def scalar(self, event: Any) -> None:
        self.note_item(event)
        self.last_end = event.end_mark.index
        location = self.where(event)
        path = self.path_for_next()
        tag = event.tag
        text: str = event.value
        if tag is None:
            try:
                value: Any = resolve_plain(text) if event.style in ("", None) else text
            except ValueError as error:  # a number too long to read
                self.fail("YAML-NUMBER", str(error), location, path)
                value = text
        else:
            convert = _SCALAR_TAGS.get(tag)
            if convert is None:
                self.fail("YAML-TAG", _tag_message(tag), location, path)
                value = text
            else:
                try:
                    value = convert(text)
                except ValueError as error:
                    self.fail("YAML-TAG", str(error), location, path)
                    value = text
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
            self.anchor_chars.pop(event.anchor, None)  # an anchor may be given again
        if path in self.spans_for:
            self.span(path, event)
        self.place(value, location, 1, path)

    def span(self, path: str, event: Any) -> None:
        style = event.style or ""
        self.out.spans[path] = Span(event.start_mark.index, event.end_mark.index, style)

    def start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        location = self.where(event)
        path = self.path_for_next()
        if event.tag not in _CONTAINER_TAGS:
            self.fail("YAML-TAG", _tag_message(event.tag), location, path)
        if len(self.stack) >= self.limits.max_depth:
            self.fail(
                "YAML-TOO-DEEP",
                f"mappings and lists are nested more than {self.limits.max_depth} deep",
                location,
                path,
            )
            raise _Stop
        self.note_item(event)
        top = self.stack[-1] if self.stack else None
        in_key = top is not None and (
            top.in_key or (isinstance(top.container, dict) and not top.has_key)
        )
        if top is not None and not top.is_map and not top.container:
            top.flow_items = bool(event.flow_style) and isinstance(container, dict)
        self.stack.append(
            _Frame(
                container,
                path,
                location,
                event.anchor,
                in_key=in_key,
                is_map=isinstance(container, dict),
                flow=bool(event.flow_style),
                item_starts=[] if isinstance(container, list) and path in self.spans_for else None,
            )
        )

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.path in self.spans_for:
            self.out.containers[frame.path] = ContainerEnd(
                frame.flow,
                frame.location.column,
                self.last_end,
                event.start_mark.index,
                len(frame.container),
                frame.flow_items,
                frame.is_map,
                tuple(frame.item_starts or ()),
            )
        value = frame.container
        if frame.anchor:
            self.anchors[frame.anchor] = (value, frame.size)
            self.anchor_chars.pop(frame.anchor, None)
        if (
            isinstance(value, dict)
            and len(value) == 1
            and "include" in value
            and self.stack
            and isinstance(self.stack[-1].container, list)
        ):
            parent = self.stack[-1].container
            assert isinstance(parent, list)
            self.out.includes.append(
                Include(parent, len(parent), frame.path, value["include"], frame.location)
            )
        self.place(value, frame.location, frame.size, frame.path)

    def alias(self, event: Any) -> None:
        self.note_item(event)
        location = self.where(event)
        path = self.path_for_next()
        found = self.anchors.get(event.anchor)
        if found is None:
            self.fail("YAML-SYNTAX", f"alias *{event.anchor} names no anchor", location, path)
            raise _Stop
        value, size = found
        self.alias_nodes += size
        if self.alias_nodes > self.limits.max_alias_nodes:
            self.fail(
                "YAML-ALIAS-BOMB",
                f"aliases expand to more than {self.limits.max_alias_nodes} nodes "
                "(a 'billion laughs' document?)",
                location,
                path,
            )
            raise _Stop
        self.count_chars(event.anchor, value, location, path)
        self.place(value, location, size, path)

    def count_chars(self, anchor: str, value: Any, location: SourceLocation, path: str) -> None:
        """Count the text an alias repeats against `max_alias_chars` and `max_expanded_chars`."""
        chars = self.anchor_chars.get(anchor)
        if chars is None:  # walked once per anchor; its nodes are already capped
            chars, stack = 0, [value]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    stack.extend(node.keys())
                    stack.extend(node.values())
                elif isinstance(node, list):
                    stack.extend(node)
                chars += len(node) if isinstance(node, str) else 1
            self.anchor_chars[anchor] = chars
        self.out.alias_chars += chars
        self.expanded += chars
        if self.out.alias_chars > self.limits.max_alias_chars:
            self.fail(
                "YAML-ALIAS-BOMB",
                f"aliases repeat more than {self.limits.max_alias_chars:,} characters of text "
                "(max_alias_chars)",
                location,
                path,
            )
            raise _Stop
        cap = self.limits.max_expanded_chars
        if self.expanded > cap:
            self.fail(
                "YAML-TOO-LARGE",
                f"the definition expands to more than {cap:,} characters "
                "(max_expanded_chars), counting what aliases repeat",
                location,
                path,
            )
            raise _Stop
