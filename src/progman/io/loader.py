"""Loading programme definitions: bytes -> checked text -> data -> Programme, or located findings.

Two readers, one meaning:

* the **fast path** hands a file that looks ordinary (no anchors, aliases or
  tags) to `yaml-rs`, a Rust YAML 1.2 parser, and validates the data;
* the **careful path** (`compose.compose_text`, ruamel.yaml's C parser)
  builds the same data with a position for every node. It runs when the fast
  path declines a file, and when the data has errors (to say where).

When a rule finding asks where something was written in a file the fast path read,
the position of that path is worked out then, by searching the text for it
(`quick_locations.LazyPositions`); where that declines, every position at once, in one
pass over the lines (`quick_locations`), or by the careful reader when that pass declines
the text.

Both read plain scalars by the YAML 1.2 core schema, and leave dates as text
for the model's ISO date type; `tests/io/test_scalars.py` holds them to it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from ..findings import Finding, SourceLocation
from ..model import Programme
from ..model._lean import validate_lean
from .compose import Composed, Limits, bulk_objects, compose_text, problem
from .errors import validation_findings
from .locations import LazySourceMap, SourceMap, attach
from .quick_locations import LazyPositions, Positions, lazy_locations, quick_locations
from .scalars import MAX_DIGITS

__all__ = ["Loaded", "definition_file", "load_file", "load_text", "read_text"]

PROGRAMME_FILE = "programme.yaml"

# Anything that may be an anchor, an alias, a tag or a directive sends a file down the
# careful path. A false alarm ("Health & Safety" is not one: `&` must touch a name) only
# costs time; the fast parser would drop unknown tags silently, so it must not see them.
# Each marker is looked for with str.find, which scans megabytes in a millisecond.
_MARKER_BEFORE = frozenset(" \t\n\r[{,:-")
# A line may also start after a bare carriage return, which `^` does not see.
_TAB_INDENT = re.compile(r"(?:^|\r)[ ]*\t", re.MULTILINE)
# Characters YAML does not allow (yaml-rs lets some through, ruamel's reader refuses them),
# and the line breaks of YAML 1.1 that the careful path refuses (`compose._disputed_breaks`).
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(c for c in range(128) if not _NOT_PRINTABLE.match(chr(c)))


def _not_printable(text: str) -> bool:
    """True if the text holds a character YAML forbids (`_NOT_PRINTABLE`). ASCII text (most
    definitions) is looked at by deleting the allowed bytes: some 5x faster than the search."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    return _NOT_PRINTABLE.search(text) is not None


def _byte_classes(classes: dict[bytes, bytes], other: bytes) -> bytes:
    """A `bytes.translate` table sending each byte of a class to its letter."""
    table = bytearray(other * 256)
    for members, letter in classes.items():
        for byte in members:
            table[byte] = letter[0]
    return bytes(table)


# Numbers yaml-rs reads otherwise than the core schema: underscores in a word made only of
# number characters (`_1`, `1e_3`, `-_5`), which the careful path takes as text, and more
# digits than `MAX_DIGITS`, which it refuses. The text's bytes are translated to character
# classes (d: number character, u: underscore, w: other word character, space: the rest), so
# that a fast substring search finds both. A false alarm (`1_000`, a long hex id) costs time.
_DIGITS = b"0123456789"
_LETTERS = bytes(range(ord("a"), ord("z") + 1)) + bytes(range(ord("A"), ord("Z") + 1))
_NUMBER_CLASSES = _byte_classes(
    {_LETTERS + bytes(range(128, 256)): b"w", _DIGITS + b".eE+-": b"d", b"_": b"u"}, b" "
)
_HEX_CLASSES = _byte_classes({_DIGITS + b"abcdefABCDEF_": b"x"}, b" ")
_ODD_NUMBER = re.compile(rb"ud* ")  # searched in the reversed bytes: starts at each `_`
_LONG_DIGITS = b"x" * (MAX_DIGITS + 1)


def _odd_number(text: str) -> bool:
    """True if the text may hold a number the two readers read differently."""
    data = b" " + text.encode("utf-8", "surrogatepass")
    if "_" in text and _ODD_NUMBER.search(data.translate(_NUMBER_CLASSES)[::-1]):
        return True
    return _LONG_DIGITS in data.translate(_HEX_CLASSES)


