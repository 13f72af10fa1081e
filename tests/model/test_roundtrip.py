"""Every model survives JSON: model_dump_json -> model_validate_json gives an equal object."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

import progman as pm

from .samples import full_programme


def every_model_in(obj: object) -> list[BaseModel]:
    """The object and every model nested in it, depth first."""
    found: list[BaseModel] = []
    if isinstance(obj, BaseModel):
        found.append(obj)
        for name in type(obj).model_fields:
            found.extend(every_model_in(getattr(obj, name)))
    elif isinstance(obj, list):
        for item in obj:
            found.extend(every_model_in(item))
    return found


SAMPLES = every_model_in(full_programme())


def test_the_sample_covers_every_model_class() -> None:
    covered = {type(model) for model in SAMPLES}
    exported = {
        value
        for name in pm.__all__
        if isinstance(value := getattr(pm, name), type) and issubclass(value, BaseModel)
    }
    assert exported - covered == set()


@pytest.mark.parametrize("model", SAMPLES, ids=lambda m: type(m).__name__)
def test_json_round_trip(model: BaseModel) -> None:
    again = type(model).model_validate_json(model.model_dump_json())
    assert again == model


def test_money_survives_json_exactly() -> None:
    project = pm.Project(id="p", name="P", budget="1234567.89")
    text = project.model_dump_json()
    assert '"budget":"1234567.89"' in text
    assert pm.Project.model_validate_json(text).budget == Decimal("1234567.89")


ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
texts = (
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=1)
    .map(str.strip)
    .filter(bool)
)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False
)


@st.composite
def risks(draw: st.DrawFn) -> pm.Risk:
    scale = draw(st.integers(2, 10))
    on_scale = st.integers(1, scale)
    kind = draw(st.sampled_from(list(pm.RiskKind)))
    allowed = pm.THREAT_RESPONSES if kind is pm.RiskKind.THREAT else pm.OPPORTUNITY_RESPONSES
    responses = sorted(set().union(*allowed.values()))
    return pm.Risk(
        id=draw(ids),
        title=draw(texts),
        kind=kind,
        cause=draw(st.none() | texts),
        scale=scale,
        probability=draw(on_scale),
        impact=draw(on_scale),
        residual_probability=draw(st.none() | on_scale),
        residual_impact=draw(st.none() | on_scale),
        impact_value=draw(st.none() | amounts.map(abs)),
        proximity=draw(st.none() | st.sampled_from(list(pm.Proximity))),
        proximity_date=draw(st.none() | dates),
        owner=draw(st.none() | ids),
        response=draw(st.none() | st.sampled_from(responses)),
        level=draw(st.sampled_from(list(pm.Level))),
        status=draw(st.sampled_from(list(pm.RiskStatus))),
    )


@st.composite
def profiles(draw: st.DrawFn) -> pm.BenefitProfile:
    periods = []
    for start in sorted(draw(st.lists(dates, max_size=6, unique=True))):
        periods.append(
            pm.ProfilePeriod(
                start=start,
                end=start + timedelta(days=draw(st.integers(0, 400))),
                planned=draw(amounts),
                forecast=draw(st.none() | amounts),
                actual=draw(st.none() | amounts),
            )
        )
    return pm.BenefitProfile(
        kpi=draw(texts),
        unit=draw(st.none() | st.sampled_from(["GBP", "contacts", "%"])),
        direction=draw(st.sampled_from(list(pm.Direction))),
        baseline_value=draw(st.none() | amounts),
        baseline_date=draw(st.none() | dates),
        target_value=draw(st.none() | amounts),
        target_date=draw(st.none() | dates),
        periods=periods,
    )


@given(risks())
def test_any_risk_round_trips(risk: pm.Risk) -> None:
    assert pm.Risk.model_validate_json(risk.model_dump_json()) == risk
    assert pm.Risk.model_validate(risk.model_dump()) == risk


@given(profiles())
def test_any_benefit_profile_round_trips(profile: pm.BenefitProfile) -> None:
    assert pm.BenefitProfile.model_validate_json(profile.model_dump_json()) == profile
    assert profile.total_planned == sum((p.planned for p in profile.periods), Decimal(0))
