"""The programme as it was loaded, kept cheaply, so that a save can tell what changed.

`progman.load` remembers every object of the programme it returns: a shallow
copy of its fields (lists and dicts copied, the objects in them kept by
reference) and the objects below it. `recall` rebuilds the programme as
loaded from that record, sharing every object that has not changed since
with the live programme: comparing the two (`==`) then stops at shared
objects at once, so finding an edit costs a walk of the objects, not a
second reading of the file.

>>> from progman.model import Programme, Risk
>>> programme = Programme(id="otp", name="OTP", risks=[
...     Risk(id="R1", title="Slips", probability=2, impact=3),
...     Risk(id="R2", title="Costs rise", probability=3, impact=3)])
>>> remember(programme)
>>> programme.risks[0].impact = 4
>>> before = recall(programme)
>>> before.risks[0].impact, programme.risks[0].impact
(3, 4)
>>> before is not programme and before.risks[1] is programme.risks[1]
True
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from enum import Enum
from functools import cache
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .compose import bulk_objects

__all__ = ["forget", "recall", "refresh", "remember"]


@dataclass
class _Record:
    """Every object of a programme in walk order (parents before children): the object
    (None for the programme itself, which the record must not keep alive), its parent's
    place, and a copy of its fields as they were."""

    models: list[BaseModel | None] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    fields: list[dict[str, Any]] = field(default_factory=list)
    changed: list[int] | None = None
    """The objects `recall` last found changed (for `refresh(..., since_recall=True)`)."""


# id(programme) -> its record; a finalizer drops it with the programme.
_RECORDS: dict[int, _Record] = {}


def remember(programme: BaseModel) -> None:
    """Record `programme` as it is now, for `recall` (replacing any earlier record).

    The objects are recorded a class at a time, level by level (all the tasks of one
    level at once), so that the copying runs in C: about 5 ms per MB of YAML."""
    models: list[Any] = []
    parents: list[int] = []
    copies: list[dict[str, Any]] = []
    level: dict[type, tuple[list[BaseModel], list[int]]] = {type(programme): ([programme], [-1])}
    with bulk_objects():
        while level:
            below: dict[type, tuple[list[BaseModel], list[int]]] = {}
            for cls, (objects, ups) in level.items():
                base = len(models)
                models += objects
                parents += ups
                batch = list(map(dict.copy, map(_DICT, objects)))
                copies += batch
                for name in _nested(cls):
                    _record_field(name, batch, base, below)
            level = below
    models[0] = None  # the record must not keep the programme itself alive
    key = id(programme)
    if key not in _RECORDS:
        weakref.finalize(programme, _RECORDS.pop, key, None)
    _RECORDS[key] = _Record(models, parents, copies)


_DICT = attrgetter("__dict__")


def _record_field(
    name: str,
    batch: list[dict[str, Any]],
    base: int,
    below: dict[type, tuple[list[BaseModel], list[int]]],
) -> None:
    """Copy field `name` in each of a batch of copied fields (objects `base`, `base + 1`...),
    and add the objects in it to `below`, by class."""
    try:
        values = list(map(itemgetter(name), batch))
    except KeyError:  # an object made without the field (`model_construct`)
        values = [fields.get(name) for fields in batch]
    if set(map(type, values)) <= {list}:
        copied = list(map(list.copy, values))
        deque(map(dict.__setitem__, batch, repeat(name), copied), maxlen=0)
        items = list(chain.from_iterable(values))
        kinds = set(map(type, items))
        if all(issubclass(kind, BaseModel) for kind in kinds):  # lists of objects
            ups = chain.from_iterable(map(repeat, range(base, base + len(batch)), map(len, values)))
            _add(below, items, list(ups), kinds)
            return
        if not any(kind in (list, dict) or issubclass(kind, BaseModel) for kind in kinds):
            return  # lists of text or numbers
    for at, (fields, value) in enumerate(zip(batch, values, strict=True)):
        if value is not None:
            found: list[BaseModel] = []
            fields[name] = _copied(value, found)
            _add(below, found, [base + at] * len(found), set(map(type, found)))


def _add(
    below: dict[type, tuple[list[BaseModel], list[int]]],
    items: list[BaseModel],
    ups: list[int],
    kinds: set[type],
) -> None:
    """Add `items` (each with its parent's place in `ups`) to `below`, by class."""
    if len(kinds) == 1:
        objects, parents = below.setdefault(kinds.pop(), ([], []))
        objects += items
        parents += ups
        return
    for item, up in zip(items, ups, strict=True):
        objects, parents = below.setdefault(type(item), ([], []))
        objects.append(item)
        parents.append(up)


def refresh(programme: BaseModel, *, since_recall: bool = False) -> None:
    """Record `programme` as it is now, re-recording only the objects changed since it was
    last recorded (and those added): after a save, at the cost of the change.
    `since_recall` says the programme has not changed since the last `recall` (whose
    comparison is then reused)."""
    record = _RECORDS.get(id(programme))
    if record is None:
        remember(programme)
        return
    models: list[Any] = [programme, *record.models[1:]]
    with bulk_objects():
        if since_recall and record.changed is not None:
            queue = record.changed
        else:
            now = list(map(attrgetter("__dict__"), models))
            queue = list(_differing(now, record.fields, 0, len(now)))
        record.changed = None
        if len(queue) > len(models) // 8:
            remember(programme)  # much changed: record it all again
            return
        place = {id(model): index for index, model in enumerate(models)} if queue else {}
        while queue:
            index = queue.pop()
            record.fields[index], below = _fields(models[index])
            for model in below:
                at = place.get(id(model))
                if at is None:  # a new object: record it too
                    at = place[id(model)] = len(models)
                    models.append(model)
                    record.models.append(model)
                    record.parents.append(index)
                    record.fields.append({})
                    queue.append(at)
                else:  # perhaps moved here from elsewhere
                    record.parents[at] = index


def _fields(model: BaseModel) -> tuple[dict[str, Any], list[BaseModel]]:
    """A copy of the object's fields (lists and dicts copied, the objects in them kept by
    reference), and the objects below it."""
    fields = model.__dict__.copy()
    below: list[BaseModel] = []
    for name in _nested(type(model)):
        value = fields.get(name)
        kind = type(value)
        if kind is list:
            if value:
                kinds = set(map(type, value))
                if all(issubclass(k, BaseModel) for k in kinds):
                    below += value  # the common case: a list of objects
                    fields[name] = value.copy()
                else:
                    fields[name] = _copied(value, below)
            else:
                fields[name] = []
        elif kind is dict or isinstance(value, BaseModel):
            fields[name] = _copied(value, below)
    return fields, below


def _copied(value: Any, below: list[BaseModel]) -> Any:
    """`value` with its lists and dicts copied; the models in it are added to `below`."""
    kind = type(value)
    if kind is list or kind is dict:
        items = value.values() if kind is dict else value
        if all(isinstance(item, BaseModel) for item in items):
            below += items  # the common case: a list of objects
            return kind(value)
        if kind is dict:
            return {key: _copied(item, below) for key, item in value.items()}
        return [_copied(item, below) for item in value]
    if isinstance(value, BaseModel):
        below.append(value)
    return value


@cache
def _nested(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that may hold a list, a dict or a model: the only ones
    that can change other than by assignment (which pydantic replaces whole)."""
    return tuple(name for name, field in cls.model_fields.items() if _may_nest(field.annotation))


_IMMUTABLE = (str, int, float, bool, bytes, type(None), date, time, timedelta, Decimal, Enum)


def _may_nest(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _may_nest(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return any(_may_nest(arg) for arg in get_args(annotation))
    if origin is not None:
        return True  # list[...], dict[...], Literal[...] (harmless), ...
    if isinstance(annotation, type):
        return not issubclass(annotation, _IMMUTABLE) or issubclass(annotation, BaseModel)
    return True  # Any, a type alias, ...: may hold anything


def forget(programme: BaseModel) -> None:
    """Drop the record of `programme` (its file no longer says what the record says)."""
    _RECORDS.pop(id(programme), None)


def recall(programme: BaseModel) -> Any:
    """The programme as recorded by `remember`, or None if it was not recorded.

    Objects unchanged since are the live ones themselves; a changed object (or one with
    a changed object below it) is a copy holding its recorded values."""
    record = _RECORDS.get(id(programme))
    if record is None:
        return None
    models: list[Any] = [programme, *record.models[1:]]
    with bulk_objects():
        now = list(map(attrgetter("__dict__"), models))
        marked: set[int] = set()
        record.changed = list(_differing(now, record.fields, 0, len(now)))
        for index in record.changed:
            while index >= 0 and index not in marked:  # it and the objects above it
                marked.add(index)
                index = record.parents[index]
        done: dict[int, BaseModel] = {}
        for index in sorted(marked, key=lambda at: _depth(record.parents, at), reverse=True):
            model: BaseModel = models[index]
            copy = model.model_copy()
            values = dict(record.fields[index])
            for name in _nested(type(model)):
                values[name] = _old_value(values.get(name), done)
            object.__setattr__(copy, "__dict__", values)
            done[id(model)] = copy
        return done.get(id(programme), programme)


def _depth(parents: list[int], index: int) -> int:
    """How far below the programme an object is (its children are built before it)."""
    depth = 0
    while index > 0:
        index = parents[index]
        depth += 1
    return depth


def _differing(now: list[Any], was: list[Any], start: int, end: int) -> Iterator[int]:
    """The places in [start, end) where `now` and `was` differ, found by halving (the
    comparisons run in C: a few changes among 100,000 objects cost milliseconds)."""
    if now[start:end] == was[start:end]:
        return
    if end - start <= 8:
        yield from (i for i in range(start, end) if now[i] != was[i])
        return
    middle = (start + end) // 2
    yield from _differing(now, was, start, middle)
    yield from _differing(now, was, middle, end)


def _old_value(value: Any, done: dict[int, BaseModel]) -> Any:
    """A recorded value with each changed model in it replaced by its recalled self."""
    kind = type(value)
    if kind is list:
        return [_old_value(item, done) for item in value]
    if kind is dict:
        return {key: _old_value(item, done) for key, item in value.items()}
    if isinstance(value, BaseModel):
        return done.get(id(value), value)
    return value
