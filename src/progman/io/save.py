"""Saving programmes: change only what changed, keep everything else as it was written.

A programme loaded from a file is saved by comparing the programme as the
file says it is with the programme now, and writing only the differences:
changed values straight into the text (`patch`), anything structural (an
added or removed list item) through ruamel.yaml's round-trip mode. Comments, key
order and formatting of untouched parts stay; a programme saved without
changes is not rewritten at all, so its bytes are the same. A programme
built in code is written as a clean document. Every write is atomic: a
temporary file in the same folder, then `os.replace`.

>>> import tempfile, pathlib, progman
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "otp.yaml").write_text(
...     "id: otp  # the OTP\\nname: OTP\\nrisks:\\n  - id: R0   # the old one\\n"
...     "    title: Old\\n    probability: 1\\n    impact: 1\\n")
>>> programme = progman.load(folder / "otp.yaml")
>>> programme.risks[0].status = "closed"
>>> programme.risks.append(progman.Risk(id="R1", title="Slips", probability=2, impact=3))
>>> progman.dump(programme, folder / "otp.yaml")
>>> print((folder / "otp.yaml").read_text(), end="")
id: otp  # the OTP
name: OTP
risks:
  - id: R0   # the old one
    title: Old
    probability: 1
    impact: 1
    status: closed
  - id: R1
    title: Slips
    probability: 2
    impact: 3
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Dependency, Programme
from .atomic import write_atomic as _write_atomic
from .layout import guess_indent, keep_layout
from .locations import source_map

__all__ = ["DefinitionChanged", "dump", "to_plain"]


class DefinitionChanged(Exception):
    """A definition file changed on disk since the programme was loaded from it.

    `dump` refuses to save over it, so that another person's (or program's) edit is not
    silently lost; load the file again and redo the change, or pass `force=True`.
    """

    def __init__(self, path: Path, reason: str = "changed") -> None:
        super().__init__(
            f"{path} {reason} since the programme was loaded (someone or something else "
            "saved it): load it again and redo your change, or save with "
            "progman.dump(programme, path, force=True) to overwrite it"
        )
        self.path = path


def to_plain(value: Any) -> Any:
    """Model objects as plain YAML-ready data, leaving out what equals its default.

    >>> from progman.model import Task
    >>> to_plain(Task(id="t1", name="Build", duration=5, depends_on=["t0"]))
    {'id': 't1', 'name': 'Build', 'depends_on': ['t0'], 'duration': 5}
    """
    if isinstance(value, BaseModel):
        out = {}
        for name, required, default in _defaults(type(value)):
            item = getattr(value, name)
            if not required and item == default:
                continue
            out[name] = to_plain(item)
        if isinstance(value, Dependency) and list(out) == ["on"]:
            return out["on"]  # the bare-id shorthand
        return out
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, str) and _has_break(value):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)  # written with escapes: \\N, \\L, \\P
    if isinstance(value, date | str | int | float | bool) or value is None:
        return value
    return str(value)


@cache
def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, bool, Any], ...]:
    """(field, required, default) of a model class, worked out once per class: building
    default factories for every field of every object made `dumps` of 10,000 tasks
    take 4.6 s in `to_plain` alone. The defaults are only compared, never handed out."""
    return tuple(
        (
            name,
            field.is_required(),
            None if field.is_required() else field.get_default(call_default_factory=True),
        )
        for name, field in cls.model_fields.items()
    )


def _has_break(text: str) -> bool:
    """True if `text` holds U+0085, U+2028 or U+2029, which a definition may hold only
    escaped in double quotes (the loader refuses them raw: YAML readers disagree on them)."""
    return "\x85" in text or "\u2028" in text or "\u2029" in text


def dump(programme: Programme, path: Path | str, *, force: bool = False) -> None:
    """Save a programme as YAML at `path`, atomically.

    A programme loaded from a file keeps that file's comments and layout: only
    what changed is rewritten, and changes inside an included file go to that
    file. Anything else (a programme built in code, or one whose file no longer loads)
    is written as a clean document. `path` may be a folder: its `programme.yaml`.

    Raises `DefinitionChanged` if a file the programme was loaded from (or one it
    includes) changed since it was loaded, unless `force` is true; a read-only file is
    refused (`PermissionError`). A symbolic link is written through, and a UTF-8
    byte-order mark is kept.
    """
    from .loader import definition_file

    target = definition_file(Path(path))  # a folder means its programme.yaml
    found = source_map(programme)
    origin = found.origin if found is not None else None
    files = _Files()
    # One save at a time per folder, so that two saving at once cannot both pass the check.
    with _folder_lock((origin or target.resolve()).parent):
        if found is not None:
            try:
                _check_unchanged(found.fingerprints)
            except DefinitionChanged:
                if not force:
                    raise
                from .snapshot import forget

                forget(programme)  # the record says what the files said, not what they say
        if (
            origin is None
            or not origin.is_file()
            or not _update_in_place_quietly(programme, origin, target, files)
        ):
            files.write(target, dumps(programme))
    if found is not None:  # saving again is not a conflict; a copy saved elsewhere is not ours
        known = found.fingerprints
        known.update((file, digest) for file, digest in files.written.items() if file in known)
        _note_saved(programme, origin, target, files)


def _note_saved(programme: Programme, origin: Path | None, target: Path, files: _Files) -> None:
    """Keep the record of the programme as its files say it (`snapshot`): the programme
    itself after a save checked to read back as it; none (load the file again next
    time) after one that was not checked, or that wrote an included file."""
    from .snapshot import forget, refresh

    if origin is not None and origin in files.written and files.exact:
        refresh(programme, since_recall=files.recalled)
    elif any(file != target.resolve() or file == origin for file in files.written):
        forget(programme)


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `folder` (where the platform has `fcntl.flock`)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # the folder cannot be opened: the write will say why
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _check_unchanged(fingerprints: dict[Path, str]) -> None:
    """Raise DefinitionChanged if a file read for the programme is not as it was read."""
    from .loader import fingerprint

    for file, digest in fingerprints.items():
        try:
            now = fingerprint(file.read_bytes())
        except FileNotFoundError:
            raise DefinitionChanged(file, "was removed") from None
        if now != digest:
            raise DefinitionChanged(file)


class _Files:
    """Definition files read and written by one save: a byte-order mark is kept, and the
    digest of what was written is noted (to check the next save against)."""

    def __init__(self) -> None:
        self.bom: set[Path] = set()
        self.written: dict[Path, str] = {}
        self.exact = False
        """The text written was checked to read back as the programme saved."""
        self.recalled = False
        """The edit was found from the programme as loaded (`snapshot.recall`)."""

    def read(self, file: Path) -> str:
        """The file's text, decoded as it is: no newline translation, so CRLF stays CRLF."""
        data = file.read_bytes()
        if data.startswith(codecs.BOM_UTF8):
            self.bom.add(file.resolve())
            data = data[len(codecs.BOM_UTF8) :]
        return data.decode("utf-8")

    def write(self, path: Path, text: str, like: Path | None = None) -> None:
        """Write `text` to `path` atomically, with a byte-order mark if `like` (by default
        `path` itself) had one when read."""
        from .loader import fingerprint

        data = text.encode("utf-8")
        if (like or path).resolve() in self.bom:
            data = codecs.BOM_UTF8 + data
        _write_atomic(path, data)
        self.written[path.resolve()] = fingerprint(data)


