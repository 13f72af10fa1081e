"""docs/yaml.md keeps the generated key-by-key reference and the bundled example current."""

from __future__ import annotations

from pathlib import Path

from progman.io.reference import reference

REPO = Path(__file__).resolve().parents[2]


def test_reference_in_docs_is_current() -> None:
    page = (REPO / "docs" / "yaml.md").read_text(encoding="utf-8")
    written = page.split("<!-- reference:start -->\n", 1)[1].split("<!-- reference:end -->", 1)[0]
    assert written == reference(), "regenerate with progman.io.reference.reference()"


def test_example_in_docs_is_the_bundled_one() -> None:
    page = (REPO / "docs" / "yaml.md").read_text(encoding="utf-8")
    example = (REPO / "examples" / "quick-tour" / "programme.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{example}```" in page
