"""Docs that are true: every file the docs name exists, and the README's counts are the
real ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [
        REPO / "README.md",
        REPO / "CHANGELOG.md",
        REPO / "examples" / "README.md",
        *(REPO / "docs").glob("*.md"),
    ]
)
# A path in the repository as docs write it: `examples/notebook.py`, docs/yaml.md, ...
NAMED = re.compile(
    r"(?<![\w./-])((?:examples|docs|src|tests|benchmarks|\.ci)/[\w./-]*[\w-])(?![\w(])"
)
LINK = re.compile(r"\]\(((?!https?:|#|mailto:)[^)#\s]+)")


def named_paths(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    found = set(NAMED.findall(text))
    found |= {
        str((page.parent / link).resolve().relative_to(REPO))
        for link in LINK.findall(text)
        if (page.parent / link).resolve().is_relative_to(REPO)
    }
    return found


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_file_the_docs_name_exists(page: Path) -> None:
    # Regression: README, examples/README, getting-started.md and the CHANGELOG named
    # examples/notebook.py, which was not in the repository.
    missing = sorted(
        path
        for path in named_paths(page)
        if not (REPO / path).exists() and not any(REPO.glob(path))
    )
    assert missing == [], f"{page.name} names files that do not exist: {missing}"


def test_the_check_catches_a_missing_file(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("See `examples/no-such-notebook.py` and [x](../docs/nope.md).\n")
    assert "examples/no-such-notebook.py" in named_paths(page)


def test_readme_rule_count_is_the_number_of_rules() -> None:
    # Regression: the README said 40 rules where there were 41 (`progman rules` lists them).
    from progman.rules import all_rules

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    counts = {int(n) for n in re.findall(r"(\d+) MSP/PRINCE2 rules", readme)}
    assert counts == {len(all_rules())}, "update the count in README.md"


def test_the_quick_tour_template_passes_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: the format docs' "complete example" failed its own `progman check`
    # (5 errors, 6 warnings), so a programme office copying it started from a failing file.
    from progman.cli import main

    assert main(["check", str(REPO / "examples" / "quick-tour"), "--fail-on", "info"]) == 0
    assert capsys.readouterr().out == ""
