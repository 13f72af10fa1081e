"""The XML side of reading MSPDI: safe parsing with element positions, element access,
and findings located at the element they are about."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..findings import Finding, Severity, SourceLocation
from ..model import EARLIEST_DATE, LATEST_DATE
from ._mspdi_codes import DEFAULT_MINUTES_PER_DAY, parse_datetime


class _LocatingParser(DefusedXMLParser):
    """defusedxml's parser, remembering the line and column where each element starts."""

    def __init__(self) -> None:
        # Microsoft Project never writes a DOCTYPE; refusing any stops entity expansion
        # ("billion laughs") and external entities before they are declared.
        super().__init__(target=ET.TreeBuilder(), forbid_dtd=True)
        self.positions: dict[int, tuple[int, int]] = {}

    # The pure-Python XMLParser calls _start for each element; the stubs do not list it.
    def _start(self, tag: Any, attr_list: Any) -> ET.Element:
        element: ET.Element = super()._start(tag, attr_list)  # type: ignore[misc]
        expat = self.parser
        self.positions[id(element)] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
        return element


class Document:
    """One MSPDI document being read; findings are collected rather than raised."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.positions: dict[int, tuple[int, int]] = {}
        self.ns = ""
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

    def child(self, parent: ET.Element, tag: str) -> ET.Element | None:
        return parent.find(self.ns + tag)

    def children(self, parent: ET.Element, path: str) -> list[ET.Element]:
        return parent.findall("/".join(self.ns + part for part in path.split("/")))

    def text(self, parent: ET.Element, tag: str) -> str | None:
        found = self.child(parent, tag)
        self.last = parent if found is None else found
        if found is None or found.text is None or not found.text.strip():
            return None
        return found.text.strip()

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
        parser = _LocatingParser()
        self.positions = parser.positions
        try:
            parser.feed(data)
            root: ET.Element = parser.close()
        except DefusedXmlException as error:
            expat = parser.parser
            self.findings.append(
                Finding(
                    "MSPDI-UNSAFE-XML",
                    Severity.ERROR,
                    "refused: the file carries a document type declaration or entities "
                    f"({type(error).__name__}). Microsoft Project never writes these; they are "
                    "how entity-expansion ('billion laughs') and external-entity attacks work",
                    location=SourceLocation(
                        self.source, expat.CurrentLineNumber, expat.CurrentColumnNumber + 1
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
        except ET.ParseError as error:
            line, column = error.position
            self.findings.append(
                Finding(
                    "MSPDI-XML",
                    Severity.ERROR,
                    f"not well-formed XML: {error}",
                    location=SourceLocation(self.source, line, column + 1),
                )
            )
            return None
        return root