# Inside a flow collection yaml-rs (like YAML 1.2) reads what ruamel.yaml's parser refuses:
# a colon not followed by a space (`[a:b]`, `{at: 10:30}`, `[x:]`; in block context `10:30`
# and URLs are text to both) and a value starting `|`, `>` or `?` (`{title: |x}`). Such a
# character on a line holding `[` or `{` before it sends the text down the careful path.
_TIGHT_COLON = re.compile(r":[^\s]")
_FLOW_SCAN = 1_000_000  # characters of lines looked back over; past that, read with care


def _suspects(text: str) -> Iterator[int]:
    """Offsets of tight colons and of `|`, `>` and `?` (each found by a fast scan)."""
    yield from (match.start() for match in _TIGHT_COLON.finditer(text))
    for character in "|>?":
        at = text.find(character)
        while at != -1:
            yield at
            at = text.find(character, at + 1)


def _flow_oddity(text: str) -> bool:
    """True if a flow collection may hold what the two readers read differently."""
    budget = _FLOW_SCAN
    for at in _suspects(text):
        if text[at] != ":":  # `|`, `>` or `?`: only at the start of a value
            before = text[max(0, at - 40) : at].rstrip(" \t\r\n")
            if before[-1:] not in ("[", "{", ",", ":"):
                continue
        elif text[at + 1] in "]},":  # `x:]`: an empty value, maybe on a flow's second line
            return True
        line_start = text.rfind("\n", 0, at) + 1
        budget -= at - line_start
        if budget < 0:
            return True
        if text.find("[", line_start, at) != -1 or text.find("{", line_start, at) != -1:
            return True
    return False


def _needs_care(text: str) -> bool:
    """True if the text may hold an anchor, alias, tag, directive, merge key, a character
    YAML forbids or a tab in indentation: what the fast parser reads differently or not at all."""
    # a search for one character is a fast scan, for two or more several times slower:
    # the longer searches run only when their first character is there at all
    if ("<" in text and "<<" in text) or text.startswith("%") or ("%" in text and "\n%" in text):
        return True
    if _not_printable(text):
        return True
    if text.startswith("...") or ("." in text and "\n..." in text):
        return True  # a document end marker: yaml-rs takes one before a document, ruamel not
    if _odd_number(text):
        return True
    if _flow_oddity(text):
        return True
    if "\t" in text and _TAB_INDENT.search(text):
        return True  # the two parsers differ on tabs in indentation: the careful one decides
    for marker in "&*!":
        at = text.find(marker)
        while at != -1:
            after = text[at + 1 : at + 2]
            if (at == 0 or text[at - 1] in _MARKER_BEFORE) and after and not after.isspace():
                return True
            at = text.find(marker, at + 1)
    return False


@dataclass
class _Budget:
    """What reading one definition has taken so far, against the caps on includes and size."""

    limits: Limits
    chars: int
    """Characters of text read (every file, as often as it is included) and repeated by
    aliases."""
    reads: int = 0
    """Include files read, a file included twice counted twice."""
    refused: str = ""
    """Why reading stopped (a cap passed), once it has."""
    code: str = ""
    reported: bool = False
    fingerprints: dict[Path, str] | None = None
    """Digests of the files read (`read_text`)."""
    seen: dict[Path, tuple[Any, int, int]] = field(default_factory=dict)
    """Each file included so far: what it gave, and the reads and characters it took.
    A file included again is not read again, but counted again."""

    def take(self, reads: int, chars: int) -> bool:
        """Count `reads` more include files and `chars` characters; False once a cap is passed."""
        self.reads += reads
        self.chars += chars
        limits = self.limits
        if self.reads > limits.max_include_reads and not self.refused:
            self.code = "YAML-INCLUDE"
            self.refused = (
                f"more than {limits.max_include_reads:,} include files read "
                "(max_include_reads): is a file included over and over?"
            )
        elif self.chars > limits.max_expanded_chars and not self.refused:
            self.code = "YAML-TOO-LARGE"
            self.refused = (
                f"the definition expands to more than {limits.max_expanded_chars:,} "
                "characters (max_expanded_chars), counting each file as often as it is included"
            )
        return not self.refused


@dataclass
class Loaded:
    """The outcome of reading one definition: a programme, or the problems that stop it."""

    programme: Programme | None
    findings: list[Finding] = field(default_factory=list)
    source: SourceMap | None = None


