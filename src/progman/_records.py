"""Frozen dataclasses that are quick to make, for the records made by the ten thousand.

A frozen dataclass's own `__init__` stores each field through `object.__setattr__` (its
`__setattr__` refuses every assignment, so the plain one cannot be used): a global, an
attribute look-up and a generic call per field, about three times a plain store. A
validation of 1,000 projects makes some 250,000 such records (each level's forecast, its
earned value and judgements, every problem and finding), so that was a sixth of its time.

`quick_init` gives such a class an `__init__` with the same signature that stores each
field through its slot's own descriptor instead (half the time per field); the class stays
frozen, equal, hashable and printable as before (`tests/test_records.py`).
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

__all__ = ["quick_init"]

T = TypeVar("T")


class _Factory:
    """Stands for a `default_factory` argument not given (shown as dataclasses show it)."""

    def __repr__(self) -> str:
        return "<factory>"


_MISSING: Any = _Factory()


def quick_init(cls: type[T]) -> type[T]:
    """Replace the `__init__` of a frozen dataclass with slots by one storing each field
    through its slot descriptor; signature, defaults and factories stay the same.

    >>> from dataclasses import dataclass, field
    >>> @quick_init
    ... @dataclass(frozen=True, slots=True)
    ... class Pair:
    ...     left: int
    ...     right: int = 0
    ...     notes: list[str] = field(default_factory=list)
    >>> Pair(1), Pair(1, right=2).right, Pair(1).notes is not Pair(1).notes
    (Pair(left=1, right=0, notes=[]), 2, True)
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: quick_init is for frozen dataclasses with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: quick_init does not call __post_init__")
    names: dict[str, Any] = {"_MISSING": _MISSING}
    arguments: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # checked above
        names[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        value = f.name
        if f.default_factory is not dataclasses.MISSING:
            names[f"_make_{f.name}"] = f.default_factory
            default = "=_MISSING"
            value = f"_make_{f.name}() if {f.name} is _MISSING else {f.name}"
        elif f.default is not dataclasses.MISSING:
            names[f"_default_{f.name}"] = f.default
            default = f"=_default_{f.name}"
        else:
            default = ""
        if not f.init:  # not an argument: its default, or its factory's value
            value = f"_make_{f.name}()" if default == "=_MISSING" else f"_default_{f.name}"
        else:
            (keywords if f.kw_only else arguments).append(f"{f.name}{default}")
        body.append(f"    _set_{f.name}(self, {value})")
    signature = ", ".join(["self", *arguments, *(["*", *keywords] if keywords else [])])
    source = f"def __init__({signature}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, names)  # as dataclasses itself makes __init__
    init = names["__init__"]
    if _shape(init) != _shape(cls.__init__):  # e.g. an InitVar, which is no field
        raise TypeError(f"{cls.__name__}: quick_init cannot keep its __init__'s signature")
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


def _shape(function: Any) -> list[tuple[str, Any]]:
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()]
