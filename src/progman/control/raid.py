"""RAID roll-up: project risks and issues rolled up to strand, tranche and programme,
the escalated and significant risks a programme board reviews, and heat-map data."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .._records import quick_init
from ..model import Baseline, Programme, Project, Risk, RiskKind, ScoreBasis, assess_risk

__all__ = ["HeatMap", "RaidCounts", "RaidRollUp", "RiskLine", "heat_map", "raid_roll_up"]


@quick_init
@dataclass(frozen=True, slots=True)
class RiskLine:
    """One risk with the places it rolls up to."""

    id: str
    title: str
    kind: str
    register: str | None
    """The project whose register holds it; None for the programme register."""
    strand: str | None
    tranche: str | None
    owner: str | None
    score: int
    """The score that drives escalation (`assess_risk`: residual once a response is
    recorded, by default), on the programme's grid."""
    inherent_score: int
    """Inherent score on the programme's grid."""
    residual_score: int
    """Residual score on the programme's grid (the inherent one where not assessed)."""
    exposure: Decimal | None
    """Expected monetary value (likelihood x monetary impact), where impact is money."""
    active: bool
    escalated: bool
    """Held on the programme register or marked escalated."""
    significant: bool
    """An active threat scoring at or above the programme's escalation threshold."""
    trend: str | None = None
    """Since the baseline: `up`, `down`, `same`, or `new`; None when there is no baseline."""
    to_exploit: bool = False
    """An active opportunity scoring at or above the escalation threshold: escalated for
    exploitation, never counted as a significant (threat) risk."""


@dataclass(frozen=True, slots=True)
class RaidCounts:
    """Risk and issue counts for one group (a strand, a tranche, the programme)."""

    risks: int = 0
    active_risks: int = 0
    significant_risks: int = 0
    """Active threats at or above the escalation threshold (opportunities never count)."""
    threat_exposure: Decimal = Decimal(0)
    issues: int = 0
    open_issues: int = 0


@dataclass(frozen=True)
class RaidRollUp:
    """Risks and issues rolled up from projects to strands, tranches and the programme.

    >>> import progman as pm
    >>> programme = pm.Programme(id="x", name="X",
    ...     strands=[pm.Strand(id="pa", name="Public Access", projects=["portal"])],
    ...     projects=[pm.Project(id="portal", name="Portal", risks=[
    ...         pm.Risk(id="R1", title="IT delay", probability=4, impact=4, owner="pa-lead")])])
    >>> roll_up = raid_roll_up(programme)
    >>> roll_up.by_strand["pa"].significant_risks, [r.id for r in roll_up.for_programme_board()]
    (1, ['R1'])
    """

    risks: tuple[RiskLine, ...]
    by_strand: dict[str | None, RaidCounts]
    by_tranche: dict[str | None, RaidCounts]
    programme: RaidCounts

    def for_programme_board(self) -> list[RiskLine]:
        """Active risks that are escalated, significant threats or opportunities to
        exploit, highest score first."""
        lines = [
            r for r in self.risks if r.active and (r.escalated or r.significant or r.to_exploit)
        ]
        return sorted(lines, key=lambda r: (-r.score, -(r.exposure or 0), r.id))


def _strand_of_project(programme: Programme) -> dict[str, str]:
    return {pid: strand.id for strand in programme.strands for pid in strand.projects}


def _trend(risk: Risk, then: dict[str, int] | None) -> str | None:
    if then is None:
        return None
    if risk.id not in then:
        return "new"
    was = then[risk.id]
    return "up" if risk.score > was else "down" if risk.score < was else "same"


def _line(
    programme: Programme,
    project: Project | None,
    risk: Risk,
    strands: dict[str, str],
    then: dict[str, int] | None,
) -> RiskLine:
    strand = risk.strand or (strands.get(project.id) if project else None)
    grid = programme.risk_grid
    assessed = assess_risk(risk, grid)
    # The basis escalation uses is one of the two, and a risk with no residual levels
    # reads its inherent ones on both: that one assessment is not worked out again.
    alike = risk.residual_probability is None and risk.residual_impact is None
    inherent = (
        assessed
        if alike or assessed.basis is ScoreBasis.INHERENT
        else assess_risk(risk, grid, ScoreBasis.INHERENT)
    )
    residual = (
        assessed
        if alike or assessed.basis is ScoreBasis.RESIDUAL
        else assess_risk(risk, grid, ScoreBasis.RESIDUAL)
    )
    high = risk.active and assessed.score >= grid.escalation_threshold
    threat = risk.kind is RiskKind.THREAT
    return RiskLine(
        id=risk.id,
        title=risk.title,
        kind=str(risk.kind),
        register=project.id if project else None,
        strand=strand,
        tranche=project.tranche if project else None,
        owner=risk.owner,
        score=assessed.score,
        inherent_score=inherent.score,
        residual_score=residual.score,
        exposure=assessed.expected_value,
        active=risk.active,
        escalated=project is None or risk.escalated_to is not None,
        significant=high and threat,
        trend=_trend(risk, then),
        to_exploit=high and not threat,
    )


