"""RAID roll-up to strand, tranche and programme; the board's risk list; heat maps."""

from __future__ import annotations

from decimal import Decimal

import progman as pm
from progman.control.raid import heat_map, raid_roll_up


def risk(rid: str, p: int, i: int, **fields: object) -> pm.Risk:
    return pm.Risk(id=rid, title=rid, probability=p, impact=i, **fields)  # type: ignore[arg-type]


def programme() -> pm.Programme:
    return pm.Programme(
        id="otp",
        name="OTP",
        risk_grid=pm.RiskGrid(escalation_threshold=15),
        strands=[
            pm.Strand(id="public-access", name="Public Access", projects=["portal"]),
            pm.Strand(id="isdb", name="ISDB", projects=["llp"]),
        ],
        projects=[
            pm.Project(
                id="portal",
                name="Portal",
                tranche="t1",
                risks=[
                    risk("R1", 3, 5, impact_value="100k"),  # 15: at the threshold
                    risk("R2", 2, 7, scale=7),  # 14: below
                    risk("R3", 5, 5, status="closed"),
                ],
                issues=[
                    pm.Issue(id="I1", title="I1"),
                    pm.Issue(id="I2", title="I2", status="closed"),
                ],
            ),
            pm.Project(
                id="llp",
                name="LLP",
                tranche="t2",
                risks=[
                    risk("R4", 1, 2, escalated_to="programme"),
                    risk("R5", 4, 4, strand="public-access", impact_value="50k"),
                    risk("O1", 4, 4, kind="opportunity", impact_value="1m"),
                ],
            ),
        ],
        risks=[risk("P1", 2, 2)],
        issues=[pm.Issue(id="PI", title="PI")],
    )


def test_project_risks_roll_up_to_their_strand_unless_the_risk_names_one() -> None:
    roll_up = raid_roll_up(programme())
    strands = roll_up.by_strand
    # portal: R1, R2, R3 (closed); R5 names public-access although its project is in isdb
    assert strands["public-access"].risks == 4
    assert strands["public-access"].active_risks == 3
    assert strands["isdb"].risks == 2  # R4, O1
    assert strands[None].risks == 1  # the programme register's P1


def test_significant_risks_use_the_programme_threshold_inclusively() -> None:
    roll_up = raid_roll_up(programme())
    significant = {line.id for line in roll_up.risks if line.significant}
    # R1 15, R5 16; R2 is 2 x 7 on a 7-point scale, 2 x 5 = 10 on the programme's grid;
    # R3 is closed. O1 scores 16 but is an opportunity: escalated for exploitation, never a
    # significant (threat) risk (issue 14).
    assert significant == {"R1", "R5"}
    assert [line.id for line in roll_up.risks if line.to_exploit] == ["O1"]
    assert roll_up.programme.significant_risks == 2


def test_threat_exposure_counts_active_threats_only() -> None:
    roll_up = raid_roll_up(programme())
    # Likelihood of each level on a 5 x 5 grid: 10/30/50/70/90% (issue 14; score/5 made
    # level 5 a certainty). R1: 50% x £100k = £50k; R5: 70% x £50k = £35k; O1 is no exposure.
    assert roll_up.programme.threat_exposure == Decimal(85_000)
    assert roll_up.by_strand["public-access"].threat_exposure == Decimal(85_000)


def test_issues_roll_up_with_their_projects() -> None:
    roll_up = raid_roll_up(programme())
    assert (
        roll_up.by_strand["public-access"].issues,
        roll_up.by_strand["public-access"].open_issues,
    ) == (2, 1)
    assert (roll_up.programme.issues, roll_up.programme.open_issues) == (3, 2)
    assert roll_up.by_tranche["t1"].issues == 2
    assert roll_up.by_tranche[None].issues == 1


def test_tranche_roll_up() -> None:
    tranches = raid_roll_up(programme()).by_tranche
    assert (tranches["t1"].risks, tranches["t2"].risks, tranches[None].risks) == (3, 3, 1)


def test_programme_board_sees_escalated_and_significant_risks_worst_first() -> None:
    board = raid_roll_up(programme()).for_programme_board()
    # O1 and R5 both 16; O1's exposure (70% x £1m = £700k) is larger.
    # P1 is on the programme register.
    assert [line.id for line in board] == ["O1", "R5", "R1", "P1", "R4"]
    assert board[1].strand == "public-access"
    assert board[1].register == "llp"


