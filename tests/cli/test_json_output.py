"""`print_json`: the document's bytes on stdout are the JSON text `dumps_json` writes,
whether they go out as bytes (the command's own UTF-8 stdout) or as text."""

from __future__ import annotations

import io
import sys
from datetime import date
from decimal import Decimal

import pytest

from progman._json import dumps_json
from progman.cli._contract import PipeSafeStream, print_json

DOCUMENT = {"due": date(2013, 1, 10), "budget": Decimal("1.50"), "name": "Milton Keynes — café"}
EXPECTED = dumps_json({"schema_version": "1.0", **DOCUMENT}) + "\n"


def printed(stream: io.TextIOWrapper, monkeypatch: pytest.MonkeyPatch) -> bytes:
    guarded = PipeSafeStream(stream)
    monkeypatch.setattr(sys, "stdout", guarded)
    print("before")
    print_json(DOCUMENT)
    print("after")
    guarded.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def test_utf8_stdout_gets_the_same_text_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert PipeSafeStream(stream).takes_utf8()
    output = printed(stream, monkeypatch)
    assert output == ("before\n" + EXPECTED + "after\n").encode("utf-8")


def test_another_encoding_gets_the_text_in_that_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-16")
    assert not PipeSafeStream(stream).takes_utf8()
    output = printed(stream, monkeypatch)
    assert output.decode("utf-16") == "before\n" + EXPECTED + "after\n"


def test_a_text_only_stream_gets_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    assert not PipeSafeStream(stream).takes_utf8()
    monkeypatch.setattr(sys, "stdout", PipeSafeStream(stream))
    print_json(DOCUMENT)
    assert stream.getvalue() == EXPECTED
