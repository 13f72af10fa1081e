"""`validate`: run the rules over a programme and collect a `ValidationResult`."""

from __future__ import annotations

import difflib
import warnings
import weakref
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from .._gc import bulk_objects
from ..findings import Finding, Severity
from ..model import Programme, RuleSetting
from ..model.common import choose_status_date
from .context import Forecast, RuleContext
from .escalation import escalation_target
from .registry import REGISTRY, Registry, Rule, load_entry_points
from .report import SuppressedFinding, ValidationResult

if TYPE_CHECKING:
    from ..forecasting import ProgrammeForecast

__all__ = ["all_rules", "get_rule", "validate"]

# Entry points are imported once per registry, on first use.
_plugins: weakref.WeakKeyDictionary[Registry, list[str]] = weakref.WeakKeyDictionary()


def _plugin_failures(registry: Registry) -> list[str]:
    if registry not in _plugins:
        _plugins[registry] = load_entry_points(registry)
    return _plugins[registry]


def all_rules(registry: Registry | None = None) -> list[Rule]:
    """Every registered rule (built-in, local and from plugins), by family then id.

    >>> [r.id for r in all_rules() if r.family == "gates"]
    ['PG-GATE-BUSINESS-CASE', 'PG-GATE-BUSINESS-CASE-STATUS', 'PG-GATE-RETROSPECTIVE', \
'PG-GATE-STAGE', 'PG-GATE-TRANCHE']
    """
    target = REGISTRY if registry is None else registry
    _plugin_failures(target)
    return list(target)


def get_rule(rule_id: str, registry: Registry | None = None) -> Rule:
    """The rule with this id; a KeyError suggests the nearest id when there is none."""
    target = REGISTRY if registry is None else registry
    _plugin_failures(target)
    if rule_id in target:
        return target.get(rule_id)
    close = difflib.get_close_matches(rule_id, target.ids(), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise KeyError(f"no rule {rule_id!r}{hint}")


def _select(registry: Registry, rules: Iterable[str | Rule] | None) -> list[Rule]:
    if rules is None:
        return list(registry)
    return [r if isinstance(r, Rule) else get_rule(r, registry) for r in rules]


def validate(
    programme: Programme,
    *,
    status_date: date | str | None = None,
    rules: Iterable[str | Rule] | None = None,
    severities: Mapping[str, RuleSetting] | None = None,
    forecasts: Mapping[str, Forecast] | None = None,
    registry: Registry | None = None,
    forecast: ProgrammeForecast | None = None,
    today: date | str | None = None,
) -> ValidationResult:
    """Check a programme against its governance rules and return a `ValidationResult`.

    `status_date` is the status date the programme is judged and forecast at (a date or
    ISO text; default: the `forecast`'s, else the programme's `status_date`, else today's
    date: pass one for reproducible results); the result says which was used. `today=` is
    the deprecated name of `status_date=`. `forecast` reuses a `progman.forecast` result
    made at that date.
    `rules` chooses which rules run (ids or `Rule`s; all registered rules by default).
    Severities come from each rule's default, then `programme.governance.rules`, then `severities`
    (`{"PG-OWNER-BOARD-ROLES": "off"}`). `forecasts` feeds the tolerance rules.

    >>> import datetime, progman
    >>> programme = progman.Programme(id="otp", name="OTP")
    >>> report = validate(programme, status_date="2013-01-10", rules=["PG-OWNER-SRO"])
    >>> print(report.to_text())
    1 error, 0 warnings, 0 info
    Errors:
      <programme>: error PG-OWNER-SRO programme 'otp' has no Senior Responsible Owner (SRO) \
[escalate to: sponsoring group]
    """
    if today is not None:
        warnings.warn(
            "validate(today=...) is deprecated; use validate(status_date=...)",
            DeprecationWarning,
            stacklevel=2,
        )
        if status_date is None:
            status_date = today
    if status_date is None and forecast is not None:
        status_date = forecast.status_date
    day, source = choose_status_date(status_date, programme.status_date)
    # Rules make many small objects and no reference cycles; the cyclic GC would
    # rescan the whole programme over and over (about half the time on large ones).
    from ..schedule import contents_checked  # here: `progman.schedule` is also a function

    # The lists are checked once: the schedule the rules forecast from skips the walk.
    with contents_checked(programme), bulk_objects():
        return _validate(programme, day, source, rules, severities, forecasts, registry, forecast)


def _validate(
    programme: Programme,
    day: date,
    source: str,
    rules: Iterable[str | Rule] | None,
    severities: Mapping[str, RuleSetting] | None,
    forecasts: Mapping[str, Forecast] | None,
    registry: Registry | None,
    forecast: ProgrammeForecast | None,
) -> ValidationResult:
    target = REGISTRY if registry is None else registry
    failures = _plugin_failures(target)
    config: dict[str, RuleSetting] = dict(programme.governance.rules)
    config.update(severities or {})
    waived = {(s.rule, s.target): s for s in programme.governance.suppress}
    ctx = RuleContext(programme, today=day, forecasts=forecasts, registry=target, forecast=forecast)

    findings: list[Finding] = [
        Finding("PG-PLUGIN", Severity.ERROR, f"could not load rule plugin {failure}")
        for failure in failures
    ]
    suppressed: list[SuppressedFinding] = []
    ran: list[str] = []
    locate = ctx.location
    for chosen in _select(target, rules):
        setting = config.get(chosen.id)
        if setting == "off":
            continue
        severity = Severity(setting) if setting else chosen.severity
        ran.append(chosen.id)
        try:
            problems = list(chosen.check(ctx))
        except Exception as error:  # one broken rule must not hide every other finding
            findings.append(
                Finding(
                    "PG-RULE-FAILED",
                    Severity.ERROR,
                    f"rule {chosen.id} failed: {type(error).__name__}: {error}",
                    data={"rule": chosen.id},
                )
            )
            continue
        code = chosen.id
        for problem in problems:
            path, subject, to = problem.path, problem.subject, problem.escalate_to
            told = escalation_target(ctx, to, subject) if to is not None else None
            # By position (the fields' order), tens of thousands of times per validation:
            # code, severity, message, path, location, subject, escalate_to, data,
            # escalate_to_id.
            finding = Finding(
                code,
                severity,
                problem.message,
                path,
                locate(path),
                subject,
                told.name if told else None,
                problem.data,
                told.id if told else None,
            )
            waiver = waived.get((code, subject or "")) if waived else None
            if waiver is not None:
                suppressed.append(SuppressedFinding(finding, waiver.reason, waiver.by))
            else:
                findings.append(finding)
    return ValidationResult(
        findings=tuple(findings),
        suppressed=tuple(suppressed),
        rules=tuple(ran),
        status_date=day,
        rule_info={r.id: r for r in target},
        status_date_source=source,
    )