# --- round-trip updates ------------------------------------------------------------------


class _Documents:
    """The round-trip documents being edited: the programme file and the files it includes."""

    def __init__(self, files: _Files) -> None:
        self.files = files
        self.roots: dict[Path, Any] = {}
        self.texts: dict[Path, str] = {}
        self.changed: set[Path] = set()
        self.untouched: dict[Path, str] = {}

    def open(self, file: Path) -> Any:
        if file not in self.roots:
            text = self.files.read(file)
            self.texts[file] = text
            self.roots[file] = _yaml().load(text)
        return self.roots[file]

    def touch(self, file: Path) -> None:
        """Call before changing a file's document: notes how ruamel writes it unchanged,
        to tell its reformatting from the change."""
        if file not in self.changed:
            self.untouched[file] = self._emit(file)
            self.changed.add(file)

    def _emit(self, file: Path) -> str:
        mapping, offset = guess_indent(self.texts[file])
        yaml = _yaml()
        yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        text = _emit(yaml, self.roots[file])
        return text.replace("\n", "\r\n") if "\r\n" in self.texts[file] else text

    def render(self, file: Path) -> str:
        """The file's new text: its own lines wherever the change did not reach."""
        from .compose import compose_text

        changed = self._emit(file)
        merged = keep_layout(self.texts[file], self.untouched[file], changed)
        # Belt and braces: the merge must mean exactly what ruamel wrote.
        if merged != changed and compose_text(merged, "m").data != compose_text(changed, "c").data:
            return changed  # pragma: no cover - a merge that would change meaning
        return merged


