"""Model validation errors as located, readable findings.

pydantic says `Field required` and `Extra inputs are not permitted`; a
programme office wants `'name' is missing` and `unknown key 'bugdet' (did you
mean 'budget'?)`, at the line where it happened.

>>> from progman.model import Programme
>>> from pydantic import ValidationError
>>> try:
...     Programme.model_validate({"id": "otp", "name": "OTP", "savings_targt": "1m"})
... except ValidationError as error:
...     print(validation_findings(error, Programme, {}, {})[0].message)
unknown key 'savings_targt' (did you mean 'savings_target'?)
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Severity, SourceLocation
from .locations import SourceMap, format_path

__all__ = ["model_at", "validation_findings"]


def validation_findings(
    error: ValidationError,
    root: type[BaseModel],
    locations: dict[str, SourceLocation],
    key_locations: dict[str, SourceLocation],
) -> list[Finding]:
    """One finding per pydantic error, with its model path, location and a plain message."""
    where = SourceMap.of(locations)
    findings = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if isinstance(part, str | int))
        kind = item["type"]
        path = format_path(loc)
        name = loc[-1] if loc else None
        if kind == "missing":
            code, message = "DEF-MISSING", f"{name!r} is missing"
            location = where.lookup(format_path(loc[:-1]))
        elif kind == "extra_forbidden":
            code, message = "DEF-UNKNOWN-KEY", _unknown_key(root, loc)
            location = key_locations.get(path) or where.lookup(path)
        else:
            code, message = "DEF-INVALID", _invalid(item, loc)
            location = where.lookup(path)
        findings.append(Finding(code, Severity.ERROR, message, path=path, location=location))
    return findings


def _unknown_key(root: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    key = loc[-1]
    message = f"unknown key {str(key)!r}"
    model = model_at(root, loc[:-1])
    if model is not None and isinstance(key, str):
        import difflib  # only for a definition with an unknown key

        close = difflib.get_close_matches(key, list(model.model_fields), n=1, cutoff=0.6)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        else:
            message += f" for a {model.__name__.lower()}"
    return message


# pydantic's wording for the commonest mistakes, in the words of a definition file.
_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "decimal_parsing": "a number",
    "decimal_type": "a number",
    "string_type": "text",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def _invalid(item: Any, loc: tuple[str | int, ...]) -> str:
    message: str = item["msg"]
    if message.startswith(("Value error, ", "Assertion failed, ")):
        return message.split(", ", 1)[1]
    names = [part for part in loc if isinstance(part, str)]
    subject = f"{names[-1]!r}" if names else "the value"
    if loc and isinstance(loc[-1], int):
        subject = f"each item of {subject}"  # a list item: name the list
    expected = _EXPECTED.get(item["type"])
    if expected is not None:
        message = f"{subject} should be {expected}"
    elif item["type"] == "string_too_short":
        return f"{subject} must not be empty"
    elif message.startswith("Input should"):
        message = subject + message[len("Input") :]
    else:
        message = f"{subject}: {message[0].lower()}{message[1:]}"
    return message + _not(item.get("input"))


def _not(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 300:  # Python will not print 4,301 digits
        return f", not a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, str) and len(value) > 200:
        return f", not {value[:60]!r}... ({len(value):,} characters)"
    if isinstance(value, str | int | float | bool) or value is None:
        return f", not {value!r}"
    if isinstance(value, list):
        return ", not a list"
    if isinstance(value, dict):
        return ", not a mapping"
    return ""


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class found at a model path (None where the path leaves the models).

    >>> from progman.model import Programme
    >>> model_at(Programme, ("projects", 0, "stages", 1)).__name__
    'Stage'
    """
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            continue  # list items have the list's element type, unwrapped below
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _element(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _element(annotation: Any) -> Any:
    """The model inside `list[X]`, `X | None` or `Annotated[X, ...]`, where there is one."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            models = [
                arg
                for arg in typing.get_args(annotation)
                if arg is not type(None) and not isinstance(arg, str)
            ]
            annotation = models[0] if models else None
        else:
            return annotation
