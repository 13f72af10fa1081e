"""Mutation testing, one module at a time: `make mutate` (or `python tools/mutate.py`).

For each module listed in pyproject.toml under `[tool.progman.mutate.modules]`
(a path under src/progman and the test files that exercise it), this runs
mutmut on that module alone, with only those tests, in a scratch directory
of its own (build/mutmut/<module>), with one worker. It then prints the
module's survivors (name and the changed line) and its score:

    score = killed / (mutants - equivalent)

where killed counts mutants a test failed on (or that timed out), and
equivalent counts the survivors listed under `[tool.progman.mutate.equivalent]`
(mutant name -> one-line reason: the mutant behaves exactly like the code, so
no test can kill it). docs/testing.md says how to read survivors.

    python tools/mutate.py                        # every listed module, one after another
    python tools/mutate.py rules/delegation.py    # one module
    python tools/mutate.py --list                 # the modules and their tests

Each run starts afresh (the scratch directory is rebuilt), so a score always
reflects the current code and tests. Exit status: 0, or 1 if a module scored
below `floor` (when given) or the run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutmut"
KILLED = {1, 3, 24, -24, 152, 255, 36, 37}  # failed test, pytest error, timeout, type check
"""mutmut exit codes that mean a test noticed the mutant (see mutmut's stats.py)."""
SURVIVED = {0}
NO_TESTS = {5, 33}
ALSO_COPY = ("examples", "docs")
"""Folders that tests read relative to their own file (the examples, the docs)."""


@dataclass
class Score:
    """One module's result."""

    module: str
    killed: int = 0
    survivors: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    """Mutants neither killed nor survived (not checked, suspicious): counted as not killed."""

    @property
    def total(self) -> int:
        return self.killed + len(self.survivors) + len(self.equivalent) + len(self.other)

    @property
    def score(self) -> float:
        judged = self.total - len(self.equivalent)
        return 100.0 * self.killed / judged if judged else 100.0


def settings() -> dict[str, object]:
    """The [tool.progman.mutate] table of pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return dict(data["tool"]["progman"]["mutate"])


def _toml_table(name: str, values: dict[str, object]) -> str:
    # Strings, numbers, booleans and lists of strings: JSON spells them as TOML does.
    lines = [f"[{name}]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def prepare(module: str, tests: list[str]) -> Path:
    """A fresh scratch directory where mutmut sees only this module and these tests."""
    work = SCRATCH / module.replace("/", "-").removesuffix(".py")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in ("tests", *ALSO_COPY):
        (work / name).symlink_to(ROOT / name, target_is_directory=True)
    # A copy of src/ (not a link: the module is rewritten, and `mutmut apply` stays harmless)
    shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__"))
    target = work / "src" / "progman" / module
    target.write_text(undecorated(target.read_text("utf-8")), "utf-8")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mutmut = dict(data["tool"].get("mutmut", {}))
    mutmut["only_mutate"] = [f"src/progman/{module}"]
    mutmut["also_copy"] = list(ALSO_COPY)  # copied beside mutmut's copy of tests/
    mutmut["pytest_add_cli_args_test_selection"] = tests
    (work / "pyproject.toml").write_text(
        _toml_table("tool.pytest.ini_options", data["tool"]["pytest"]["ini_options"])
        + _toml_table("tool.mutmut", mutmut),
        "utf-8",
    )
    return work


_KEEP = frozenset({"staticmethod", "classmethod", "overload", "setter", "getter", "deleter"})
"""Decorators left in place: mutmut mutates through the first two, an overload has no body,
and `@x.setter` must be read before `def x` rebinds x."""


def _name(decorator: Any) -> str | None:
    """`property` for @property, `overload` for @typing.overload, None for a call."""
    import libcst as cst

    if isinstance(decorator, cst.Name):
        return str(decorator.value)
    if isinstance(decorator, cst.Attribute):
        return str(decorator.attr.value)
    return None


def _unwrap(statements: Sequence[Any]) -> list[Any]:
    import libcst as cst

    out: list[Any] = []
    for stmt in statements:
        if isinstance(stmt, cst.ClassDef) and isinstance(stmt.body, cst.IndentedBlock):
            out.append(stmt.with_changes(body=stmt.body.with_changes(body=_unwrap(stmt.body.body))))
            continue
        if not isinstance(stmt, cst.FunctionDef) or not stmt.decorators:
            out.append(stmt)
            continue
        if any(_name(d.decorator) in _KEEP for d in stmt.decorators):
            out.append(stmt)
            continue
        out.append(stmt.with_changes(decorators=[]))
        name = cst.Name(stmt.name.value)
        value: Any = name
        for decorator in reversed(stmt.decorators):
            value = cst.Call(func=decorator.decorator, args=[cst.Arg(value)])
        out.append(cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(name)], value)]))
    return out


def undecorated(source: str) -> str:
    """The same module with each decorated function's decorators applied after it:
    `@rule(...)` over `def f` becomes `def f` then `f = rule(...)(f)`, and `@property` over a
    method becomes `m = property(m)` in the class body. The program is the same, but mutmut
    now mutates these functions too: it leaves decorated functions alone, which would leave
    every rule's body (and every property) out of the score."""
    import libcst as cst

    module = cst.parse_module(source)
    return module.with_changes(body=_unwrap(list(module.body))).code


def _mutmut(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("mutmut")
    return subprocess.run([str(exe), *args], cwd=work, text=True, capture_output=True, check=False)


_DIFFS = """
import json, sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant
names = json.load(sys.stdin)
print(json.dumps({n: get_diff_for_mutant(n, path=find_mutant(n).path) for n in names}))
"""
"""Every survivor's diff in one process (`mutmut show` once per mutant takes a second each)."""


def changed_lines(work: Path, names: list[str]) -> dict[str, str]:
    """The mutated line of each mutant, before -> after, from mutmut's diff of it."""
    if not names:
        return {}
    done = subprocess.run(
        [sys.executable, "-c", _DIFFS],
        cwd=work,
        input=json.dumps(names),
        text=True,
        capture_output=True,
        check=False,
    )
    diffs: dict[str, str] = json.loads(done.stdout) if done.returncode == 0 else {}
    return {name: _changed(diffs.get(name, "")) for name in names}


def _changed(diff: str) -> str:
    shown = diff.splitlines()
    removed = [x[1:].strip() for x in shown if x.startswith("-") and not x.startswith("---")]
    added = [x[1:].strip() for x in shown if x.startswith("+") and not x.startswith("+++")]
    pairs = [(a, b) for a, b in zip(removed, added, strict=False) if a != b]
    if pairs:
        return f"{pairs[0][0]}  ->  {pairs[0][1]}"
    return added[0] if added else "(see mutmut show)"


def measure(module: str, tests: list[str], equivalent: dict[str, str]) -> Score:
    """Run mutmut on one module and read its results."""
    work = prepare(module, tests)
    print(f"== {module}: mutating with {' '.join(tests)}", flush=True)
    done = _mutmut(work, "run", "--max-children", "1")
    meta = work / "mutants" / "src" / "progman" / f"{module}.meta"
    if done.returncode != 0 or not meta.exists():
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        raise SystemExit(f"mutmut failed on {module} (exit {done.returncode})")
    codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    score = Score(module)
    for name, code in sorted(codes.items()):
        if code in KILLED:
            score.killed += 1
        elif name in equivalent and code in SURVIVED:
            score.equivalent.append(name)
        elif code in SURVIVED or code in NO_TESTS:
            score.survivors.append(name)
        else:
            score.other.append(name)
    lines = changed_lines(work, score.survivors + score.other)
    for name, line in lines.items():
        print(f"  survived  {name}: {line}")
    prefix = "progman." + module.removesuffix(".py").replace("/", ".") + "."
    for name in sorted(n for n in equivalent if n.startswith(prefix)):
        if name not in score.equivalent:
            print(f"  stale     {name} is listed as equivalent but was killed or is gone")
    print(
        f"  {module}: {score.score:.1f}% ({score.killed} killed of {score.total} mutants, "
        f"{len(score.equivalent)} equivalent, {len(score.survivors) + len(score.other)} "
        "surviving)",
        flush=True,
    )
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths under src/progman (default: all)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests")
    args = parser.parse_args(argv)
    conf = settings()
    table: dict[str, list[str]] = dict(conf["modules"])  # type: ignore[call-overload]
    equivalent: dict[str, str] = dict(conf.get("equivalent", {}))  # type: ignore[call-overload]
    floor = float(conf.get("floor", 0))  # type: ignore[arg-type]
    floored = set(conf.get("floored", []))  # type: ignore[call-overload]
    chosen = args.modules or list(table)
    unknown = [m for m in chosen if m not in table]
    if unknown:
        parser.error(f"not in [tool.progman.mutate.modules]: {', '.join(unknown)}")
    if args.list:
        for module in chosen:
            print(f"{module}: {' '.join(table[module])}")
        return 0
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("HYPOTHESIS_PROFILE", "mutation")  # tests/conftest.py
    scores = [measure(module, table[module], equivalent) for module in chosen]
    print("\nmodule                          score   killed/judged  equivalent")
    low = []
    for s in scores:
        judged = s.total - len(s.equivalent)
        print(f"{s.module:30} {s.score:6.1f}%  {s.killed:6}/{judged:<6}  {len(s.equivalent):10}")
        if s.module in floored and s.score < floor:
            low.append(s.module)
    if low:
        print(f"below the {floor:.0f}% floor: {', '.join(low)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