def _update_in_place_quietly(
    programme: Programme, origin: Path, target: Path, files: _Files
) -> bool:
    """`_update_in_place` with the cyclic GC paused: reading the text back makes hundreds of
    thousands of short-lived objects, and a collection would walk the whole programme
    (a third of the time of a save on 5 MB)."""
    from .compose import bulk_objects

    with bulk_objects():
        return _update_in_place(programme, origin, target, files)


def _update_in_place(programme: Programme, origin: Path, target: Path, files: _Files) -> bool:
    from .loader import load_file
    from .snapshot import recall

    text = files.read(origin)
    before = recall(programme)  # as loaded (or last saved), sharing unchanged objects
    files.recalled = before is not None
    if before is None:
        before = load_file(origin).programme
        if before is None:
            return False  # the file no longer loads: write the programme out whole
    if before is programme or before == programme:  # nothing to change: the file's own bytes
        if target.resolve() != origin:
            files.write(target, text, like=origin)
        return True
    patched = _patch_in_part(text, origin, before, programme)
    if patched is None:
        patched = _patch_in_place(text, origin, before, programme)
    if patched is not None:
        files.write(target, patched, like=origin)
        files.exact = True
        return True
    docs = _Documents(files)
    box = [docs.open(origin)]
    _update(box, 0, before, programme, origin, docs)
    docs.roots[origin] = box[0]
    for file in docs.changed:
        if file != origin:
            files.write(file, docs.render(file))
    if origin in docs.changed:
        files.write(target, docs.render(origin), like=origin)
    elif target.resolve() != origin:
        files.write(target, docs.texts[origin], like=origin)
    return True


def _patch_in_part(text: str, origin: Path, before: Programme, programme: Programme) -> str | None:
    """The text with the changes written in, reading only the parts of it they are in, if
    the result reads back as `programme` (checked at the cost of the change, `readback`)."""
    import yaml_rs

    from .loader import _needs_care
    from .patch import patch_text
    from .readback import agrees

    if _needs_care(text):
        return None  # anchors, tags...: the careful ways below
    patched = patch_text(text, str(origin), before, programme, in_part=True)
    if patched is None:
        return None
    try:
        old = yaml_rs.loads(text, parse_datetime=False)
        new = yaml_rs.loads(patched, parse_datetime=False)
    except Exception:  # whatever yaml-rs raises: the careful ways below
        return None
    if _needs_care(patched) or not agrees(old, new, before, programme):
        return None
    return patched


def _patch_in_place(text: str, origin: Path, before: Programme, programme: Programme) -> str | None:
    """The text with changed values written over the old ones, if that is all that changed."""
    from .loader import load_text
    from .patch import patch_text

    patched = patch_text(text, str(origin), before, programme)
    if patched is None:
        return None
    if load_text(patched, name=str(origin), file=origin).programme != programme:
        return None  # pragma: no cover - a patch that reads back otherwise: use ruamel
    return patched


def _update(parent: Any, key: Any, before: Any, after: Any, file: Path, docs: _Documents) -> None:
    """Make `parent[key]` (the document's form of `before`) say `after`, touching little."""
    if before == after:
        return
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = parent[key]
    if isinstance(node, CommentedMap) and _is_include(node) and isinstance(after, BaseModel):
        included = (file.parent / str(node["include"])).resolve()
        box = [docs.open(included)]
        _update(box, 0, before, after, included, docs)
        docs.roots[included] = box[0]
        return
    if (
        isinstance(after, BaseModel)
        and type(before) is type(after)
        and isinstance(node, CommentedMap)
    ):
        for name, field in type(after).model_fields.items():
            old, new = getattr(before, name), getattr(after, name)
            if old == new:
                continue
            empty = new is None or new == []
            if name in node and empty and new == field.get_default(call_default_factory=True):
                docs.touch(file)
                del node[name]  # unset, or emptied to its default: left out, as written clean
            elif name in node:
                _update(node, name, old, new, file, docs)
            else:
                docs.touch(file)
                node[name] = to_plain(new)
        return
    if isinstance(after, list) and isinstance(before, list) and isinstance(node, CommentedSeq):
        _update_list(node, before, after, file, docs)
        return
    docs.touch(file)
    parent[key] = to_plain(after)


