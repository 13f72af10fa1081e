"""The engine: configuration, suppression, custom rules, plugins, locations, failures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import progman
from progman import Programme, Suppression
from progman.findings import Severity, SourceLocation
from progman.io.locations import SourceMap, attach
from progman.rules import Problem, Registry, Rule, RuleContext, get_rule, rule
from progman.rules import engine as engine_module
from progman.rules import registry as registry_module

from .conftest import TODAY


def _break_two_owners(programme: Programme) -> None:
    programme.projects[0].risks[0].owner = None
    programme.risks[0].owner = None


def test_rules_can_be_turned_off_in_the_programme(programme: Programme) -> None:
    _break_two_owners(programme)
    programme.governance.rules = {"PG-OWNER-RISK": "off"}
    report = progman.validate(programme, status_date=TODAY)
    assert report.ok
    assert "PG-OWNER-RISK" not in report.rules


def test_severity_from_the_programme_then_from_code(programme: Programme) -> None:
    _break_two_owners(programme)
    programme.governance.rules = {"PG-OWNER-RISK": "warning"}
    report = progman.validate(programme, status_date=TODAY)
    assert {f.severity for f in report} == {Severity.WARNING}
    assert report.ok
    report = progman.validate(programme, status_date=TODAY, severities={"PG-OWNER-RISK": "info"})
    assert {f.severity for f in report} == {Severity.INFO}


def test_choosing_rules_in_code(programme: Programme) -> None:
    _break_two_owners(programme)
    programme.sro = None
    report = progman.validate(programme, status_date=TODAY, rules=["PG-OWNER-SRO"])
    assert report.rules == ("PG-OWNER-SRO",)
    assert report.codes() == {"PG-OWNER-SRO"}


def test_unknown_rule_in_code_suggests_one() -> None:
    with pytest.raises(KeyError, match="did you mean 'PG-OWNER-RISK'"):
        get_rule("PG-OWNER-RSK")


def test_suppression_drops_the_finding_and_keeps_the_reason(programme: Programme) -> None:
    _break_two_owners(programme)
    programme.governance.suppress = [
        Suppression(rule="PG-OWNER-RISK", target="R1", reason="Owner being recruited", by="gt")
    ]
    report = progman.validate(programme, status_date=TODAY)
    assert [f.subject for f in report] == ["R2"]
    (waived,) = report.suppressed
    assert waived.finding.subject == "R1"
    assert waived.reason == "Owner being recruited"
    assert waived.by == "gt"
    assert "(1 suppressed)" in report.to_text()


def test_a_local_rule_with_the_decorator(programme: Programme) -> None:
    local = Registry()

    @rule(
        "LOCAL-EIA",
        "warning",
        "Public-facing projects have an equality impact assessment",
        registry=local,
    )
    def needs_eia(ctx: RuleContext) -> Iterator[Problem]:
        for path, project in ctx.projects:
            if "eia" not in project.objectives:
                yield Problem(f"project {project.id!r} has no EIA", path=path, subject=project.id)

    report = progman.validate(programme, status_date=TODAY, registry=local)
    assert [(f.code, f.severity, f.message) for f in report] == [
        ("LOCAL-EIA", Severity.WARNING, "project 'portal' has no EIA"),
        ("LOCAL-EIA", Severity.WARNING, "project 'llp' has no EIA"),
    ]
    assert local.get("LOCAL-EIA").docs == "docs/governance.md#local-eia"


def test_rule_ids_are_checked() -> None:
    with pytest.raises(ValueError, match="is not a rule id"):
        rule("lower-case", "error", "x", registry=Registry())(lambda ctx: [])


def test_a_rule_that_crashes_becomes_a_finding(programme: Programme) -> None:
    local = Registry()

    @rule("LOCAL-BROKEN", "error", "Always fails", registry=local)
    def broken(ctx: RuleContext) -> Iterator[Problem]:
        raise ZeroDivisionError("division by zero")

    (finding,) = progman.validate(programme, status_date=TODAY, registry=local)
    assert finding.code == "PG-RULE-FAILED"
    assert finding.message == "rule LOCAL-BROKEN failed: ZeroDivisionError: division by zero"


class _Point:
    def __init__(self, name: str, value: Any) -> None:
        self.name = name
        self.value = f"plugin:{name}"
        self._value = value

    def load(self) -> Any:
        if isinstance(self._value, Exception):
            raise self._value
        return self._value


def test_entry_point_plugins(monkeypatch: pytest.MonkeyPatch, programme: Programme) -> None:
    plugin_rule = Rule(
        "ACME-NAME",
        Severity.INFO,
        "Projects have names",
        lambda ctx: [Problem("found", subject=ctx.programme.id)],
    )
    points = [_Point("acme", [plugin_rule]), _Point("broken", ImportError("no module acme2"))]

    def fake_entry_points(group: str) -> list[_Point]:
        assert group == "progman.rules"
        return points

    monkeypatch.setattr("importlib.metadata.entry_points", fake_entry_points)
    local = Registry()
    report = progman.validate(programme, status_date=TODAY, registry=local)
    assert "ACME-NAME" in local
    assert {(f.code, f.message) for f in report} == {
        ("ACME-NAME", "found"),
        (
            "PG-PLUGIN",
            "could not load rule plugin broken (plugin:broken): ImportError: no module acme2",
        ),
    }
    engine_module._plugins.pop(local)
    assert registry_module.ENTRY_POINT_GROUP == "progman.rules"


def test_findings_carry_source_locations(programme: Programme) -> None:
    programme.projects[0].risks[0].owner = None
    source = SourceMap()
    source.add("projects[0]", SourceLocation("otp.yaml", 40, 5))
    source.add("projects[0].risks[0]", SourceLocation("otp.yaml", 58, 9))
    attach(programme, source)
    (finding,) = progman.validate(programme, status_date=TODAY, rules=["PG-OWNER-RISK"])
    assert finding.location == SourceLocation("otp.yaml", 58, 9)
    assert str(finding).startswith("otp.yaml:58:9: error PG-OWNER-RISK risk 'R1'")


def test_code_built_programmes_have_no_location(programme: Programme) -> None:
    programme.sro = None
    (finding,) = progman.validate(programme, status_date=TODAY, rules=["PG-OWNER-SRO"])
    assert finding.location is None


def test_public_api_is_exported() -> None:
    assert progman.validate is progman.rules.validate
    assert progman.ValidationResult is progman.rules.ValidationResult
    assert progman.rule is progman.rules.rule
    for name in ("validate", "ValidationResult", "rule", "rules", "Forecast", "GovernanceError"):
        assert name in progman.__all__
    with pytest.raises(AttributeError):
        progman.no_such_thing  # noqa: B018
