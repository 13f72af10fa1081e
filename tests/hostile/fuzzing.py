"""Fuzzing the YAML loading: the properties, the inputs, and `make fuzz`.

Properties every text must keep (issue 12):

* `progman.loads` raises nothing but `DefinitionError`, whose YAML problems are located;
* the two readers agree: loading a text as usual and with the fast reader declining it
  gives the same programme or a refusal both times;
* where the fast reader's data is used, the careful reader reads the same data, and the
  quick locators (which place the findings then: the lazy one path by path, the one-pass
  reader every position at once) the same positions, or decline;
* a programme that loads, saved clean and loaded again, is the same programme;
* no text takes more than `SECONDS` to load.

Inputs are scraps of YAML glued together (`texts`), and mutations (a piece inserted, a
span deleted or replaced, a line repeated) of the bundled examples (`mutated`).
tests/hostile/test_fuzz_yaml.py runs each property with a small budget in every test run;
`make fuzz` (`python -m tests.hostile.fuzzing [EXAMPLES]`) runs the mutated examples at
length and prints what it found, the failing text shrunk by hypothesis.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import progman
from progman.io import loader
from progman.io.compose import compose_text
from progman.io.locations import SourceMap
from progman.io.quick_locations import LazyPositions, lazy_locations, quick_locations

REPO = Path(__file__).resolve().parents[2]
SECONDS = 10.0
"""Longest a text of these sizes (tens of kilobytes) may take to load, twice."""

PIECES = [
    "id: otp\n", "name: OTP\n", "projects:\n", "  - ", "    ", "{", "}", "[", "]", ": ", ", ",
    "&a ", "*a", "!!str ", "!x ", "? ", "- ", "\t", "'", '"', "# c\n", "\n", "0x1F", "0o17",
    "1e3", "~", "no", "2013-01-14", "14/01/2013", "include: x.yaml", "<<: *a\n", "---\n",
    "...\n", "%YAML 1.2\n", "|\n", ">-\n", "\\", "\x00", "\x07", "\ufeff", "é",
    "12345678901234567890", ".nan", ".inf", "true", "null", "a: 1\n", "a: 2\n",
    "risks: [{id: R1, title: t, probability: 9, impact: 1}]\n",
    # what coverage-guided fuzzing found the readers disagreeing on (issue 12, item 6)
    "\x85", "\u2028", "\u2029", "_", "_1", "1_0", ".5_", "e_", "-_", ":", ":x", "10:30",
    "http://x", "9" * 101, "0x" + "f" * 101, "\r", "\r\n",
]  # fmt: skip
VALUE_PIECES = [*PIECES[23:], "1", "2", "x", " "]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)
# Starting from a valid programme makes the rest more often a valid programme too.
programme_texts = st.lists(st.sampled_from(PIECES), max_size=8).map(
    lambda parts: "id: otp\nname: OTP\n" + "".join(parts)
)
# Values in the places a programme has them, to reach the model as often as the parser.
values = st.lists(st.sampled_from(VALUE_PIECES), max_size=4).map("".join)
valued_texts = st.tuples(values, values, values).map(
    lambda v: (
        f"id: otp\nname: {v[0]}\nsavings_target: {v[1]}\n"
        f"risks:\n  - {{id: R1, title: {v[2]}, probability: 2, impact: 3}}\n"
    )
)


def seeds() -> list[str]:
    """The corpus the mutations start from: every example definition."""
    return [
        path.read_text(encoding="utf-8")
        for path in sorted((REPO / "examples").glob("**/*.yaml"))
        if "include:" not in path.read_text(encoding="utf-8")  # loads has no folder
    ]


def _mutate(text: str, edits: list[tuple[int, int, int, str]]) -> str:
    for kind, at, length, piece in edits:
        at %= len(text) + 1
        if kind == 0:  # insert a piece
            text = text[:at] + piece + text[at:]
        elif kind == 1:  # delete a span
            text = text[:at] + text[at + length :]
        elif kind == 2:  # replace a span by a piece
            text = text[:at] + piece + text[at + length :]
        else:  # repeat the line holding `at`
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end + 1
            text = text[:end] + text[start:end] + text[end:]
    return text


def mutated(corpus: list[str]) -> st.SearchStrategy[str]:
    """Texts made by a few mutations of one of `corpus`."""
    edit = st.tuples(
        st.integers(0, 3), st.integers(0, 10**6), st.integers(1, 40), st.sampled_from(PIECES)
    )
    return st.builds(_mutate, st.sampled_from(corpus), st.lists(edit, min_size=1, max_size=6))


# --- the properties ------------------------------------------------------------------------


def loaded(text: str) -> Any:
    """What `loads` makes of `text`: the programme, or the codes and places it refuses."""
    try:
        return progman.loads(text, source="t.yaml")
    except progman.DefinitionError as error:
        problems = error.problems
    assert problems, "a DefinitionError always names its problems"
    assert all(p.location is not None for p in problems if p.code.startswith("YAML-")), problems
    return [(p.code, str(p.location)) for p in problems]


def loaded_carefully(text: str) -> Any:
    """`loaded`, with the fast reader declining every text."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_needs_care", lambda _text: True)
        return loaded(text)


