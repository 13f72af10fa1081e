"""The command line builds only the parser of the command it names (the other
subcommands' modules are not imported), and that parser reads every command line as the
whole parser does: the same namespace, the same help and the same usage errors."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from progman.cli import COMMAND_MODULES, _command_name, _command_of, _only, build_parser
from progman.cli._contract import UsageError


def _parse(argv: list[str], only: str | None) -> tuple[Any, str, str]:
    """What the parser makes of `argv`: its namespace (or exit status) and its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parsed = vars(build_parser(only).parse_args(argv))
            parsed.pop("handler")
            result: Any = parsed
        except SystemExit as stop:  # --help
            result = ("exit", stop.code)
        except UsageError as error:  # what `progman` prints for it: message and usage
            result = ("usage error", str(error), error.usage)
    return result, out.getvalue(), err.getvalue()


COMMAND_LINES = [
    ["check", "a.yaml"],
    ["check", "a.yaml", "b.yaml", "--format", "json", "--date", "2013-06-01"],
    ["--debug", "check", "a.yaml", "--fail-on", "warning"],
    ["check", "--help"],
    ["check"],  # a path is needed: usage error
    ["check", "a.yaml", "--format", "xml"],  # not a choice
    ["check", "a.yaml", "--bogus"],
    ["report", "a.yaml", "-o", "r.html", "--no-risk-analysis"],
    ["import", "plan.xml", "--format", "json"],
    ["risk-analysis", "a.yaml", "--iterations", "100"],
    ["export", "a.yaml", "--what", "risks", "-o", "r.csv"],
    ["export", "a.yaml", "--what", "nothing", "-o", "r.csv"],
    ["schema", "--output", "check"],
    ["status", "--help"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_the_named_command_s_parser_alone_reads_the_line_as_the_whole_parser(
    argv: list[str],
) -> None:
    only = _only(argv, _command_name(argv))
    assert only == argv[argv[0] == "--debug"]
    assert _parse(argv, only) == _parse(argv, None)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help", "check"],  # the whole help: every command listed
        ["--he", "check"],  # an abbreviation of --help
        ["--version", "check"],
        ["--", "check", "a.yaml"],
        ["chekc", "a.yaml"],  # no such command: the error lists the choices
        [],
    ],
)
def test_anything_else_before_the_command_gets_the_whole_parser(argv: list[str]) -> None:
    assert _only(argv, _command_name(argv)) is None


def test_every_command_module_adds_the_command_it_is_named_for() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert list(subparsers.choices) == [_command_of(m) for m in COMMAND_MODULES]
