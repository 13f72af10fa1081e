"""The XML side of reading MSPDI: safe parsing with element positions, element access,
and findings located at the element they are about."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from array import array
from datetime import date
from typing import Any
from xml.parsers import expat

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from ..findings import Finding, Severity, SourceLocation
from ..model import EARLIEST_DATE, LATEST_DATE
from ._mspdi_codes import DEFAULT_MINUTES_PER_DAY, parse_datetime


class _LocatingBuilder:
    """Parses XML with expat into an ElementTree, refusing any document type declaration
    and any entity declaration (Microsoft Project never writes them; they are how
    entity-expansion ("billion laughs") and external-entity attacks work), and keeping
    where each element starts, in document order (`element_positions` maps elements to
    them when a finding needs one).

    One small handler per element and the C TreeBuilder: several times faster and
    smaller than a pure-Python parser with a position per element in a dictionary."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        # No namespace processing: MS Project writes one default namespace, so tags come
        # as they are written (`Task`), and an `xmlns` is just an attribute. A prefixed
        # name (`msp:Task`) loses its prefix.
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.lines = array("l")
        self.columns = array("l")
        self.namespace = ""
        parser, builder = self.parser, self.builder
        lines, columns, start = self.lines.append, self.columns.append, builder.start

        tasks: dict[int, tuple[int, int]] = {}
        self.tasks = tasks

        def on_start(tag: str, attributes: dict[str, str]) -> None:
            line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
            lines(line)
            columns(column)
            if ":" in tag:
                tag = tag.rpartition(":")[2]
            element = start(tag, attributes)
            if tag == "Task":  # every item's location is wanted: kept at once
                tasks[id(element)] = (line, column)

        parser.StartElementHandler = on_start
        parser.EndElementHandler = builder.end
        parser.CharacterDataHandler = builder.data
        parser.StartDoctypeDeclHandler = _refuse_doctype
        parser.EntityDeclHandler = _refuse_entity
        parser.UnparsedEntityDeclHandler = _refuse_unparsed
        parser.ExternalEntityRefHandler = _refuse_external

    def parse(self, data: bytes) -> ET.Element:
        self.parser.Parse(data, True)
        root: ET.Element = self.builder.close()
        return root


def _refuse_doctype(name: str, sysid: str | None, pubid: str | None, internal: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _refuse_entity(name: str, is_parameter: bool, value: str | None, base: str | None,
                   sysid: str | None, pubid: str | None, notation: str | None) -> None:  # fmt: skip
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _refuse_unparsed(name: str, base: str | None, sysid: str | None, pubid: str | None,
                     notation: str | None) -> None:  # fmt: skip
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation)


def _refuse_external(context: str, base: str | None, sysid: str | None,
                     pubid: str | None) -> int:  # fmt: skip
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


class _Positions:
    """Where each element starts: a <Task>'s kept as it was read, any other's found from
    its place in document order (worked out on first use)."""

    def __init__(
        self,
        root: ET.Element | None,
        lines: array[int],
        columns: array[int],
        tasks: dict[int, tuple[int, int]] | None = None,
    ) -> None:
        self.root = root
        self.lines = lines
        self.columns = columns
        self.tasks = tasks or {}
        self.order: dict[int, int] | None = None

    def get(self, key: int) -> tuple[int, int] | None:
        found = self.tasks.get(key)
        if found is not None:
            return found
        if self.order is None:
            if self.root is None:
                return None
            self.order = {id(element): n for n, element in enumerate(self.root.iter())}
        n = self.order.get(key)
        return None if n is None else (self.lines[n], self.columns[n])