def definition_file(path: Path) -> Path:
    """The file to read for `path`: the file itself, or `programme.yaml` in a folder."""
    return path / PROGRAMME_FILE if path.is_dir() else path


def read_text(
    file: Path, limits: Limits, fingerprints: dict[Path, str] | None = None
) -> tuple[str | None, list[Finding]]:
    """The text of a definition file, or findings about its size or encoding.

    `fingerprints` records the digest of the bytes read, by resolved path, so that a save
    can tell whether the file changed since (`save.DefinitionChanged`).
    """
    name = str(file)
    try:
        found = file.stat()
        if not stat.S_ISREG(found.st_mode):  # a device or a pipe may never end
            return None, [problem("YAML-READ", f"cannot read {name}: not a file", None)]
        if found.st_size > limits.max_bytes:
            return None, [_too_large(name, found.st_size, limits)]
        with file.open("rb") as stream:
            data = _read_up_to(stream, found.st_size, limits.max_bytes)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        return None, [problem("YAML-READ", f"cannot read {name}: {reason}", None)]
    if fingerprints is not None:
        fingerprints[file.resolve()] = fingerprint(data)
    return decode(data, name, limits)


def _read_up_to(stream: BinaryIO, size: int, limit: int) -> bytes:
    """The stream's bytes (`size` expected), reading no more than just past `limit`."""
    chunks = [stream.read(size)]
    total = len(chunks[0])
    while total <= limit:  # it may have grown since its size was taken
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks) if len(chunks) > 1 else chunks[0]


