"""The CLI's contract with scripts and CI: exit codes, JSON documents, errors, broken pipes.

Exit codes (documented in `progman --help` and docs/cli.md):

- 0: done, nothing at or above `--fail-on`;
- 1: findings at or above `--fail-on` (errors by default), or a programme that loads but
  cannot be scheduled (its findings say why);
- 2: usage error, a definition that cannot be loaded, or an output that cannot be written;
- 3: internal error: one line on stderr (`--debug` shows the traceback).

In `--format json` everything, errors included, is one JSON document on stdout with a
`schema_version`; its JSON Schema is `progman schema --output COMMAND`.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TextIO

from .._json import SCHEMA_VERSION, dumps_json, json_bytes
from ..findings import Finding, Severity

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

EXIT_CODES_HELP = (
    "exit status: 0 clean; 1 findings at or above --fail-on (errors by default); "
    "2 usage error, a definition that cannot be loaded or an output that cannot be "
    "written; 3 internal error "
    "(--debug shows the traceback)"
)


class CommandError(Exception):
    """A command stopped: why (one line), the exit code, and any findings that say more."""

    def __init__(
        self,
        message: str,
        *,
        code: int = EXIT_USAGE,
        kind: str = "usage",
        findings: Iterable[Finding] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.kind = kind
        self.findings = tuple(findings)


def cannot_schedule(
    path: object, findings: Iterable[Finding], done: str = "scheduled"
) -> CommandError:
    """The error of a command whose programme loads but cannot be scheduled (exit 1): its
    findings (a cycle, an unknown reference...) say why."""
    return CommandError(
        f"{path}: the programme cannot be {done}",
        code=EXIT_FINDINGS,
        kind="schedule",
        findings=findings,
    )


class UsageError(CommandError):
    """A command line argparse refused."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class ArgumentParser(argparse.ArgumentParser):
    """argparse, raising `UsageError` instead of printing and exiting, so JSON mode can
    report the mistake as a JSON document."""

    def error(self, message: str) -> Any:
        raise UsageError(message, self.format_usage())


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above the `--fail-on` severity."""
    threshold = Severity(fail_on).rank
    return any(finding.severity.rank <= threshold for finding in findings)


def findings_exit(findings: Iterable[Finding], fail_on: str = "error") -> int:
    """1 when a finding is at or above `fail_on`, else 0."""
    return EXIT_FINDINGS if fails(findings, fail_on) else EXIT_OK


def print_json(document: dict[str, Any]) -> None:
    """Print one JSON document on stdout, with the schema version first.

    On the command's own stdout the text goes out as orjson wrote it, in UTF-8 bytes, with
    no copy as text and back (a 30 MB schedule: two 30 MB copies fewer); the same text."""
    value = {"schema_version": SCHEMA_VERSION, **document}
    stream = sys.stdout
    if isinstance(stream, PipeSafeStream) and stream.takes_utf8():
        data = json_bytes(value)
        if data is not None:
            stream.write_bytes(data, b"\n")
            return
    print(dumps_json(value))


def error_document(command: str | None, error: CommandError) -> dict[str, Any]:
    """The JSON document of a command that stopped (see `progman schema --output error`)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "ok": False,
        "exit_code": error.code,
        "error": {"kind": error.kind, "message": error.message},
        "findings": [finding.to_dict() for finding in error.findings],
    }


def report_error(command: str | None, error: CommandError, json_mode: bool) -> int:
    """Print a stopped command's error (JSON on stdout, or text on stderr); its exit code."""
    if json_mode:
        print(dumps_json(error_document(command, error)))
        return error.code
    for finding in error.findings:
        print(finding)
    if isinstance(error, UsageError):
        print(error.usage, end="", file=sys.stderr)
    prog = f"progman {command}" if command else "progman"
    print(f"{prog}: {error.message}", file=sys.stderr)
    return error.code


def note(message: str) -> None:
    """A diagnostic for people, on stderr (never mixed into data on stdout)."""
    print(f"progman: {message}", file=sys.stderr)


_SOURCES = {
    "argument": "from --date",
    "programme": "the file's status_date",
    "today": "today's date: the file has no status_date",
}


def status_date_note(day: date, source: str, json_mode: bool) -> None:
    """Say which status date was used (on stderr in text mode; JSON has the fields)."""
    if not json_mode:
        note(f"status date {day.isoformat()} ({_SOURCES[source]})")


class PipeSafeStream:
    """stdout that survives `progman ... | head`: once the reader has gone, output is
    dropped (to the null device) and the command carries on to its real exit code."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self.stream.write(text)
            except BrokenPipeError:
                self._silence()
        return len(text)

    def takes_utf8(self) -> bool:
        """True if bytes of UTF-8 text can go to the stream's byte buffer as they are: it
        writes text as UTF-8 and a line break as it is."""
        try:
            encoding = codecs.lookup(self.stream.encoding).name
        except (AttributeError, LookupError, TypeError):  # no encoding: not a text file
            return False
        buffer = getattr(self.stream, "buffer", None)
        return encoding == "utf-8" and os.linesep == "\n" and buffer is not None

    def write_bytes(self, *chunks: bytes) -> None:
        """Write UTF-8 text as bytes, after what was written as text (`takes_utf8`)."""
        if not self.broken:
            try:
                self.stream.flush()
                for chunk in chunks:
                    self.stream.buffer.write(chunk)
            except BrokenPipeError:
                self._silence()

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._silence()

    def _silence(self) -> None:
        self.broken = True
        try:  # Python flushes stdout again at exit: point it at the null device
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
        except (OSError, ValueError, AttributeError):  # pragma: no cover - not a real file
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON (read before parsing, for usage errors)."""
    for i, arg in enumerate(argv):
        if arg == "--format" and i + 1 < len(argv) and argv[i + 1] == "json":
            return True
        if arg == "--format=json":
            return True
    return False