class Document:
    """One MSPDI document being read; findings are collected rather than raised."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.positions = _Positions(None, array("l"), array("l"))
        self.minutes_per_day = DEFAULT_MINUTES_PER_DAY
        # The element whose text was read last: where an unexpected failure is reported.
        self.last: ET.Element | None = None

    # --- reporting -------------------------------------------------------------------

    def report(
        self,
        code: str,
        severity: Severity,
        message: str,
        element: ET.Element | None = None,
        *,
        path: str = "",
        subject: str | None = None,
        **data: Any,
    ) -> None:
        where = self.positions.get(id(element)) if element is not None else None
        location = SourceLocation(self.source, *where) if where else None
        self.findings.append(
            Finding(code, severity, message, path, location, subject=subject, data=data)
        )

    def unmapped(self, what: str, element: ET.Element | None, **data: Any) -> None:
        self.report("MSPDI-UNMAPPED", Severity.WARNING, f"{what}: not carried", element, **data)

    def approximated(self, what: str, element: ET.Element | None, **data: Any) -> None:
        self.report("MSPDI-APPROX", Severity.WARNING, what, element, **data)

    def bad_value(self, element: ET.Element, message: str) -> None:
        self.report("MSPDI-BAD-VALUE", Severity.ERROR, message, element)

    # --- element access --------------------------------------------------------------

    # Tags are read without their namespace (see _LocatingBuilder), so paths are plain.

    def child(self, parent: ET.Element, tag: str) -> ET.Element | None:
        return parent.find(tag)

    def children(self, parent: ET.Element, path: str) -> list[ET.Element]:
        return parent.findall(path)

    def text(self, parent: ET.Element, tag: str) -> str | None:
        """The text of `parent`'s child `tag`, stripped; None when absent or blank."""
        found = parent.find(tag)
        if found is None:
            self.last = parent
            return None
        self.last = found
        value = found.text
        return (value.strip() or None) if value else None

    def integer(self, parent: ET.Element, tag: str) -> int | None:
        value = self.text(parent, tag)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            self.bad_value(self.at(parent, tag), f"<{tag}> should be a whole number, not {value!r}")
            return None

    def flag(self, parent: ET.Element, tag: str) -> bool:
        return self.text(parent, tag) in {"1", "true"}

    def day(self, parent: ET.Element, tag: str) -> date | None:
        value = self.text(parent, tag)
        if value is None:
            return None
        try:
            day = parse_datetime(value).date()
        except ValueError as error:
            self.bad_value(self.at(parent, tag), f"<{tag}>: {error}")
            return None
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            self.bad_value(
                self.at(parent, tag),
                f"<{tag}> {day} is outside the supported dates, {EARLIEST_DATE} to {LATEST_DATE}",
            )
            return None
        return day

    def clock(self, parent: ET.Element, tag: str) -> int | None:
        """A time of day such as `08:00:00` as minutes after midnight (24:00:00 is 1440)."""
        value = self.text(parent, tag)
        if value is None:
            return None
        parts = value.split(":")
        if len(parts) in (2, 3) and all(p.isdigit() and len(p) == 2 for p in parts):
            hours, minutes = int(parts[0]), int(parts[1])
            if hours * 60 + minutes <= 24 * 60 and minutes < 60:
                return hours * 60 + minutes
        self.bad_value(
            self.at(parent, tag), f"<{tag}> should be a time of day such as 08:00:00, not {value!r}"
        )
        return None

    def at(self, parent: ET.Element, tag: str) -> ET.Element:
        found = self.child(parent, tag)
        return found if found is not None else parent

    def parse(self, data: bytes) -> ET.Element | None:
        """The root element, or None with an error finding when the XML is unsafe or broken."""
        reading = _LocatingBuilder()
        try:
            root = reading.parse(data)
        except DefusedXmlException as error:
            where = reading.parser
            self.findings.append(
                Finding(
                    "MSPDI-UNSAFE-XML",
                    Severity.ERROR,
                    "refused: the file carries a document type declaration or entities "
                    f"({type(error).__name__}). Microsoft Project never writes these; they are "
                    "how entity-expansion ('billion laughs') and external-entity attacks work",
                    location=SourceLocation(
                        self.source, where.CurrentLineNumber, where.CurrentColumnNumber + 1
                    ),
                    data={"reason": type(error).__name__},
                )
            )
            return None
        except LookupError as error:  # <?xml encoding="..."?> naming no known encoding
            self.findings.append(
                Finding(
                    "MSPDI-XML",
                    Severity.ERROR,
                    f"not readable XML: {error}",
                    location=SourceLocation(self.source, 1, 1),
                )
            )
            return None
        except expat.ExpatError as error:
            self.findings.append(
                Finding(
                    "MSPDI-XML",
                    Severity.ERROR,
                    f"not well-formed XML: {expat.ErrorString(error.code)}: line {error.lineno}, "
                    f"column {error.offset}",
                    location=SourceLocation(self.source, error.lineno, error.offset + 1),
                )
            )
            return None
        self.positions = _Positions(root, reading.lines, reading.columns, reading.tasks)
        return root