def fingerprint(data: bytes) -> str:
    """A digest of a file's bytes, to tell whether it changed."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str, limits: Limits) -> tuple[str | None, list[Finding]]:
    """Bytes as UTF-8 text (a byte-order mark is allowed), or a located YAML-ENCODING finding."""
    if len(data) > limits.max_bytes:
        return None, [_too_large(name, len(data), limits)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        return None, [
            problem(
                "YAML-ENCODING",
                f"byte 0x{data[error.start]:02x} is not UTF-8: save the file as UTF-8",
                SourceLocation(name, line, column),
            )
        ]


def _too_large(name: str, size: int, limits: Limits) -> Finding:
    return problem(
        "YAML-TOO-LARGE",
        f"the file is {size:,} bytes, over the limit of {limits.max_bytes:,}; "
        "split it with includes or raise max_bytes",
        SourceLocation(name, 1, 1),
    )


# --- the two readers ---------------------------------------------------------------------


def _fast_data(
    text: str, file: Path | None, root: Path | None, chain: tuple[Path, ...], budget: _Budget
) -> Any:
    """Plain data by the fast parser, or None when the careful path must read the file."""
    if _needs_care(text):
        return None
    import yaml_rs  # not before: a file that needs care is read by the careful path only

    try:
        # a million small objects and no cycles: the cyclic GC would rescan them over and
        # over (on 9.7 MB, 0.49 -> 0.27 s CPU)
        with bulk_objects():
            data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # a syntax error, an unhashable key, ...: whatever yaml-rs raises,
        return None  # the careful path reads the file and says what and where
    if not isinstance(data, dict):
        return None
    if "include" in text and not (
        file is not None and root is not None and _fast_includes(data, file, root, chain, budget)
    ):
        return None
    return data


def _fast_includes(
    data: Any, file: Path, root: Path, chain: tuple[Path, ...], budget: _Budget
) -> bool:
    """Replace `{include: FILE}` list items in place; False if any include is not clean."""
    stack = [data]
    while stack:
        node = stack.pop()
        values = node.values() if isinstance(node, dict) else node
        for value in values:
            if type(value) is list:
                for index, item in enumerate(value):
                    if type(item) is dict and len(item) == 1 and "include" in item:
                        target, error = _include_target(item["include"], file, root, chain)
                        if target is None or error:
                            return False
                        included = _fast_include(target, root, chain, budget)
                        if included is None:
                            return False
                        value[index] = included
                    elif type(item) in (dict, list):
                        stack.append(item)
            elif type(value) is dict:
                stack.append(value)
    return True


def _fast_include(target: Path, root: Path, chain: tuple[Path, ...], budget: _Budget) -> Any:
    """An included file's data by the fast parser (read once however often it is included),
    or None to leave the definition to the careful path."""
    found = budget.seen.get(target)
    if found is not None:
        data, reads, chars = found
        return data if budget.take(reads, chars) else None
    text, findings = read_text(target, budget.limits, budget.fingerprints)
    if text is None or findings:
        return None
    reads, chars = budget.reads, budget.chars
    if not budget.take(1, len(text)):
        return None
    data = _fast_data(text, target, root, (*chain, target), budget)
    if data is not None:
        budget.seen[target] = (data, budget.reads - reads, budget.chars - chars)
    return data


def _include_target(
    written: Any, file: Path, root: Path, chain: tuple[Path, ...]
) -> tuple[Path | None, str]:
    """The file an include names, or why it may not be read."""
    if not isinstance(written, str) or not written.strip():
        return None, "an include names a file, e.g. include: projects/ict-delt.yaml"
    shown = repr(written) if len(written) <= 80 else repr(written[:60] + "...")
    if "\x00" in written:
        return None, f"include {shown}: a file name cannot hold a NUL character"
    try:
        target = (file.parent / written).resolve()
        if not target.is_relative_to(root):
            return None, f"include {shown} leads outside the programme's folder ({root})"
        if target in chain:
            cycle = " -> ".join(str(p.relative_to(root)) for p in (*chain, target))
            return None, f"include cycle: {cycle}"
        if not target.is_file():
            return None, f"include {shown}: no such file ({target})"
    except (OSError, ValueError) as error:  # a name too long, a loop of links, ...
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return None, f"include {shown}: cannot be read ({reason})"
    return target, ""


def careful(
    text: str,
    file: Path | None,
    name: str,
    root: Path | None,
    limits: Limits,
    fingerprints: dict[Path, str] | None = None,
) -> Composed:
    """Data, positions and YAML problems, includes resolved (their positions in their files)."""
    budget = _Budget(limits, len(text), fingerprints=fingerprints)
    return _careful(text, file, name, root, budget, (file,) if file else ())


def _careful(
    text: str,
    file: Path | None,
    name: str,
    root: Path | None,
    budget: _Budget,
    chain: tuple[Path, ...],
) -> Composed:
    # `budget` has counted this text: what is read for the definition outside it is the rest.
    composed = compose_text(text, name, budget.limits, expanded=budget.chars - len(text))
    budget.chars += composed.alias_chars
    if composed.findings:
        return composed
    # Last first, so that earlier indexes stay right if an include ever changes a list's length.
    for include in reversed(composed.includes):
        if file is None or root is None:
            composed.findings.append(
                problem(
                    "YAML-INCLUDE",
                    "includes need a file to be relative to: load the programme with "
                    "progman.load(path)",
                    include.location,
                    include.path,
                )
            )
            continue
        target, error = _include_target(include.target, file, root, chain)
        if target is None:
            composed.findings.append(problem("YAML-INCLUDE", error, include.location, include.path))
            continue
        found = budget.seen.get(target)
        if found is None:  # read the file once, however often it is included
            included_text, findings = read_text(target, budget.limits, budget.fingerprints)
            if included_text is None:
                composed.findings.extend(findings)
                continue
            reads, chars = budget.reads, budget.chars
            if budget.take(1, len(included_text)):
                inner = _careful(
                    included_text, target, _display(target), root, budget, (*chain, target)
                )
                composed.findings.extend(inner.findings)
                budget.seen[target] = (inner, budget.reads - reads, budget.chars - chars)
        else:
            inner, reads, chars = found
            budget.take(reads, chars)
        if budget.refused:  # a cap passed here (or further in): reading stops
            if not budget.reported:
                budget.reported = True
                composed.findings.append(
                    problem(budget.code, budget.refused, include.location, include.path)
                )
            break
        include.items[include.index] = inner.data
        for inner_path, location in inner.locations.items():
            composed.locations[_join(include.path, inner_path)] = location
        for inner_path, location in inner.key_locations.items():
            composed.key_locations[_join(include.path, inner_path)] = location
    return composed


def _display(file: Path) -> str:
    """A file's name as messages show it: relative to the working folder where it is inside."""
    try:
        return os.fspath(file.relative_to(Path.cwd()))
    except ValueError:
        return os.fspath(file)


def _join(prefix: str, path: str) -> str:
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


# --- from text to a programme ------------------------------------------------------------


LEAN_FROM = 1_000_000
"""Characters of text from which the fast path validates with the lean validator first
(`model._lean`: some 0.07 s less on 9.7 MB); below, building it (a few ms) costs more."""