class _IssuePlace(NamedTuple):
    strand: str | None
    tranche: str | None
    open: bool


_Placed = RiskLine | _IssuePlace


def _counts(lines: list[RiskLine], issues: list[_IssuePlace]) -> RaidCounts:
    return RaidCounts(
        risks=len(lines),
        active_risks=sum(line.active for line in lines),
        significant_risks=sum(line.significant for line in lines),
        threat_exposure=sum(
            (
                line.exposure
                for line in lines
                if line.active and line.exposure is not None and line.kind == RiskKind.THREAT
            ),
            Decimal(0),
        ),
        issues=len(issues),
        open_issues=sum(issue.open for issue in issues),
    )


def _group(
    lines: list[RiskLine], issues: list[_IssuePlace], key: Callable[[_Placed], str | None]
) -> dict[str | None, RaidCounts]:
    risk_groups: dict[str | None, list[RiskLine]] = defaultdict(list)
    issue_groups: dict[str | None, list[_IssuePlace]] = defaultdict(list)
    for line in lines:
        risk_groups[key(line)].append(line)
    for issue in issues:
        issue_groups[key(issue)].append(issue)
    keys = sorted(set(risk_groups) | set(issue_groups), key=lambda k: (k is None, k or ""))
    return {k: _counts(risk_groups[k], issue_groups[k]) for k in keys}


def raid_roll_up(programme: Programme, baseline: Baseline | None = None) -> RaidRollUp:
    """Roll every register up to strands, tranches and the programme.

    Each risk's trend is measured against `baseline` (the programme's latest
    baseline when not given; no trend when it has none).
    """
    strands = _strand_of_project(programme)
    chosen = baseline or (programme.baselines[-1] if programme.baselines else None)
    then = {r.id: r.score for r in chosen.risks} if chosen is not None else None
    lines = [
        _line(programme, project, risk, strands, then) for project, risk in programme.all_risks()
    ]
    issues = [
        _IssuePlace(
            strands.get(project.id) if project else None,
            project.tranche if project else None,
            issue.open,
        )
        for project, issue in programme.all_issues()
    ]
    return RaidRollUp(
        risks=tuple(lines),
        by_strand=_group(lines, issues, lambda placed: placed.strand),
        by_tranche=_group(lines, issues, lambda placed: placed.tranche),
        programme=_counts(lines, issues),
    )


@dataclass(frozen=True)
class HeatMap:
    """Counts of active risks per probability x impact cell of the programme's grid.

    `cells[(probability, impact)]` is the count; `rows()` gives the grid as a
    board paper draws it, highest probability first.
    """

    size: int
    cells: dict[tuple[int, int], int]
    residual: bool | None
    """True for residual scores, False for inherent, None for each risk's driving score."""

    def rows(self) -> list[list[int]]:
        """Grid rows from probability `size` down to 1; columns impact 1 to `size`."""
        return [
            [self.cells.get((p, i), 0) for i in range(1, self.size + 1)]
            for p in range(self.size, 0, -1)
        ]


def heat_map(programme: Programme, *, residual: bool | None = None) -> HeatMap:
    """Active risks counted per cell of the programme's grid.

    Each risk sits where escalation scores it (`assess_risk`: residual once a
    response is recorded, by default); `residual=False` or `True` asks for the
    inherent or residual map. Risks scored on another grid are rescaled.

    >>> import progman as pm
    >>> programme = pm.Programme(id="x", name="X", risks=[
    ...     pm.Risk(id="a", title="A", probability=5, impact=1),
    ...     pm.Risk(id="b", title="B", probability=5, impact=1),
    ...     pm.Risk(id="c", title="C", probability=1, impact=5, status="closed")])
    >>> heat_map(programme).rows()[0]
    [2, 0, 0, 0, 0]
    """
    grid = programme.risk_grid
    basis = None if residual is None else ScoreBasis.RESIDUAL if residual else ScoreBasis.INHERENT
    counts: Counter[tuple[int, int]] = Counter()
    for _, risk in programme.all_risks():
        if not risk.active:
            continue
        assessed = assess_risk(risk, grid, basis)
        counts[assessed.probability, assessed.impact] += 1
    return HeatMap(size=grid.size, cells=dict(counts), residual=residual)