def check_same_whichever_reader(text: str) -> Any:
    """Load `text` as usual and carefully: the same programme, or refused both times."""
    start = time.perf_counter()
    either = loaded(text)
    careful = loaded_carefully(text)
    assert time.perf_counter() - start < SECONDS, f"slow: {text[:200]!r}"
    if isinstance(either, list) or isinstance(careful, list):
        assert isinstance(either, list) == isinstance(careful, list), (text, either, careful)
    else:
        assert either == careful, text
    return either


def check_readers_agree(text: str) -> None:
    """Where the fast reader's data is used (a valid programme), the careful one reads the
    same data from the text."""
    if loader._needs_care(text):
        return  # the fast path never sees such a text
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
        progman.Programme.model_validate(fast)
    except Exception:
        return  # the careful path reads it and reports
    composed = compose_text(text, "t.yaml")
    refused = [f for f in composed.findings if f.code not in ("YAML-EMPTY", "YAML-NOT-MAPPING")]
    assert not refused, f"fast reader accepted what the careful one refuses: {text!r}: {refused}"
    assert repr(fast) == repr(composed.data), text  # repr: nan != nan, but prints the same
    quick = quick_locations(text, "t.yaml")  # where findings are located on the fast path
    if quick is not None:
        assert quick.locations() == composed.locations, f"located otherwise: {text!r}"
    lazy = lazy_locations(text, "t.yaml", lambda: composed.locations)  # path by path
    if not isinstance(lazy, LazyPositions):
        return  # handed to the one-pass reader at once
    written = SourceMap.of(composed.locations)
    for path in composed.locations:
        for asked in (path, f"{path}.unwritten" if path else "unwritten", f"{path}[9]"):
            assert str(lazy.locate(asked)) == str(written.lookup(asked)), (
                f"located otherwise lazily: {asked} in {text!r}"
            )


def check_clean_save(programme: progman.Programme) -> None:
    """A loaded programme saved clean reads back as itself."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "programme.yaml"
        progman.dump(programme.model_copy(deep=True), file)
        assert progman.load(file) == programme


def check_everything(text: str) -> None:
    """Every property at once (`make fuzz`)."""
    check_readers_agree(text)
    result = check_same_whichever_reader(text)
    if isinstance(result, progman.Programme):
        check_clean_save(result)


# --- make fuzz ------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """Run the properties on `argv[0]` (default 2,000) mutated examples; print the outcome."""
    examples = int(argv[0]) if argv else 2_000
    corpus = seeds()
    counts = {"cases": 0, "loaded": 0}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=st.one_of(mutated(corpus), texts, valued_texts))
    def fuzz(text: str) -> None:
        counts["cases"] += 1
        check_everything(text)
        counts["loaded"] += isinstance(loaded(text), progman.Programme)

    start = time.perf_counter()
    print(f"fuzzing progman.loads: {examples:,} cases from {len(corpus)} examples and scraps")
    try:
        fuzz()
    except Exception as error:  # hypothesis has shrunk it: report it whole
        print(f"FOUND after {counts['cases']:,} cases: {type(error).__name__}: {error}")
        return 1
    finally:
        elapsed = time.perf_counter() - start
        print(f"{counts['cases']:,} cases ({counts['loaded']:,} loaded) in {elapsed:.0f} s")
    print("no findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
