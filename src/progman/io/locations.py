"""Source locations, kept beside the model rather than in it.

The model knows nothing of files: a Programme loaded from YAML and one built
in a notebook are the same objects. The loader records a `SourceMap` (model
path -> file:line:col) for each programme it loads; rules and the CLI ask
`locate(programme, path)` for the place to point at.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import SourceLocation

if TYPE_CHECKING:
    from .quick_locations import LazyPositions, Positions

__all__ = ["LazySourceMap", "SourceMap", "attach", "format_path", "locate", "source_map"]


def format_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """Render a path as `projects[2].stages[0].finish`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class SourceMap:
    """Model path -> source location for one loaded programme."""

    def __init__(self) -> None:
        self._locations: dict[str, SourceLocation] = {}
        self.origin: Path | None = None
        """The programme file read (resolved), so that `progman.dump` can update it in place."""
        self.fingerprints: dict[Path, str] = {}
        """A digest of each file read (the programme and its includes, by resolved path) as it
        was when read, so that `progman.dump` can refuse to overwrite a file changed since."""

    def add(self, path: str, location: SourceLocation) -> None:
        """Record where the value at `path` was written."""
        self._locations[path] = location

    def lookup(self, path: str) -> SourceLocation | None:
        """The location of `path`, or of its nearest recorded parent."""
        while True:
            found = self._locations.get(path)
            if found is not None or not path:
                return found
            path = _parent(path)

    def __len__(self) -> int:
        return len(self._locations)

    @classmethod
    def of(cls, locations: dict[str, SourceLocation]) -> SourceMap:
        """A source map holding `locations` (taken over, not copied)."""
        made = cls()
        made._locations = locations
        return made


class LazySourceMap(SourceMap):
    """A source map worked out on first use.

    The fast loader reads a clean file without positions; a rule finding that
    wants a location pays for working it out then: path by path, by searching the text
    (`quick_locations.LazyPositions`), else from one pass over the lines
    (`quick_locations`), else by the careful reader.

    >>> lazy = LazySourceMap(lambda: {"id": SourceLocation("p.yaml", 1, 5)})
    >>> str(lazy.lookup("id.x"))
    'p.yaml:1:5'
    """

    def __init__(
        self, compute: Callable[[], dict[str, SourceLocation] | Positions | LazyPositions]
    ) -> None:
        super().__init__()
        self._compute: Callable[[], dict[str, SourceLocation] | Positions | LazyPositions] | None
        self._compute = compute
        self._positions: Positions | LazyPositions | None = None

    def _fill(self) -> None:
        if self._compute is not None:
            compute, self._compute = self._compute, None
            found = compute()
            if isinstance(found, dict):
                self._locations = found
            else:
                self._positions = found

    def lookup(self, path: str) -> SourceLocation | None:
        """The location of `path` (or its nearest parent), reading the file if not yet done."""
        if self._compute is not None:
            self._fill()
        if self._positions is not None:
            return self._positions.locate(path)
        return super().lookup(path)

    def add(self, path: str, location: SourceLocation) -> None:
        """Record where the value at `path` was written."""
        self._fill()
        if self._positions is not None:  # rare: a path-keyed copy takes the addition
            self._locations, self._positions = self._positions.locations(), None
        super().add(path, location)

    def __len__(self) -> int:
        self._fill()
        return len(self._positions) if self._positions is not None else super().__len__()


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


# Keyed by id(); the finalizer drops the entry when the programme is collected.
_MAPS: dict[int, SourceMap] = {}


def attach(programme: Any, source: SourceMap) -> None:
    """Record the source map of a programme the loader built."""
    key = id(programme)
    _MAPS[key] = source
    weakref.finalize(programme, _MAPS.pop, key, None)


def source_map(programme: Any) -> SourceMap | None:
    """The source map of a programme loaded from a file (None if built in code)."""
    return _MAPS.get(id(programme))


def locate(programme: Any, path: str) -> SourceLocation | None:
    """Where in its file the object at `path` was written, if the programme came from one."""
    found = source_map(programme)
    return found.lookup(path) if found is not None else None
