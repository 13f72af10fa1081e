"""Checking an edited text means the edited programme, at the cost of the edit.

A save that writes changes into a file's text checks, before writing, that the
new text reads back as the programme being saved. Loading the whole text again
and comparing every object costs about as much as loading the file. Instead
`agrees` compares the plain data of the old and the new text (a comparison of
dicts and lists, in C) alongside the programme as loaded and as it is now
(which share every unchanged object, `snapshot.recall`): where the data did not
change, the object must not have changed; where it did, the objects are
matched (list items by id) and only the objects whose own values changed are
validated again, alone, and compared with the programme's.

>>> from progman.model import Programme
>>> before = Programme.model_validate({"id": "otp", "name": "OTP"})
>>> after = before.model_copy(update={"name": "O T P"})
>>> agrees({"id": "otp", "name": "OTP"}, {"id": "otp", "name": "O T P"}, before, after)
True
>>> agrees({"id": "otp", "name": "OTP"}, {"id": "otp", "name": "OTP!"}, before, after)
False
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .compose import bulk_objects

__all__ = ["agrees"]

_MISSING = object()


def agrees(old_data: Any, new_data: Any, before: Any, after: Any) -> bool:
    """True if `new_data` validates to `after`, given that `old_data` validates to
    `before` (a model; the two share their unchanged objects). False when that cannot be
    shown cheaply, which only costs the caller a slower way."""
    with bulk_objects():
        return _agrees(old_data, new_data, before, after)


def _agrees(old: Any, new: Any, before: Any, after: Any) -> bool:
    if old == new:
        return before is after or bool(before == after)
    if not (
        isinstance(after, BaseModel)
        and type(before) is type(after)
        and type(old) is dict
        and type(new) is dict
    ):
        return _validates(new, after)
    fields = type(after).model_fields
    if any(key not in fields for key in old.keys() | new.keys()):
        return _validates(new, after)  # an alias or a shorthand: validate it all
    checked: set[str] = set()
    for name in fields:
        was, now = getattr(before, name), getattr(after, name)
        old_value, new_value = old.get(name, _MISSING), new.get(name, _MISSING)
        if old_value == new_value and (was is now or was == now):
            checked.add(name)
        elif _models(was) and _models(now) and type(old_value) is type(new_value) is list:
            if not _list_agrees(old_value, new_value, was, now):
                return False
            checked.add(name)
        elif isinstance(was, BaseModel) and isinstance(now, BaseModel):
            if not _agrees(old_value, new_value, was, now):
                return False
            checked.add(name)
    if len(checked) == len(fields):
        return True
    # Values of this object changed: validate it without the lists and objects already
    # checked (its model checks then see those empty) and compare the rest.
    left_out = {name for name in checked if isinstance(new.get(name), list | dict)}
    try:
        made = type(after).model_validate({k: v for k, v in new.items() if k not in left_out})
    except (ValidationError, ArithmeticError, ValueError, TypeError):
        return False
    return all(
        getattr(made, name) == getattr(after, name) for name in fields if name not in left_out
    )


def _list_agrees(old: list[Any], new: list[Any], before: list[Any], after: list[Any]) -> bool:
    """A list of objects: items matched by id where they all have distinct ids, else by place."""
    if len(old) != len(before) or len(new) != len(after):
        return False
    where = _places(before)
    if where is not None and _places(after) is not None:
        for index, item in enumerate(after):
            at = where.get(item.id)
            if at is None:
                if not _validates(new[index], item):
                    return False
            elif not _agrees(old[at], new[index], before[at], item):
                return False
        return True
    for index, item in enumerate(after):
        if index >= len(before):
            if not _validates(new[index], item):
                return False
        elif not _agrees(old[index], new[index], before[index], item):
            return False
    return True


def _places(items: list[Any]) -> dict[Any, int] | None:
    """Each item's place by its id, if every item has a distinct one."""
    where = {getattr(item, "id", None): index for index, item in enumerate(items)}
    return where if None not in where and len(where) == len(items) else None


def _models(value: Any) -> bool:
    """A non-empty list of model objects."""
    return type(value) is list and bool(value) and all(isinstance(v, BaseModel) for v in value)


def _validates(data: Any, model: BaseModel) -> bool:
    """`data` validated alone as the model's class gives an equal object."""
    try:
        return bool(type(model).model_validate(data) == model)
    except (ValidationError, ArithmeticError, ValueError, TypeError):
        return False