def test_heat_map_counts_active_risks_per_cell() -> None:
    grid = heat_map(
        pm.Programme(
            id="x",
            name="X",
            risks=[
                risk("a", 5, 1),
                risk("b", 5, 1, residual_probability=2),
                risk("c", 1, 5),
                risk("d", 3, 3, status="closed"),
            ],
        )
    )
    assert grid.cells == {(5, 1): 2, (1, 5): 1}
    assert grid.rows()[0] == [2, 0, 0, 0, 0]  # probability 5
    assert grid.rows()[4] == [0, 0, 0, 0, 1]  # probability 1


def test_residual_heat_map_uses_residual_scores_where_assessed() -> None:
    grid = heat_map(
        pm.Programme(
            id="x",
            name="X",
            risks=[risk("a", 5, 1), risk("b", 5, 1, residual_probability=2)],
        ),
        residual=True,
    )
    assert grid.cells == {(5, 1): 1, (2, 1): 1}
    assert grid.residual


def test_a_risk_on_another_scale_is_read_on_the_programme_grid_everywhere() -> None:
    # Issue 14: a 3 x 3 risk on a 3-point scale scored 25 in `check` but 9 in RAID and the
    # heat map. Level 3 of 3 is the top band, so it is level 5 of 5: 5 x 5 = 25 everywhere.
    plan = pm.Programme(id="x", name="X", risks=[risk("a", 3, 3, scale=3)])
    assert raid_roll_up(plan).risks[0].score == 25
    assert heat_map(plan).cells == {(5, 5): 1}


def test_a_mitigated_risk_is_placed_by_its_residual_score() -> None:
    # Issue 14: the default basis is the residual score once a response is recorded.
    mitigated = risk("m", 4, 5, response="reduce", residual_probability=1, residual_impact=3)
    plan = pm.Programme(id="x", name="X", risks=[mitigated])
    line = raid_roll_up(plan).risks[0]
    assert (line.score, line.inherent_score, line.residual_score) == (3, 20, 3)
    assert not line.significant
    assert heat_map(plan).cells == {(1, 3): 1}
    assert heat_map(plan, residual=False).cells == {(4, 5): 1}
    plan.risk_grid.escalation_basis = "inherent"  # type: ignore[assignment]
    assert raid_roll_up(plan).risks[0].significant
    assert heat_map(plan).cells == {(4, 5): 1}


def test_inherent_and_residual_scores_on_either_basis_with_or_without_residual_levels() -> None:
    # By hand: with a response recorded the residual drives (probability 2 x impact 5 =
    # 10 residual, 4 x 5 = 20 inherent); with none, the inherent one (4 x 5 = 20), and a
    # risk with no residual levels has its inherent levels as residual: 20 and 20. Only
    # one residual level given: the other is the inherent one (2 x 5 = 10).
    risks = [
        risk("answered", 4, 5, response="reduce", residual_probability=2),
        risk("unanswered", 4, 5, residual_probability=2),
        risk("bare", 4, 5),
        risk("bare-answered", 4, 5, response="accept"),
    ]
    plan = pm.Programme(id="x", name="X", risks=risks)
    driving = {
        "current": [10, 20, 20, 20],  # residual once answered, inherent before
        "inherent": [20, 20, 20, 20],
        "residual": [10, 10, 20, 20],
    }
    for basis, scores in driving.items():
        plan.risk_grid.escalation_basis = basis  # type: ignore[assignment]
        lines = raid_roll_up(plan).risks
        assert [r.score for r in lines] == scores, basis
        assert [(r.inherent_score, r.residual_score) for r in lines] == [
            (20, 10),
            (20, 10),
            (20, 20),
            (20, 20),
        ], basis


def test_trend_since_the_baseline() -> None:
    plan = programme()
    assert all(line.trend is None for line in raid_roll_up(plan).risks)  # no baseline
    baseline = pm.Baseline(
        id="b",
        name="Board",
        date="2013-01-01",
        risks=[{"id": "R1", "score": 12}, {"id": "R2", "score": 14}, {"id": "R4", "score": 2}],
    )
    plan.baselines = [baseline]
    trends = {line.id: line.trend for line in raid_roll_up(plan).risks}
    # R1 15 (was 12), R2 14 (same), R4 2 (same), R5 and the rest new
    assert (trends["R1"], trends["R2"], trends["R4"], trends["R5"]) == ("up", "same", "same", "new")
    lower = pm.Baseline(id="c", name="Later", date="2013-02-01", risks=[{"id": "R1", "score": 20}])
    assert {line.id: line.trend for line in raid_roll_up(plan, lower).risks}["R1"] == "down"