def _update_list(
    node: Any, before: list[Any], after: list[Any], file: Path, docs: _Documents
) -> None:
    """Update list items in place, matched by id where every item has one."""
    old_ids = [getattr(item, "id", None) for item in before]
    new_ids = [getattr(item, "id", None) for item in after]
    if None not in old_ids and None not in new_ids and len(set(old_ids)) == len(old_ids):
        kept = set(new_ids)
        for index in reversed(range(len(before))):
            if old_ids[index] not in kept:
                docs.touch(file)
                del node[index]
        before = [item for item in before if item.id in kept]
        order = [item.id for item in before]
        if order == [i for i in new_ids if i in set(order)]:
            for index, item in enumerate(after):
                if index < len(before) and before[index].id == item.id:
                    _update(node, index, before[index], item, file, docs)
                else:
                    docs.touch(file)
                    node.insert(index, _like_siblings(node, to_plain(item)))
                    before.insert(index, item)
            return
        _reorder(node, before, after, file, docs)
        return
    # Matched by position: update the common part, then add or drop the tail.
    for index in range(min(len(before), len(after))):
        _update(node, index, before[index], after[index], file, docs)
    for item in after[len(before) :]:
        docs.touch(file)
        node.append(_like_siblings(node, to_plain(item)))
    for index in reversed(range(len(after), len(before))):
        docs.touch(file)
        del node[index]


def _reorder(node: Any, before: list[Any], after: list[Any], file: Path, docs: _Documents) -> None:
    """Put the items of a list (ids unique, none removed) in `after`'s order, each with
    its end-of-line comments; then update them. An included item keeps its file."""
    docs.touch(file)
    old_nodes = list(node)
    comments = dict(node.ca.items)
    where = {item.id: index for index, item in enumerate(before)}
    list.clear(node)
    node.ca.items.clear()
    for index, item in enumerate(after):
        old = where.get(item.id)
        if old is None:
            list.append(node, _like_siblings(old_nodes, to_plain(item)))
            continue
        list.append(node, old_nodes[old])
        if old in comments:
            node.ca.items[index] = comments[old]
        _update(node, index, before[old], item, file, docs)


def _like_siblings(node: Any, value: Any) -> Any:
    """A new list item written in flow style (`- {id: x, name: y}`) when its siblings are."""
    from ruamel.yaml.comments import CommentedMap

    siblings = [item for item in node if isinstance(item, CommentedMap)]
    if isinstance(value, dict) and siblings and all(s.fa.flow_style() for s in siblings):
        styled = CommentedMap(value)
        styled.fa.set_flow_style()
        return styled
    return value


def _is_include(node: Any) -> bool:
    return len(node) == 1 and "include" in node


# --- writing -----------------------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, key order and quoting are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    return yaml


def _emit(yaml: Any, data: Any) -> str:
    from io import StringIO

    stream = StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def dumps(programme: Programme) -> str:
    """The programme as YAML text: the clean document `dump` writes for a programme built
    in code (the inverse of `progman.loads`).

    >>> import progman
    >>> print(progman.dumps(progman.Programme(id="otp", name="OTP")), end="")
    id: otp
    name: OTP
    >>> progman.loads(progman.dumps(progman.Programme(id="otp", name="OTP"))).id
    'otp'
    """
    from .._gc import bulk_objects

    with bulk_objects():  # a plain copy of every object: nothing for the GC to find
        return new_text(to_plain(programme))


def new_text(data: dict[str, Any]) -> str:
    """A new document for plain data: written directly (`emit.block_yaml`, about twenty
    times faster than ruamel.yaml), trusted only if it reads back as `data` by the reader
    the loader would use on it; otherwise (a value it does not write, text read otherwise)
    by ruamel.yaml."""
    import yaml_rs

    from .emit import Unwritable, block_yaml
    from .loader import _needs_care

    try:
        text = block_yaml(data)
    except Unwritable:
        return _emit(_yaml(), data)
    if _needs_care(text):  # escapes or oddities: read back as the loader would, carefully
        from .compose import compose_text

        composed = compose_text(text, "new.yaml")
        read = None if composed.findings else composed.data
    else:
        try:
            read = yaml_rs.loads(text, parse_datetime=False)
        except Exception:  # whatever yaml-rs raises: ruamel.yaml writes it
            read = None
    return text if read is not None and read == _as_read(data) else _emit(_yaml(), data)


def _as_read(value: Any) -> Any:
    """Plain data as the fast reader gives it back: dates as ISO text."""
    if isinstance(value, dict):
        return {key: _as_read(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_read(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
