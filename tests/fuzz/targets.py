"""The fuzz targets and their input strategies (see the package docstring)."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
MSPDI_SEEDS = sorted((REPO / "tests" / "interop" / "fixtures").glob("*.xml"))

# Values that broke, or could break, readers of numbers, dates, times and text.
HOSTILE = [
    "",
    " ",
    "eight",
    "8",
    "-1",
    "0",
    "sNaN",
    "NaN",
    "-Infinity",
    "1e400",
    "9" * 30,
    "-" + "9" * 30,
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "9999-12-31",
    "Caf\u00e9\u0085next \u2028line",
    "a: b # c",
    "yes",
    "0001-01-01",
    "2013-02-30T08:00:00",
    "25:61:00",
    "PT99999999999H0M0S",
    "PT-8H0M0S",
    "P1Y",
    '=HYPERLINK("http://x")',
    "<b>",
    "\u0000",
    "x" * 5000,
]

_TEXT = re.compile(rb">([^<>]*)</")


def mspdi_inputs() -> st.SearchStrategy[bytes]:
    """An MSPDI seed with a few element texts replaced and perhaps bytes flipped."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = draw(st.sampled_from(MSPDI_SEEDS)).read_bytes()
        spans = [m.span(1) for m in _TEXT.finditer(data)]
        for _ in range(draw(st.integers(1, 4))):
            start, end = draw(st.sampled_from(spans))
            value = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)))
            data = data[:start] + _escape(value).encode("utf-8") + data[end:]
            spans = [m.span(1) for m in _TEXT.finditer(data)]
        if draw(st.booleans()):
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        return data

    return build()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_mspdi(data: bytes) -> None:
    """Load MSPDI bytes; only a result or a located `MspdiError` is acceptable, and the
    definition `progman import` writes from a result must load back as the same programme."""
    import progman
    from progman.io.mspdi import MspdiError, loads, schedule_agreement
    from progman.schedule import ScheduleError

    try:
        result = loads(data, "fuzz.xml")
    except MspdiError as error:
        _check_located(error.findings, error)
        return
    assert progman.loads(progman.dumps(result.programme)) == result.programme
    try:
        schedule_agreement(result)
    except ScheduleError as error:
        _check_located(error.findings, error, located=False)


def _check_located(findings: list[Any], error: Exception, *, located: bool = True) -> None:
    """The reader's own error must carry findings, each located in the file."""
    assert findings, f"{type(error).__name__} without findings"
    if located:
        assert all(f.location is not None for f in findings), error


def _register_seed() -> tuple[bytes, bytes]:
    """The Milton Keynes risk register as CSV and XLSX bytes."""
    import progman
    from progman.io.registers import export_register

    programme = progman.load(REPO / "examples" / "milton-keynes")
    with tempfile.TemporaryDirectory() as folder:
        csv_path = export_register(programme, "risks", Path(folder) / "r.csv")
        xlsx_path = export_register(programme, "risks", Path(folder) / "r.xlsx")
        return csv_path.read_bytes(), xlsx_path.read_bytes()


_SEEDS: dict[str, tuple[bytes, bytes]] = {}


def register_seeds() -> tuple[bytes, bytes]:
    if not _SEEDS:
        _SEEDS["risks"] = _register_seed()
    return _SEEDS["risks"]


def register_inputs() -> st.SearchStrategy[tuple[str, bytes]]:
    """(suffix, bytes): a mutated CSV or XLSX risk register."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[str, bytes]:
        csv_seed, xlsx_seed = register_seeds()
        if draw(st.booleans()):
            text = csv_seed.decode("utf-8")
            cells = re.split(r"(,|\r\n)", text)
            for _ in range(draw(st.integers(1, 4))):
                k = draw(st.integers(0, len(cells) - 1))
                if cells[k] in {",", "\r\n"}:
                    continue
                cells[k] = draw(
                    st.one_of(
                        st.sampled_from([*HOSTILE, '"', 'a"b', '"open', "x" * 140_000]),
                        st.text(max_size=12),
                    )
                )
            return "csv", "".join(cells).encode("utf-8", "surrogatepass")
        data = xlsx_seed
        choice = draw(st.integers(0, 3))
        if choice == 0:  # truncated
            data = data[: draw(st.integers(0, len(data) - 1))]
        elif choice == 1:  # a byte flipped, often in the zip directory at the end
            low = draw(st.sampled_from([0, max(0, len(data) - 1024)]))
            at = draw(st.integers(low, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        else:  # a part of the package rewritten or dropped
            data = _rewrite_part(data, draw)
        return "xlsx", data

    return build()


def _rewrite_part(data: bytes, draw: st.DrawFn) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            content = source.read(name)
            if name == victim:
                how = draw(st.integers(0, 2))
                if how == 0:
                    continue  # dropped
                if how == 1:
                    content = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + content
                else:
                    content = content[: draw(st.integers(0, len(content)))]
            target.writestr(name, content)
    return out.getvalue()


def run_register(case: tuple[str, bytes]) -> None:
    """Load a register file; only a result or a located `RegisterError` is acceptable."""
    from progman.io.registers import RegisterError, load_risks

    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"risks.{suffix}"
        path.write_bytes(data)
        try:
            load_risks(path)
        except RegisterError as error:
            _check_located(error.findings, error)


TARGETS: dict[str, tuple[Callable[[], st.SearchStrategy[object]], Callable[[object], None]]] = {
    "mspdi": (mspdi_inputs, run_mspdi),  # type: ignore[dict-item]
    "registers": (register_inputs, run_register),  # type: ignore[dict-item]
}