def _validate(data: Any, *, lean: bool = False) -> Programme:
    with bulk_objects():
        if lean:
            # each project's parsed data freed once its project is made (the memory reused
            # for the rest: on 100,000 tasks 17,000 fewer fresh pages); None: refused, and
            # the model, given the projects already made as they are, says why
            programme = validate_lean(data, release=True)
            if programme is not None:
                return programme
        return Programme.model_validate(data)


def _out_of_range(error: ArithmeticError, name: str) -> list[Finding]:
    """A value the model's arithmetic cannot hold (a safety net: the model bounds values)."""
    return [
        problem(
            "DEF-INVALID",
            f"a number is out of the range progman can compute with "
            f"({type(error).__name__}): look for a very large amount or duration",
            SourceLocation(name, 1, 1),
        )
    ]


def utf8_size(text: str, limit: int) -> int:
    """The size of `text` in UTF-8 bytes, counted up to just past `limit` (no full copy)."""
    if len(text) > limit or text.isascii():
        return len(text)
    size, step = 0, 1 << 20
    for start in range(0, len(text), step):
        size += len(text[start : start + step].encode("utf-8", "surrogatepass"))
        if size > limit:
            break
    return size


def load_text(
    text: str,
    *,
    name: str = "<string>",
    file: Path | None = None,
    limits: Limits | None = None,
    fingerprints: dict[Path, str] | None = None,
) -> Loaded:
    """Read a programme from text; `file` (when the text came from one) anchors includes.

    `fingerprints` (the digest of `file`, when it came from one) gets those of the files
    it includes, and is kept on the source map for `dump` to check against.
    """
    limits = limits or Limits()
    size = utf8_size(text, limits.max_bytes)
    if size > limits.max_bytes:
        return Loaded(None, [_too_large(name, size, limits)])
    root = file.parent if file is not None else None
    chain = (file,) if file is not None else ()

    def every_position() -> dict[str, SourceLocation] | Positions:
        if not budget.seen:  # one file, no includes: located in one pass over its lines
            quick = quick_locations(text, name)
            if quick is not None:
                return quick
        return careful(text, file, name, root, limits).locations

    def positions() -> dict[str, SourceLocation] | Positions | LazyPositions:
        if not budget.seen:  # one file: each finding's path located when it is asked for
            return lazy_locations(text, name, every_position)
        return every_position()

    fingerprints = {} if fingerprints is None else fingerprints
    budget = _Budget(limits, len(text), fingerprints=fingerprints)
    data = _fast_data(text, file, root, chain, budget)
    if data is not None:
        try:
            programme = _validate(data, lean=budget.chars >= LEAN_FROM)
        except (ValidationError, ArithmeticError):
            pass  # read it again with positions, to say where
        else:
            lazy = LazySourceMap(positions)
            lazy.origin = file
            lazy.fingerprints = fingerprints
            attach(programme, lazy)
            return Loaded(programme, [], lazy)
    composed = careful(text, file, name, root, limits, fingerprints)
    if composed.findings:
        return Loaded(None, sorted(composed.findings, key=Finding.sort_key))
    try:
        programme = _validate(composed.data)
    except ValidationError as error:
        findings = validation_findings(error, Programme, composed.locations, composed.key_locations)
        return Loaded(None, sorted(findings, key=Finding.sort_key))
    except ArithmeticError as error:
        return Loaded(None, _out_of_range(error, name))
    source = SourceMap.of(composed.locations)
    source.origin = file
    source.fingerprints = fingerprints
    attach(programme, source)
    return Loaded(programme, [], source)


def load_file(path: Path | str, *, limits: Limits | None = None) -> Loaded:
    """Read the programme in a file (or in `programme.yaml` in a folder)."""
    limits = limits or Limits()
    try:
        file = definition_file(Path(path))
    except (OSError, ValueError) as error:  # a name too long, a NUL byte
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        return Loaded(None, [problem("YAML-READ", f"cannot read {path}: {reason}", None)])
    fingerprints: dict[Path, str] = {}
    text, findings = read_text(file, limits, fingerprints)
    if text is None:
        return Loaded(None, findings)
    resolved = file.resolve()
    return load_text(
        text, name=os.fspath(file), file=resolved, limits=limits, fingerprints=fingerprints
    )
