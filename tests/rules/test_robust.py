"""Whatever is broken, and in whatever combination, every rule still runs to the end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import progman
from progman import Delegation, Programme, Tolerance

from .conftest import TODAY, build


def _p(programme: Programme) -> progman.Project:
    return programme.projects[0]


MUTATIONS: list[Callable[[Programme], None]] = [
    lambda p: setattr(p, "sro", None),
    lambda p: setattr(_p(p), "start", None),
    lambda p: setattr(_p(p), "finish", None),
    lambda p: setattr(_p(p), "budget", None),
    lambda p: setattr(_p(p), "executive", "nobody"),
    lambda p: setattr(_p(p), "tranche", "portal"),
    lambda p: setattr(_p(p), "business_case", None),
    lambda p: setattr(_p(p).stages[1], "budget", Decimal(0)),
    lambda p: setattr(_p(p).stages[1], "start", None),
    lambda p: setattr(_p(p).stages[1], "tolerances", [Tolerance(aspect="time", plus=50)]),
    lambda p: setattr(_p(p).stages[0], "end_stage_approval", "a-spend"),
    lambda p: setattr(_p(p).stages[1].tasks[0], "budget", None),
    lambda p: setattr(_p(p).stages[1].tasks[0], "actual_cost", Decimal(10**9)),
    lambda p: setattr(p.tranches[0], "end", None),
    lambda p: setattr(p.tranches[1], "start", date(2016, 1, 1)),
    lambda p: setattr(p.approvals[4], "subject", "no-such-thing"),
    lambda p: setattr(p.approvals[4], "delegation", "d-tp"),
    lambda p: setattr(p.approvals[5], "approvers", ["cabinet"]),
    lambda p: setattr(p.delegations[0], "may_sub_delegate", False),
    lambda p: setattr(p.delegations[1], "scope", ["t1", "no-such-scope"]),
    lambda p: p.delegations.append(
        Delegation(id="d-loop", delegator="pm1", delegates=["ceo", "fin"], decisions=["spend"])
    ),
    lambda p: setattr(p.benefits[0], "profile", None),
    lambda p: setattr(p.benefits[0], "tranche", "llp"),
    lambda p: setattr(p.risks[0], "scale", 10),
    lambda p: setattr(p.risk_grid, "near_proximity_days", 0),
    lambda p: setattr(p, "tolerances", [Tolerance(aspect="benefits", minus=0, unit="absolute")]),
    lambda p: setattr(p.governance, "rules", {"PG-NOPE": "off", "PG-OWNER-RISK": "info"}),
    lambda p: p.projects.append(_p(p).model_copy(deep=True)),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(MUTATIONS))), max_size=8, unique=True))
def test_no_rule_fails_on_any_combination(chosen: list[int]) -> None:
    programme = build()
    for index in chosen:
        MUTATIONS[index](programme)
    report = progman.validate(programme, status_date=TODAY)
    failed = [str(f) for f in report if f.code in ("PG-RULE-FAILED", "PG-PLUGIN")]
    assert failed == []
    report.to_json()
    report.to_sarif()
