"""Programme definitions in YAML: `load`, `loads` and the error they raise.

>>> programme = loads("id: otp\\nname: Organisational Transformation Programme\\n")
>>> programme.name
'Organisational Transformation Programme'
>>> try:
...     loads("id: otp\\nnme: OTP\\n", source="otp.yaml")
... except DefinitionError as error:
...     print(error)
otp.yaml:1:1: error DEF-MISSING 'name' is missing
otp.yaml:2:1: error DEF-UNKNOWN-KEY unknown key 'nme' (did you mean 'name'?)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..findings import Finding
from ..model import Programme
from .compose import Limits
from .loader import Loaded, load_file, load_text

__all__ = ["DefinitionError", "Limits", "check_path", "load", "load_path", "loads"]


class DefinitionError(ValueError):
    """A programme definition that cannot be loaded.

    `problems` holds every problem found, as `Finding`s; `str()` lists them one
    per line as `file:line:col: error CODE message`.
    """

    def __init__(self, problems: list[Finding]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def _limits(max_bytes: int | None, limits: Limits | None) -> Limits:
    limits = limits or Limits()
    return limits if max_bytes is None else replace(limits, max_bytes=max_bytes)


def _programme(loaded: Loaded) -> Programme:
    if loaded.programme is None:
        raise DefinitionError(loaded.findings)
    return loaded.programme


def load(
    path: Path | str, *, max_bytes: int | None = None, limits: Limits | None = None
) -> Programme:
    """Load a programme from a YAML file, or from `programme.yaml` in a folder.

    Raises `DefinitionError` (and nothing else, whatever the file holds) listing every
    problem, each with its file, line and column. `max_bytes` caps the size of each file
    read (50 MB unless given); `limits` sets every cap (`Limits` lists them).

    The programme is remembered as loaded (`snapshot`), so that `progman.dump` can tell
    what changed at the cost of the change.
    """
    from .snapshot import remember

    programme = _programme(load_file(path, limits=_limits(max_bytes, limits)))
    remember(programme)
    return programme


def loads(
    text: str,
    source: str = "<string>",
    *,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> Programme:
    """Load a programme from YAML text; `source` names it in error messages.

    The caps are those of `load`; `max_bytes` counts the text's size in UTF-8 bytes.
    """
    return _programme(load_text(text, name=source, limits=_limits(max_bytes, limits)))


def load_path(path: Path) -> Programme:
    """Load a programme from a file or a folder (the CLI's entry point; same as `load`)."""
    return load(path)


def check_path(
    path: Path | str, *, max_bytes: int | None = None, limits: Limits | None = None
) -> list[Finding]:
    """Every problem that stops the definition at `path` loading (empty when it loads).

    `progman check` prints these; the rules engine adds its findings for loaded programmes.
    """
    return load_file(path, limits=_limits(max_bytes, limits)).findings
