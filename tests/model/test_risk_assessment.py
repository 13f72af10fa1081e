"""A risk read on the programme's grid: likelihood, expected value, rescaling, basis."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

import progman as pm
from progman import RiskGrid, ScoreBasis, assess_risk, rescale_level


def risk(p: int, i: int, **fields: object) -> pm.Risk:
    return pm.Risk(id="R1", title="R1", probability=p, impact=i, **fields)  # type: ignore[arg-type]


def test_default_likelihoods_are_the_middles_of_equal_bands() -> None:
    # Issue 14: 10/30/50/70/90% on a 5 x 5 grid; level 5 is not a certainty.
    grid = RiskGrid()
    assert [grid.likelihood(level) for level in range(1, 6)] == [10, 30, 50, 70, 90]
    # A 4 x 4 grid: bands of 25%, middles 12.5, 37.5, 62.5, 87.5.
    assert [RiskGrid(size=4, escalation_threshold=9).likelihood(n) for n in (1, 4)] == [
        Decimal("12.5"),
        Decimal("87.5"),
    ]


def test_prince2_expected_value_from_a_stated_probability() -> None:
    # PRINCE2 2017, 10.4.3 (expected value): 25% x £160,000 = £40,000.
    assessed = assess_risk(risk(2, 4, likelihood=25, impact_value="160k"), RiskGrid())
    assert assessed.likelihood == 25
    assert assessed.expected_value == Decimal(40_000)


def test_expected_value_with_the_default_and_a_custom_grid() -> None:
    threat = risk(4, 3, impact_value="£200k")
    assert assess_risk(threat, RiskGrid()).expected_value == Decimal(140_000)  # 70% x £200k
    custom = RiskGrid(likelihoods=[5, 20, 40, 60, 80])
    assert assess_risk(threat, custom).expected_value == Decimal(120_000)  # 60% x £200k
    assert assess_risk(risk(4, 3), custom).expected_value is None  # no money impact


def test_custom_likelihoods_are_checked() -> None:
    with pytest.raises(ValidationError, match="likelihoods gives 3 values for a grid of 5"):
        RiskGrid(likelihoods=[10, 50, 90])
    with pytest.raises(ValidationError, match="must rise with the probability level"):
        RiskGrid(likelihoods=[10, 30, 30, 70, 90])
    with pytest.raises(ValidationError, match="less than 100"):
        RiskGrid(likelihoods=[10, 30, 50, 70, 100])
    with pytest.raises(ValidationError, match="less than 100"):
        risk(5, 5, likelihood=100)  # a certainty is an issue, not a risk


@pytest.mark.parametrize(
    ("size", "to", "expected"),
    [
        (3, 5, [1, 3, 5]),  # middles 1/6, 1/2, 5/6 -> bands 1, 3, 5 of 5
        (5, 3, [1, 1, 2, 3, 3]),  # middles .1 .3 .5 .7 .9 -> thirds 1, 1, 2, 3, 3
        (4, 10, [2, 4, 7, 9]),  # middles .125 .375 .625 .875 -> tenths 2, 4, 7, 9
        (5, 5, [1, 2, 3, 4, 5]),
    ],
)
def test_rescaling_reads_the_middle_of_each_band(size: int, to: int, expected: list[int]) -> None:
    assert [rescale_level(level, size, to) for level in range(1, size + 1)] == expected


def test_the_driving_score_is_residual_once_a_response_is_recorded() -> None:
    grid = RiskGrid()
    planned = risk(4, 5, residual_probability=1, residual_impact=3)
    responded = planned.model_copy(update={"response": pm.RiskResponse.REDUCE})
    assert (assess_risk(planned, grid).basis, assess_risk(planned, grid).score) == (
        ScoreBasis.INHERENT,
        20,
    )
    assert (assess_risk(responded, grid).basis, assess_risk(responded, grid).score) == (
        ScoreBasis.RESIDUAL,
        3,
    )
    inherent = RiskGrid(escalation_basis="inherent")  # type: ignore[arg-type]
    assert assess_risk(responded, inherent).score == 20
    residual = RiskGrid(escalation_basis="residual")  # type: ignore[arg-type]
    assert assess_risk(planned, residual).score == 3


def test_expected_value_follows_the_driving_probability() -> None:
    # Reduced from probability 4 (70%) to 2 (30%): exposure 30% x £100k = £30k.
    responded = risk(
        4, 4, response="reduce", residual_probability=2, residual_impact=4, impact_value="100k"
    )
    assert assess_risk(responded, RiskGrid()).expected_value == Decimal(30_000)


def test_in_a_shared_block_each_risk_is_worked_out_once_per_grid_and_basis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from progman.model.risk import risks_assessed_once

    worked: list[int] = []
    likelihood = RiskGrid.likelihood

    def counted(grid: RiskGrid, level: int) -> Decimal:
        worked.append(level)
        return likelihood(grid, level)

    monkeypatch.setattr(RiskGrid, "likelihood", counted)
    grid = RiskGrid()
    reduced = risk(4, 4, residual_probability=2, response="reduce")
    with risks_assessed_once():
        current = assess_risk(reduced, grid)  # residual: a response is recorded
        assert assess_risk(reduced, grid, ScoreBasis.RESIDUAL) is current
        assert assess_risk(reduced, grid, ScoreBasis.CURRENT) is current
        inherent = assess_risk(reduced, grid, ScoreBasis.INHERENT)
        with risks_assessed_once():  # an inner block shares the outer one's answers
            assert assess_risk(reduced, grid, ScoreBasis.INHERENT) is inherent
    assert (current.score, inherent.score) == (8, 16)  # 2 x 4 and 4 x 4
    assert worked == [2, 4]  # residual probability 2, inherent 4: each once
    # Outside the block every call works the risk out again, and sees a change to it.
    reduced.residual_probability = 1
    assert assess_risk(reduced, grid).score == 4
    assert worked == [2, 4, 1]
