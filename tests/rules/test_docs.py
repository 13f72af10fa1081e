"""Every built-in rule is documented in docs/governance.md under its id, as its link says."""

from __future__ import annotations

from pathlib import Path

import pytest

from progman.rules import all_rules, get_rule

DOCS = Path(__file__).resolve().parents[2] / "docs" / "governance.md"


@pytest.mark.parametrize(
    "rule_id", [r.id for r in all_rules() if r.id.startswith(("PG-", "SCHED-"))]
)
def test_rule_has_a_section(rule_id: str) -> None:
    rule = get_rule(rule_id)
    text = DOCS.read_text(encoding="utf-8")
    assert f"\n#### {rule.id}\n" in text
    assert f"*{rule.severity}* · {rule.description}." in text
    assert rule.docs == f"docs/governance.md#{rule.id.lower()}"


@pytest.mark.parametrize("rule_id", [r.id for r in all_rules() if r.id.startswith("PG-")])
def test_rule_has_an_escalation_target_or_says_why_not(rule_id: str) -> None:
    # Issue 14: every rule either has an escalation target or documents why none applies.
    text = DOCS.read_text(encoding="utf-8")
    table = text.split("Which rules escalate to whom", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert any(rule_id in row.split(" | ")[0].replace(",", " ").split() for row in rows)
